//! Batch output (SPEC §4): the forecast CSV columns and the error CSV. The files themselves are
//! written whole or not at all by the edge (`cli::output`).
//!
//! Cells holding the user's text (ids, rejected values) that Excel would run as a formula are
//! written with a leading apostrophe ([`formula_guard`]).

use super::forecast::RowResult;
use super::RowError;
use crate::excel::formula_guard;
pub use crate::report::precision::AT_LEAST_COLUMNS;
use crate::report::precision::{at_least_cells, cell};
use std::io::Write;

/// The forecast columns, in order (SPEC §4).
pub const COLUMNS: [&str; 18] = [
    "id",
    "allowed",
    "route",
    "violations",
    "runs",
    "retention_p50",
    "retained_mean",
    "retained_p5",
    "retained_p50",
    "retained_p95",
    "final_audience_p50",
    "transfer_date_p50",
    "settled_date_p50",
    "settled_date_p90",
    "cost_p50",
    "cost_p95",
    "cost_per_retained_p50",
    "lost_value_p50",
];

/// The error CSV columns.
pub const ERROR_COLUMNS: [&str; 5] = ["line", "id", "column", "value", "reason"];

/// The UTF-8 byte-order mark (for Excel).
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Write the forecast header.
pub fn write_header<W: Write>(w: &mut csv::Writer<W>, at_least: bool) -> csv::Result<()> {
    if at_least {
        w.write_record(COLUMNS.iter().chain(&AT_LEAST_COLUMNS))
    } else {
        w.write_record(COLUMNS)
    }
}

/// Write one forecast row. Forbidden rows leave the numeric cells empty.
pub fn write_row<W: Write>(
    w: &mut csv::Writer<W>,
    id: &str,
    result: &RowResult,
    at_least: bool,
) -> csv::Result<()> {
    match result {
        RowResult::Forbidden(rules) => {
            w.write_field(formula_guard(id).as_bytes())?;
            w.write_field("false")?;
            w.write_field("")?;
            w.write_field(rules)?;
            let empty = COLUMNS.len() - 4 + if at_least { AT_LEAST_COLUMNS.len() } else { 0 };
            for _ in 0..empty {
                w.write_field("")?;
            }
            w.write_record(None::<&[u8]>)
        }
        RowResult::Allowed(f) => {
            let pr = &f.precision;
            let mut cells = vec![
                formula_guard(id).into_owned(),
                "true".to_string(),
                f.route.name().to_string(),
                String::new(),
                f.runs.to_string(),
                cell(f.retention_p50, pr.retention_p50, 0.0001),
                cell(f.retained_mean, pr.retained_mean, 1.0),
                cell(f.retained_p5, pr.retained_p5, 1.0),
                cell(f.retained_p50, pr.retained_p50, 1.0),
                cell(f.retained_p95, pr.retained_p95, 1.0),
                cell(f.final_audience_p50, pr.final_audience_p50, 1.0),
                f.transfer_date_p50.to_string(),
                f.settled_date_p50.to_string(),
                f.settled_date_p90.to_string(),
                cell(f.cost_p50, pr.cost_p50, 1.0),
                cell(f.cost_p95, pr.cost_p95, 1.0),
                f.cost_per_retained_p50
                    .map_or(String::new(), |c| cell(c, pr.cost_per_retained_p50, 0.0001)),
                cell(f.lost_value_p50, pr.lost_value_p50, 1.0),
            ];
            if at_least {
                cells.extend(at_least_cells(f.p_at_least.as_ref()));
            }
            w.write_record(&cells)
        }
    }
}

/// Write the error CSV header.
pub fn write_error_header<W: Write>(w: &mut csv::Writer<W>) -> csv::Result<()> {
    w.write_record(ERROR_COLUMNS)
}

/// Write one error row.
pub fn write_error<W: Write>(w: &mut csv::Writer<W>, e: &RowError) -> csv::Result<()> {
    w.write_record([
        e.line.to_string().as_str(),
        &formula_guard(&e.id),
        e.column.as_str(),
        &formula_guard(&e.value),
        &e.reason(),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_rows_have_empty_numbers() {
        let mut w = csv::Writer::from_writer(Vec::new());
        write_row(&mut w, "a,b", &RowResult::Forbidden("M1;M3".into()), false).expect("write");
        let text = String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
        assert_eq!(text, "\"a,b\",false,,M1;M3,,,,,,,,,,,,,,\n");
    }
}
