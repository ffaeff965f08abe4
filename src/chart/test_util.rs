//! Helpers shared by the chart tests: decode PNGs, inspect pixels and the
//! checks every chart must pass.

use std::collections::HashSet;

use super::{ChartError, ChartSize, Look, Png, MAX_SIZE, MIN_SIZE};

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
pub fn assert_no_data(result: Result<Png, ChartError>) {
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
    render: impl Fn(ChartSize) -> Result<Png, ChartError>,
    untitled: impl Fn(ChartSize) -> Result<Png, ChartError>,
) {
    let size = ChartSize::default();
    let png = render(size).expect("renders at the default size");
    let img = check_png(&png, size.width(), size.height());
    assert!(
        png == render(size).expect("renders twice"),
        "the same chart gave different PNG bytes"
    );
    let bare = decode(&untitled(size).expect("renders without a title"));
    assert!(top_differs(&img, &bare, 80), "the title is not drawn");
    for (w, h) in OTHER_SIZES {
        let png = render(ChartSize::new(w, h).unwrap_or_else(|e| panic!("{w}x{h}: {e}")))
            .unwrap_or_else(|e| panic!("{w}x{h}: {e}"));
        check_png(&png, w, h);
    }
}

/// [`standard_checks`] for a chart function and its data; `title` gives
/// access to the data's title, which is cleared for the untitled render.
pub fn standard_checks_of<T: Clone>(
    chart: &T,
    title: fn(&mut T) -> &mut String,
    render: fn(&T, ChartSize, &Look) -> Result<Png, ChartError>,
) {
    let mut untitled = chart.clone();
    title(&mut untitled).clear();
    standard_checks(|s| render(chart, s, en()), |s| render(&untitled, s, en()));
}

/// English chart text with the bundled fonts, shared by the chart tests.
pub fn en() -> &'static Look {
    static EN: std::sync::OnceLock<Look> = std::sync::OnceLock::new();
    EN.get_or_init(|| Look::new(crate::i18n::Lang::En))
}

/// Chinese chart text with the bundled fonts.
pub fn zh() -> &'static Look {
    static ZH: std::sync::OnceLock<Look> = std::sync::OnceLock::new();
    ZH.get_or_init(|| Look::new(crate::i18n::Lang::Zh))
}
