//! Chart data of a simulate forecast: the trajectory and the histogram of retained followers.

use super::{HistogramChart, TrajectoryChart, TrajectoryPoint};
use crate::fmt::thousands;
use crate::forecast::Forecast;
use crate::i18n::Messages;

/// The trajectory chart of a forecast (SPEC §5): P50 line, P10–P90 and P5–P95 bands, the P50
/// transfer and settled dates, the starting audience.
pub fn trajectory_chart(f: &Forecast, m: &Messages) -> TrajectoryChart {
    TrajectoryChart {
        title: title("chart-audience-per-day", f, m),
        points: f
            .trajectory
            .iter()
            .map(|d| TrajectoryPoint {
                date: d.date,
                mean: d.stats.mean,
                p5: d.stats.p5,
                p10: d.stats.p10,
                p50: d.stats.p50,
                p90: d.stats.p90,
                p95: d.stats.p95,
            })
            .collect(),
        transfer: Some(f.dates.transfer.p50),
        settled: Some(f.dates.settled.p50),
        start_audience: f.trajectory.first().map_or(0.0, |d| d.stats.p50),
        threshold: f.probability_at_least.as_ref().map(|a| (a.threshold, a.p)),
    }
}

/// The histogram of retained followers over the runs, with P5/P50/P95.
pub fn histogram_chart(f: &Forecast, m: &Messages) -> HistogramChart {
    let r = &f.metrics.retained_followers;
    HistogramChart {
        title: title("chart-retained-followers", f, m),
        x_label: m.text("chart-retained-followers"),
        values: f.retained_samples.clone(),
        p5: r.p5,
        p50: r.p50,
        p95: r.p95,
    }
}

/// A chart title: what is shown (message `what`), then the route, audience,
/// runs and seed.
fn title(what: &str, f: &Forecast, m: &Messages) -> String {
    m.msg(
        "chart-forecast-title",
        &[
            ("what", m.text(what).into()),
            ("route", m.text(&format!("route-{}", f.route)).into()),
            ("followers", thousands(f.scenario.followers as f64).into()),
            ("runs", thousands(f.provenance.runs as f64).into()),
            ("seed", f.provenance.seed.to_string().into()),
        ],
    )
}
