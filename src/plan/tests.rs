//! Tests of the planner: one or more per rule id it applies (each fails when the rule's number
//! in the rulebook is ignored), holiday edge cases, blocked plans and the options ranking.

use super::*;
use crate::calendar::Calendar;
use crate::domain::{Kind, RuleId, StepId, Subject};
use crate::forecast::Warning;
use crate::rules::Range;
use crate::scenario::{Scenario, ScenarioInput};
use crate::sim::{Dist, DEFAULT_SEED};
use std::sync::OnceLock;

mod close;
mod migrate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

/// The embedded calendar, built once for all the tests.
fn cal() -> &'static Calendar {
    static CAL: OnceLock<Calendar> = OnceLock::new();
    CAL.get_or_init(|| Calendar::embedded().expect("embedded holiday data is valid"))
}

fn book() -> Rulebook {
    Rulebook::seed().expect("seed rulebook is valid")
}

fn scenario(start: NaiveDate, f: impl FnOnce(&mut ScenarioInput)) -> Scenario {
    let mut input = ScenarioInput {
        followers: Some(10_000),
        start_date: Some(start),
        ..Default::default()
    };
    f(&mut input);
    input.build(start).expect("valid scenario")
}

fn opts(runs: u64) -> RunOptions {
    RunOptions {
        runs,
        seed: DEFAULT_SEED,
        dist: Dist::Uniform,
        at_least: None,
    }
}

fn run(book: &Rulebook, s: &Scenario, a: &Account, goal: Goal) -> Plan {
    match plan(cal(), book, &s.partial(), a, goal, &opts(500)).expect("plans") {
        Planned::Plan(p) => *p,
        Planned::Forbidden(e) => panic!("forbidden: {:?}", e.violations),
    }
}

fn close(book: &Rulebook, s: &Scenario, a: &Account) -> Plan {
    run(book, s, a, Goal::Close)
}

fn migrate(book: &Rulebook, s: &Scenario, a: &Account) -> Plan {
    run(book, s, a, Goal::Migrate)
}

fn step<'a>(p: &'a Plan, id: &str) -> &'a Step {
    p.steps
        .iter()
        .find(|s| s.id.as_str() == id)
        .unwrap_or_else(|| panic!("no step {id}"))
}

/// The rules that block a step, in order.
fn blocked_by(st: &Step) -> Vec<RuleId> {
    st.reason
        .as_ref()
        .map(|b| b.0.iter().map(|x| x.rule).collect())
        .unwrap_or_default()
}

fn ids(p: &Plan) -> Vec<&str> {
    p.steps.iter().map(|s| s.id.as_str()).collect()
}

fn start() -> NaiveDate {
    d(2026, 6, 1)
}

fn busy() -> Account {
    Account {
        payment: true,
        mini_programs: 2,
        third_party: 1,
        ad_account: true,
        articles: Some(850),
        ..Default::default()
    }
}

/// A rulebook whose closing review takes exactly `n` working days for every subject (D3).
fn fixed_review(n: u32) -> Rulebook {
    let mut b = book();
    for s in b.closing.subjects.values_mut() {
        s.review_working_days = Range::new(n, n).expect("ordered");
    }
    b
}

#[test]
fn close_steps_are_in_spec_order_and_absent_steps_left_out() {
    let s = scenario(start(), |_| {});
    let p = close(&book(), &s, &busy());
    assert_eq!(
        ids(&p),
        [
            "announce",
            "inactivity",
            "backup",
            "close_payment",
            "unbind",
            "submit",
            "review",
            "freeze",
            "deletion",
            "name_cooldown"
        ]
    );
    let p = close(&book(), &s, &Account::default());
    assert_eq!(
        ids(&p),
        [
            "announce",
            "inactivity",
            "backup",
            "submit",
            "review",
            "freeze",
            "deletion",
            "name_cooldown"
        ]
    );
    assert_eq!(p.goal, Goal::Close);
    assert_eq!(p.followers.p50, 0.0);
    assert_eq!(p.followers_lost.map(|l| l.p50), Some(10_000.0));
}

#[test]
fn migrate_steps_are_in_spec_order_and_absent_steps_left_out() {
    let cross = scenario(start(), |i| i.cross_entity = Some(true));
    let p = migrate(&book(), &cross, &busy());
    assert_eq!(
        ids(&p),
        [
            "announce",
            "backup",
            "unbind",
            "close_payment",
            "notarise",
            "apply",
            "review_transfer",
            "unfollow_window",
            "source_closed"
        ]
    );
    let same = scenario(start(), |_| {});
    let p = migrate(&book(), &same, &Account::default());
    assert_eq!(
        ids(&p),
        [
            "announce",
            "backup",
            "apply",
            "review_transfer",
            "unfollow_window",
            "source_closed"
        ]
    );
}

#[test]
fn plan_into_2027_rests_on_provisional_days() {
    let s = scenario(d(2026, 12, 1), |_| {});
    let p = close(&book(), &s, &Account::default());
    assert_eq!(p.provisional_years, vec![2027]);
    // The review counts 2027's working days; the deletion follows it; the notice is calendar
    // days only and rests on no holiday data.
    assert_eq!(step(&p, "review").basis, Some(Basis::Provisional));
    assert_eq!(step(&p, "deletion").basis, Some(Basis::Provisional));
    assert_eq!(step(&p, "announce").basis, None);
    // The warning names the year; weekends alone are never assumed inside the years held.
    assert_eq!(
        p.warnings,
        vec![Warning::ProvisionalHolidays { years: vec![2027] }]
    );
    // The payment freeze ends inside 2026: official.
    let p = close(&book(), &s, &busy());
    assert_eq!(step(&p, "close_payment").basis, Some(Basis::Official));
}

#[test]
fn a_user_year_makes_the_plan_rest_on_user_days() {
    let text =
        "[[years]]\nyear = 2027\n[[years.holidays]]\nname = \"元旦\"\noff = [\"2027-01-01\"]\n";
    let cal = Calendar::embedded()
        .and_then(|c| c.with_user(text))
        .expect("valid file");
    let s = scenario(d(2026, 12, 1), |_| {});
    let Ok(Planned::Plan(p)) = plan(
        &cal,
        &book(),
        &s.partial(),
        &Account::default(),
        Goal::Close,
        &opts(50),
    ) else {
        panic!("no plan")
    };
    assert!(p.provisional_years.is_empty());
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    assert_eq!(step(&p, "review").basis, Some(Basis::User));
}

#[test]
fn m5_and_d2_office_steps_start_on_a_working_day() {
    // Start on Saturday 2026-10-03 (National Day, Oct 1–7): the notary opens on Thursday 10-08.
    let s = scenario(d(2026, 10, 3), |i| i.cross_entity = Some(true));
    let p = run(&book(), &s, &Account::default(), Goal::Migrate);
    let n = step(&p, "notarise");
    assert_eq!((n.start, n.end_p50), (d(2026, 10, 8), d(2026, 10, 8)));
    assert_eq!(n.basis, Some(Basis::Official));
    assert!(step(&p, "apply").start >= d(2026, 10, 8));
    // On a working day it stays.
    let s = scenario(d(2026, 10, 12), |i| i.cross_entity = Some(true));
    let p = run(&book(), &s, &Account::default(), Goal::Migrate);
    assert_eq!(step(&p, "notarise").start, d(2026, 10, 12));
}

/// A step's title in English.
fn title(st: &Step) -> String {
    crate::report::text::title(crate::i18n::english(), &st.title)
}

/// A step's notes in English.
fn notes(st: &Step) -> Vec<String> {
    st.notes
        .iter()
        .map(|n| crate::report::text::note(crate::i18n::english(), n))
        .collect()
}

#[test]
fn a_migration_plan_needs_the_follower_count() {
    let start = start();
    let s = ScenarioInput::default()
        .build_partial(start)
        .expect("a count is not needed to build");
    let e = plan(
        cal(),
        &book(),
        &s,
        &Account::default(),
        Goal::Migrate,
        &opts(10),
    )
    .expect_err("a migration needs --followers");
    assert!(matches!(
        e,
        PlanError::Scenario(crate::scenario::ScenarioError {
            field: crate::scenario::Field::Followers,
            problem: crate::scenario::Problem::Required,
        })
    ));
}
