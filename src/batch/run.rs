//! The batch loop (SPEC §4): read rows in chunks, forecast each chunk in parallel on a rayon
//! pool, write the results in input order, and go on. Memory holds one chunk at a time, so it
//! does not grow with the number of rows; the chunk size never changes the numbers, because a
//! row's forecast depends only on its own inputs, its id and the seed.

use super::forecast::{forecast_row, RowOptions, RowResult, Worker};
use super::input::{Row, Table, TableError};
use super::output::write_row;
use super::summary::{Counts, Portfolio};
use super::RowError;
use crate::rules::Rulebook;
use rayon::prelude::*;
use std::io::{self, Read, Write};

/// Memory allowed for the per-run values a chunk keeps for portfolio totals.
const PORTFOLIO_CHUNK_BYTES: usize = 8 << 20;
/// Rows per chunk.
const CHUNK_ROWS: usize = 1024;

/// How to run a batch.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BatchOptions {
    /// How every row is forecast (with `keep_runs` for portfolio totals).
    pub row: RowOptions,
    /// Write the `probability_at_least` column.
    pub at_least_column: bool,
    /// Keep each allowed row's median retention (for the portfolio chart).
    pub keep_retention: bool,
}

impl BatchOptions {
    /// Rows read and forecast at a time.
    pub fn chunk_rows(&self) -> usize {
        if self.row.keep_runs {
            let per_row = (self.row.runs as usize).saturating_mul(16).max(1);
            (PORTFOLIO_CHUNK_BYTES / per_row).clamp(16, CHUNK_ROWS)
        } else {
            CHUNK_ROWS
        }
    }
}

/// What the loop tells its caller as it goes.
pub trait Events {
    /// A row could not be read (called in input order).
    fn rejected(&mut self, error: &RowError) -> io::Result<()>;
    /// A chunk has been written; `counts` so far.
    fn progress(&mut self, counts: &Counts);
}

/// What a finished batch reports.
#[derive(Debug, Clone)]
pub struct BatchReport {
    /// Row counts.
    pub counts: Counts,
    /// Portfolio totals, when asked for.
    pub portfolio: Option<Portfolio>,
    /// Median retention of each allowed row, in input order, when asked for.
    pub retention_p50: Vec<f64>,
}

/// Why a batch stopped.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// The input could not be read.
    #[error(transparent)]
    Read(#[from] TableError),
    /// The output could not be written.
    #[error("cannot write the output: {0}")]
    Write(#[from] csv::Error),
    /// Reporting a rejected row failed.
    #[error("cannot report a rejected row: {0}")]
    Report(#[from] io::Error),
}

/// Run every row of `table`, writing one output row per readable row to `out` in input order.
pub fn run_batch<R: Read, W: Write>(
    book: &Rulebook,
    table: &mut Table<R>,
    opts: &BatchOptions,
    pool: &rayon::ThreadPool,
    out: &mut csv::Writer<W>,
    events: &mut dyn Events,
) -> Result<BatchReport, BatchError> {
    let chunk_rows = opts.chunk_rows();
    let mut counts = Counts::default();
    let mut portfolio = opts.row.keep_runs.then(Portfolio::new);
    let mut retention_p50 = Vec::new();
    let mut rows: Vec<Row> = Vec::with_capacity(chunk_rows);
    loop {
        rows.clear();
        while rows.len() < chunk_rows {
            match table.next_row()? {
                Some(row) => rows.push(row),
                None => break,
            }
        }
        if rows.is_empty() {
            break;
        }
        let results: Vec<Option<RowResult>> = pool.install(|| {
            rows.par_iter()
                .map_init(Worker::default, |w, row| {
                    row.parsed
                        .as_ref()
                        .ok()
                        .map(|s| forecast_row(book, s, &row.id, &opts.row, w))
                })
                .collect()
        });
        for (row, result) in rows.iter().zip(results) {
            counts.read += 1;
            match (&row.parsed, result) {
                (Err(errors), _) => {
                    counts.rejected += 1;
                    for e in errors {
                        events.rejected(e)?;
                    }
                }
                (Ok(s), Some(result)) => {
                    write_row(out, &row.id, &result, opts.at_least_column)?;
                    match result {
                        RowResult::Allowed(f) => {
                            counts.forecast += 1;
                            if opts.keep_retention {
                                retention_p50.push(f.retention_p50);
                            }
                            if let (Some(p), Some((retained, cost))) = (&mut portfolio, &f.per_run)
                            {
                                p.add(f.route, s.followers, retained, cost);
                            }
                        }
                        RowResult::Forbidden(_) => counts.forbidden += 1,
                    }
                }
                (Ok(_), None) => {}
            }
        }
        out.flush()?;
        events.progress(&counts);
    }
    Ok(BatchReport {
        counts,
        portfolio,
        retention_p50,
    })
}
