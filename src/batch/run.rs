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
            (PORTFOLIO_CHUNK_BYTES / per_row).clamp(2, CHUNK_ROWS)
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
    /// The output could not be written (the writer's error names it).
    #[error("{0}")]
    Write(#[from] csv::Error),
    /// Reporting a rejected row failed (the writer's error names where).
    #[error("{0}")]
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
        out.flush().map_err(|e| BatchError::Write(e.into()))?;
        events.progress(&counts);
    }
    Ok(BatchReport {
        counts,
        portfolio,
        retention_p50,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Dist;
    use chrono::NaiveDate;

    #[derive(Default)]
    struct Collect {
        rejected: Vec<u64>,
        progress: Vec<u64>,
    }

    impl Events for Collect {
        fn rejected(&mut self, e: &RowError) -> io::Result<()> {
            self.rejected.push(e.line);
            Ok(())
        }
        fn progress(&mut self, counts: &Counts) {
            self.progress.push(counts.read);
        }
    }

    fn input(rows: usize) -> String {
        let mut s = String::from("id,followers,cross_entity,target_verified\n");
        for i in 0..rows {
            match i % 10 {
                3 => s.push_str(&format!("r{i},many,,\n")),
                7 => s.push_str(&format!("r{i},500,,no\n")),
                _ => s.push_str(&format!("r{i},{},{},\n", 100 + i, i % 2)),
            }
        }
        s
    }

    fn run(text: &str, threads: usize, keep_runs: bool) -> (String, BatchReport, Collect) {
        let book = Rulebook::seed().expect("seed rulebook");
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default();
        let mut table = Table::new(text.as_bytes(), encoding_rs::UTF_8, today).expect("header");
        let opts = BatchOptions {
            row: RowOptions {
                runs: 2000,
                seed: 1,
                dist: Dist::Uniform,
                at_least: None,
                keep_runs,
                correlation: 0.0,
                precision: None,
                sampling: crate::sim::lhs::Sampling::Mc,
            },
            at_least_column: false,
            keep_retention: true,
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool");
        let mut out = csv::Writer::from_writer(Vec::new());
        let mut events = Collect::default();
        let report =
            run_batch(&book, &mut table, &opts, &pool, &mut out, &mut events).expect("batch");
        let bytes = out.into_inner().unwrap_or_default();
        (String::from_utf8(bytes).unwrap_or_default(), report, events)
    }

    #[test]
    fn rows_come_out_in_order_whatever_the_chunks_and_threads() {
        let text = input(1100);
        // Portfolio totals make the chunks 256 rows instead of 1,024.
        let (a, ra, ea) = run(&text, 1, false);
        let (b, rb, eb) = run(&text, 2, true);
        assert_eq!(a, b);
        assert_eq!(ra.counts, rb.counts);
        assert_eq!(
            ra.counts,
            Counts {
                read: 1100,
                forecast: 880,
                forbidden: 110,
                rejected: 110
            }
        );
        assert_eq!(ra.retention_p50, rb.retention_p50);
        // Rejected rows are reported in input order with their lines (row i is on line i + 2).
        assert_eq!(ea.rejected, eb.rejected);
        assert_eq!(&ea.rejected[..3], &[5, 15, 25]);
        assert_eq!(ea.progress, vec![1024, 1100]);
        assert_eq!(eb.progress.len(), 5);
        // The loop writes rows only; the header is the caller's.
        let ids: Vec<&str> = a
            .lines()
            .filter_map(|l| l.split(',').next())
            .take(4)
            .collect();
        assert_eq!(ids, vec!["r0", "r1", "r2", "r4"]);
        let p = rb.portfolio.expect("portfolio kept");
        let s = p.finish(
            rb.counts,
            crate::forecast::Provenance::new(
                &Rulebook::seed().expect("seed rulebook"),
                1,
                2000,
                Dist::Uniform,
            ),
        );
        assert_eq!(s.routes.values().sum::<u64>(), 880);
    }
}
