//! `fanplan simulate`: the forecast as a table for people (JSON is the Forecast itself).

use super::fmt::{header, percent, table, thousands, yuan};
use super::precision::{at_least, goal, rounded, rounded_mean, sampling};
use super::Document;
use crate::forecast::{Forecast, Warning};
use crate::stats::Summary;
use std::io::{self, Write};

fn row(label: &str, s: &Summary, f: fn(f64) -> String) -> Vec<String> {
    vec![
        label.to_string(),
        f(s.p5),
        f(s.p10),
        f(s.p50),
        f(s.p90),
        f(s.p95),
        f(s.mean),
    ]
}

/// A row whose cells are rounded to the step their 95% intervals support, never finer than
/// `floor` (see [`super::precision`]).
fn rounded_row(label: &str, s: &Summary, floor: f64, f: fn(f64) -> String) -> Vec<String> {
    let ci = s.ci95.as_ref();
    let r = |x: f64, b: Option<&crate::intervals::Bounds>| f(rounded(x, b, floor));
    vec![
        label.to_string(),
        r(s.p5, ci.map(|c| &c.p5)),
        r(s.p10, ci.map(|c| &c.p10)),
        r(s.p50, ci.map(|c| &c.p50)),
        r(s.p90, ci.map(|c| &c.p90)),
        r(s.p95, ci.map(|c| &c.p95)),
        f(rounded_mean(s.mean, s.se, floor)),
    ]
}

/// "P5 84,900–85,300 · P50 …" from a summary's intervals, or `None` without them.
fn precision_line(s: &Summary) -> Option<String> {
    let ci = s.ci95.as_ref()?;
    let end = |x: Option<f64>| x.map_or("?".to_string(), thousands);
    Some(
        [("P5", &ci.p5), ("P50", &ci.p50), ("P95", &ci.p95)]
            .iter()
            .map(|(name, b)| format!("{name} {}–{}", end(b.low), end(b.high)))
            .collect::<Vec<_>>()
            .join(" · "),
    )
}

fn days(v: f64) -> String {
    format!("{v:.1}")
}

impl Document for Forecast {
    /// The trajectory, one row per day: `day,date,mean,p5,p10,p50,p90,p95`.
    fn csv(&self, w: &mut dyn Write) -> io::Result<()> {
        super::csv_rows(
            w,
            &["day", "date", "mean", "p5", "p10", "p50", "p90", "p95"],
            self.trajectory.iter().map(|t| {
                let d = &t.stats;
                [
                    d.day.to_string(),
                    t.date.to_string(),
                    format!("{:.1}", d.mean),
                    format!("{:.1}", d.p5),
                    format!("{:.1}", d.p10),
                    format!("{:.1}", d.p50),
                    format!("{:.1}", d.p90),
                    format!("{:.1}", d.p95),
                ]
            }),
        )
    }

    fn table(&self, w: &mut dyn Write) -> io::Result<()> {
        let s = &self.scenario;
        let m = &self.metrics;
        writeln!(
            w,
            "{} {} account, {} followers → {} ({} target followers, overlap {})",
            s.source_subject,
            s.source_kind,
            thousands(s.followers as f64),
            self.route,
            thousands(s.target_followers as f64),
            percent(s.overlap),
        )?;
        writeln!(
            w,
            "{} runs{}{} · seed {} · retention {} · rules {} {} · start {} · horizon {} days",
            thousands(self.runs as f64),
            self.precision.as_ref().map_or(String::new(), goal),
            sampling(self.sampling),
            self.seed,
            self.dist.name(),
            self.rules.name,
            self.rules.version,
            s.start_date,
            s.horizon_days
        )?;
        let mut horizon_note = None;
        for note in &self.warnings {
            match note {
                Warning::HorizonBeforeSettled { .. } => {
                    horizon_note = Some(super::text::warning(note));
                }
                other => writeln!(w, "note: {}", super::text::warning(other))?,
            }
        }
        writeln!(w)?;
        let mut rows = vec![header(&["", "P5", "P10", "P50", "P90", "P95", "mean"])];
        rows.push(row("Retention rate", &m.retention_rate, percent));
        rows.push(rounded_row(
            "Retained followers",
            &m.retained_followers,
            1.0,
            thousands,
        ));
        rows.push(rounded_row(
            "Lost followers",
            &m.lost_followers,
            1.0,
            thousands,
        ));
        rows.push(rounded_row(
            &format!(
                "Audience on day {}{}",
                s.horizon_days,
                if horizon_note.is_some() { " *" } else { "" }
            ),
            &m.final_audience,
            1.0,
            thousands,
        ));
        rows.push(row("Transfer day", &m.transfer_day, days));
        rows.push(row("Settled day", &m.settled_day, days));
        rows.push(rounded_row("Cost (yuan)", &m.cost_yuan, 1.0, yuan));
        if let Some(cpr) = &m.cost_per_retained_follower {
            rows.push(rounded_row(
                "Cost per kept follower (yuan)",
                cpr,
                0.001,
                yuan,
            ));
        }
        if s.value_per_follower > 0.0 {
            rows.push(rounded_row(
                "Lost value (yuan)",
                &m.lost_value_yuan,
                1.0,
                yuan,
            ));
        }
        write!(w, "{}", table(&rows))?;
        if let Some(note) = horizon_note {
            writeln!(w, "* {note}")?;
        }
        if let Some(line) = precision_line(&m.final_audience) {
            writeln!(
                w,
                "Precision: 95% intervals of the audience on day {}: {line}; digits finer than these intervals are rounded off.",
                s.horizon_days
            )?;
        }
        writeln!(w)?;
        let d = &self.dates;
        writeln!(
            w,
            "Transfer date  P10 {}  P50 {}  P90 {}",
            d.transfer.p10, d.transfer.p50, d.transfer.p90
        )?;
        writeln!(
            w,
            "Settled date   P10 {}  P50 {}  P90 {}",
            d.settled.p10, d.settled.p50, d.settled.p90
        )?;
        if let Some(a) = &self.probability_at_least {
            writeln!(
                w,
                "Chance the audience on day {} is at least {}: {}",
                s.horizon_days,
                thousands(a.threshold),
                at_least(a)
            )?;
        }
        writeln!(w)?;
        let ids: Vec<&str> = self
            .assumptions
            .iter()
            .filter_map(|a| a.split(':').next())
            .collect();
        writeln!(
            w,
            "Assumptions in force ({}): see `fanplan rules`. Standard error of the mean retained: {}.",
            ids.join(", "),
            thousands(m.retained_followers.se)
        )?;
        Ok(())
    }
}
