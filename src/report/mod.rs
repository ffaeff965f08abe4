//! Output writers: a document (a forecast, an eligibility check, a rulebook, …) rendered as a
//! table for people, JSON for scripts, or CSV where rows make sense, onto any `io::Write`.
//!
//! Each document type implements [`Document`] in its own file; [`emit`] picks the format.

pub mod calendar;
mod check;
pub use check::CheckReport;
pub mod compare;
mod forecast;
mod plan;
pub mod precision;
pub mod text;
pub use plan::ForbiddenPlan;
pub mod rulebook_errors;
pub mod rulebooks;
mod rules;
mod statements;
pub use rules::RulesReport;

use crate::i18n::Messages;
use serde::Serialize;
use std::io::{self, Write};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Aligned text for people.
    #[default]
    Table,
    /// One JSON document.
    Json,
    /// CSV rows.
    Csv,
}

/// Something fanplan prints.
pub trait Document: Serialize {
    /// Write the human-readable table.
    fn table(&self, m: &Messages, w: &mut dyn Write) -> io::Result<()>;

    /// Write CSV rows; documents without rows write their JSON instead.
    fn csv(&self, w: &mut dyn Write) -> io::Result<()> {
        json(self, w)
    }
}

/// Write any serialisable value as pretty JSON with a final newline.
pub fn json<T: Serialize + ?Sized>(value: &T, w: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, value).map_err(|e| match e.io_error_kind() {
        Some(kind) => io::Error::new(kind, e),
        None => io::Error::other(e),
    })?;
    writeln!(w)
}

/// A CSV writer over any output, mapping its errors to `io::Error` (keeping a closed pipe's kind).
pub fn csv_rows<R, I>(w: &mut dyn Write, header: &[&str], rows: I) -> io::Result<()>
where
    I: IntoIterator<Item = R>,
    R: IntoIterator,
    R::Item: AsRef<[u8]>,
{
    let mut wtr = csv::Writer::from_writer(w);
    let to_io = |e: csv::Error| match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    };
    wtr.write_record(header).map_err(to_io)?;
    for row in rows {
        wtr.write_record(row).map_err(to_io)?;
    }
    wtr.flush()
}

/// The JSON name of a serialisable unit value (`"ready"`, `"working_days"`, …).
pub fn name_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(serde_json::Value::Null) | Err(_) => String::new(),
        Ok(other) => other.to_string(),
    }
}

/// Write a document in a format.
/// The table is worded in the language of `m`; JSON and CSV never change with it.
pub fn emit<D: Document + ?Sized>(
    doc: &D,
    format: Format,
    m: &Messages,
    w: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Table => doc.table(m, w),
        Format::Json => json(doc, w),
        Format::Csv => doc.csv(w),
    }
}
