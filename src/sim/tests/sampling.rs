//! Tests of how runs are sampled and how precise they are: --precision blocks, Latin
//! hypercubes, and the coverage of the 95% intervals.

use super::*;

#[test]
fn precision_stops_at_the_first_block_that_meets_it_on_any_thread_count() {
    let b = book();
    let s = scenario(|i| i.cross_entity = Some(true));
    let opts = RunOptions {
        runs: 1_000_000,
        seed: 5,
        dist: Dist::Uniform,
        at_least: None,
    };
    let run_on = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool")
            .install(|| {
                Forecast::run_to_precision(&b, &s, &opts, lhs::Sampling::Mc, 0.002)
                    .expect("allowed")
            })
    };
    let f = run_on(1);
    assert_eq!(f, run_on(3));
    let goal = f.precision.expect("goal");
    assert!(
        goal.reached && f.provenance.runs > BLOCK as u64 && f.provenance.runs % BLOCK as u64 == 0
    );
    // The same runs drawn at once give the same forecast; the goal holds there, and not at the
    // previous checkpoint.
    let full = Forecast::run(
        &b,
        &s,
        &RunOptions {
            runs: f.provenance.runs,
            ..opts
        },
    )
    .expect("allowed");
    assert_eq!(full.metrics, f.metrics);
    let m = model_with(&b, &s, Dist::Uniform);
    let finals = |n: usize| -> Vec<f64> {
        m.draw_all(5, n)
            .iter()
            .map(|d| m.final_audience(d))
            .collect()
    };
    assert!(crate::intervals::tails_within(
        &mut finals(f.provenance.runs as usize),
        0.002
    ));
    let n = f.provenance.runs as usize;
    let previous = (1..n / BLOCK)
        .map(|k| k * BLOCK)
        .filter(|&p| (p + p / 4).div_ceil(BLOCK) * BLOCK == n)
        .max()
        .expect("a previous checkpoint");
    assert!(!crate::intervals::tails_within(
        &mut finals(previous),
        0.002
    ));
    // A ceiling below the need is reported as not reached.
    let capped = Forecast::run_to_precision(
        &b,
        &s,
        &RunOptions { runs: 5000, ..opts },
        lhs::Sampling::Mc,
        0.0001,
    )
    .expect("allowed");
    assert_eq!(capped.provenance.runs, 5000);
    assert!(!capped.precision.expect("goal").reached);
}

#[test]
fn lhs_marginals_are_exactly_stratified() {
    // In every replicate hypercube of m runs, each input hits each of its m equal-probability
    // strata exactly once: the retention's and notary fee's CDF values, times m, floor to a
    // permutation of 0..m; the transfer day (6 values, each a sixth of the probability) takes
    // each value m/6 times up to the two strata that straddle its ends: |count − m/6| < 2.
    let b = book();
    let s = scenario(|i| i.cross_entity = Some(true));
    for dist in Dist::ALL {
        let m = model_with(&b, &s, dist);
        let q = copula::RetentionQuantile::new(dist, 0.65, 0.75, 0.7);
        let draws = lhs::draw_lhs(&m, 17, 10_007);
        assert_eq!(draws.len(), 10_007);
        for g in lhs::replicates(draws.len()) {
            let n = g.len();
            let group = &draws[g];
            // The retention's CDF by bisection on the quantile function (monotone).
            let cdf = |r: f64| {
                let (mut lo, mut hi) = (0.0f64, 1.0f64);
                for _ in 0..60 {
                    let mid = 0.5 * (lo + hi);
                    if q.at(mid) < r {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                0.5 * (lo + hi)
            };
            let mut strata: Vec<usize> = group
                .iter()
                .map(|d| ((cdf(d.retention) * n as f64) as usize).min(n - 1))
                .collect();
            strata.sort_unstable();
            assert!(strata.iter().enumerate().all(|(i, &k)| i == k), "{dist:?}");
            let mut fees: Vec<usize> = group
                .iter()
                .map(|d| (((d.notary_fee - 500.0) / 1000.0 * n as f64) as usize).min(n - 1))
                .collect();
            fees.sort_unstable();
            assert!(fees.iter().enumerate().all(|(i, &k)| i == k));
            let mut days = [0usize; 6];
            for d in group {
                days[(d.transfer_day - 10) as usize] += 1;
            }
            assert!(
                days.iter()
                    .all(|&c| (c as f64 - n as f64 / 6.0).abs() < 2.0),
                "{days:?}"
            );
        }
    }
}

#[test]
fn lhs_forecast_states_its_sampling_and_replicate_errors() {
    let b = book();
    let s = scenario(|i| i.cross_entity = Some(true));
    let opts = RunOptions {
        runs: 5_000,
        seed: 3,
        dist: Dist::Uniform,
        at_least: None,
    };
    let f = Forecast::run_sampled(&b, &s, &opts, lhs::Sampling::Lhs).expect("allowed");
    assert_eq!(f.sampling, lhs::Sampling::Lhs);
    // The stratified retention makes the mean retention almost exact: its replicate standard
    // error is far below the iid one, sd/√n = (0.1/√12)/√5000 ≈ 4.1e-4.
    let r = &f.metrics.retention_rate;
    assert!(r.se < 0.1 * 4.1e-4, "{}", r.se);
    assert!((r.mean - 0.7).abs() < 5.0 * r.se.max(1e-9), "{}", r.mean);
    let ci = f.metrics.final_audience.ci95.expect("intervals");
    let x = f.metrics.final_audience.p50;
    assert!(ci.p50.low.expect("low") <= x && x <= ci.p50.high.expect("high"));
}

#[test]
fn forecast_intervals_cover_the_exact_values() {
    // 600 forecasts of 40 runs each (seeds 0…599) of 100 followers on the subscription route:
    // the retention's exact q-quantile is 0.85 + 0.07q and the exact chance that the final
    // audience (= R) is at least 90 is the average over r of P(Binomial(100, r) ≥ 90). Each
    // interval's exact coverage c is known (the binomial rate of the order-statistic ranks;
    // Wilson's rate over the binomial hit count), and the number of covering forecasts is
    // Binomial(600, c): we allow 4 standard deviations √(c(1−c)/600).
    use crate::intervals::{ranks, wilson};
    use statrs::distribution::{Binomial, Discrete, DiscreteCDF};
    let b = book();
    let s = scenario(|i| i.followers = Some(100));
    let (lo, hi, runs, trials) = (0.85, 0.92, 40u64, 600u32);
    // Simpson's rule over r (1,000 intervals): far below the tolerance.
    let steps = 1000;
    let h = (hi - lo) / f64::from(steps);
    let exact_p = (0..=steps)
        .map(|i| {
            let r = lo + f64::from(i) * h;
            let wgt = if i == 0 || i == steps {
                1.0
            } else if i % 2 == 1 {
                4.0
            } else {
                2.0
            };
            let bin = Binomial::new(r, 100).expect("valid");
            wgt * (1.0 - bin.cdf(89))
        })
        .sum::<f64>()
        * h
        / 3.0
        / (hi - lo);
    let hits = Binomial::new(exact_p, runs).expect("valid");
    let c_wilson: f64 = (0..=runs)
        .filter(|&k| {
            let i = wilson(k, runs);
            i.low <= exact_p && exact_p <= i.high
        })
        .map(|k| hits.pmf(k))
        .sum();
    let probs = [0.1, 0.5, 0.9];
    let c_pct: Vec<f64> = probs
        .iter()
        .map(|&q| {
            let bq = Binomial::new(q, runs).expect("valid");
            let (l, u) = ranks(runs as usize, q);
            u.map_or(1.0, |u| bq.cdf(u as u64)) - l.map_or(0.0, |l| bq.cdf(l as u64))
        })
        .collect();
    let (mut cov_p, mut cov_q) = (0u32, [0u32; 3]);
    for seed in 0..u64::from(trials) {
        let f = Forecast::run(
            &b,
            &s,
            &RunOptions {
                runs,
                seed,
                dist: Dist::Uniform,
                at_least: Some(90.0),
            },
        )
        .expect("allowed");
        let a = f.probability_at_least.expect("asked");
        if a.ci95.low <= exact_p && exact_p <= a.ci95.high {
            cov_p += 1;
        }
        let ci = f.metrics.retention_rate.ci95.expect("intervals");
        for (k, (bounds, q)) in [ci.p10, ci.p50, ci.p90].iter().zip(probs).enumerate() {
            if bounds.contains(lo + q * (hi - lo)) {
                cov_q[k] += 1;
            }
        }
    }
    let check = |covered: u32, c: f64, what: &str| {
        let got = f64::from(covered) / f64::from(trials);
        let tol = 4.0 * (c * (1.0 - c) / f64::from(trials)).sqrt();
        assert!(
            (got - c).abs() <= tol,
            "{what}: coverage {got}, exact {c} ± {tol}"
        );
    };
    assert!(c_wilson > 0.9, "{c_wilson}");
    check(cov_p, c_wilson, "P(audience ≥ 90)");
    for k in 0..3 {
        assert!(c_pct[k] >= 0.95);
        check(cov_q[k], c_pct[k], "retention percentile");
    }
}
