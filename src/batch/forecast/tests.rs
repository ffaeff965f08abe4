//! The batch row forecast against the full forecast, bit for bit, and its options.

use super::*;
use crate::forecast::{Forecast, RunOptions};
use crate::scenario::ScenarioInput;
use crate::stats::quantiles;

fn book() -> Rulebook {
    Rulebook::seed().expect("seed rulebook")
}

fn scenario(f: impl FnOnce(&mut ScenarioInput)) -> Scenario {
    let mut input = ScenarioInput {
        followers: Some(120_000),
        start_date: NaiveDate::from_ymd_opt(2026, 12, 1),
        ..Default::default()
    };
    f(&mut input);
    input
        .build(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default())
        .expect("valid")
}

fn opts(runs: u64, dist: Dist) -> RowOptions {
    RowOptions {
        runs,
        seed: 7,
        dist,
        at_least: Some(90_000.0),
        keep_runs: false,
        correlation: 0.0,
        precision: None,
        sampling: Sampling::Mc,
    }
}

/// The shortcuts give exactly the numbers of the full forecast.
#[test]
fn matches_the_full_forecast_bit_for_bit() {
    let book = book();
    let cases: Vec<Scenario> = vec![
        scenario(|_| {}),
        scenario(|i| {
            i.cross_entity = Some(true);
            i.value_per_follower = Some(1.5);
        }),
        scenario(|i| {
            i.source_kind = Some(crate::domain::Kind::Service);
            i.target_followers = Some(5000);
            i.overlap = Some(0.2);
            i.daily_growth = Some(0.001);
        }),
        // The horizon ends inside the unfollow window: no shortcut for the final audience.
        scenario(|i| {
            i.cross_entity = Some(true);
            i.horizon = Some(12);
            i.notary_fee_min = Some(800.0);
            i.notary_fee_max = Some(800.0);
        }),
        scenario(|i| i.followers = Some(1)),
    ];
    for s in &cases {
        for (runs, dist) in [
            (2000, Dist::Uniform),
            (999, Dist::Pert),
            (1, Dist::Triangular),
        ] {
            let o = opts(runs, dist);
            let RowResult::Allowed(row) =
                forecast_row(&book, s, "acc-1", &o, &mut Worker::default())
            else {
                panic!("allowed");
            };
            let full = Forecast::run(
                &book,
                s,
                &RunOptions {
                    runs,
                    seed: mix(7, key_of("acc-1")),
                    dist,
                    at_least: Some(90_000.0),
                },
            )
            .expect("allowed");
            let m = &full.metrics;
            assert_eq!(row.retention_p50, m.retention_rate.p50);
            assert_eq!(row.retained_mean, m.retained_followers.mean);
            assert_eq!(row.retained_p5, m.retained_followers.p5);
            assert_eq!(row.retained_p50, m.retained_followers.p50);
            assert_eq!(row.retained_p95, m.retained_followers.p95);
            assert_eq!(row.final_audience_p50, m.final_audience.p50, "{s:?}");
            assert_eq!(row.cost_p50, m.cost_yuan.p50);
            assert_eq!(row.cost_p95, m.cost_yuan.p95);
            assert_eq!(
                row.cost_per_retained_p50,
                m.cost_per_retained_follower.map(|c| c.p50)
            );
            assert_eq!(row.lost_value_p50, m.lost_value_yuan.p50);
            assert_eq!(row.transfer_date_p50, full.dates.transfer.p50);
            assert_eq!(row.settled_date_p50, full.dates.settled.p50);
            assert_eq!(row.settled_date_p90, full.dates.settled.p90);
            assert_eq!(row.p_at_least, full.probability_at_least);
        }
    }
}

#[test]
fn forbidden_rows_list_their_rules() {
    let s = scenario(|i| {
        i.target_kind = Some(crate::domain::Kind::Service);
        i.target_verified = Some(false);
    });
    let r = forecast_row(
        &book(),
        &s,
        "x",
        &opts(10, Dist::Uniform),
        &mut Worker::default(),
    );
    assert_eq!(r, RowResult::Forbidden("M1;M3".to_string()));
}

#[test]
fn a_row_depends_on_its_id_not_on_the_worker() {
    let book = book();
    let s = scenario(|_| {});
    let o = opts(500, Dist::Uniform);
    let mut w = Worker::default();
    let a = forecast_row(&book, &s, "a", &o, &mut w);
    let _ = forecast_row(&book, &scenario(|i| i.followers = Some(7)), "b", &o, &mut w);
    assert_eq!(forecast_row(&book, &s, "a", &o, &mut w), a);
    assert_eq!(forecast_row(&book, &s, "a", &o, &mut Worker::default()), a);
    assert_ne!(forecast_row(&book, &s, "c", &o, &mut w), a);
}

fn retained_runs(s: &Scenario, id: &str, o: &RowOptions) -> (Vec<u64>, RowForecast) {
    match forecast_row(&book(), s, id, o, &mut Worker::default()) {
        RowResult::Allowed(row) => (row.per_run.clone().expect("kept").0, *row),
        RowResult::Forbidden(_) => panic!("allowed"),
    }
}

#[test]
fn correlation_zero_is_bit_identical_and_one_is_comonotone() {
    let rows = [
        ("a", scenario(|i| i.followers = Some(200_000))),
        ("b", scenario(|i| i.cross_entity = Some(true))),
        (
            "c",
            scenario(|i| {
                i.source_kind = Some(crate::domain::Kind::Service);
                i.followers = Some(50_000);
            }),
        ),
    ];
    let base = RowOptions {
        keep_runs: true,
        ..opts(2000, Dist::Pert)
    };
    for (id, s) in &rows {
        let with_zero = RowOptions {
            correlation: 0.0,
            ..base
        };
        assert_eq!(
            forecast_row(&book(), s, id, &base, &mut Worker::default()),
            forecast_row(&book(), s, id, &with_zero, &mut Worker::default())
        );
    }
    // ρ = 1: every row draws the same retention quantile in a run, so the total's
    // percentiles are the sums of the rows' percentiles but for the binomial noise ε. An
    // order statistic moves by at most max|ε| when ε is added, so the gap is at most
    // 2·Σ max_j|ε_ij|; each |ε_ij| stays below 6 binomial sds √(N·r(1−r)) ≤ √N/2 except with
    // probability 2e-9 per run.
    let one = RowOptions {
        correlation: 1.0,
        ..base
    };
    let mut total = vec![0.0; 2000];
    let mut sums = [0.0; 3];
    let mut tol = 0.0;
    for (id, s) in &rows {
        let (runs, row) = retained_runs(s, id, &one);
        for (t, r) in total.iter_mut().zip(&runs) {
            *t += *r as f64;
        }
        sums[0] += row.retained_p5;
        sums[1] += row.retained_p50;
        sums[2] += row.retained_p95;
        tol += 2.0 * 6.0 * (s.followers as f64).sqrt() / 2.0;
    }
    let q = quantiles(&mut total, &[0.05, 0.5, 0.95]);
    for (got, want) in q.iter().zip(sums) {
        assert!((got - want).abs() <= tol, "{got} vs {want} ± {tol}");
    }
    // Independent rows: the total's spread is visibly narrower than the sum of spreads.
    let mut indep = vec![0.0; 2000];
    for (id, s) in &rows {
        for (t, r) in indep.iter_mut().zip(retained_runs(s, id, &base).0) {
            *t += r as f64;
        }
    }
    let qi = quantiles(&mut indep, &[0.05, 0.95]);
    assert!(qi[1] - qi[0] < 0.8 * (q[2] - q[0]), "{qi:?} {q:?}");
}

/// A Latin hypercube row is `simulate --sampling lhs` of the same scenario and seed: the same
/// numbers bit for bit, and its precision from the same replicated hypercubes.
#[test]
fn lhs_rows_match_the_full_lhs_forecast() {
    let book = book();
    let s = scenario(|i| {
        i.cross_entity = Some(true);
        i.value_per_follower = Some(1.5);
    });
    let o = RowOptions {
        sampling: Sampling::Lhs,
        ..opts(2000, Dist::Pert)
    };
    let RowResult::Allowed(row) = forecast_row(&book, &s, "acc-1", &o, &mut Worker::default())
    else {
        panic!("allowed");
    };
    let full = Forecast::run_sampled(
        &book,
        &s,
        &RunOptions {
            runs: 2000,
            seed: mix(7, key_of("acc-1")),
            dist: Dist::Pert,
            at_least: Some(90_000.0),
        },
        Sampling::Lhs,
    )
    .expect("allowed");
    let m = &full.metrics;
    assert_eq!(row.retained_p5, m.retained_followers.p5);
    assert_eq!(row.retained_p50, m.retained_followers.p50);
    assert_eq!(row.retained_p95, m.retained_followers.p95);
    assert_eq!(row.final_audience_p50, m.final_audience.p50);
    assert_eq!(row.cost_p95, m.cost_yuan.p95);
    assert_eq!(row.p_at_least, full.probability_at_least);
    let ci = m.retained_followers.ci95.expect("intervals");
    let want = ci.p50.half_width().expect("width");
    let got = row.precision.retained_p50.expect("width");
    assert!((got - want).abs() <= 1e-9 * want, "{got} vs {want}");
    // The hypercubes pin the retention down better than independent runs.
    let RowResult::Allowed(mc) = forecast_row(
        &book,
        &s,
        "acc-1",
        &opts(2000, Dist::Pert),
        &mut Worker::default(),
    ) else {
        panic!("allowed");
    };
    assert!(got < mc.precision.retained_p50.expect("width"));
}
