//! Engine benchmarks: what users wait for in `simulate`.
//!
//! - `draws_per_core`: runs drawn on one thread without the trajectory (transfer day, retention,
//!   binomial retained followers, notary fee), 100,000 runs per iteration.
//! - `simulate_10k_60d`: one full `simulate` forecast of 10,000 runs with a 60-day trajectory,
//!   every statistic included (what `fanplan simulate` computes).

// Test and bench helpers may panic on a broken fixture: that is a failed test, not a user error.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use fanplan::eligibility::check;
use fanplan::forecast::{Forecast, RunOptions};
use fanplan::rules::Rulebook;
use fanplan::scenario::ScenarioInput;
use fanplan::sim::{Dist, Model};
use std::hint::black_box;

fn scenario(cross: bool) -> fanplan::scenario::Scenario {
    ScenarioInput {
        followers: Some(120_000),
        cross_entity: Some(cross),
        start_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 30),
        ..Default::default()
    }
    .build(chrono::NaiveDate::MIN)
    .expect("valid scenario")
}

fn draws(c: &mut Criterion) {
    let book = Rulebook::seed().expect("seed rulebook");
    let mut g = c.benchmark_group("draws_per_core");
    const RUNS: usize = 100_000;
    g.throughput(Throughput::Elements(RUNS as u64));
    for dist in Dist::ALL {
        let s = scenario(true);
        let route = check(&book, &s).route.expect("allowed");
        let model = Model::new(&book, &s, route, dist);
        let mut buf = Vec::with_capacity(RUNS);
        g.bench_with_input(BenchmarkId::from_parameter(dist.name()), &model, |b, m| {
            b.iter(|| {
                m.draw_serial(black_box(7), RUNS, &mut buf);
                black_box(buf.len())
            })
        });
    }
    g.finish();
}

fn simulate(c: &mut Criterion) {
    let book = Rulebook::seed().expect("seed rulebook");
    let s = scenario(true);
    let opts = RunOptions {
        runs: 10_000,
        seed: 7,
        dist: Dist::Uniform,
        at_least: Some(80_000.0),
    };
    c.bench_function("simulate_10k_60d", |b| {
        b.iter(|| black_box(Forecast::run(&book, black_box(&s), &opts).map(|f| f.trajectory.len())))
    });
}

criterion_group!(benches, draws, simulate);
criterion_main!(benches);
