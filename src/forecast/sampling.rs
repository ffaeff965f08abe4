//! Forecasts by Latin hypercube sampling and to a requested precision (`--sampling`,
//! `--precision`): how many runs, drawn how, and the standard errors and intervals that go
//! with them.

use super::{Forecast, RunOptions, Summary};
use crate::eligibility::{check, Eligibility, Fees};
use crate::intervals::{tails_within, Bounds, PercentileIntervals};
use crate::rules::Rulebook;
use crate::scenario::Scenario;
use crate::sim::lhs::{
    draw_lhs, replicate_interval, replicates, tails_within as lhs_tails_within, Sampling,
};
use crate::sim::{Draw, Model, BLOCK};
use crate::stats::{quantiles, SUMMARY_PROBS};
use serde::Serialize;
use std::ops::Range;

/// A requested precision (`--precision`): the run count grows in blocks until the 95%
/// intervals of P5, P50 and P95 of the final audience are within `relative` of their values,
/// or until `ceiling` runs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PrecisionGoal {
    /// The relative half-width asked for.
    pub relative: f64,
    /// The most runs allowed.
    pub ceiling: u64,
    /// Whether it was reached (false: the ceiling came first).
    pub reached: bool,
}

/// The percentiles of `values` (run order) within each replicate group.
fn per_group(values: &[f64], groups: &[Range<usize>], probs: &[f64]) -> Vec<Vec<f64>> {
    groups
        .iter()
        .map(|g| quantiles(&mut values[g.clone()].to_vec(), probs))
        .collect()
}

/// Replace the iid standard error and percentile intervals of `sum` by those from the spread
/// of the replicated hypercubes.
fn lhs_precision(
    sum: &mut Summary,
    draws: &[Draw],
    groups: &[Range<usize>],
    value: &dyn Fn(&Draw) -> f64,
) {
    let values: Vec<f64> = draws.iter().map(value).collect();
    let means: Vec<f64> = groups
        .iter()
        .map(|g| values[g.clone()].iter().sum::<f64>() / g.len().max(1) as f64)
        .collect();
    if means.len() >= 2 {
        let (_, sd) = crate::stats::mean_sd(&means);
        sum.se = sd / (means.len() as f64).sqrt();
    }
    let q = per_group(&values, groups, &SUMMARY_PROBS);
    let pooled = [sum.p5, sum.p10, sum.p25, sum.p50, sum.p75, sum.p90, sum.p95];
    let b: Vec<Bounds> = pooled
        .iter()
        .enumerate()
        .map(|(i, &x)| {
            let col: Vec<f64> = q.iter().map(|g| g[i]).collect();
            let r = replicate_interval(x, &col);
            Bounds {
                low: r.map(|r| r.0),
                high: r.map(|r| r.1),
            }
        })
        .collect();
    sum.ci95 = Some(PercentileIntervals::of(&b));
}

impl Forecast {
    /// [`Forecast::run`] with the inputs sampled by `sampling`: [`Sampling::Mc`] is
    /// [`Forecast::run`]; [`Sampling::Lhs`] draws replicated Latin hypercubes
    /// ([`crate::sim::lhs`]) and takes the standard errors and percentile intervals from the
    /// spread across the replicates.
    pub fn run_sampled(
        book: &Rulebook,
        s: &Scenario,
        opts: &RunOptions,
        sampling: Sampling,
    ) -> Result<Forecast, Box<Eligibility>> {
        if sampling == Sampling::Mc {
            return Forecast::run(book, s, opts);
        }
        let eligibility = check(book, s);
        let Some(route) = eligibility.route else {
            return Err(Box::new(eligibility));
        };
        let model = Model::new(book, s, route, opts.dist);
        let draws = draw_lhs(&model, opts.seed, opts.runs as usize);
        Ok(Forecast::from_lhs(
            book,
            s,
            &model,
            &draws,
            opts,
            eligibility.fee_yuan,
        ))
    }

    fn from_lhs(
        book: &Rulebook,
        s: &Scenario,
        model: &Model,
        draws: &[Draw],
        opts: &RunOptions,
        fee_yuan: Fees,
    ) -> Forecast {
        let mut f = Forecast::from_draws(book, s, model, draws, opts, fee_yuan);
        f.sampling = Sampling::Lhs;
        let groups = replicates(draws.len());
        let n = model.followers;
        let w = f64::from(model.window);
        let m = &mut f.metrics;
        let fix = |sum: &mut Summary, value: &dyn Fn(&Draw) -> f64| {
            lhs_precision(sum, draws, &groups, value);
        };
        fix(&mut m.retention_rate, &|d| d.retention);
        fix(&mut m.retained_followers, &|d| d.retained as f64);
        fix(&mut m.lost_followers, &|d| (n - d.retained) as f64);
        fix(&mut m.final_audience, &|d| model.final_audience(d));
        fix(&mut m.transfer_day, &|d| f64::from(d.transfer_day));
        fix(&mut m.settled_day, &|d| f64::from(d.transfer_day) + w);
        fix(&mut m.cost_yuan, &|d| model.cost(d));
        fix(&mut m.lost_value_yuan, &|d| {
            (n - d.retained) as f64 * model.value_per_follower
        });
        f
    }

    /// [`Forecast::run_sampled`] with a precision goal: runs are drawn in blocks (the first of
    /// [`crate::sim::BLOCK`] runs, each next count 1.25 times the last, rounded up to whole
    /// blocks) until the 95% intervals of P5, P50 and P95 of the final audience are within
    /// `relative` of their values, or `opts.runs` is reached. The stopping point depends only
    /// on the inputs and the seed, never on the thread count. (Latin hypercubes are drawn anew
    /// at each count: their strata depend on it.)
    pub fn run_to_precision(
        book: &Rulebook,
        s: &Scenario,
        opts: &RunOptions,
        sampling: Sampling,
        relative: f64,
    ) -> Result<Forecast, Box<Eligibility>> {
        let eligibility = check(book, s);
        let Some(route) = eligibility.route else {
            return Err(Box::new(eligibility));
        };
        let model = Model::new(book, s, route, opts.dist);
        let ceiling = opts.runs.max(1) as usize;
        let mut draws: Vec<Draw> = Vec::new();
        let mut n = BLOCK.min(ceiling);
        let reached = loop {
            match sampling {
                Sampling::Mc => {
                    let more = model.draw_range(opts.seed, draws.len(), n);
                    draws.extend(more);
                }
                Sampling::Lhs => draws = draw_lhs(&model, opts.seed, n),
            }
            let finals: Vec<f64> = draws.iter().map(|d| model.final_audience(d)).collect();
            let met = match sampling {
                Sampling::Mc => tails_within(&mut finals.clone(), relative),
                Sampling::Lhs => lhs_tails_within(&finals, relative),
            };
            if met {
                break true;
            }
            if n >= ceiling {
                break false;
            }
            n = (n + n / 4)
                .div_ceil(BLOCK)
                .saturating_mul(BLOCK)
                .min(ceiling);
        };
        let used = RunOptions {
            runs: draws.len() as u64,
            ..*opts
        };
        let mut f = match sampling {
            Sampling::Mc => {
                Forecast::from_draws(book, s, &model, &draws, &used, eligibility.fee_yuan)
            }
            Sampling::Lhs => {
                Forecast::from_lhs(book, s, &model, &draws, &used, eligibility.fee_yuan)
            }
        };
        f.precision = Some(PrecisionGoal {
            relative,
            ceiling: opts.runs,
            reached,
        });
        Ok(f)
    }
}

/// Every run's retained followers and cost (M4 + M5, yuan), in run order, for adding
/// forecasts up run by run.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PerRun {
    /// Retained followers of each run.
    pub retained: Vec<u64>,
    /// Cost of each run.
    pub cost: Vec<f64>,
}

impl Forecast {
    /// [`Forecast::run`] with the retention correlated at `rho` with the other accounts of a
    /// run seeded `batch_seed` (a Gaussian copula, [`crate::sim::copula`]; `rho` = 0 is
    /// [`Forecast::run`] bit for bit), with every run's retained followers and cost.
    pub fn run_correlated(
        book: &Rulebook,
        s: &Scenario,
        opts: &RunOptions,
        batch_seed: u64,
        rho: f64,
    ) -> Result<(Forecast, PerRun), Box<Eligibility>> {
        let eligibility = check(book, s);
        let Some(route) = eligibility.route else {
            return Err(Box::new(eligibility));
        };
        let model = Model::new(book, s, route, opts.dist);
        let draws = model.draw_all_correlated(opts.seed, batch_seed, rho, opts.runs as usize);
        let per_run = PerRun {
            retained: draws.iter().map(|d| d.retained).collect(),
            cost: draws.iter().map(|d| model.cost(d)).collect(),
        };
        let f = Forecast::from_draws(book, s, &model, &draws, opts, eligibility.fee_yuan);
        Ok((f, per_run))
    }
}
