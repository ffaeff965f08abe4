//! The bytes of a batch CSV turned into UTF-8 (SPEC §4): encoding detection and line ends.
//!
//! Files from Excel come as UTF-8 with or without a byte-order mark, or as GBK/GB18030, with
//! CRLF line ends and quoted fields holding commas, quotes and line breaks. The encoding is
//! taken from `--encoding`, or detected from the first bytes: a BOM wins, then valid UTF-8,
//! then `chardetng`'s guess. Everything that is not UTF-8 is decoded to UTF-8 on the fly, so
//! the CSV parser only ever sees UTF-8 and memory stays flat.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};
use std::collections::VecDeque;
use std::io::{self, Read};
use std::sync::{Arc, Mutex};

/// Bytes looked at to detect the encoding.
const SNIFF_BYTES: usize = 64 * 1024;

/// How to decode the input, as asked on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EncodingChoice {
    /// Detect: BOM, else valid UTF-8, else GB18030, else mostly UTF-8, else the most likely
    /// encoding.
    #[default]
    Auto,
    /// UTF-8 (a BOM is skipped).
    Utf8,
    /// GBK / GB18030 (a UTF-8 BOM is skipped and the rest read as GB18030).
    Gbk,
}

/// Whether `sample` decodes as GB18030 without a single malformed sequence (a sequence cut at
/// the end of an incomplete sample is not malformed).
pub(super) fn clean_gb18030(sample: &[u8], complete: bool) -> bool {
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let Some(cap) = decoder.max_utf8_buffer_length_without_replacement(sample.len()) else {
        return false;
    };
    let mut out = String::with_capacity(cap);
    let (result, _) = decoder.decode_to_string_without_replacement(sample, &mut out, complete);
    matches!(result, encoding_rs::DecoderResult::InputEmpty)
}

/// Whether `sample` is UTF-8 text with a few invalid bytes: fewer than one invalid sequence per
/// 20 lines, or at most one for every four valid multi-byte characters.
pub(super) fn mostly_utf8(sample: &[u8]) -> bool {
    let lines = sample.iter().filter(|&&b| b == b'\n').count() + 1;
    let mut bad = 0usize;
    let mut good = 0usize;
    let mut rest = sample;
    loop {
        let (valid, next) = match std::str::from_utf8(rest) {
            Ok(s) => (s, None),
            Err(e) => {
                let (v, tail) = rest.split_at(e.valid_up_to());
                bad += 1;
                let skip = e.error_len().unwrap_or(tail.len());
                (
                    std::str::from_utf8(v).unwrap_or_default(),
                    Some(&tail[skip..]),
                )
            }
        };
        good += valid.chars().filter(|c| !c.is_ascii()).count();
        match next {
            Some(n) => rest = n,
            None => break,
        }
    }
    bad * 20 <= lines || bad * 4 <= good
}

/// UTF-16 without a byte-order mark, told by the zero bytes of ASCII characters (digits,
/// commas, line ends) falling on even (big-endian) or odd (little-endian) offsets.
fn utf16_without_bom(sample: &[u8]) -> Option<&'static Encoding> {
    let pairs = sample.len().min(4096) / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for p in sample[..pairs * 2].chunks_exact(2) {
        even += usize::from(p[0] == 0);
        odd += usize::from(p[1] == 0);
    }
    if odd * 3 >= pairs && even * 20 <= pairs {
        Some(UTF_16LE)
    } else if even * 3 >= pairs && odd * 20 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The encoding of a file that starts with `sample` (the whole file when it is shorter than
/// the sample). `complete` says whether `sample` is the whole file.
///
/// A BOM wins; then UTF-16 told by its zero bytes; then valid UTF-8; then GB18030 when it
/// decodes cleanly (Excel on Chinese Windows); then UTF-8 again when only a few bytes are
/// invalid (those rows are rejected one by one); then `chardetng`'s guess.
pub fn detect(sample: &[u8], complete: bool) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(sample) {
        return enc;
    }
    if let Some(enc) = utf16_without_bom(sample) {
        return enc;
    }
    match std::str::from_utf8(sample) {
        Ok(_) => UTF_8,
        // A multi-byte character cut at the end of the sample is still UTF-8.
        Err(e) if e.error_len().is_none() && !complete => UTF_8,
        Err(_) if clean_gb18030(sample, complete) => GB18030,
        Err(_) if mostly_utf8(sample) => UTF_8,
        Err(_) => {
            let mut det = chardetng::EncodingDetector::new();
            det.feed(sample, complete);
            det.guess(None, true)
        }
    }
}

/// Read up to `limit` bytes, fewer only at the end of the input.
fn read_sample(r: &mut dyn Read, limit: usize) -> io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(limit.min(SNIFF_BYTES));
    r.take(limit as u64).read_to_end(&mut buf)?;
    Ok(buf)
}

/// What the reader notes about the bytes it passes on, shared with the table that reports
/// the rows: file offsets of the blank lines (which the CSV parser skips without telling where)
/// and, for UTF-8 input, of the invalid UTF-8 sequences. The table drops the offsets of the
/// rows it has read, so this stays as small as the reader's lead over the parser.
#[derive(Debug, Default)]
pub struct Marks {
    /// Offsets of the LF of each blank line.
    pub blank: VecDeque<u64>,
    /// Offsets where an invalid UTF-8 sequence starts.
    pub bad: VecDeque<u64>,
}

/// [`Marks`] shared between the reader and the table.
pub type SharedMarks = Arc<Mutex<Marks>>;

/// A reader that turns every lone CR (old Mac line ends) into LF, byte for byte, so that the
/// CSV parser counts every physical line and byte offsets stay those of the file. CRLF is
/// left alone: the parser reads LF as the line end and the CR is trimmed from the last cell.
/// It notes blank lines and, when `check_utf8`, invalid UTF-8 in `marks`.
pub(super) struct LineEnds<R> {
    inner: R,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    /// A CR at the end of the previous buffer, not yet known to precede an LF.
    held_cr: bool,
    /// The last byte passed on was an LF (or nothing was passed on yet).
    after_lf: bool,
    /// File offset of `buf[0]`.
    offset: u64,
    marks: SharedMarks,
    check_utf8: bool,
    /// An incomplete UTF-8 sequence at the end of the previous buffer, and its file offset.
    carry: Vec<u8>,
    carry_at: u64,
}

impl<R: Read> LineEnds<R> {
    pub(super) fn new(inner: R, offset: u64, marks: SharedMarks, check_utf8: bool) -> LineEnds<R> {
        LineEnds {
            inner,
            buf: vec![0; 64 * 1024],
            start: 0,
            end: 0,
            held_cr: false,
            after_lf: true,
            offset,
            marks,
            check_utf8,
            carry: Vec::new(),
            carry_at: 0,
        }
    }

    /// The invalid UTF-8 sequences of `self.buf[..len]`.
    fn scan_utf8(&mut self, len: usize, found: &mut Vec<u64>) {
        let mut i = 0;
        if !self.carry.is_empty() {
            let need = match self.carry[0] {
                0xF0..=0xF7 => 4,
                0xE0..=0xEF => 3,
                _ => 2,
            };
            let take = (need - self.carry.len()).min(len);
            let mut joined = std::mem::take(&mut self.carry);
            joined.extend_from_slice(&self.buf[..take]);
            match std::str::from_utf8(&joined) {
                Ok(_) => i = take,
                Err(e) if e.error_len().is_none() && joined.len() < need => {
                    self.carry = joined;
                    return;
                }
                Err(_) => found.push(self.carry_at),
            }
        }
        while i < len {
            match std::str::from_utf8(&self.buf[i..len]) {
                Ok(_) => break,
                Err(e) => {
                    let at = i + e.valid_up_to();
                    match e.error_len() {
                        Some(n) => {
                            found.push(self.offset + at as u64);
                            i = at + n;
                        }
                        None => {
                            self.carry = self.buf[at..len].to_vec();
                            self.carry_at = self.offset + at as u64;
                            break;
                        }
                    }
                }
            }
        }
    }

    /// Refill the buffer; false at the end of the input.
    fn refill(&mut self) -> io::Result<bool> {
        self.offset += self.end as u64;
        self.start = 0;
        self.end = 0;
        while self.end == 0 {
            let held = usize::from(std::mem::take(&mut self.held_cr));
            if held == 1 {
                self.buf[0] = b'\r';
            }
            let n = self.inner.read(&mut self.buf[held..])?;
            let mut len = held + n;
            if n == 0 && held == 0 {
                if !self.carry.is_empty() {
                    self.carry.clear();
                    if let Ok(mut m) = self.marks.lock() {
                        m.bad.push_back(self.carry_at);
                    }
                }
                return Ok(false);
            }
            if n == 0 {
                // A CR at the very end of the input is a lone CR.
                self.buf[0] = b'\n';
            } else if self.buf[len - 1] == b'\r' {
                self.held_cr = true;
                len -= 1;
            }
            let mut blank = Vec::new();
            for i in 0..len {
                // `buf[len]` exists whenever `buf[len - 1]` may be a CR: it is the held CR.
                if self.buf[i] == b'\r' && self.buf[i + 1] != b'\n' {
                    self.buf[i] = b'\n';
                }
                let lf = self.buf[i] == b'\n';
                if lf && self.after_lf {
                    blank.push(self.offset + i as u64);
                }
                self.after_lf = lf;
            }
            let mut bad = Vec::new();
            if self.check_utf8 {
                self.scan_utf8(len, &mut bad);
            }
            if !(blank.is_empty() && bad.is_empty()) {
                if let Ok(mut m) = self.marks.lock() {
                    m.blank.extend(blank);
                    m.bad.extend(bad);
                }
            }
            self.end = len;
        }
        Ok(true)
    }
}

impl<R: Read> Read for LineEnds<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.start >= self.end && !self.refill()? {
            return Ok(0);
        }
        let n = out.len().min(self.end - self.start);
        out[..n].copy_from_slice(&self.buf[self.start..self.start + n]);
        self.start += n;
        Ok(n)
    }
}

/// An input turned into a UTF-8 stream, with what is known of its bytes.
pub struct Decoded {
    /// The text, as UTF-8 without a BOM, lone CRs turned into LF.
    pub stream: Box<dyn Read + Send>,
    /// The encoding it was read with.
    pub encoding: &'static Encoding,
    /// The input started with a byte-order mark.
    pub had_bom: bool,
    /// Bytes of the file before the stream's first byte (the BOM of a UTF-8 file).
    pub skipped: u64,
    /// Blank lines and invalid bytes, noted as the stream is read.
    pub marks: SharedMarks,
}

/// Turn raw input into a UTF-8 stream without a BOM, choosing the encoding as asked. An
/// explicit choice is obeyed even when the file starts with another encoding's BOM (a UTF-8
/// BOM is then skipped).
pub fn decode(mut raw: Box<dyn Read + Send>, choice: EncodingChoice) -> io::Result<Decoded> {
    let sample = read_sample(&mut raw, SNIFF_BYTES)?;
    let complete = sample.len() < SNIFF_BYTES;
    let bom = Encoding::for_bom(&sample);
    let utf8_bom = match bom {
        Some((enc, len)) if enc == UTF_8 => len,
        _ => 0,
    };
    let (enc, skip) = match (choice, bom) {
        (EncodingChoice::Auto, Some((enc, len))) => (enc, len),
        (EncodingChoice::Auto, None) => (detect(&sample, complete), 0),
        (EncodingChoice::Utf8, _) => (UTF_8, utf8_bom),
        (EncodingChoice::Gbk, _) => (GB18030, utf8_bom),
    };
    let mut stream = io::Cursor::new(sample).chain(raw);
    let mut skipped = vec![0u8; skip];
    stream.read_exact(&mut skipped)?;
    let marks = SharedMarks::default();
    let stream: Box<dyn Read + Send> = if enc == UTF_8 {
        Box::new(LineEnds::new(stream, skip as u64, marks.clone(), true))
    } else {
        let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
            .encoding(Some(enc))
            .bom_override(false)
            .bom_sniffing(false)
            .build(stream);
        Box::new(LineEnds::new(decoded, 0, marks.clone(), false))
    };
    Ok(Decoded {
        stream,
        encoding: enc,
        had_bom: bom.is_some(),
        skipped: if enc == UTF_8 { skip as u64 } else { 0 },
        marks,
    })
}
