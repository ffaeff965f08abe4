//! Tests of the closing planner and the shared step rules: one or more per rule id (D1–D9,
//! B1, B2), each failing when the rule's number in the rulebook is ignored.

use super::*;

#[test]
fn d8_notice_runs_announce_days_and_gates_the_application() {
    let s = scenario(start(), |_| {});
    let p = close(&book(), &s, &Account::default());
    let a = step(&p, "announce");
    assert_eq!((a.start, a.end_p50), (start(), d(2026, 7, 1)));
    assert_eq!(a.status, Status::Ready);
    assert_eq!(step(&p, "submit").start, d(2026, 7, 1));
    let mut b = book();
    b.closing.announce_days = 40;
    let p = close(&b, &s, &Account::default());
    assert_eq!(step(&p, "announce").end_p50, d(2026, 7, 11));
    assert_eq!(step(&p, "submit").start, d(2026, 7, 11));
}

#[test]
fn d8_recent_notice_blocks_until_it_has_run() {
    let s = scenario(start(), |_| {});
    let a = Account {
        announced: Some(d(2026, 5, 20)),
        last_active: Some(d(2026, 5, 1)),
        ..Default::default()
    };
    let p = close(&book(), &s, &a);
    let an = step(&p, "announce");
    assert_eq!(an.status, Status::Blocked);
    assert_eq!(an.unblocks_on, Some(d(2026, 6, 19)));
    assert!(blocked_by(an).first() == Some(&RuleId::D8));
    assert_eq!(step(&p, "submit").start, d(2026, 6, 19));
    // An old notice has run its course.
    let old = Account {
        announced: Some(d(2026, 4, 1)),
        last_active: Some(d(2026, 4, 1)),
        ..Default::default()
    };
    let p = close(&book(), &s, &old);
    assert_eq!(step(&p, "announce").status, Status::Ready);
    assert_eq!(step(&p, "submit").start, start());
}

#[test]
fn d1_recent_activity_blocks_until_30_quiet_days() {
    let s = scenario(start(), |_| {});
    let a = Account {
        announced: Some(d(2026, 4, 1)),
        last_active: Some(d(2026, 5, 25)),
        ..Default::default()
    };
    let p = close(&book(), &s, &a);
    let i = step(&p, "inactivity");
    assert_eq!(i.status, Status::Blocked);
    assert_eq!(i.unblocks_on, Some(d(2026, 6, 24)));
    assert!(blocked_by(i).first() == Some(&RuleId::D1));
    assert_eq!(step(&p, "submit").start, d(2026, 6, 24));
    let mut b = book();
    b.closing.inactivity_days = 10;
    let p = close(&b, &s, &a);
    assert_eq!(step(&p, "inactivity").unblocks_on, Some(d(2026, 6, 4)));
    assert_eq!(step(&p, "submit").start, d(2026, 6, 4));
    // Without --last-active the quiet days start today.
    let p = close(&book(), &s, &Account::default());
    assert_eq!(step(&p, "inactivity").status, Status::Ready);
    assert_eq!(step(&p, "inactivity").end_p50, d(2026, 7, 1));
}

#[test]
fn d2_submit_lists_the_materials_of_the_subject_type() {
    let b = book();
    let s = scenario(start(), |i| i.source_subject = Some(Subject::Personal));
    let p = close(&b, &s, &Account::default());
    assert!(title(step(&p, "submit")).contains("ID card"));
    let s = scenario(start(), |i| i.source_subject = Some(Subject::Government));
    let p = close(&b, &s, &Account::default());
    let sub = step(&p, "submit");
    assert!(title(sub).contains("organisation code certificate"));
    assert!(title(sub).contains("offline"));
    let mut b2 = book();
    if let Some(g) = b2.closing.subjects.get_mut(&Subject::Government) {
        g.offline = false;
    }
    let p = close(&b2, &s, &Account::default());
    assert!(!title(step(&p, "submit")).contains("offline"));
}

#[test]
fn d2_offline_materials_go_in_on_a_working_day() {
    // The notice and quiet days end on 2026-10-01, National Day.
    let gov = scenario(d(2026, 9, 1), |i| {
        i.source_subject = Some(Subject::Government)
    });
    let p = close(&fixed_review(1), &gov, &Account::default());
    assert_eq!(step(&p, "submit").start, d(2026, 10, 8));
    assert_eq!(step(&p, "backup").end_p50, d(2026, 10, 8));
    assert_eq!(step(&p, "review").end_p50, d(2026, 10, 9));
    // Online (enterprise): on the day itself; the review still counts working days after it.
    let ent = scenario(d(2026, 9, 1), |_| {});
    let p = close(&fixed_review(1), &ent, &Account::default());
    assert_eq!(step(&p, "submit").start, d(2026, 10, 1));
    assert_eq!(step(&p, "review").end_p50, d(2026, 10, 8));
}

#[test]
fn d3_review_time_by_subject_type_from_the_runs() {
    let s = scenario(start(), |i| i.source_subject = Some(Subject::Personal));
    let p = close(&book(), &s, &Account::default());
    let r = step(&p, "review");
    assert_eq!(r.unit, Unit::WorkingDays);
    assert_eq!((r.duration.min, r.duration.max), (3, 5));
    let submit = step(&p, "submit").start;
    let lo = cal()
        .add_working_days(submit, 3)
        .map(|x| x.date)
        .unwrap_or_default();
    let hi = cal()
        .add_working_days(submit, 5)
        .map(|x| x.date)
        .unwrap_or_default();
    assert!(lo <= r.end_p50 && r.end_p50 <= r.end_p90 && r.end_p90 <= hi);
    assert!(
        r.end_p90 > lo,
        "P90 of a 3–5 day review is past the shortest"
    );
    // Change the rulebook: the dates follow.
    let p = close(&fixed_review(10), &s, &Account::default());
    let ten = cal()
        .add_working_days(submit, 10)
        .map(|x| x.date)
        .unwrap_or_default();
    assert_eq!(
        (step(&p, "review").end_p50, step(&p, "review").end_p90),
        (ten, ten)
    );
}

#[test]
fn d3_review_over_national_day_2026() {
    // The notice and quiet days end on 2026-09-30; Oct 1–7 are holidays, Sat Oct 10 is a
    // make-up working day: 3 working days end on Oct 10.
    let s = scenario(d(2026, 8, 31), |_| {});
    let p = close(&fixed_review(3), &s, &Account::default());
    assert_eq!(step(&p, "submit").start, d(2026, 9, 30));
    assert_eq!(step(&p, "review").end_p50, d(2026, 10, 10));
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn d3_review_over_the_spring_festival_2026() {
    // Submit on 2026-02-13: Sat Feb 14 (make-up), then Feb 24 and 25 after the break.
    let s = scenario(d(2026, 1, 14), |_| {});
    let p = close(&fixed_review(3), &s, &Account::default());
    assert_eq!(step(&p, "submit").start, d(2026, 2, 13));
    assert_eq!(step(&p, "review").end_p50, d(2026, 2, 25));
}

#[test]
fn d4_personal_balance_blocks_the_application() {
    let s = scenario(start(), |i| i.source_subject = Some(Subject::Personal));
    let a = Account {
        balance_yuan: 0.5,
        ..Default::default()
    };
    let p = close(&book(), &s, &a);
    let sub = step(&p, "submit");
    assert_eq!(sub.status, Status::Blocked);
    assert_eq!(sub.unblocks_on, None);
    assert!(blocked_by(sub).contains(&RuleId::D4));
    assert!(p
        .warnings
        .iter()
        .any(|w| matches!(w, Warning::FundsAssumedCleared { .. })));
    let ok = Account {
        balance_yuan: 0.01,
        ..Default::default()
    };
    assert_eq!(
        step(&close(&book(), &s, &ok), "submit").status,
        Status::Todo
    );
    let mut b = book();
    if let Some(p) = b.closing.subjects.get_mut(&Subject::Personal) {
        p.balance_limit_yuan = Some(1.0);
    }
    assert_eq!(step(&close(&b, &s, &a), "submit").status, Status::Todo);
}

#[test]
fn d4_enterprise_pending_income_blocks_the_application() {
    let s = scenario(start(), |_| {});
    let a = Account {
        pending_income_yuan: 120.0,
        balance_yuan: 50.0,
        ..Default::default()
    };
    let p = close(&book(), &s, &a);
    let sub = step(&p, "submit");
    assert_eq!(sub.status, Status::Blocked);
    assert!(sub.reason.as_ref().is_some_and(|b| b
        .0
        .iter()
        .any(|x| matches!(x.reason, BlockReason::PendingIncome { .. }))));
    // An enterprise balance without WeChat Pay is not checked.
    let a = Account {
        balance_yuan: 50.0,
        ..Default::default()
    };
    assert_eq!(step(&close(&book(), &s, &a), "submit").status, Status::Todo);
}

#[test]
fn d4_payment_balance_limit_blocks_closing_wechat_pay() {
    let s = scenario(start(), |i| i.source_subject = Some(Subject::Government));
    let a = Account {
        payment: true,
        balance_yuan: 5.0,
        ..Default::default()
    };
    let p = close(&book(), &s, &a);
    let cp = step(&p, "close_payment");
    assert_eq!(cp.status, Status::Blocked);
    assert!(blocked_by(cp).first() == Some(&RuleId::D4));
    // Government: the payment must be closed, which close_payment does; submit is not blocked.
    assert_eq!(step(&p, "submit").status, Status::Todo);
    let mut b = book();
    b.closing.payment_balance_limit_yuan = 10.0;
    assert_eq!(
        step(&close(&b, &s, &a), "close_payment").status,
        Status::Ready
    );
}

#[test]
fn d5_payment_freeze_in_working_days_gates_the_application() {
    let mut b = book();
    b.closing.announce_days = 0;
    b.closing.inactivity_days = 0;
    // Fri 2026-09-25: Mon 28, Tue 29, Wed 30 — then the National Day break.
    let s = scenario(d(2026, 9, 25), |_| {});
    let a = Account {
        payment: true,
        ..Default::default()
    };
    let p = close(&b, &s, &a);
    let cp = step(&p, "close_payment");
    assert_eq!((cp.unit, cp.end_p50), (Unit::WorkingDays, d(2026, 9, 30)));
    assert_eq!(step(&p, "submit").start, d(2026, 9, 30));
    b.closing.payment_freeze_working_days = 4;
    let p = close(&b, &s, &a);
    assert_eq!(step(&p, "close_payment").end_p50, d(2026, 10, 8));
    assert_eq!(step(&p, "submit").start, d(2026, 10, 8));
}

#[test]
fn d6_unbinding_only_when_something_is_bound() {
    let s = scenario(start(), |_| {});
    let a = Account {
        ad_account: true,
        ..Default::default()
    };
    let p = close(&book(), &s, &a);
    assert!(title(step(&p, "unbind")).contains("ad account"));
    assert!(step(&p, "submit")
        .after
        .iter()
        .any(|a| a.as_str() == "unbind"));
    let p = close(&book(), &s, &Account::default());
    assert!(!ids(&p).contains(&"unbind"));
}

#[test]
fn d7_freeze_and_deletion_on_day_8() {
    let s = scenario(start(), |_| {});
    let p = close(&fixed_review(5), &s, &Account::default());
    let reviewed = step(&p, "review").end_p50;
    let f = step(&p, "freeze");
    assert_eq!(
        (f.start, f.end_p50),
        (reviewed, reviewed + chrono::Days::new(7))
    );
    assert!(title(f).contains("15 minutes"));
    let del = step(&p, "deletion");
    assert_eq!(del.end_p50, reviewed + chrono::Days::new(8));
    assert_eq!(p.finish.p50, del.end_p50);
    let mut b = fixed_review(5);
    b.closing.freeze_days = crate::rules::FreezeDays::Flat(9);
    b.closing.deletion_day = Some(12);
    let p = close(&b, &s, &Account::default());
    assert_eq!(step(&p, "freeze").end_p50, reviewed + chrono::Days::new(9));
    assert_eq!(
        step(&p, "deletion").end_p50,
        reviewed + chrono::Days::new(12)
    );
}

#[test]
fn d9_name_and_licence_cooldowns_after_deletion() {
    let s = scenario(start(), |_| {});
    let p = close(&fixed_review(5), &s, &Account::default());
    let deleted = step(&p, "deletion").end_p50;
    assert_eq!(
        step(&p, "name_cooldown").end_p50,
        deleted + chrono::Days::new(30)
    );
    assert_eq!(
        p.name_reuse.map(|n| n.p50),
        Some(deleted + chrono::Days::new(30))
    );
    assert_eq!(
        p.licence_reuse.map(|n| n.p50),
        Some(deleted + chrono::Days::new(15))
    );
    let mut b = fixed_review(5);
    b.closing.name_cooldown_days = 45;
    b.closing.licence_cooldown_days = 20;
    let p = close(&b, &s, &Account::default());
    assert_eq!(
        p.name_reuse.map(|n| n.p90),
        Some(deleted + chrono::Days::new(45))
    );
    assert_eq!(
        p.licence_reuse.map(|n| n.p90),
        Some(deleted + chrono::Days::new(20))
    );
}

#[test]
fn b1_export_batches_from_the_article_count() {
    let s = scenario(start(), |_| {});
    let p = close(&book(), &s, &busy());
    assert!(notes(step(&p, "backup"))
        .iter()
        .any(|n| n.contains("9 export batch")));
    let mut b = book();
    b.backup.articles_per_export = 50;
    let p = close(&b, &s, &busy());
    assert!(notes(step(&p, "backup"))
        .iter()
        .any(|n| n.contains("17 export batch")));
}

#[test]
fn b2_retention_dates_and_the_backup_deadline() {
    let s = scenario(start(), |_| {});
    let p = close(&book(), &s, &Account::default());
    let bk = step(&p, "backup");
    assert!(
        notes(bk).iter().any(|n| n.contains("2026-04-02")),
        "{:?}",
        notes(bk)
    );
    assert!(notes(bk).iter().any(|n| n.contains("2026-03-01")));
    assert_eq!(bk.end_p50, step(&p, "submit").start);
    let mut b = book();
    b.backup.interaction_days = 30;
    let p = close(&b, &s, &Account::default());
    assert!(notes(step(&p, "backup"))
        .iter()
        .any(|n| n.contains("2026-05-02")));
}

#[test]
fn d7_freeze_grows_with_the_followers_under_tiers() {
    let mut b = fixed_review(5);
    b.closing.freeze_days = crate::rules::FreezeDays::Tiers(vec![
        crate::rules::FreezeTier {
            up_to_followers: Some(1000),
            days: 7,
        },
        crate::rules::FreezeTier {
            up_to_followers: None,
            days: 15,
        },
    ]);
    b.closing.deletion_day = None;
    b.closing.deletion_days_after_freeze = Some(1);
    for (followers, freeze) in [(1000, 7), (1001, 15)] {
        let s = scenario(start(), |i| i.followers = Some(followers));
        let p = close(&b, &s, &Account::default());
        let reviewed = step(&p, "review").end_p50;
        let f = step(&p, "freeze");
        assert_eq!(
            f.end_p50,
            reviewed + chrono::Days::new(freeze),
            "{followers}"
        );
        assert!(
            title(f).contains(&format!("{freeze}-day freeze")),
            "{}",
            title(f)
        );
        assert_eq!(
            step(&p, "deletion").end_p50,
            reviewed + chrono::Days::new(freeze + 1)
        );
    }
}

#[test]
fn close_without_a_follower_count_assumes_none() {
    let start = start();
    let input = ScenarioInput {
        start_date: Some(start),
        ..Default::default()
    };
    let s = input.build_partial(start).expect("a count is not needed");
    assert_eq!(s.followers, None);
    let Ok(Planned::Plan(p)) = plan(
        cal(),
        &book(),
        &s,
        &Account::default(),
        Goal::Close,
        &opts(50),
    ) else {
        panic!("closing plans without a count");
    };
    // nothing is said about followers that were never counted
    assert_eq!(p.followers_lost, None);
    assert_eq!(p.scenario.followers, None);
    let json = serde_json::to_value(&*p).expect("serialises");
    assert_eq!(json["scenario"]["followers"], serde_json::Value::Null);
    // the seed's D7 freeze is flat: nothing to warn about
    assert!(!p
        .warnings
        .iter()
        .any(|w| matches!(w, Warning::FreezeByFollowers { .. })));
    // a rulebook whose D7 freeze grows with the count: the shortest, with a warning
    let observed = Rulebook::from_toml(crate::rules::builtin::OBSERVED_TOML)
        .expect("observed rulebook is valid");
    let Ok(Planned::Plan(p)) = plan(
        cal(),
        &observed,
        &s,
        &Account::default(),
        Goal::Close,
        &opts(50),
    ) else {
        panic!("closing plans without a count");
    };
    let shortest = observed.closing.freeze_days_for(1);
    assert!(p.warnings.contains(&Warning::FreezeByFollowers {
        shortest_days: shortest
    }));
    let reviewed = step(&p, "review").end_p50;
    assert_eq!(
        step(&p, "freeze").end_p50,
        reviewed + chrono::Days::new(u64::from(shortest))
    );
}

#[test]
fn m2_options_try_a_target_subject_the_rulebook_allows() {
    // observed: no target may be a personal account, but personal → enterprise is allowed, so
    // a personal account's cross-entity way is open (into an enterprise target)
    let observed = Rulebook::from_toml(crate::rules::builtin::OBSERVED_TOML).expect("valid");
    let s = scenario(start(), |i| {
        i.source_subject = Some(crate::domain::Subject::Personal)
    });
    let ranked = super::super::options(cal(), &observed, &s, &Account::default(), &opts(200))
        .expect("ranks");
    let cross = ranked
        .options
        .iter()
        .find(|o| o.way == super::super::options::Way::CrossEntityMigration)
        .expect("listed");
    assert!(cross.allowed, "{:?}", cross.violations);
}
