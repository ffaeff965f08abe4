//! The rulebook: every rule of the product (M1–M8, D1–D9, B1–B2) as data.
//!
//! The default rulebook (`data/rulebooks/seed.toml`) is embedded in the binary; another one can
//! be loaded from text. Loading validates the whole book once: a range whose low end is above its
//! high end, a retention outside 0–1, a negative fee, an unknown route or subject, a missing or
//! repeated rule id are refused with an error that names the key. After loading, the values are
//! trusted: the types below only hold validated numbers.

pub mod builtin;
pub mod eligibility;

pub use eligibility::{check, Eligibility, Fees, Violation};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The embedded default rulebook (TOML text).
pub const SEED_TOML: &str = include_str!("../../data/rulebooks/seed.toml");

/// The rule ids the code applies; every rulebook must state each of them once.
pub const RULE_IDS: [&str; 19] = [
    "M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8",
    "D9", "B1", "B2",
];

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

/// An account kind (账号类型).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// 订阅号
    Subscription,
    /// 服务号
    Service,
}

/// The legal subject type of an account (主体类型).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    /// 个人
    Personal,
    /// 企业
    Enterprise,
    /// 政府
    Government,
    /// 媒体
    Media,
}

/// A migration route of rule M6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// Subscription account to subscription account, same legal entity.
    SubscriptionToSubscription,
    /// Service account to service account, same legal entity.
    ServiceToService,
    /// Target owned by another legal entity (跨主体迁移).
    CrossEntity,
}

impl Route {
    /// Every route, in the rulebook's order.
    pub const ALL: [Route; 3] = [
        Route::SubscriptionToSubscription,
        Route::ServiceToService,
        Route::CrossEntity,
    ];

    /// The snake_case name used in JSON, CSV and the rulebook.
    pub fn name(self) -> &'static str {
        match self {
            Route::SubscriptionToSubscription => "subscription_to_subscription",
            Route::ServiceToService => "service_to_service",
            Route::CrossEntity => "cross_entity",
        }
    }
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Kind {
    /// The snake_case name.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Subscription => "subscription",
            Kind::Service => "service",
        }
    }
}

impl Subject {
    /// Every subject type.
    pub const ALL: [Subject; 4] = [
        Subject::Personal,
        Subject::Enterprise,
        Subject::Government,
        Subject::Media,
    ];

    /// The snake_case name.
    pub fn name(self) -> &'static str {
        match self {
            Subject::Personal => "personal",
            Subject::Enterprise => "enterprise",
            Subject::Government => "government",
            Subject::Media => "media",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A parse failure of a kind or subject word; names what was accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{value}` is not one of: {allowed}")]
pub struct WordError {
    /// What the user wrote.
    pub value: String,
    /// The accepted words.
    pub allowed: &'static str,
}

impl std::str::FromStr for Kind {
    type Err = WordError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "subscription" | "订阅号" => Ok(Kind::Subscription),
            "service" | "服务号" => Ok(Kind::Service),
            _ => Err(WordError {
                value: s.to_string(),
                allowed: "subscription (订阅号), service (服务号)",
            }),
        }
    }
}

impl std::str::FromStr for Subject {
    type Err = WordError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "personal" | "个人" => Ok(Subject::Personal),
            "enterprise" | "企业" => Ok(Subject::Enterprise),
            "government" | "政府" => Ok(Subject::Government),
            "media" | "媒体" => Ok(Subject::Media),
            _ => Err(WordError {
                value: s.to_string(),
                allowed: "personal (个人), enterprise (企业), government (政府), media (媒体)",
            }),
        }
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

fn check_money(key: &str, v: f64) -> Result<(), RulebookError> {
    if !v.is_finite() || v < 0.0 {
        return Err(invalid(
            key,
            format!(
                "{v} is not a valid amount (a fee or limit is a finite number of yuan, at least 0)"
            ),
        ));
    }
    Ok(())
}

/// One rule statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The rule id (M1…B2).
    pub id: String,
    /// One-line statement.
    pub statement: String,
    /// Where it comes from, e.g. `seed §三`.
    pub source: String,
    /// The assumption made where the source is open or inconsistent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
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

/// Migration rules M1–M8.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Migration {
    /// M1.
    pub same_kind_only: bool,
    /// M2.
    pub forbid_personal_to_enterprise: bool,
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
    /// D7.
    pub freeze_days: u32,
    /// D7.
    pub deletion_day: u32,
    /// D8.
    pub announce_days: u32,
    /// D9.
    pub name_cooldown_days: u32,
    /// D9.
    pub licence_cooldown_days: u32,
    /// D2–D4 by subject.
    pub subjects: BTreeMap<Subject, ClosingSubject>,
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
    pub fn source_of(&self, id: &str) -> &str {
        self.rule(id).map(|r| r.source.as_str()).unwrap_or("")
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
            if r.statement.trim().is_empty() {
                return Err(invalid(
                    format!("rules[{i}].statement"),
                    format!("rule `{}` has an empty statement", r.id),
                ));
            }
            if r.source.trim().is_empty() {
                return Err(invalid(
                    format!("rules[{i}].source"),
                    format!("rule `{}` does not say where it comes from", r.id),
                ));
            }
        }
        for id in RULE_IDS {
            if !seen.contains(id) {
                return Err(invalid(
                    "rules",
                    format!("rule `{id}` is missing (every rulebook states M1–M8, D1–D9, B1–B2)"),
                ));
            }
        }

        let m = &self.migration;
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
                if ws.iter().any(|w| !w.is_finite() || *w < 0.0) || ws.iter().sum::<f64>() <= 0.0 {
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
        if c.deletion_day <= c.freeze_days {
            return Err(invalid(
                "closing.deletion_day",
                format!(
                    "deletion on day {} falls inside the {}-day freeze",
                    c.deletion_day, c.freeze_days
                ),
            ));
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
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Rulebook {
        Rulebook::seed().expect("the embedded rulebook is valid")
    }

    fn refused(from: &str, to: &str) -> RulebookError {
        assert!(
            SEED_TOML.contains(from),
            "fixture text `{from}` not in seed.toml"
        );
        Rulebook::from_toml(&SEED_TOML.replacen(from, to, 1)).expect_err("must be refused")
    }

    fn key_of(e: &RulebookError) -> &str {
        match e {
            RulebookError::Invalid { key, .. } => key,
            RulebookError::Malformed(_) => "",
        }
    }

    #[test]
    fn seed_states_every_rule_with_its_source() {
        let b = seed();
        for id in RULE_IDS {
            let r = b.rule(id).expect("present");
            assert!(r.source.starts_with("seed"), "{id}: {}", r.source);
        }
        assert_eq!(b.rules.len(), RULE_IDS.len());
    }

    #[test]
    fn seed_numbers_match_the_article() {
        let b = seed();
        let m = &b.migration;
        assert!(m.same_kind_only && m.forbid_personal_to_enterprise && m.require_verified_target); // M1 M2 M3
        assert_eq!(m.review_fee_yuan, 300.0); // M4
        assert_eq!(
            m.notary_fee_yuan,
            Range {
                min: 500.0,
                max: 1500.0
            }
        ); // M5 (assumption)
        let r = |route| b.route(route);
        // M6
        assert_eq!(
            r(Route::SubscriptionToSubscription).duration_days,
            Range { min: 5, max: 7 }
        );
        assert_eq!(
            (
                r(Route::SubscriptionToSubscription).retention.min,
                r(Route::SubscriptionToSubscription).retention.max
            ),
            (0.85, 0.92)
        );
        assert_eq!(
            r(Route::ServiceToService).duration_days,
            Range { min: 3, max: 5 }
        );
        assert_eq!(
            (
                r(Route::ServiceToService).retention.min,
                r(Route::ServiceToService).retention.max
            ),
            (0.78, 0.88)
        );
        assert_eq!(
            r(Route::CrossEntity).duration_days,
            Range { min: 10, max: 15 }
        );
        assert_eq!(
            (
                r(Route::CrossEntity).retention.min,
                r(Route::CrossEntity).retention.max
            ),
            (0.65, 0.75)
        );
        assert!(r(Route::CrossEntity).notary && !r(Route::ServiceToService).notary);
        // M7: 7 days, each day half the day before
        assert_eq!(m.unfollow_window_days, 7);
        let w = b.unfollow_weights();
        assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(w.windows(2).all(|p| (p[1] / p[0] - 0.5).abs() < 1e-12));
        assert!(m.source_closed_on_completion); // M8
        let c = &b.closing;
        assert_eq!(c.inactivity_days, 30); // D1
        assert_eq!(b.closing_subject(Subject::Personal).materials.len(), 1); // D2
        assert!(b.closing_subject(Subject::Government).offline);
        assert_eq!(
            b.closing_subject(Subject::Personal).review_working_days,
            Range { min: 3, max: 5 }
        ); // D3
        assert_eq!(
            b.closing_subject(Subject::Enterprise).review_working_days,
            Range { min: 7, max: 15 }
        );
        assert_eq!(
            b.closing_subject(Subject::Government).review_working_days,
            Range { min: 20, max: 30 }
        );
        assert_eq!(
            b.closing_subject(Subject::Personal).balance_limit_yuan,
            Some(0.01)
        ); // D4
        assert_eq!(
            b.closing_subject(Subject::Enterprise).funds,
            FundsCheck::PendingIncome
        );
        assert_eq!(
            b.closing_subject(Subject::Government).funds,
            FundsCheck::PaymentClosed
        );
        assert_eq!(c.payment_balance_limit_yuan, 1.0);
        assert_eq!(c.payment_freeze_working_days, 3); // D5
        assert_eq!(
            (c.confirm_code_minutes, c.freeze_days, c.deletion_day),
            (15, 7, 8)
        ); // D7
        assert_eq!(c.announce_days, 30); // D8
        assert_eq!((c.name_cooldown_days, c.licence_cooldown_days), (30, 15)); // D9
        assert_eq!(b.backup.articles_per_export, 100); // B1
        assert_eq!(
            (
                b.backup.interaction_days,
                b.backup.statistics_months,
                b.backup.ad_revenue_months
            ),
            (60, 3, 36)
        ); // B2
    }

    #[test]
    fn assumptions_are_stated() {
        let b = seed();
        let ids: Vec<&str> = b.assumptions().iter().map(|(id, _)| *id).collect();
        for id in ["M5", "M7", "D3", "D4"] {
            assert!(ids.contains(&id), "{id} assumption missing");
        }
    }

    #[test]
    fn reversed_range_is_refused_naming_the_key() {
        let e = refused(
            "duration_days = { min = 10, max = 15 }",
            "duration_days = { min = 15, max = 10 }",
        );
        assert_eq!(key_of(&e), "migration.routes.cross_entity.duration_days");
        assert!(e.to_string().contains("min 15 is above max 10"), "{e}");
    }

    #[test]
    fn retention_outside_zero_one_is_refused() {
        let e = refused(
            "retention = { min = 0.85, max = 0.92 }",
            "retention = { min = 0.85, max = 1.2 }",
        );
        assert_eq!(
            key_of(&e),
            "migration.routes.subscription_to_subscription.retention.max"
        );
        let e = refused(
            "retention = { min = 0.85, max = 0.92 }",
            "retention = { min = 0.95, max = 0.92 }",
        );
        assert_eq!(
            key_of(&e),
            "migration.routes.subscription_to_subscription.retention"
        );
        let e = refused(
            "retention = { min = 0.85, max = 0.92 }",
            "retention = { min = 0.85, max = 0.92, mode = 0.5 }",
        );
        assert_eq!(
            key_of(&e),
            "migration.routes.subscription_to_subscription.retention.mode"
        );
    }

    #[test]
    fn negative_fee_is_refused() {
        let e = refused("review_fee_yuan = 300.0", "review_fee_yuan = -300.0");
        assert_eq!(key_of(&e), "migration.review_fee_yuan");
        let e = refused(
            "notary_fee_yuan = { min = 500.0, max = 1500.0 }",
            "notary_fee_yuan = { min = -5.0, max = 1500.0 }",
        );
        assert_eq!(key_of(&e), "migration.notary_fee_yuan.min");
    }

    #[test]
    fn unknown_route_and_unknown_keys_are_refused() {
        let e = refused(
            "[migration.routes.service_to_service]",
            "[migration.routes.service_to_subscription]",
        );
        assert!(e.to_string().contains("service_to_subscription"), "{e}");
        let e = refused(
            "review_fee_yuan = 300.0",
            "review_fee_yuan = 300.0\nreview_fees = 2",
        );
        assert!(e.to_string().contains("review_fees"), "{e}");
    }

    #[test]
    fn missing_and_repeated_rules_are_refused() {
        let e = refused("id = \"M3\"", "id = \"M1\"");
        assert_eq!(key_of(&e), "rules[2].id");
        let e = refused("id = \"B2\"", "id = \"X9\"");
        assert!(e.to_string().contains("`B2` is missing"), "{e}");
    }

    #[test]
    fn curve_and_window_are_checked() {
        let e = refused("ratio = 0.5", "weights = [1.0, 2.0]");
        assert_eq!(key_of(&e), "migration.unfollow_curve.weights");
        let e = refused("ratio = 0.5", "ratio = 0.0");
        assert_eq!(key_of(&e), "migration.unfollow_curve.ratio");
        let e = refused("unfollow_window_days = 7", "unfollow_window_days = 0");
        assert_eq!(key_of(&e), "migration.unfollow_window_days");
        let e = refused("deletion_day = 8", "deletion_day = 7");
        assert_eq!(key_of(&e), "closing.deletion_day");
    }

    #[test]
    fn syntax_errors_give_the_line() {
        let e = Rulebook::from_toml("[rulebook\nname = 1").expect_err("bad TOML");
        assert!(matches!(e, RulebookError::Malformed(_)));
        assert!(e.to_string().contains("line 1"), "{e}");
    }

    #[test]
    fn words_accept_chinese() {
        assert_eq!("订阅号".parse::<Kind>(), Ok(Kind::Subscription));
        assert_eq!("Service".parse::<Kind>(), Ok(Kind::Service));
        assert_eq!("媒体".parse::<Subject>(), Ok(Subject::Media));
        assert!("company".parse::<Subject>().is_err());
    }

    #[test]
    fn printed_toml_loads_back_unchanged() {
        let b = seed();
        let text = toml::to_string_pretty(&b).expect("serialisable");
        assert_eq!(Rulebook::from_toml(&text), Ok(b));
    }
}
