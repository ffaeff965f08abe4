//! Text placement, the title and legend header, and annotation helpers.

use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::RGBAColor;

use super::ChartError;
use super::{canvas::*, theme::*};

// ---------------------------------------------------------------------------
// Text helpers.

/// Horizontal alignment of a text relative to its anchor point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HAlign {
    Left,
    Right,
}

/// Vertical alignment of a text relative to its anchor point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VAlign {
    /// Anchor at the top of capital letters.
    Top,
    /// Anchor at the vertical middle of capital letters.
    Middle,
}

/// Draws `text` with its capitals aligned to `(x, y)`. plotters' own anchors
/// are based on a layout box that does not match ab_glyph's glyph placement;
/// with `VPos::Top` the cap top lands on the anchor and the baseline about half
/// a font size below, so everything is computed from that.
pub(crate) fn put_text(
    area: &Area<'_>,
    text: &str,
    (x, y): (i32, i32),
    style: &TextStyle<'_>,
    h: HAlign,
    v: VAlign,
) -> Result<(), ChartError> {
    if text.is_empty() {
        return Ok(());
    }
    let size = style.font.get_size();
    let top = match v {
        VAlign::Top => y,
        VAlign::Middle => y - (size * 0.25).round() as i32,
    };
    let hp = match h {
        HAlign::Left => HPos::Left,
        HAlign::Right => HPos::Right,
    };
    area.draw_text(text, &style.pos(Pos::new(hp, VPos::Top)), (x, top))?;
    Ok(())
}

/// Draws a table value: right-aligned at `x`, vertically centred on `y`, so
/// the numbers of a column line up.
pub(crate) fn put_value(
    area: &Area<'_>,
    text: &str,
    pos: (i32, i32),
    style: &TextStyle<'_>,
) -> Result<(), ChartError> {
    put_text(area, text, pos, style, HAlign::Right, VAlign::Middle)
}

/// Width in pixels of `text` drawn with `style`.
pub(crate) fn text_width(
    area: &Area<'_>,
    text: &str,
    style: &TextStyle<'_>,
) -> Result<u32, ChartError> {
    if text.is_empty() {
        return Ok(0);
    }
    Ok(area.estimate_text_size(text, style)?.0)
}

/// Shortens `text` with an ellipsis until it fits `max_w` pixels, so long
/// account names or titles never run off the image.
pub(crate) fn fit_text(
    area: &Area<'_>,
    text: &str,
    style: &TextStyle<'_>,
    max_w: u32,
) -> Result<String, ChartError> {
    if text_width(area, text, style)? <= max_w {
        return Ok(text.to_string());
    }
    let chars: Vec<char> = text.chars().collect();
    let (mut lo, mut hi) = (0usize, chars.len());
    // Binary search for the longest prefix that fits with the ellipsis.
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars[..mid].iter().collect::<String>() + "…";
        if text_width(area, &candidate, style)? <= max_w {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let prefix: String = chars[..lo].iter().collect();
    Ok(format!("{}…", prefix.trim_end()))
}

// ---------------------------------------------------------------------------
// Title and legend header.

/// What a legend entry's sample looks like.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Swatch {
    /// A line segment (`dashed` draws dashes).
    Line {
        color: RGBAColor,
        width: f64,
        dashed: bool,
    },
    /// A filled box, for bands and bars.
    Fill(RGBAColor),
    /// A diamond marker.
    Diamond(RGBColor),
    /// A horizontal whisker with an end cap.
    Whisker(RGBColor),
}

impl Swatch {
    /// A solid or dashed line sample `width` pixels thick (at design size).
    pub fn line(color: RGBColor, width: f64, dashed: bool) -> Self {
        Swatch::Line {
            color: color.to_rgba(),
            width,
            dashed,
        }
    }
}

/// One legend entry.
#[derive(Debug, Clone)]
pub(crate) struct LegendItem {
    pub label: String,
    pub swatch: Swatch,
}

impl LegendItem {
    pub fn new(label: impl Into<String>, swatch: Swatch) -> Self {
        LegendItem {
            label: label.into(),
            swatch,
        }
    }
}

/// Draws the title and a legend laid out in rows beneath it, and returns the
/// area left for the plot. Keeping the legend outside the plot guarantees it
/// never hides data, whatever the data looks like.
pub(crate) fn header<'a>(
    root: &Area<'a>,
    title: &str,
    legend: &[LegendItem],
    th: &Theme,
) -> Result<Area<'a>, ChartError> {
    let (w, h) = root.dim_in_pixel();
    let m = th.margin();
    let usable_w = (w as i32 - 2 * m).max(1) as u32;

    // The title band has the same height whether or not there is a title, so
    // the plot does not jump around between runs.
    let tstyle = text_style(th.title_size(), true, INK);
    let title = fit_text(root, title.trim(), &tstyle, usable_w)?;
    put_text(root, &title, (m, m), &tstyle, HAlign::Left, VAlign::Top)?;
    let mut y = m + (th.title_size() * 0.55).round() as i32 + th.px(30.0);

    if !legend.is_empty() {
        let lstyle = text_style(th.legend_size(), false, INK);
        let sw = th.px(46.0);
        let gap = th.px(10.0);
        let spacing = th.px(40.0);
        let row_h = (th.legend_size() * 1.45).round() as i32;
        let mut x = m;
        let mut row_y = y + row_h / 2;
        for item in legend {
            let label = fit_text(
                root,
                &item.label,
                &lstyle,
                (usable_w as i32 - sw - gap).max(1) as u32,
            )?;
            let item_w = sw + gap + text_width(root, &label, &lstyle)? as i32;
            if x > m && x + item_w > m + usable_w as i32 {
                x = m;
                row_y += row_h;
            }
            draw_swatch(root, item.swatch, x, row_y, sw, th)?;
            put_text(
                root,
                &label,
                (x + sw + gap, row_y),
                &lstyle,
                HAlign::Left,
                VAlign::Middle,
            )?;
            x += item_w + spacing;
        }
        y = row_y + row_h / 2 + th.px(8.0);
    }
    let top = y.clamp(0, h as i32 - 1) as u32;
    Ok(root.split_vertically(top).1)
}

/// Draws one legend sample centred vertically on `cy`, `sw` pixels wide.
fn draw_swatch(
    area: &Area<'_>,
    swatch: Swatch,
    x: i32,
    cy: i32,
    sw: i32,
    th: &Theme,
) -> Result<(), ChartError> {
    match swatch {
        Swatch::Line {
            color,
            width,
            dashed,
        } => {
            let style = ShapeStyle::from(color).stroke_width(th.upx(width));
            if dashed {
                area.draw(&DashedPathElement::new(
                    vec![(x, cy), (x + sw, cy)],
                    th.px(10.0),
                    th.px(6.0),
                    style,
                ))?;
            } else {
                area.draw(&PathElement::new(vec![(x, cy), (x + sw, cy)], style))?;
            }
        }
        Swatch::Fill(color) => {
            let hh = th.px(11.0);
            area.draw(&Rectangle::new(
                [(x, cy - hh), (x + sw, cy + hh)],
                color.filled(),
            ))?;
        }
        Swatch::Diamond(color) => {
            draw_diamond(area, (x + sw / 2, cy), th.px(12.0), color, th)?;
        }
        Swatch::Whisker(color) => {
            let style = color.stroke_width(th.upx(3.0));
            let cap = th.px(10.0);
            // End a little early: the cap would otherwise touch the label.
            let end = x + sw - th.px(6.0);
            area.draw(&PathElement::new(vec![(x, cy), (end, cy)], style))?;
            area.draw(&PathElement::new(
                vec![(end, cy - cap), (end, cy + cap)],
                style,
            ))?;
        }
    }
    Ok(())
}

/// A filled diamond with a white outline (visible on top of bars).
pub(crate) fn draw_diamond(
    area: &Area<'_>,
    (cx, cy): (i32, i32),
    r: i32,
    color: RGBColor,
    th: &Theme,
) -> Result<(), ChartError> {
    let o = r + th.px(2.0).max(1);
    area.draw(&Polygon::new(
        vec![(cx, cy - o), (cx + o, cy), (cx, cy + o), (cx - o, cy)],
        WHITE.filled(),
    ))?;
    area.draw(&Polygon::new(
        vec![(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)],
        color.filled(),
    ))?;
    Ok(())
}

/// Draws a text with a translucent white box behind it, so annotations stay
/// readable on top of grid lines.
pub(crate) fn boxed_text(
    area: &Area<'_>,
    text: &str,
    (x, y): (i32, i32),
    style: &TextStyle<'_>,
    h: HAlign,
    th: &Theme,
) -> Result<(), ChartError> {
    let w = text_width(area, text, style)? as i32;
    let size = style.font.get_size();
    let pad = th.px(5.0);
    let x0 = match h {
        HAlign::Left => x,
        HAlign::Right => x - w,
    };
    let half = (size * 0.45).round() as i32;
    area.draw(&Rectangle::new(
        [(x0 - pad, y - half - pad), (x0 + w + pad, y + half + pad)],
        WHITE.mix(0.88).filled(),
    ))?;
    put_text(area, text, (x, y), style, h, VAlign::Middle)
}
