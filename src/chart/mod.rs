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

mod axes;
mod bins;
mod canvas;
mod compare;
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
