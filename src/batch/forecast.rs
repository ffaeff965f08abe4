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

use super::precision::CiRanks;
pub use super::precision::RowPrecision;
use crate::domain::Route;
use crate::eligibility::check;
use crate::forecast::{date_after, AtLeast};
use crate::intervals::{ranks as ci_ranks, tails_within, wilson, Z95};
use crate::rules::Rulebook;
use crate::scenario::Scenario;
use crate::sim::lhs::{self, draw_lhs, replicate_half, replicate_mean_half, replicates, Sampling};
use crate::sim::{key_of, mix, Dist, Draw, Model};
use crate::stats::{interpolate, position};
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
    /// Share of the retention uncertainty common to all rows in a run (0 to 1; 0 draws every
    /// row independently, as without it).
    pub correlation: f64,
    /// A precision goal per row (`--precision`): `runs` is then the ceiling.
    pub precision: Option<f64>,
    /// How the inputs are sampled ([`Sampling::Lhs`]: replicated Latin hypercubes per row,
    /// the intervals from their spread; not with `correlation` above 0).
    pub sampling: Sampling,
}

/// Runs of the first block of a row with a precision goal; each next count is 1.25 times the
/// last, rounded up to whole blocks.
pub const ROW_BLOCK: usize = 500;

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
    /// Chance the final audience reaches `--at-least`, its standard error √(p(1−p)/runs) and
    /// its 95% interval.
    pub p_at_least: Option<AtLeast>,
    /// Every run's retained followers and cost, with [`RowOptions::keep_runs`].
    pub per_run: Option<(Vec<u64>, Vec<f64>)>,
    /// Half-widths of the 95% intervals of the columns, for rounding the CSV cells.
    pub precision: RowPrecision,
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
    keys: Vec<u64>,
    /// The interval ranks for the last run count seen (the same for every row of a batch).
    ci: Option<(usize, CiRanks)>,
}

/// Slices at most this long are sorted rather than split further.
const SORT_BELOW: usize = 48;

/// An integer key with the order of [`f64::total_cmp`], which integer comparisons sort faster.
fn key(x: f64) -> u64 {
    let bits = x.to_bits();
    bits ^ (((bits as i64 >> 63) as u64) | (1 << 63))
}

/// The value of a [`key`].
fn unkey(k: u64) -> f64 {
    f64::from_bits(if k >> 63 == 1 { k ^ (1 << 63) } else { !k })
}

/// Put the order statistics at `ranks` (ascending, distinct, counted from `offset`, the rank
/// of `data[0]`) in their places: split at the middle rank by selection, then recurse into the
/// sides that hold ranks. The ranks come in clusters (a percentile, its neighbour, the ends of
/// its interval, a mirrored percentile), so the work is a few passes over the data rather than
/// one per rank.
fn multi_select(data: &mut [u64], offset: usize, ranks: &[usize]) {
    if ranks.is_empty() {
        return;
    }
    if data.len() <= SORT_BELOW {
        data.sort_unstable();
        return;
    }
    let mid = ranks.len() / 2;
    let k = ranks[mid] - offset;
    let (left, _, right) = data.select_nth_unstable(k);
    multi_select(left, offset, &ranks[..mid]);
    multi_select(right, offset + k + 1, &ranks[mid + 1..]);
}

/// The order statistics of `data` at `ranks` (ascending, distinct); `keys` is scratch.
fn order_stats(data: &[f64], ranks: &[usize], out: &mut Vec<f64>, keys: &mut Vec<u64>) {
    keys.clear();
    keys.extend(data.iter().map(|&x| key(x)));
    multi_select(keys, 0, ranks);
    out.clear();
    out.extend(ranks.iter().map(|&k| unkey(keys[k])));
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
fn select(data: &[f64], ranks: &mut Vec<usize>, picked: &mut Vec<f64>, keys: &mut Vec<u64>) {
    ranks.sort_unstable();
    ranks.dedup();
    order_stats(data, ranks, picked, keys);
}

/// The median of `data` and the half-width of its interval between the order statistics at
/// `r` (as [`crate::stats::quantiles`] gives the median), in one selection.
fn median_and_half(
    data: &[f64],
    r: (Option<usize>, Option<usize>),
    keys: &mut Vec<u64>,
) -> (f64, Option<f64>) {
    let n = data.len();
    let mid = position(n, 0.5);
    let interval = match r {
        (Some(l), Some(u)) if u < n && l <= u => Some((l, u)),
        _ => None,
    };
    let mut ranks = vec![mid.0, mid.1];
    ranks.extend(interval.iter().flat_map(|&(l, u)| [l, u]));
    ranks.sort_unstable();
    ranks.dedup();
    let mut picked = Vec::with_capacity(ranks.len());
    order_stats(data, &ranks, &mut picked, keys);
    let p50 = up(&ranks, &picked, mid, |x| x);
    let half = interval.map(|(l, u)| (at(&ranks, &picked, u) - at(&ranks, &picked, l)) / 2.0);
    (p50, half)
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
    let seed = mix(opts.seed, key_of(id));
    let draw = |i: u64| {
        if opts.correlation > 0.0 {
            let z = crate::sim::copula::common_normal(opts.seed, i);
            model.draw_correlated(seed, i, z, opts.correlation)
        } else {
            model.draw(seed, i)
        }
    };
    let lhs = opts.sampling == Sampling::Lhs;
    match opts.precision {
        None if lhs => w.draws = draw_lhs(&model, seed, runs),
        None if opts.correlation > 0.0 => {
            w.draws.clear();
            w.draws.extend((0..runs as u64).map(draw));
        }
        None => model.draw_serial(seed, runs, &mut w.draws),
        Some(rel) => {
            // Blocks until P5, P50 and P95 of the final audience are within `rel` (Latin
            // hypercubes are drawn anew at each count: their strata depend on it).
            w.draws.clear();
            let mut n = ROW_BLOCK.min(runs);
            loop {
                if lhs {
                    w.draws = draw_lhs(&model, seed, n);
                } else if opts.correlation > 0.0 {
                    let from = w.draws.len() as u64;
                    w.draws.extend((from..n as u64).map(draw));
                } else {
                    let from = w.draws.len();
                    w.draws.resize(n, Draw::default());
                    model.draw_into(seed, from as u64, &mut w.draws[from..]);
                }
                w.values.clear();
                w.values
                    .extend(w.draws.iter().map(|d| model.final_audience(d)));
                let met = if lhs {
                    lhs::tails_within(&w.values, rel)
                } else {
                    tails_within(&mut w.values, rel)
                };
                if n >= runs || met {
                    break;
                }
                n = (n + n / 4)
                    .div_ceil(ROW_BLOCK)
                    .saturating_mul(ROW_BLOCK)
                    .min(runs);
            }
        }
    }
    let n_runs = w.draws.len();
    let ci: CiRanks = match w.ci {
        Some((k, c)) if k == n_runs => c,
        _ => {
            let c = [0.05, 0.5, 0.95].map(|q| ci_ranks(n_runs, q));
            w.ci = Some((n_runs, c));
            c
        }
    };
    let Worker {
        draws,
        values,
        other,
        days,
        ranks,
        picked,
        keys,
        ..
    } = w;
    let draws: &[Draw] = draws;
    let n = draws.len();
    let window = model.window;
    let start = s.start_date;

    // Transfer and settled days (D and D + W), from the histogram of D.
    let span = (model.duration.max() - model.duration.min()) as usize + 1;
    days.clear();
    days.resize(span, 0);
    for d in draws {
        if let Some(c) = days.get_mut(d.transfer_day.saturating_sub(model.duration.min()) as usize)
        {
            *c += 1;
        }
    }
    let hist = Histogram {
        counts: days,
        min: model.duration.min(),
    };
    let wf = f64::from(window);
    let transfer_p50 = hist.percentile(n, 0.5, |x| x);
    let settled_p50 = hist.percentile(n, 0.5, |x| x + wf);
    let settled_p90 = hist.percentile(n, 0.9, |x| x + wf);

    // Cost (M4 + M5), non-decreasing in the notary fee.
    let fixed_cost = draws.first().map_or(model.review_fee, |d| model.cost(d));
    let notary_varies = draws.iter().any(|d| model.cost(d) != fixed_cost);
    // Their precision comes from the fee's order statistics at the interval ranks, selected in
    // the same pass (the cost is the fee plus a constant).
    let span = |r: (Option<usize>, Option<usize>), ranks: &[usize], picked: &[f64]| match r {
        (Some(l), Some(u)) => Some((at(ranks, picked, u) - at(ranks, picked, l)) / 2.0),
        _ => None,
    };
    let (cost_p50, cost_p95, cost_p50_half, cost_p95_half) = if notary_varies {
        values.clear();
        values.extend(draws.iter().map(|d| d.notary_fee));
        let p = [position(n, 0.5), position(n, 0.95)];
        ranks.clear();
        for (lo, hi, _) in p {
            ranks.extend([lo, hi]);
        }
        for (l, u) in [ci[1], ci[2]] {
            ranks.extend(l.iter().chain(u.iter()).copied());
        }
        select(values, ranks, picked, keys);
        let cost = |x: f64| model.review_fee + x;
        (
            up(ranks, picked, p[0], cost),
            up(ranks, picked, p[1], cost),
            span(ci[1], ranks, picked),
            span(ci[2], ranks, picked),
        )
    } else {
        (fixed_cost, fixed_cost, Some(0.0), Some(0.0))
    };

    // Retention rate: its median and the interval ranks in one selection.
    values.clear();
    values.extend(draws.iter().map(|d| d.retention));
    let mid = position(n, 0.5);
    ranks.clear();
    ranks.extend([mid.0, mid.1]);
    ranks.extend(ci[1].0.iter().chain(ci[1].1.iter()).copied());
    select(values, ranks, picked, keys);
    let retention_p50 = up(ranks, picked, mid, |x| x);
    let retention_p50_half = span(ci[1], ranks, picked);

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
        // Usually every run kept someone: the batch's ranks apply.
        let r = if kept == n {
            ci[1]
        } else {
            ci_ranks(kept, 0.5)
        };
        Some(median_and_half(other, r, keys))
    } else {
        None
    };

    // Order statistics of R for everything else.
    values.clear();
    values.extend(draws.iter().map(|d| d.retained as f64));
    let retained_mean = values.iter().sum::<f64>() / n as f64;
    let retained_sd = if n > 1 {
        (values
            .iter()
            .map(|x| (x - retained_mean) * (x - retained_mean))
            .sum::<f64>()
            / (n - 1) as f64)
            .sqrt()
    } else {
        0.0
    };
    let pct = [0.05, 0.5, 0.95].map(|p| position(n, p));
    // The runs with R > 0 are the top `kept` order statistics of R.
    let kept_pos = position(kept.max(1), 0.5);
    ranks.clear();
    for (lo, hi, _) in pct {
        ranks.extend([lo, hi, n - 1 - lo, n - 1 - hi]);
    }
    for (l, u) in ci {
        ranks.extend(l.iter().chain(u.iter()).copied());
    }
    if kept > 0 {
        ranks.extend([n - 1 - kept_pos.0, n - 1 - kept_pos.1]);
    }
    select(values, ranks, picked, keys);
    let same = |x: f64| x;
    let retained_p5 = up(ranks, picked, pct[0], same);
    let retained_p95 = up(ranks, picked, pct[2], same);
    let nf = model.followers;
    let v = model.value_per_follower;
    let lost_value_p50 = down(ranks, picked, n, pct[1], |r| (nf - r as u64) as f64 * v);
    // Half-width of an interval of R's order statistics, through a monotone f.
    let half_of = |r: (Option<usize>, Option<usize>), f: &dyn Fn(f64) -> f64| match r {
        (Some(l), Some(u)) => Some((f(at(ranks, picked, u)) - f(at(ranks, picked, l))).abs() / 2.0),
        _ => None,
    };
    let same_half = |r| half_of(r, &same);
    let retained_p50 = up(ranks, picked, pct[1], same);
    let (cost_per_retained_p50, cost_per_retained_half) = match cpr_runs {
        Some((x, half)) => (Some(x), half),
        None if kept > 0 => {
            let x = down(ranks, picked, n, kept_pos, |r| fixed_cost / r);
            // c/R: the relative precision of R's median carries over.
            let rel = same_half(ci[1]).map(|h| h / retained_p50.max(1.0));
            (Some(x), rel.map(|r| r * x))
        }
        None => (None, None),
    };

    // Final audience on the horizon day: non-decreasing in R once every window has closed.
    let horizon = model.horizon;
    let settled_by_horizon =
        horizon > model.duration.max() && horizon - model.duration.max() >= window;
    let (final_audience_p50, final_audience_half) = if settled_by_horizon {
        let f = |r: f64| model.audience(horizon, r);
        (up(ranks, picked, pct[1], f), half_of(ci[1], &f))
    } else {
        other.clear();
        other.extend(draws.iter().map(|d| model.final_audience(d)));
        median_and_half(other, ci[1], keys)
    };
    let precision = if lhs {
        lhs_precision(&model, draws, values, other)
    } else {
        RowPrecision {
            retention_p50: retention_p50_half,
            retained_mean: Some(Z95 * retained_sd / (n as f64).sqrt()),
            retained_p5: same_half(ci[0]),
            retained_p50: same_half(ci[1]),
            retained_p95: same_half(ci[2]),
            final_audience_p50: final_audience_half,
            cost_p50: cost_p50_half,
            cost_p95: cost_p95_half,
            cost_per_retained_p50: cost_per_retained_half,
            lost_value_p50: same_half(ci[1]).map(|h| h * v),
        }
    };
    let p_at_least = opts.at_least.map(|t| {
        let runs = n as f64;
        let hits = draws
            .iter()
            .filter(|d| model.final_audience(d) >= t)
            .count();
        let p = hits as f64 / runs;
        AtLeast {
            threshold: t,
            p,
            se: (p * (1.0 - p) / runs).sqrt(),
            ci95: wilson(hits as u64, n as u64),
        }
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
        precision,
    }))
}

/// The half-widths of a Latin hypercube row's intervals, from the spread of its replicated
/// hypercubes (as `simulate --sampling lhs`); `a` and `b` are scratch buffers.
fn lhs_precision(
    model: &Model,
    draws: &[Draw],
    a: &mut Vec<f64>,
    b: &mut Vec<f64>,
) -> RowPrecision {
    let groups = replicates(draws.len());
    let mut half = |f: &dyn Fn(&Draw) -> f64, p: f64| {
        a.clear();
        a.extend(draws.iter().map(f));
        replicate_half(a, &groups, p, b)
    };
    let nf = model.followers;
    let retained = |d: &Draw| d.retained as f64;
    let retained_p50 = half(&retained, 0.5);
    let cost = |d: &Draw| model.cost(d);
    // Runs that kept no one count as an infinite cost per follower: they sit above the median.
    let per_kept = |d: &Draw| {
        if d.retained > 0 {
            model.cost(d) / d.retained as f64
        } else {
            f64::INFINITY
        }
    };
    let precision = RowPrecision {
        retention_p50: half(&|d| d.retention, 0.5),
        retained_mean: None,
        retained_p5: half(&retained, 0.05),
        retained_p50,
        retained_p95: half(&retained, 0.95),
        final_audience_p50: half(&|d| model.final_audience(d), 0.5),
        cost_p50: half(&cost, 0.5),
        cost_p95: half(&cost, 0.95),
        cost_per_retained_p50: half(&per_kept, 0.5).filter(|h| h.is_finite()),
        lost_value_p50: half(
            &|d| (nf - d.retained) as f64 * model.value_per_follower,
            0.5,
        ),
    };
    a.clear();
    a.extend(draws.iter().map(retained));
    RowPrecision {
        retained_mean: replicate_mean_half(a, &groups),
        ..precision
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod select_tests {
    use super::{key, order_stats, unkey};

    #[test]
    fn order_statistics_are_those_of_the_sorted_data() {
        let data: Vec<f64> = (0..2000u64)
            .map(|i| ((i * 7919) % 2003) as f64 / 3.0)
            .collect();
        let mut sorted = data.clone();
        sorted.sort_unstable_by(f64::total_cmp);
        let ranks = [
            0, 1, 81, 99, 100, 119, 956, 999, 1000, 1044, 1880, 1899, 1900, 1999,
        ];
        let mut out = Vec::new();
        order_stats(&data, &ranks, &mut out, &mut Vec::new());
        let want: Vec<f64> = ranks.iter().map(|&k| sorted[k]).collect();
        assert_eq!(out, want);
        for x in [-2.5, -0.0, 0.0, 1e-300, 3.0, f64::INFINITY] {
            assert_eq!(unkey(key(x)).to_bits(), x.to_bits());
        }
        assert!(key(-2.5) < key(-0.0) && key(-0.0) < key(0.0) && key(0.0) < key(3.0));
    }
}
