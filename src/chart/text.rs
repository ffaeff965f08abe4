//! Correct glyph placement for chart text.
//!
//! plotters 0.3.7 draws ab_glyph text by putting each glyph's rasterised
//! pixels at the pen position, ignoring the glyph's left side bearing
//! (`px_bounds().min.x`). Every glyph is therefore shifted left by its
//! bearing, and a glyph with a large bearing (the tabular "1" of Noto Sans)
//! leaves a visible gap after it ("2026-1 0-05").
//!
//! [`TextFix`] wraps the bitmap backend and delegates everything to it except
//! text drawing and measuring, which are done here with ab_glyph directly.
//! The layout box and the anchor/rotation semantics are exactly plotters'
//! (see `DrawingBackend::draw_text` in plotters-backend and plotters'
//! `FontDataInternal`), so every existing layout keeps its position:
//!
//! * the box is `sum of advances (+ kerning)` wide and `size / 1.24` high,
//!   its top-left corner is the layout origin;
//! * the baseline lies `ceil(size / 2)` below the box top, where plotters puts
//!   capitals and digits and on which the chart code's vertical alignment
//!   helpers are calibrated (plotters put some lowercase glyphs a pixel
//!   higher: their baseline jittered; here it is one line for all);
//! * the anchor moves the box by 0, -w/2 or -w and 0, -h/2 or -h, and the
//!   rotation is then applied around the anchor point.
//!
//! Only the horizontal placement differs: each glyph is rasterised at its
//! (sub-pixel) pen position, so its ink starts at `pen + left bearing`.

use std::error::Error;
use std::sync::OnceLock;

use ab_glyph::{point, Font, FontRef, ScaleFont};
use plotters::prelude::BitMapBackend;
use plotters_backend::{
    text_anchor::{HPos, VPos},
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle, FontTransform,
};

/// A [`BitMapBackend`] whose text is drawn with correct side bearings.
pub(crate) struct TextFix<'a>(pub BitMapBackend<'a>);

type BackendError<'a> = <BitMapBackend<'a> as DrawingBackend>::ErrorType;

/// The bundled Noto Sans faces, parsed once per process.
struct Faces {
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

static FACES: OnceLock<Option<Faces>> = OnceLock::new();

fn faces() -> Option<&'static Faces> {
    FACES
        .get_or_init(|| {
            Some(Faces {
                regular: FontRef::try_from_slice(notosans::REGULAR_TTF).ok()?,
                bold: FontRef::try_from_slice(notosans::BOLD_TTF).ok()?,
            })
        })
        .as_ref()
}

fn face(style: FontStyle) -> Result<&'static FontRef<'static>, Box<dyn Error + Send + Sync>> {
    let f = faces().ok_or("bundled Noto Sans is not a valid font")?;
    Ok(match style {
        FontStyle::Bold => &f.bold,
        _ => &f.regular,
    })
}

/// A usable font size: finite and positive (NaN or 0 draws nothing).
fn usable_size(size: f64) -> Option<f32> {
    let s = size as f32;
    (s.is_finite() && s > 0.0).then_some(s)
}

/// plotters' layout box of `text`: (width, height) with the origin at the
/// top-left corner. The width is the pen advance over the whole string.
fn layout<F: Font>(font: &F, size: f32, text: &str) -> (i32, i32) {
    let font = font.as_scaled(size);
    let mut w = 0f32;
    let mut prev = None;
    for c in text.chars() {
        let id = font.glyph_id(c);
        if let Some(p) = prev {
            w += font.kern(p, id);
        }
        w += font.h_advance(id);
        prev = Some(id);
    }
    (w as i32, (f64::from(size) / 1.24) as i32)
}

/// Calls `put(x, y, coverage)` for every inked pixel of `text`, in layout
/// coordinates (origin at the top-left corner of the layout box).
fn rasterise<F: Font>(font: &F, size: f32, text: &str, mut put: impl FnMut(i32, i32, f32)) {
    let font = font.as_scaled(size);
    // plotters' `(size / 2 + min.y) as i32` rounds towards zero, which for
    // capitals and digits (min.y < -size / 2) puts the baseline at ceil(size / 2).
    let baseline = (size / 2.0).ceil();
    let mut pen = 0f32;
    let mut prev = None;
    for c in text.chars() {
        let id = font.glyph_id(c);
        if let Some(p) = prev {
            pen += font.kern(p, id);
        }
        prev = Some(id);
        let glyph = id.with_scale_and_position(size, point(pen, baseline));
        if let Some(outline) = font.outline_glyph(glyph) {
            let b = outline.px_bounds();
            let (x0, y0) = (b.min.x as i32, b.min.y as i32);
            outline.draw(|x, y, cov| {
                if cov > 0.0 {
                    put(x0 + x as i32, y0 + y as i32, cov.min(1.0));
                }
            });
        }
        pen += font.h_advance(id);
    }
}

impl<'a> DrawingBackend for TextFix<'a> {
    type ErrorType = BackendError<'a>;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.fill_polygon(vert, style)
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        (iw, ih): (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.blit_bitmap(pos, (iw, ih), src)
    }

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        if color.alpha <= 0.0 || text.is_empty() {
            return Ok(());
        }
        let Some(size) = usable_size(style.size()) else {
            return Ok(());
        };
        let font = face(style.style()).map_err(DrawingErrorKind::FontError)?;
        let (width, height) = layout(font, size, text);
        let dx = match style.anchor().h_pos {
            HPos::Left => 0,
            HPos::Right => -width,
            HPos::Center => -width / 2,
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => 0,
            VPos::Center => -height / 2,
            VPos::Bottom => -height,
        };
        let trans: FontTransform = style.transform();
        let (w, h) = self.get_size();
        let mut result = Ok(());
        rasterise(font, size, text, |x, y, cov| {
            if result.is_err() {
                return;
            }
            let (x, y) = trans.transform(x + dx, y + dy);
            let (Some(x), Some(y)) = (pos.0.checked_add(x), pos.1.checked_add(y)) else {
                return;
            };
            if x >= 0 && y >= 0 && (x as u32) < w && (y as u32) < h {
                let c = BackendColor {
                    alpha: color.alpha * f64::from(cov),
                    rgb: color.rgb,
                };
                result = self.0.draw_pixel((x, y), c);
            }
        });
        result
    }

    fn estimate_text_size<TStyle: BackendTextStyle>(
        &self,
        text: &str,
        style: &TStyle,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        let Some(size) = usable_size(style.size()) else {
            return Ok((0, 0));
        };
        let font = face(style.style()).map_err(DrawingErrorKind::FontError)?;
        let (w, h) = layout(font, size, text);
        Ok((w.max(0) as u32, h.max(0) as u32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::prelude::*;
    use plotters::style::text_anchor::Pos;

    const W: u32 = 200;
    const H: u32 = 80;

    /// Draws `text` in black at `pos` (anchor top-left) and returns the RGB
    /// buffer.
    fn draw(text: &str, size: f64, transform: FontTransform, pos: (i32, i32)) -> Vec<u8> {
        let mut buf = vec![255u8; (W * H * 3) as usize];
        {
            let mut b = TextFix(BitMapBackend::with_buffer(&mut buf, (W, H)));
            let style = TextStyle::from(("sans-serif", size).into_font().transform(transform))
                .color(&BLACK)
                .pos(Pos::new(HPos::Left, VPos::Top));
            assert!(b.draw_text(text, &style, pos).is_ok());
            assert!(b.present().is_ok());
        }
        buf
    }

    /// Inked columns (any pixel not left white).
    fn ink_columns(buf: &[u8]) -> Vec<bool> {
        (0..W as usize)
            .map(|x| (0..H as usize).any(|y| buf[(y * W as usize + x) * 3] < 255))
            .collect()
    }

    /// The blank runs strictly between inked columns, left to right.
    fn inner_gaps(cols: &[bool]) -> Vec<usize> {
        let (Some(first), Some(last)) =
            (cols.iter().position(|&c| c), cols.iter().rposition(|&c| c))
        else {
            return Vec::new();
        };
        cols[first..=last]
            .split(|&c| c)
            .map(<[bool]>::len)
            .filter(|&n| n > 0)
            .collect()
    }

    /// Pixel bounds of `c` with the pen at `pen` on the baseline, and its
    /// advance, at `size`.
    fn metrics(c: char, size: f32, pen: f32) -> (ab_glyph::Rect, f32) {
        let f = face(FontStyle::Normal).ok().map(|f| f.as_scaled(size));
        let m = f.and_then(|f| {
            let id = f.glyph_id(c);
            let g = id.with_scale_and_position(size, point(pen, 0.0));
            f.outline_glyph(g).map(|g| (g.px_bounds(), f.h_advance(id)))
        });
        match m {
            Some(m) => m,
            None => panic!("Noto Sans has no outline for {c:?}"),
        }
    }

    #[test]
    fn digits_keep_their_side_bearings() {
        // plotters 0.3.7 drew every glyph at its (truncated) pen position,
        // dropping its left bearing: the "1" of "10" moved left by its large
        // bearing, the "0" hardly at all, leaving a visible gap between them
        // ("2026-1 0-05"). Here the ink must sit where the font puts it.
        let (one, adv1) = metrics('1', 80.0, 0.0);
        let (zero, _) = metrics('0', 80.0, adv1);
        assert!(one.min.x >= 4.0, "'1' should have a large left bearing");
        let cols = ink_columns(&draw("10", 80.0, FontTransform::None, (10, 30)));
        let first = cols.iter().position(|&c| c).unwrap_or(0) as f32;
        assert!(
            (first - (10.0 + one.min.x)).abs() <= 1.0,
            "'1' ink starts at x={first}, its bounds say {}",
            10.0 + one.min.x
        );
        let gaps = inner_gaps(&cols);
        let gap = gaps.first().copied().unwrap_or(0) as f32;
        let expected = zero.min.x - one.max.x;
        let buggy = adv1.trunc() - (one.max.x - one.min.x);
        assert!(buggy - expected >= 2.0, "this test would not see the bug");
        assert!(
            (gap - expected).abs() <= 1.0,
            "gap of {gap} px between '1' and '0', expected {expected} (the bug gives {buggy})"
        );
    }

    #[test]
    fn measurement_matches_plotters_layout_box() {
        // Same box as plotters' own measurement, so layouts keep their places.
        assert!(crate::chart::ensure_fonts().is_ok());
        let mut buf = vec![255u8; (W * H * 3) as usize];
        let b = TextFix(BitMapBackend::with_buffer(&mut buf, (W, H)));
        for (size, bold) in [(15.6, false), (25.0, false), (44.0, true), (27.5, true)] {
            let font = crate::chart::font(size, bold);
            let style = font.color(&BLACK);
            for text in [
                "2026-10-05",
                "inactivity (D1)",
                "Plan: close the account",
                "x",
                "",
            ] {
                let ours = b.estimate_text_size(text, &style).ok();
                let theirs = font.box_size(text).ok();
                assert_eq!(ours, theirs, "{text:?} at {size}");
            }
        }
    }

    #[test]
    fn rotated_text_is_drawn_sideways_and_odd_input_is_harmless() {
        let buf = draw("Axis", 20.0, FontTransform::Rotate270, (40, 70));
        let inked = ink_columns(&buf).iter().filter(|&&c| c).count();
        // Rotated: a narrow column of ink (about one line high), not a row.
        assert!(inked > 5 && inked < 20, "{inked} inked columns");
        let blank = |b: Vec<u8>| b.iter().all(|&v| v == 255);
        assert!(blank(draw("", 20.0, FontTransform::None, (10, 10))));
        assert!(blank(draw("x", f64::NAN, FontTransform::None, (10, 10))));
        // Far off the canvas: clipped, no panic.
        assert!(blank(draw(
            "x",
            20.0,
            FontTransform::Rotate90,
            (-500, i32::MAX / 2)
        )));
        let a = draw("11", 40.0, FontTransform::Rotate180, (150, 70));
        assert!(!blank(a.clone()));
        assert_eq!(a, draw("11", 40.0, FontTransform::Rotate180, (150, 70)));
    }
}
