//! Batch benchmarks: what an agency waits for in `fanplan batch` (SPEC §4).
//!
//! - `batch_rows/threads/N`: 400 varied rows (every route, some forbidden, as in a real
//!   export) read from CSV, forecast at 2,000 runs per row and written as CSV, on a pool of
//!   1 and 2 threads. Throughput is in rows per second.
//! - `batch_row_2000_runs`: one row's forecast alone (draws + statistics), per route.
//!
//! Run with `cargo bench --bench batch`. Target: at least 8,000 rows/s on one thread.

// Test and bench helpers may panic on a broken fixture: that is a failed test, not a user error.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use fanplan::batch::forecast::{forecast_row, RowOptions, Worker};
use fanplan::batch::input::Table;
use fanplan::batch::run::{run_batch, BatchOptions, Events};
use fanplan::batch::summary::Counts;
use fanplan::batch::RowError;
use fanplan::rules::Rulebook;
use fanplan::scenario::ScenarioInput;
use fanplan::sim::Dist;
use std::hint::black_box;
use std::io;

const ROWS: usize = 400;

fn input() -> String {
    let mut s = String::from(
        "id,source_kind,source_subject,target_kind,cross_entity,followers,overlap,value_per_follower,start_date\n",
    );
    for i in 0..ROWS {
        let kind = ["subscription", "service"][i % 2];
        let subject = ["enterprise", "media", "personal", "government"][i % 4];
        let cross = ["", "yes", "", "no", "yes"][i % 5];
        let target = if i % 40 == 0 { "service" } else { "" };
        s.push_str(&format!(
            "acc-{i:05},{kind},{subject},{target},{cross},{},{},1.5,2026-12-07\n",
            500 + (i * 7919) % 2_000_000,
            if i % 3 == 0 { "0.1" } else { "" }
        ));
    }
    s
}

fn options() -> BatchOptions {
    BatchOptions {
        row: RowOptions {
            runs: 2000,
            seed: 20_170_301,
            dist: Dist::Uniform,
            at_least: None,
            keep_runs: false,
            correlation: 0.0,
            precision: None,
            sampling: fanplan::sim::lhs::Sampling::Mc,
        },
        at_least_column: false,
        keep_retention: false,
    }
}

struct Quiet;

impl Events for Quiet {
    fn rejected(&mut self, _: &RowError) -> io::Result<()> {
        Ok(())
    }
    fn progress(&mut self, _: &Counts) {}
}

fn rows_per_second(c: &mut Criterion) {
    let book = Rulebook::seed().expect("seed rulebook");
    let text = input();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("date");
    let mut g = c.benchmark_group("batch_rows");
    g.throughput(Throughput::Elements(ROWS as u64));
    g.sample_size(20);
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
        g.bench_with_input(BenchmarkId::new("threads", threads), &pool, |b, pool| {
            b.iter(|| {
                let mut table =
                    Table::new(text.as_bytes(), encoding_rs::UTF_8, today).expect("header");
                let mut out = csv::Writer::from_writer(io::sink());
                let report = run_batch(&book, &mut table, &options(), pool, &mut out, &mut Quiet)
                    .expect("batch");
                black_box(report.counts)
            })
        });
    }
    g.finish();
}

fn one_row(c: &mut Criterion) {
    let book = Rulebook::seed().expect("seed rulebook");
    let mut g = c.benchmark_group("batch_row_2000_runs");
    for (name, kind, cross) in [
        ("subscription", "subscription", false),
        ("service", "service", false),
        ("cross_entity", "subscription", true),
    ] {
        let s = ScenarioInput {
            source_kind: kind.parse().ok(),
            cross_entity: Some(cross),
            followers: Some(120_000),
            start_date: chrono::NaiveDate::from_ymd_opt(2026, 12, 7),
            ..Default::default()
        }
        .build(chrono::NaiveDate::MIN)
        .expect("valid scenario");
        let mut w = Worker::default();
        let opts = options().row;
        g.bench_function(name, |b| {
            b.iter(|| black_box(forecast_row(&book, &s, "acc-1", &opts, &mut w)))
        });
    }
    g.finish();
}

criterion_group!(benches, rows_per_second, one_row);
criterion_main!(benches);
