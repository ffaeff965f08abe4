//! The canvas every chart draws on and the PNG encoding of the result.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::text::{Missing, TextFix};
use super::{layout::*, theme::*};
use super::{ChartError, ChartSize, ChartWarning, Look, Png};

/// The drawing area type all charts draw on.
pub(crate) type Area<'a> = DrawingArea<TextFix<'a>, Shift>;

/// Allocates a white canvas of `size`, lets `draw` paint it with the words
/// and fonts of `look` and returns the PNG, with a warning naming any
/// character no font could draw. Shared by all charts so validation, fonts
/// and encoding are uniform.
pub(crate) fn render<F>(size: ChartSize, look: &Look, draw: F) -> Result<Png, ChartError>
where
    F: FnOnce(&Area<'_>, &Theme) -> Result<(), ChartError>,
{
    ensure_fonts()?;
    let (w, h) = (size.width(), size.height());
    let len = (w as usize)
        .checked_mul(h as usize)
        .and_then(|n| n.checked_mul(3))
        .ok_or(ChartError::TooLarge {
            width: w,
            height: h,
        })?;
    // Starting from 0xFF bytes gives the white background for free.
    let mut buf = vec![255u8; len];
    let missing = Missing::default();
    {
        let root = TextFix {
            inner: BitMapBackend::with_buffer(&mut buf, (w, h)),
            fonts: &look.fonts,
            missing: &missing,
        }
        .into_drawing_area();
        let theme = Theme::new(size, look);
        draw(&root, &theme)?;
        root.present()?;
    }
    let missing = missing.into_inner();
    let warnings = if missing.is_empty() {
        Vec::new()
    } else {
        vec![ChartWarning::MissingGlyphs(missing.into_iter().collect())]
    };
    Ok(Png {
        bytes: encode_png(&buf, w, h)?,
        warnings,
    })
}

/// [`render`] with the frame every chart shares: the title and legend header
/// (see [`header`]) and the outer margin around the plot. `draw` gets the whole
/// image (for pixel-positioned text) and the area left for the plot.
pub(crate) fn render_framed<F>(
    size: ChartSize,
    look: &Look,
    title: &str,
    legend: &[LegendItem],
    draw: F,
) -> Result<Png, ChartError>
where
    F: FnOnce(&Area<'_>, &Area<'_>, &Theme) -> Result<(), ChartError>,
{
    render(size, look, |root, th| {
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
