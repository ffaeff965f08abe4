//! Distribution chart: a histogram of one quantity over all simulated runs
//! (typically retained followers), with P5, P50 and P95 drawn as labelled
//! vertical lines. The plotting code is shared with the portfolio chart.

use plotters::prelude::*;
use plotters::style::RGBAColor;

use super::{
    bin_values, boxed_text, build_chart, draw_line, draw_mesh, format_thousands, half_label_room,
    min_max, nice_axis, plot_width, render_framed, text_style, text_width, usable, x_tick_target,
    Area, Bins, ChartError, ChartKind, ChartSize, HAlign, LegendItem, Look, Mesh, Png, Swatch,
    Theme, TickAxis, BLUE_OI, INK, VERMILLION,
};

/// Data for [`histogram_png`].
#[derive(Debug, Clone, PartialEq)]
pub struct HistogramChart {
    /// Title drawn at the top.
    pub title: String,
    /// Description of the x axis with units, e.g. "Retained followers".
    /// Empty means "Retained followers" in the reader's language.
    pub x_label: String,
    /// One value per simulated run.
    pub values: Vec<f64>,
    /// 5th percentile of `values`, drawn as a dashed line.
    pub p5: f64,
    /// Median of `values`, drawn as a solid line.
    pub p50: f64,
    /// 95th percentile of `values`, drawn as a dashed line.
    pub p95: f64,
}

/// Renders the histogram as PNG bytes.
///
/// Values are grouped into at most about 60 bins of a round width (whole
/// numbers for integer data). Non-finite values are skipped and counted in
/// the legend; percentiles that are not finite are not drawn. Fails with
/// [`ChartError::NoData`] when no finite value is left.
pub fn histogram_png(c: &HistogramChart, size: ChartSize, look: &Look) -> Result<Png, ChartError> {
    let m = &look.messages;
    if c.values.is_empty() {
        return Err(ChartError::NoData(ChartKind::Histogram));
    }
    let n = c.values.iter().filter(|v| usable(**v)).count();
    let skipped = c.values.len() - n;
    // Integer data (follower counts) must not get fractional bin widths, or
    // every other bin would be empty.
    let integer = c
        .values
        .iter()
        .filter(|v| usable(**v))
        .all(|v| v.fract() == 0.0);
    let target = ((n as f64).sqrt().round() as usize).clamp(10, 60);
    let bins = bin_values(&c.values, target, if integer { 1.0 } else { 0.0 })
        .ok_or(ChartError::NoData(ChartKind::Histogram))?;

    let mut markers = Vec::new();
    for (name, v, color, dashed) in [
        ("P5", c.p5, VERMILLION, true),
        ("P50", c.p50, INK, false),
        ("P95", c.p95, VERMILLION, true),
    ] {
        if usable(v) {
            markers.push(Marker {
                label: m.msg(
                    "chart-marker",
                    &[
                        ("name", name.into()),
                        ("value", format_thousands(v, 0).into()),
                    ],
                ),
                value: v,
                color,
                dashed,
            });
        }
    }

    let runs = if skipped > 0 {
        m.msg(
            "chart-runs-skipped",
            &[
                ("n", format_thousands(n as f64, 0).into()),
                ("skipped", format_thousands(skipped as f64, 0).into()),
            ],
        )
    } else {
        m.msg("chart-runs", &[("n", format_thousands(n as f64, 0).into())])
    };
    let bar = bar_colour();
    let legend = [
        LegendItem::new(runs, Swatch::Fill(bar)),
        LegendItem::new(m.text("chart-median"), Swatch::line(INK, 3.0, false)),
        LegendItem::new(
            m.text("chart-p5-and-p95"),
            Swatch::line(VERMILLION, 3.0, true),
        ),
    ];
    let x_desc = if c.x_label.trim().is_empty() {
        m.text("chart-retained-followers")
    } else {
        c.x_label.trim().to_string()
    };
    let y_desc = m.text("chart-runs-axis");

    render_framed(size, look, &c.title, &legend, |root, area, th| {
        draw_hist_plot(
            root,
            area,
            th,
            &HistPlot {
                bins: &bins,
                x_desc: &x_desc,
                y_desc: &y_desc,
                suffix: "",
                markers: &markers,
                bar,
            },
        )
    })
}

/// Colour of the histogram bars (also their legend swatch).
pub(super) fn bar_colour() -> RGBAColor {
    BLUE_OI.mix(0.55)
}

/// A labelled vertical line on a histogram.
pub(super) struct Marker {
    /// Text drawn next to the line, e.g. "P50: 104,320".
    pub label: String,
    /// Position on the x axis.
    pub value: f64,
    pub color: RGBColor,
    pub dashed: bool,
}

/// Everything [`draw_hist_plot`] needs.
pub(super) struct HistPlot<'a> {
    pub bins: &'a Bins,
    pub x_desc: &'a str,
    pub y_desc: &'a str,
    /// Appended to x tick labels (e.g. "%").
    pub suffix: &'a str,
    pub markers: &'a [Marker],
    pub bar: RGBAColor,
}

/// Where a marker label goes: anchor x, alignment and row.
struct LabelSpot {
    x: i32,
    align: HAlign,
    row: usize,
}

/// Draws histogram bars, axes and labelled marker lines into `area`.
/// `root` is the whole image, used for pixel-positioned annotations.
pub(super) fn draw_hist_plot(
    root: &Area<'_>,
    area: &Area<'_>,
    th: &Theme,
    p: &HistPlot<'_>,
) -> Result<(), ChartError> {
    let (area_w, area_h) = area.dim_in_pixel();
    let (area_x, area_y) = area.get_base_pixel();
    let tick = text_style(th.tick_size(), false, INK);
    let note = text_style(th.note_size(), false, INK);
    let max_count = p.bins.counts.iter().copied().max().unwrap_or(0) as f64;

    // The y label area is sized for the largest count the axis could reach
    // (headroom included), before the exact axis is known.
    let widest_y = text_width(
        root,
        &format_thousands((max_count * 2.0).max(10.0), 0),
        &tick,
    )?;
    let y_area = th.y_label_area(widest_y);

    let marker_values = p.markers.iter().map(|m| m.value);
    let (xlo, xhi) = min_max(
        [p.bins.start, p.bins.end()]
            .into_iter()
            .chain(marker_values),
    )
    .unwrap_or((0.0, 1.0));
    // A single bar (constant data) would otherwise fill the whole width.
    let (xlo, xhi) = if p.bins.counts.len() == 1 {
        (
            xlo.min(p.bins.start - 2.0 * p.bins.width),
            xhi.max(p.bins.end() + 2.0 * p.bins.width),
        )
    } else {
        (xlo, xhi)
    };
    let sample = format!(
        "{}{}",
        format_thousands(xlo.abs().max(xhi.abs()), 1),
        p.suffix
    );
    let sample_w = text_width(root, &sample, &tick)?;
    let right = half_label_room(sample_w, th);
    let plot_w = plot_width(area_w, y_area, right);
    let xaxis = nice_axis(xlo, xhi, x_tick_target(plot_w, sample_w), 0.0, false);

    // Lay out the marker labels in rows above the bars.
    let plot_left = area_x + y_area as i32;
    let plot_right = plot_left + plot_w as i32;
    let to_px = |v: f64| {
        plot_left + ((v - xaxis.lo) / (xaxis.hi - xaxis.lo) * f64::from(plot_w)).round() as i32
    };
    let mut order: Vec<usize> = (0..p.markers.len()).collect();
    order.sort_by(|a, b| p.markers[*a].value.total_cmp(&p.markers[*b].value));
    let gap = th.px(10.0);
    let pad = th.px(5.0);
    let mut spots: Vec<Option<LabelSpot>> = (0..p.markers.len()).map(|_| None).collect();
    let mut row_right: Vec<i32> = Vec::new();
    for (rank, &i) in order.iter().enumerate() {
        let mk = &p.markers[i];
        let x = to_px(mk.value);
        let w = text_width(root, &mk.label, &note)? as i32 + 2 * pad;
        // The lowest marker's label goes left of its line, the others right,
        // so that labels of nearby lines point away from each other.
        let sides = if rank == 0 && order.len() > 1 {
            [HAlign::Right, HAlign::Left]
        } else {
            [HAlign::Left, HAlign::Right]
        };
        let extent = |side: HAlign| match side {
            HAlign::Right => (x - gap - w, x - gap),
            _ => (x + gap, x + gap + w),
        };
        let fits = |(l, r): (i32, i32)| l >= plot_left && r <= plot_right;
        let clear = |(l, r): (i32, i32)| {
            p.markers
                .iter()
                .enumerate()
                .all(|(j, o)| j == i || !(l..=r).contains(&to_px(o.value)))
        };
        let side = sides
            .iter()
            .copied()
            .find(|s| fits(extent(*s)) && clear(extent(*s)))
            .or_else(|| sides.iter().copied().find(|s| fits(extent(*s))))
            .unwrap_or(sides[0]);
        let (l, r) = extent(side);
        let row = match row_right.iter().position(|&rr| rr + gap <= l) {
            Some(row) => row,
            None => {
                row_right.push(i32::MIN);
                row_right.len() - 1
            }
        };
        row_right[row] = r;
        let anchor = if side == HAlign::Right {
            x - gap - pad
        } else {
            x + gap + pad
        };
        spots[i] = Some(LabelSpot {
            x: anchor,
            align: side,
            row,
        });
    }

    // Head room so the tallest bar stays below the label rows.
    let margin_top = th.px(16.0);
    let row_h = (th.note_size() * 1.5).round() as i32;
    let reserved = if row_right.is_empty() {
        th.px(10.0)
    } else {
        row_right.len() as i32 * row_h + th.px(14.0)
    };
    let plot_h = (area_h as i32 - th.x_label_area() as i32 - margin_top).max(1);
    let free = (plot_h - reserved).max(plot_h / 3);
    let needed = max_count * f64::from(plot_h) / f64::from(free);
    let yaxis = nice_axis(0.0, needed.max(5.0), 6, 0.0, true);

    let mut chart = build_chart(
        area,
        th,
        y_area,
        (right, margin_top),
        TickAxis::from(&xaxis),
        TickAxis::from(&yaxis),
    )?;
    draw_mesh(
        &mut chart,
        th,
        &Mesh::numeric(p.x_desc, p.y_desc, th),
        &|x| format!("{}{}", xaxis.label(*x), p.suffix),
        &|y| yaxis.label(*y),
    )?;

    // Bars, with a thin white outline so neighbouring bins stay distinct.
    let bars: Vec<(f64, f64, f64)> = p
        .bins
        .counts
        .iter()
        .enumerate()
        .filter(|(_, c)| **c > 0)
        .map(|(i, c)| (p.bins.left(i), p.bins.left(i + 1), *c as f64))
        .collect();
    chart.draw_series(
        bars.iter()
            .map(|&(l, r, c)| Rectangle::new([(l, 0.0), (r, c)], p.bar.filled())),
    )?;
    if p.bins.counts.len() > 1 {
        chart.draw_series(
            bars.iter()
                .map(|&(l, r, c)| Rectangle::new([(l, 0.0), (r, c)], WHITE.stroke_width(1))),
        )?;
    }

    for mk in p.markers {
        draw_line(
            &mut chart,
            vec![(mk.value, yaxis.lo), (mk.value, yaxis.hi)],
            mk.color.stroke_width(th.upx(3.0)),
            mk.dashed.then(|| (th.px(12.0), th.px(7.0))),
        )?;
    }

    let plot_top = area_y + margin_top;
    for (mk, spot) in p.markers.iter().zip(spots) {
        if let Some(s) = spot {
            let y = plot_top + th.px(10.0) + row_h * s.row as i32 + row_h / 2;
            let style = text_style(th.note_size(), false, mk.color);
            boxed_text(root, &mk.label, (s.x, y), &style, s.align, th)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{assert_no_data, check_png, decode, en, standard_checks_of};
    use super::*;

    fn sample(n: usize) -> HistogramChart {
        // Deterministic, roughly bell-shaped values around 100,000.
        let values: Vec<f64> = (0..n)
            .map(|i| {
                let u = ((i as f64 * 0.618_034) % 1.0) * 2.0 - 1.0;
                let w = ((i as f64 * 0.414_214) % 1.0) * 2.0 - 1.0;
                (100_000.0 + 6_000.0 * (u + w)).round()
            })
            .collect();
        HistogramChart {
            title: "Retained followers after 60 days".into(),
            x_label: "Retained followers".into(),
            values,
            p5: 92_000.0,
            p50: 100_000.0,
            p95: 108_000.0,
        }
    }

    #[test]
    fn passes_standard_checks() {
        standard_checks_of(&sample(2_000), |c| &mut c.title, histogram_png);
        // More and fewer runs.
        check_png(
            &histogram_png(&sample(10_000), ChartSize::default(), en()).unwrap(),
            1600,
            1000,
        );
        check_png(
            &histogram_png(&sample(500), "640x480".parse().unwrap(), en()).unwrap(),
            640,
            480,
        );
    }

    #[test]
    fn degenerate_data_does_not_panic() {
        let mut c = sample(0);
        assert_no_data(histogram_png(&c, ChartSize::default(), en()));
        c.values = vec![f64::NAN, f64::INFINITY];
        assert_no_data(histogram_png(&c, ChartSize::default(), en()));
        // One value, constant values, NaN percentiles, NaN among values.
        for values in [
            vec![42.0],
            vec![7.0; 1000],
            vec![0.0; 10],
            vec![1.5, f64::NAN, 2.5, 2.5, -3.0],
            vec![1e14, -1e14],
        ] {
            let c = HistogramChart {
                values,
                p5: f64::NAN,
                p50: 7.0,
                p95: f64::INFINITY,
                ..sample(0)
            };
            let png = histogram_png(&c, ChartSize::default(), en()).unwrap();
            decode(&png);
        }
        // Percentiles far outside the data and all equal.
        let c = HistogramChart {
            p5: 1.0,
            p50: 1.0,
            p95: 1.0,
            ..sample(100)
        };
        assert!(histogram_png(&c, ChartSize::default(), en()).is_ok());
    }
}
