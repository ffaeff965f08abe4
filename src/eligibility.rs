//! Eligibility of a migration: which rules it breaks (M1, M2, M3, M9), which route it takes (M6)
//! and the fees it pays (M4, M5). Every violated rule is reported, not only the first.

use crate::domain::{Kind, Route, RuleId, Subject};
use crate::rules::{Pair, Range, Rulebook};
use crate::scenario::Scenario;
use serde::Serialize;

/// What a forbidden migration breaks, with the values at fault. The report words it (and
/// serialises it with its `message`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Breach {
    /// M1: the rulebook does not allow this pair of kinds.
    KindChange {
        /// The source account's kind.
        source: Kind,
        /// The target account's kind.
        target: Kind,
        /// The kind pairs the rulebook allows.
        allowed: Vec<Pair<Kind>>,
    },
    /// M2: the rulebook forbids this pair of subject types.
    ForbiddenSubjects {
        /// The source account's subject type.
        source: Subject,
        /// The target account's subject type.
        target: Subject,
    },
    /// M3: the target is not verified.
    UnverifiedTarget,
    /// M9: the target holds more followers than the rulebook allows when all followers move.
    TargetTooLarge {
        /// The target's followers.
        followers: u64,
        /// The most it may hold.
        max: u64,
    },
}

/// One violated rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// The rule id, e.g. `M1`.
    pub rule: RuleId,
    /// What is wrong with this scenario.
    pub breach: Breach,
    /// Where the rule comes from, e.g. `seed §三`.
    pub source: String,
}

/// The fees of a migration.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Fees {
    /// M4 review fee.
    pub review: f64,
    /// M5 notary fee, low end (0 when the route pays none).
    pub notary_min: f64,
    /// M5 notary fee, high end (0 when the route pays none).
    pub notary_max: f64,
}

/// The answer of `fanplan check`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Eligibility {
    /// No rule is violated.
    pub allowed: bool,
    /// The route, when allowed.
    pub route: Option<Route>,
    /// The fees the migration would pay.
    pub fee_yuan: Fees,
    /// Every violated rule.
    pub violations: Vec<Violation>,
}

impl Eligibility {
    /// The violated rule ids joined by `;` (for CSV).
    pub fn violation_ids(&self) -> String {
        self.violations
            .iter()
            .map(|v| v.rule.as_str())
            .collect::<Vec<_>>()
            .join(";")
    }
}

/// The route a scenario takes if allowed: cross-entity when the target belongs to another
/// legal entity, otherwise by kind (M6).
pub fn route_of<N>(s: &Scenario<N>) -> Route {
    if s.cross_entity {
        Route::CrossEntity
    } else {
        match s.source_kind {
            Kind::Subscription => Route::SubscriptionToSubscription,
            Kind::Service => Route::ServiceToService,
        }
    }
}

/// The notary fee range of a route for a scenario (M5); `None` when the route pays no notary
/// fee. An end the scenario does not give is the rulebook's, moved if needed so that the range
/// stays ordered (a given maximum of 400 against the rulebook's 500–1,500 makes 400–400).
pub fn notary_range<N>(book: &Rulebook, s: &Scenario<N>, route: Route) -> Option<Range<f64>> {
    let d = book.migration.notary_fee_yuan;
    book.route(route)
        .notary
        .then(|| match (s.notary_fee_min, s.notary_fee_max) {
            // the scenario has checked that a given minimum is at most a given maximum
            (Some(min), Some(max)) => Range::up_from(min, max),
            (Some(min), None) => Range::up_from(min, d.max()),
            (None, Some(max)) => Range::up_from(d.min().min(max), max),
            (None, None) => d,
        })
}

/// Check a migration against the rulebook.
pub fn check<N>(book: &Rulebook, s: &Scenario<N>) -> Eligibility {
    let m = &book.migration;
    let mut violations = Vec::new();
    let mut violate = |rule: RuleId, breach: Breach| {
        violations.push(Violation {
            rule,
            breach,
            source: book.source_of(rule).to_string(),
        })
    };
    // M1
    let kinds = Pair {
        from: s.source_kind,
        to: s.target_kind,
    };
    if !m.allowed_kind_pairs.contains(&kinds) {
        violate(
            RuleId::M1,
            Breach::KindChange {
                source: s.source_kind,
                target: s.target_kind,
                allowed: m.allowed_kind_pairs.clone(),
            },
        );
    }
    // M2
    let subjects = Pair {
        from: s.source_subject,
        to: s.target_subject,
    };
    if m.forbidden_subject_pairs.contains(&subjects) {
        violate(
            RuleId::M2,
            Breach::ForbiddenSubjects {
                source: s.source_subject,
                target: s.target_subject,
            },
        );
    }
    // M3
    if m.require_verified_target && !s.target_verified {
        violate(RuleId::M3, Breach::UnverifiedTarget);
    }
    // M9: every follower moves in fanplan's model, so the cap always applies.
    if let Some(max) = m.target_followers_max {
        if s.target_followers > max {
            violate(
                RuleId::M9,
                Breach::TargetTooLarge {
                    followers: s.target_followers,
                    max,
                },
            );
        }
    }
    let route = route_of(s);
    let (notary_min, notary_max) =
        notary_range(book, s, route).map_or((0.0, 0.0), |r| (r.min(), r.max()));
    let allowed = violations.is_empty();
    Eligibility {
        allowed,
        route: allowed.then_some(route),
        fee_yuan: Fees {
            // M4
            review: m.review_fee_yuan,
            notary_min,
            notary_max,
        },
        violations,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::ScenarioInput;
    use chrono::NaiveDate;

    fn book() -> Rulebook {
        Rulebook::seed().expect("seed rulebook is valid")
    }

    fn scenario(f: impl FnOnce(&mut ScenarioInput)) -> Scenario {
        let mut input = ScenarioInput {
            followers: Some(1000),
            ..Default::default()
        };
        f(&mut input);
        input
            .build(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default())
            .expect("valid scenario")
    }

    fn ids(e: &Eligibility) -> Vec<&str> {
        e.violations.iter().map(|v| v.rule.as_str()).collect()
    }

    #[test]
    fn m1_kinds_must_match() {
        let e = check(&book(), &scenario(|i| i.target_kind = Some(Kind::Service)));
        assert_eq!(ids(&e), ["M1"]);
        assert!(!e.allowed && e.route.is_none());
        assert_eq!(e.violations[0].source, "seed §三");
        let e = check(
            &book(),
            &scenario(|i| {
                i.source_kind = Some(Kind::Service);
                i.target_kind = Some(Kind::Subscription);
            }),
        );
        assert_eq!(ids(&e), ["M1"]);
    }

    #[test]
    fn m1_can_be_switched_off_by_a_rulebook() {
        let mut b = book();
        b.migration.allowed_kind_pairs = crate::rules::ALL_KIND_PAIRS.to_vec();
        assert!(check(&b, &scenario(|i| i.target_kind = Some(Kind::Service))).allowed);
    }

    fn observed() -> Rulebook {
        crate::rules::builtin::builtin("observed")
            .map(|b| b.load())
            .and_then(Result::ok)
            .expect("observed rulebook is valid")
    }

    #[test]
    fn m1_observed_allows_service_to_subscription_only() {
        let kinds = |from, to| {
            check(
                &observed(),
                &scenario(|i| {
                    i.source_kind = Some(from);
                    i.target_kind = Some(to);
                }),
            )
        };
        assert!(kinds(Kind::Service, Kind::Subscription).allowed);
        let e = kinds(Kind::Subscription, Kind::Service);
        assert_eq!(ids(&e), ["M1"]);
        assert_eq!(
            e.violations[0].breach,
            Breach::KindChange {
                source: Kind::Subscription,
                target: Kind::Service,
                allowed: observed().migration.allowed_kind_pairs,
            }
        );
    }

    #[test]
    fn m2_observed_forbids_every_personal_target_and_allows_personal_sources() {
        let subjects = |from, to| {
            check(
                &observed(),
                &scenario(|i| {
                    i.source_subject = Some(from);
                    i.target_subject = Some(to);
                }),
            )
        };
        for from in Subject::ALL {
            let e = subjects(from, Subject::Personal);
            assert_eq!(ids(&e), ["M2"], "{from} → personal");
            assert_eq!(
                e.violations[0].breach,
                Breach::ForbiddenSubjects {
                    source: from,
                    target: Subject::Personal
                }
            );
        }
        assert!(subjects(Subject::Personal, Subject::Enterprise).allowed);
    }

    #[test]
    fn m5_observed_every_route_pays_the_notary_fee() {
        let e = check(&observed(), &scenario(|_| {}));
        assert_eq!(e.route, Some(Route::SubscriptionToSubscription));
        assert_eq!(
            (e.fee_yuan.notary_min, e.fee_yuan.notary_max),
            (500.0, 1500.0)
        );
        // and a given notary fee is then applied, not ignored
        let s = scenario(|i| i.notary_fee_min = Some(499.0));
        assert!(crate::forecast::scenario_warnings(&observed(), &s).is_empty());
        assert!(!crate::forecast::scenario_warnings(&book(), &s).is_empty());
    }

    #[test]
    fn m9_target_cap_when_all_followers_move() {
        let target =
            |book: &Rulebook, n: u64| check(book, &scenario(|i| i.target_followers = Some(n)));
        let b = observed();
        assert_eq!(b.migration.target_followers_max, Some(1000));
        assert!(target(&b, 1000).allowed);
        let e = target(&b, 1001);
        assert_eq!(ids(&e), ["M9"]);
        assert_eq!(
            e.violations[0].breach,
            Breach::TargetTooLarge {
                followers: 1001,
                max: 1000
            }
        );
        assert!(e.violations[0].source.contains("2023-11-24"));
        // the article sets no cap
        assert!(target(&book(), 5_000_000).allowed);
    }

    #[test]
    fn m2_personal_cannot_go_to_enterprise() {
        let e = check(
            &book(),
            &scenario(|i| {
                i.source_subject = Some(Subject::Personal);
                i.target_subject = Some(Subject::Enterprise);
            }),
        );
        assert_eq!(ids(&e), ["M2"]);
        // the reverse direction is not forbidden by M2
        let e = check(
            &book(),
            &scenario(|i| {
                i.source_subject = Some(Subject::Enterprise);
                i.target_subject = Some(Subject::Personal);
            }),
        );
        assert!(e.allowed);
    }

    #[test]
    fn m2_seed_counts_organisations_as_the_enterprise_side() {
        let e = check(
            &book(),
            &scenario(|i| {
                i.source_subject = Some(Subject::Personal);
                i.target_subject = Some(Subject::Organisation);
            }),
        );
        assert_eq!(ids(&e), ["M2"]);
    }

    #[test]
    fn m3_target_must_be_verified() {
        let e = check(&book(), &scenario(|i| i.target_verified = Some(false)));
        assert_eq!(ids(&e), ["M3"]);
    }

    #[test]
    fn every_violation_is_listed() {
        let e = check(
            &book(),
            &scenario(|i| {
                i.source_subject = Some(Subject::Personal);
                i.target_subject = Some(Subject::Enterprise);
                i.target_kind = Some(Kind::Service);
                i.target_verified = Some(false);
            }),
        );
        assert_eq!(ids(&e), ["M1", "M2", "M3"]);
        assert_eq!(e.violation_ids(), "M1;M2;M3");
    }

    #[test]
    fn m4_review_fee_is_paid_by_every_route() {
        for cross in [false, true] {
            let e = check(&book(), &scenario(|i| i.cross_entity = Some(cross)));
            assert_eq!(e.fee_yuan.review, 300.0);
        }
        let mut b = book();
        b.migration.review_fee_yuan = 450.0;
        assert_eq!(check(&b, &scenario(|_| {})).fee_yuan.review, 450.0);
    }

    #[test]
    fn m5_notary_fee_only_across_entities() {
        let same = check(&book(), &scenario(|_| {}));
        assert_eq!(
            (same.fee_yuan.notary_min, same.fee_yuan.notary_max),
            (0.0, 0.0)
        );
        let cross = check(&book(), &scenario(|i| i.cross_entity = Some(true)));
        assert_eq!(
            (cross.fee_yuan.notary_min, cross.fee_yuan.notary_max),
            (500.0, 1500.0)
        );
        let fee = |min: Option<f64>, max: Option<f64>| {
            let e = check(
                &book(),
                &scenario(|i| {
                    i.cross_entity = Some(true);
                    i.notary_fee_min = min;
                    i.notary_fee_max = max;
                }),
            );
            (e.fee_yuan.notary_min, e.fee_yuan.notary_max)
        };
        assert_eq!(fee(Some(499.0), Some(499.0)), (499.0, 499.0));
        // a missing end is the rulebook's (500–1,500), kept in order
        assert_eq!(fee(Some(800.0), None), (800.0, 1500.0));
        assert_eq!(fee(None, Some(1200.0)), (500.0, 1200.0));
        assert_eq!(fee(None, Some(400.0)), (400.0, 400.0));
        assert_eq!(fee(Some(2000.0), None), (2000.0, 2000.0));
    }

    #[test]
    fn m6_route_by_kind_and_entity() {
        assert_eq!(
            check(&book(), &scenario(|_| {})).route,
            Some(Route::SubscriptionToSubscription)
        );
        assert_eq!(
            check(&book(), &scenario(|i| i.source_kind = Some(Kind::Service))).route,
            Some(Route::ServiceToService)
        );
        assert_eq!(
            check(
                &book(),
                &scenario(|i| {
                    i.source_kind = Some(Kind::Service);
                    i.cross_entity = Some(true);
                })
            )
            .route,
            Some(Route::CrossEntity)
        );
    }
}
