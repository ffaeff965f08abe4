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

/// A closed range of numbers with `min <= max`, checked when the rulebook is loaded.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Range<T> {
    /// Low end, included.
    pub min: T,
    /// High end, included.
    pub max: T,
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
    /// The mode in force: the given one, or the middle of the range.
    pub fn mode_or_mid(&self) -> f64 {
        self.mode.unwrap_or((self.min + self.max) / 2.0)
    }
}

/// Migration rules M1–M9.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "lists::RawMigration")]
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

/// A validated rulebook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rulebook {
    /// Identity.
    pub rulebook: Meta,
    /// The rule statements.
    pub rules: Vec<Rule>,
    /// M1–M8.
    pub migration: Migration,
    /// D1–D9.
    pub closing: Closing,
    /// B1, B2.
    pub backup: Backup,
}

impl Rulebook {
    /// The embedded default rulebook.
    pub fn seed() -> Result<Rulebook, RulebookError> {
        Rulebook::from_toml(SEED_TOML)
    }

    /// Parse and validate a rulebook from TOML text.
    pub fn from_toml(text: &str) -> Result<Rulebook, RulebookError> {
        let malformed =
            |e: toml::de::Error| RulebookError::Malformed(e.to_string().trim_end().to_string());
        let book: Rulebook = toml::from_str(text).map_err(malformed)?;
        validate::check_lists(&toml::from_str(text).map_err(malformed)?)?;
        validate::validate(&book)?;
        Ok(book)
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
