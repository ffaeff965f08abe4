//! Rulebook validation: every number in range, every rule stated once with its source, the
//! lists and tiers well formed. A refusal is a fact ([`RulebookError`]: the key and a typed
//! [`Problem`] with the values and limits involved); the report words it in the reader's
//! language.

use super::lists::{FreezeDays, Pair};
use super::{FundsCheck, Rulebook};
use crate::domain::{Route, RuleId, Subject};
use std::collections::BTreeSet;

/// The largest amount of money a rulebook may state, in yuan (as for the flags).
pub const MAX_YUAN: f64 = 1e15;
/// The longest time a rulebook may state, in days.
pub const MAX_DAYS: u32 = 3650;
/// The longest time a rulebook may state, in months (B2).
pub const MAX_MONTHS: u32 = 120;
/// The sane range of the unfollow curve's day-to-day ratio (M7).
pub const RATIO_RANGE: (f64, f64) = (0.01, 100.0);
/// The longest unfollow window, in days (M7).
pub const MAX_WINDOW_DAYS: u32 = 365;

/// The unit of a bounded whole number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Calendar days.
    Days,
    /// Working days.
    WorkingDays,
    /// Minutes.
    Minutes,
    /// Months.
    Months,
}

/// What is wrong with a rulebook value, with the values and limits involved.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// A range whose low end is above its high end.
    Reversed {
        /// The low end.
        min: f64,
        /// The high end.
        max: f64,
    },
    /// An amount of money that is negative, not finite or above [`MAX_YUAN`].
    Amount(f64),
    /// A whole number above its limit.
    AboveLimit {
        /// The value.
        value: u64,
        /// The limit.
        max: u64,
        /// Its unit.
        unit: Unit,
    },
    /// A rule id listed twice.
    RuleTwice(String),
    /// A rule id fanplan does not apply.
    UnknownRule(String),
    /// A rule without a source.
    NoSource(String),
    /// A rule every rulebook states is missing.
    RuleMissing(RuleId),
    /// `target_followers_max` is set but M9 is not stated.
    M9NotStated,
    /// M9 is stated but `target_followers_max` is not set.
    M9NoCap,
    /// Both a list and the older switch it replaces.
    ListAndSwitch {
        /// The list's key.
        list: &'static str,
        /// The switch's key.
        switch: &'static str,
    },
    /// Neither the list nor the older switch.
    ListMissing,
    /// A pair listed twice.
    PairTwice {
        /// The source's id.
        from: String,
        /// The target's id.
        to: String,
    },
    /// The unfollow window is outside 1–[`MAX_WINDOW_DAYS`] days.
    WindowOutside(u32),
    /// Both `ratio` and `weights`.
    RatioAndWeights,
    /// A ratio that is not a finite number above 0.
    RatioNotPositive(f64),
    /// A ratio outside [`RATIO_RANGE`].
    RatioOutside(f64),
    /// Not one weight per day of the window.
    WeightsCount {
        /// Weights given.
        count: usize,
        /// Days in the window.
        window: u32,
    },
    /// Weights negative, not finite, or all 0.
    WeightsInvalid,
    /// Weights whose sum overflows.
    WeightsOverflow,
    /// A route is missing.
    RouteMissing,
    /// A duration above [`MAX_DAYS`].
    DurationImplausible,
    /// A retention outside 0–1.
    RetentionOutside(f64),
    /// A mode outside its range.
    ModeOutside {
        /// The mode.
        mode: f64,
        /// The range's low end.
        min: f64,
        /// The range's high end.
        max: f64,
    },
    /// Freeze tiers: none at all.
    NoTiers,
    /// The last tier has an upper bound.
    LastTierBounded,
    /// A tier other than the last has no upper bound.
    TierUnbounded,
    /// A tier's bound not above the one before.
    TiersNotAscending {
        /// This tier's bound.
        max: u64,
        /// The bound of the tier before.
        prev: u64,
    },
    /// A deletion day inside the freeze.
    DeletionInFreeze {
        /// The deletion day.
        day: u32,
        /// The freeze length.
        freeze: u32,
    },
    /// `deletion_day` with tiers.
    DeletionDayWithTiers,
    /// `deletion_days_after_freeze = 0`.
    DeletionAfterZero,
    /// Both `deletion_day` and `deletion_days_after_freeze`.
    DeletionBoth,
    /// Neither `deletion_day` nor `deletion_days_after_freeze`.
    DeletionMissing,
    /// A subject type is missing.
    SubjectMissing,
    /// No materials listed.
    NoMaterials,
    /// `funds = "balance"` without `balance_limit_yuan`.
    BalanceLimitRequired,
    /// `articles_per_export = 0`.
    ArticlesZero,
}

/// What is wrong with a rulebook. The CLI adds the file name and words the problem.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum RulebookError {
    /// The text is not valid TOML or does not have the expected keys and types (the TOML
    /// reader's own message, with the line).
    #[error("{0}")]
    Malformed(String),
    /// A value is out of range or contradicts another.
    #[error("key `{key}`: {problem:?}")]
    Invalid {
        /// Dotted path of the offending key.
        key: String,
        /// What is wrong.
        problem: Problem,
    },
}

/// A refusal of `key`.
pub(super) fn invalid(key: impl Into<String>, problem: Problem) -> RulebookError {
    RulebookError::Invalid {
        key: key.into(),
        problem,
    }
}

/// Every `{ min, max }` table under `table` (dotted path `path`) in order: a [`Range`] refuses
/// to be read reversed, and this names its key.
pub(super) fn check_ranges(table: &toml::Table, path: &str) -> Result<(), RulebookError> {
    let number = |v: Option<&toml::Value>| match v {
        Some(toml::Value::Integer(i)) => Some(*i as f64),
        Some(toml::Value::Float(f)) => Some(*f),
        _ => None,
    };
    if let (Some(min), Some(max)) = (number(table.get("min")), number(table.get("max"))) {
        if min > max {
            return Err(invalid(path, Problem::Reversed { min, max }));
        }
    }
    for (key, value) in table {
        if let toml::Value::Table(t) = value {
            let path = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            check_ranges(t, &path)?;
        }
    }
    Ok(())
}

fn check_money(key: &str, v: f64) -> Result<(), RulebookError> {
    if !v.is_finite() || !(0.0..=MAX_YUAN).contains(&v) {
        return Err(invalid(key, Problem::Amount(v)));
    }
    Ok(())
}

fn check_at_most(key: &str, v: u32, max: u32, unit: Unit) -> Result<(), RulebookError> {
    if v > max {
        return Err(invalid(
            key,
            Problem::AboveLimit {
                value: v.into(),
                max: max.into(),
                unit,
            },
        ));
    }
    Ok(())
}

/// Refuse a pair listed twice.
pub(super) fn check_pairs<T: PartialEq + std::fmt::Display>(
    key: &str,
    pairs: &[Pair<T>],
) -> Result<(), RulebookError> {
    for (i, p) in pairs.iter().enumerate() {
        if pairs[..i].contains(p) {
            return Err(invalid(
                format!("{key}[{i}]"),
                Problem::PairTwice {
                    from: p.from.to_string(),
                    to: p.to.to_string(),
                },
            ));
        }
    }
    Ok(())
}

/// Each of M1's and M2's lists or the older switch it replaces, not both, not neither (read
/// from the TOML table, where both can be seen).
pub(super) fn check_lists(table: &toml::Table) -> Result<(), RulebookError> {
    let Some(m) = table.get("migration").and_then(toml::Value::as_table) else {
        return Ok(());
    };
    for (list, switch) in [
        ("allowed_kind_pairs", "same_kind_only"),
        ("forbidden_subject_pairs", "forbid_personal_to_enterprise"),
    ] {
        match (m.contains_key(list), m.contains_key(switch)) {
            (true, true) => {
                return Err(invalid(
                    format!("migration.{switch}"),
                    Problem::ListAndSwitch { list, switch },
                ))
            }
            (false, false) => {
                return Err(invalid(format!("migration.{list}"), Problem::ListMissing))
            }
            _ => {}
        }
    }
    Ok(())
}

/// Tiers in ascending order, each bounded but the last, lengths within 0–[`MAX_DAYS`] days.
pub(super) fn check_freeze(key: &str, freeze: &FreezeDays) -> Result<(), RulebookError> {
    let tiers = freeze.tiers();
    if tiers.is_empty() {
        return Err(invalid(key, Problem::NoTiers));
    }
    let last = tiers.len() - 1;
    for (i, t) in tiers.iter().enumerate() {
        let at = |field: &str| match freeze {
            FreezeDays::Flat(_) => key.to_string(),
            FreezeDays::Tiers(_) => format!("{key}[{i}].{field}"),
        };
        check_at_most(&at("days"), t.days, MAX_DAYS, Unit::Days)?;
        match (t.up_to_followers, i == last) {
            (Some(_), true) => {
                return Err(invalid(at("up_to_followers"), Problem::LastTierBounded))
            }
            (None, false) => return Err(invalid(at("up_to_followers"), Problem::TierUnbounded)),
            _ => {}
        }
        if let (Some(max), Some(prev)) = (
            t.up_to_followers,
            i.checked_sub(1).and_then(|p| tiers[p].up_to_followers),
        ) {
            if max <= prev {
                return Err(invalid(
                    at("up_to_followers"),
                    Problem::TiersNotAscending { max, prev },
                ));
            }
        }
    }
    Ok(())
}

/// Every rule stated once, with its source; M9 with its cap.
fn check_rules(book: &Rulebook) -> Result<(), RulebookError> {
    let mut seen = BTreeSet::new();
    for (i, r) in book.rules.iter().enumerate() {
        let key = format!("rules[{i}].id");
        if !seen.insert(r.id.as_str()) {
            return Err(invalid(key, Problem::RuleTwice(r.id.clone())));
        }
        if RuleId::parse(&r.id).is_none() {
            return Err(invalid(key, Problem::UnknownRule(r.id.clone())));
        }
        if r.source.trim().is_empty() {
            return Err(invalid(
                format!("rules[{i}].source"),
                Problem::NoSource(r.id.clone()),
            ));
        }
    }
    // M9 is optional: a rulebook with a target cap says where it comes from.
    match (
        book.migration.target_followers_max,
        seen.contains(RuleId::M9.as_str()),
    ) {
        (Some(_), false) => return Err(invalid("rules", Problem::M9NotStated)),
        (None, true) => return Err(invalid("migration.target_followers_max", Problem::M9NoCap)),
        _ => {}
    }
    for id in RuleId::ALL.into_iter().filter(|id| *id != RuleId::M9) {
        if !seen.contains(id.as_str()) {
            return Err(invalid("rules", Problem::RuleMissing(id)));
        }
    }
    Ok(())
}

/// M1–M9: lists, fees, window, curve and routes.
fn check_migration(book: &Rulebook) -> Result<(), RulebookError> {
    let m = &book.migration;
    check_pairs("migration.allowed_kind_pairs", &m.allowed_kind_pairs)?;
    check_pairs(
        "migration.forbidden_subject_pairs",
        &m.forbidden_subject_pairs,
    )?;
    check_money("migration.review_fee_yuan", m.review_fee_yuan)?;
    check_money("migration.notary_fee_yuan.min", m.notary_fee_yuan.min)?;
    check_money("migration.notary_fee_yuan.max", m.notary_fee_yuan.max)?;
    if m.unfollow_window_days == 0 || m.unfollow_window_days > MAX_WINDOW_DAYS {
        return Err(invalid(
            "migration.unfollow_window_days",
            Problem::WindowOutside(m.unfollow_window_days),
        ));
    }
    let curve = &m.unfollow_curve;
    match (&curve.ratio, &curve.weights) {
        (Some(_), Some(_)) => {
            return Err(invalid(
                "migration.unfollow_curve",
                Problem::RatioAndWeights,
            ))
        }
        (Some(r), None) if !(r.is_finite() && *r > 0.0) => {
            return Err(invalid(
                "migration.unfollow_curve.ratio",
                Problem::RatioNotPositive(*r),
            ))
        }
        (None, Some(ws)) => {
            if ws.len() != m.unfollow_window_days as usize {
                return Err(invalid(
                    "migration.unfollow_curve.weights",
                    Problem::WeightsCount {
                        count: ws.len(),
                        window: m.unfollow_window_days,
                    },
                ));
            }
            let sum = ws.iter().sum::<f64>();
            if ws.iter().any(|w| !w.is_finite() || *w < 0.0) || !(sum.is_finite() && sum > 0.0) {
                return Err(invalid(
                    "migration.unfollow_curve.weights",
                    Problem::WeightsInvalid,
                ));
            }
        }
        _ => {}
    }
    for route in Route::ALL {
        let key = format!("migration.routes.{route}");
        let Some(rr) = m.routes.get(&route) else {
            return Err(invalid(key, Problem::RouteMissing));
        };
        if rr.duration_days.max > MAX_DAYS {
            return Err(invalid(
                format!("{key}.duration_days.max"),
                Problem::DurationImplausible,
            ));
        }
        let ret = &rr.retention;
        for (name, v) in [("min", ret.min), ("max", ret.max)] {
            if !(0.0..=1.0).contains(&v) {
                return Err(invalid(
                    format!("{key}.retention.{name}"),
                    Problem::RetentionOutside(v),
                ));
            }
        }
        if ret.min > ret.max {
            return Err(invalid(
                format!("{key}.retention"),
                Problem::Reversed {
                    min: ret.min,
                    max: ret.max,
                },
            ));
        }
        if let Some(mode) = ret.mode {
            if !(ret.min..=ret.max).contains(&mode) {
                return Err(invalid(
                    format!("{key}.retention.mode"),
                    Problem::ModeOutside {
                        mode,
                        min: ret.min,
                        max: ret.max,
                    },
                ));
            }
        }
    }
    Ok(())
}

/// D1–D9 and B1.
fn check_closing(book: &Rulebook) -> Result<(), RulebookError> {
    let c = &book.closing;
    check_money(
        "closing.payment_balance_limit_yuan",
        c.payment_balance_limit_yuan,
    )?;
    check_freeze("closing.freeze_days", &c.freeze_days)?;
    let problem = match (c.deletion_day, c.deletion_days_after_freeze, &c.freeze_days) {
        (Some(day), None, FreezeDays::Flat(freeze)) if day <= *freeze => Some((
            "closing.deletion_day",
            Problem::DeletionInFreeze {
                day,
                freeze: *freeze,
            },
        )),
        (Some(_), None, FreezeDays::Tiers(_)) => {
            Some(("closing.deletion_day", Problem::DeletionDayWithTiers))
        }
        (None, Some(0), _) => Some((
            "closing.deletion_days_after_freeze",
            Problem::DeletionAfterZero,
        )),
        (Some(_), Some(_), _) => Some(("closing.deletion_day", Problem::DeletionBoth)),
        (None, None, _) => Some((
            "closing.deletion_days_after_freeze",
            Problem::DeletionMissing,
        )),
        _ => None,
    };
    if let Some((key, problem)) = problem {
        return Err(invalid(key, problem));
    }
    for subject in Subject::ALL {
        let key = format!("closing.subjects.{subject}");
        let Some(s) = c.subjects.get(&subject) else {
            return Err(invalid(key, Problem::SubjectMissing));
        };
        if s.materials.is_empty() {
            return Err(invalid(format!("{key}.materials"), Problem::NoMaterials));
        }
        match (s.funds, s.balance_limit_yuan) {
            (FundsCheck::Balance, None) => {
                return Err(invalid(
                    format!("{key}.balance_limit_yuan"),
                    Problem::BalanceLimitRequired,
                ))
            }
            (_, Some(v)) => check_money(&format!("{key}.balance_limit_yuan"), v)?,
            _ => {}
        }
    }
    if book.backup.articles_per_export == 0 {
        return Err(invalid("backup.articles_per_export", Problem::ArticlesZero));
    }
    Ok(())
}

/// Every number within the range the flags enforce, so that nothing computed from a loaded
/// rulebook overflows (days) or loses meaning (money, weights).
fn check_bounds(book: &Rulebook) -> Result<(), RulebookError> {
    let m = &book.migration;
    for route in Route::ALL {
        let d = &book.route(route).duration_days;
        let key = format!("migration.routes.{route}.duration_days.min");
        check_at_most(&key, d.min, MAX_DAYS, Unit::Days)?;
    }
    let curve_key = match (&m.unfollow_curve.ratio, &m.unfollow_curve.weights) {
        (Some(r), _) => {
            if !(RATIO_RANGE.0..=RATIO_RANGE.1).contains(r) {
                return Err(invalid(
                    "migration.unfollow_curve.ratio",
                    Problem::RatioOutside(*r),
                ));
            }
            "migration.unfollow_curve.ratio"
        }
        (None, _) => "migration.unfollow_curve.weights",
    };
    let weights = book.unfollow_weights();
    if weights.iter().any(|w| !w.is_finite()) || !weights.iter().sum::<f64>().is_finite() {
        return Err(invalid(curve_key, Problem::WeightsOverflow));
    }
    let c = &book.closing;
    for (key, v) in [
        ("closing.inactivity_days", c.inactivity_days),
        (
            "closing.payment_freeze_working_days",
            c.payment_freeze_working_days,
        ),
        // closing.freeze_days: bounded tier by tier (check_freeze)
        ("closing.deletion_day", c.deletion_day.unwrap_or(0)),
        (
            "closing.deletion_days_after_freeze",
            c.deletion_days_after_freeze.unwrap_or(0),
        ),
        ("closing.announce_days", c.announce_days),
        ("closing.name_cooldown_days", c.name_cooldown_days),
        ("closing.licence_cooldown_days", c.licence_cooldown_days),
        ("backup.interaction_days", book.backup.interaction_days),
    ] {
        check_at_most(key, v, MAX_DAYS, Unit::Days)?;
    }
    check_at_most(
        "closing.confirm_code_minutes",
        c.confirm_code_minutes,
        MAX_DAYS * 24 * 60,
        Unit::Minutes,
    )?;
    for subject in Subject::ALL {
        let r = &book.closing_subject(subject).review_working_days;
        let key = format!("closing.subjects.{subject}.review_working_days.max");
        check_at_most(&key, r.max, MAX_DAYS, Unit::WorkingDays)?;
    }
    for (key, v) in [
        ("backup.statistics_months", book.backup.statistics_months),
        ("backup.ad_revenue_months", book.backup.ad_revenue_months),
    ] {
        check_at_most(key, v, MAX_MONTHS, Unit::Months)?;
    }
    Ok(())
}

/// The whole rulebook, once, after it is read.
pub(super) fn validate(book: &Rulebook) -> Result<(), RulebookError> {
    check_rules(book)?;
    check_migration(book)?;
    check_closing(book)?;
    check_bounds(book)
}
