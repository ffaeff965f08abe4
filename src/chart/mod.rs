//! PNG charts for fanplan forecasts.
//!
//! Every chart takes plain data and returns the bytes of a PNG image; this
//! module never touches the file system (the CLI decides where files go).
//! Rendering is done with `plotters` into an in-memory RGB buffer which is then
//! encoded with the `png` crate, so identical inputs always give byte-identical
//! output (no timestamps or other metadata are written).
//!
//! Every chart takes a [`Look`]: the reader's language (titles, legends, axis
//! labels, annotations and dates come from the translation files) and the
//! fonts. Text uses the Noto Sans fonts bundled by the `notosans` crate and,
//! for Chinese, an embedded GB 2312 subset of Noto Sans CJK SC, chosen glyph
//! by glyph (or a `--font` file first), so no system fonts or fontconfig are
//! needed. Text is drawn by `text::TextFix` rather than plotters, whose
//! ab_glyph drawing drops each glyph's left side bearing (uneven gaps around
//! "1"). A character no font has is returned as a [`ChartWarning`].
//!
//! Colours come from the Okabe–Ito palette, which stays distinguishable for the
//! common forms of colour blindness. Sizes (fonts, margins, line widths) scale
//! with the image so a chart keeps its proportions at any size between
//! 400x300 and 8000x8000; the default is 1600x1000, which stays readable when
//! shrunk onto a slide.

mod axes;
mod bins;
mod canvas;
mod compare;
mod fonts;
mod forecast;
mod histogram;
mod layout;
mod portfolio;
mod size;
mod text;
mod theme;
mod timeline;
mod trajectory;

#[cfg(test)]
pub(crate) mod test_util;
#[cfg(test)]
mod tests;

pub use axes::format_thousands;
pub use compare::{compare_png, CompareChart, CompareRow};
pub use fonts::{FontFileError, Fonts};
pub use forecast::{histogram_chart, trajectory_chart};
pub use histogram::{histogram_png, HistogramChart};
pub use portfolio::{portfolio_png, PortfolioChart};
pub use size::{ChartSize, DEFAULT_SIZE, MAX_SIZE, MIN_SIZE};
pub use timeline::{timeline_png, TimelineChart, TimelineStep};
pub use trajectory::{trajectory_png, TrajectoryChart, TrajectoryPoint};

pub(crate) use axes::*;
pub(crate) use bins::*;
pub(crate) use canvas::*;
pub(crate) use layout::*;
pub(crate) use theme::*;

use plotters::drawing::DrawingAreaErrorKind;

use crate::i18n::{Lang, Messages};

/// How chart text is written: the reader's language and the fonts.
#[derive(Debug)]
pub struct Look {
    /// The words, in the reader's language.
    pub messages: Messages,
    /// The fonts text is drawn with.
    pub fonts: Fonts,
}

impl Look {
    /// `lang` with the bundled fonts.
    pub fn new(lang: Lang) -> Look {
        Look::with_fonts(lang, Fonts::bundled())
    }

    /// `lang` with `fonts`.
    pub fn with_fonts(lang: Lang, fonts: Fonts) -> Look {
        Look {
            messages: Messages::new(lang),
            fonts,
        }
    }
}

/// A rendered chart: the PNG file's bytes and what the reader should know
/// about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Png {
    /// The PNG file.
    pub bytes: Vec<u8>,
    /// Things that did not come out as asked.
    pub warnings: Vec<ChartWarning>,
}

impl std::ops::Deref for Png {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.bytes
    }
}

/// Something a chart could not draw as asked; the edge words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChartWarning {
    /// No loaded font has these characters (drawn as boxes), in code point order.
    MissingGlyphs(Vec<char>),
}

/// What is wrong with a chart size text.
#[derive(Debug, Clone, PartialEq)]
pub enum SizeProblem {
    /// No `x` between width and height.
    NoX,
    /// The width is not a whole number.
    Width,
    /// The height is not a whole number.
    Height,
    /// Below [`MIN_SIZE`].
    TooSmall,
    /// Above [`MAX_SIZE`].
    TooLarge,
}

/// A kind of chart, for an error about it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ChartKind {
    /// The histogram of final audiences.
    Histogram,
    /// The audience trajectory.
    Trajectory,
    /// The portfolio of a batch.
    Portfolio,
    /// The plan timeline.
    Timeline,
    /// The comparison of scenarios.
    Comparison,
}

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
    #[error("invalid chart size '{input}': {reason:?}")]
    InvalidSize {
        /// The text that was given.
        input: String,
        /// What is wrong with it.
        reason: SizeProblem,
    },
    /// The chart has no finite data to show.
    #[error("nothing to draw: {0:?}")]
    NoData(ChartKind),
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
