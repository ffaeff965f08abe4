//! Reading a batch CSV (SPEC §4): encoding detection, the header, and the rows one at a time.
//!
//! Files from Excel come as UTF-8 with or without a byte-order mark, or as GBK/GB18030, with
//! CRLF line ends and quoted fields holding commas, quotes and line breaks. The encoding is
//! taken from `--encoding`, or detected from the first bytes: a BOM wins, then valid UTF-8,
//! then `chardetng`'s guess. Everything that is not UTF-8 is decoded to UTF-8 on the fly, so
//! the CSV parser only ever sees UTF-8 and memory stays flat.
//!
//! [`Table`] yields one [`Row`] at a time with its physical line number (quoted line breaks
//! counted) and rejects duplicate ids. Cell parsing lives in [`super::row`].

use super::row::{parse_row, Columns, HeaderError};
use super::{Column, RowError, RowProblem};
use crate::scenario::Scenario;
use chrono::NaiveDate;
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};
use std::collections::{HashSet, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};
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
fn clean_gb18030(sample: &[u8], complete: bool) -> bool {
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
fn mostly_utf8(sample: &[u8]) -> bool {
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
struct LineEnds<R> {
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
    fn new(inner: R, offset: u64, marks: SharedMarks, check_utf8: bool) -> LineEnds<R> {
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

/// A hasher for keys that are already 64-bit hashes.
#[derive(Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// A 64-bit hash of an id, independent of the FNV key that seeds the row (SplitMix-style
/// mixing of 8-byte words), so the duplicate check keeps 8 bytes per id instead of the id.
fn id_hash(id: &str) -> u64 {
    let mut h: u64 = 0x243F_6A88_85A3_08D3 ^ id.len() as u64;
    for chunk in id.as_bytes().chunks(8) {
        let mut w = [0u8; 8];
        w[..chunk.len()].copy_from_slice(chunk);
        h ^= u64::from_le_bytes(w);
        h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        h ^= h >> 29;
        h = h.wrapping_mul(0x94D0_49BB_1331_11EB);
        h ^= h >> 32;
    }
    h
}

/// Ids already seen, as 64-bit hashes: a sorted vector of the older ones plus a small hash set
/// of the recent ones, merged into the vector when the set is full. About 8 bytes per id, so the
/// only part of a batch's memory that grows with the rows stays small (8 MB at 1,000,000 rows).
#[derive(Default)]
struct SeenIds {
    sorted: Vec<u64>,
    recent: HashSet<u64, BuildHasherDefault<PassThrough>>,
}

/// Recent ids kept in the hash set before a merge.
const RECENT_IDS: usize = 1 << 16;

impl SeenIds {
    /// Record an id hash; false when it was seen before.
    fn insert(&mut self, h: u64) -> bool {
        if self.sorted.binary_search(&h).is_ok() || !self.recent.insert(h) {
            return false;
        }
        if self.recent.len() >= RECENT_IDS {
            let mut new: Vec<u64> = self.recent.drain().collect();
            new.sort_unstable();
            let old = self.sorted.len();
            self.sorted.resize(old + new.len(), 0);
            // Merge from the back, in place.
            let (mut i, mut j) = (old, new.len());
            for k in (0..self.sorted.len()).rev() {
                if j == 0 {
                    break;
                }
                if i > 0 && self.sorted[i - 1] > new[j - 1] {
                    self.sorted[k] = self.sorted[i - 1];
                    i -= 1;
                } else {
                    self.sorted[k] = new[j - 1];
                    j -= 1;
                }
            }
        }
        true
    }
}

/// One data row of the input.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Physical line in the file where the row starts (the header is line 1).
    pub line: u64,
    /// The row's id (empty when the cell is missing).
    pub id: String,
    /// The scenario, or every reason the row cannot be read.
    pub parsed: Result<Scenario, Vec<RowError>>,
}

/// A CSV table of scenarios, read row by row.
pub struct Table<R: Read> {
    rdr: csv::Reader<R>,
    columns: Columns,
    today: NaiveDate,
    seen: SeenIds,
    record: csv::ByteRecord,
    /// The encoding the input was read with.
    pub encoding: &'static Encoding,
    /// The input started with a byte-order mark.
    pub had_bom: bool,
    /// File offset of the stream's first byte.
    skipped: u64,
    marks: Option<SharedMarks>,
    empty_rows: u64,
}

/// Why a table cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    /// The header is unusable (missing or repeated column, no header at all).
    #[error(transparent)]
    Header(#[from] HeaderError),
    /// The input could not be read.
    #[error("cannot read the input: {0}")]
    Csv(#[from] csv::Error),
}

impl Table<Box<dyn Read + Send>> {
    /// Read the header of a decoded input. `today` is the default start date of the rows.
    pub fn decoded(input: Decoded, today: NaiveDate) -> Result<Self, TableError> {
        let mut t = Table::new(input.stream, input.encoding, today)?;
        t.had_bom = input.had_bom;
        t.skipped = input.skipped;
        t.marks = Some(input.marks);
        Ok(t)
    }
}

impl<R: Read> Table<R> {
    /// Read the header of a UTF-8 stream. `today` is the default start date of the rows.
    pub fn new(
        stream: R,
        encoding: &'static Encoding,
        today: NaiveDate,
    ) -> Result<Table<R>, TableError> {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .terminator(csv::Terminator::Any(b'\n'))
            .from_reader(stream);
        let header = rdr.byte_headers()?.clone();
        let columns = Columns::from_header(&header)?;
        Ok(Table {
            rdr,
            columns,
            today,
            seen: SeenIds::default(),
            record: csv::ByteRecord::new(),
            encoding,
            had_bom: false,
            skipped: 0,
            marks: None,
            empty_rows: 0,
        })
    }

    /// The header's columns.
    pub fn columns(&self) -> &Columns {
        &self.columns
    }

    /// Rows skipped so far because every cell was empty (Excel writes them as `,,,`).
    pub fn empty_rows(&self) -> u64 {
        self.empty_rows
    }

    /// Where the row the parser places at stream offset `pos` really starts: the parser puts
    /// a row after blank lines at the first blank line. Returns the blank lines skipped and
    /// the file offset of the first invalid UTF-8 sequence from there on, if any (the marks
    /// of earlier rows are dropped).
    fn row_marks(&self, pos: u64) -> (u64, Option<u64>) {
        let Some(Ok(mut m)) = self.marks.as_ref().map(|m| m.lock()) else {
            return (0, None);
        };
        let at = self.skipped + pos;
        while m.blank.front().is_some_and(|&o| o < at) {
            m.blank.pop_front();
        }
        let mut blank = 0;
        while m.blank.front() == Some(&(at + blank)) {
            m.blank.pop_front();
            blank += 1;
        }
        let start = at + blank;
        while m.bad.front().is_some_and(|&o| o < start) {
            m.bad.pop_front();
        }
        (blank, m.bad.front().copied())
    }

    /// The next row, `None` at the end of the input. Rows whose cells are all empty are
    /// skipped (and counted when they have more than one field; a blank line is not a row).
    pub fn next_row(&mut self) -> Result<Option<Row>, TableError> {
        loop {
            if !self.rdr.read_byte_record(&mut self.record)? {
                return Ok(None);
            }
            if self.record.iter().all(|f| f.trim_ascii().is_empty()) {
                if self.record.len() > 1 {
                    self.empty_rows += 1;
                }
                continue;
            }
            break;
        }
        let (line, pos) = self
            .record
            .position()
            .map_or((0, 0), |p| (p.line(), p.byte()));
        let (blank, bad_byte) = self.row_marks(pos);
        let line = line + blank;
        let (id, parsed) = parse_row(&self.columns, &self.record, self.today);
        let mut parsed = parsed.map_err(|cells| {
            cells
                .into_iter()
                .map(|c| RowError {
                    line,
                    id: id.clone(),
                    column: c.column,
                    value: c.value,
                    problem: c.problem,
                })
                .collect::<Vec<_>>()
        });
        if std::str::from_utf8(self.record.as_slice()).is_err() {
            let (column, value) = self.columns.first_invalid_cell(&self.record);
            parsed = Err(vec![RowError {
                line,
                id: id.clone(),
                column,
                value,
                problem: RowProblem::NotUtf8 { offset: bad_byte },
            }]);
        }
        if !id.is_empty() && !self.seen.insert(id_hash(&id)) {
            let dup = RowError {
                line,
                id: id.clone(),
                column: Column::Id,
                value: id.clone(),
                problem: RowProblem::DuplicateId,
            };
            match &mut parsed {
                Ok(_) => parsed = Err(vec![dup]),
                Err(errors) => errors.insert(0, dup),
            }
        }
        Ok(Some(Row { line, id, parsed }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default()
    }

    fn table(bytes: &[u8], choice: EncodingChoice) -> Table<Box<dyn Read + Send>> {
        let d = decode(Box::new(io::Cursor::new(bytes.to_vec())), choice)
            .expect("in-memory read cannot fail");
        Table::decoded(d, today()).expect("valid header")
    }

    fn rows(bytes: &[u8], choice: EncodingChoice) -> Vec<Row> {
        let mut t = table(bytes, choice);
        let mut out = Vec::new();
        while let Some(r) = t.next_row().expect("readable") {
            out.push(r);
        }
        out
    }

    #[test]
    fn detects_bom_utf8_and_gbk() {
        assert_eq!(detect(b"\xEF\xBB\xBFid,followers\n", true), UTF_8);
        assert_eq!(detect("id,订阅号\n".as_bytes(), true), UTF_8);
        // "订阅号,服务号,企业,个人" in GBK
        let gbk = b"id,source_kind\na,\xb6\xa9\xd4\xc4\xba\xc5\nb,\xb7\xfe\xce\xf1\xba\xc5\nc,\xc6\xf3\xd2\xb5\xb8\xf6\xc8\xcb\n";
        let enc = detect(gbk, true);
        assert_eq!(enc, GB18030, "{}", enc.name());
    }

    #[test]
    fn a_cut_multibyte_character_at_the_sample_end_is_still_utf8() {
        let bytes = "id,订".as_bytes();
        assert_eq!(detect(&bytes[..bytes.len() - 1], false), UTF_8);
    }

    #[test]
    fn gbk_rows_decode_to_chinese_words() {
        let gbk = b"id,followers,source_kind\nx,100,\xb7\xfe\xce\xf1\xba\xc5\n";
        let r = rows(gbk, EncodingChoice::Gbk);
        let s = r[0].parsed.as_ref().expect("valid row");
        assert_eq!(s.source_kind, crate::domain::Kind::Service);
    }

    #[test]
    fn bom_crlf_and_quoted_newlines_keep_physical_lines() {
        let text = "\u{feff}ID,Followers\r\n\"a\nb\",100\r\nc,200\r\n";
        let r = rows(text.as_bytes(), EncodingChoice::Auto);
        assert_eq!(r.len(), 2);
        assert_eq!((r[0].line, r[0].id.as_str()), (2, "a\nb"));
        assert_eq!((r[1].line, r[1].id.as_str()), (4, "c"));
        assert!(r.iter().all(|x| x.parsed.is_ok()));
    }

    #[test]
    fn duplicate_ids_are_rejected_after_the_first() {
        let r = rows(b"id,followers\na,1\nb,2\na,3\n", EncodingChoice::Auto);
        assert!(r[0].parsed.is_ok() && r[1].parsed.is_ok());
        let e = r[2].parsed.as_ref().expect_err("duplicate");
        assert_eq!((e[0].line, e[0].column.as_str()), (4, "id"));
    }

    /// A reader that hands out `chunk` bytes at a time.
    struct Drip<'a>(&'a [u8], usize);
    impl Read for Drip<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let n = self.1.min(self.0.len()).min(out.len());
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn lone_cr_becomes_lf_across_buffer_ends() {
        let text = b"a\r\nb\rc\r\r\nd\r\r";
        for chunk in 1..=text.len() {
            let mut got = Vec::new();
            let marks = SharedMarks::default();
            LineEnds::new(Drip(text, chunk), 0, marks.clone(), false)
                .read_to_end(&mut got)
                .expect("in memory");
            assert_eq!(got, b"a\r\nb\nc\n\r\nd\n\n", "chunk {chunk}");
            let m = marks.lock().expect("lock");
            // The CRLF after `c` ends a line of one CR (a row the table skips), not a blank line.
            assert_eq!(m.blank, [11], "chunk {chunk}");
        }
    }

    #[test]
    fn invalid_utf8_offsets_are_found_across_buffer_ends() {
        // "茶" cut by every buffer end, a stray 0xFF at offset 8, a cut "馆" at the end.
        let text = b"ab\xe8\x8c\xb6,\r\n\xffx\xe9\xa6";
        for chunk in 1..=text.len() {
            let marks = SharedMarks::default();
            let mut got = Vec::new();
            LineEnds::new(Drip(text, chunk), 3, marks.clone(), true)
                .read_to_end(&mut got)
                .expect("in memory");
            assert_eq!(got, text, "chunk {chunk}");
            let m = marks.lock().expect("lock");
            assert_eq!(m.bad, [3 + 8, 3 + 10], "chunk {chunk}");
        }
    }

    #[test]
    fn rows_start_at_their_physical_line_with_any_line_ends() {
        for eol in ["\n", "\r\n", "\r"] {
            let text = ["id,followers", "", "a,1", "\"b", "c\",2", "", "", "d,3", ""].join(eol);
            let r = rows(text.as_bytes(), EncodingChoice::Auto);
            let got: Vec<(u64, &str)> = r.iter().map(|x| (x.line, x.id.as_str())).collect();
            // A lone CR inside quotes is read as LF, like every other lone CR.
            let b = format!("b{}c", eol.replace('\r', "\n").replace("\n\n", "\r\n"));
            assert_eq!(got, vec![(3, "a"), (4, b.as_str()), (8, "d")], "{eol:?}");
            assert!(r.iter().all(|x| x.parsed.is_ok()), "{eol:?}");
        }
    }

    #[test]
    fn empty_rows_are_skipped_and_counted() {
        let mut t = table(
            b"id,followers,overlap\r\na,1,\r\n,,\r\n , ,\r\nb,2,\r\n,,\r\n\r\n",
            EncodingChoice::Auto,
        );
        let mut lines = Vec::new();
        while let Some(r) = t.next_row().expect("readable") {
            assert!(r.parsed.is_ok());
            lines.push(r.line);
        }
        assert_eq!(lines, vec![2, 5]);
        assert_eq!(t.empty_rows(), 3);
    }

    #[test]
    fn a_stray_byte_rejects_its_row_only_naming_the_offset() {
        let mut text = b"\xEF\xBB\xBFid,followers\n".to_vec();
        for i in 0..200 {
            text.extend_from_slice(format!("茶馆{i},{}\n", 100 + i).as_bytes());
        }
        // Line 152 holds row 150; put a stray byte in its followers cell.
        let line_start = text
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(150)
            .map_or(0, |(i, _)| i + 1);
        let comma = line_start
            + text[line_start..]
                .iter()
                .position(|b| *b == b',')
                .unwrap_or(0);
        text.insert(comma + 1, 0xFF);
        assert_eq!(detect(&text, true), UTF_8);
        let r = rows(&text, EncodingChoice::Auto);
        assert_eq!(r.len(), 200);
        let bad: Vec<&Row> = r.iter().filter(|x| x.parsed.is_err()).collect();
        assert_eq!(bad.len(), 1);
        let e = &bad[0].parsed.as_ref().expect_err("bad row")[0];
        assert_eq!(
            (e.line, e.id.as_str(), e.column.as_str()),
            (152, "茶馆150", "followers")
        );
        assert_eq!(
            e.problem,
            RowProblem::NotUtf8 {
                offset: Some(comma as u64 + 1)
            }
        );
    }

    #[test]
    fn a_gbk_file_with_a_broken_byte_is_not_taken_for_utf8() {
        // Each line: "茶馆" in GBK, then a byte no encoding of the family allows at the end.
        let mut text = b"id,followers\n".to_vec();
        for i in 0..30 {
            text.extend_from_slice(b"\xb2\xe8\xb9\xdd");
            text.extend_from_slice(format!("{i},{}\n", 100 + i).as_bytes());
        }
        text.push(0xFF);
        assert!(!clean_gb18030(&text, true));
        assert!(!mostly_utf8(&text));
        assert_ne!(detect(&text, true), UTF_8);
    }

    #[test]
    fn short_gbk_files_are_read_as_gb18030() {
        // "茶馆" and "订阅" in GBK: two characters, which a generic detector misreads.
        for id in [&b"\xb2\xe8\xb9\xdd"[..], b"\xb6\xa9\xd4\xc4"] {
            let mut text = b"id,followers\r\n".to_vec();
            text.extend_from_slice(id);
            text.extend_from_slice(b",100\r\n");
            assert_eq!(detect(&text, true), GB18030);
            let r = rows(&text, EncodingChoice::Auto);
            let want = GB18030.decode_without_bom_handling(id).0;
            assert_eq!(r[0].id, want);
        }
    }

    #[test]
    fn an_explicit_gbk_choice_wins_over_a_utf8_bom() {
        let r = rows(
            b"\xEF\xBB\xBFid,followers\n\xb2\xe8\xb9\xdd,1\n",
            EncodingChoice::Gbk,
        );
        assert_eq!(r[0].id, "茶馆");
        assert!(r[0].parsed.is_ok());
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let text = "id,followers\r\n茶馆,100\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(detect(&le, true), UTF_16LE);
        assert_eq!(detect(&be, true), UTF_16BE);
        for bytes in [le, be] {
            let r = rows(&bytes, EncodingChoice::Auto);
            assert_eq!((r[0].id.as_str(), r[0].line), ("茶馆", 2));
        }
    }

    #[test]
    fn seen_ids_survive_merges() {
        let mut seen = SeenIds::default();
        let n = (RECENT_IDS * 2 + 123) as u64;
        for i in 0..n {
            assert!(seen.insert(id_hash(&i.to_string())), "{i}");
        }
        assert!(seen.sorted.windows(2).all(|w| w[0] < w[1]));
        for i in [0, 1, n / 2, n - 1] {
            assert!(!seen.insert(id_hash(&i.to_string())), "{i}");
        }
        assert!(seen.insert(id_hash("new")));
    }

    #[test]
    fn id_hash_separates_similar_ids() {
        let ids: HashSet<u64> = (0..10_000).map(|i| id_hash(&format!("acc-{i}"))).collect();
        assert_eq!(ids.len(), 10_000);
        assert_ne!(id_hash("a"), id_hash("a\0"));
    }
}
