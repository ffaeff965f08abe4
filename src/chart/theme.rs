//! The palette, the embedded fonts and the theme (lengths scaled to the image).

use std::sync::OnceLock;

use plotters::prelude::*;
use plotters::style::{FontDesc, FontFamily, FontStyle};

use super::{ChartError, ChartSize, Look};

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
pub(crate) fn ensure_fonts() -> Result<(), ChartError> {
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

/// Scaled lengths and font sizes for one image size, and the words of the
/// reader's language.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Theme<'a> {
    /// Scale factor relative to the 1600x1000 design size.
    pub s: f64,
    /// The reader's language and fonts.
    pub look: &'a Look,
}

impl<'a> Theme<'a> {
    pub(crate) fn new(size: ChartSize, look: &'a Look) -> Self {
        let s = (f64::from(size.width()) / 1600.0).min(f64::from(size.height()) / 1000.0);
        // Below ~0.5 text becomes unreadable; above the maximum size it would
        // only waste pixels, so clamp.
        Theme {
            s: s.clamp(0.5, 5.0),
            look,
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
