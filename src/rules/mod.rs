//! The rulebook: every rule of the product (M1–M9, D1–D9, B1–B2) as data.
//!
//! The built-in rulebooks (`seed`, the default, and `observed`; see [`builtin`]) are embedded in
//! the binary; another one can be loaded from text. A rulebook holds numbers and switches, not
//! sentences: the report writes each rule's statement from them. M9 (the target follower cap) is
//! optional; every other rule is stated by every rulebook. Loading validates the whole book once: a range whose low end is above its
//! high end, a retention outside 0–1, a negative fee, an unknown route or subject, a missing or
//! repeated rule id are refused with an error that names the key. After loading, the values are
//! trusted: the types below only hold validated numbers.

pub mod builtin;
mod lists;
pub mod settings;

pub use lists::{
    kind_pairs_of_switch, subject_pairs_of_switch, FreezeDays, FreezeTier, Pair, ALL_KIND_PAIRS,
};

use crate::domain::{Kind, Route, RuleId, Subject};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The embedded default rulebook (TOML text).
pub const SEED_TOML: &str = include_str!("../../data/rulebooks/seed.toml");

/// What is wrong with a rulebook. The CLI adds the file name.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum RulebookError {
    /// The text is not valid TOML or does not have the expected keys and types.
    #[error("{0}")]
    Malformed(String),
    /// A value is out of range or contradicts another.
    #[error("key `{key}`: {problem}")]
    Invalid {
        /// Dotted path of the offending key.
        key: String,
        /// What is wrong, in the user's words.
        problem: String,
    },
}

fn invalid(key: impl Into<String>, problem: impl Into<String>) -> RulebookError {
    RulebookError::Invalid {
        key: key.into(),
        problem: problem.into(),
    }
}

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

fn check_range<T: PartialOrd + fmt::Display + Copy>(
    key: &str,
    r: &Range<T>,
) -> Result<(), RulebookError> {
    if r.min > r.max {
        return Err(invalid(
            key,
            format!(
                "the range is reversed: min {} is above max {}",
                r.min, r.max
            ),
        ));
    }
    Ok(())
}

/// The largest amount of money a rulebook may state, in yuan (as for the flags).
pub const MAX_YUAN: f64 = 1e15;
/// The longest time a rulebook may state, in days.
pub const MAX_DAYS: u32 = 3650;
/// The longest time a rulebook may state, in months (B2).
pub const MAX_MONTHS: u32 = 120;
/// The sane range of the unfollow curve's day-to-day ratio (M7).
pub const RATIO_RANGE: (f64, f64) = (0.01, 100.0);

fn check_money(key: &str, v: f64) -> Result<(), RulebookError> {
    if !v.is_finite() || !(0.0..=MAX_YUAN).contains(&v) {
        return Err(invalid(
            key,
            format!(
                "{v} is not a valid amount (a fee or limit is a finite number of yuan, 0 to 10^15)"
            ),
        ));
    }
    Ok(())
}

fn check_at_most(key: &str, v: u32, max: u32, unit: &str) -> Result<(), RulebookError> {
    if v > max {
        return Err(invalid(
            key,
            format!("{v} {unit} is above the limit of {max}"),
        ));
    }
    Ok(())
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
        let book: Rulebook = toml::from_str(text)
            .map_err(|e| RulebookError::Malformed(e.to_string().trim_end().to_string()))?;
        book.validate()?;
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

    fn validate(&self) -> Result<(), RulebookError> {
        let mut seen = std::collections::BTreeSet::new();
        for (i, r) in self.rules.iter().enumerate() {
            if !seen.insert(r.id.as_str()) {
                return Err(invalid(
                    format!("rules[{i}].id"),
                    format!("rule `{}` appears twice", r.id),
                ));
            }
            if RuleId::parse(&r.id).is_none() {
                return Err(invalid(
                    format!("rules[{i}].id"),
                    format!(
                        "`{}` is not a rule fanplan applies (M1–M9, D1–D9, B1–B2)",
                        r.id
                    ),
                ));
            }
            if r.source.trim().is_empty() {
                return Err(invalid(
                    format!("rules[{i}].source"),
                    format!("rule `{}` does not say where it comes from", r.id),
                ));
            }
        }
        let m = &self.migration;
        // M9 is optional: a rulebook with a target cap says where it comes from.
        match (m.target_followers_max, seen.contains(RuleId::M9.as_str())) {
            (Some(_), false) => {
                return Err(invalid(
                    "rules",
                    "rule `M9` is missing: migration.target_followers_max is set, so say where it comes from",
                ))
            }
            (None, true) => {
                return Err(invalid(
                    "migration.target_followers_max",
                    "rule `M9` is stated but the cap is not set",
                ))
            }
            _ => {}
        }
        for id in RuleId::ALL
            .into_iter()
            .filter(|id| *id != RuleId::M9)
            .map(RuleId::as_str)
        {
            if !seen.contains(id) {
                return Err(invalid(
                    "rules",
                    format!("rule `{id}` is missing (every rulebook states M1–M8, D1–D9, B1–B2)"),
                ));
            }
        }

        lists::check_pairs("migration.allowed_kind_pairs", &m.allowed_kind_pairs)?;
        lists::check_pairs(
            "migration.forbidden_subject_pairs",
            &m.forbidden_subject_pairs,
        )?;
        check_money("migration.review_fee_yuan", m.review_fee_yuan)?;
        check_money("migration.notary_fee_yuan.min", m.notary_fee_yuan.min)?;
        check_money("migration.notary_fee_yuan.max", m.notary_fee_yuan.max)?;
        check_range("migration.notary_fee_yuan", &m.notary_fee_yuan)?;
        if m.unfollow_window_days == 0 || m.unfollow_window_days > 365 {
            return Err(invalid(
                "migration.unfollow_window_days",
                format!("{} is outside 1–365 days", m.unfollow_window_days),
            ));
        }
        let curve = &m.unfollow_curve;
        match (&curve.ratio, &curve.weights) {
            (Some(_), Some(_)) => {
                return Err(invalid(
                    "migration.unfollow_curve",
                    "give either `ratio` or `weights`, not both",
                ))
            }
            (Some(r), None) if !(r.is_finite() && *r > 0.0) => {
                return Err(invalid(
                    "migration.unfollow_curve.ratio",
                    format!("{r} must be a finite number above 0"),
                ))
            }
            (None, Some(ws)) => {
                if ws.len() != m.unfollow_window_days as usize {
                    return Err(invalid(
                        "migration.unfollow_curve.weights",
                        format!(
                            "{} weights for a {}-day window (one weight per day)",
                            ws.len(),
                            m.unfollow_window_days
                        ),
                    ));
                }
                let sum = ws.iter().sum::<f64>();
                if ws.iter().any(|w| !w.is_finite() || *w < 0.0) || !(sum.is_finite() && sum > 0.0)
                {
                    return Err(invalid(
                        "migration.unfollow_curve.weights",
                        "weights must be finite, at least 0, and not all 0",
                    ));
                }
            }
            _ => {}
        }
        for route in Route::ALL {
            let Some(rr) = m.routes.get(&route) else {
                return Err(invalid(
                    format!("migration.routes.{route}"),
                    "the route is missing",
                ));
            };
            let key = format!("migration.routes.{route}");
            check_range(&format!("{key}.duration_days"), &rr.duration_days)?;
            if rr.duration_days.max > 3650 {
                return Err(invalid(
                    format!("{key}.duration_days.max"),
                    "a duration above 3,650 days is not plausible",
                ));
            }
            let ret = &rr.retention;
            for (name, v) in [("min", ret.min), ("max", ret.max)] {
                if !(0.0..=1.0).contains(&v) {
                    return Err(invalid(
                        format!("{key}.retention.{name}"),
                        format!("retention {v} is outside 0–1"),
                    ));
                }
            }
            if ret.min > ret.max {
                return Err(invalid(
                    format!("{key}.retention"),
                    format!(
                        "the range is reversed: min {} is above max {}",
                        ret.min, ret.max
                    ),
                ));
            }
            if let Some(mode) = ret.mode {
                if !(ret.min..=ret.max).contains(&mode) {
                    return Err(invalid(
                        format!("{key}.retention.mode"),
                        format!("mode {mode} is outside the range {}–{}", ret.min, ret.max),
                    ));
                }
            }
        }

        let c = &self.closing;
        check_money(
            "closing.payment_balance_limit_yuan",
            c.payment_balance_limit_yuan,
        )?;
        c.freeze_days.validate("closing.freeze_days")?;
        match (c.deletion_day, c.deletion_days_after_freeze, &c.freeze_days) {
            (Some(day), None, FreezeDays::Flat(freeze)) if day <= *freeze => {
                return Err(invalid(
                    "closing.deletion_day",
                    format!("deletion on day {day} falls inside the {freeze}-day freeze"),
                ))
            }
            (Some(_), None, FreezeDays::Tiers(_)) => {
                return Err(invalid(
                    "closing.deletion_day",
                    "with a freeze by follower tiers, give deletion_days_after_freeze instead",
                ))
            }
            (None, Some(0), _) => {
                return Err(invalid(
                    "closing.deletion_days_after_freeze",
                    "must be at least 1 (the records are deleted after the freeze)",
                ))
            }
            (Some(_), Some(_), _) => {
                return Err(invalid(
                    "closing.deletion_day",
                    "give deletion_day or deletion_days_after_freeze, not both",
                ))
            }
            (None, None, _) => {
                return Err(invalid(
                    "closing.deletion_days_after_freeze",
                    "missing: when the records are deleted after the freeze",
                ))
            }
            _ => {}
        }
        for subject in Subject::ALL {
            let Some(s) = c.subjects.get(&subject) else {
                return Err(invalid(
                    format!("closing.subjects.{subject}"),
                    "the subject type is missing",
                ));
            };
            let key = format!("closing.subjects.{subject}");
            check_range(
                &format!("{key}.review_working_days"),
                &s.review_working_days,
            )?;
            if s.materials.is_empty() {
                return Err(invalid(format!("{key}.materials"), "no materials listed"));
            }
            match (s.funds, s.balance_limit_yuan) {
                (FundsCheck::Balance, None) => {
                    return Err(invalid(
                        format!("{key}.balance_limit_yuan"),
                        "required when funds = \"balance\"",
                    ))
                }
                (_, Some(v)) => check_money(&format!("{key}.balance_limit_yuan"), v)?,
                _ => {}
            }
        }
        if self.backup.articles_per_export == 0 {
            return Err(invalid("backup.articles_per_export", "must be at least 1"));
        }
        self.check_bounds()
    }

    /// Every number within the range the flags enforce, so that nothing computed from a loaded
    /// rulebook overflows (days) or loses meaning (money, weights), and no unknown rule id.
    fn check_bounds(&self) -> Result<(), RulebookError> {
        for (i, r) in self.rules.iter().enumerate() {
            if !RuleId::ALL.map(RuleId::as_str).contains(&r.id.as_str()) {
                return Err(invalid(
                    format!("rules[{i}].id"),
                    format!(
                        "unknown rule `{}`: fanplan applies M1–M8, D1–D9 and B1–B2 only",
                        r.id
                    ),
                ));
            }
        }
        let m = &self.migration;
        for route in Route::ALL {
            let d = &self.route(route).duration_days;
            let key = format!("migration.routes.{route}.duration_days.min");
            check_at_most(&key, d.min, MAX_DAYS, "days")?;
        }
        let curve_key = match (&m.unfollow_curve.ratio, &m.unfollow_curve.weights) {
            (Some(r), _) => {
                if !(RATIO_RANGE.0..=RATIO_RANGE.1).contains(r) {
                    return Err(invalid(
                        "migration.unfollow_curve.ratio",
                        format!(
                            "{r} is outside {}–{} (each day's share of the losses relative to the day before)",
                            RATIO_RANGE.0, RATIO_RANGE.1
                        ),
                    ));
                }
                "migration.unfollow_curve.ratio"
            }
            (None, _) => "migration.unfollow_curve.weights",
        };
        let weights = self.unfollow_weights();
        if weights.iter().any(|w| !w.is_finite()) || !weights.iter().sum::<f64>().is_finite() {
            return Err(invalid(
                curve_key,
                "the weights of the window overflow: their sum must be a finite number above 0",
            ));
        }
        let c = &self.closing;
        for (key, v) in [
            ("closing.inactivity_days", c.inactivity_days),
            (
                "closing.payment_freeze_working_days",
                c.payment_freeze_working_days,
            ),
            // closing.freeze_days: bounded tier by tier (lists.rs)
            ("closing.deletion_day", c.deletion_day.unwrap_or(0)),
            (
                "closing.deletion_days_after_freeze",
                c.deletion_days_after_freeze.unwrap_or(0),
            ),
            ("closing.announce_days", c.announce_days),
            ("closing.name_cooldown_days", c.name_cooldown_days),
            ("closing.licence_cooldown_days", c.licence_cooldown_days),
            ("backup.interaction_days", self.backup.interaction_days),
        ] {
            check_at_most(key, v, MAX_DAYS, "days")?;
        }
        check_at_most(
            "closing.confirm_code_minutes",
            c.confirm_code_minutes,
            MAX_DAYS * 24 * 60,
            "minutes",
        )?;
        for subject in Subject::ALL {
            let r = &self.closing_subject(subject).review_working_days;
            let key = format!("closing.subjects.{subject}.review_working_days.max");
            check_at_most(&key, r.max, MAX_DAYS, "working days")?;
        }
        for (key, v) in [
            ("backup.statistics_months", self.backup.statistics_months),
            ("backup.ad_revenue_months", self.backup.ad_revenue_months),
        ] {
            check_at_most(key, v, MAX_MONTHS, "months")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
