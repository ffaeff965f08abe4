//! Audience trajectory fan chart: followers per day over a date axis, with the
//! median line, P10–P90 and P5–P95 uncertainty bands, the mean, the starting
//! audience as a reference line and the transfer/settled dates marked.

use chrono::NaiveDate;
use plotters::prelude::*;

use super::{
    date_at, date_ticks, day_offset, format_date, format_thousands, header, min_max, nice_axis,
    render, text_style, text_width, usable, ChartError, ChartSize, LegendItem, Swatch, TickAxis,
    BLUE_OI, GREEN_OI, GRID, INK, MUTED, PURPLE, VERMILLION,
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
    /// Title drawn at the top (Latin script renders; CJK shows as boxes).
    pub title: String,
    /// One point per day; order does not matter (they are sorted by date).
    pub points: Vec<TrajectoryPoint>,
    /// Day the followers are transferred, drawn as a vertical line.
    pub transfer: Option<NaiveDate>,
    /// Day the migration is considered settled, drawn as a dashed vertical line.
    pub settled: Option<NaiveDate>,
    /// Audience before the migration, drawn as a horizontal reference line.
    pub start_audience: f64,
}

/// Renders the trajectory fan chart as PNG bytes.
///
/// Non-finite values are skipped (lines and bands break around them). Fails
/// with [`ChartError::NoData`] when there are no points or no finite values,
/// and with a size error when `size` is outside 400x300 ..= 8000x8000.
pub fn trajectory_png(c: &TrajectoryChart, size: ChartSize) -> Result<Vec<u8>, ChartError> {
    size.validate()?;
    let mut pts: Vec<TrajectoryPoint> = c.points.clone();
    if pts.is_empty() {
        return Err(ChartError::NoData("the trajectory has no points".into()));
    }
    pts.sort_by_key(|p| p.date);
    let values = pts
        .iter()
        .flat_map(|p| [p.mean, p.p5, p.p10, p.p50, p.p90, p.p95])
        .chain(std::iter::once(c.start_audience));
    let (y_lo, y_hi) = min_max(values)
        .ok_or_else(|| ChartError::NoData("the trajectory has no finite values".into()))?;
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
        LegendItem::new(
            "Median (P50)",
            Swatch::Line {
                color: BLUE_OI.to_rgba(),
                width: 4.0,
                dashed: false,
            },
        ),
        LegendItem::new(
            "Mean",
            Swatch::Line {
                color: PURPLE.to_rgba(),
                width: 3.0,
                dashed: true,
            },
        ),
        LegendItem::new("P10–P90", Swatch::Fill(BLUE_OI.mix(0.39))),
        LegendItem::new("P5–P95", Swatch::Fill(band_outer)),
    ];
    if usable(c.start_audience) {
        legend.push(LegendItem::new(
            format!(
                "Starting audience ({})",
                format_thousands(c.start_audience, 0)
            ),
            Swatch::Line {
                color: MUTED.to_rgba(),
                width: 2.0,
                dashed: true,
            },
        ));
    }
    if let Some(d) = c.transfer {
        legend.push(LegendItem::new(
            format!("Transfer {}", format_date(d)),
            Swatch::Line {
                color: VERMILLION.to_rgba(),
                width: 3.0,
                dashed: false,
            },
        ));
    }
    if let Some(d) = c.settled {
        legend.push(LegendItem::new(
            format!("Settled {}", format_date(d)),
            Swatch::Line {
                color: GREEN_OI.to_rgba(),
                width: 3.0,
                dashed: true,
            },
        ));
    }

    render(size, |root, th| {
        let area = header(root, &c.title, &legend, th)?;
        let m = th.margin();
        let area = area.margin(0, m, m, m);
        let (area_w, _) = area.dim_in_pixel();
        let tick = text_style(th.tick_size(), false, INK);
        let desc = text_style(th.desc_size(), false, INK);

        let mut widest = 0;
        for t in &yaxis.ticks {
            widest = widest.max(text_width(root, &yaxis.label(*t), &tick)?);
        }
        let y_area = th.y_label_area(widest);
        let date_w = text_width(root, "2026-12-31", &tick)?;
        // Room for half of a date label centred on the last tick.
        let right = date_w / 2 + th.upx(6.0);
        let plot_w = area_w.saturating_sub(y_area + right).max(1);
        let max_ticks = (f64::from(plot_w) / (f64::from(date_w) * 1.6)).floor() as usize;
        let (t0, t1) = (date_at(base, x0.ceil()), date_at(base, x1.floor()));
        let x_ticks: Vec<f64> = match (t0, t1) {
            (Some(a), Some(b)) => date_ticks(a, b, max_ticks.clamp(2, 10))
                .into_iter()
                .map(|d| day_offset(base, d))
                .filter(|x| *x >= x0 && *x <= x1)
                .collect(),
            _ => vec![x0, x1],
        };

        let mut chart = ChartBuilder::on(&area)
            .x_label_area_size(th.x_label_area())
            .y_label_area_size(y_area)
            .margin_right(right)
            .margin_top(th.px(16.0))
            .build_cartesian_2d(TickAxis::new(x0, x1, x_ticks), TickAxis::from(&yaxis))?;
        let x_fmt = |x: &f64| date_at(base, *x).map(format_date).unwrap_or_default();
        let y_fmt = |y: &f64| yaxis.label(*y);
        chart
            .configure_mesh()
            .bold_line_style(GRID.stroke_width(th.upx(1.0)))
            .light_line_style(TRANSPARENT)
            .axis_style(super::AXIS.stroke_width(th.upx(2.0)))
            .set_all_tick_mark_size(th.tick_len())
            .x_label_style(tick.clone())
            .y_label_style(tick.clone())
            .y_label_offset(th.y_label_fix())
            .x_label_formatter(&x_fmt)
            .y_label_formatter(&y_fmt)
            .axis_desc_style(desc)
            .x_desc("Date")
            .y_desc("Audience (followers)")
            .draw()?;

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
                    chart.draw_series(std::iter::once(PathElement::new(
                        poly,
                        colour.stroke_width(th.upx(8.0)),
                    )))?;
                } else {
                    chart.draw_series(std::iter::once(Polygon::new(poly, colour.filled())))?;
                }
            }
        }

        // Reference line for the starting audience.
        if usable(c.start_audience) {
            chart.draw_series(DashedLineSeries::new(
                [(x0, c.start_audience), (x1, c.start_audience)],
                th.px(12.0),
                th.px(8.0),
                MUTED.stroke_width(th.upx(2.0)),
            ))?;
        }

        // Transfer and settled markers span the whole y range.
        if let Some(d) = c.transfer {
            let x = day_offset(base, d);
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(x, yaxis.lo), (x, yaxis.hi)],
                VERMILLION.stroke_width(th.upx(3.0)),
            )))?;
        }
        if let Some(d) = c.settled {
            let x = day_offset(base, d);
            chart.draw_series(DashedLineSeries::new(
                [(x, yaxis.lo), (x, yaxis.hi)],
                th.px(14.0),
                th.px(8.0),
                GREEN_OI.stroke_width(th.upx(3.0)),
            ))?;
        }

        // Mean (dashed) under the median so the median stays crisp.
        for run in runs(&pts, |p| usable(p.mean)) {
            let line: Vec<(f64, f64)> = run.map(|i| (xs[i], pts[i].mean)).collect();
            if line.len() > 1 {
                chart.draw_series(DashedLineSeries::new(
                    line,
                    th.px(12.0),
                    th.px(7.0),
                    PURPLE.stroke_width(th.upx(3.0)),
                ))?;
            } else {
                chart.draw_series(
                    line.into_iter()
                        .map(|p| Circle::new(p, th.px(5.0), PURPLE.filled())),
                )?;
            }
        }
        for run in runs(&pts, |p| usable(p.p50)) {
            let line: Vec<(f64, f64)> = run.map(|i| (xs[i], pts[i].p50)).collect();
            if line.len() > 1 {
                chart.draw_series(LineSeries::new(line, BLUE_OI.stroke_width(th.upx(4.0))))?;
            } else {
                chart.draw_series(
                    line.into_iter()
                        .map(|p| Circle::new(p, th.px(7.0), BLUE_OI.filled())),
                )?;
            }
        }
        Ok(())
    })
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
    use super::super::test_util::{check_png, decode, top_differs};
    use super::*;

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
        }
    }

    #[test]
    fn renders_at_requested_size() {
        // Extreme aspect ratios must still lay out without panicking.
        for (w, h) in [(8000, 300), (400, 2000)] {
            let size = ChartSize {
                width: w,
                height: h,
            };
            check_png(&trajectory_png(&sample(61), size).unwrap(), w, h);
        }
        let png = trajectory_png(&sample(61), ChartSize::default()).unwrap();
        check_png(&png, 1600, 1000);
        let small = trajectory_png(&sample(61), "400x300".parse().unwrap()).unwrap();
        check_png(&small, 400, 300);
    }

    #[test]
    fn draws_title_text() {
        let mut c = sample(30);
        let with = decode(&trajectory_png(&c, ChartSize::default()).unwrap());
        c.title.clear();
        let without = decode(&trajectory_png(&c, ChartSize::default()).unwrap());
        assert!(top_differs(&with, &without, 80));
    }

    #[test]
    fn is_deterministic() {
        let c = sample(61);
        let a = trajectory_png(&c, ChartSize::default()).unwrap();
        let b = trajectory_png(&c, ChartSize::default()).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn degenerate_data_does_not_panic() {
        // One point.
        let one = sample(1);
        check_png(
            &trajectory_png(&one, ChartSize::default()).unwrap(),
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
        assert!(trajectory_png(&flat, ChartSize::default()).is_ok());
        // NaN and infinities scattered through the data.
        let mut bad = sample(20);
        bad.points[3].p50 = f64::NAN;
        bad.points[4].p5 = f64::INFINITY;
        bad.points[7].mean = f64::NEG_INFINITY;
        bad.start_audience = f64::NAN;
        assert!(trajectory_png(&bad, ChartSize::default()).is_ok());
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
        assert!(matches!(
            trajectory_png(&nan, ChartSize::default()),
            Err(ChartError::NoData(_))
        ));
        // Empty.
        let mut empty = sample(0);
        empty.points.clear();
        assert!(matches!(
            trajectory_png(&empty, ChartSize::default()),
            Err(ChartError::NoData(_))
        ));
        // Markers far outside the forecast window and unsorted points.
        let mut far = sample(10);
        far.points.reverse();
        far.transfer = NaiveDate::from_ymd_opt(2020, 1, 1);
        far.settled = NaiveDate::from_ymd_opt(2031, 1, 1);
        assert!(trajectory_png(&far, ChartSize::default()).is_ok());
        // Too small.
        assert!(matches!(
            trajectory_png(
                &sample(5),
                ChartSize {
                    width: 10,
                    height: 10
                }
            ),
            Err(ChartError::TooSmall { .. })
        ));
    }
}
