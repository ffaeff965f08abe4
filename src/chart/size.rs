//! Image sizes: the accepted range and the `WxH` parser.

use std::fmt;
use std::str::FromStr;

use super::{ChartError, SizeProblem};

/// Default image size in pixels (width, height).
pub const DEFAULT_SIZE: (u32, u32) = (1600, 1000);
/// Smallest accepted image size in pixels (width, height).
pub const MIN_SIZE: (u32, u32) = (400, 300);
/// Largest accepted image size in pixels (width, height).
pub const MAX_SIZE: (u32, u32) = (8000, 8000);

/// Image size in pixels, within [`MIN_SIZE`]..=[`MAX_SIZE`] by construction: the
/// only ways to make one ([`ChartSize::new`], parsing, `Default`) check the range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ChartSize {
    width: u32,
    height: u32,
}

impl ChartSize {
    /// A size checked against [`MIN_SIZE`] and [`MAX_SIZE`].
    pub fn new(width: u32, height: u32) -> Result<Self, ChartError> {
        let (w, h) = (width, height);
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
        Ok(ChartSize { width, height })
    }

    /// Width in pixels.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height in pixels.
    pub fn height(&self) -> u32 {
        self.height
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
        let bad = |reason: SizeProblem| ChartError::InvalidSize {
            input: s.to_string(),
            reason,
        };
        let t = s.trim();
        let (w, h) = t
            .split_once(['x', 'X'])
            .ok_or_else(|| bad(SizeProblem::NoX))?;
        let w: u32 = w.trim().parse().map_err(|_| bad(SizeProblem::Width))?;
        let h: u32 = h.trim().parse().map_err(|_| bad(SizeProblem::Height))?;
        ChartSize::new(w, h).map_err(|e| match e {
            ChartError::TooLarge { .. } => bad(SizeProblem::TooLarge),
            _ => bad(SizeProblem::TooSmall),
        })
    }
}
