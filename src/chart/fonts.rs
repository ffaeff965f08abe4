//! The fonts chart text is drawn with, chosen glyph by glyph.
//!
//! The chain is: the `--font` file when one is given, then Noto Sans (Latin,
//! Greek, Cyrillic: the look of every Latin label), then a GB 2312 subset of
//! Noto Sans CJK SC (see `assets/fonts/`), which is parsed only when a
//! character needs it, so charts without Chinese text and commands without
//! charts do not pay for it. Each fallback glyph is scaled so its em matches
//! the first font's. A character no font has takes the first font's
//! missing-glyph box and is reported to the caller.

use std::error::Error;
use std::sync::OnceLock;

use ab_glyph::{Font, FontArc, GlyphId, PxScale};
use plotters_backend::FontStyle;

/// The embedded GB 2312 subset of Noto Sans CJK SC Regular (OFL, assets/fonts/OFL.txt).
const CJK_REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-GB2312-Regular.otf");
/// The embedded GB 2312 subset of Noto Sans CJK SC Bold.
const CJK_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-GB2312-Bold.otf");

/// A regular and a bold face.
pub(super) struct Pair {
    pub regular: FontArc,
    pub bold: FontArc,
}

impl Pair {
    fn parse(regular: &'static [u8], bold: &'static [u8]) -> Option<Pair> {
        Some(Pair {
            regular: FontArc::try_from_slice(regular).ok()?,
            bold: FontArc::try_from_slice(bold).ok()?,
        })
    }

    pub(super) fn get(&self, style: FontStyle) -> &FontArc {
        match style {
            FontStyle::Bold => &self.bold,
            _ => &self.regular,
        }
    }
}

static NOTO: OnceLock<Option<Pair>> = OnceLock::new();
static CJK: OnceLock<Option<Pair>> = OnceLock::new();

pub(super) fn noto() -> Option<&'static Pair> {
    NOTO.get_or_init(|| Pair::parse(notosans::REGULAR_TTF, notosans::BOLD_TTF))
        .as_ref()
}

/// The CJK subset, parsed on first use.
fn cjk() -> Option<&'static Pair> {
    CJK.get_or_init(|| Pair::parse(CJK_REGULAR, CJK_BOLD))
        .as_ref()
}

/// The fonts chart text is drawn with: the bundled ones, or a font file given
/// by the user in front of them.
#[derive(Clone, Default)]
pub struct Fonts {
    custom: Option<FontArc>,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fonts")
            .field("custom", &self.custom.is_some())
            .finish()
    }
}

/// Why a font file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FontFileError {
    /// The bytes are not a TrueType or OpenType font (or collection).
    #[error("not a TrueType or OpenType font")]
    NotAFont,
    /// The font parses but maps no character to a glyph.
    #[error("the font has no character map")]
    NoCharacters,
}

impl Fonts {
    /// Noto Sans, then Noto Sans CJK SC (the embedded fonts).
    pub fn bundled() -> Fonts {
        Fonts::default()
    }

    /// `data` (a TTF/OTF file, or the first font of a TTC) in front of the
    /// embedded fonts.
    pub fn with_file(data: Vec<u8>) -> Result<Fonts, FontFileError> {
        let font = FontArc::try_from_vec(data).map_err(|_| FontFileError::NotAFont)?;
        if font.codepoint_ids().next().is_none() {
            return Err(FontFileError::NoCharacters);
        }
        Ok(Fonts { custom: Some(font) })
    }

    /// The first font of the chain for `style`.
    fn primary(&self, style: FontStyle) -> Result<&FontArc, Box<dyn Error + Send + Sync>> {
        match &self.custom {
            Some(f) => Ok(f),
            None => Ok(noto()
                .ok_or("bundled Noto Sans is not a valid font")?
                .get(style)),
        }
    }

    /// The font that draws `c` and its glyph, or `None` when no font has it.
    fn find(&self, c: char, style: FontStyle) -> Option<(&FontArc, GlyphId)> {
        let has = |f: &'static FontArc| {
            let id = f.glyph_id(c);
            (id.0 != 0).then_some(id)
        };
        if let Some(f) = &self.custom {
            let id = f.glyph_id(c);
            if id.0 != 0 {
                return Some((f, id));
            }
        }
        if let Some(f) = noto().map(|p| p.get(style)) {
            if let Some(id) = has(f) {
                return Some((f, id));
            }
        }
        let f = cjk()?.get(style);
        has(f).map(|id| (f, id))
    }

    /// Whether some loaded font draws `c` (white space and control
    /// characters need no glyph).
    pub fn can_draw(&self, c: char) -> bool {
        c.is_whitespace() || c.is_control() || self.find(c, FontStyle::Normal).is_some()
    }
}

/// One glyph of a laid-out string: its font, id and scale.
pub(super) struct Placed<'f> {
    pub font: &'f FontArc,
    pub id: GlyphId,
    pub scale: PxScale,
}

/// The glyphs of `text` at `size` px: each character from the first font that
/// has it, scaled so all fonts share the primary font's em size. Characters
/// no font has take the primary font's missing glyph and go into `missing`.
pub(super) fn shape<'f>(
    fonts: &'f Fonts,
    style: FontStyle,
    size: f32,
    text: &str,
    mut missing: impl FnMut(char),
) -> Result<Vec<Placed<'f>>, Box<dyn Error + Send + Sync>> {
    let primary = fonts.primary(style)?;
    let em = size / primary.height_unscaled() * primary.units_per_em().unwrap_or(1000.0);
    let scale_of =
        |f: &FontArc| PxScale::from(em / f.units_per_em().unwrap_or(1000.0) * f.height_unscaled());
    Ok(text
        .chars()
        .map(|c| match fonts.find(c, style) {
            Some((font, id)) => Placed {
                font,
                id,
                scale: scale_of(font),
            },
            None => {
                if !(c.is_whitespace() || c.is_control()) {
                    missing(c);
                }
                Placed {
                    font: primary,
                    id: primary.glyph_id(c),
                    scale: PxScale::from(size),
                }
            }
        })
        .collect())
}
