//! Audience trajectory fan chart: followers per day over a date axis, with the
//! median line, P10–P90 and P5–P95 uncertainty bands, the mean, the starting
//! audience as a reference line and the transfer/settled dates marked.

use chrono::NaiveDate;
use plotters::prelude::*;

use super::{
    build_chart, date_at, date_axis_ticks, date_label_width, day_offset, draw_line, draw_mesh,
    format_thousands, half_label_room, min_max, nice_axis, plot_width, render_framed, text_style,
    text_width, usable, Chart, ChartError, ChartKind, ChartSize, LegendItem, Look, Mesh, Png,
    Swatch, Theme, TickAxis, BLUE_OI, GREEN_OI, INK, MUTED, PURPLE, VERMILLION,
};

/// Forecast of the audience on one day (all values in followers).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrajectoryPoint {
    /// The day.
    pub date: NaiveDate,
    /// Mean over the simulated runs.
    pub mean: f64,
    /// 5th percentile.
    pub p5: f64,
    /// 10th percentile.
    pub p10: f64,
    /// Median.
    pub p50: f64,
    /// 90th percentile.
    pub p90: f64,
    /// 95th percentile.
    pub p95: f64,
}

/// Data for [`trajectory_png`].
#[derive(Debug, Clone, PartialEq)]
pub struct TrajectoryChart {
    /// Title drawn at the top.
    pub title: String,
    /// One point per day; order does not matter (they are sorted by date).
    pub points: Vec<TrajectoryPoint>,
    /// Day the followers are transferred, drawn as a vertical line.
    pub transfer: Option<NaiveDate>,
    /// Day the migration is considered settled, drawn as a dashed vertical line.
    pub settled: Option<NaiveDate>,
    /// Audience before the migration, drawn as a horizontal reference line.
    pub start_audience: f64,
    /// The `--at-least` threshold and the chance of reaching it on the last day, drawn as a
    /// labelled horizontal line.
    pub threshold: Option<(f64, f64)>,
}

/// Renders the trajectory fan chart as PNG bytes.
///
/// Non-finite values are skipped (lines and bands break around them). Fails
/// with [`ChartError::NoData`] when there are no points or no finite values,
/// and with a size error when `size` is outside 400x300 ..= 8000x8000.
pub fn trajectory_png(
    c: &TrajectoryChart,
    size: ChartSize,
    look: &Look,
) -> Result<Png, ChartError> {
    let m = &look.messages;
    let mut pts: Vec<TrajectoryPoint> = c.points.clone();
    if pts.is_empty() {
        return Err(ChartError::NoData(ChartKind::Trajectory));
    }
    pts.sort_by_key(|p| p.date);
    let values = pts
        .iter()
        .flat_map(|p| [p.mean, p.p5, p.p10, p.p50, p.p90, p.p95])
        .chain(std::iter::once(c.start_audience))
        .chain(c.threshold.map(|(t, _)| t));
    let (y_lo, y_hi) = min_max(values).ok_or(ChartError::NoData(ChartKind::Trajectory))?;
    let yaxis = nice_axis(y_lo, y_hi, 7, 0.03, true);

    // The x axis counts days from the earliest date shown, so it can include
    // transfer/settled days that lie outside the forecast window.
    let mut d0 = pts[0].date;
    let mut d1 = pts[pts.len() - 1].date;
    for d in [c.transfer, c.settled].into_iter().flatten() {
        d0 = d0.min(d);
        d1 = d1.max(d);
    }
    let base = d0;
    let (mut x0, mut x1) = (0.0, day_offset(base, d1));
    if x1 - x0 < 1.0 {
        // A single day has no width: show a day either side.
        x0 -= 1.0;
        x1 += 1.0;
    } else {
        // Half a day of air so the first/last values are not drawn on the axes.
        x0 -= 0.5;
        x1 += 0.5;
    }

    let band_outer = BLUE_OI.mix(0.14);
    let band_inner = BLUE_OI.mix(0.30);
    let mut legend = vec![
        LegendItem::new(m.text("chart-median"), Swatch::line(BLUE_OI, 4.0, false)),
        LegendItem::new(m.text("chart-mean"), Swatch::line(PURPLE, 3.0, true)),
        LegendItem::new(m.text("chart-p10-p90"), Swatch::Fill(BLUE_OI.mix(0.39))),
        LegendItem::new(m.text("chart-p5-p95"), Swatch::Fill(band_outer)),
    ];
    if usable(c.start_audience) {
        legend.push(LegendItem::new(
            m.msg(
                "chart-starting-audience",
                &[("n", format_thousands(c.start_audience, 0).into())],
            ),
            Swatch::line(MUTED, 2.0, true),
        ));
    }
    let threshold = c.threshold.filter(|(t, _)| usable(*t));
    if let Some((t, p)) = threshold {
        legend.push(LegendItem::new(
            m.msg(
                "chart-at-least",
                &[
                    ("n", format_thousands(t, 0).into()),
                    ("chance", format_thousands(p * 100.0, 1).into()),
                ],
            ),
            Swatch::line(INK, 3.0, false),
        ));
    }
    // Transfer and settled dates: (date, legend text, colour, dashes).
    let marks = [
        (c.transfer, "chart-transfer-on", VERMILLION, None),
        (c.settled, "chart-settled-on", GREEN_OI, Some((14.0, 8.0))),
    ];
    for (d, name, colour, dash) in marks {
        if let Some(d) = d {
            legend.push(LegendItem::new(
                m.msg(name, &[("date", m.date(d).into())]),
                Swatch::line(colour, 3.0, dash.is_some()),
            ));
        }
    }

    render_framed(size, look, &c.title, &legend, |root, area, th| {
        let (area_w, _) = area.dim_in_pixel();
        let tick = text_style(th.tick_size(), false, INK);

        let mut widest = 0;
        for t in &yaxis.ticks {
            widest = widest.max(text_width(root, &yaxis.label(*t), &tick)?);
        }
        let y_area = th.y_label_area(widest);
        let date_w = date_label_width(root, th)?;
        // Room for half of a date label centred on the last tick.
        let right = half_label_room(date_w, th);
        let plot_w = plot_width(area_w, y_area, right);
        let x_ticks =
            date_axis_ticks(base, (x0, x1), plot_w, date_w).unwrap_or_else(|| vec![x0, x1]);

        let mut chart = build_chart(
            area,
            th,
            y_area,
            (right, th.px(16.0)),
            TickAxis::new(x0, x1, x_ticks),
            TickAxis::from(&yaxis),
        )?;
        draw_mesh(
            &mut chart,
            th,
            &Mesh::numeric(&m.text("chart-date"), &m.text("chart-audience"), th),
            &|x| {
                date_at(base, *x)
                    .map(|d| m.axis_date(d))
                    .unwrap_or_default()
            },
            &|y| yaxis.label(*y),
        )?;

        let xs: Vec<f64> = pts.iter().map(|p| day_offset(base, p.date)).collect();

        // Bands: outer first so the inner band sits on top of it. Runs with
        // missing values are drawn as separate polygons instead of bridging.
        for (lo_of, hi_of, colour) in [
            (
                (|p: &TrajectoryPoint| p.p5) as fn(&TrajectoryPoint) -> f64,
                (|p: &TrajectoryPoint| p.p95) as fn(&TrajectoryPoint) -> f64,
                band_outer,
            ),
            (|p| p.p10, |p| p.p90, band_inner),
        ] {
            for run in runs(&pts, |p| usable(lo_of(p)) && usable(hi_of(p))) {
                let mut poly: Vec<(f64, f64)> =
                    run.clone().map(|i| (xs[i], hi_of(&pts[i]))).collect();
                poly.extend(run.rev().map(|i| (xs[i], lo_of(&pts[i]))));
                if poly.len() == 2 {
                    // A single day: a vertical range line instead of a polygon.
                    draw_line(&mut chart, poly, colour.stroke_width(th.upx(8.0)), None)?;
                } else {
                    chart.draw_series(std::iter::once(Polygon::new(poly, colour.filled())))?;
                }
            }
        }

        // Reference line for the starting audience.
        if usable(c.start_audience) {
            draw_line(
                &mut chart,
                vec![(x0, c.start_audience), (x1, c.start_audience)],
                MUTED.stroke_width(th.upx(2.0)),
                Some((th.px(12.0), th.px(8.0))),
            )?;
        }

        // The --at-least threshold, solid so it reads apart from the dashed start line.
        if let Some((t, _)) = threshold {
            draw_line(
                &mut chart,
                vec![(x0, t), (x1, t)],
                INK.stroke_width(th.upx(3.0)),
                None,
            )?;
        }

        // Transfer and settled markers span the whole y range.
        for (d, _, colour, dash) in marks {
            if let Some(d) = d {
                let x = day_offset(base, d);
                draw_line(
                    &mut chart,
                    vec![(x, yaxis.lo), (x, yaxis.hi)],
                    colour.stroke_width(th.upx(3.0)),
                    dash.map(|(size, gap)| (th.px(size), th.px(gap))),
                )?;
            }
        }

        // Mean (dashed) under the median so the median stays crisp.
        let mean = Series {
            value: |p| p.mean,
            colour: PURPLE,
            width: 3.0,
            dash: Some((12.0, 7.0)),
            dot: 5.0,
        };
        let median = Series {
            value: |p| p.p50,
            colour: BLUE_OI,
            width: 4.0,
            dash: None,
            dot: 7.0,
        };
        for series in [mean, median] {
            draw_series_line(&mut chart, &pts, &xs, &series, th)?;
        }
        Ok(())
    })
}

/// A line through one value of every point (at design size).
struct Series {
    value: fn(&TrajectoryPoint) -> f64,
    colour: RGBColor,
    width: f64,
    /// Dash length and gap, for a dashed line.
    dash: Option<(f64, f64)>,
    /// Radius of the dot drawn for a run of a single point.
    dot: f64,
}

/// Draws `s` through the points at `xs`, broken where values are missing; a
/// run of one point becomes a dot.
fn draw_series_line(
    chart: &mut Chart<'_, '_>,
    pts: &[TrajectoryPoint],
    xs: &[f64],
    s: &Series,
    th: &Theme,
) -> Result<(), ChartError> {
    for run in runs(pts, |p| usable((s.value)(p))) {
        let line: Vec<(f64, f64)> = run.map(|i| (xs[i], (s.value)(&pts[i]))).collect();
        if line.len() > 1 {
            let dash = s.dash.map(|(size, gap)| (th.px(size), th.px(gap)));
            draw_line(chart, line, s.colour.stroke_width(th.upx(s.width)), dash)?;
        } else {
            chart.draw_series(
                line.into_iter()
                    .map(|p| Circle::new(p, th.px(s.dot), s.colour.filled())),
            )?;
        }
    }
    Ok(())
}

/// Index ranges of consecutive points satisfying `ok`.
fn runs(
    pts: &[TrajectoryPoint],
    ok: impl Fn(&TrajectoryPoint) -> bool,
) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, p) in pts.iter().enumerate() {
        match (ok(p), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..pts.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{assert_no_data, check_png, en, standard_checks_of};
    use super::*;

    /// A flat median line has the same thickness and height at its ends as in its middle
    /// (plotters' thick-path polygons bent the first and last segments into hooks).
    #[test]
    fn a_flat_line_has_no_hooks_at_its_ends() {
        let start = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let points = (0..60)
            .map(|i| TrajectoryPoint {
                date: start + chrono::Days::new(i),
                mean: f64::NAN,
                p5: 120_000.0,
                p10: 120_000.0,
                p50: 120_000.0,
                p90: 120_000.0,
                p95: 120_000.0,
            })
            .collect();
        let chart = TrajectoryChart {
            title: "Flat".into(),
            points,
            transfer: None,
            settled: None,
            start_audience: f64::NAN,
            threshold: None,
        };
        for (w, h) in [(1000, 625), (1600, 1000), (400, 300)] {
            assert_line_is_even(&chart, w, h);
        }
    }

    fn assert_line_is_even(chart: &TrajectoryChart, w: u32, h: u32) {
        let png = trajectory_png(chart, ChartSize::new(w, h).unwrap(), en()).unwrap();
        let img = check_png(&png, w, h);
        // Rows of coloured (not white or grey) pixels per column: the line and any
        // blended edge pixels around it.
        let mut extents = Vec::new();
        for x in 0..img.width {
            let rows: Vec<u32> = (0..img.height)
                .filter(|&y| {
                    let i = ((y * img.width + x) * 3) as usize;
                    let (r, g, b) = (img.rgb[i], img.rgb[i + 1], img.rgb[i + 2]);
                    !(r == g && g == b)
                })
                .collect();
            // The legend swatch is in the header; only the plot (lower part) counts.
            let rows: Vec<u32> = rows.into_iter().filter(|&y| y > h / 6).collect();
            if let (Some(&top), Some(&bottom)) = (rows.first(), rows.last()) {
                extents.push((top, bottom));
            }
        }
        assert!(extents.len() as u32 > w / 2, "line drawn across the plot");
        let middle = extents[extents.len() / 2];
        for (i, &(top, bottom)) in extents.iter().enumerate() {
            assert!(
                top >= middle.0 && bottom <= middle.1,
                "{w}x{h}: column {i} of the line spans rows {top}–{bottom}, the middle {middle:?}"
            );
        }
    }

    /// The `--at-least` threshold is drawn: the chart changes where the line runs.
    #[test]
    fn the_threshold_is_drawn() {
        let plain = sample(40);
        let mut with = sample(40);
        with.threshold = Some((110_000.0, 0.4));
        let a = check_png(
            &trajectory_png(&plain, ChartSize::default(), en()).unwrap(),
            1600,
            1000,
        );
        let b = check_png(
            &trajectory_png(&with, ChartSize::default(), en()).unwrap(),
            1600,
            1000,
        );
        let ink = [INK.0, INK.1, INK.2];
        let count = |img: &super::super::test_util::Decoded| {
            img.rgb.chunks(3).filter(|p| *p == ink).count()
        };
        // A 3 px line across most of a 1600 px plot adds thousands of ink pixels.
        assert!(
            count(&b) > count(&a) + 2_000,
            "{} vs {}",
            count(&b),
            count(&a)
        );
    }

    fn sample(n: usize) -> TrajectoryChart {
        let start = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let points = (0..n)
            .map(|i| {
                let t = i as f64;
                let p50 = 120_000.0 - 30_000.0 * (1.0 - (-t / 12.0).exp()) + 200.0 * t;
                let spread = 1_500.0 + 120.0 * t;
                TrajectoryPoint {
                    date: start + chrono::Days::new(i as u64),
                    mean: p50 - 300.0,
                    p5: p50 - 1.65 * spread,
                    p10: p50 - 1.28 * spread,
                    p50,
                    p90: p50 + 1.28 * spread,
                    p95: p50 + 1.65 * spread,
                }
            })
            .collect();
        TrajectoryChart {
            title: "Audience forecast: Demo Account".into(),
            points,
            transfer: NaiveDate::from_ymd_opt(2026, 3, 8),
            settled: NaiveDate::from_ymd_opt(2026, 4, 10),
            start_audience: 120_000.0,
            threshold: None,
        }
    }

    #[test]
    fn passes_standard_checks() {
        standard_checks_of(&sample(61), |c| &mut c.title, trajectory_png);
    }

    #[test]
    fn degenerate_data_does_not_panic() {
        // One point.
        let one = sample(1);
        check_png(
            &trajectory_png(&one, ChartSize::default(), en()).unwrap(),
            1600,
            1000,
        );
        // Constant values, no markers.
        let mut flat = sample(20);
        for p in &mut flat.points {
            *p = TrajectoryPoint {
                mean: 5.0,
                p5: 5.0,
                p10: 5.0,
                p50: 5.0,
                p90: 5.0,
                p95: 5.0,
                ..*p
            };
        }
        flat.start_audience = 5.0;
        flat.transfer = None;
        flat.settled = None;
        assert!(trajectory_png(&flat, ChartSize::default(), en()).is_ok());
        // NaN and infinities scattered through the data.
        let mut bad = sample(20);
        bad.points[3].p50 = f64::NAN;
        bad.points[4].p5 = f64::INFINITY;
        bad.points[7].mean = f64::NEG_INFINITY;
        bad.start_audience = f64::NAN;
        assert!(trajectory_png(&bad, ChartSize::default(), en()).is_ok());
        // Everything NaN: an error, not a panic.
        let mut nan = sample(3);
        for p in &mut nan.points {
            *p = TrajectoryPoint {
                mean: f64::NAN,
                p5: f64::NAN,
                p10: f64::NAN,
                p50: f64::NAN,
                p90: f64::NAN,
                p95: f64::NAN,
                ..*p
            };
        }
        nan.start_audience = f64::NAN;
        assert_no_data(trajectory_png(&nan, ChartSize::default(), en()));
        // Empty.
        let mut empty = sample(0);
        empty.points.clear();
        assert_no_data(trajectory_png(&empty, ChartSize::default(), en()));
        // Markers far outside the forecast window and unsorted points.
        let mut far = sample(10);
        far.points.reverse();
        far.transfer = NaiveDate::from_ymd_opt(2020, 1, 1);
        far.settled = NaiveDate::from_ymd_opt(2031, 1, 1);
        assert!(trajectory_png(&far, ChartSize::default(), en()).is_ok());
    }
}
