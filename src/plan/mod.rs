//! Dated step-by-step plans (SPEC §6): migrate an account's followers, or close the account,
//! with each step's rule id, start, end (P50/P90 over the Monte Carlo runs), status and cost;
//! and the ranking of every way open to an account (`plan --options`).
//!
//! Rules applied: D1 (inactivity), D2 (materials), D3 (review time), D4 (funds), D5 (WeChat Pay
//! freeze), D6 (unbinding), D7 (confirm code, freeze, deletion), D8 (notice), D9 (name and
//! licence cooldown), B1 (export batches), B2 (how long data is kept), M1–M3 (through
//! [`crate::eligibility::check`]), M4 (review fee), M5 (notary), M6 (transfer time, retention),
//! M7 (unfollow window), M8 (source closed). Every number comes from the [`Rulebook`].
//!
//! # How steps depend on each other
//!
//! A step that ends on day E lets the next one start on day E. Working-day steps end on the n-th
//! working day after their start (the start is not counted); calendar-day steps n days after.
//! Steps whose length the article does not give (unbinding, notarising, submitting, applying)
//! are same-day steps: they gate what follows but add no days. The numbers quoted below are the
//! seed rulebook's; the code reads them from the rulebook in force.
//!
//! Closing (`--goal close`):
//! - `announce` (D8) and `inactivity` (D1) run in parallel from the start: the notice from
//!   `--announced` (or the start), the 30 days without operations from `--last-active` (or the
//!   start). A date given that has not yet run its course blocks the step until the day it is
//!   satisfied. (A notice sent as a mass message is itself an operation: publish it without a
//!   mass send, or give its date as `--last-active`.)
//! - `backup` (B1, B2) starts at once; its end is the deadline: the day the application is
//!   submitted.
//! - `close_payment` (D5, with `--payment`) starts at once: a cancellation, then the fund freeze
//!   of 3 working days. It is blocked by D4 (§四) while more than 1 yuan is left.
//! - `unbind` (D6, when something is bound) is a same-day step at the start.
//! - `submit` (D2) waits for the notice, the inactivity, the payment freeze and the unbinding;
//!   materials handed in offline (government, media) go in on the first working day from then.
//!   It is blocked by D4 when the funds of the subject type are not cleared (personal: balance,
//!   enterprise: income waiting for settlement).
//! - `review` (D3) takes the subject type's working days, drawn per run.
//! - `freeze` (D7): confirmed with the code the day the review passes, then 7 calendar days.
//! - `deletion` (D7): records deleted on day 8 after the confirmation. The plan's finish.
//! - `name_cooldown` (D9): the name 30 days after the deletion; the licence date is reported too.
//!
//! Migrating (`--goal migrate`):
//! - `announce` (D8) from the start. The source account closes when the transfer completes (M8),
//!   at least the route's shortest transfer time (M6) after the application, so the application
//!   waits until the notice end minus that time: even the fastest transfer then closes the
//!   source after a full notice.
//! - `backup` (B1, B2): deadline the application day. `unbind` (D6) and `close_payment` (D5, D4
//!   §四) as for closing (WeChat Pay does not move with a migration). D4's funds check by subject
//!   type applies to closing applications only: a migration closes the source by M8.
//! - `notarise` (M5, cross-entity only): a same-day step with the notary fee, on the first
//!   working day from the start (a notary office is closed on weekends and holidays).
//! - `apply` (M4) after all of the above; pays the review fee.
//! - `review_transfer` (M6): the transfer day drawn per run by the engine, in calendar days.
//! - `unfollow_window` (M7): 7 calendar days from the transfer. Its end is the plan's finish.
//! - `source_closed` (M8): on the transfer day.
//!
//! A status is `blocked` when a rule stands in the way (with the reason and, when a date lifts
//! it, `unblocks_on`); `ready` when the step can start on the plan's start date; `todo` when it
//! waits for other steps. Dates after a blocker without a date assume it is cleared at the start.

mod close;
mod dates;
mod draft;
mod facts;
mod migrate;
mod options;
mod reasons;

pub use facts::{Note, Title};
pub use options::{options, options_sampled, Options, Way, WayOption};
pub use reasons::{AccountField, AccountProblem, BlockReason, BlockedStep, Blocker, Blockers};

use crate::calendar::{Basis, Calendar, CalendarError};
use crate::domain::{Route, RuleId, StepId};
use crate::eligibility::Eligibility;
use crate::forecast::{assumptions, Assumption, AtLeast, Provenance, RunOptions};
use crate::rules::Rulebook;
use crate::scenario::{Field, PartialScenario, Problem, ScenarioError};
use crate::sim::lhs::Sampling;
use crate::stats::{Later, Spread};
use chrono::{Months, NaiveDate};
use dates::When;
use draft::{Draft, Notes};
use serde::Serialize;

/// What the plan is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Goal {
    /// Move the followers to another account (迁移); the source then closes (M8).
    Migrate,
    /// Close the account (注销).
    Close,
}

impl Goal {
    /// The snake_case name.
    pub fn name(self) -> &'static str {
        match self {
            Goal::Migrate => "migrate",
            Goal::Close => "close",
        }
    }
}

impl std::str::FromStr for Goal {
    type Err = crate::domain::WordError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "migrate" | "迁移" => Ok(Goal::Migrate),
            "close" | "注销" => Ok(Goal::Close),
            _ => Err(crate::domain::WordError {
                value: s.to_string(),
                allowed: "migrate (迁移), close (注销)",
            }),
        }
    }
}

/// The state of the source account (the ACCOUNT flags of SPEC §6).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Account {
    /// Balance left in the account, yuan (D4).
    pub balance_yuan: f64,
    /// Income waiting for settlement, yuan (D4).
    pub pending_income_yuan: f64,
    /// WeChat Pay is enabled (D4 §四, D5).
    pub payment: bool,
    /// The last active operation (mass message, menu change), D1.
    pub last_active: Option<NaiveDate>,
    /// Bound mini programs (D6).
    pub mini_programs: u32,
    /// Authorised third-party platforms (D6).
    pub third_party: u32,
    /// A Tencent ad account is linked (D6).
    pub ad_account: bool,
    /// Published articles to export (B1).
    pub articles: Option<u64>,
    /// The day the end of service was announced (D8).
    pub announced: Option<NaiveDate>,
}

impl Account {
    /// Whether anything is bound that D6 asks to unbind.
    pub fn has_bindings(&self) -> bool {
        self.mini_programs > 0 || self.third_party > 0 || self.ad_account
    }
}

/// How a step's length is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Chinese working days (工作日), holidays and make-up days included.
    WorkingDays,
    /// Calendar days.
    CalendarDays,
}

/// Where a step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Can start on the plan's start date.
    Ready,
    /// Waits for other steps.
    Todo,
    /// A rule stands in the way.
    Blocked,
}

/// A step's length in its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Length {
    /// Shortest.
    pub min: u32,
    /// Longest.
    pub max: u32,
}

impl Length {
    fn fixed(n: u32) -> Length {
        Length { min: n, max: n }
    }
}

/// An amount of yuan over the runs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Money {
    /// Lowest possible.
    pub min: f64,
    /// Median over the runs.
    pub p50: f64,
    /// Highest possible.
    pub max: f64,
}

impl Money {
    /// Nothing to pay.
    pub const ZERO: Money = Money {
        min: 0.0,
        p50: 0.0,
        max: 0.0,
    };

    fn fixed(v: f64) -> Money {
        Money {
            min: v,
            p50: v,
            max: v,
        }
    }
}

/// One step of a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// The step id of SPEC §6 (`announce`, `review`, …).
    pub id: StepId,
    /// The rule ids it applies, e.g. `D3` or `B1, B2`.
    pub rule: String,
    /// What to do.
    pub title: Title,
    /// How its length is counted.
    pub unit: Unit,
    /// Its length in that unit (0 for a same-day step or a deadline).
    pub duration: Length,
    /// The day it starts (the median over the runs when it follows an uncertain step).
    pub start: NaiveDate,
    /// The median end.
    pub end_p50: NaiveDate,
    /// The 90th-percentile end.
    pub end_p90: NaiveDate,
    /// Ready, to do or blocked.
    pub status: Status,
    /// Why it is blocked; `null` unless blocked.
    pub reason: Option<Blockers>,
    /// The earliest day the block lifts, when a date lifts it.
    pub unblocks_on: Option<NaiveDate>,
    /// What it costs.
    pub cost_yuan: Money,
    /// The steps it waits for.
    pub after: Vec<StepId>,
    /// Details: materials, deadlines, counts.
    pub notes: Vec<Note>,
    /// The weakest basis of the holiday data its dates rest on (its own working days, and those
    /// of the steps it waits for); `null` when they rest on none (calendar days only).
    pub basis: Option<Basis>,
}

/// A dated plan (SPEC §6).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    /// Version, rulebook, seed, runs and distribution.
    #[serde(flatten)]
    pub provenance: Provenance,
    /// Migrate or close.
    pub goal: Goal,
    /// The route of a migration (M6); `null` when closing.
    pub route: Option<Route>,
    /// The plan's start date (day 0).
    pub start: NaiveDate,
    /// How the migration's inputs were sampled (`--sampling`; absent for the default, `mc`).
    #[serde(skip_serializing_if = "Sampling::is_mc")]
    pub sampling: Sampling,
    /// The scenario inputs after defaults (`followers` is `null` when closing without a count).
    pub scenario: PartialScenario,
    /// The account state.
    pub account: Account,
    /// The steps, in order.
    pub steps: Vec<Step>,
    /// When it is all over: the end of the unfollow window (migrate) or the deletion (close).
    pub finish: Later<NaiveDate>,
    /// The total cost.
    pub cost_yuan: Money,
    /// The source's followers kept at the end (all lost when closing).
    pub followers: Spread<f64>,
    /// The source's followers lost; `null` when closing without `--followers`.
    pub followers_lost: Option<Spread<f64>>,
    /// The audience reached at the finish: the target's followers plus the source's followers
    /// kept (less the overlap), grown by the daily growth.
    pub audience: Spread<f64>,
    /// With `--at-least N`: the chance that the audience at the finish is at least N.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub probability_at_least: Option<AtLeast>,
    /// Closing: when the same entity may apply for the name again (D9).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_reuse: Option<Later<NaiveDate>>,
    /// Closing: when the business licence can be used again (D9).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub licence_reuse: Option<Later<NaiveDate>>,
    /// What the user should know, including dates outside the holiday calendar.
    pub warnings: Vec<crate::forecast::Warning>,
    /// The years whose provisional holidays (no notice known) some step's dates rest on.
    pub provisional_years: Vec<i32>,
    /// The assumptions of the rulebook in force, `ID: text`.
    pub assumptions: Vec<Assumption>,
}

/// The answer of the planner.
#[derive(Debug, Clone, PartialEq)]
pub enum Planned {
    /// A plan.
    Plan(Box<Plan>),
    /// The migration is forbidden (M1–M3): its eligibility, with the violated rules.
    Forbidden(Box<Eligibility>),
}

/// What stops the planner.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlanError {
    /// An ACCOUNT value is out of range.
    #[error("{field:?}: {problem:?}")]
    Account {
        /// The input at fault.
        field: AccountField,
        /// What is wrong.
        problem: AccountProblem,
    },
    /// A date went out of the representable range.
    #[error("{0}")]
    Calendar(#[from] CalendarError),
    /// A scenario input is missing (a migration needs the follower count).
    #[error("{0}")]
    Scenario(#[from] ScenarioError),
}

/// How far after the start an ACCOUNT date may lie.
const MAX_DAYS_AHEAD: u64 = 3650;

fn check_account(a: &Account, start: NaiveDate) -> Result<(), PlanError> {
    for (field, v) in [
        (AccountField::Balance, a.balance_yuan),
        (AccountField::PendingIncome, a.pending_income_yuan),
    ] {
        if !(v.is_finite() && v >= 0.0) {
            return Err(PlanError::Account {
                field,
                problem: AccountProblem::NotYuan(v),
            });
        }
    }
    let latest = start.checked_add_days(chrono::Days::new(MAX_DAYS_AHEAD));
    for (field, date) in [
        (AccountField::LastActive, a.last_active),
        (AccountField::Announced, a.announced),
    ] {
        if let Some(d) = date {
            if latest.is_none_or(|l| d > l) {
                return Err(PlanError::Account {
                    field,
                    problem: AccountProblem::TooFarAhead {
                        date: d,
                        max_days: MAX_DAYS_AHEAD,
                    },
                });
            }
        }
    }
    Ok(())
}

/// Plan `goal` for the source account of scenario `s`, on the working days of `cal`.
///
/// A forbidden migration (M1–M3) is answered with its eligibility. Dates come from `opts.runs`
/// Monte Carlo runs seeded with `opts.seed`.
pub fn plan(
    cal: &Calendar,
    book: &Rulebook,
    s: &PartialScenario,
    account: &Account,
    goal: Goal,
    opts: &RunOptions,
) -> Result<Planned, PlanError> {
    plan_sampled(cal, book, s, account, goal, opts, Sampling::Mc)
}

/// [`plan`] with the migration's inputs (retention, transfer day, notary fee) sampled by
/// `sampling` ([`crate::sim::lhs`]); a closing plan draws only review times, by `mc`.
pub fn plan_sampled(
    cal: &Calendar,
    book: &Rulebook,
    s: &PartialScenario,
    account: &Account,
    goal: Goal,
    opts: &RunOptions,
    sampling: Sampling,
) -> Result<Planned, PlanError> {
    check_account(account, s.start_date)?;
    match goal {
        Goal::Close => close::plan(cal, book, s, account, opts).map(|p| Planned::Plan(Box::new(p))),
        Goal::Migrate => {
            let s = s.known().ok_or(ScenarioError {
                field: Field::Followers,
                problem: Problem::Required,
            })?;
            migrate::plan(cal, book, &s, account, opts, sampling)
        }
    }
}

/// The parts every plan shares, before the goal's own.
struct Frame {
    provenance: Provenance,
    assumptions: Vec<Assumption>,
}

fn frame(book: &Rulebook, opts: &RunOptions) -> Frame {
    Frame {
        provenance: Provenance::new(book, opts.seed, opts.runs, opts.dist),
        assumptions: assumptions(book, |_| true),
    }
}

/// D8: the notice of the end of service, from `--announced` or from the start.
fn announce(book: &Rulebook, account: &Account, start: NaiveDate) -> Result<Draft, PlanError> {
    let days = book.closing.announce_days;
    let from = account.announced.unwrap_or(start);
    let title = match account.announced {
        Some(announced) => Title::Announced { announced, days },
        None => Title::PublishNotice { days },
    };
    let (mut d, end) =
        Draft::calendar_days(StepId::Announce, "D8", title, &When::Fixed(from), days)?;
    let end = end.p50();
    if account.announced.is_some() && end > start {
        d.blockers.push(Blocker {
            rule: RuleId::D8,
            reason: BlockReason::NoticeRunning {
                announced: from,
                days,
            },
            unblocks_on: Some(end),
        });
    }
    Ok(d)
}

/// B1, B2: back up before the account stops; `deadline` is the day of the step `before`.
fn backup(
    book: &Rulebook,
    account: &Account,
    start: NaiveDate,
    deadline: &When,
    before: StepId,
) -> Draft {
    let b = &book.backup;
    let mut d = Draft::new(
        StepId::Backup,
        "B1, B2",
        Title::Backup,
        &When::Fixed(start),
        deadline,
    );
    d.deadline_of = Some(before);
    let per = u64::from(b.articles_per_export);
    d.notes.push(match account.articles {
        Some(articles) => Note::ExportBatches {
            articles,
            batches: articles.div_ceil(per),
            per,
        },
        None => Note::ExportBatchSize { per },
    });
    let records = start.checked_sub_days(chrono::Days::new(u64::from(b.interaction_days)));
    let stats = start.checked_sub_months(Months::new(b.statistics_months));
    let ads = start.checked_sub_months(Months::new(b.ad_revenue_months));
    if let (Some(records), Some(stats), Some(ads)) = (records, stats, ads) {
        d.notes.push(Note::InteractionsKept {
            days: b.interaction_days,
            before: records,
        });
        d.notes.push(Note::StatisticsKept {
            months: b.statistics_months,
            from: stats,
        });
        d.notes.push(Note::AdRevenueKept {
            months: b.ad_revenue_months,
            from: ads,
        });
    }
    d.notes.push(Note::Deadline { before });
    d
}

/// D6: unbind mini programs, third-party platforms and the ad account; `None` when nothing is
/// bound.
fn unbind(account: &Account, start: NaiveDate) -> Option<Draft> {
    if !account.has_bindings() {
        return None;
    }
    let title = Title::Unbind {
        mini_programs: account.mini_programs,
        third_party: account.third_party,
        ad_account: account.ad_account,
    };
    Some(Draft::new(
        StepId::Unbind,
        "D6",
        title,
        &When::Fixed(start),
        &When::Fixed(start),
    ))
}

/// D5 with D4 §四: close WeChat Pay, then the fund freeze; `None` without `--payment`.
fn close_payment(
    cal: &Calendar,
    book: &Rulebook,
    account: &Account,
    start: NaiveDate,
    notes: &mut Notes,
) -> Result<Option<Draft>, PlanError> {
    if !account.payment {
        return Ok(None);
    }
    let c = &book.closing;
    let n = c.payment_freeze_working_days;
    let shifted = When::Fixed(start).add_working(cal, n)?;
    let title = Title::ClosePayment { working_days: n };
    let mut d = Draft::new(
        StepId::ClosePayment,
        "D5",
        title,
        &When::Fixed(start),
        &shifted.when,
    );
    d.unit = Unit::WorkingDays;
    d.duration = Length::fixed(n);
    notes.working(&mut d, &shifted);
    let limit = c.payment_balance_limit_yuan;
    if account.balance_yuan > limit {
        d.rule = "D5, D4";
        d.blockers.push(Blocker {
            rule: RuleId::D4,
            reason: BlockReason::PaymentBalance {
                balance: account.balance_yuan,
                limit,
            },
            unblocks_on: None,
        });
    }
    Ok(Some(d))
}

/// The latest of a date and the P90 ends of some drafts. The steps that gate others this way
/// (notice, quiet days, payment freeze, unbinding, notary) have the same dates in every run.
fn latest_end(from: NaiveDate, drafts: &[Option<&Draft>]) -> When {
    When::Fixed(
        drafts
            .iter()
            .flatten()
            .map(|d| d.end_p90)
            .fold(from, NaiveDate::max),
    )
}

/// The ids of the drafts that are present.
fn ids(drafts: &[Option<&Draft>]) -> Vec<StepId> {
    drafts.iter().flatten().map(|d| d.id).collect()
}

#[cfg(test)]
mod tests;
