//! The rulebook's lists: the kind pairs a migration may take (M1), the subject pairs it may not
//! take (M2) and the closing freeze by follower tiers (D7), with the older single switches they
//! replace (`same_kind_only`, `forbid_personal_to_enterprise`) still read from older files.

use super::validate::invalid;
use super::{Migration, Problem, Range, RouteRule, RulebookError, UnfollowCurve};
use crate::domain::{Kind, Route, Subject};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A source → target pair of kinds or subject types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pair<T> {
    /// The source account's.
    pub from: T,
    /// The target account's.
    pub to: T,
}

/// Every kind pair, in order.
pub const ALL_KIND_PAIRS: [Pair<Kind>; 4] = [
    Pair {
        from: Kind::Subscription,
        to: Kind::Subscription,
    },
    Pair {
        from: Kind::Service,
        to: Kind::Service,
    },
    Pair {
        from: Kind::Subscription,
        to: Kind::Service,
    },
    Pair {
        from: Kind::Service,
        to: Kind::Subscription,
    },
];

/// M1 from the older switch: `same_kind_only = true` allows the two same-kind pairs, `false`
/// every pair.
pub fn kind_pairs_of_switch(same_kind_only: bool) -> Vec<Pair<Kind>> {
    let n = if same_kind_only { 2 } else { 4 };
    ALL_KIND_PAIRS[..n].to_vec()
}

/// M2 from the older switch: `forbid_personal_to_enterprise = true` forbids a personal source
/// into the enterprise side (an enterprise or another organisation, both legal persons).
pub fn subject_pairs_of_switch(forbid_personal_to_enterprise: bool) -> Vec<Pair<Subject>> {
    if forbid_personal_to_enterprise {
        Subject::ALL
            .into_iter()
            .filter(|s| s.is_enterprise_side())
            .map(|to| Pair {
                from: Subject::Personal,
                to,
            })
            .collect()
    } else {
        Vec::new()
    }
}

/// The `[migration]` table as written: M1 and M2 as lists, or as the single switches of older
/// files (`same_kind_only`, `forbid_personal_to_enterprise`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMigration {
    allowed_kind_pairs: Option<Vec<Pair<Kind>>>,
    same_kind_only: Option<bool>,
    forbidden_subject_pairs: Option<Vec<Pair<Subject>>>,
    forbid_personal_to_enterprise: Option<bool>,
    require_verified_target: bool,
    review_fee_yuan: f64,
    notary_fee_yuan: Range<f64>,
    unfollow_window_days: u32,
    source_closed_on_completion: bool,
    target_followers_max: Option<u64>,
    unfollow_curve: UnfollowCurve,
    routes: BTreeMap<Route, RouteRule>,
}

/// The list, or the list the older switch stands for: exactly one of the two is given.
fn list_or_switch<T>(
    list: Option<Vec<T>>,
    switch: Option<bool>,
    keys: (&'static str, &'static str),
    of_switch: fn(bool) -> Vec<T>,
) -> Result<Vec<T>, RulebookError> {
    let (list_key, switch_key) = keys;
    match (list, switch) {
        (Some(list), None) => Ok(list),
        (None, Some(switch)) => Ok(of_switch(switch)),
        (Some(_), Some(_)) => Err(invalid(
            format!("migration.{switch_key}"),
            Problem::ListAndSwitch {
                list: list_key,
                switch: switch_key,
            },
        )),
        (None, None) => Err(invalid(
            format!("migration.{list_key}"),
            Problem::ListMissing,
        )),
    }
}

impl TryFrom<RawMigration> for Migration {
    type Error = RulebookError;

    fn try_from(r: RawMigration) -> Result<Migration, RulebookError> {
        Ok(Migration {
            allowed_kind_pairs: list_or_switch(
                r.allowed_kind_pairs,
                r.same_kind_only,
                ("allowed_kind_pairs", "same_kind_only"),
                kind_pairs_of_switch,
            )?,
            forbidden_subject_pairs: list_or_switch(
                r.forbidden_subject_pairs,
                r.forbid_personal_to_enterprise,
                ("forbidden_subject_pairs", "forbid_personal_to_enterprise"),
                subject_pairs_of_switch,
            )?,
            require_verified_target: r.require_verified_target,
            review_fee_yuan: r.review_fee_yuan,
            notary_fee_yuan: r.notary_fee_yuan,
            unfollow_window_days: r.unfollow_window_days,
            source_closed_on_completion: r.source_closed_on_completion,
            target_followers_max: r.target_followers_max,
            unfollow_curve: r.unfollow_curve,
            routes: r.routes,
        })
    }
}

/// One tier of the D7 freeze: accounts with at most `up_to_followers` followers (any number in
/// the last tier) are frozen `days` days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FreezeTier {
    /// The tier's highest follower count; absent in the last tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub up_to_followers: Option<u64>,
    /// Freeze length in calendar days.
    pub days: u32,
}

/// The D7 freeze: one length for every account, or tiers by follower count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    untagged,
    expecting = "a number of days, or a list of tiers like { up_to_followers = 1000, days = 7 } ending with { days = 60 }"
)]
pub enum FreezeDays {
    /// The same length for every account.
    Flat(u32),
    /// Lengths by follower count, the tiers in ascending order.
    Tiers(Vec<FreezeTier>),
}

impl FreezeDays {
    /// The tiers (a flat freeze is one tier without an upper bound).
    pub fn tiers(&self) -> Vec<FreezeTier> {
        match self {
            FreezeDays::Flat(days) => vec![FreezeTier {
                up_to_followers: None,
                days: *days,
            }],
            FreezeDays::Tiers(t) => t.clone(),
        }
    }

    /// The freeze of an account with `followers` followers.
    pub fn days_for(&self, followers: u64) -> u32 {
        match self {
            FreezeDays::Flat(days) => *days,
            FreezeDays::Tiers(tiers) => tiers
                .iter()
                .find(|t| t.up_to_followers.is_none_or(|max| followers <= max))
                .or(tiers.last())
                .map_or(0, |t| t.days),
        }
    }

    /// Whether the length depends on the follower count.
    pub fn by_followers(&self) -> bool {
        self.tiers().len() > 1
    }
}

#[cfg(test)]
mod tests {
    use super::super::validate::{check_freeze, check_pairs};
    use super::*;
    use crate::rules::RulebookError;

    fn tiers() -> FreezeDays {
        let tier = |up_to_followers, days| FreezeTier {
            up_to_followers,
            days,
        };
        FreezeDays::Tiers(vec![
            tier(Some(1000), 7),
            tier(Some(10_000), 15),
            tier(Some(100_000), 30),
            tier(None, 60),
        ])
    }

    #[test]
    fn d7_freeze_by_follower_tier_bounds_included() {
        let f = tiers();
        let got: Vec<u32> = [1, 1000, 1001, 10_000, 10_001, 100_000, 100_001, u64::MAX]
            .iter()
            .map(|n| f.days_for(*n))
            .collect();
        assert_eq!(got, [7, 7, 15, 15, 30, 30, 60, 60]);
        assert!(f.by_followers());
        assert!(check_freeze("closing.freeze_days", &f).is_ok());
    }

    #[test]
    fn d7_flat_freeze_is_the_same_for_every_account() {
        let f = FreezeDays::Flat(7);
        assert!([1, 1000, 1_000_000].iter().all(|n| f.days_for(*n) == 7));
        assert!(!f.by_followers());
    }

    #[test]
    fn d7_bad_tiers_are_refused_naming_the_tier() {
        let key_of = |f: FreezeDays| match check_freeze("closing.freeze_days", &f) {
            Err(RulebookError::Invalid { key, .. }) => key,
            other => format!("{other:?}"),
        };
        let mut t = tiers().tiers();
        t.swap(0, 1);
        assert_eq!(
            key_of(FreezeDays::Tiers(t)),
            "closing.freeze_days[1].up_to_followers"
        );
        let mut t = tiers().tiers();
        t.pop();
        assert_eq!(
            key_of(FreezeDays::Tiers(t)),
            "closing.freeze_days[2].up_to_followers"
        );
        assert_eq!(key_of(FreezeDays::Tiers(Vec::new())), "closing.freeze_days");
        assert_eq!(key_of(FreezeDays::Flat(4000)), "closing.freeze_days");
    }

    #[test]
    fn older_switches_read_as_lists() {
        assert_eq!(kind_pairs_of_switch(true), ALL_KIND_PAIRS[..2].to_vec());
        assert_eq!(kind_pairs_of_switch(false).len(), 4);
        assert_eq!(subject_pairs_of_switch(true).len(), 2);
        assert!(subject_pairs_of_switch(false).is_empty());
        let twice = [ALL_KIND_PAIRS[0], ALL_KIND_PAIRS[0]];
        assert!(check_pairs("migration.allowed_kind_pairs", &twice).is_err());
    }
}
