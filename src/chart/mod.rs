//! PNG charts for fanplan forecasts.
//!
//! Every chart takes plain data and returns the bytes of a PNG image; this
//! module never touches the file system (the CLI decides where files go).
//! Rendering is done with `plotters` into an in-memory RGB buffer which is then
//! encoded with the `png` crate, so identical inputs always give byte-identical
//! output (no timestamps or other metadata are written).
//!
//! Text uses the Noto Sans fonts bundled by the `notosans` crate, registered
//! with plotters once per process, so no system fonts or fontconfig are needed.
//! Text is drawn by `text::TextFix` rather than plotters, whose ab_glyph
//! drawing drops each glyph's left side bearing (uneven gaps around "1").
//! Noto Sans covers Latin, Greek and Cyrillic only: Chinese account names are
//! drawn as empty boxes. Callers who need readable labels should pass a Latin
//! transliteration (e.g. pinyin) or an account ID instead.
//!
//! Colours come from the Okabe–Ito palette, which stays distinguishable for the
//! common forms of colour blindness. Sizes (fonts, margins, line widths) scale
//! with the image so a chart keeps its proportions at any size between
//! 400x300 and 8000x8000; the default is 1600x1000, which stays readable when
//! shrunk onto a slide.

mod compare;
mod forecast;
mod histogram;
mod portfolio;
mod text;
mod timeline;
mod trajectory;

pub use compare::{compare_png, CompareChart, CompareRow};
pub use forecast::{histogram_chart, trajectory_chart};
pub use histogram::{histogram_png, HistogramChart};
pub use portfolio::{portfolio_png, PortfolioChart};
pub use timeline::{timeline_png, TimelineChart, TimelineStep};
pub use trajectory::{trajectory_png, TrajectoryChart, TrajectoryPoint};

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::drawing::DrawingAreaErrorKind;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontFamily, FontStyle, RGBAColor};
use text::TextFix;

/// Default image size in pixels (width, height).
pub const DEFAULT_SIZE: (u32, u32) = (1600, 1000);
/// Smallest accepted image size in pixels (width, height).
pub const MIN_SIZE: (u32, u32) = (400, 300);
/// Largest accepted image size in pixels (width, height).
pub const MAX_SIZE: (u32, u32) = (8000, 8000);

/// Everything that can go wrong while producing a chart.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ChartError {
    /// The requested image is smaller than [`MIN_SIZE`].
    #[error("chart size {width}x{height} is too small (minimum 400x300)")]
    TooSmall {
        /// Requested width in pixels.
        width: u32,
        /// Requested height in pixels.
        height: u32,
    },
    /// The requested image is larger than [`MAX_SIZE`].
    #[error("chart size {width}x{height} is too large (maximum 8000x8000)")]
    TooLarge {
        /// Requested width in pixels.
        width: u32,
        /// Requested height in pixels.
        height: u32,
    },
    /// A size string such as `--size 1600x1000` could not be understood.
    #[error(
        "invalid chart size '{input}': {reason}; expected WxH such as 1600x1000, \
         from 400x300 up to 8000x8000"
    )]
    InvalidSize {
        /// The text that was given.
        input: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The chart has no (finite) data to show.
    #[error("nothing to draw: {0}")]
    NoData(String),
    /// The bundled font could not be loaded.
    #[error("could not load the chart font: {0}")]
    Font(String),
    /// plotters reported an error while drawing.
    #[error("drawing the chart failed: {0}")]
    Drawing(String),
    /// The finished image could not be encoded as PNG.
    #[error("encoding the chart as PNG failed: {0}")]
    Encode(String),
}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        ChartError::Drawing(e.to_string())
    }
}

/// Image size in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ChartSize {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

impl ChartSize {
    /// A size checked against [`MIN_SIZE`] and [`MAX_SIZE`].
    pub fn new(width: u32, height: u32) -> Result<Self, ChartError> {
        let size = ChartSize { width, height };
        size.validate()?;
        Ok(size)
    }

    /// Checks the size against [`MIN_SIZE`] and [`MAX_SIZE`]. The fields are
    /// public, so every chart function re-checks before allocating.
    pub fn validate(&self) -> Result<(), ChartError> {
        let (w, h) = (self.width, self.height);
        if w < MIN_SIZE.0 || h < MIN_SIZE.1 {
            return Err(ChartError::TooSmall {
                width: w,
                height: h,
            });
        }
        if w > MAX_SIZE.0 || h > MAX_SIZE.1 {
            return Err(ChartError::TooLarge {
                width: w,
                height: h,
            });
        }
        Ok(())
    }
}

impl Default for ChartSize {
    fn default() -> Self {
        ChartSize {
            width: DEFAULT_SIZE.0,
            height: DEFAULT_SIZE.1,
        }
    }
}

impl fmt::Display for ChartSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}x{}", self.width, self.height)
    }
}

impl FromStr for ChartSize {
    type Err = ChartError;

    /// Parses `WxH` (or `WXH`), e.g. `1600x1000`, and checks the range.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = |reason: &str| ChartError::InvalidSize {
            input: s.to_string(),
            reason: reason.to_string(),
        };
        let t = s.trim();
        let (w, h) = t
            .split_once(['x', 'X'])
            .ok_or_else(|| bad("missing 'x' between width and height"))?;
        let w: u32 = w
            .trim()
            .parse()
            .map_err(|_| bad("width is not a whole number"))?;
        let h: u32 = h
            .trim()
            .parse()
            .map_err(|_| bad("height is not a whole number"))?;
        let size = ChartSize {
            width: w,
            height: h,
        };
        size.validate().map_err(|e| bad(&e.to_string()))?;
        Ok(size)
    }
}

// ---------------------------------------------------------------------------
// Palette (Okabe–Ito) and neutral colours. Orange (#E69F00) and yellow
// (#F0E442) are left out: next to vermillion and on white they are the weakest
// contrasts of the palette, and no chart needs that many series.

/// Okabe–Ito blue.
pub(crate) const BLUE_OI: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// Okabe–Ito bluish green.
pub(crate) const GREEN_OI: RGBColor = RGBColor(0x00, 0x9E, 0x73);
/// Okabe–Ito vermillion.
pub(crate) const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// Okabe–Ito reddish purple.
pub(crate) const PURPLE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);
/// Okabe–Ito sky blue.
pub(crate) const SKY: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
/// Near-black used for text and reference lines (softer than pure black).
pub(crate) const INK: RGBColor = RGBColor(0x1A, 0x1A, 0x1A);
/// Secondary text.
pub(crate) const MUTED: RGBColor = RGBColor(0x55, 0x55, 0x55);
/// Axis lines.
pub(crate) const AXIS: RGBColor = RGBColor(0x66, 0x66, 0x66);
/// Grid lines: light enough not to compete with data.
pub(crate) const GRID: RGBColor = RGBColor(0xE3, 0xE3, 0xE3);

// ---------------------------------------------------------------------------
// Fonts.

static FONTS: OnceLock<Result<(), String>> = OnceLock::new();

/// Registers Noto Sans Regular/Bold as plotters' "sans-serif" family, once per
/// process. Without it every text draw fails at run time (no system fonts).
fn ensure_fonts() -> Result<(), ChartError> {
    FONTS
        .get_or_init(|| {
            plotters::style::register_font("sans-serif", FontStyle::Normal, notosans::REGULAR_TTF)
                .map_err(|_| "bundled Noto Sans Regular is not a valid font".to_string())?;
            plotters::style::register_font("sans-serif", FontStyle::Bold, notosans::BOLD_TTF)
                .map_err(|_| "bundled Noto Sans Bold is not a valid font".to_string())?;
            Ok(())
        })
        .clone()
        .map_err(ChartError::Font)
}

/// The font description for `size` pixels (plotters/ab_glyph scale).
pub(crate) fn font(size: f64, bold: bool) -> FontDesc<'static> {
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    FontDesc::new(FontFamily::SansSerif, size, style)
}

/// A text style of the given size, weight and colour.
pub(crate) fn text_style(size: f64, bold: bool, color: RGBColor) -> TextStyle<'static> {
    font(size, bold).color(&color)
}

// ---------------------------------------------------------------------------
// Theme: every length in the charts is expressed at 1600x1000 and scaled.

/// Scaled lengths and font sizes for one image size.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Theme {
    /// Scale factor relative to the 1600x1000 design size.
    pub s: f64,
}

impl Theme {
    fn new(size: ChartSize) -> Self {
        let s = (f64::from(size.width) / 1600.0).min(f64::from(size.height) / 1000.0);
        // Below ~0.5 text becomes unreadable; above the maximum size it would
        // only waste pixels, so clamp.
        Theme {
            s: s.clamp(0.5, 5.0),
        }
    }

    /// A design-size length in pixels, scaled.
    pub fn px(&self, v: f64) -> i32 {
        (v * self.s).round() as i32
    }

    /// Same as [`Theme::px`], as an unsigned size.
    pub fn upx(&self, v: f64) -> u32 {
        self.px(v).max(1) as u32
    }

    /// Chart title.
    pub fn title_size(&self) -> f64 {
        44.0 * self.s
    }
    /// Axis descriptions ("Date", "Audience (followers)").
    pub fn desc_size(&self) -> f64 {
        28.0 * self.s
    }
    /// Tick labels.
    pub fn tick_size(&self) -> f64 {
        25.0 * self.s
    }
    /// Legend entries.
    pub fn legend_size(&self) -> f64 {
        25.0 * self.s
    }
    /// Annotations inside the plot.
    pub fn note_size(&self) -> f64 {
        24.0 * self.s
    }
    /// Outer margin of the image.
    pub fn margin(&self) -> i32 {
        self.px(28.0)
    }
    /// Tick mark length; plotters puts labels at twice this from the axis.
    pub fn tick_len(&self) -> i32 {
        self.px(7.0)
    }
    /// plotters centres y tick labels on the layout box, which with ab_glyph
    /// sits about 1/6 of the font size too high; this moves them back.
    pub fn y_label_fix(&self) -> i32 {
        (self.tick_size() * 0.17).round() as i32
    }
    /// Width of the y label area: rotated description + widest tick label.
    pub fn y_label_area(&self, widest_label: u32) -> u32 {
        let desc = (self.desc_size() * 0.85).round() as u32;
        desc + self.upx(18.0) + widest_label + 2 * self.tick_len() as u32 + self.upx(4.0)
    }
    /// Height of the x label area: tick labels + description.
    pub fn x_label_area(&self) -> u32 {
        2 * self.tick_len() as u32
            + (self.tick_size() * 0.8).round() as u32
            + self.upx(22.0)
            + (self.desc_size() * 0.85).round() as u32
    }
}

/// The drawing area type all charts draw on.
pub(crate) type Area<'a> = DrawingArea<TextFix<'a>, Shift>;

/// Allocates a white canvas of `size`, lets `draw` paint it and returns PNG
/// bytes. Shared by all charts so validation, fonts and encoding are uniform.
pub(crate) fn render<F>(size: ChartSize, draw: F) -> Result<Vec<u8>, ChartError>
where
    F: FnOnce(&Area<'_>, &Theme) -> Result<(), ChartError>,
{
    size.validate()?;
    ensure_fonts()?;
    let (w, h) = (size.width, size.height);
    let len = (w as usize)
        .checked_mul(h as usize)
        .and_then(|n| n.checked_mul(3))
        .ok_or(ChartError::TooLarge {
            width: w,
            height: h,
        })?;
    // Starting from 0xFF bytes gives the white background for free.
    let mut buf = vec![255u8; len];
    {
        let root = TextFix(BitMapBackend::with_buffer(&mut buf, (w, h))).into_drawing_area();
        let theme = Theme::new(size);
        draw(&root, &theme)?;
        root.present()?;
    }
    encode_png(&buf, w, h)
}

/// [`render`] with the frame every chart shares: the title and legend header
/// (see [`header`]) and the outer margin around the plot. `draw` gets the whole
/// image (for pixel-positioned text) and the area left for the plot.
pub(crate) fn render_framed<F>(
    size: ChartSize,
    title: &str,
    legend: &[LegendItem],
    draw: F,
) -> Result<Vec<u8>, ChartError>
where
    F: FnOnce(&Area<'_>, &Area<'_>, &Theme) -> Result<(), ChartError>,
{
    render(size, |root, th| {
        let area = header(root, title, legend, th)?;
        let m = th.margin();
        let area = area.margin(0, m, m, m);
        draw(root, &area, th)
    })
}

/// Encodes an RGB8 buffer as PNG. Fast deflate with a fixed filter keeps a
/// 1600x1000 chart in the tens of milliseconds; charts are mostly flat colour
/// so the files stay small anyway. No ancillary chunks, hence reproducible.
fn encode_png(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>, ChartError> {
    let mut out = Vec::with_capacity(rgb.len() / 16);
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Fast);
        enc.set_filter(png::FilterType::Sub);
        enc.set_adaptive_filter(png::AdaptiveFilterType::NonAdaptive);
        let mut writer = enc
            .write_header()
            .map_err(|e| ChartError::Encode(e.to_string()))?;
        writer
            .write_image_data(rgb)
            .map_err(|e| ChartError::Encode(e.to_string()))?;
        writer
            .finish()
            .map_err(|e| ChartError::Encode(e.to_string()))?;
    }
    Ok(out)
}

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

/// Formats `v` with `decimals` decimals and thousands separators: 120000 ->
/// "120,000". NaN becomes "n/a" so bad data is visible rather than hidden.
pub fn format_thousands(v: f64, decimals: usize) -> String {
    if v.is_nan() {
        return "n/a".to_string();
    }
    if v.is_infinite() {
        return if v > 0.0 { "∞" } else { "-∞" }.to_string();
    }
    let digits = format!("{:.*}", decimals.min(12), v.abs());
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits.as_str(), None),
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    // Avoid "-0" when a tiny negative number rounds to zero.
    if v < 0.0 && digits.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        out.push('-');
    }
    let n = int.len();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A "human" amount: whole numbers from 100 up (or when whole), otherwise
/// two decimals.
pub(crate) fn format_amount(v: f64) -> String {
    if v.abs() >= 100.0 || !v.is_finite() || v.fract() == 0.0 {
        format_thousands(v, 0)
    } else {
        format_thousands(v, 2)
    }
}

/// A date as YYYY-MM-DD.
pub(crate) fn format_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
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

/// Width of a date tick label ("2026-12-31") in the tick font.
pub(crate) fn date_label_width(root: &Area<'_>, th: &Theme) -> Result<u32, ChartError> {
    let tick = text_style(th.tick_size(), false, INK);
    text_width(root, "2026-12-31", &tick)
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
        None => {
            chart.draw_series(std::iter::once(PathElement::new(points, style)))?;
        }
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
fn nice_step(raw: f64) -> f64 {
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

/// Histogram bins over `values` with a "nice" width, about `target` of them.
/// `min_width` stops integer data (follower counts) from being split into
/// fractional bins that would leave every other bin empty.
#[derive(Debug, Clone)]
pub(crate) struct Bins {
    pub start: f64,
    pub width: f64,
    pub counts: Vec<u64>,
}

impl Bins {
    /// Left edge of bin `i`.
    pub fn left(&self, i: usize) -> f64 {
        self.start + i as f64 * self.width
    }
    /// Right edge of the last bin.
    pub fn end(&self) -> f64 {
        self.left(self.counts.len())
    }
}

/// Bins the usable `values` (returns `None` when there are none).
pub(crate) fn bin_values(values: &[f64], target: usize, min_width: f64) -> Option<Bins> {
    let (lo, hi) = min_max(values.iter().copied())?;
    let target = target.max(1);
    let mut width = nice_step((hi - lo) / target as f64).max(min_width);
    if hi - lo <= 0.0 {
        // Constant data: one bin centred on the value.
        width = nice_step((lo.abs() * 0.02).max(min_width).max(1e-9));
    }
    if !(width.is_finite() && width > 0.0) {
        width = 1.0;
    }
    let mut start = (lo / width).floor() * width;
    if hi - lo <= 0.0 {
        start = lo - width / 2.0;
    }
    // nice_step rounds up, so there are at most ~target+1 bins; the cap only
    // guards against pathological floating point.
    let n = (((hi - start) / width).floor() as usize + 1).clamp(1, 4 * target + 2);
    let mut counts = vec![0u64; n];
    for v in values.iter().copied().filter(|v| usable(*v)) {
        let i = ((v - start) / width).floor();
        let i = if i.is_finite() && i > 0.0 {
            i as usize
        } else {
            0
        };
        counts[i.min(n - 1)] += 1;
    }
    Some(Bins {
        start,
        width,
        counts,
    })
}

/// The median of the usable values.
pub(crate) fn median(values: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|v| usable(*v)).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

#[cfg(test)]
pub(crate) mod test_util {
    //! Helpers shared by the chart tests: decode PNGs, inspect pixels and the
    //! checks every chart must pass.

    use std::collections::HashSet;

    use super::{ChartError, ChartSize, MAX_SIZE, MIN_SIZE};

    /// A decoded RGB image.
    pub struct Decoded {
        pub width: u32,
        pub height: u32,
        pub rgb: Vec<u8>,
    }

    /// Decodes PNG bytes produced by the charts (RGB8).
    pub fn decode(bytes: &[u8]) -> Decoded {
        let decoder = png::Decoder::new(bytes);
        let mut reader = decoder.read_info().expect("valid PNG header");
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).expect("valid PNG data");
        assert_eq!(info.color_type, png::ColorType::Rgb);
        assert_eq!(info.bit_depth, png::BitDepth::Eight);
        buf.truncate(info.buffer_size());
        Decoded {
            width: info.width,
            height: info.height,
            rgb: buf,
        }
    }

    /// Number of distinct colours in the image, counting no further than
    /// `cap` (a full count of a large image is slow in debug builds).
    pub fn distinct_colours(img: &Decoded, cap: usize) -> usize {
        let mut seen = HashSet::new();
        for p in img.rgb.chunks_exact(3) {
            if seen.len() >= cap {
                break;
            }
            seen.insert((p[0], p[1], p[2]));
        }
        seen.len()
    }

    /// True when the two images differ somewhere in the top `rows` rows.
    pub fn top_differs(a: &Decoded, b: &Decoded, rows: u32) -> bool {
        let n = (rows * a.width * 3) as usize;
        a.rgb[..n] != b.rgb[..n]
    }

    /// Basic checks for a rendered chart: a PNG of the right size, not blank
    /// (more than 20 colours).
    pub fn check_png(bytes: &[u8], w: u32, h: u32) -> Decoded {
        assert!(bytes.starts_with(&[0x89, b'P', b'N', b'G']));
        let img = decode(bytes);
        assert_eq!((img.width, img.height), (w, h));
        let colours = distinct_colours(&img, 21);
        assert!(colours > 20, "only {colours} colours: chart looks blank");
        img
    }

    /// Asserts that rendering failed for lack of data (and did not panic).
    pub fn assert_no_data(result: Result<Vec<u8>, ChartError>) {
        assert!(
            matches!(result, Err(ChartError::NoData(_))),
            "expected ChartError::NoData, got {:?}",
            result.map(|png| png.len())
        );
    }

    /// Sizes [`standard_checks`] renders besides the default: the smallest,
    /// and two extreme aspect ratios: the widest image at the smallest height
    /// (8000x300) and a tall one (400x1200, cheaper than 400x8000 in debug).
    const OTHER_SIZES: [(u32, u32); 3] = [MIN_SIZE, (MAX_SIZE.0, MIN_SIZE.1), (MIN_SIZE.0, 1200)];

    /// The checks every chart passes. `render` draws the chart with its
    /// title, `untitled` the same chart with an empty title. At the default
    /// size and every size of [`OTHER_SIZES`] the chart renders to a PNG of
    /// that size that is not blank; at the default size rendering twice gives
    /// the same bytes, and dropping the title changes the top of the image
    /// (the title is drawn).
    pub fn standard_checks(
        render: impl Fn(ChartSize) -> Result<Vec<u8>, ChartError>,
        untitled: impl Fn(ChartSize) -> Result<Vec<u8>, ChartError>,
    ) {
        let size = ChartSize::default();
        let png = render(size).expect("renders at the default size");
        let img = check_png(&png, size.width, size.height);
        assert!(
            png == render(size).expect("renders twice"),
            "the same chart gave different PNG bytes"
        );
        let bare = decode(&untitled(size).expect("renders without a title"));
        assert!(top_differs(&img, &bare, 80), "the title is not drawn");
        for (w, h) in OTHER_SIZES {
            let png = render(ChartSize {
                width: w,
                height: h,
            })
            .unwrap_or_else(|e| panic!("{w}x{h}: {e}"));
            check_png(&png, w, h);
        }
    }

    /// [`standard_checks`] for a chart function and its data; `title` gives
    /// access to the data's title, which is cleared for the untitled render.
    pub fn standard_checks_of<T: Clone>(
        chart: &T,
        title: fn(&mut T) -> &mut String,
        render: fn(&T, ChartSize) -> Result<Vec<u8>, ChartError>,
    ) {
        let mut untitled = chart.clone();
        title(&mut untitled).clear();
        standard_checks(|s| render(chart, s), |s| render(&untitled, s));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sizes() {
        let s: ChartSize = "1600x1000".parse().unwrap();
        assert_eq!((s.width, s.height), (1600, 1000));
        let s: ChartSize = " 800X600 ".parse().unwrap();
        assert_eq!((s.width, s.height), (800, 600));
        let s: ChartSize = "400x300".parse().unwrap();
        assert_eq!(s.to_string(), "400x300");
        assert!("8000x8000".parse::<ChartSize>().is_ok());
        assert_eq!(ChartSize::default().width, DEFAULT_SIZE.0);
    }

    #[test]
    fn rejects_bad_sizes() {
        for bad in [
            "",
            "1600",
            "1600x",
            "x1000",
            "axb",
            "1600x1000x2",
            "-1x300",
            "10x10",
            "399x300",
            "400x299",
            "8001x800",
            "1600*1000",
            "1.5x300",
        ] {
            let err = bad.parse::<ChartSize>().unwrap_err();
            let msg = err.to_string();
            assert!(msg.contains("WxH"), "{bad}: {msg}");
            assert!(
                msg.contains("400x300") && msg.contains("8000x8000"),
                "{msg}"
            );
        }
        let msg = ChartSize {
            width: 10,
            height: 10,
        }
        .validate()
        .unwrap_err()
        .to_string();
        assert_eq!(msg, "chart size 10x10 is too small (minimum 400x300)");
        assert!(ChartSize::new(9000, 500).is_err());
    }

    #[test]
    fn formats_thousands() {
        assert_eq!(format_thousands(120000.0, 0), "120,000");
        assert_eq!(format_thousands(1234567.891, 2), "1,234,567.89");
        assert_eq!(format_thousands(-1234.0, 0), "-1,234");
        assert_eq!(format_thousands(-0.0001, 0), "0");
        assert_eq!(format_thousands(999.0, 0), "999");
        assert_eq!(format_thousands(0.5, 1), "0.5");
        assert_eq!(format_thousands(f64::NAN, 0), "n/a");
        assert_eq!(format_amount(12.345), "12.35");
        assert_eq!(format_amount(12345.6), "12,346");
        assert_eq!(format_amount(0.0), "0");
    }

    #[test]
    fn nice_axes() {
        let a = nice_axis(98_123.0, 123_456.0, 8, 0.0, true);
        assert!(a.lo <= 98_123.0 && a.hi >= 123_456.0);
        assert!((5..=12).contains(&a.ticks.len()), "{:?}", a.ticks);
        assert_eq!(a.decimals, 0);
        // Constant data is padded instead of producing an empty range.
        let c = nice_axis(5.0, 5.0, 8, 0.05, true);
        assert!(c.lo < 5.0 && c.hi > 5.0);
        // Non-finite input falls back to a unit range.
        let n = nice_axis(f64::NAN, f64::INFINITY, 8, 0.05, false);
        assert!(n.lo < n.hi);
        let z = nice_axis(0.0, 0.0, 8, 0.0, true);
        assert!(z.lo >= 0.0 && z.hi > 0.0);
        let f = nice_axis(0.0, 0.3, 6, 0.0, true);
        assert!(f.decimals >= 1);
    }

    #[test]
    fn date_ticks_are_calendar_friendly() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let t = date_ticks(d(2026, 3, 1), d(2026, 4, 30), 8);
        assert!((2..=8).contains(&t.len()), "{t:?}");
        let t = date_ticks(d(2026, 3, 1), d(2026, 3, 1), 8);
        assert_eq!(t, vec![d(2026, 3, 1)]);
        let t = date_ticks(d(2020, 1, 1), d(2030, 1, 1), 8);
        assert!((2..=8).contains(&t.len()), "{t:?}");
        let t = date_ticks(NaiveDate::MIN, NaiveDate::MAX, 6);
        assert!(t.len() <= 6);
    }

    #[test]
    fn bins_cover_values() {
        let values: Vec<f64> = (0..1000).map(|i| f64::from(i) * 1.7).collect();
        let b = bin_values(&values, 40, 1.0).unwrap();
        assert_eq!(b.counts.iter().sum::<u64>(), 1000);
        assert!(b.counts.len() <= 60);
        assert!(b.start <= 0.0 && b.end() >= 999.0 * 1.7);
        let c = bin_values(&[7.0; 10], 40, 1.0).unwrap();
        assert_eq!(c.counts, vec![10]);
        assert!(bin_values(&[f64::NAN], 40, 1.0).is_none());
        assert!(bin_values(&[], 40, 1.0).is_none());
    }

    #[test]
    fn rejects_too_small_canvas() {
        let err = render(
            ChartSize {
                width: 10,
                height: 10,
            },
            |_, _| Ok(()),
        )
        .unwrap_err();
        assert!(matches!(err, ChartError::TooSmall { .. }));
    }
}
