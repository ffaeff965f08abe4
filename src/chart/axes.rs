//! Numbers, ticks and axes: nice numeric axes, date axes, row axes and the mesh.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

pub use crate::fmt::{format_amount, format_thousands};

use super::text::TextFix;
use super::ChartError;
use super::{canvas::*, layout::*, theme::*};

// ---------------------------------------------------------------------------
// Numbers and axes.

/// Values larger than this are treated as invalid: nothing fanplan charts can
/// reach them and they would overflow tick arithmetic.
const MAX_ABS: f64 = 1e15;

/// True for values that can be placed on an axis.
pub(crate) fn usable(v: f64) -> bool {
    v.is_finite() && v.abs() < MAX_ABS
}

/// Minimum and maximum of the usable values, if any.
pub(crate) fn min_max<I: IntoIterator<Item = f64>>(values: I) -> Option<(f64, f64)> {
    values
        .into_iter()
        .filter(|v| usable(*v))
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
}

/// A linear axis with "nice" bounds and evenly spaced ticks.
#[derive(Debug, Clone)]
pub(crate) struct NiceAxis {
    pub lo: f64,
    pub hi: f64,
    pub ticks: Vec<f64>,
    /// Decimals needed to print the ticks without repeating labels.
    pub decimals: usize,
}

impl NiceAxis {
    /// Formats a tick value for this axis.
    pub fn label(&self, v: f64) -> String {
        format_thousands(v, self.decimals)
    }
}

/// A continuous f64 axis whose tick positions are chosen by us (nice numbers,
/// calendar dates, category centres) rather than by plotters. plotters' own
/// `with_key_points` wrapper cannot be combined with custom label formatters
/// for f64, hence this small coordinate type.
pub(crate) struct TickAxis {
    inner: RangedCoordf64,
    ticks: Vec<f64>,
}

impl TickAxis {
    /// An axis from `lo` to `hi` with grid lines and labels at `ticks`.
    pub fn new(lo: f64, hi: f64, ticks: Vec<f64>) -> Self {
        // Tolerate rounding noise so a tick computed as 50.60000000001 on an
        // axis ending at 50.6 is still labelled.
        let eps = (hi - lo).abs() * 1e-9;
        let ticks = ticks
            .into_iter()
            .filter(|t| *t >= lo.min(hi) - eps && *t <= hi.max(lo) + eps)
            .collect();
        TickAxis {
            inner: (lo..hi).into(),
            ticks,
        }
    }
}

impl Ranged for TickAxis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.inner.map(value, limit)
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        // Light (minor) grid lines are not wanted: only the chosen ticks.
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.inner.range()
    }
}

impl From<&NiceAxis> for TickAxis {
    fn from(a: &NiceAxis) -> Self {
        TickAxis::new(a.lo, a.hi, a.ticks.clone())
    }
}

// ---------------------------------------------------------------------------
// Plot scaffolding shared by the charts: the cartesian chart, its mesh, lines,
// category (row) axes and date axes.

/// A plot with our own tick axes on both sides.
pub(crate) type Chart<'a, 'b> = ChartContext<'a, TextFix<'b>, Cartesian2d<TickAxis, TickAxis>>;

/// Background of every other row in the row-per-item charts.
pub(crate) const STRIPE: RGBColor = RGBColor(0xF4, 0xF4, 0xF4);

/// Width of the plot between a y label area of `y_area` and a right margin
/// of `right` pixels, in an area `area_w` wide (never zero).
pub(crate) fn plot_width(area_w: u32, y_area: u32, right: u32) -> u32 {
    area_w.saturating_sub(y_area + right).max(1)
}

/// How many ticks a numeric x axis `plot_w` wide gets when its labels are
/// about `label_w` wide: room for each label and most of a label between.
pub(crate) fn x_tick_target(plot_w: u32, label_w: u32) -> usize {
    let target = (f64::from(plot_w) / (f64::from(label_w) * 1.8)).floor() as usize;
    target.clamp(2, 9)
}

/// Right margin that leaves room for half of a tick label `label_w` wide
/// centred on the last x tick.
pub(crate) fn half_label_room(label_w: u32, th: &Theme) -> u32 {
    label_w / 2 + th.upx(6.0)
}

/// Width of the widest date tick label (31 December, "2026-12-31" or
/// "12月31日") in the tick font.
pub(crate) fn date_label_width(root: &Area<'_>, th: &Theme) -> Result<u32, ChartError> {
    let tick = text_style(th.tick_size(), false, INK);
    let widest = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default();
    text_width(root, &th.look.messages.axis_date(widest), &tick)
}

/// Positions (days after `base`) of calendar-friendly date ticks within
/// `[x0, x1]` on a plot `plot_w` wide with date labels `date_w` wide, or
/// `None` when the ends are not representable dates.
pub(crate) fn date_axis_ticks(
    base: NaiveDate,
    (x0, x1): (f64, f64),
    plot_w: u32,
    date_w: u32,
) -> Option<Vec<f64>> {
    let max_ticks = (f64::from(plot_w) / (f64::from(date_w) * 1.6)).floor() as usize;
    let first = date_at(base, x0.ceil())?;
    let last = date_at(base, x1.floor())?;
    Some(
        date_ticks(first, last, max_ticks.clamp(2, 10))
            .into_iter()
            .map(|d| day_offset(base, d))
            .filter(|x| *x >= x0 && *x <= x1)
            .collect(),
    )
}

/// Builds the plot inside `area`: label areas of the theme's x label height
/// and `y_area` wide, `right` and `top` pixels of margin.
pub(crate) fn build_chart<'a, 'b>(
    area: &'a Area<'b>,
    th: &Theme,
    y_area: u32,
    (right, top): (u32, i32),
    x: TickAxis,
    y: TickAxis,
) -> Result<Chart<'a, 'b>, ChartError> {
    Ok(ChartBuilder::on(area)
        .x_label_area_size(th.x_label_area())
        .y_label_area_size(y_area)
        .margin_right(right)
        .margin_top(top)
        .build_cartesian_2d(x, y)?)
}

/// How the grid, axes and tick labels of a plot look.
pub(crate) struct Mesh<'a> {
    /// Description under the x axis.
    pub x_desc: &'a str,
    /// Description beside the y axis (`None`: the labels say it all).
    pub y_desc: Option<&'a str>,
    /// Style of the y tick labels.
    pub y_labels: TextStyle<'a>,
    /// Vertical nudge of the y tick labels (see [`Theme::y_label_fix`]).
    pub y_label_offset: i32,
    /// Draw horizontal grid lines at the y ticks.
    pub y_grid: bool,
}

impl<'a> Mesh<'a> {
    /// A numeric y axis: tick-size labels, horizontal grid lines.
    pub fn numeric(x_desc: &'a str, y_desc: &'a str, th: &Theme) -> Self {
        Mesh {
            x_desc,
            y_desc: Some(y_desc),
            y_labels: text_style(th.tick_size(), false, INK),
            y_label_offset: th.y_label_fix(),
            y_grid: true,
        }
    }
}

/// Draws grid, axes, tick marks, tick labels and axis descriptions.
pub(crate) fn draw_mesh(
    chart: &mut Chart<'_, '_>,
    th: &Theme,
    mesh: &Mesh<'_>,
    x_fmt: &dyn Fn(&f64) -> String,
    y_fmt: &dyn Fn(&f64) -> String,
) -> Result<(), ChartError> {
    let mut style = chart.configure_mesh();
    style
        .bold_line_style(GRID.stroke_width(th.upx(1.0)))
        .light_line_style(TRANSPARENT)
        .axis_style(AXIS.stroke_width(th.upx(2.0)))
        .set_all_tick_mark_size(th.tick_len())
        .x_label_style(text_style(th.tick_size(), false, INK))
        .y_label_style(mesh.y_labels.clone())
        .y_label_offset(mesh.y_label_offset)
        .x_label_formatter(x_fmt)
        .y_label_formatter(y_fmt)
        .axis_desc_style(text_style(th.desc_size(), false, INK))
        .x_desc(mesh.x_desc);
    if !mesh.y_grid {
        style.disable_y_mesh();
    }
    if let Some(d) = mesh.y_desc {
        style.y_desc(d);
    }
    style.draw()?;
    Ok(())
}

/// Draws a polyline in data coordinates; dashed when `dash` gives the dash
/// length and the gap in pixels.
pub(crate) fn draw_line(
    chart: &mut Chart<'_, '_>,
    points: Vec<(f64, f64)>,
    style: ShapeStyle,
    dash: Option<(i32, i32)>,
) -> Result<(), ChartError> {
    match dash {
        Some((size, gap)) => {
            chart.draw_series(DashedLineSeries::new(points, size, gap, style))?;
        }
        None if style.stroke_width > 1 && style.color.alpha() >= 1.0 => {
            draw_thick_polyline(chart, &points, style)?;
        }
        None => {
            chart.draw_series(std::iter::once(PathElement::new(points, style)))?;
        }
    }
    Ok(())
}

/// Draws an opaque polyline thicker than a pixel as one quadrilateral per segment plus a
/// disc at every vertex (round joins and caps). plotters' own polygonisation of thick
/// paths bends the first and last segments of a flat line into small hooks.
fn draw_thick_polyline(
    chart: &mut Chart<'_, '_>,
    points: &[(f64, f64)],
    style: ShapeStyle,
) -> Result<(), ChartError> {
    let area = chart.plotting_area();
    let (bx, by) = area.get_base_pixel();
    let pixels: Vec<(f64, f64)> = points
        .iter()
        .map(|p| {
            let (x, y) = area.map_coordinate(p);
            (f64::from(x - bx), f64::from(y - by))
        })
        .collect();
    let canvas = area.strip_coord_spec();
    let half = f64::from(style.stroke_width) / 2.0;
    let fill = style.color.filled();
    let round = |x: f64, y: f64| (x.round() as i32, y.round() as i32);
    for w in pixels.windows(2) {
        let ((x0, y0), (x1, y1)) = (w[0], w[1]);
        let len = (x1 - x0).hypot(y1 - y0);
        if len < 1e-9 {
            continue;
        }
        let (nx, ny) = (-(y1 - y0) / len * half, (x1 - x0) / len * half);
        canvas.draw(&Polygon::new(
            vec![
                round(x0 + nx, y0 + ny),
                round(x1 + nx, y1 + ny),
                round(x1 - nx, y1 - ny),
                round(x0 - nx, y0 - ny),
            ],
            fill,
        ))?;
    }
    let radius = (half - 0.5).max(0.5).round() as u32;
    for &(x, y) in &pixels {
        canvas.draw(&Circle::new(round(x, y), radius, fill))?;
    }
    Ok(())
}

/// A category y axis with one row per item, the first item on top. Row `r`
/// counted from the bottom spans `r..r + 1` and shows item `n - 1 - r`.
/// Labels shrink when rows are thin, so they never overlap.
pub(crate) struct RowAxis {
    /// The labels, shortened to fit, in item order.
    labels: Vec<String>,
    /// Width of the widest label in pixels.
    widest: u32,
    /// Font size of the labels.
    pub label_size: f64,
    /// Height of one row in pixels.
    pub row_px: f64,
}

impl RowAxis {
    /// One row per name in the plot `area` will hold below `margin_top`
    /// pixels of head room. Names are shortened to at most 3/10 of the area's
    /// width.
    pub fn new<'s>(
        root: &Area<'_>,
        area: &Area<'_>,
        margin_top: i32,
        names: impl ExactSizeIterator<Item = &'s str>,
        th: &Theme,
    ) -> Result<Self, ChartError> {
        let (area_w, area_h) = area.dim_in_pixel();
        let plot_h = (area_h as i32 - th.x_label_area() as i32 - margin_top).max(1);
        let row_px = f64::from(plot_h) / names.len().max(1) as f64;
        let label_size = th.tick_size().min(row_px * 0.7).max(6.0);
        let style = text_style(label_size, false, INK);
        let mut labels = Vec::with_capacity(names.len());
        let mut widest = 0;
        for name in names {
            let l = fit_text(root, name.trim(), &style, area_w * 3 / 10)?;
            widest = widest.max(text_width(root, &l, &style)?);
            labels.push(l);
        }
        Ok(RowAxis {
            labels,
            widest,
            label_size,
            row_px,
        })
    }

    /// Style of the row labels.
    pub fn style(&self) -> TextStyle<'static> {
        text_style(self.label_size, false, INK)
    }

    /// Width of the y label area: labels plus tick marks and a gap.
    pub fn area_width(&self, th: &Theme) -> u32 {
        self.widest + 2 * th.tick_len() as u32 + th.upx(10.0)
    }

    /// The y coordinate range with a tick at the centre of every row.
    pub fn axis(&self) -> TickAxis {
        let n = self.labels.len();
        TickAxis::new(0.0, n as f64, (0..n).map(|r| r as f64 + 0.5).collect())
    }

    /// Centre of item `i`'s row.
    pub fn centre(&self, i: usize) -> f64 {
        self.labels.len().saturating_sub(i + 1) as f64 + 0.5
    }

    /// Rows (counted from the bottom) that get a stripe: every other item,
    /// starting with the second.
    pub fn striped_rows(&self) -> impl Iterator<Item = usize> {
        let n = self.labels.len();
        (0..n).filter(move |r| (n - 1 - r) % 2 == 1)
    }

    /// Mesh settings for these labels: no horizontal grid, no y description.
    pub fn mesh<'a>(&self, x_desc: &'a str) -> Mesh<'a> {
        Mesh {
            x_desc,
            y_desc: None,
            y_labels: self.style(),
            y_label_offset: (self.label_size * 0.17).round() as i32,
            y_grid: false,
        }
    }

    /// Tick label at `y`: the label of the row it falls in.
    pub fn label(&self, y: f64) -> String {
        let n = self.labels.len();
        let r = y.floor();
        if r >= 0.0 && (r as usize) < n {
            self.labels[n - 1 - r as usize].clone()
        } else {
            String::new()
        }
    }
}

/// Rounds a raw step up to 1, 2, 2.5 or 5 times a power of ten.
pub(crate) fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    let nf = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 2.5 {
        2.5
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    nf * mag
}

/// Decimals needed to print multiples of `step` exactly.
fn decimals_for(step: f64) -> usize {
    let mut d = 0;
    while d < 8 {
        let scaled = step * 10f64.powi(d as i32);
        if (scaled - scaled.round()).abs() < 1e-6 * scaled.abs().max(1.0) {
            break;
        }
        d += 1;
    }
    d
}

/// Builds an axis covering `[lo, hi]` with about `target` ticks. The range is
/// widened by `pad` (a fraction of its width) and then to whole steps. A
/// zero-width range (constant data) is padded around the value, so the chart
/// still has a scale. With `floor_zero`, non-negative data never gets an axis
/// reaching below zero (negative follower counts make no sense).
pub(crate) fn nice_axis(lo: f64, hi: f64, target: usize, pad: f64, floor_zero: bool) -> NiceAxis {
    let (mut lo, mut hi) = if usable(lo) && usable(hi) {
        (lo.min(hi), lo.max(hi))
    } else {
        (0.0, 1.0)
    };
    let non_negative = lo >= 0.0;
    let width = hi - lo;
    if width <= lo.abs().max(hi.abs()) * 1e-9 || width <= f64::MIN_POSITIVE {
        let p = (lo.abs() * 0.05).max(1.0);
        lo -= p;
        hi += p;
    } else {
        lo -= width * pad;
        hi += width * pad;
    }
    if floor_zero && non_negative && lo < 0.0 {
        lo = 0.0;
    }
    let step = nice_step((hi - lo) / target.max(1) as f64);
    let mut nlo = (lo / step).floor() * step;
    let mut nhi = (hi / step).ceil() * step;
    if floor_zero && non_negative && nlo < 0.0 {
        nlo = 0.0;
    }
    if nhi <= nlo {
        nhi = nlo + step;
    }
    let n = ((nhi - nlo) / step).round().clamp(1.0, 200.0) as usize;
    let ticks = (0..=n)
        .map(|k| {
            let t = nlo + k as f64 * step;
            // Snap rounding noise so zero prints as "0", not "-0.00".
            if t.abs() < step * 1e-9 {
                0.0
            } else {
                t
            }
        })
        .collect();
    NiceAxis {
        lo: nlo,
        hi: nhi,
        ticks,
        decimals: decimals_for(step),
    }
}

/// Picks calendar-friendly tick dates in `[start, end]`, at most `max_ticks`:
/// every day, every 2 days, weekly/fortnightly on Mondays, the 1st and 16th,
/// then every 1, 2, 3, 6, 12... months on the 1st.
pub(crate) fn date_ticks(start: NaiveDate, end: NaiveDate, max_ticks: usize) -> Vec<NaiveDate> {
    let max_ticks = max_ticks.max(2);
    let (start, end) = if end < start {
        (end, start)
    } else {
        (start, end)
    };
    let in_range = |d: &NaiveDate| *d >= start && *d <= end;

    // Every `step` days from `first`, giving up once there are too many.
    let every = |first: Option<NaiveDate>, step: u64| -> Option<Vec<NaiveDate>> {
        let mut out = Vec::new();
        let mut d = first?;
        while d <= end {
            out.push(d);
            if out.len() > max_ticks {
                return None;
            }
            d = d.checked_add_days(Days::new(step))?;
        }
        Some(out)
    };
    let monday = {
        let back = u64::from(start.weekday().num_days_from_monday());
        if start.weekday() == Weekday::Mon {
            Some(start)
        } else {
            start.checked_add_days(Days::new(7 - back))
        }
    };
    let candidates = [
        (Some(start), 1),
        (Some(start), 2),
        (monday, 7),
        (monday, 14),
    ];
    for (first, step) in candidates {
        if let Some(t) = every(first, step) {
            if t.len() >= 2 || step == 1 {
                return t;
            }
        }
    }

    // Month-based ticks (semi-monthly first, then every k months).
    let month_starts = |k: i32, semi: bool| -> Option<Vec<NaiveDate>> {
        let mut out = Vec::new();
        // Months counted from year 0, aligned to multiples of k so that e.g.
        // quarterly ticks fall on Jan/Apr/Jul/Oct.
        let first_idx = start.year() * 12 + start.month0() as i32;
        let mut idx = first_idx.div_euclid(k) * k;
        loop {
            let (y, m) = (idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1);
            let first = NaiveDate::from_ymd_opt(y, m, 1)?;
            if first > end {
                break;
            }
            if in_range(&first) {
                out.push(first);
            }
            if semi {
                let mid = NaiveDate::from_ymd_opt(y, m, 16)?;
                if in_range(&mid) {
                    out.push(mid);
                }
            }
            if out.len() > max_ticks {
                return None;
            }
            idx = idx.checked_add(k)?;
        }
        Some(out)
    };
    let mut options = vec![(1, true)];
    options.extend([1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200].map(|k| (k, false)));
    for (k, semi) in options {
        if let Some(t) = month_starts(k, semi) {
            if t.len() >= 2 {
                return t;
            }
        }
    }
    vec![start, end]
}

/// Days from `base` to `d` as a coordinate.
pub(crate) fn day_offset(base: NaiveDate, d: NaiveDate) -> f64 {
    (d - base).num_days() as f64
}

/// The date `x` days after `base` (rounded), if representable.
pub(crate) fn date_at(base: NaiveDate, x: f64) -> Option<NaiveDate> {
    if !x.is_finite() || x.abs() > 1e8 {
        return None;
    }
    let days = x.round() as i64;
    if days >= 0 {
        base.checked_add_days(Days::new(days as u64))
    } else {
        base.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}
