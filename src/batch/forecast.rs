//! The forecast of one batch row: only the statistics the output columns need (SPEC §4),
//! computed without sorting and without allocating per run.
//!
//! The numbers are the same, bit for bit, as those of [`crate::forecast::Forecast`] for the
//! same scenario and seed: a percentile of a monotone function of a sample is the function of
//! the sample's order statistics, so most columns come from a few order statistics of the
//! retained followers R found by selection:
//! - the final audience is non-decreasing in R once every run's M7 window has closed by the
//!   horizon (otherwise it is computed run by run);
//! - the lost value v·(N − R) and the cost per retained follower c/R (when the cost c is fixed)
//!   are non-increasing in R: they use the mirrored order statistics;
//! - the cost (M4 review fee + M5 notary fee) is increasing in the notary fee;
//! - the transfer day D is a small integer counted in a histogram, and the settled day is D + W.

use crate::domain::Route;
use crate::eligibility::check;
use crate::forecast::date_after;
use crate::rules::Rulebook;
use crate::scenario::Scenario;
use crate::sim::{key_of, mix, Dist, Draw, Model};
use crate::stats::quantiles;
use chrono::NaiveDate;

/// How every row is run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RowOptions {
    /// Runs per row.
    pub runs: u64,
    /// The batch seed; each row's stream is `mix(seed, key_of(id))`.
    pub seed: u64,
    /// Retention distribution.
    pub dist: Dist,
    /// Also compute the chance that the final audience is at least this.
    pub at_least: Option<f64>,
    /// Keep every run's retained followers and cost, for portfolio totals.
    pub keep_runs: bool,
}

/// The statistics of one allowed row.
#[derive(Debug, Clone, PartialEq)]
pub struct RowForecast {
    /// The route (M6).
    pub route: Route,
    /// Runs.
    pub runs: u64,
    /// Median retention rate.
    pub retention_p50: f64,
    /// Mean retained followers.
    pub retained_mean: f64,
    /// 5th percentile of retained followers.
    pub retained_p5: f64,
    /// Median retained followers.
    pub retained_p50: f64,
    /// 95th percentile of retained followers.
    pub retained_p95: f64,
    /// Median audience on the horizon day.
    pub final_audience_p50: f64,
    /// Median transfer date.
    pub transfer_date_p50: NaiveDate,
    /// Median settled date (end of the M7 window).
    pub settled_date_p50: NaiveDate,
    /// 90th percentile settled date.
    pub settled_date_p90: NaiveDate,
    /// Median cost, yuan.
    pub cost_p50: f64,
    /// 95th percentile cost, yuan.
    pub cost_p95: f64,
    /// Median cost per retained follower over the runs that kept someone.
    pub cost_per_retained_p50: Option<f64>,
    /// Median lost value, yuan.
    pub lost_value_p50: f64,
    /// Chance the final audience reaches `--at-least`, and its standard error
    /// √(p(1−p)/runs).
    pub p_at_least: Option<(f64, f64)>,
    /// Every run's retained followers and cost, with [`RowOptions::keep_runs`].
    pub per_run: Option<(Vec<u64>, Vec<f64>)>,
}

/// What a row's forecast is.
#[derive(Debug, Clone, PartialEq)]
pub enum RowResult {
    /// The migration is allowed: its statistics.
    Allowed(Box<RowForecast>),
    /// The rules forbid it: the violated rule ids joined by `;`.
    Forbidden(String),
}

/// Buffers reused from row to row by one worker thread.
#[derive(Debug, Default)]
pub struct Worker {
    draws: Vec<Draw>,
    values: Vec<f64>,
    other: Vec<f64>,
    days: Vec<u32>,
    ranks: Vec<usize>,
    picked: Vec<f64>,
}

/// Position of percentile `p` among `n` sorted values: (lower index, upper index, fraction),
/// as in [`crate::stats::quantiles`].
fn position(n: usize, p: f64) -> (usize, usize, f64) {
    let h = (n - 1) as f64 * p;
    let lo = (h.floor() as usize).min(n - 1);
    (lo, (lo + 1).min(n - 1), h - lo as f64)
}

fn interpolate(lo: f64, hi: f64, frac: f64) -> f64 {
    if frac > 0.0 {
        lo + frac * (hi - lo)
    } else {
        lo
    }
}

/// The order statistics of `data` at `ranks` (ascending, distinct), by cascading selection.
fn order_stats(data: &mut [f64], ranks: &[usize], out: &mut Vec<f64>) {
    out.clear();
    let mut start = 0;
    for &k in ranks {
        let (_, nth, _) = data[start..].select_nth_unstable_by(k - start, f64::total_cmp);
        out.push(*nth);
        start = k + 1;
    }
}

/// Percentiles of an integer sample with a small range, from its histogram.
struct Histogram<'a> {
    counts: &'a [u32],
    min: u32,
}

impl Histogram<'_> {
    fn nth(&self, k: usize) -> f64 {
        let mut seen = 0usize;
        for (i, &c) in self.counts.iter().enumerate() {
            seen += c as usize;
            if seen > k {
                return f64::from(self.min + i as u32);
            }
        }
        f64::from(self.min + self.counts.len().saturating_sub(1) as u32)
    }

    fn percentile(&self, n: usize, p: f64, map: impl Fn(f64) -> f64) -> f64 {
        let (lo, hi, frac) = position(n, p);
        interpolate(map(self.nth(lo)), map(self.nth(hi)), frac)
    }
}

/// Select the order statistics at `ranks` (sorted and deduplicated here) into `picked`.
fn select(data: &mut [f64], ranks: &mut Vec<usize>, picked: &mut Vec<f64>) {
    ranks.sort_unstable();
    ranks.dedup();
    order_stats(data, ranks, picked);
}

/// The order statistic of rank `k` among those selected.
fn at(ranks: &[usize], picked: &[f64], k: usize) -> f64 {
    ranks
        .binary_search(&k)
        .ok()
        .and_then(|i| picked.get(i).copied())
        .unwrap_or(f64::NAN)
}

/// A percentile of f(X) for a non-decreasing f, from the order statistics of X.
fn up(ranks: &[usize], picked: &[f64], pos: (usize, usize, f64), f: impl Fn(f64) -> f64) -> f64 {
    let (lo, hi, frac) = pos;
    interpolate(f(at(ranks, picked, lo)), f(at(ranks, picked, hi)), frac)
}

/// A percentile of f(X) for a non-increasing f: order statistic k of f(X) is f of order
/// statistic n − 1 − k of X.
fn down(
    ranks: &[usize],
    picked: &[f64],
    n: usize,
    pos: (usize, usize, f64),
    f: impl Fn(f64) -> f64,
) -> f64 {
    let (lo, hi, frac) = pos;
    interpolate(
        f(at(ranks, picked, n - 1 - lo)),
        f(at(ranks, picked, n - 1 - hi)),
        frac,
    )
}

/// Forecast one row whose id is `id`. Pure: the same inputs give the same numbers whatever
/// thread runs it and whatever rows come before or after.
pub fn forecast_row(
    book: &Rulebook,
    s: &Scenario,
    id: &str,
    opts: &RowOptions,
    w: &mut Worker,
) -> RowResult {
    let eligibility = check(book, s);
    let Some(route) = eligibility.route else {
        return RowResult::Forbidden(eligibility.violation_ids());
    };
    let model = Model::new(book, s, route, opts.dist);
    let runs = opts.runs.max(1) as usize;
    model.draw_serial(mix(opts.seed, key_of(id)), runs, &mut w.draws);
    let Worker {
        draws,
        values,
        other,
        days,
        ranks,
        picked,
    } = w;
    let draws: &[Draw] = draws;
    let n = draws.len();
    let window = model.window;
    let start = s.start_date;

    // Transfer and settled days (D and D + W), from the histogram of D.
    let span = (model.duration.max - model.duration.min) as usize + 1;
    days.clear();
    days.resize(span, 0);
    for d in draws {
        if let Some(c) = days.get_mut(d.transfer_day.saturating_sub(model.duration.min) as usize) {
            *c += 1;
        }
    }
    let hist = Histogram {
        counts: days,
        min: model.duration.min,
    };
    let wf = f64::from(window);
    let transfer_p50 = hist.percentile(n, 0.5, |x| x);
    let settled_p50 = hist.percentile(n, 0.5, |x| x + wf);
    let settled_p90 = hist.percentile(n, 0.9, |x| x + wf);

    // Cost (M4 + M5), non-decreasing in the notary fee.
    let fixed_cost = draws.first().map_or(model.review_fee, |d| model.cost(d));
    let notary_varies = draws.iter().any(|d| model.cost(d) != fixed_cost);
    let (cost_p50, cost_p95) = if notary_varies {
        values.clear();
        values.extend(draws.iter().map(|d| d.notary_fee));
        let p = [position(n, 0.5), position(n, 0.95)];
        ranks.clear();
        for (lo, hi, _) in p {
            ranks.extend([lo, hi]);
        }
        select(values, ranks, picked);
        let cost = |x: f64| model.review_fee + x;
        (up(ranks, picked, p[0], cost), up(ranks, picked, p[1], cost))
    } else {
        (fixed_cost, fixed_cost)
    };

    // Retention rate.
    values.clear();
    values.extend(draws.iter().map(|d| d.retention));
    let retention_p50 = quantiles(values, &[0.5])[0];

    // Cost per retained follower over the runs with R > 0: run by run when the cost varies.
    let kept = draws.iter().filter(|d| d.retained > 0).count();
    let cpr_runs = if kept > 0 && notary_varies {
        other.clear();
        other.extend(
            draws
                .iter()
                .filter(|d| d.retained > 0)
                .map(|d| model.cost(d) / d.retained as f64),
        );
        Some(quantiles(other, &[0.5])[0])
    } else {
        None
    };

    // Order statistics of R for everything else.
    values.clear();
    values.extend(draws.iter().map(|d| d.retained as f64));
    let retained_mean = values.iter().sum::<f64>() / n as f64;
    let pct = [0.05, 0.5, 0.95].map(|p| position(n, p));
    // The runs with R > 0 are the top `kept` order statistics of R.
    let kept_pos = position(kept.max(1), 0.5);
    ranks.clear();
    for (lo, hi, _) in pct {
        ranks.extend([lo, hi, n - 1 - lo, n - 1 - hi]);
    }
    if kept > 0 {
        ranks.extend([n - 1 - kept_pos.0, n - 1 - kept_pos.1]);
    }
    select(values, ranks, picked);
    let same = |x: f64| x;
    let retained_p5 = up(ranks, picked, pct[0], same);
    let retained_p50 = up(ranks, picked, pct[1], same);
    let retained_p95 = up(ranks, picked, pct[2], same);
    let nf = model.followers;
    let v = model.value_per_follower;
    let lost_value_p50 = down(ranks, picked, n, pct[1], |r| (nf - r as u64) as f64 * v);
    let cost_per_retained_p50 = match cpr_runs {
        Some(x) => Some(x),
        None if kept > 0 => Some(down(ranks, picked, n, kept_pos, |r| fixed_cost / r)),
        None => None,
    };

    // Final audience on the horizon day: non-decreasing in R once every window has closed.
    let horizon = model.horizon;
    let settled_by_horizon = horizon > model.duration.max && horizon - model.duration.max >= window;
    let final_audience_p50 = if settled_by_horizon {
        up(ranks, picked, pct[1], |r| model.audience(horizon, r))
    } else {
        other.clear();
        other.extend(draws.iter().map(|d| model.final_audience(d)));
        quantiles(other, &[0.5])[0]
    };
    let p_at_least = opts.at_least.map(|t| {
        let runs = n as f64;
        let p = draws
            .iter()
            .filter(|d| model.final_audience(d) >= t)
            .count() as f64
            / runs;
        (p, (p * (1.0 - p) / runs).sqrt())
    });
    let per_run = opts.keep_runs.then(|| {
        (
            draws.iter().map(|d| d.retained).collect(),
            draws.iter().map(|d| model.cost(d)).collect(),
        )
    });

    RowResult::Allowed(Box::new(RowForecast {
        route,
        runs: n as u64,
        retention_p50,
        retained_mean,
        retained_p5,
        retained_p50,
        retained_p95,
        final_audience_p50,
        transfer_date_p50: date_after(start, transfer_p50),
        settled_date_p50: date_after(start, settled_p50),
        settled_date_p90: date_after(start, settled_p90),
        cost_p50,
        cost_p95,
        cost_per_retained_p50,
        lost_value_p50,
        p_at_least,
        per_run,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forecast::{Forecast, RunOptions};
    use crate::scenario::ScenarioInput;

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
                assert_eq!(
                    row.p_at_least,
                    full.probability_at_least.map(|a| (a.p, a.se))
                );
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
}
