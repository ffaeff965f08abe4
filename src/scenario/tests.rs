//! Tests of scenario building: defaults, every field's checks, and partial scenarios.

use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default()
}

fn base() -> ScenarioInput {
    ScenarioInput {
        followers: Some(1000),
        ..Default::default()
    }
}

#[test]
fn defaults_follow_the_spec() {
    let s = base().build(today()).expect("valid");
    assert_eq!(s.source_kind, Kind::Subscription);
    assert_eq!(s.source_subject, Subject::Enterprise);
    assert_eq!(s.target_kind, Kind::Subscription);
    assert_eq!(s.target_subject, Subject::Enterprise);
    assert!(!s.cross_entity);
    assert!(s.target_verified);
    assert_eq!(s.target_followers, 0);
    assert_eq!(s.overlap, 0.0);
    assert_eq!(s.horizon_days, 60);
    assert_eq!(s.start_date, today());
    assert_eq!((s.notary_fee_min, s.notary_fee_max), (None, None));
}

#[test]
fn target_defaults_to_the_source() {
    let s = ScenarioInput {
        source_kind: Some(Kind::Service),
        source_subject: Some(Subject::Government),
        ..base()
    }
    .build(today())
    .expect("valid");
    assert_eq!(s.target_kind, Kind::Service);
    assert_eq!(s.target_subject, Subject::Government);
}

#[test]
fn different_subjects_imply_cross_entity() {
    let s = ScenarioInput {
        target_subject: Some(Subject::Government),
        ..base()
    }
    .build(today())
    .expect("valid");
    assert!(s.cross_entity && s.cross_entity_implied);
}

#[test]
fn each_bad_value_names_its_field() {
    let cases: Vec<(ScenarioInput, Field)> = vec![
        (ScenarioInput::default(), Field::Followers),
        (
            ScenarioInput {
                followers: Some(0),
                ..base()
            },
            Field::Followers,
        ),
        (
            ScenarioInput {
                overlap: Some(1.5),
                ..base()
            },
            Field::Overlap,
        ),
        (
            ScenarioInput {
                overlap: Some(f64::NAN),
                ..base()
            },
            Field::Overlap,
        ),
        (
            ScenarioInput {
                daily_growth: Some(0.5),
                ..base()
            },
            Field::DailyGrowth,
        ),
        (
            ScenarioInput {
                daily_growth: Some(-0.5),
                ..base()
            },
            Field::DailyGrowth,
        ),
        (
            ScenarioInput {
                daily_growth: Some(0.4),
                horizon: Some(3650),
                ..base()
            },
            Field::DailyGrowth,
        ),
        (
            ScenarioInput {
                horizon: Some(0),
                ..base()
            },
            Field::Horizon,
        ),
        (
            ScenarioInput {
                horizon: Some(3651),
                ..base()
            },
            Field::Horizon,
        ),
        (
            ScenarioInput {
                notary_fee_min: Some(900.0),
                notary_fee_max: Some(100.0),
                ..base()
            },
            Field::NotaryFeeMin,
        ),
        (
            ScenarioInput {
                notary_fee_min: Some(-1.0),
                ..base()
            },
            Field::NotaryFeeMin,
        ),
        (
            ScenarioInput {
                value_per_follower: Some(-2.0),
                ..base()
            },
            Field::ValuePerFollower,
        ),
        (
            ScenarioInput {
                value_per_follower: Some(1e308),
                ..base()
            },
            Field::ValuePerFollower,
        ),
        (
            ScenarioInput {
                notary_fee_max: Some(f64::INFINITY),
                ..base()
            },
            Field::NotaryFeeMax,
        ),
        (
            ScenarioInput {
                start_date: Some(NaiveDate::MAX),
                ..base()
            },
            Field::StartDate,
        ),
        (
            ScenarioInput {
                start_date: NaiveDate::from_ymd_opt(1899, 12, 31),
                ..base()
            },
            Field::StartDate,
        ),
        (
            ScenarioInput {
                start_date: NaiveDate::from_ymd_opt(9990, 1, 1),
                ..base()
            },
            Field::StartDate,
        ),
        (
            ScenarioInput {
                notary_fee_max: Some(1e16),
                ..base()
            },
            Field::NotaryFeeMax,
        ),
    ];
    for (input, field) in cases {
        let e = input.build(today()).expect_err("must be refused");
        assert_eq!(e.field, field, "{input:?}");
    }
}

#[test]
fn notary_ends_are_kept_apart_for_the_rulebook_to_fill() {
    let s = ScenarioInput {
        notary_fee_min: Some(800.0),
        ..base()
    }
    .build(today())
    .expect("valid");
    assert_eq!((s.notary_fee_min, s.notary_fee_max), (Some(800.0), None));
}

#[test]
fn a_partial_scenario_may_lack_the_follower_count_and_nothing_else() {
    let input = ScenarioInput::default();
    assert_eq!(
        input.build(today()),
        Err(err(Field::Followers, Problem::Required))
    );
    let partial = input.build_partial(today()).expect("no count needed");
    assert_eq!(partial.followers, None);
    assert_eq!(partial.known(), None);
    let json = serde_json::to_value(&partial).expect("serialises");
    assert_eq!(json["followers"], serde_json::Value::Null);
    // a count that is given is still checked
    let zero = ScenarioInput {
        followers: Some(0),
        ..Default::default()
    };
    assert!(matches!(
        zero.build_partial(today()),
        Err(ScenarioError {
            field: Field::Followers,
            problem: Problem::CountOutside { value: 0, .. }
        })
    ));
    // the other fields are checked as in a full scenario
    let bad = ScenarioInput {
        overlap: Some(2.0),
        ..Default::default()
    };
    assert_eq!(
        bad.build_partial(today()).map(|_| ()),
        Err(err(Field::Overlap, Problem::ShareOutside(2.0)))
    );
    // a known count makes the full scenario, the same as building it directly
    let full = base().build(today()).expect("valid");
    assert_eq!(full.partial().known(), Some(full.clone()));
    assert_eq!(
        base().build_partial(today()).expect("valid").known(),
        Some(full)
    );
}
