//! The words of a rulebook refusal: the key and what is wrong, from the typed
//! [`Problem`] the validation returns.

use crate::i18n::Messages;
use crate::rules::{Problem, RulebookError, Unit, MAX_DAYS, MAX_WINDOW_DAYS, RATIO_RANGE};
use fluent_bundle::FluentValue;

/// A message argument.
fn s(v: impl ToString) -> FluentValue<'static> {
    FluentValue::from(v.to_string())
}

/// What is wrong, without the key.
pub fn problem(m: &Messages, p: &Problem) -> String {
    let one = |id: &str| m.text(id);
    match p {
        Problem::Reversed { min, max } => m.msg("rb-reversed", &[("min", s(min)), ("max", s(max))]),
        Problem::Amount(v) => m.msg("rb-amount", &[("value", s(v))]),
        Problem::AboveLimit { value, max, unit } => {
            let unit = match unit {
                Unit::Days => "days",
                Unit::WorkingDays => "working",
                Unit::Minutes => "minutes",
                Unit::Months => "months",
            };
            m.msg(
                "rb-above-limit",
                &[("value", s(value)), ("max", s(max)), ("unit", s(unit))],
            )
        }
        Problem::RuleTwice(id) => m.msg("rb-rule-twice", &[("id", s(id))]),
        Problem::UnknownRule(id) => m.msg("rb-unknown-rule", &[("id", s(id))]),
        Problem::NoSource(id) => m.msg("rb-no-source", &[("id", s(id))]),
        Problem::RuleMissing(id) => m.msg("rb-rule-missing", &[("id", s(id.as_str()))]),
        Problem::M9NotStated => one("rb-m9-not-stated"),
        Problem::M9NoCap => one("rb-m9-no-cap"),
        Problem::ListAndSwitch { list, switch } => m.msg(
            "rb-list-and-switch",
            &[("list", s(list)), ("switch", s(switch))],
        ),
        Problem::ListMissing => one("rb-missing"),
        Problem::PairTwice { from, to } => {
            m.msg("rb-pair-twice", &[("from", s(from)), ("to", s(to))])
        }
        Problem::WindowOutside(days) => m.msg(
            "rb-window-outside",
            &[("days", s(days)), ("max", s(MAX_WINDOW_DAYS))],
        ),
        Problem::RatioAndWeights => one("rb-ratio-and-weights"),
        Problem::RatioNotPositive(r) => m.msg("rb-ratio-not-positive", &[("ratio", s(r))]),
        Problem::RatioOutside(r) => m.msg(
            "rb-ratio-outside",
            &[
                ("ratio", s(r)),
                ("low", s(RATIO_RANGE.0)),
                ("high", s(RATIO_RANGE.1)),
            ],
        ),
        Problem::WeightsCount { count, window } => m.msg(
            "rb-weights-count",
            &[("count", s(count)), ("window", s(window))],
        ),
        Problem::WeightsInvalid => one("rb-weights-invalid"),
        Problem::WeightsOverflow => one("rb-weights-overflow"),
        Problem::RouteMissing => one("rb-route-missing"),
        Problem::DurationImplausible => m.msg(
            "rb-duration-implausible",
            &[("max", s(crate::fmt::thousands(f64::from(MAX_DAYS))))],
        ),
        Problem::RetentionOutside(v) => m.msg("rb-retention-outside", &[("value", s(v))]),
        Problem::ModeOutside { mode, min, max } => m.msg(
            "rb-mode-outside",
            &[("mode", s(mode)), ("min", s(min)), ("max", s(max))],
        ),
        Problem::NoTiers => one("rb-no-tiers"),
        Problem::LastTierBounded => one("rb-last-tier-bounded"),
        Problem::TierUnbounded => one("rb-tier-unbounded"),
        Problem::TiersNotAscending { max, prev } => m.msg(
            "rb-tiers-not-ascending",
            &[("max", s(max)), ("prev", s(prev))],
        ),
        Problem::DeletionInFreeze { day, freeze } => m.msg(
            "rb-deletion-in-freeze",
            &[("day", s(day)), ("freeze", s(freeze))],
        ),
        Problem::DeletionDayWithTiers => one("rb-deletion-day-with-tiers"),
        Problem::DeletionAfterZero => one("rb-deletion-after-zero"),
        Problem::DeletionBoth => one("rb-deletion-both"),
        Problem::DeletionMissing => one("rb-deletion-missing"),
        Problem::SubjectMissing => one("rb-subject-missing"),
        Problem::NoMaterials => one("rb-no-materials"),
        Problem::BalanceLimitRequired => one("rb-balance-limit-required"),
        Problem::ArticlesZero => one("rb-at-least-one"),
    }
}

/// A rulebook refusal: the key and the problem, or the TOML reader's message.
pub fn rulebook_error(m: &Messages, e: &RulebookError) -> String {
    match e {
        RulebookError::Malformed(detail) => m.msg("rb-malformed", &[("detail", s(detail))]),
        RulebookError::Invalid { key, problem: p } => m.msg(
            "rb-invalid",
            &[("key", s(key)), ("problem", s(problem(m, p)))],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{english, Lang};
    use crate::rules::{Rulebook, SEED_TOML};

    fn refused(from: &str, to: &str) -> RulebookError {
        match Rulebook::from_toml(&SEED_TOML.replacen(from, to, 1)) {
            Err(e) => e,
            Ok(_) => panic!("{to} must be refused"),
        }
    }

    /// The English words are the ones fanplan always gave; the Chinese name the same key.
    #[test]
    fn refusals_are_worded_in_both_languages() {
        let zh = Messages::new(Lang::Zh);
        let e = refused(
            "duration_days = { min = 10, max = 15 }",
            "duration_days = { min = 15, max = 10 }",
        );
        assert_eq!(
            rulebook_error(english(), &e),
            "key `migration.routes.cross_entity.duration_days`: the range is reversed: min 15 is above max 10"
        );
        assert_eq!(
            rulebook_error(&zh, &e),
            "键 `migration.routes.cross_entity.duration_days`：范围颠倒：最小值 15 大于最大值 10"
        );
        let e = refused("id = \"M3\"", "id = \"M1\"");
        assert_eq!(
            rulebook_error(english(), &e),
            "key `rules[2].id`: rule `M1` appears twice"
        );
        let e = refused("announce_days = 30", "announce_days = 4000");
        assert_eq!(
            rulebook_error(&zh, &e),
            "键 `closing.announce_days`：4000 天超过上限 3650"
        );
        let both = refused(
            "require_verified_target = true",
            "require_verified_target = true\nsame_kind_only = true",
        );
        assert!(rulebook_error(english(), &both).contains("not both"));
    }
}
