//! A Forecast: the statistics of every metric over the runs of one scenario, the dates they
//! imply, the daily audience trajectory and the chance of reaching a threshold (SPEC §2, §3).
//!
//! Forbidden migrations (M1–M3) are not forecast: [`Forecast::run`] returns their eligibility.

use crate::domain::{Route, RuleId, StepId, Subject};
use crate::eligibility::{check, Eligibility, Fees};
use crate::intervals::{
    percentile_intervals, percentile_intervals_at, summary_ranks, wilson, Interval,
};
use crate::rules::Rulebook;
use crate::scenario::Scenario;
use crate::sim::lhs::Sampling;
use crate::sim::trajectory::{trajectory, DayStats};
use crate::sim::{Dist, Draw, Model};
use crate::stats::{probability_at_least, Summary};
use crate::stats::{Band, Quantiles};
use chrono::{Days, NaiveDate};
use serde::Serialize;

mod sampling;
pub use sampling::{PerRun, PrecisionGoal};

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

/// An assumption of the rulebook in force: the rule it belongs to and the rulebook's own words
/// (free text, kept as written). Serialised as `"ID: text"`.
#[derive(Debug, Clone, PartialEq)]
pub struct Assumption {
    /// The rule.
    pub rule: RuleId,
    /// The rulebook's text.
    pub text: String,
}

impl Serialize for Assumption {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.collect_str(&format_args!("{}: {}", self.rule, self.text))
    }
}

/// The assumptions of `book`'s rules that `applies` keeps, in the rulebook's order.
pub fn assumptions(book: &Rulebook, applies: impl Fn(RuleId) -> bool) -> Vec<Assumption> {
    book.assumptions()
        .into_iter()
        .filter_map(|(id, text)| {
            RuleId::parse(id)
                .filter(|&r| applies(r))
                .map(|rule| Assumption {
                    rule,
                    text: text.to_string(),
                })
        })
        .collect()
}

/// Where a document's numbers come from: fanplan's version, the rulebook in force and the Monte
/// Carlo settings. Every document of simulated numbers (simulate, plan, plan --options, compare,
/// the batch summary) begins with these keys.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Provenance {
    /// fanplan's version.
    pub version: &'static str,
    /// The rulebook in force.
    pub rules: RulesId,
    /// The seed.
    pub seed: u64,
    /// Number of runs (per scenario or row; with `--precision`, the runs used).
    pub runs: u64,
    /// Retention distribution.
    pub dist: Dist,
}

impl Provenance {
    /// The provenance of `runs` runs from `seed` with retention distribution `dist` under
    /// `book`.
    pub fn new(book: &Rulebook, seed: u64, runs: u64, dist: Dist) -> Provenance {
        Provenance {
            version: env!("CARGO_PKG_VERSION"),
            rules: RulesId::of(book),
            seed,
            runs,
            dist,
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

/// The transfer and settled dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Dates {
    /// When the followers move (D).
    pub transfer: Band<NaiveDate>,
    /// When the unfollow window ends (D + W).
    pub settled: Band<NaiveDate>,
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
    /// Version, rulebook, seed, runs and distribution.
    #[serde(flatten)]
    pub provenance: Provenance,
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
    /// The assumptions of the rulebook in force.
    pub assumptions: Vec<Assumption>,
    /// Things the user should know about the inputs, the precision and the horizon.
    pub warnings: Vec<Warning>,
    /// Retained followers of every run, in run order (for charts; not serialised).
    #[serde(skip)]
    pub retained_samples: Vec<f64>,
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
            quantiles: Quantiles::fixed(f64::NAN),
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

/// The dates of the day percentiles of `s`, each rounded up to a whole day.
fn date_percentiles(start: NaiveDate, s: &Summary) -> Band<NaiveDate> {
    Band(s.quantiles.map(|day| date_after(start, day)))
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
    /// The rulebook's freeze (D7) depends on the follower count, which was not given: the
    /// plan uses the shortest.
    FreezeByFollowers {
        /// The shortest freeze, in days.
        shortest_days: u32,
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
    /// Some dates rest on provisional holidays: years whose notice is not known.
    ProvisionalHolidays {
        /// The years concerned, in order.
        years: Vec<i32>,
    },
}

/// Warnings about the inputs of a scenario under a rulebook.
pub fn scenario_warnings<N>(book: &Rulebook, s: &Scenario<N>) -> Vec<Warning> {
    let mut w = Vec::new();
    let pays_notary = book.route(crate::eligibility::route_of(s)).notary;
    if !pays_notary && (s.notary_fee_min.is_some() || s.notary_fee_max.is_some()) {
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
        let mut warnings = scenario_warnings(book, s);
        warnings.extend(caveats(opts.runs, s.horizon_days, &metrics.settled_day));
        Forecast {
            provenance: Provenance::new(book, opts.seed, opts.runs, opts.dist),
            sampling: Sampling::Mc,
            scenario: s.clone(),
            route: model.route,
            fee_yuan,
            metrics,
            dates,
            trajectory,
            probability_at_least,
            precision: None,
            // A forecast is a migration: only the migration rules' (M…) assumptions apply.
            assumptions: assumptions(book, RuleId::is_migration),
            warnings,
            retained_samples,
        }
    }
}
