//! Why a plan step is blocked (D1, D4, D8) and why an ACCOUNT value is refused, as facts with
//! their values; `report::text` words them.

use crate::domain::{RuleId, StepId, Subject};
use chrono::NaiveDate;

/// An ACCOUNT input of a plan, for error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountField {
    /// The personal balance (D4).
    Balance,
    /// The enterprise pending income (D4).
    PendingIncome,
    /// The last day of activity (D1).
    LastActive,
    /// The day the closing notice went out (D8).
    Announced,
}

/// What is wrong with an ACCOUNT value, with the value and the limit.
#[derive(Debug, Clone, PartialEq)]
pub enum AccountProblem {
    /// Not an amount of yuan (a finite number, at least 0).
    NotYuan(f64),
    /// A date too far after the start.
    TooFarAhead {
        /// The date given.
        date: NaiveDate,
        /// How many days after the start a date may lie.
        max_days: u64,
    },
}

/// Why a step is blocked, with the values at fault.
#[derive(Debug, Clone, PartialEq)]
pub enum BlockReason {
    /// D1: the account was active too recently.
    RecentlyActive {
        /// The last day of activity.
        last_active: NaiveDate,
        /// The quiet days needed.
        days: u32,
    },
    /// D4: the balance is above the subject type's limit.
    Balance {
        /// The subject type.
        subject: Subject,
        /// The most it may keep, in yuan.
        limit: f64,
        /// The balance, in yuan.
        balance: f64,
    },
    /// D4: income is waiting for settlement.
    PendingIncome {
        /// The subject type.
        subject: Subject,
        /// The pending income, in yuan.
        pending: f64,
    },
    /// D8: the closing notice has not run its days.
    NoticeRunning {
        /// The day the notice went out.
        announced: NaiveDate,
        /// The days it must run.
        days: u32,
    },
    /// D4: WeChat Pay holds more than may be left when closing it.
    PaymentBalance {
        /// The balance, in yuan.
        balance: f64,
        /// The most that may be left, in yuan.
        limit: f64,
    },
}

/// One reason a step is blocked.
#[derive(Debug, Clone, PartialEq)]
pub struct Blocker {
    /// The rule that blocks.
    pub rule: RuleId,
    /// Why, with the values.
    pub reason: BlockReason,
    /// The day it lifts, when a date lifts it.
    pub unblocks_on: Option<NaiveDate>,
}

/// Every reason a step is blocked; JSON and tables show them as one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Blockers(pub Vec<Blocker>);

/// A blocked step of a way in `plan --options`.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockedStep {
    /// The step.
    pub step: StepId,
    /// Why it is blocked.
    pub blockers: Blockers,
}
