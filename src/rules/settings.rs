//! Every number and switch of a rulebook as a list of facts, each under the rule id it belongs
//! to and the rulebook key that sets it, and the differences between two rulebooks
//! (`fanplan rules --diff A B`).
//!
//! The list is canonical: two rulebooks that say the same thing in different words (a flat
//! freeze written as `deletion_day = 8`, or as tiers with `deletion_days_after_freeze = 1`) give
//! the same values, so a difference is always a difference of meaning.

use super::{FreezeTier, FundsCheck, Pair, Range, Rulebook};
use crate::domain::{Kind, Route, RuleId, Subject};
use serde::Serialize;

/// The value of one setting.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// A switch.
    Flag(bool),
    /// A whole number (days, minutes, months, followers, articles).
    Count(u64),
    /// An amount in yuan.
    Yuan(f64),
    /// A range of whole numbers (days).
    Counts(Range<u32>),
    /// A range of amounts in yuan.
    YuanRange(Range<f64>),
    /// A range of shares (0–1).
    Shares(Range<f64>),
    /// Shares of a whole, in order (the unfollow curve, one per day).
    Weights(Vec<f64>),
    /// Kind pairs (source → target).
    KindPairs(Vec<Pair<Kind>>),
    /// Subject pairs (source → target).
    SubjectPairs(Vec<Pair<Subject>>),
    /// Closing freeze lengths by follower tier.
    Tiers(Vec<FreezeTier>),
    /// What the D4 funds check asks.
    Funds(FundsCheck),
    /// Words (materials).
    Words(Vec<String>),
    /// Not in the rulebook (a rule it does not apply).
    Absent,
}

/// One setting: the rule it belongs to, the rulebook key and the value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Setting {
    /// The rule id, e.g. `M7`.
    pub rule: RuleId,
    /// The dotted rulebook key, e.g. `migration.unfollow_window_days`.
    pub key: String,
    /// Its value.
    pub value: Value,
}

/// A setting whose value differs between two rulebooks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Difference {
    /// The rule id.
    pub rule: RuleId,
    /// The dotted rulebook key.
    pub key: String,
    /// The value in the first rulebook.
    pub a: Value,
    /// The value in the second rulebook.
    pub b: Value,
}

fn setting(rule: RuleId, key: impl Into<String>, value: Value) -> Setting {
    Setting {
        rule,
        key: key.into(),
        value,
    }
}

impl Rulebook {
    /// Every number and switch, in rule order (M1…M9, D1…D9, B1, B2 by key).
    pub fn settings(&self) -> Vec<Setting> {
        let m = &self.migration;
        let mut out = vec![
            setting(
                RuleId::M1,
                "migration.allowed_kind_pairs",
                Value::KindPairs(m.allowed_kind_pairs.clone()),
            ),
            setting(
                RuleId::M2,
                "migration.forbidden_subject_pairs",
                Value::SubjectPairs(m.forbidden_subject_pairs.clone()),
            ),
            setting(
                RuleId::M3,
                "migration.require_verified_target",
                Value::Flag(m.require_verified_target),
            ),
            setting(
                RuleId::M4,
                "migration.review_fee_yuan",
                Value::Yuan(m.review_fee_yuan),
            ),
            setting(
                RuleId::M5,
                "migration.notary_fee_yuan",
                Value::YuanRange(m.notary_fee_yuan),
            ),
        ];
        for route in Route::ALL {
            out.push(setting(
                RuleId::M5,
                format!("migration.routes.{route}.notary"),
                Value::Flag(self.route(route).notary),
            ));
        }
        for route in Route::ALL {
            let r = self.route(route);
            out.push(setting(
                RuleId::M6,
                format!("migration.routes.{route}.duration_days"),
                Value::Counts(r.duration_days),
            ));
            out.push(setting(
                RuleId::M6,
                format!("migration.routes.{route}.retention"),
                Value::Shares(Range {
                    min: r.retention.min,
                    max: r.retention.max,
                }),
            ));
            out.push(setting(
                RuleId::M6,
                format!("migration.routes.{route}.retention.mode"),
                r.retention
                    .mode
                    .map_or(Value::Absent, |x| Value::Shares(Range { min: x, max: x })),
            ));
        }
        out.extend([
            setting(
                RuleId::M7,
                "migration.unfollow_window_days",
                Value::Count(u64::from(m.unfollow_window_days)),
            ),
            setting(
                RuleId::M7,
                "migration.unfollow_curve",
                Value::Weights(self.unfollow_weights()),
            ),
            setting(
                RuleId::M8,
                "migration.source_closed_on_completion",
                Value::Flag(m.source_closed_on_completion),
            ),
            setting(
                RuleId::M9,
                "migration.target_followers_max",
                m.target_followers_max.map_or(Value::Absent, Value::Count),
            ),
        ]);
        let c = &self.closing;
        out.push(setting(
            RuleId::D1,
            "closing.inactivity_days",
            Value::Count(u64::from(c.inactivity_days)),
        ));
        for (subject, s) in &c.subjects {
            let key = format!("closing.subjects.{subject}");
            out.push(setting(
                RuleId::D2,
                format!("{key}.materials"),
                Value::Words(s.materials.clone()),
            ));
            out.push(setting(
                RuleId::D2,
                format!("{key}.offline"),
                Value::Flag(s.offline),
            ));
            out.push(setting(
                RuleId::D3,
                format!("{key}.review_working_days"),
                Value::Counts(s.review_working_days),
            ));
            out.push(setting(
                RuleId::D4,
                format!("{key}.funds"),
                Value::Funds(s.funds),
            ));
            out.push(setting(
                RuleId::D4,
                format!("{key}.balance_limit_yuan"),
                s.balance_limit_yuan.map_or(Value::Absent, Value::Yuan),
            ));
        }
        out.extend([
            setting(
                RuleId::D4,
                "closing.payment_balance_limit_yuan",
                Value::Yuan(c.payment_balance_limit_yuan),
            ),
            setting(
                RuleId::D5,
                "closing.payment_freeze_working_days",
                Value::Count(u64::from(c.payment_freeze_working_days)),
            ),
            setting(
                RuleId::D7,
                "closing.confirm_code_minutes",
                Value::Count(u64::from(c.confirm_code_minutes)),
            ),
            setting(
                RuleId::D7,
                "closing.freeze_days",
                Value::Tiers(c.freeze_tiers().to_vec()),
            ),
            setting(
                RuleId::D7,
                "closing.deletion_days_after_freeze",
                Value::Count(u64::from(c.deletion_after_freeze())),
            ),
            setting(
                RuleId::D8,
                "closing.announce_days",
                Value::Count(u64::from(c.announce_days)),
            ),
            setting(
                RuleId::D9,
                "closing.name_cooldown_days",
                Value::Count(u64::from(c.name_cooldown_days)),
            ),
            setting(
                RuleId::D9,
                "closing.licence_cooldown_days",
                Value::Count(u64::from(c.licence_cooldown_days)),
            ),
        ]);
        let b = &self.backup;
        out.extend([
            setting(
                RuleId::B1,
                "backup.articles_per_export",
                Value::Count(u64::from(b.articles_per_export)),
            ),
            setting(
                RuleId::B2,
                "backup.interaction_days",
                Value::Count(u64::from(b.interaction_days)),
            ),
            setting(
                RuleId::B2,
                "backup.statistics_months",
                Value::Count(u64::from(b.statistics_months)),
            ),
            setting(
                RuleId::B2,
                "backup.ad_revenue_months",
                Value::Count(u64::from(b.ad_revenue_months)),
            ),
        ]);
        out
    }
}

/// The settings whose values differ between `a` and `b`, in rule order.
pub fn diff(a: &Rulebook, b: &Rulebook) -> Vec<Difference> {
    a.settings()
        .into_iter()
        .zip(b.settings())
        .filter(|(x, y)| x.value != y.value)
        .map(|(x, y)| Difference {
            rule: x.rule,
            key: x.key,
            a: x.value,
            b: y.value,
        })
        .collect()
}
