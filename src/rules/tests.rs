//! Tests of the rulebook: loading, validation and every refused value, naming the key.

use super::*;
use crate::domain::RuleId;

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

fn problem_of(e: &RulebookError) -> Option<&Problem> {
    match e {
        RulebookError::Invalid { problem, .. } => Some(problem),
        RulebookError::Malformed(_) => None,
    }
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
    // M9 is not in the article
    for id in RuleId::ALL.into_iter().filter(|id| *id != RuleId::M9) {
        let r = b.rule(id.as_str()).expect("present");
        assert!(r.source.starts_with("seed"), "{id}: {}", r.source);
    }
    assert_eq!(b.rules.len(), RuleId::ALL.len() - 1);
    assert!(b.rule("M9").is_none());
}

#[test]
fn seed_numbers_match_the_article() {
    let b = seed();
    let m = &b.migration;
    // M1: same kind only
    assert_eq!(m.allowed_kind_pairs, lists::kind_pairs_of_switch(true));
    // M2: personal → enterprise (and other organisations) forbidden
    assert_eq!(
        m.forbidden_subject_pairs,
        lists::subject_pairs_of_switch(true)
    );
    assert!(m.require_verified_target); // M3
    assert_eq!(m.target_followers_max, None); // M9: the article sets no cap
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
        (
            c.confirm_code_minutes,
            c.freeze_days.clone(),
            c.deletion_day
        ),
        (15, FreezeDays::Flat(7), Some(8))
    ); // D7
       // D7: the article's flat 7 days, whatever the follower count, deletion the day after
    for followers in [1, 1000, 10_001, 100_001, 10_000_000] {
        assert_eq!(c.freeze_days_for(followers), 7);
    }
    assert_eq!(c.deletion_after_freeze(), 1);
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
    assert_eq!(
        problem_of(&e),
        Some(&Problem::Reversed {
            min: 15.0,
            max: 10.0
        })
    );
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
    assert_eq!(key_of(&e), "rules[18].id");
    assert_eq!(problem_of(&e), Some(&Problem::UnknownRule("X9".into())));
    let e = refused(
        "[[rules]]\nid = \"B2\"\nsource = \"seed §二 (table)\"\n",
        "",
    );
    assert_eq!(problem_of(&e), Some(&Problem::RuleMissing(RuleId::B2)));
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
fn printed_toml_loads_back_unchanged() {
    let b = seed();
    let text = toml::to_string_pretty(&b).expect("serialisable");
    assert_eq!(Rulebook::from_toml(&text), Ok(b));
}

fn observed() -> Rulebook {
    builtin::builtin("observed")
        .map(|b| b.load())
        .and_then(Result::ok)
        .expect("the observed rulebook is valid")
}

#[test]
fn observed_numbers_are_the_reported_ones() {
    let b = observed();
    let m = &b.migration;
    assert_eq!(m.unfollow_window_days, 1); // M7
    assert!(Route::ALL.iter().all(|r| b.route(*r).notary)); // M5
    assert_eq!(m.target_followers_max, Some(1000)); // M9
    assert_eq!(m.forbidden_subject_pairs.len(), 5); // M2
    assert!(m
        .forbidden_subject_pairs
        .iter()
        .all(|p| p.to == Subject::Personal));
    let c = &b.closing;
    let freeze: Vec<u32> = [1000, 1001, 10_000, 10_001, 100_000, 100_001]
        .iter()
        .map(|n| c.freeze_days_for(*n))
        .collect();
    assert_eq!(freeze, [7, 15, 15, 30, 30, 60]); // D7
    assert_eq!(c.deletion_after_freeze(), 1);
    // every rule names a source and how sure it is
    for r in &b.rules {
        assert!(!r.source.is_empty() && r.confidence.is_some(), "{}", r.id);
    }
    // retention has no public source: the article's ranges are kept
    let s = seed();
    for r in Route::ALL {
        assert_eq!(b.route(r).retention, s.route(r).retention);
    }
}

#[test]
fn m9_needs_its_source_and_its_cap_together() {
    let e = refused(
        "source_closed_on_completion = true      # M8\n",
        "source_closed_on_completion = true\ntarget_followers_max = 1000\n",
    );
    assert_eq!(problem_of(&e), Some(&Problem::M9NotStated));
    let e = refused(
        "id = \"M8\"\nsource = \"seed §三\"",
        "id = \"M8\"\nsource = \"seed §三\"\n\n[[rules]]\nid = \"M9\"\nsource = \"a page\"",
    );
    assert_eq!(key_of(&e), "migration.target_followers_max");
}

#[test]
fn older_switches_still_load_and_cannot_be_mixed_with_lists() {
    let old = SEED_TOML
        .replacen(
            "allowed_kind_pairs = [\n  { from = \"subscription\", to = \"subscription\" },\n  { from = \"service\", to = \"service\" },\n]",
            "same_kind_only = true",
            1,
        )
        .replacen(
            "forbidden_subject_pairs = [\n  { from = \"personal\", to = \"enterprise\" },\n  { from = \"personal\", to = \"organisation\" },\n]",
            "forbid_personal_to_enterprise = true",
            1,
        );
    assert_ne!(old, SEED_TOML);
    assert_eq!(Rulebook::from_toml(&old), Ok(seed()));
    let both = refused(
        "require_verified_target = true",
        "require_verified_target = true\nsame_kind_only = true",
    );
    assert_eq!(key_of(&both), "migration.same_kind_only");
    assert_eq!(
        problem_of(&both),
        Some(&Problem::ListAndSwitch {
            list: "allowed_kind_pairs",
            switch: "same_kind_only"
        })
    );
    let neither = refused(
        "allowed_kind_pairs = [\n  { from = \"subscription\", to = \"subscription\" },\n  { from = \"service\", to = \"service\" },\n]",
        "",
    );
    assert_eq!(key_of(&neither), "migration.allowed_kind_pairs");
    assert_eq!(problem_of(&neither), Some(&Problem::ListMissing));
}

#[test]
fn d7_freeze_tiers_and_deletion_are_checked_naming_the_key() {
    let tiers = "freeze_days = [{ up_to_followers = 1000, days = 7 }, { days = 60 }]";
    let e = refused("freeze_days = 7 ", &format!("{tiers} "));
    assert_eq!(key_of(&e), "closing.deletion_day");
    let ok = SEED_TOML
        .replacen("freeze_days = 7 ", &format!("{tiers} "), 1)
        .replacen("deletion_day = 8 ", "deletion_days_after_freeze = 2 ", 1);
    let b = Rulebook::from_toml(&ok).expect("tiers load");
    assert_eq!(
        (
            b.closing.freeze_days_for(1000),
            b.closing.freeze_days_for(1001)
        ),
        (7, 60)
    );
    assert_eq!(b.closing.deletion_after_freeze(), 2);
    let e = refused(
        "freeze_days = 7 ",
        "freeze_days = [{ up_to_followers = 1000, days = 7 }] ",
    );
    assert_eq!(key_of(&e), "closing.freeze_days[0].up_to_followers");
}

#[test]
fn the_schema_round_trips() {
    for b in [seed(), observed()] {
        let text = toml::to_string_pretty(&b).expect("serialisable");
        assert_eq!(Rulebook::from_toml(&text), Ok(b));
    }
}

#[test]
fn numbers_are_bounded_like_the_flags() {
    let cases = [
        (
            "ratio = 0.5",
            "ratio = 1e300",
            "migration.unfollow_curve.ratio",
        ),
        (
            "ratio = 0.5",
            "ratio = 0.001",
            "migration.unfollow_curve.ratio",
        ),
        (
            "ratio = 0.5",
            "weights = [1e308, 1e308, 1e308, 1.0, 1.0, 1.0, 1.0]",
            "migration.unfollow_curve.weights",
        ),
        (
            "review_fee_yuan = 300.0",
            "review_fee_yuan = 1e308",
            "migration.review_fee_yuan",
        ),
        (
            "notary_fee_yuan = { min = 500.0, max = 1500.0 }",
            "notary_fee_yuan = { min = 500.0, max = 2e15 }",
            "migration.notary_fee_yuan.max",
        ),
        (
            "name_cooldown_days = 30",
            "name_cooldown_days = 3000000",
            "closing.name_cooldown_days",
        ),
        (
            "inactivity_days = 30",
            "inactivity_days = 3651",
            "closing.inactivity_days",
        ),
        (
            "review_working_days = { min = 20, max = 30 }",
            "review_working_days = { min = 20, max = 3000000 }",
            "closing.subjects.government.review_working_days.max",
        ),
        (
            "statistics_months = 3",
            "statistics_months = 1000",
            "backup.statistics_months",
        ),
        (
            "[migration]\n",
            "[[rules]]\nid = \"X9\"\nstatement = \"x\"\nsource = \"y\"\n\n[migration]\n",
            "rules[19].id",
        ),
    ];
    for (from, to, key) in cases {
        let e = refused(from, to);
        assert_eq!(key_of(&e), key, "{to}: {e}");
    }
    // The limits themselves are accepted.
    let at_limit = SEED_TOML
        .replacen("name_cooldown_days = 30", "name_cooldown_days = 3650", 1)
        .replacen("review_fee_yuan = 300.0", "review_fee_yuan = 1e15", 1);
    assert!(Rulebook::from_toml(&at_limit).is_ok());
}

#[test]
fn a_range_is_ordered_by_construction() {
    assert_eq!(Range::new(5, 3), None);
    let r = Range::new(3, 5).expect("ordered");
    assert_eq!((r.min(), r.max()), (3, 5));
    assert_eq!(Range::new(f64::NAN, 1.0), None);
    // a user's end wins over the rulebook's other end: never reversed
    assert_eq!(
        Range::up_from(400.0, 300.0),
        Range::new(400.0, 400.0).expect("ordered")
    );
    // reading one checks it too
    let read = |text: &str| toml::from_str::<std::collections::BTreeMap<String, Range<u32>>>(text);
    assert!(read("r = { min = 5, max = 3 }").is_err());
    assert_eq!(
        read("r = { min = 3, max = 5 }").expect("ordered")["r"],
        Range::new(3, 5).expect("ordered")
    );
}

#[test]
fn deserialising_a_rulebook_validates_it_as_loading_does() {
    // a library user's serde path reaches the same validation as `from_toml`
    let bad = SEED_TOML.replacen(
        "retention = { min = 0.85, max = 0.92 }",
        "retention = { min = 0.85, max = 1.2 }",
        1,
    );
    assert!(toml::from_str::<Rulebook>(&bad).is_err());
    assert!(Rulebook::from_toml(&bad).is_err());
    let book: Rulebook = toml::from_str(SEED_TOML).expect("the seed is valid");
    assert_eq!(book, seed());
    assert_eq!(book.meta().name, "seed");
    assert_eq!(book.migration().unfollow_window_days, 7);
}

#[test]
fn a_list_and_its_older_switch_together_are_refused_with_the_key() {
    let e = refused("[migration]\n", "[migration]\nsame_kind_only = true\n");
    assert_eq!(key_of(&e), "migration.same_kind_only");
    assert!(matches!(
        problem_of(&e),
        Some(Problem::ListAndSwitch { .. })
    ));
}
