//! A scenario: the inputs of one forecast after defaults, validated once (SPEC §2).
//!
//! Flags and CSV rows both fill a [`ScenarioInput`] (every field optional); [`ScenarioInput::build`]
//! applies the defaults and checks every value, naming the [`Field`] at fault so the CLI can say
//! `--overlap` and the batch reader can say column `overlap`. Today's date is passed in.

use crate::domain::{Kind, Subject};
use chrono::NaiveDate;
use serde::Serialize;

/// Largest follower count accepted (WeChat has about 1.4 billion users).
pub const MAX_FOLLOWERS: u64 = 2_000_000_000;
/// Largest horizon, in days.
pub const MAX_HORIZON: u32 = 3650;
/// Largest audience the growth model may reach within the horizon.
pub const MAX_AUDIENCE: f64 = 1e15;
/// Largest value in yuan the followers may be given in total.
pub const MAX_YUAN: f64 = 1e15;

/// One input of a scenario, for error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Source account kind.
    SourceKind,
    /// Source subject type.
    SourceSubject,
    /// Target kind.
    TargetKind,
    /// Target subject.
    TargetSubject,
    /// Cross-entity flag.
    CrossEntity,
    /// Target verified.
    TargetVerified,
    /// Source followers.
    Followers,
    /// Target followers.
    TargetFollowers,
    /// Overlap share.
    Overlap,
    /// Daily growth.
    DailyGrowth,
    /// Notary fee low end.
    NotaryFeeMin,
    /// Notary fee high end.
    NotaryFeeMax,
    /// Value per follower.
    ValuePerFollower,
    /// Start date.
    StartDate,
    /// Horizon.
    Horizon,
}

/// What is wrong with one scenario input, with the value and the limit it broke.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// The input is required (the source follower count).
    Required,
    /// A count outside 1..=max.
    CountOutside {
        /// The count given.
        value: u64,
        /// The largest accepted.
        max: u64,
    },
    /// A count above max.
    CountAbove {
        /// The count given.
        value: u64,
        /// The largest accepted.
        max: u64,
    },
    /// Infinite or NaN.
    NotFinite(f64),
    /// A share outside 0–1.
    ShareOutside(f64),
    /// A daily growth outside the open range −0.5 to 0.5.
    GrowthOutside(f64),
    /// Not a fee in 0–10^15 yuan.
    NotFee(f64),
    /// A range whose low end is above its high end.
    Reversed {
        /// The low end given.
        min: f64,
        /// The high end given.
        max: f64,
    },
    /// A value per follower that values the account above 10^15 yuan.
    ValueTooHigh(f64),
    /// A negative amount of yuan.
    Negative(f64),
    /// A horizon outside 1..=max days.
    HorizonOutside {
        /// The horizon given.
        days: u32,
        /// The longest accepted.
        max: u32,
    },
    /// A start date outside the accepted range.
    StartOutside {
        /// The date given.
        date: NaiveDate,
        /// The first accepted.
        first: NaiveDate,
        /// The last accepted.
        last: NaiveDate,
    },
    /// The growth compounds past 10^15 followers within the horizon.
    GrowthTooFast {
        /// The daily growth given.
        daily_growth: f64,
        /// The horizon in days.
        horizon_days: u32,
    },
}

/// An invalid scenario input: which input, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{field:?}: {problem:?}")]
pub struct ScenarioError {
    /// Which input.
    pub field: Field,
    /// What is wrong and the limit it broke.
    pub problem: Problem,
}

fn err(field: Field, problem: Problem) -> ScenarioError {
    ScenarioError { field, problem }
}

/// Scenario inputs as given; `None` takes the default.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScenarioInput {
    /// Source kind (default subscription).
    pub source_kind: Option<Kind>,
    /// Source subject (default enterprise).
    pub source_subject: Option<Subject>,
    /// Target kind (default: the source's).
    pub target_kind: Option<Kind>,
    /// Target subject (default: the source's).
    pub target_subject: Option<Subject>,
    /// Target owned by another legal entity (default no).
    pub cross_entity: Option<bool>,
    /// Target verified (default yes).
    pub target_verified: Option<bool>,
    /// Source followers (required).
    pub followers: Option<u64>,
    /// Target followers (default 0).
    pub target_followers: Option<u64>,
    /// Share of source followers already following the target (default 0).
    pub overlap: Option<f64>,
    /// Organic daily growth (default 0).
    pub daily_growth: Option<f64>,
    /// Notary fee low end (default: rulebook).
    pub notary_fee_min: Option<f64>,
    /// Notary fee high end (default: rulebook).
    pub notary_fee_max: Option<f64>,
    /// Value of one follower in yuan (default 0).
    pub value_per_follower: Option<f64>,
    /// Day 0 (default today).
    pub start_date: Option<NaiveDate>,
    /// Days simulated after day 0 (default 60).
    pub horizon: Option<u32>,
}

/// A validated scenario (SPEC §2). Built by [`ScenarioInput::build`].
///
/// `N` is the source follower count: `u64` when it is known (every forecast needs it), or
/// `Option<u64>` for the questions that do not (`check`, closing an account), built by
/// [`ScenarioInput::build_partial`]; an unknown count serialises as `null`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scenario<N = u64> {
    /// Source kind.
    pub source_kind: Kind,
    /// Source subject.
    pub source_subject: Subject,
    /// Target kind.
    pub target_kind: Kind,
    /// Target subject.
    pub target_subject: Subject,
    /// Target owned by another legal entity (also true when the subjects differ).
    pub cross_entity: bool,
    /// Target verified.
    pub target_verified: bool,
    /// Source followers N.
    pub followers: N,
    /// Target followers T.
    pub target_followers: u64,
    /// Overlap o.
    pub overlap: f64,
    /// Daily growth g.
    pub daily_growth: f64,
    /// Notary fee low end, when given; the rulebook's otherwise (see
    /// [`crate::eligibility::notary_range`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notary_fee_min: Option<f64>,
    /// Notary fee high end, when given; the rulebook's otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notary_fee_max: Option<f64>,
    /// Value per follower v.
    pub value_per_follower: f64,
    /// Day 0.
    pub start_date: NaiveDate,
    /// Horizon H in days.
    pub horizon_days: u32,
    /// True when the target's subject type differs from the source's, which makes the
    /// migration cross-entity even without the flag.
    #[serde(skip)]
    pub cross_entity_implied: bool,
}

/// Default horizon in days.
pub const DEFAULT_HORIZON: u32 = 60;

fn finite(field: Field, v: f64) -> Result<f64, ScenarioError> {
    if v.is_finite() {
        Ok(v)
    } else {
        Err(err(field, Problem::NotFinite(v)))
    }
}

/// A scenario whose source follower count may be unknown.
pub type PartialScenario = Scenario<Option<u64>>;

impl PartialScenario {
    /// The scenario with its follower count, when the count was given.
    pub fn known(&self) -> Option<Scenario> {
        self.followers
            .map(|followers| self.with_followers(followers))
    }
}

impl<N: Copy> Scenario<N> {
    /// The same scenario with the follower count `followers`.
    fn with_followers<M>(&self, followers: M) -> Scenario<M> {
        Scenario {
            source_kind: self.source_kind,
            source_subject: self.source_subject,
            target_kind: self.target_kind,
            target_subject: self.target_subject,
            cross_entity: self.cross_entity,
            target_verified: self.target_verified,
            followers,
            target_followers: self.target_followers,
            overlap: self.overlap,
            daily_growth: self.daily_growth,
            notary_fee_min: self.notary_fee_min,
            notary_fee_max: self.notary_fee_max,
            value_per_follower: self.value_per_follower,
            start_date: self.start_date,
            horizon_days: self.horizon_days,
            cross_entity_implied: self.cross_entity_implied,
        }
    }
}

impl Scenario {
    /// The same scenario, as one whose follower count might have been unknown.
    pub fn partial(&self) -> PartialScenario {
        self.with_followers(Some(self.followers))
    }
}

impl ScenarioInput {
    /// Apply the defaults and validate every value; the source follower count is required.
    pub fn build(&self, today: NaiveDate) -> Result<Scenario, ScenarioError> {
        let followers = self
            .followers
            .ok_or_else(|| err(Field::Followers, Problem::Required))?;
        let s = self.build_partial(today)?;
        Ok(s.with_followers(followers))
    }

    /// Apply the defaults and validate every value given; the source follower count may be
    /// missing (`check` and closing need none).
    pub fn build_partial(&self, today: NaiveDate) -> Result<PartialScenario, ScenarioError> {
        let source_kind = self.source_kind.unwrap_or(Kind::Subscription);
        let source_subject = self.source_subject.unwrap_or(Subject::Enterprise);
        let target_kind = self.target_kind.unwrap_or(source_kind);
        let target_subject = self.target_subject.unwrap_or(source_subject);
        let cross_entity_implied =
            target_subject != source_subject && !self.cross_entity.unwrap_or(false);
        let cross_entity = self.cross_entity.unwrap_or(false) || cross_entity_implied;

        let followers = self.followers;
        if let Some(value) = followers.filter(|n| !(1..=MAX_FOLLOWERS).contains(n)) {
            return Err(err(
                Field::Followers,
                Problem::CountOutside {
                    value,
                    max: MAX_FOLLOWERS,
                },
            ));
        }
        // The checks that involve the follower count use 0 when it is unknown: an unknown
        // count adds nothing to the value of the followers or to the peak audience.
        let known = followers.unwrap_or(0);
        let target_followers = self.target_followers.unwrap_or(0);
        if target_followers > MAX_FOLLOWERS {
            return Err(err(
                Field::TargetFollowers,
                Problem::CountAbove {
                    value: target_followers,
                    max: MAX_FOLLOWERS,
                },
            ));
        }
        let overlap = finite(Field::Overlap, self.overlap.unwrap_or(0.0))?;
        if !(0.0..=1.0).contains(&overlap) {
            return Err(err(Field::Overlap, Problem::ShareOutside(overlap)));
        }
        let daily_growth = finite(Field::DailyGrowth, self.daily_growth.unwrap_or(0.0))?;
        if !(daily_growth > -0.5 && daily_growth < 0.5) {
            return Err(err(
                Field::DailyGrowth,
                Problem::GrowthOutside(daily_growth),
            ));
        }
        let money = |field: Field, v: Option<f64>| -> Result<Option<f64>, ScenarioError> {
            match v {
                Some(x) if !x.is_finite() || !(0.0..=MAX_YUAN).contains(&x) => {
                    Err(err(field, Problem::NotFee(x)))
                }
                other => Ok(other),
            }
        };
        let notary_fee_min = money(Field::NotaryFeeMin, self.notary_fee_min)?;
        let notary_fee_max = money(Field::NotaryFeeMax, self.notary_fee_max)?;
        if let (Some(min), Some(max)) = (notary_fee_min, notary_fee_max) {
            if min > max {
                return Err(err(Field::NotaryFeeMin, Problem::Reversed { min, max }));
            }
        }
        let value_per_follower = finite(
            Field::ValuePerFollower,
            self.value_per_follower.unwrap_or(0.0),
        )?;
        if value_per_follower * known as f64 > MAX_YUAN {
            return Err(err(
                Field::ValuePerFollower,
                Problem::ValueTooHigh(value_per_follower),
            ));
        }
        if value_per_follower < 0.0 {
            return Err(err(
                Field::ValuePerFollower,
                Problem::Negative(value_per_follower),
            ));
        }
        let horizon_days = self.horizon.unwrap_or(DEFAULT_HORIZON);
        if !(1..=MAX_HORIZON).contains(&horizon_days) {
            return Err(err(
                Field::Horizon,
                Problem::HorizonOutside {
                    days: horizon_days,
                    max: MAX_HORIZON,
                },
            ));
        }
        let start_date = self.start_date.unwrap_or(today);
        let (first, last) = start_range();
        if !(first..=last).contains(&start_date) {
            return Err(err(
                Field::StartDate,
                Problem::StartOutside {
                    date: start_date,
                    first,
                    last,
                },
            ));
        }
        let peak = (known + target_followers) as f64
            * (1.0 + daily_growth.max(0.0)).powf(f64::from(horizon_days));
        if !(peak.is_finite() && peak <= MAX_AUDIENCE) {
            return Err(err(
                Field::DailyGrowth,
                Problem::GrowthTooFast {
                    daily_growth,
                    horizon_days,
                },
            ));
        }
        Ok(Scenario {
            source_kind,
            source_subject,
            target_kind,
            target_subject,
            cross_entity,
            target_verified: self.target_verified.unwrap_or(true),
            followers,
            target_followers,
            overlap,
            daily_growth,
            notary_fee_min,
            notary_fee_max,
            value_per_follower,
            start_date,
            horizon_days,
            cross_entity_implied,
        })
    }
}

/// The first start date accepted.
const FIRST_START: NaiveDate = date(1900, 1, 1);
/// The last start date accepted: ten years before the end of year 9999.
const LAST_START: NaiveDate = date(9989, 12, 31);

/// A date in a `const` item: a bad literal stops the build, it cannot fail at run time.
const fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(d) => d,
        None => panic!("invalid date literal"),
    }
}

/// The start dates accepted: from 1900 to ten years before the end of year 9999, so that every
/// date a forecast or a plan prints keeps the YYYY-MM-DD form.
pub fn start_range() -> (NaiveDate, NaiveDate) {
    (FIRST_START, LAST_START)
}

#[cfg(test)]
mod tests;
