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
use encoding_rs::{Encoding, GBK, UTF_8};
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{self, Read};

/// Bytes looked at to detect the encoding.
const SNIFF_BYTES: usize = 64 * 1024;

/// How to decode the input, as asked on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EncodingChoice {
    /// Detect: BOM, else valid UTF-8, else the most likely encoding.
    #[default]
    Auto,
    /// UTF-8 (a BOM is skipped).
    Utf8,
    /// GBK / GB18030 (a UTF-8 BOM still wins).
    Gbk,
}

/// The encoding of a file that starts with `sample` (the whole file when it is shorter than
/// the sample). `complete` says whether `sample` is the whole file.
pub fn detect(sample: &[u8], complete: bool) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(sample) {
        return enc;
    }
    match std::str::from_utf8(sample) {
        Ok(_) => UTF_8,
        // A multi-byte character cut at the end of the sample is still UTF-8.
        Err(e) if e.error_len().is_none() && !complete => UTF_8,
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

/// A reader that turns CRLF line ends into LF, so that every record's line number counts the
/// physical lines of the file (the CSV parser counts a CRLF's LF with the next record).
struct CrlfToLf<R> {
    inner: R,
    /// A CR read at the end of the previous buffer, not yet known to precede an LF.
    held_cr: bool,
    raw: Vec<u8>,
    converted: Vec<u8>,
    pos: usize,
}

impl<R: Read> CrlfToLf<R> {
    fn new(inner: R) -> CrlfToLf<R> {
        CrlfToLf {
            inner,
            held_cr: false,
            raw: vec![0; 64 * 1024],
            converted: Vec::with_capacity(64 * 1024 + 1),
            pos: 0,
        }
    }

    /// Refill `converted`; false at the end of the input.
    fn refill(&mut self) -> io::Result<bool> {
        self.converted.clear();
        self.pos = 0;
        while self.converted.is_empty() {
            let n = self.inner.read(&mut self.raw)?;
            if n == 0 {
                if std::mem::take(&mut self.held_cr) {
                    self.converted.push(b'\r');
                    return Ok(true);
                }
                return Ok(false);
            }
            let mut prev_cr = std::mem::take(&mut self.held_cr);
            for &b in &self.raw[..n] {
                if prev_cr && b != b'\n' {
                    self.converted.push(b'\r');
                }
                prev_cr = b == b'\r';
                if !prev_cr {
                    self.converted.push(b);
                }
            }
            self.held_cr = prev_cr;
        }
        Ok(true)
    }
}

impl<R: Read> Read for CrlfToLf<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.pos >= self.converted.len() && !self.refill()? {
            return Ok(0);
        }
        let n = out.len().min(self.converted.len() - self.pos);
        out[..n].copy_from_slice(&self.converted[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Turn raw input into a UTF-8 stream without a BOM, choosing the encoding as asked.
/// Returns the stream and the encoding used.
pub fn decode(
    mut raw: Box<dyn Read + Send>,
    choice: EncodingChoice,
) -> io::Result<(Box<dyn Read + Send>, &'static Encoding)> {
    let sample = read_sample(&mut raw, SNIFF_BYTES)?;
    let complete = sample.len() < SNIFF_BYTES;
    let bom = Encoding::for_bom(&sample);
    let enc = match (choice, bom) {
        (_, Some((enc, _))) => enc,
        (EncodingChoice::Auto, None) => detect(&sample, complete),
        (EncodingChoice::Utf8, None) => UTF_8,
        (EncodingChoice::Gbk, None) => GBK,
    };
    let stream = io::Cursor::new(sample).chain(raw);
    if enc == UTF_8 {
        // Skip the BOM here; invalid UTF-8 is reported cell by cell by the row parser.
        let mut stream = stream;
        if let Some((_, len)) = bom {
            let mut skip = vec![0u8; len];
            stream.read_exact(&mut skip)?;
        }
        return Ok((Box::new(CrlfToLf::new(stream)), enc));
    }
    let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(Some(enc))
        .bom_override(true)
        .build(stream);
    Ok((Box::new(CrlfToLf::new(decoded)), enc))
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
        })
    }

    /// The header's columns.
    pub fn columns(&self) -> &Columns {
        &self.columns
    }

    /// The next row, `None` at the end of the input.
    pub fn next_row(&mut self) -> Result<Option<Row>, TableError> {
        if !self.rdr.read_byte_record(&mut self.record)? {
            return Ok(None);
        }
        let line = self.record.position().map_or(0, |p| p.line());
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
        let (stream, enc) = decode(Box::new(io::Cursor::new(bytes.to_vec())), choice)
            .expect("in-memory read cannot fail");
        Table::new(stream, enc, today()).expect("valid header")
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
        assert!(enc == GBK || enc == encoding_rs::GB18030, "{}", enc.name());
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

    #[test]
    fn crlf_becomes_lf_across_buffer_ends() {
        let text = b"a\r\nb\rc\r\r\nd\r";
        for chunk in 1..=text.len() {
            // A reader that hands out `chunk` bytes at a time.
            struct Drip<'a>(&'a [u8], usize);
            impl Read for Drip<'_> {
                fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
                    let n = self.1.min(self.0.len()).min(out.len());
                    out[..n].copy_from_slice(&self.0[..n]);
                    self.0 = &self.0[n..];
                    Ok(n)
                }
            }
            let mut got = Vec::new();
            CrlfToLf::new(Drip(text, chunk))
                .read_to_end(&mut got)
                .expect("in memory");
            assert_eq!(got, b"a\nb\rc\r\nd\r", "chunk {chunk}");
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
