//! CSV batch forecasts (SPEC §4): one forecast per row of a CSV file of accounts.
//!
//! - [`input`]: encodings (UTF-8 ± BOM, GBK/GB18030), the header, rows with their line numbers
//!   and the duplicate-id check;
//! - [`row`]: one row's cells → a scenario, every unreadable cell named by its column;
//! - [`forecast`]: one row's statistics, pure, seeded by `mix(seed, key_of(id))` so a row's
//!   numbers depend on nothing else (M1–M7 through the rulebook and the engine);
//! - [`run`]: the streaming loop, chunk by chunk in parallel, written in input order;
//! - [`summary`]: portfolio totals run by run;
//! - [`output`]: the output and error CSV columns and the write-whole-or-nothing file.
//!
//! Only [`run`] and [`output`] touch readers and writers; the rest take values and return values.

pub mod encoding;
pub mod forecast;
pub mod input;
pub mod output;
pub mod precision;
pub mod row;
pub mod run;
pub mod summary;

use crate::input::InputError;
use crate::scenario::{Field, Problem};

/// The column of a row error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The whole row (such as its field count).
    Row,
    /// The `id` column.
    Id,
    /// A scenario column.
    Field(Field),
}

impl Column {
    /// The column's name in the CSV header (empty for the whole row).
    pub fn as_str(self) -> &'static str {
        match self {
            Column::Row => "",
            Column::Id => "id",
            Column::Field(f) => row::column(f),
        }
    }
}

/// Why a row cannot be read, with the values at fault.
#[derive(Debug, Clone, PartialEq)]
pub enum RowProblem {
    /// A cell is not the value its column asks for.
    Input(InputError),
    /// A value is out of range for the scenario.
    Scenario(Problem),
    /// The row has another number of fields than the header.
    Width {
        /// Fields in the row.
        found: usize,
        /// Fields in the header.
        expected: usize,
    },
    /// The id cell is empty.
    EmptyId,
    /// A cell is not UTF-8 text; `offset` is the file offset of the first bad byte of the row
    /// when it is known (a file read as UTF-8).
    NotUtf8 {
        /// Where the first invalid byte of the row is in the file.
        offset: Option<u64>,
    },
    /// An earlier row has the same id.
    DuplicateId,
}

/// A row that cannot be read, as reported on standard error and in `--errors FILE`.
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    /// Physical line where the row starts (the header is line 1).
    pub line: u64,
    /// The row's id (empty when missing).
    pub id: String,
    /// The column at fault ([`Column::Row`] for a whole-row problem such as the field count).
    pub column: Column,
    /// The cell as written.
    pub value: String,
    /// What is wrong.
    pub problem: RowProblem,
}
