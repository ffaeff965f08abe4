//! The rulebook: every rule of the product (M1–M9, D1–D9, B1–B2) as data.
//!
//! The built-in rulebooks (`seed`, the default, and `observed`; see [`builtin`]) are embedded in
//! the binary; another one can be loaded from text. A rulebook holds numbers and switches, not
//! sentences: the report writes each rule's statement from them. M9 (the target follower cap) is
//! optional; every other rule is stated by every rulebook. Loading validates the whole book once
//! (`validate.rs`): a range whose low end is above its high end, a retention outside 0–1, a
//! negative fee, an unknown route or subject, a missing or repeated rule id are refused with the
//! key and a typed [`Problem`] (the report words it). After loading, the values are trusted: the
//! types below only hold validated numbers.

pub mod builtin;
mod lists;
pub mod settings;
mod validate;

pub use lists::{
    kind_pairs_of_switch, subject_pairs_of_switch, FreezeDays, FreezeTier, Pair, ALL_KIND_PAIRS,
};
pub use validate::{
    Problem, RulebookError, Unit, MAX_DAYS, MAX_MONTHS, MAX_WINDOW_DAYS, MAX_YUAN, RATIO_RANGE,
};

use crate::domain::{Kind, Route, RuleId, Subject};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The embedded default rulebook (TOML text).
pub const SEED_TOML: &str = include_str!("../../data/rulebooks/seed.toml");

/// A closed range with `min <= max`, by construction: [`Range::new`] refuses a reversed one, and
/// so does reading one (`{ min = 15, max = 10 }` is not a range).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(
    try_from = "RawRange<T>",
    bound(deserialize = "T: Deserialize<'de> + PartialOrd + Copy")
)]
pub struct Range<T> {
    min: T,
    max: T,
}

/// A range as written, before its ends are compared.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRange<T> {
    min: T,
    max: T,
}

/// A range whose low end is above its high end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("reversed range: min > max")]
pub struct ReversedRange;

impl<T: PartialOrd + Copy> TryFrom<RawRange<T>> for Range<T> {
    type Error = ReversedRange;

    fn try_from(r: RawRange<T>) -> Result<Range<T>, ReversedRange> {
        Range::new(r.min, r.max).ok_or(ReversedRange)
    }
}

impl<T: PartialOrd + Copy> Range<T> {
    /// The range from `min` to `max`; `None` when `min` is above `max` (or they do not compare).
    pub fn new(min: T, max: T) -> Option<Range<T>> {
        (min <= max).then_some(Range { min, max })
    }

    /// The range from `min` to `max`, or the single value `min` when `max` is below it (an end
    /// given by the user wins over the rulebook's other end).
    pub fn up_from(min: T, max: T) -> Range<T> {
        if min <= max {
            Range { min, max }
        } else {
            Range { min, max: min }
        }
    }

    /// Low end, included.
    pub fn min(&self) -> T {
        self.min
    }

    /// High end, included.
    pub fn max(&self) -> T {
        self.max
    }
}

impl Range<f64> {
    /// Width of the range.
    pub fn width(&self) -> f64 {
        self.max - self.min
    }
}

/// Where a rule comes from, and the rulebook's own words about it. The rule's statement is not
/// stored: the report writes it from the rulebook's numbers and switches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The rule id (M1…B2).
    pub id: String,
    /// Where it comes from, e.g. `seed §三`.
    pub source: String,
    /// The assumption made where the source is open or inconsistent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
    /// Free text kept as a note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// How sure the source is (e.g. "several pages agree", "one page").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<String>,
    /// A statement written into the file by an earlier version; kept as a note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<String>,
}

/// Rulebook identity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Short name, e.g. `seed`.
    pub name: String,
    /// Version string.
    pub version: String,
    /// Where the rules come from.
    #[serde(default)]
    pub source: String,
}

/// The shape of the unfollow curve (M7): a geometric `ratio` or explicit per-day `weights`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnfollowCurve {
    /// Day k gets weight ratio^(k-1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ratio: Option<f64>,
    /// One weight per day of the window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weights: Option<Vec<f64>>,
}

/// The numbers of one migration route (M6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteRule {
    /// Calendar days from the application to the transfer.
    pub duration_days: Range<u32>,
    /// Share of the source's followers kept; `mode` optional.
    pub retention: Retention,
    /// Whether the route pays the notary fee (M5).
    pub notary: bool,
}

/// A retention range with an optional mode.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retention {
    /// Lowest retention, 0–1.
    pub min: f64,
    /// Highest retention, 0–1.
    pub max: f64,
    /// Most likely retention (triangular/PERT); the middle when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<f64>,
}

impl Retention {
    /// The range min..=max (validation has checked that min is at most max).
    pub fn range(&self) -> Range<f64> {
        Range::up_from(self.min, self.max)
    }

    /// The mode in force: the given one, or the middle of the range.
    pub fn mode_or_mid(&self) -> f64 {
        self.mode.unwrap_or((self.min + self.max) / 2.0)
    }
}

/// Migration rules M1–M9.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "lists::RawMigration")]
pub struct Migration {
    /// M1: the kind pairs (source → target) a migration may take.
    pub allowed_kind_pairs: Vec<Pair<Kind>>,
    /// M2: the subject pairs (source → target) that may not migrate.
    pub forbidden_subject_pairs: Vec<Pair<Subject>>,
    /// M3.
    pub require_verified_target: bool,
    /// M4.
    pub review_fee_yuan: f64,
    /// M5.
    pub notary_fee_yuan: Range<f64>,
    /// M7: window length in days.
    pub unfollow_window_days: u32,
    /// M8.
    pub source_closed_on_completion: bool,
    /// M9: the most followers the target may hold when all followers move (no cap when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_followers_max: Option<u64>,
    /// M7: how losses spread over the window.
    pub unfollow_curve: UnfollowCurve,
    /// M6: by route name.
    pub routes: BTreeMap<Route, RouteRule>,
}

/// What D4 checks for a subject type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FundsCheck {
    /// The balance must be at most `balance_limit_yuan`.
    Balance,
    /// No income may be waiting for settlement.
    PendingIncome,
    /// Payment must be closed.
    PaymentClosed,
}

/// D2–D4 for one subject type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClosingSubject {
    /// D2: materials to submit.
    pub materials: Vec<String>,
    /// D2: submitted offline.
    pub offline: bool,
    /// D3: review time.
    pub review_working_days: Range<u32>,
    /// D4: which funds check applies.
    pub funds: FundsCheck,
    /// D4: balance limit for `funds = "balance"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance_limit_yuan: Option<f64>,
}

/// Closing rules D1–D9.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Closing {
    /// D1.
    pub inactivity_days: u32,
    /// D4 (§四).
    pub payment_balance_limit_yuan: f64,
    /// D5.
    pub payment_freeze_working_days: u32,
    /// D7.
    pub confirm_code_minutes: u32,
    /// D7: the freeze, one length or by follower tiers.
    pub freeze_days: FreezeDays,
    /// D7: the day after the confirmation the records are deleted (one freeze length only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_day: Option<u32>,
    /// D7: days from the end of the freeze to the deletion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_days_after_freeze: Option<u32>,
    /// D8.
    pub announce_days: u32,
    /// D9.
    pub name_cooldown_days: u32,
    /// D9.
    pub licence_cooldown_days: u32,
    /// D2–D4 by subject.
    pub subjects: BTreeMap<Subject, ClosingSubject>,
}

impl Closing {
    /// D7: the freeze of an account with `followers` followers, in days.
    pub fn freeze_days_for(&self, followers: u64) -> u32 {
        self.freeze_days.days_for(followers)
    }

    /// D7: the freeze tiers (one unbounded tier for a single length).
    pub fn freeze_tiers(&self) -> Vec<FreezeTier> {
        self.freeze_days.tiers()
    }

    /// D7: days from the end of the freeze to the deletion (validation guarantees one of the
    /// two keys, and a deletion day after a single freeze length).
    pub fn deletion_after_freeze(&self) -> u32 {
        match (
            self.deletion_days_after_freeze,
            self.deletion_day,
            &self.freeze_days,
        ) {
            (Some(after), _, _) => after,
            (None, Some(day), FreezeDays::Flat(freeze)) => day.saturating_sub(*freeze),
            _ => 1,
        }
    }
}

/// Backup rules B1, B2.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Backup {
    /// B1.
    pub articles_per_export: u32,
    /// B2.
    pub interaction_days: u32,
    /// B2.
    pub statistics_months: u32,
    /// B2.
    pub ad_revenue_months: u32,
}

/// A validated rulebook: it can only be made by reading one ([`Rulebook::from_toml`], or
/// deserialising, which validates the same way), so every number in it has been checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawRulebook")]
pub struct Rulebook {
    pub(crate) rulebook: Meta,
    pub(crate) rules: Vec<Rule>,
    pub(crate) migration: Migration,
    pub(crate) closing: Closing,
    pub(crate) backup: Backup,
}

/// A rulebook as read, before validation.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRulebook {
    rulebook: Meta,
    rules: Vec<Rule>,
    migration: Migration,
    closing: Closing,
    backup: Backup,
}

impl TryFrom<RawRulebook> for Rulebook {
    type Error = RulebookError;

    fn try_from(raw: RawRulebook) -> Result<Rulebook, RulebookError> {
        let book = Rulebook {
            rulebook: raw.rulebook,
            rules: raw.rules,
            migration: raw.migration,
            closing: raw.closing,
            backup: raw.backup,
        };
        validate::validate(&book)?;
        Ok(book)
    }
}

impl Rulebook {
    /// The embedded default rulebook.
    pub fn seed() -> Result<Rulebook, RulebookError> {
        Rulebook::from_toml(SEED_TOML)
    }

    /// Parse and validate a rulebook from TOML text.
    pub fn from_toml(text: &str) -> Result<Rulebook, RulebookError> {
        match toml::from_str::<RawRulebook>(text) {
            Ok(raw) => Rulebook::try_from(raw),
            Err(e) => {
                // The lists (M1, M2) and the ranges refuse a wrong shape while they are read;
                // name the key, as validation does, when that is why the text was refused.
                if let Ok(table) = toml::from_str::<toml::Table>(text) {
                    validate::check_lists(&table)?;
                    validate::check_ranges(&table, "")?;
                }
                Err(RulebookError::Malformed(
                    e.to_string().trim_end().to_string(),
                ))
            }
        }
    }

    /// Identity: name, version, source.
    pub fn meta(&self) -> &Meta {
        &self.rulebook
    }

    /// Each rule's source and the rulebook's own notes.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// M1–M9.
    pub fn migration(&self) -> &Migration {
        &self.migration
    }

    /// D1–D9.
    pub fn closing(&self) -> &Closing {
        &self.closing
    }

    /// B1, B2.
    pub fn backup(&self) -> &Backup {
        &self.backup
    }

    /// The statement of a rule by id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// The `source` of a rule by id (empty when absent, which validation prevents).
    pub fn source_of(&self, id: RuleId) -> &str {
        self.rule(id.as_str())
            .map(|r| r.source.as_str())
            .unwrap_or("")
    }

    /// The numbers of a route. Validation guarantees every route is present.
    pub fn route(&self, route: Route) -> &RouteRule {
        &self.migration.routes[&route]
    }

    /// The closing rules of a subject type. Validation guarantees every subject is present.
    pub fn closing_subject(&self, subject: Subject) -> &ClosingSubject {
        &self.closing.subjects[&subject]
    }

    /// The unfollow weights of the M7 window, normalised to sum to 1, one per day.
    pub fn unfollow_weights(&self) -> Vec<f64> {
        let w = self.migration.unfollow_window_days as usize;
        let raw: Vec<f64> = match (
            &self.migration.unfollow_curve.weights,
            self.migration.unfollow_curve.ratio,
        ) {
            (Some(ws), _) => ws.clone(),
            (None, Some(ratio)) => (0..w).map(|k| ratio.powi(k as i32)).collect(),
            (None, None) => vec![1.0; w],
        };
        let total: f64 = raw.iter().sum();
        raw.iter().map(|x| x / total).collect()
    }

    /// A list of the assumptions in force, one line each, by rule id.
    pub fn assumptions(&self) -> Vec<(&str, &str)> {
        self.rules
            .iter()
            .filter_map(|r| r.assumption.as_deref().map(|a| (r.id.as_str(), a)))
            .collect()
    }
}

#[cfg(test)]
mod tests;
