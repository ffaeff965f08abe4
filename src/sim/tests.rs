//! Engine tests: exact distributions against sampled ones (fixed seeds, tolerances from the
//! standard error), the rule numbers the engine takes from the rulebook (M4–M7), and
//! properties (losses add up, trajectory bounds and exactness, determinism).

use super::trajectory::trajectory;
use super::*;
use crate::eligibility::check;
use crate::forecast::{Forecast, RunOptions};
use crate::rules::Rulebook;
use crate::scenario::ScenarioInput;
use crate::stats::{mean_sd, quantile_sorted, quantiles};
use chrono::NaiveDate;
use proptest::prelude::*;
use statrs::distribution::{Beta, Continuous, ContinuousCDF};

mod sampling;

fn book() -> Rulebook {
    Rulebook::seed().expect("seed rulebook is valid")
}

fn scenario(f: impl FnOnce(&mut ScenarioInput)) -> Scenario {
    let mut input = ScenarioInput {
        followers: Some(100_000),
        start_date: NaiveDate::from_ymd_opt(2026, 11, 30),
        ..Default::default()
    };
    f(&mut input);
    input.build(NaiveDate::MIN).expect("valid scenario")
}

fn model_with(book: &Rulebook, s: &Scenario, dist: Dist) -> Model {
    let route = check(book, s).route.expect("allowed");
    Model::new(book, s, route, dist)
}

/// Tolerance for a sample quantile: `Z` standard errors of its asymptotic distribution,
/// sd = √(q(1−q)/n) / f(x_q). With Z = 5 a correct engine fails with probability below 1e-6
/// per check (and never, with the fixed seed, once it has passed).
const Z: f64 = 5.0;

fn check_quantiles(sample: &mut [f64], exact: impl Fn(f64) -> f64, density: impl Fn(f64) -> f64) {
    let n = sample.len() as f64;
    let probs = [0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95];
    let got = quantiles(sample, &probs);
    for (q, x) in probs.iter().zip(got) {
        let x_q = exact(*q);
        let sd = (q * (1.0 - q) / n).sqrt() / density(x_q);
        assert!(
            (x - x_q).abs() < Z * sd,
            "q{q}: sampled {x}, exact {x_q}, tolerance {}",
            Z * sd
        );
    }
}

const N_RUNS: usize = 200_000;

#[test]
fn m6_uniform_retention_matches_exact_quantiles() {
    let b = book();
    let m = model_with(&b, &scenario(|_| {}), Dist::Uniform);
    let (lo, hi) = (0.85, 0.92);
    let mut r: Vec<f64> = m.draw_all(11, N_RUNS).iter().map(|d| d.retention).collect();
    assert!(r.iter().all(|x| (lo..=hi).contains(x)));
    check_quantiles(&mut r, |q| lo + q * (hi - lo), |_| 1.0 / (hi - lo));
}

#[test]
fn m6_pert_retention_matches_exact_beta_quantiles() {
    let b = book();
    let m = model_with(&b, &scenario(|i| i.cross_entity = Some(true)), Dist::Pert);
    let (lo, hi) = (0.65, 0.75);
    // PERT with the mode in the middle and shape 4 is Beta(3, 3) scaled to [lo, hi].
    let beta = Beta::new(3.0, 3.0).expect("valid beta");
    let mut r: Vec<f64> = m.draw_all(12, N_RUNS).iter().map(|d| d.retention).collect();
    check_quantiles(
        &mut r,
        |q| lo + (hi - lo) * beta.inverse_cdf(q),
        |x| beta.pdf((x - lo) / (hi - lo)) / (hi - lo),
    );
}

#[test]
fn m6_triangular_retention_matches_exact_quantiles() {
    let b = book();
    let m = model_with(&b, &scenario(|i| i.kind_service()), Dist::Triangular);
    let (lo, hi) = (0.78, 0.88);
    let c = (lo + hi) / 2.0;
    let w = hi - lo;
    let exact = |q: f64| {
        if q < 0.5 {
            lo + (q * w * (c - lo)).sqrt()
        } else {
            hi - ((1.0 - q) * w * (hi - c)).sqrt()
        }
    };
    let density = |x: f64| {
        if x < c {
            2.0 * (x - lo) / (w * (c - lo))
        } else {
            2.0 * (hi - x) / (w * (hi - c))
        }
    };
    let mut r: Vec<f64> = m.draw_all(13, N_RUNS).iter().map(|d| d.retention).collect();
    check_quantiles(&mut r, exact, density);
}

trait InputExt {
    fn kind_service(&mut self);
}
impl InputExt for ScenarioInput {
    fn kind_service(&mut self) {
        self.source_kind = Some(crate::domain::Kind::Service);
    }
}

#[test]
fn retained_is_binomial_mean_and_variance() {
    // Fix the retention at p so R ~ Binomial(N, p) exactly.
    let mut b = book();
    let p = 0.9;
    let rr = b
        .migration
        .routes
        .get_mut(&Route::SubscriptionToSubscription)
        .expect("route");
    rr.retention.min = p;
    rr.retention.max = p;
    let n_f = 100_000.0;
    let m = model_with(&b, &scenario(|_| {}), Dist::Uniform);
    let r: Vec<f64> = m
        .draw_all(14, N_RUNS)
        .iter()
        .map(|d| d.retained as f64)
        .collect();
    let (mean, sd) = mean_sd(&r);
    let var = n_f * p * (1.0 - p);
    let runs = N_RUNS as f64;
    // SE of the mean: √(var/runs); SE of the sample variance ≈ var·√(2/(runs−1)) (binomial
    // excess kurtosis (1−6p(1−p))/(Np(1−p)) is negligible at N = 100,000).
    assert!(
        (mean - n_f * p).abs() < Z * (var / runs).sqrt(),
        "mean {mean}"
    );
    assert!(
        (sd * sd - var).abs() < Z * var * (2.0 / (runs - 1.0)).sqrt(),
        "var {}",
        sd * sd
    );
}

#[test]
fn m6_transfer_day_is_uniform_over_the_route_duration() {
    let b = book();
    let m = model_with(
        &b,
        &scenario(|i| i.cross_entity = Some(true)),
        Dist::Uniform,
    );
    let draws = m.draw_all(15, N_RUNS);
    let k = 6.0; // 10..=15
    let p = 1.0 / k;
    for day in 10..=15u32 {
        let share = draws.iter().filter(|d| d.transfer_day == day).count() as f64 / N_RUNS as f64;
        let se = (p * (1.0 - p) / N_RUNS as f64).sqrt();
        assert!((share - p).abs() < Z * se, "day {day}: {share}");
    }
    assert!(draws.iter().all(|d| (10..=15).contains(&d.transfer_day)));
}

#[test]
fn m6_route_numbers_come_from_the_rulebook() {
    let mut b = book();
    let rr = b
        .migration
        .routes
        .get_mut(&Route::SubscriptionToSubscription)
        .expect("route");
    rr.duration_days = Range::new(20, 21).expect("ordered");
    rr.retention.min = 0.5;
    rr.retention.max = 0.6;
    let m = model_with(&b, &scenario(|_| {}), Dist::Uniform);
    for d in m.draw_all(16, 5000) {
        assert!((20..=21).contains(&d.transfer_day));
        assert!((0.5..=0.6).contains(&d.retention));
    }
}

#[test]
fn m4_m5_cost_is_review_plus_notary() {
    let b = book();
    let same = model_with(&b, &scenario(|_| {}), Dist::Uniform);
    assert!(same
        .draw_all(17, 1000)
        .iter()
        .all(|d| same.cost(d) == 300.0));
    let cross = model_with(
        &b,
        &scenario(|i| i.cross_entity = Some(true)),
        Dist::Uniform,
    );
    let costs: Vec<f64> = cross
        .draw_all(18, 20_000)
        .iter()
        .map(|d| cross.cost(d))
        .collect();
    assert!(costs.iter().all(|c| (800.0..=1800.0).contains(c)));
    let (mean, _) = mean_sd(&costs);
    // uniform 500–1500 notary: mean 1000, sd 1000/√12; 5 SE of the mean.
    assert!((mean - 1300.0).abs() < Z * (1000.0 / 12f64.sqrt()) / (20_000f64).sqrt());
    let fixed = model_with(
        &b,
        &scenario(|i| {
            i.cross_entity = Some(true);
            i.notary_fee_min = Some(499.0);
            i.notary_fee_max = Some(499.0);
        }),
        Dist::Uniform,
    );
    assert!(fixed
        .draw_all(19, 100)
        .iter()
        .all(|d| fixed.cost(d) == 799.0));
}

#[test]
fn m7_losses_fall_inside_the_window_front_loaded() {
    let b = book();
    let m = model_with(&b, &scenario(|_| {}), Dist::Uniform);
    assert_eq!(m.window, 7);
    let daily = m.daily_losses(1270);
    assert_eq!(daily.iter().sum::<u64>(), 1270);
    // ratio 0.5: 1270 · (64, 32, 16, 8, 4, 2, 1)/127
    assert_eq!(daily, vec![640, 320, 160, 80, 40, 20, 10]);
    let d = Draw {
        transfer_day: 5,
        retention: 0.9,
        retained: 90_000,
        notary_fee: 0.0,
    };
    assert_eq!(m.remaining(5, d.transfer_day, d.retained), 100_000);
    assert!(m.remaining(6, d.transfer_day, d.retained) < 100_000);
    assert!(m.remaining(11, d.transfer_day, d.retained) > 90_000);
    assert_eq!(m.remaining(12, d.transfer_day, d.retained), 90_000);
}

#[test]
fn m7_window_length_and_curve_come_from_the_rulebook() {
    let mut b = book();
    b.migration.unfollow_window_days = 3;
    b.migration.unfollow_curve = crate::rules::UnfollowCurve {
        ratio: None,
        weights: Some(vec![1.0, 1.0, 2.0]),
    };
    let m = model_with(&b, &scenario(|_| {}), Dist::Uniform);
    assert_eq!(m.daily_losses(400), vec![100, 100, 200]);
    assert_eq!(m.remaining(8, 5, 90_000), 90_000);
}

#[test]
fn overlap_target_and_growth_shape_the_audience() {
    let b = book();
    let m = model_with(
        &b,
        &scenario(|i| {
            i.target_followers = Some(10_000);
            i.overlap = Some(0.25);
            i.daily_growth = Some(0.01);
        }),
        Dist::Uniform,
    );
    // before the transfer: T + N(1−o), grown by (1+g)^t
    assert!((m.audience(0, 100_000.0) - 85_000.0).abs() < 1e-9);
    assert!((m.audience(2, 100_000.0) - 85_000.0 * 1.0201).abs() < 1e-6);
}

#[test]
fn forecast_dates_and_settled_day() {
    let b = book();
    let s = scenario(|i| i.cross_entity = Some(true));
    let opts = RunOptions {
        runs: 4000,
        seed: 3,
        dist: Dist::Uniform,
        at_least: Some(70_000.0),
    };
    let f = Forecast::run(&b, &s, &opts).expect("allowed");
    let m = &f.metrics;
    assert_eq!(m.settled_day.p50, m.transfer_day.p50 + 7.0);
    assert_eq!(f.trajectory.len(), 61);
    assert_eq!(f.trajectory[0].date, s.start_date);
    assert_eq!(
        f.dates.transfer.p10,
        s.start_date + chrono::Days::new(m.transfer_day.p10.ceil() as u64)
    );
    let a = f.probability_at_least.expect("asked");
    assert!(a.p > 0.0 && a.p < 1.0 && a.se > 0.0);
    // at 60 days every run has settled: the final audience is R
    assert_eq!(m.final_audience.p50, m.retained_followers.p50);
}

#[test]
fn forbidden_migrations_are_not_forecast() {
    let b = book();
    let s = scenario(|i| i.target_verified = Some(false));
    let opts = RunOptions {
        runs: 10,
        seed: 1,
        dist: Dist::Uniform,
        at_least: None,
    };
    let e = Forecast::run(&b, &s, &opts).expect_err("M3 forbids it");
    assert_eq!(e.violations[0].rule, crate::domain::RuleId::M3);
}

#[test]
fn results_do_not_depend_on_the_thread_count() {
    let b = book();
    let s = scenario(|i| i.cross_entity = Some(true));
    let opts = RunOptions {
        runs: 20_000,
        seed: 99,
        dist: Dist::Pert,
        at_least: None,
    };
    let run_on = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool")
            .install(|| Forecast::run(&b, &s, &opts).expect("allowed"))
    };
    assert_eq!(run_on(1), run_on(3));
}

fn brute_force_day(m: &Model, draws: &[Draw], t: u32) -> [f64; 5] {
    let mut v: Vec<f64> = draws
        .iter()
        .map(|d| m.audience(t, m.remaining(t, d.transfer_day, d.retained) as f64))
        .collect();
    v.sort_unstable_by(f64::total_cmp);
    [0.05, 0.10, 0.50, 0.90, 0.95].map(|p| quantile_sorted(&v, p))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn daily_losses_add_up(lost in 0u64..5_000_000, window in 1u32..30, ratio in 0.05f64..3.0) {
        let mut b = book();
        b.migration.unfollow_window_days = window;
        b.migration.unfollow_curve.ratio = Some(ratio);
        let m = model_with(&b, &scenario(|_| {}), Dist::Uniform);
        let daily = m.daily_losses(lost);
        prop_assert_eq!(daily.len(), window as usize);
        prop_assert_eq!(daily.iter().sum::<u64>(), lost);
    }

    #[test]
    fn trajectory_is_exact_and_bounded(
        n in 1u64..3000, runs in 1usize..400, seed in any::<u64>(), target in 0u64..500,
        overlap in 0.0f64..1.0, cross in any::<bool>(),
    ) {
        let b = book();
        let s = scenario(|i| {
            i.followers = Some(n);
            i.target_followers = Some(target);
            i.overlap = Some(overlap);
            i.cross_entity = Some(cross);
            i.horizon = Some(30);
        });
        let m = model_with(&b, &s, Dist::Uniform);
        let draws = m.draw_all(seed, runs);
        let traj = trajectory(&m, &draws);
        prop_assert_eq!(traj.len(), 31);
        let start = m.audience(0, n as f64);
        let floor = draws.iter().map(|d| m.audience(30, d.retained as f64)).fold(f64::INFINITY, f64::min);
        for (t, day) in traj.iter().enumerate() {
            let exact = brute_force_day(&m, &draws, t as u32);
            let got = [day.p5, day.p10, day.p50, day.p90, day.p95];
            for (a, e) in got.iter().zip(exact) {
                prop_assert!((a - e).abs() <= 1e-9 * e.abs().max(1.0), "day {t}: {got:?} vs {exact:?}");
            }
            prop_assert!(got.windows(2).all(|w| w[0] <= w[1]));
            prop_assert!(day.p5 >= floor - 1e-9 && day.p95 <= start + 1e-9);
            if t > 0 {
                let prev = &traj[t - 1];
                prop_assert!(day.p50 <= prev.p50 + 1e-9 && day.mean <= prev.mean + 1e-9);
            }
        }
    }

    #[test]
    fn same_seed_same_forecast(seed in any::<u64>(), runs in 1u64..300) {
        let b = book();
        let s = scenario(|_| {});
        let opts = RunOptions { runs, seed, dist: Dist::Triangular, at_least: Some(1.0) };
        let a = Forecast::run(&b, &s, &opts).expect("allowed");
        let c = Forecast::run(&b, &s, &opts).expect("allowed");
        prop_assert_eq!(a, c);
    }

    #[test]
    fn counts_stay_in_range(seed in any::<u64>(), n in 1u64..1_000_000) {
        let b = book();
        let s = scenario(|i| i.followers = Some(n));
        let m = model_with(&b, &s, Dist::Pert);
        for d in m.draw_all(seed, 50) {
            prop_assert!(d.retained <= n);
            prop_assert!((0.85..=0.92).contains(&d.retention));
        }
    }
}
