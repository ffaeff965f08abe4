//! Scenario comparison chart: one row per scenario with the retained-followers
//! P5–P95 range as a bar, the P50 as a marker, and a small table on the right
//! giving the P50 retained followers and P50 cost of each scenario.

use plotters::prelude::*;

use super::{
    build_chart, draw_diamond, draw_mesh, format_amount, format_thousands, min_max, nice_axis,
    plot_width, put_value, render_framed, text_style, text_width, usable, x_tick_target,
    ChartError, ChartSize, LegendItem, Look, Png, RowAxis, Swatch, TickAxis, INK, MUTED, SKY,
    STRIPE, VERMILLION,
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
        return Err(ChartError::NoData("the comparison has no scenarios".into()));
    }
    let (lo, hi) = min_max(
        c.rows
            .iter()
            .flat_map(|r| [r.retained_p5, r.retained_p50, r.retained_p95]),
    )
    .ok_or_else(|| ChartError::NoData("the comparison has no finite retained values".into()))?;

    let legend = [
        LegendItem::new(m.text("chart-retained-p5-p95"), Swatch::Fill(SKY.to_rgba())),
        LegendItem::new(
            m.text("chart-retained-p50-legend"),
            Swatch::Diamond(VERMILLION),
        ),
    ];
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
        let xaxis = nice_axis(lo, hi, x_tick_target(plot_w, sample_w), 0.05, true);

        let mut chart = build_chart(
            area,
            th,
            y_area,
            (right, margin_top),
            TickAxis::from(&xaxis),
            rows.axis(),
        )?;

        // Row stripes run under the plot and the table, so each scenario reads
        // as one table row; drawn before the grid so the grid stays visible.
        let table_right = area_x + area_w as i32;
        for r in rows.striped_rows() {
            let (left, top) = chart.backend_coord(&(xaxis.lo, r as f64 + 1.0));
            let (_, bottom) = chart.backend_coord(&(xaxis.lo, r as f64));
            root.draw(&Rectangle::new(
                [(left, top), (table_right, bottom)],
                STRIPE.filled(),
            ))?;
        }
        draw_mesh(
            &mut chart,
            th,
            &rows.mesh(&m.text("chart-retained-followers")),
            &|x| xaxis.label(*x),
            &|y| rows.label(*y),
        )?;

        let half_bar = 0.22_f64.min(12.0 * th.s / row_px.max(1.0) + 0.08);
        let diamond = ((row_px * 0.28).min(14.0 * th.s)).round().max(3.0) as i32;
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
                    [(a, y - half_bar), (b, y + half_bar)],
                    SKY.filled(),
                )))?;
            }
            if usable(r.retained_p50) {
                let p = chart.backend_coord(&(r.retained_p50, y));
                draw_diamond(root, p, diamond, VERMILLION, th)?;
            }
            let (_, py) = chart.backend_coord(&(xaxis.lo, y));
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

#[cfg(test)]
mod tests {
    use super::super::test_util::{assert_no_data, check_png, decode, en, standard_checks_of, zh};
    use super::*;
    use crate::chart::ChartWarning;

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
