//! Tests of the migration rules the planner applies (M1–M8), the options ranking, the goal
//! words, and the properties every plan keeps.

use super::*;

#[test]
fn m1_m2_m3_forbidden_migration_is_not_planned() {
    let s = scenario(start(), |i| {
        i.target_kind = Some(Kind::Service);
        i.target_verified = Some(false);
    });
    match plan(
        cal(),
        &book(),
        &s.partial(),
        &Account::default(),
        Goal::Migrate,
        &opts(10),
    ) {
        Ok(Planned::Forbidden(e)) => {
            let rules: Vec<&str> = e.violations.iter().map(|v| v.rule.as_str()).collect();
            assert_eq!(rules, ["M1", "M3"]);
        }
        other => panic!("expected forbidden, got {other:?}"),
    }
    let s = scenario(start(), |i| {
        i.source_subject = Some(Subject::Personal);
        i.target_subject = Some(Subject::Enterprise);
    });
    assert!(matches!(
        plan(
            cal(),
            &book(),
            &s.partial(),
            &Account::default(),
            Goal::Migrate,
            &opts(10)
        ),
        Ok(Planned::Forbidden(_))
    ));
}

#[test]
fn m4_review_fee_on_the_application() {
    let s = scenario(start(), |_| {});
    let p = migrate(&book(), &s, &Account::default());
    assert_eq!(step(&p, "apply").cost_yuan, Money::fixed(300.0));
    assert_eq!(p.cost_yuan, Money::fixed(300.0));
    let mut b = book();
    b.migration.review_fee_yuan = 450.0;
    let p = migrate(&b, &s, &Account::default());
    assert_eq!(p.cost_yuan.p50, 450.0);
}

#[test]
fn m5_notary_only_across_entities() {
    let s = scenario(start(), |i| i.cross_entity = Some(true));
    let p = migrate(&book(), &s, &Account::default());
    let n = step(&p, "notarise");
    assert_eq!((n.cost_yuan.min, n.cost_yuan.max), (500.0, 1500.0));
    assert!(n.cost_yuan.p50 > 500.0 && n.cost_yuan.p50 < 1500.0);
    assert_eq!((p.cost_yuan.min, p.cost_yuan.max), (800.0, 1800.0));
    assert!(step(&p, "apply")
        .after
        .iter()
        .any(|a| a.as_str() == "notarise"));
    let mut b = book();
    b.migration.notary_fee_yuan = Range::new(200.0, 200.0).expect("ordered");
    let p = migrate(&b, &s, &Account::default());
    assert_eq!(p.cost_yuan, Money::fixed(500.0));
}

#[test]
fn m6_transfer_days_from_the_runs_and_m7_window_after() {
    let s = scenario(start(), |_| {});
    let p = migrate(&book(), &s, &Account::default());
    let apply = step(&p, "apply").start;
    let t = step(&p, "review_transfer");
    assert!(t.end_p50 >= apply + chrono::Days::new(5));
    assert!(t.end_p90 <= apply + chrono::Days::new(7));
    assert!(t.end_p90 > apply + chrono::Days::new(5));
    // M6 retention: 85–92% of 10,000 followers kept.
    assert!(p.followers.p5 >= 8_400.0 && p.followers.p95 <= 9_300.0);
    let mut b = book();
    if let Some(r) = b
        .migration
        .routes
        .get_mut(&Route::SubscriptionToSubscription)
    {
        r.duration_days = Range::new(9, 9).expect("ordered");
    }
    b.migration.unfollow_window_days = 3;
    b.migration.unfollow_curve.ratio = Some(0.5);
    let p = migrate(&b, &s, &Account::default());
    let apply = step(&p, "apply").start;
    let transfer = apply + chrono::Days::new(9);
    assert_eq!(step(&p, "review_transfer").end_p90, transfer);
    // M7: the window starts at the transfer and lasts the rulebook's days.
    let w = step(&p, "unfollow_window");
    assert_eq!(
        (w.start, w.end_p50),
        (transfer, transfer + chrono::Days::new(3))
    );
    assert_eq!(p.finish.p50, w.end_p50);
}

#[test]
fn m8_source_closed_at_the_transfer_and_the_notice_before_it() {
    let s = scenario(start(), |_| {});
    let p = migrate(&book(), &s, &Account::default());
    // D8 + M8 + M6: apply 30 − 5 days after the start, so the source closes after the notice.
    assert_eq!(step(&p, "apply").start, start() + chrono::Days::new(25));
    let closed = step(&p, "source_closed");
    assert_eq!(closed.end_p50, step(&p, "review_transfer").end_p50);
    assert!(closed.start >= step(&p, "announce").end_p50);
    let mut b = book();
    b.migration.source_closed_on_completion = false;
    let p = migrate(&b, &s, &Account::default());
    assert!(!ids(&p).contains(&"source_closed"));
    assert_eq!(step(&p, "apply").start, start());
}

#[test]
fn blocked_payment_in_a_migration_with_its_warning() {
    let s = scenario(start(), |_| {});
    let a = Account {
        payment: true,
        balance_yuan: 30.0,
        ..Default::default()
    };
    let p = migrate(&book(), &s, &a);
    assert_eq!(step(&p, "close_payment").status, Status::Blocked);
    assert_eq!(step(&p, "close_payment").unblocks_on, None);
    assert!(p
        .warnings
        .iter()
        .any(|w| matches!(w, Warning::FundsAssumedCleared { .. })));
}

#[test]
fn same_seed_same_plan() {
    let s = scenario(start(), |i| i.cross_entity = Some(true));
    let a = migrate(&book(), &s, &busy());
    let b = migrate(&book(), &s, &busy());
    assert_eq!(a, b);
}

#[test]
fn bad_account_values_are_refused_with_their_flag() {
    let s = scenario(start(), |_| {});
    let a = Account {
        balance_yuan: f64::NAN,
        ..Default::default()
    };
    let e = plan(cal(), &book(), &s.partial(), &a, Goal::Close, &opts(10)).expect_err("refused");
    assert!(
        matches!(
            e,
            PlanError::Account {
                field: AccountField::Balance,
                ..
            }
        ),
        "{e:?}"
    );
    let a = Account {
        announced: Some(d(2090, 1, 1)),
        ..Default::default()
    };
    let e = plan(cal(), &book(), &s.partial(), &a, Goal::Close, &opts(10)).expect_err("refused");
    assert!(
        matches!(
            e,
            PlanError::Account {
                field: AccountField::Announced,
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn options_rank_by_audience_then_cost_and_list_forbidden_ways() {
    let s = scenario(start(), |_| {});
    let o = options(cal(), &book(), &s, &Account::default(), &opts(500)).expect("plans");
    let ways: Vec<Way> = o.options.iter().map(|w| w.way).collect();
    // Same-entity keeps 85–92%, cross-entity 65–75%, closing nothing.
    assert_eq!(
        ways,
        [
            Way::SameEntityMigration,
            Way::CrossEntityMigration,
            Way::Close
        ]
    );
    let ranks: Vec<Option<usize>> = o.options.iter().map(|w| w.rank).collect();
    assert_eq!(ranks, [Some(1), Some(2), Some(3)]);
    // M1: a service target is open to neither migration; closing ranks first.
    let s = scenario(start(), |i| i.target_kind = Some(Kind::Service));
    let o = options(cal(), &book(), &s, &Account::default(), &opts(500)).expect("plans");
    assert_eq!(o.options[0].way, Way::Close);
    assert_eq!(o.options[0].rank, Some(1));
    for w in &o.options[1..] {
        assert!(!w.allowed && w.rank.is_none());
        assert_eq!(w.violations[0].rule, crate::domain::RuleId::M1);
    }
}

#[test]
fn goals_accept_english_and_chinese_words() {
    assert_eq!("migrate".parse::<Goal>(), Ok(Goal::Migrate));
    assert_eq!("迁移".parse::<Goal>(), Ok(Goal::Migrate));
    assert_eq!(" Close ".parse::<Goal>(), Ok(Goal::Close));
    assert_eq!("注销".parse::<Goal>(), Ok(Goal::Close));
    assert!("foo".parse::<Goal>().is_err());
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn subject(i: u8) -> Subject {
        Subject::ALL[usize::from(i) % Subject::ALL.len()]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever the start and the account, a plan's dates are ordered: each step ends no
        /// earlier than it starts, P90 no earlier than P50, each step starts no earlier than the
        /// steps it waits for end (P50), and followers and costs stay in their ranges.
        #[test]
        fn plan_dates_are_ordered(
            offset in 0u32..9000,
            subj in 0u8..4,
            cross in any::<bool>(),
            payment in any::<bool>(),
            balance in 0.0f64..5.0,
            last_active_back in proptest::option::of(0u32..90),
            announced_back in proptest::option::of(0u32..90),
            goal_close in any::<bool>(),
        ) {
            let start = d(2004, 1, 1) + chrono::Days::new(u64::from(offset));
            let s = scenario(start, |i| {
                i.source_subject = Some(subject(subj));
                i.cross_entity = Some(cross);
            });
            let a = Account {
                payment,
                balance_yuan: balance,
                mini_programs: u32::from(payment),
                last_active: last_active_back.map(|b| start - chrono::Days::new(u64::from(b))),
                announced: announced_back.map(|b| start - chrono::Days::new(u64::from(b))),
                ..Default::default()
            };
            let goal = if goal_close { Goal::Close } else { Goal::Migrate };
            let Ok(Planned::Plan(p)) = plan(cal(), &book(), &s.partial(), &a, goal, &opts(20)) else {
                return Err(TestCaseError::fail("no plan"));
            };
            for st in &p.steps {
                prop_assert!(st.start <= st.end_p50, "{}", st.id);
                prop_assert!(st.end_p50 <= st.end_p90, "{}", st.id);
                prop_assert_eq!(st.status == Status::Blocked, st.reason.is_some());
                for before in &st.after {
                    let b = step(&p, before.as_str());
                    // In a migration the application may precede the notice's end (M8 + D8).
                    prop_assert!(
                        b.end_p50 <= st.start || (goal == Goal::Migrate && b.id == StepId::Announce),
                        "{} after {}", st.id, b.id
                    );
                }
            }
            prop_assert!(p.finish.p50 <= p.finish.p90);
            prop_assert!(p.followers.p5 >= 0.0 && p.followers.p95 <= s.followers as f64);
            prop_assert!(p.cost_yuan.min <= p.cost_yuan.p50 && p.cost_yuan.p50 <= p.cost_yuan.max);
        }
    }
}
