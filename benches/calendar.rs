//! Working-day arithmetic (SPEC §8): one `add N working days` (N ≤ 30) from starts spread over
//! a 30-year span (2004–2033: official and provisional years), on a calendar whose years are
//! already built, as a plan's thousands of runs use it.

use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion};
use fanplan::calendar::Calendar;
use std::hint::black_box;

fn add_working_days(c: &mut Criterion) {
    let cal = Calendar::embedded().unwrap_or_else(|e| panic!("embedded data: {e}"));
    let first = NaiveDate::from_ymd_opt(2004, 1, 1).unwrap_or_default();
    // 1,024 start dates spread over 30 years (10,957 days), N cycling through 1..=30.
    let cases: Vec<(NaiveDate, u32)> = (0..1024u64)
        .map(|i| {
            let day = first
                .checked_add_days(Days::new(i * 10_957 / 1024))
                .unwrap_or(first);
            (day, (i % 30) as u32 + 1)
        })
        .collect();
    for (from, n) in &cases {
        // Build every year once, outside the measurement.
        let _ = cal.add_working_days(*from, *n);
    }
    let mut i = 0;
    c.bench_function("add_working_days_n1_30_2004_2033", |b| {
        b.iter(|| {
            let (from, n) = cases[i % cases.len()];
            i += 1;
            black_box(cal.add_working_days(black_box(from), black_box(n)))
        })
    });
}

criterion_group!(benches, add_working_days);
criterion_main!(benches);
