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

pub mod forecast;
pub mod input;
pub mod output;
pub mod row;
pub mod run;
pub mod summary;

use serde::Serialize;

/// A row that cannot be read, as reported on standard error and in `--errors FILE`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    /// Physical line where the row starts (the header is line 1).
    pub line: u64,
    /// The row's id (empty when missing).
    pub id: String,
    /// The column at fault (empty for a whole-row problem such as the field count).
    pub column: String,
    /// The cell as written.
    pub value: String,
    /// What is wrong and what is accepted.
    pub reason: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}", self.line)?;
        if !self.id.is_empty() {
            write!(f, " (id {})", self.id)?;
        }
        if self.column.is_empty() {
            write!(f, ": {}", self.reason)
        } else if self.value.is_empty() {
            write!(f, ": column {} {}", self.column, self.reason)
        } else {
            write!(f, ": column {}: {}", self.column, self.reason)
        }
    }
}
