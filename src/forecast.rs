//! A Forecast: the statistics of every metric over the runs of one scenario, the dates they
//! imply, the daily audience trajectory and the chance of reaching a threshold (SPEC §2, §3).
//!
//! Forbidden migrations (M1–M3) are not forecast: [`Forecast::run`] returns their eligibility.

use crate::domain::{Route, StepId, Subject};
use crate::eligibility::{check, Eligibility, Fees};
use crate::intervals::{
    percentile_intervals, percentile_intervals_at, summary_ranks, tails_within, wilson, Bounds,
    Interval, PercentileIntervals,
};
use crate::rules::Rulebook;
use crate::scenario::Scenario;
use crate::sim::lhs::{draw_lhs, replicate_interval, replicates, Sampling};
use crate::sim::trajectory::{trajectory, DayStats};
use crate::sim::{Dist, Draw, Model, BLOCK};
use crate::stats::{probability_at_least, Summary};
use crate::stats::{quantiles, SUMMARY_PROBS};
use chrono::{Days, NaiveDate};
use serde::Serialize;
use std::ops::Range;

/// Runs per scenario when none are asked for: `simulate`, `plan` and `compare`.
pub const DEFAULT_RUNS: u64 = 10_000;
/// Runs per row when none are asked for in `batch` (many rows, each a smaller sample).
pub const DEFAULT_BATCH_RUNS: u64 = 2_000;

/// How to run a forecast.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunOptions {
    /// Number of runs (1 to [`crate::sim::MAX_RUNS`]).
    pub runs: u64,
    /// The seed of every random stream.
    pub seed: u64,
    /// The retention distribution.
    pub dist: Dist,
    /// Report the chance that the final audience is at least this.
    pub at_least: Option<f64>,
}

/// Rulebook identity in a forecast.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RulesId {
    /// Rulebook name.
    pub name: String,
    /// Rulebook version.
    pub version: String,
}

impl RulesId {
    /// The identity of a rulebook, as every document prints it.
    pub fn of(book: &Rulebook) -> RulesId {
        RulesId {
            name: book.rulebook.name.clone(),
            version: book.rulebook.version.clone(),
        }
    }
}

/// Statistics per metric (SPEC §2), by metric name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metrics {
    /// Retention rate r.
    pub retention_rate: Summary,
    /// Retained followers R.
    pub retained_followers: Summary,
    /// Lost followers L = N − R.
    pub lost_followers: Summary,
    /// Audience on day H.
    pub final_audience: Summary,
    /// Transfer day D.
    pub transfer_day: Summary,
    /// Settled day D + W.
    pub settled_day: Summary,
    /// Route fee plus notary fee, yuan.
    pub cost_yuan: Summary,
    /// Cost / R over the runs with R > 0; `null` when every run kept nobody.
    pub cost_per_retained_follower: Option<Summary>,
    /// L · v, yuan.
    pub lost_value_yuan: Summary,
}

/// Dates of day percentiles, each rounded up to a whole day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DatePercentiles {
    /// 10th percentile.
    pub p10: NaiveDate,
    /// Median.
    pub p50: NaiveDate,
    /// 90th percentile.
    pub p90: NaiveDate,
}

/// The transfer and settled dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Dates {
    /// When the followers move (D).
    pub transfer: DatePercentiles,
    /// When the unfollow window ends (D + W).
    pub settled: DatePercentiles,
}

/// One day of the audience trajectory: its date and the audience statistics of that day.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TrajectoryEntry {
    /// Day number, mean and percentiles of the audience.
    #[serde(flatten)]
    pub stats: DayStats,
    /// The date.
    pub date: NaiveDate,
}

/// The chance that the final audience reaches a threshold.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct AtLeast {
    /// The threshold, followers.
    pub threshold: f64,
    /// Share of runs whose final audience is at least the threshold.
    pub p: f64,
    /// Its standard error, √(p(1−p)/runs).
    pub se: f64,
    /// Its Wilson 95% interval.
    pub ci95: Interval,
}

impl AtLeast {
    /// The share of `data` at least `threshold`, its standard error and its 95% interval.
    pub fn of(data: &[f64], threshold: f64) -> AtLeast {
        let (p, se) = probability_at_least(data, threshold);
        let hits = data.iter().filter(|&&x| x >= threshold).count() as u64;
        AtLeast {
            threshold,
            p,
            se,
            ci95: wilson(hits, data.len() as u64),
        }
    }
}

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

/// Runs below this many leave the tail percentiles (P5, P95) rough.
pub const FEW_RUNS: u64 = 1_000;

/// The precision and horizon warnings of a forecast with `runs` runs, horizon `horizon` and
/// settled-day statistics `settled`.
pub fn caveats(runs: u64, horizon: u32, settled: &Summary) -> Vec<Warning> {
    let mut c = Vec::new();
    if runs < FEW_RUNS {
        c.push(Warning::FewRuns { runs });
    }
    if f64::from(horizon) < settled.p90 {
        c.push(Warning::HorizonBeforeSettled {
            horizon_days: horizon,
            settled_p90_day: settled.p90,
        });
    }
    c
}

/// A Monte Carlo forecast of one allowed migration.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Forecast {
    /// fanplan's version.
    pub version: &'static str,
    /// The rulebook in force.
    pub rules: RulesId,
    /// The seed.
    pub seed: u64,
    /// Number of runs.
    pub runs: u64,
    /// Retention distribution.
    pub dist: Dist,
    /// How the inputs were sampled (`--sampling`).
    pub sampling: Sampling,
    /// The inputs after defaults.
    pub scenario: Scenario,
    /// The route (M6).
    pub route: Route,
    /// The fees (M4, M5).
    pub fee_yuan: Fees,
    /// Statistics per metric.
    pub metrics: Metrics,
    /// Transfer and settled dates.
    pub dates: Dates,
    /// The audience per day, 0…H.
    pub trajectory: Vec<TrajectoryEntry>,
    /// With `--at-least`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub probability_at_least: Option<AtLeast>,
    /// With `--precision`: the goal and whether `runs` reached it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precision: Option<PrecisionGoal>,
    /// The assumptions of the rulebook in force, `ID: text`.
    pub assumptions: Vec<String>,
    /// Things the user should know about the inputs, the precision and the horizon.
    pub warnings: Vec<Warning>,
    /// Retained followers of every run, in run order (for charts; not serialised).
    #[serde(skip)]
    pub retained_samples: Vec<f64>,
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
    sum.ci95 = Some(PercentileIntervals {
        p5: b[0],
        p10: b[1],
        p25: b[2],
        p50: b[3],
        p75: b[4],
        p90: b[5],
        p95: b[6],
    });
}

/// [`tails_within`] for Latin hypercube runs: the intervals from the replicates' spread.
fn lhs_tails_within(finals: &[f64], rel: f64) -> bool {
    let groups = replicates(finals.len());
    let probs = [0.05, 0.5, 0.95];
    let pooled = quantiles(&mut finals.to_vec(), &probs);
    let q = per_group(finals, &groups, &probs);
    pooled.iter().enumerate().all(|(i, &x)| {
        let col: Vec<f64> = q.iter().map(|g| g[i]).collect();
        replicate_interval(x, &col).is_some_and(|(l, h)| (x - l).max(h - x) <= rel * x.abs())
    })
}

/// Day offset `day` (possibly fractional) after `start`, rounded up, as a date.
pub fn date_after(start: NaiveDate, day: f64) -> NaiveDate {
    let days = if day.is_finite() && day > 0.0 {
        day.ceil() as u64
    } else {
        0
    };
    start
        .checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

/// A summary with the 95% intervals of its percentiles, at the interval ranks `per` of its
/// run count.
fn summary(values: impl Iterator<Item = f64>, per: &[(Option<usize>, Option<usize>)]) -> Summary {
    let mut v: Vec<f64> = values.collect();
    let ci = (!v.is_empty()).then(|| percentile_intervals_at(&mut v, per));
    Summary::of(&mut v)
        .map(|s| Summary { ci95: ci, ..s })
        .unwrap_or(Summary {
            mean: f64::NAN,
            sd: f64::NAN,
            se: f64::NAN,
            min: f64::NAN,
            p5: f64::NAN,
            p10: f64::NAN,
            p25: f64::NAN,
            p50: f64::NAN,
            p75: f64::NAN,
            p90: f64::NAN,
            p95: f64::NAN,
            max: f64::NAN,
            ci95: None,
        })
}

fn with_ci(v: &mut [f64]) -> Option<Summary> {
    let s = Summary::of(v)?;
    Some(Summary {
        ci95: Some(percentile_intervals(v)),
        ..s
    })
}

fn date_percentiles(start: NaiveDate, s: &Summary) -> DatePercentiles {
    DatePercentiles {
        p10: date_after(start, s.p10),
        p50: date_after(start, s.p50),
        p90: date_after(start, s.p90),
    }
}

/// A warning about the inputs or the dates of a forecast or a plan, with its values. The
/// report words it (JSON carries the words, as a string).
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// A notary fee was given for a same-entity route, which pays none (M5).
    NotaryIgnored,
    /// The subjects differ, so the migration is cross-entity.
    CrossEntityImplied {
        /// The target's subject type.
        target: Subject,
        /// The source's subject type.
        source: Subject,
    },
    /// The dates assume that the funds blocker(s) (D4) are cleared on the start date.
    FundsAssumedCleared {
        /// More than one step is blocked by funds.
        several: bool,
    },
    /// Working days outside the holiday calendar were counted Monday to Friday.
    WeekendsOnly {
        /// The first covered date.
        from: NaiveDate,
        /// The last covered date.
        to: NaiveDate,
        /// The steps concerned, each with its latest end.
        steps: Vec<(StepId, NaiveDate)>,
    },
    /// Fewer than [`FEW_RUNS`] runs: the tail percentiles are rough.
    FewRuns {
        /// The runs.
        runs: u64,
    },
    /// The horizon ends before the settled day's P90: in many runs the M7 window is still
    /// open (or the transfer still to come) on the horizon day, so its audience is not the
    /// settled one.
    HorizonBeforeSettled {
        /// The horizon H.
        horizon_days: u32,
        /// The settled day's P90 (days after the start).
        settled_p90_day: f64,
    },
}

/// Warnings about the inputs of a scenario.
pub fn scenario_warnings(s: &Scenario) -> Vec<Warning> {
    let mut w = Vec::new();
    if !s.cross_entity && (s.notary_fee_min.is_some() || s.notary_fee_max.is_some()) {
        w.push(Warning::NotaryIgnored);
    }
    if s.cross_entity_implied {
        w.push(Warning::CrossEntityImplied {
            target: s.target_subject,
            source: s.source_subject,
        });
    }
    w
}

impl Forecast {
    /// Check the scenario and, when allowed, forecast it. A forbidden migration returns its
    /// eligibility (with the violated rules) as the error.
    pub fn run(
        book: &Rulebook,
        s: &Scenario,
        opts: &RunOptions,
    ) -> Result<Forecast, Box<Eligibility>> {
        let eligibility = check(book, s);
        let Some(route) = eligibility.route else {
            return Err(Box::new(eligibility));
        };
        let model = Model::new(book, s, route, opts.dist);
        let draws = model.draw_all(opts.seed, opts.runs as usize);
        Ok(Forecast::from_draws(
            book,
            s,
            &model,
            &draws,
            opts,
            eligibility.fee_yuan,
        ))
    }

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

    fn from_draws(
        book: &Rulebook,
        s: &Scenario,
        model: &Model,
        draws: &[Draw],
        opts: &RunOptions,
        fee_yuan: Fees,
    ) -> Forecast {
        let n = model.followers;
        let w = f64::from(model.window);
        let finals: Vec<f64> = draws.iter().map(|d| model.final_audience(d)).collect();
        let per = summary_ranks(draws.len());
        let transfer_day = summary(draws.iter().map(|d| f64::from(d.transfer_day)), &per);
        let settled_day = summary(draws.iter().map(|d| f64::from(d.transfer_day) + w), &per);
        let retained_samples: Vec<f64> = draws.iter().map(|d| d.retained as f64).collect();
        let mut cpr: Vec<f64> = draws
            .iter()
            .filter(|d| d.retained > 0)
            .map(|d| model.cost(d) / d.retained as f64)
            .collect();
        let metrics = Metrics {
            retention_rate: summary(draws.iter().map(|d| d.retention), &per),
            retained_followers: summary(retained_samples.iter().copied(), &per),
            lost_followers: summary(draws.iter().map(|d| (n - d.retained) as f64), &per),
            final_audience: summary(finals.iter().copied(), &per),
            transfer_day,
            settled_day,
            cost_yuan: summary(draws.iter().map(|d| model.cost(d)), &per),
            cost_per_retained_follower: if cpr.len() == draws.len() {
                Some(summary(cpr.into_iter(), &per))
            } else {
                with_ci(&mut cpr)
            },
            lost_value_yuan: summary(
                draws
                    .iter()
                    .map(|d| (n - d.retained) as f64 * model.value_per_follower),
                &per,
            ),
        };
        let start = s.start_date;
        let dates = Dates {
            transfer: date_percentiles(start, &metrics.transfer_day),
            settled: date_percentiles(start, &metrics.settled_day),
        };
        let trajectory = trajectory(model, draws)
            .into_iter()
            .map(|stats| TrajectoryEntry {
                date: date_after(start, f64::from(stats.day)),
                stats,
            })
            .collect();
        let probability_at_least = opts
            .at_least
            .map(|threshold| AtLeast::of(&finals, threshold));
        let mut warnings = scenario_warnings(s);
        warnings.extend(caveats(opts.runs, s.horizon_days, &metrics.settled_day));
        Forecast {
            version: env!("CARGO_PKG_VERSION"),
            rules: RulesId::of(book),
            seed: opts.seed,
            runs: opts.runs,
            dist: opts.dist,
            sampling: Sampling::Mc,
            scenario: s.clone(),
            route: model.route,
            fee_yuan,
            metrics,
            dates,
            trajectory,
            probability_at_least,
            precision: None,
            assumptions: book
                .assumptions()
                .into_iter()
                .map(|(id, a)| format!("{id}: {a}"))
                .collect(),
            warnings,
            retained_samples,
        }
    }
}
