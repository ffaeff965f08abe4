//! `plan --options`: every way open to the source account — same-entity migration,
//! cross-entity migration, closing — each planned in full, ranked by the forecast audience at
//! its finish (P50, highest first), then by cost (P50, lowest first), then by finish date. The
//! ways the rules forbid (M1–M3) are listed after, with the rules that forbid each.

use super::{plan_sampled, Account, BlockedStep, Goal, Money, PlanError, Planned, Status};
use crate::calendar::Calendar;
use crate::domain::{Route, RuleId, Subject};
use crate::eligibility::{check, Violation};
use crate::forecast::{Provenance, RunOptions, Warning};
use crate::rules::Rulebook;
use crate::scenario::Scenario;
use crate::sim::lhs::Sampling;
use crate::stats::{Later, Spread};
use chrono::NaiveDate;
use serde::Serialize;
use std::cmp::Ordering;

/// A way to end the source account's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Way {
    /// Migrate to an account of the same legal entity.
    SameEntityMigration,
    /// Migrate to an account of another legal entity (跨主体迁移).
    CrossEntityMigration,
    /// Close the account (注销).
    Close,
}

impl Way {
    /// Every way, in the order they are listed when they tie.
    pub const ALL: [Way; 3] = [
        Way::SameEntityMigration,
        Way::CrossEntityMigration,
        Way::Close,
    ];

    /// The snake_case name.
    pub fn name(self) -> &'static str {
        match self {
            Way::SameEntityMigration => "same_entity_migration",
            Way::CrossEntityMigration => "cross_entity_migration",
            Way::Close => "close",
        }
    }
}

/// One way, planned.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WayOption {
    /// The way.
    pub way: Way,
    /// 1 for the best; `null` when forbidden.
    pub rank: Option<usize>,
    /// Whether the rules allow it.
    pub allowed: bool,
    /// The migration route (M6), for an allowed migration.
    pub route: Option<Route>,
    /// The rules that forbid it (M1–M3).
    pub violations: Vec<Violation>,
    /// The audience at the finish, when allowed.
    pub audience: Option<Spread<f64>>,
    /// The source's followers kept, when allowed.
    pub followers: Option<Spread<f64>>,
    /// The total cost, when allowed.
    pub cost_yuan: Option<Money>,
    /// When it is over, when allowed.
    pub finish: Option<Later<NaiveDate>>,
    /// Its blocked steps (JSON: `step: rule: reason`).
    pub blocked: Vec<BlockedStep>,
    /// The warnings of its plan.
    pub warnings: Vec<Warning>,
}

/// The answer of `plan --options`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Options {
    /// Version, rulebook, seed, runs per way and distribution.
    #[serde(flatten)]
    pub provenance: Provenance,
    /// The plans' start date.
    pub start: NaiveDate,
    /// How the migrations' inputs were sampled (`--sampling`; absent for the default, `mc`).
    #[serde(skip_serializing_if = "Sampling::is_mc")]
    pub sampling: Sampling,
    /// The ways, ranked; forbidden ones last.
    pub options: Vec<WayOption>,
    /// What the user should know about every way (the holiday calendar's).
    pub warnings: Vec<Warning>,
    /// The years whose provisional holidays some way's dates rest on.
    pub provisional_years: Vec<i32>,
}

/// The scenario of a way: the target's kind and verification as given; a same-entity target has
/// the source's subject type, a cross-entity one the given target subject.
/// The scenario of one way. A cross-entity migration into the source's own subject type (the
/// default target) that the rulebook forbids (M2: under `observed`, no target may be a personal
/// account) is tried into the first subject type it allows, so the way is not reported
/// forbidden when another target would do; a different target the user named is kept.
fn scenario_of(book: &Rulebook, s: &Scenario, way: Way) -> Scenario {
    let mut v = s.clone();
    v.cross_entity_implied = false;
    match way {
        Way::SameEntityMigration => {
            v.cross_entity = false;
            v.target_subject = v.source_subject;
        }
        Way::CrossEntityMigration => {
            v.cross_entity = true;
            let breaks_m2 = |v: &Scenario| {
                check(book, v)
                    .violations
                    .iter()
                    .any(|x| x.rule == RuleId::M2)
            };
            if v.target_subject == v.source_subject && breaks_m2(&v) {
                if let Some(subject) = Subject::ALL.into_iter().find(|&t| {
                    let mut w = v.clone();
                    w.target_subject = t;
                    !breaks_m2(&w)
                }) {
                    v.target_subject = subject;
                }
            }
        }
        Way::Close => {}
    }
    v
}

fn rank_order(a: &WayOption, b: &WayOption) -> Ordering {
    let key = |o: &WayOption| {
        (
            o.audience.map_or(f64::NEG_INFINITY, |x| x.p50),
            o.cost_yuan.map_or(f64::INFINITY, |x| x.p50),
            o.finish.map(|f| f.p50),
        )
    };
    let (aa, ac, af) = key(a);
    let (ba, bc, bf) = key(b);
    ba.total_cmp(&aa).then(ac.total_cmp(&bc)).then(af.cmp(&bf))
}

/// Plan every way open to the source account of `s` and rank them.
pub fn options(
    cal: &Calendar,
    book: &Rulebook,
    s: &Scenario,
    account: &Account,
    opts: &RunOptions,
) -> Result<Options, PlanError> {
    options_sampled(cal, book, s, account, opts, Sampling::Mc)
}

/// [`options`] with every migration's inputs sampled by `sampling` (see
/// [`super::plan_sampled`]).
pub fn options_sampled(
    cal: &Calendar,
    book: &Rulebook,
    s: &Scenario,
    account: &Account,
    opts: &RunOptions,
    sampling: Sampling,
) -> Result<Options, PlanError> {
    let mut allowed = Vec::new();
    let mut forbidden = Vec::new();
    let mut provisional_years = Vec::new();
    for way in Way::ALL {
        let goal = if way == Way::Close {
            Goal::Close
        } else {
            Goal::Migrate
        };
        match plan_sampled(
            cal,
            book,
            &scenario_of(book, s, way).partial(),
            account,
            goal,
            opts,
            sampling,
        )? {
            Planned::Plan(p) => {
                provisional_years.extend(p.provisional_years.iter().copied());
                allowed.push(WayOption {
                    way,
                    rank: None,
                    allowed: true,
                    route: p.route,
                    violations: Vec::new(),
                    audience: Some(p.audience),
                    followers: Some(p.followers),
                    cost_yuan: Some(p.cost_yuan),
                    finish: Some(p.finish),
                    blocked: p
                        .steps
                        .iter()
                        .filter(|st| st.status == Status::Blocked)
                        .filter_map(|st| {
                            st.reason.clone().map(|blockers| BlockedStep {
                                step: st.id,
                                blockers,
                            })
                        })
                        .collect(),
                    warnings: p.warnings,
                });
            }
            Planned::Forbidden(e) => forbidden.push(WayOption {
                way,
                rank: None,
                allowed: false,
                route: None,
                violations: e.violations,
                audience: None,
                followers: None,
                cost_yuan: None,
                finish: None,
                blocked: Vec::new(),
                warnings: Vec::new(),
            }),
        }
    }
    // A stable sort keeps the order of Way::ALL among ties.
    allowed.sort_by(rank_order);
    for (i, o) in allowed.iter_mut().enumerate() {
        o.rank = Some(i + 1);
    }
    allowed.extend(forbidden);
    provisional_years.sort_unstable();
    provisional_years.dedup();
    let warnings = if provisional_years.is_empty() {
        Vec::new()
    } else {
        vec![Warning::ProvisionalHolidays {
            years: provisional_years.clone(),
        }]
    };
    let f = super::frame(book, opts);
    Ok(Options {
        provenance: f.provenance,
        start: s.start_date,
        sampling,
        options: allowed,
        warnings,
        provisional_years,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn way(way: Way, audience: f64, cost: f64, finish: u32) -> WayOption {
        let date = NaiveDate::from_ymd_opt(2026, 6, finish).unwrap_or_default();
        WayOption {
            way,
            rank: None,
            allowed: true,
            route: None,
            violations: Vec::new(),
            audience: Some(Spread::fixed(audience)),
            followers: None,
            cost_yuan: Some(Money {
                min: cost,
                p50: cost,
                max: cost,
            }),
            finish: Some(Later::fixed(date)),
            blocked: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn ranked(mut v: Vec<WayOption>) -> Vec<Way> {
        v.sort_by(rank_order);
        v.into_iter().map(|o| o.way).collect()
    }

    #[test]
    fn audience_first_then_cost_then_finish() {
        use Way::*;
        assert_eq!(
            ranked(vec![
                way(SameEntityMigration, 100.0, 300.0, 1),
                way(CrossEntityMigration, 200.0, 1300.0, 20),
            ]),
            [CrossEntityMigration, SameEntityMigration]
        );
        assert_eq!(
            ranked(vec![
                way(SameEntityMigration, 100.0, 300.0, 20),
                way(CrossEntityMigration, 100.0, 200.0, 25),
            ]),
            [CrossEntityMigration, SameEntityMigration]
        );
        assert_eq!(
            ranked(vec![
                way(SameEntityMigration, 100.0, 300.0, 20),
                way(Close, 100.0, 300.0, 10),
            ]),
            [Close, SameEntityMigration]
        );
    }
}
