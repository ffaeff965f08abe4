//! Scenario comparison chart: one row per scenario with the retained-followers
//! P5–P95 range as a bar, the P50 as a marker, and a small table on the right
//! giving the P50 retained followers and P50 cost of each scenario.

use plotters::prelude::*;

use super::{
    build_chart, draw_diamond, draw_mesh, format_amount, format_thousands, min_max, nice_axis,
    plot_width, put_value, render_framed, text_style, text_width, usable, x_tick_target,
    ChartError, ChartKind, ChartSize, LegendItem, Look, Png, RowAxis, Swatch, TickAxis, INK, MUTED,
    SKY, STRIPE, VERMILLION,
};

/// One scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareRow {
    /// Scenario name shown on the y axis.
    pub label: String,
    /// 5th percentile of retained followers.
    pub retained_p5: f64,
    /// Median retained followers.
    pub retained_p50: f64,
    /// 95th percentile of retained followers.
    pub retained_p95: f64,
    /// Median cost, written in the right-hand column (no currency assumed).
    pub cost_p50: f64,
}

/// Data for [`compare_png`].
#[derive(Debug, Clone, PartialEq)]
pub struct CompareChart {
    /// Title drawn at the top.
    pub title: String,
    /// Scenarios, drawn top to bottom in this order.
    pub rows: Vec<CompareRow>,
}

/// Messages of the headers of the table columns on the right.
const COLUMNS: [&str; 2] = ["chart-retained-p50", "chart-cost-p50"];

/// Renders the scenario comparison as PNG bytes.
///
/// Non-finite values are left out of the plot and printed as "n/a" in the
/// table. Fails with [`ChartError::NoData`] when there are no rows or no
/// finite retained values at all.
pub fn compare_png(c: &CompareChart, size: ChartSize, look: &Look) -> Result<Png, ChartError> {
    let m = &look.messages;
    let columns = COLUMNS.map(|id| m.text(id));
    if c.rows.is_empty() {
        return Err(ChartError::NoData(ChartKind::Comparison));
    }
    let (lo, hi) = min_max(
        c.rows
            .iter()
            .flat_map(|r| [r.retained_p5, r.retained_p50, r.retained_p95]),
    )
    .ok_or(ChartError::NoData(ChartKind::Comparison))?;

    let legend = [
        LegendItem::new(m.text("chart-retained-p5-p95"), Swatch::Fill(SKY.to_rgba())),
        LegendItem::new(
            m.text("chart-retained-p50-legend"),
            Swatch::Diamond(VERMILLION),
        ),
    ];
    let scale = Scale::of(&c.rows, hi);
    // Table cells per column, with the value each one shows.
    let cells: [Vec<(String, f64)>; 2] = [
        c.rows
            .iter()
            .map(|r| (format_thousands(r.retained_p50, 0), r.retained_p50))
            .collect(),
        c.rows
            .iter()
            .map(|r| (format_amount(r.cost_p50), r.cost_p50))
            .collect(),
    ];

    render_framed(size, look, &c.title, &legend, |root, area, th| {
        let (area_w, _) = area.dim_in_pixel();
        let (area_x, area_y) = area.get_base_pixel();

        // Table columns on the right: header text and values, right-aligned.
        let head = text_style(th.tick_size(), true, INK);
        let cell = text_style(th.tick_size(), false, INK);
        let col_gap = th.upx(36.0);
        let mut col_w = [0u32; 2];
        for (w, (title, column)) in col_w.iter_mut().zip(columns.iter().zip(&cells)) {
            *w = text_width(root, title, &head)?;
            for (t, _) in column {
                *w = (*w).max(text_width(root, t, &cell)?);
            }
        }
        let table_w = col_w[0] + col_w[1] + 2 * col_gap;

        let margin_top = (th.tick_size() * 1.6).round() as i32 + th.px(10.0);
        let rows = RowAxis::new(
            root,
            area,
            margin_top,
            c.rows.iter().map(|r| r.label.as_str()),
            th,
        )?;
        let row_px = rows.row_px;
        let y_area = rows.area_width(th);

        let tick = text_style(th.tick_size(), false, INK);
        let sample_w = text_width(root, &format_thousands(hi.abs().max(lo.abs()), 0), &tick)?;
        let right = table_w + sample_w / 2;
        let plot_w = plot_width(area_w, y_area, right);
        let target = x_tick_target(plot_w, sample_w);
        let (x_lo, x_hi, ticks) = match scale {
            Scale::Linear => {
                let a = nice_axis(lo, hi, target, 0.05, true);
                (a.lo, a.hi, a.ticks)
            }
            Scale::Log { floor } => log_ticks(floor, hi, target),
        };
        // Room for half a marker beyond both ends, so no marker sits on the y axis or its
        // labels (a P50 of 0 used to cover them).
        let diamond = ((row_px * 0.28).min(14.0 * th.s)).round().max(3.0) as i32;
        let room = (x_hi - x_lo) * f64::from(diamond + th.px(4.0)) / f64::from(plot_w.max(1));
        let (x_lo, x_hi) = (x_lo - room, x_hi + room);
        let x = |v: f64| scale.x(v);

        let mut chart = build_chart(
            area,
            th,
            y_area,
            (right, margin_top),
            TickAxis::new(x_lo, x_hi, ticks),
            rows.axis(),
        )?;

        // Row stripes run under the plot and the table, so each scenario reads
        // as one table row; drawn before the grid so the grid stays visible.
        let table_right = area_x + area_w as i32;
        for r in rows.striped_rows() {
            let (left, top) = chart.backend_coord(&(x_lo, r as f64 + 1.0));
            let (_, bottom) = chart.backend_coord(&(x_lo, r as f64));
            root.draw(&Rectangle::new(
                [(left, top), (table_right, bottom)],
                STRIPE.filled(),
            ))?;
        }
        let x_desc = match scale {
            Scale::Linear => m.text("chart-retained-followers"),
            Scale::Log { .. } => m.text("chart-retained-followers-log"),
        };
        draw_mesh(
            &mut chart,
            th,
            &rows.mesh(&x_desc),
            &|t| format_thousands(scale.value(*t), 0),
            &|y| rows.label(*y),
        )?;

        let half_bar = 0.22_f64.min(12.0 * th.s / row_px.max(1.0) + 0.08);
        let col_x = [table_right - col_w[1] as i32 - col_gap as i32, table_right];
        let head_y = area_y + margin_top / 2;
        for (title, x) in columns.iter().zip(col_x) {
            put_value(root, title, (x, head_y), &head)?;
        }

        for (i, r) in c.rows.iter().enumerate() {
            let y = rows.centre(i);
            if usable(r.retained_p5) && usable(r.retained_p95) {
                let (a, b) = (
                    r.retained_p5.min(r.retained_p95),
                    r.retained_p5.max(r.retained_p95),
                );
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(x(a), y - half_bar), (x(b), y + half_bar)],
                    SKY.filled(),
                )))?;
            }
            if usable(r.retained_p50) {
                let p = chart.backend_coord(&(x(r.retained_p50), y));
                draw_diamond(root, p, diamond, VERMILLION, th)?;
            }
            let (_, py) = chart.backend_coord(&(x_lo, y));
            for (column, x) in cells.iter().zip(col_x) {
                // Missing values ("n/a") are muted.
                let (text, v) = column.get(i).map_or(("", 0.0), |(t, v)| (t.as_str(), *v));
                let colour = if usable(v) { INK } else { MUTED };
                put_value(
                    root,
                    text,
                    (x, py),
                    &text_style(rows.label_size, false, colour),
                )?;
            }
        }
        Ok(())
    })
}

/// Accounts that differ by more than this factor are drawn on a log axis, so the small ones'
/// P5–P95 bars stay visible next to the large ones.
const LOG_RATIO: f64 = 20.0;

/// The x scale of the retained followers.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Scale {
    Linear,
    /// log10 of the value; values below `floor` (zero) are drawn at `floor`.
    Log {
        floor: f64,
    },
}

impl Scale {
    /// Log when the largest value is more than [`LOG_RATIO`] times the smallest P50.
    fn of(rows: &[CompareRow], hi: f64) -> Scale {
        let smallest = rows
            .iter()
            .map(|r| r.retained_p50)
            .filter(|v| usable(*v) && *v > 0.0)
            .fold(f64::INFINITY, f64::min);
        if smallest.is_finite() && hi / smallest > LOG_RATIO {
            let lowest = rows
                .iter()
                .flat_map(|r| [r.retained_p5, r.retained_p50])
                .filter(|v| usable(*v) && *v > 0.0)
                .fold(smallest, f64::min);
            Scale::Log {
                floor: (lowest / 1.5).max(1.0),
            }
        } else {
            Scale::Linear
        }
    }

    /// Plot coordinate of a value.
    fn x(self, v: f64) -> f64 {
        match self {
            Scale::Linear => v,
            Scale::Log { floor } => v.max(floor).log10(),
        }
    }

    /// Value at a plot coordinate.
    fn value(self, x: f64) -> f64 {
        match self {
            Scale::Linear => x,
            Scale::Log { .. } => 10f64.powf(x),
        }
    }
}

/// A log axis from `floor` to `hi`: ticks at 1, 2 and 5 times the powers of ten, or at the
/// powers of ten alone when that would be more than `target` ticks. Returns the axis ends and
/// the ticks, in log10 coordinates.
fn log_ticks(floor: f64, hi: f64, target: usize) -> (f64, f64, Vec<f64>) {
    let (lo, hi) = (floor.log10(), hi.max(floor * 10.0).log10());
    let decades = (lo.floor() as i32)..=(hi.ceil() as i32);
    let with = |mults: &[f64]| -> Vec<f64> {
        decades
            .clone()
            .flat_map(|k| mults.iter().map(move |m| (m * 10f64.powi(k)).log10()))
            .filter(|t| *t >= lo - 1e-9 && *t <= hi + 1e-9)
            .collect()
    };
    let fine = with(&[1.0, 2.0, 5.0]);
    let ticks = if fine.len() <= target.max(2) {
        fine
    } else {
        with(&[1.0])
    };
    (lo, hi, ticks)
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{assert_no_data, check_png, decode, en, standard_checks_of, zh};
    use super::*;
    use crate::chart::ChartWarning;

    fn row(label: &str, p5: f64, p50: f64, p95: f64) -> CompareRow {
        CompareRow {
            label: label.into(),
            retained_p5: p5,
            retained_p50: p50,
            retained_p95: p95,
            cost_p50: 300.0,
        }
    }

    /// Accounts more than 20× apart share a log axis; closer ones a linear axis.
    #[test]
    fn a_log_axis_when_accounts_differ_by_more_than_twenty_times() {
        let wide = [
            row("small", 6_500.0, 7_000.0, 7_400.0),
            row("big", 290_000.0, 300_000.0, 310_000.0),
        ];
        let hi = 310_000.0;
        assert!(matches!(Scale::of(&wide, hi), Scale::Log { .. }));
        let near = [
            row("a", 60_000.0, 70_000.0, 74_000.0),
            row("b", 290_000.0, 300_000.0, 310_000.0),
        ];
        assert_eq!(Scale::of(&near, hi), Scale::Linear);
        // On the log axis the small account's P5–P95 bar is as wide as the big one's share.
        let log = Scale::of(&wide, hi);
        let small = log.x(7_400.0) - log.x(6_500.0);
        let big = log.x(310_000.0) - log.x(290_000.0);
        assert!(small > big, "{small} vs {big}");
        let (lo, top, ticks) = log_ticks(4_000.0, 310_000.0, 8);
        assert!(lo < 4.0 && top > 5.4);
        let labels: Vec<f64> = ticks.iter().map(|t| 10f64.powf(*t).round()).collect();
        assert!(
            labels.contains(&10_000.0) && labels.contains(&100_000.0),
            "{labels:?}"
        );
    }

    /// A P50 of zero keeps its marker off the y axis line.
    #[test]
    fn a_marker_at_zero_stays_clear_of_the_axis() {
        let c = CompareChart {
            title: "Zero".into(),
            rows: vec![
                row("none", 0.0, 0.0, 0.0),
                row("some", 800.0, 1_000.0, 1_200.0),
            ],
        };
        let img = decode(&compare_png(&c, ChartSize::default(), en()).unwrap());
        let v = [VERMILLION.0, VERMILLION.1, VERMILLION.2];
        let at = |x: u32, y: u32| {
            let i = ((y * img.width + x) * 3) as usize;
            img.rgb[i..i + 3] == v
        };
        // The y axis is the leftmost column of axis-grey pixels in the lower half.
        let axis = [
            super::super::AXIS.0,
            super::super::AXIS.1,
            super::super::AXIS.2,
        ];
        let y_mid = img.height * 3 / 4;
        let axis_x = (0..img.width)
            .find(|&x| {
                let i = ((y_mid * img.width + x) * 3) as usize;
                img.rgb[i..i + 3] == axis
            })
            .expect("y axis");
        let leftmost = (0..img.width)
            .find(|&x| (0..img.height).any(|y| at(x, y)))
            .expect("a marker");
        assert!(
            leftmost > axis_x + 2,
            "marker at x {leftmost}, axis at {axis_x}"
        );
    }

    fn sample(n: usize) -> CompareChart {
        let rows = (0..n)
            .map(|i| {
                let base = 80_000.0 + 4_000.0 * i as f64;
                CompareRow {
                    label: format!("Scenario {}", i + 1),
                    retained_p5: base - 6_000.0,
                    retained_p50: base,
                    retained_p95: base + 5_000.0,
                    cost_p50: 12_000.0 + 3_500.0 * i as f64,
                }
            })
            .collect();
        CompareChart {
            title: "Scenario comparison".into(),
            rows,
        }
    }

    #[test]
    fn passes_standard_checks() {
        standard_checks_of(&sample(8), |c| &mut c.title, compare_png);
        // A few rows at an in-between size.
        check_png(
            &compare_png(&sample(3), "500x400".parse().unwrap(), en()).unwrap(),
            500,
            400,
        );
    }

    #[test]
    fn degenerate_data_does_not_panic() {
        assert_no_data(compare_png(&sample(0), ChartSize::default(), en()));
        let mut nan = sample(2);
        for r in &mut nan.rows {
            r.retained_p5 = f64::NAN;
            r.retained_p50 = f64::NAN;
            r.retained_p95 = f64::NAN;
        }
        assert_no_data(compare_png(&nan, ChartSize::default(), en()));
        // One row, constant values, partly missing values, reversed range.
        let mut c = sample(1);
        c.rows[0].retained_p5 = 100.0;
        c.rows[0].retained_p50 = 100.0;
        c.rows[0].retained_p95 = 100.0;
        assert!(compare_png(&c, ChartSize::default(), en()).is_ok());
        let mut c = sample(5);
        c.rows[1].retained_p95 = f64::INFINITY;
        c.rows[2].cost_p50 = f64::NAN;
        c.rows[3].retained_p5 = 200_000.0;
        c.rows[4].label = "x".repeat(500);
        assert!(compare_png(&c, ChartSize::default(), en()).is_ok());
        let many = CompareChart {
            title: "Many".into(),
            rows: sample(300).rows,
        };
        assert!(compare_png(&many, ChartSize::default(), en()).is_ok());
    }

    /// The columns where two images of the same size differ.
    fn differing_columns(a: &[u8], b: &[u8]) -> Vec<u32> {
        let (a, b) = (decode(a), decode(b));
        assert_eq!((a.width, a.height), (b.width, b.height));
        let w = a.width as usize;
        (0..w)
            .filter(|&x| {
                (0..a.height as usize).any(|y| {
                    let i = (y * w + x) * 3;
                    a.rgb[i..i + 3] != b.rgb[i..i + 3]
                })
            })
            .map(|x| x as u32)
            .collect()
    }

    #[test]
    fn chinese_ids_are_drawn_and_differ_where_the_ids_differ() {
        let size = ChartSize::default();
        let mut tea = sample(3);
        tea.title = "各方案保留粉丝".into();
        tea.rows[0].label = "茶馆".into();
        let mut city = tea.clone();
        city.rows[0].label = "城市".into();
        let mut boxes = tea.clone();
        boxes.rows[0].label = "\u{e000}\u{e001}".into();
        let render = |c: &CompareChart| compare_png(c, size, zh()).unwrap();
        let (a, b, x) = (render(&tea), render(&city), render(&boxes));
        assert!(
            a.warnings.is_empty() && b.warnings.is_empty(),
            "{:?}",
            a.warnings
        );
        assert_eq!(a, render(&tea), "the same chart gave different bytes");
        // The ids differ, so the images do, and only in the label area on the left.
        let cols = differing_columns(&a, &b);
        assert!(!cols.is_empty(), "茶馆 and 城市 drew the same pixels");
        assert!(
            cols.iter().all(|&c| c < 400),
            "differences beyond the labels: {cols:?}"
        );
        // Characters no font has are reported (and look different from real ones).
        assert_eq!(
            x.warnings,
            vec![ChartWarning::MissingGlyphs(vec!['\u{e000}', '\u{e001}'])]
        );
        assert!(!differing_columns(&a, &x).is_empty());
        // English and Chinese chart text differ.
        assert_ne!(a.bytes, compare_png(&tea, size, en()).unwrap().bytes);
    }
}
