//! Portfolio chart: how the median (P50) retention rate is spread across the
//! accounts of a portfolio, as a histogram in percent, with a side panel that
//! states the portfolio totals (P5/P50/P95 retained followers).

use plotters::prelude::*;

use super::histogram::{bar_colour, draw_hist_plot, HistPlot, Marker};
use super::{
    bin_values, format_thousands, median, min_max, put_text, put_value, render_framed, text_style,
    text_width, usable, Area, ChartError, ChartKind, ChartSize, HAlign, LegendItem, Look, Png,
    Swatch, Theme, VAlign, GRID, INK, MUTED,
};

/// Data for [`portfolio_png`].
#[derive(Debug, Clone, PartialEq)]
pub struct PortfolioChart {
    /// Title drawn at the top.
    pub title: String,
    /// Median retention rate of each account, as a fraction (0.63 = 63 %).
    pub retention_p50: Vec<f64>,
    /// P5, P50 and P95 of the portfolio's total retained followers, shown in
    /// a side panel when present.
    pub total_retained: Option<(f64, f64, f64)>,
    /// Number of accounts in the portfolio (shown in the side panel).
    pub accounts: usize,
    /// Retention of all the portfolio's followers together (P50 total retained ÷ source
    /// followers), drawn as the labelled marker line: unlike the median of the account rates
    /// it weighs every account by its followers and never falls in a gap between clusters.
    pub weighted_retention: Option<f64>,
    /// P5, P50 and P95 of the portfolio's total cost in yuan, shown in the side panel.
    pub total_cost: Option<(f64, f64, f64)>,
}

/// Renders the portfolio chart as PNG bytes.
///
/// Fails with [`ChartError::NoData`] when there is no finite retention rate.
pub fn portfolio_png(c: &PortfolioChart, size: ChartSize, look: &Look) -> Result<Png, ChartError> {
    let msgs = &look.messages;
    let percent = |v: f64| msgs.msg("chart-percent", &[("value", format_thousands(v, 1).into())]);
    if c.retention_p50.is_empty() {
        return Err(ChartError::NoData(ChartKind::Portfolio));
    }
    // Work in percent so bins and ticks get round percentages.
    let pct: Vec<f64> = c.retention_p50.iter().map(|r| r * 100.0).collect();
    let n = pct.iter().filter(|v| usable(**v)).count();
    let target = ((n as f64).sqrt() * 1.5).round().clamp(8.0, 40.0) as usize;
    let bins = bin_values(&pct, target, 0.1).ok_or(ChartError::NoData(ChartKind::Portfolio))?;
    let med = median(&pct);
    let weighted = c
        .weighted_retention
        .map(|r| r * 100.0)
        .filter(|r| usable(*r));
    let markers: Vec<Marker> = weighted
        .map(|w| Marker {
            label: msgs.msg("chart-weighted-rate-marker", &[("rate", percent(w).into())]),
            value: w,
            color: INK,
            dashed: false,
        })
        .into_iter()
        .collect();

    let bar = bar_colour();
    let legend = [LegendItem::new(
        msgs.msg(
            "chart-accounts-by-retention",
            &[("n", format_thousands(n as f64, 0).into())],
        ),
        Swatch::Fill(bar),
    )];
    let mut legend = legend.to_vec();
    if weighted.is_some() {
        legend.push(LegendItem::new(
            msgs.text("chart-weighted-retention"),
            Swatch::line(INK, 3.0, false),
        ));
    }

    // Side panel lines: (label, value, bold).
    let mut panel: Vec<(String, String, bool)> = Vec::new();
    if let Some((p5, p50, p95)) = c.total_retained {
        panel.push((msgs.text("chart-portfolio-total"), String::new(), true));
        panel.push((msgs.text("chart-portfolio-retained"), String::new(), true));
        panel.push(("P5".into(), format_thousands(p5, 0), false));
        panel.push(("P50".into(), format_thousands(p50, 0), false));
        panel.push(("P95".into(), format_thousands(p95, 0), false));
        panel.push((String::new(), String::new(), false));
    }
    if let Some((p5, p50, p95)) = c.total_cost {
        panel.push((msgs.text("chart-portfolio-cost"), String::new(), true));
        panel.push(("P5".into(), format_thousands(p5, 0), false));
        panel.push(("P50".into(), format_thousands(p50, 0), false));
        panel.push(("P95".into(), format_thousands(p95, 0), false));
        panel.push((String::new(), String::new(), false));
    }
    panel.push((
        msgs.text("chart-accounts"),
        format_thousands(c.accounts as f64, 0),
        false,
    ));
    if n != c.accounts {
        panel.push((
            msgs.text("chart-rates-charted"),
            format_thousands(n as f64, 0),
            false,
        ));
    }
    if let Some(w) = weighted {
        panel.push((msgs.text("chart-weighted-rate"), percent(w), false));
    }
    if let Some(m) = med {
        panel.push((msgs.text("chart-median-rate"), percent(m), false));
    }
    if bins.counts.len() > 1 {
        if let Some((lo, hi)) = min_max(pct.iter().copied()) {
            panel.push((msgs.text("chart-lowest"), percent(lo), false));
            panel.push((msgs.text("chart-highest"), percent(hi), false));
        }
    }

    let x_desc = msgs.text("chart-retention-per-account");
    let y_desc = msgs.text("chart-accounts");
    render_framed(size, look, &c.title, &legend, |root, area, th| {
        let (area_w, _) = area.dim_in_pixel();
        let panel_w = panel_width(root, &panel, th)?.min(area_w * 2 / 5);
        let (plot_area, side) = area.split_horizontally(area_w - panel_w);
        draw_panel(root, &side, &panel, th)?;
        draw_hist_plot(
            root,
            &plot_area,
            th,
            &HistPlot {
                bins: &bins,
                x_desc: &x_desc,
                y_desc: &y_desc,
                suffix: "%",
                markers: &markers,
                bar,
            },
        )
    })
}

/// Width the side panel needs (including its gap to the plot).
fn panel_width(
    root: &Area<'_>,
    lines: &[(String, String, bool)],
    th: &Theme,
) -> Result<u32, ChartError> {
    let mut w = 0;
    for (label, value, bold) in lines {
        let l = text_width(root, label, &text_style(th.legend_size(), *bold, INK))?;
        let v = text_width(root, value, &text_style(th.legend_size(), true, INK))?;
        let gap = if value.is_empty() { 0 } else { th.upx(30.0) };
        w = w.max(l + gap + v);
    }
    Ok(w + 2 * th.upx(20.0) + th.upx(30.0))
}

/// Draws the side panel: a light box with label/value lines, values
/// right-aligned so the numbers line up like a table.
fn draw_panel(
    root: &Area<'_>,
    side: &Area<'_>,
    lines: &[(String, String, bool)],
    th: &Theme,
) -> Result<(), ChartError> {
    let (x0, y0) = side.get_base_pixel();
    let (w, h) = side.dim_in_pixel();
    let left = x0 + th.px(30.0);
    let right = x0 + w as i32;
    let pad = th.px(20.0);
    let row_h = (th.legend_size() * 1.5).round() as i32;
    let top = y0 + th.px(16.0);
    // On a small image the lines that do not fit are left out (the last ones: the account
    // counts and rates), rather than drawn past the bottom edge.
    let room = (h as i32 - th.px(16.0) - 2 * pad + th.px(8.0)).max(0) / row_h.max(1);
    let lines = &lines[..lines.len().min(room as usize)];
    let bottom = top + 2 * pad + row_h * lines.len() as i32 - th.px(8.0);
    root.draw(&Rectangle::new(
        [(left, top), (right, bottom)],
        RGBColor(0xF6, 0xF6, 0xF6).filled(),
    ))?;
    root.draw(&Rectangle::new(
        [(left, top), (right, bottom)],
        GRID.stroke_width(th.upx(2.0)),
    ))?;
    for (i, (label, value, bold)) in lines.iter().enumerate() {
        let y = top + pad + row_h * i as i32 + row_h / 2 - th.px(4.0);
        let colour = if *bold { INK } else { MUTED };
        put_text(
            root,
            label,
            (left + pad, y),
            &text_style(th.legend_size(), *bold, colour),
            HAlign::Left,
            VAlign::Middle,
        )?;
        put_value(
            root,
            value,
            (right - pad, y),
            &text_style(th.legend_size(), true, INK),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{assert_no_data, check_png, decode, en, standard_checks_of};
    use super::*;

    /// The follower-weighted retention and the total cost are drawn (marker, legend, panel).
    #[test]
    fn weighted_retention_and_total_cost_are_shown() {
        let full = sample(40);
        let bare = PortfolioChart {
            weighted_retention: None,
            total_cost: None,
            ..sample(40)
        };
        let a = decode(&portfolio_png(&full, ChartSize::default(), en()).unwrap());
        let b = decode(&portfolio_png(&bare, ChartSize::default(), en()).unwrap());
        let ink = [INK.0, INK.1, INK.2];
        let count = |rgb: &[u8]| rgb.chunks(3).filter(|p| *p == ink).count();
        // The marker line alone spans most of the plot's height at 3 px or more.
        assert!(count(&a.rgb) > count(&b.rgb) + 1_000);
    }

    /// At the smallest size the side panel ends inside the image (lines that do not fit are
    /// left out rather than drawn past the bottom edge).
    #[test]
    fn the_panel_fits_a_small_image() {
        let img =
            decode(&portfolio_png(&sample(40), ChartSize::new(400, 300).unwrap(), en()).unwrap());
        let panel = [0xF6, 0xF6, 0xF6];
        let last_row = &img.rgb[((img.height - 1) * img.width * 3) as usize..];
        assert!(
            last_row.chunks(3).all(|p| p != panel),
            "the panel runs off the image"
        );
    }

    fn sample(n: usize) -> PortfolioChart {
        let retention_p50 = (0..n)
            .map(|i| 0.45 + 0.35 * (((i as f64) * 0.618_034) % 1.0) * (((i as f64) * 0.3) % 1.0))
            .collect();
        PortfolioChart {
            title: "Portfolio retention".into(),
            retention_p50,
            total_retained: Some((1_180_000.0, 1_234_567.0, 1_290_000.0)),
            accounts: n,
            weighted_retention: Some(0.62),
            total_cost: Some((9_000.0, 9_600.0, 10_400.0)),
        }
    }

    #[test]
    fn passes_standard_checks() {
        standard_checks_of(&sample(200), |c| &mut c.title, portfolio_png);
        // Without portfolio totals the side panel is shorter.
        let mut c = sample(50);
        c.total_retained = None;
        check_png(
            &portfolio_png(&c, "800x500".parse().unwrap(), en()).unwrap(),
            800,
            500,
        );
    }

    #[test]
    fn degenerate_data_does_not_panic() {
        let mut c = sample(0);
        assert_no_data(portfolio_png(&c, ChartSize::default(), en()));
        c.retention_p50 = vec![f64::NAN];
        assert_no_data(portfolio_png(&c, ChartSize::default(), en()));
        for rates in [
            vec![0.5],
            vec![1.0; 30],
            vec![0.0, 0.0],
            vec![0.2, f64::NAN, 0.9],
        ] {
            let c = PortfolioChart {
                retention_p50: rates,
                total_retained: Some((f64::NAN, 1.0, f64::INFINITY)),
                accounts: 3,
                ..sample(0)
            };
            decode(&portfolio_png(&c, ChartSize::default(), en()).unwrap());
        }
    }
}
