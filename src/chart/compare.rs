//! Scenario comparison chart: one row per scenario with the retained-followers
//! P5–P95 range as a bar, the P50 as a marker, and a small table on the right
//! giving the P50 retained followers and P50 cost of each scenario.

use plotters::prelude::*;

use super::{
    fit_text, format_amount, format_thousands, header, min_max, nice_axis, put_text, render,
    text_style, text_width, usable, ChartError, ChartSize, HAlign, LegendItem, Swatch, TickAxis,
    VAlign, AXIS, GRID, INK, MUTED, SKY, VERMILLION,
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

/// Renders the scenario comparison as PNG bytes.
///
/// Non-finite values are left out of the plot and printed as "n/a" in the
/// table. Fails with [`ChartError::NoData`] when there are no rows or no
/// finite retained values at all.
pub fn compare_png(c: &CompareChart, size: ChartSize) -> Result<Vec<u8>, ChartError> {
    size.validate()?;
    if c.rows.is_empty() {
        return Err(ChartError::NoData("the comparison has no scenarios".into()));
    }
    let n = c.rows.len();
    let (lo, hi) = min_max(
        c.rows
            .iter()
            .flat_map(|r| [r.retained_p5, r.retained_p50, r.retained_p95]),
    )
    .ok_or_else(|| ChartError::NoData("the comparison has no finite retained values".into()))?;

    let legend = vec![
        LegendItem::new("Retained followers, P5–P95", Swatch::Fill(SKY.to_rgba())),
        LegendItem::new("Retained followers, P50", Swatch::Diamond(VERMILLION)),
    ];
    let retained_txt: Vec<String> = c
        .rows
        .iter()
        .map(|r| format_thousands(r.retained_p50, 0))
        .collect();
    let cost_txt: Vec<String> = c.rows.iter().map(|r| format_amount(r.cost_p50)).collect();

    render(size, |root, th| {
        let area = header(root, &c.title, &legend, th)?;
        let m = th.margin();
        let area = area.margin(0, m, m, m);
        let (area_w, area_h) = area.dim_in_pixel();
        let (area_x, area_y) = area.get_base_pixel();

        // Table columns on the right: header text and values, right-aligned.
        let head = text_style(th.tick_size(), true, INK);
        let cell = text_style(th.tick_size(), false, INK);
        let col_gap = th.upx(36.0);
        let mut col_w = [0u32; 2];
        for (k, (title, texts)) in [("Retained P50", &retained_txt), ("Cost P50", &cost_txt)]
            .iter()
            .enumerate()
        {
            col_w[k] = text_width(root, title, &head)?;
            for t in texts.iter() {
                col_w[k] = col_w[k].max(text_width(root, t, &cell)?);
            }
        }
        let table_w = col_w[0] + col_w[1] + 2 * col_gap;

        let margin_top = (th.tick_size() * 1.6).round() as i32 + th.px(10.0);
        let plot_h = (area_h as i32 - th.x_label_area() as i32 - margin_top).max(1);
        let row_px = f64::from(plot_h) / n as f64;
        let label_size = th.tick_size().min(row_px * 0.7).max(6.0);
        let label_style = text_style(label_size, false, INK);
        let cell = text_style(label_size, false, INK);
        let mut labels = Vec::with_capacity(n);
        let mut widest = 0;
        for r in &c.rows {
            let l = fit_text(root, r.label.trim(), &label_style, area_w * 3 / 10)?;
            widest = widest.max(text_width(root, &l, &label_style)?);
            labels.push(l);
        }
        let y_area = widest + 2 * th.tick_len() as u32 + th.upx(10.0);

        let tick = text_style(th.tick_size(), false, INK);
        let sample_w = text_width(root, &format_thousands(hi.abs().max(lo.abs()), 0), &tick)?;
        let right = table_w + sample_w / 2;
        let plot_w = area_w.saturating_sub(y_area + right).max(1);
        let target = (f64::from(plot_w) / (f64::from(sample_w) * 1.8)).floor() as usize;
        let xaxis = nice_axis(lo, hi, target.clamp(3, 9), 0.05, true);
        let y_ticks: Vec<f64> = (0..n).map(|r| r as f64 + 0.5).collect();

        let mut chart = ChartBuilder::on(&area)
            .x_label_area_size(th.x_label_area())
            .y_label_area_size(y_area)
            .margin_right(right)
            .margin_top(margin_top)
            .build_cartesian_2d(
                TickAxis::from(&xaxis),
                TickAxis::new(0.0, n as f64, y_ticks),
            )?;
        // Row r (from the bottom) shows scenario n-1-r: first scenario on top.
        let y_fmt = |y: &f64| {
            let r = y.floor();
            if r >= 0.0 && (r as usize) < n {
                labels[n - 1 - r as usize].clone()
            } else {
                String::new()
            }
        };
        let x_fmt = |x: &f64| xaxis.label(*x);

        // Row stripes run under the plot and the table, so each scenario reads
        // as one table row; drawn before the grid so the grid stays visible.
        let table_right = area_x + area_w as i32;
        for r in (0..n).filter(|r| (n - 1 - r) % 2 == 1) {
            let (left, top) = chart.backend_coord(&(xaxis.lo, r as f64 + 1.0));
            let (_, bottom) = chart.backend_coord(&(xaxis.lo, r as f64));
            root.draw(&Rectangle::new(
                [(left, top), (table_right, bottom)],
                RGBColor(0xF4, 0xF4, 0xF4).filled(),
            ))?;
        }
        chart
            .configure_mesh()
            .disable_y_mesh()
            .bold_line_style(GRID.stroke_width(th.upx(1.0)))
            .light_line_style(TRANSPARENT)
            .axis_style(AXIS.stroke_width(th.upx(2.0)))
            .set_all_tick_mark_size(th.tick_len())
            .x_label_style(tick.clone())
            .y_label_style(label_style.clone())
            .y_label_offset((label_size * 0.17).round() as i32)
            .x_label_formatter(&x_fmt)
            .y_label_formatter(&y_fmt)
            .axis_desc_style(text_style(th.desc_size(), false, INK))
            .x_desc("Retained followers")
            .draw()?;

        let half_bar = 0.22_f64.min(12.0 * th.s / row_px.max(1.0) + 0.08);
        let diamond = ((row_px * 0.28).min(14.0 * th.s)).round().max(3.0) as i32;
        let col_x = [table_right - col_w[1] as i32 - col_gap as i32, table_right];
        let head_y = area_y + margin_top / 2;
        put_text(
            root,
            "Retained P50",
            (col_x[0], head_y),
            &head,
            HAlign::Right,
            VAlign::Middle,
        )?;
        put_text(
            root,
            "Cost P50",
            (col_x[1], head_y),
            &head,
            HAlign::Right,
            VAlign::Middle,
        )?;

        for (i, r) in c.rows.iter().enumerate() {
            let y = (n - 1 - i) as f64 + 0.5;
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
                super::draw_diamond(root, p, diamond, VERMILLION, th)?;
            }
            let (_, py) = chart.backend_coord(&(xaxis.lo, y));
            let colour = |v: f64| if usable(v) { INK } else { MUTED };
            put_text(
                root,
                &retained_txt[i],
                (col_x[0], py),
                &text_style(label_size, false, colour(r.retained_p50)),
                HAlign::Right,
                VAlign::Middle,
            )?;
            put_text(
                root,
                &cost_txt[i],
                (col_x[1], py),
                &cell.color(&colour(r.cost_p50)),
                HAlign::Right,
                VAlign::Middle,
            )?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{check_png, decode, top_differs};
    use super::*;

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
    fn renders_at_requested_size() {
        // Extreme aspect ratios must still lay out without panicking.
        for (w, h) in [(8000, 300), (400, 2000)] {
            let size = ChartSize {
                width: w,
                height: h,
            };
            check_png(&compare_png(&sample(8), size).unwrap(), w, h);
        }
        check_png(
            &compare_png(&sample(8), ChartSize::default()).unwrap(),
            1600,
            1000,
        );
        check_png(
            &compare_png(&sample(3), "500x400".parse().unwrap()).unwrap(),
            500,
            400,
        );
    }

    #[test]
    fn draws_title_text_and_is_deterministic() {
        let mut c = sample(4);
        let a = compare_png(&c, ChartSize::default()).unwrap();
        assert_eq!(a, compare_png(&c, ChartSize::default()).unwrap());
        c.title.clear();
        let b = compare_png(&c, ChartSize::default()).unwrap();
        assert!(top_differs(&decode(&a), &decode(&b), 80));
    }

    #[test]
    fn degenerate_data_does_not_panic() {
        assert!(matches!(
            compare_png(&sample(0), ChartSize::default()),
            Err(ChartError::NoData(_))
        ));
        let mut nan = sample(2);
        for r in &mut nan.rows {
            r.retained_p5 = f64::NAN;
            r.retained_p50 = f64::NAN;
            r.retained_p95 = f64::NAN;
        }
        assert!(matches!(
            compare_png(&nan, ChartSize::default()),
            Err(ChartError::NoData(_))
        ));
        // One row, constant values, partly missing values, reversed range.
        let mut c = sample(1);
        c.rows[0].retained_p5 = 100.0;
        c.rows[0].retained_p50 = 100.0;
        c.rows[0].retained_p95 = 100.0;
        assert!(compare_png(&c, ChartSize::default()).is_ok());
        let mut c = sample(5);
        c.rows[1].retained_p95 = f64::INFINITY;
        c.rows[2].cost_p50 = f64::NAN;
        c.rows[3].retained_p5 = 200_000.0;
        c.rows[4].label = "x".repeat(500);
        assert!(compare_png(&c, ChartSize::default()).is_ok());
        let many = CompareChart {
            title: "Many".into(),
            rows: sample(300).rows,
        };
        assert!(compare_png(&many, ChartSize::default()).is_ok());
    }
}
