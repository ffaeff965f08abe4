//! Reading a batch CSV (SPEC §4): the header, and the rows one at a time.
//!
//! The bytes come decoded to UTF-8 by [`super::encoding`]. [`Table`] yields one [`Row`] at a
//! time with its physical line number (quoted line breaks counted) and rejects duplicate ids.
//! Cell parsing lives in [`super::row`].

use super::encoding::{Decoded, SharedMarks};
use super::row::{parse_row, Columns, HeaderError};
use super::{Column, RowError, RowProblem};
use crate::scenario::Scenario;
use chrono::NaiveDate;
use encoding_rs::Encoding;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::Read;

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
mod tests;
