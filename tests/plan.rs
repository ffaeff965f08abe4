//! End-to-end tests of `fanplan plan`: each goal, the JSON keys and step ids of SPEC §6, blocked
//! steps with their unblock dates, `--options`, `--charts`, and the exit codes 1, 2 and 3.
//! Every test uses a fixed `--start` date.

// Test and bench helpers may panic on a broken fixture: that is a failed test, not a user error.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use predicates::prelude::*;
use serde_json::Value;

mod common;
use common::{fanplan, json_ok};

fn step_ids(v: &Value) -> Vec<String> {
    v["steps"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s["id"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn step<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["steps"]
        .as_array()
        .and_then(|a| a.iter().find(|s| s["id"] == id))
        .unwrap_or_else(|| panic!("no step {id}"))
}

const CLOSE: [&str; 6] = [
    "plan",
    "--goal",
    "close",
    "--start",
    "2026-06-01",
    "--format",
];

#[test]
fn close_json_has_the_spec_keys_and_step_ids() {
    let mut args = CLOSE.to_vec();
    args.extend([
        "json",
        "--payment",
        "--mini-programs",
        "1",
        "--followers",
        "5000",
        "--runs",
        "2000",
    ]);
    let v = json_ok(&args);
    assert_eq!(v["goal"], "close");
    assert_eq!(
        step_ids(&v),
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
    for s in v["steps"].as_array().into_iter().flatten() {
        for key in [
            "id",
            "rule",
            "title",
            "unit",
            "start",
            "end_p50",
            "end_p90",
            "status",
            "reason",
            "unblocks_on",
            "cost_yuan",
        ] {
            assert!(s.get(key).is_some(), "step {} lacks {key}", s["id"]);
        }
        assert!(["working_days", "calendar_days"].contains(&s["unit"].as_str().unwrap_or("")));
        assert!(["ready", "todo", "blocked"].contains(&s["status"].as_str().unwrap_or("")));
    }
    assert_eq!(step(&v, "review")["unit"], "working_days");
    assert_eq!(step(&v, "announce")["end_p50"], "2026-07-01");
    for key in ["p50", "p90"] {
        assert!(v["finish"][key].is_string());
        assert!(v["name_reuse"][key].is_string());
    }
    for key in ["min", "p50", "max"] {
        assert_eq!(v["cost_yuan"][key], 0.0);
    }
    for key in ["p5", "p50", "p95"] {
        assert_eq!(v["followers"][key], 0.0);
        assert_eq!(v["followers_lost"][key], 5000.0);
    }
    assert!(v["warnings"].is_array());
    // Without --followers the count is unknown, not a placeholder.
    let mut args = CLOSE.to_vec();
    args.extend(["json", "--runs", "100"]);
    let v = json_ok(&args);
    assert!(v["scenario"]["followers"].is_null());
    assert!(v["followers_lost"].is_null());
}

#[test]
fn close_table_lists_steps_and_totals() {
    fanplan()
        .args(["plan", "--goal", "注销", "--start", "2026-06-01"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "Plan: close the enterprise subscription account",
        ))
        .stdout(predicate::str::contains("name_cooldown"))
        .stdout(predicate::str::contains("7–15 working days"))
        .stdout(predicate::str::contains("Finish:"))
        .stdout(predicate::str::contains("Followers: all lost"));
}

#[test]
fn migrate_json_has_route_costs_and_followers() {
    let v = json_ok(&[
        "plan",
        "--goal",
        "migrate",
        "--followers",
        "120000",
        "--cross-entity",
        "--start",
        "2026-06-01",
        "--runs",
        "2000",
        "--format",
        "json",
    ]);
    assert_eq!(v["goal"], "migrate");
    assert_eq!(v["route"], "cross_entity");
    assert_eq!(
        step_ids(&v),
        [
            "announce",
            "backup",
            "notarise",
            "apply",
            "review_transfer",
            "unfollow_window",
            "source_closed"
        ]
    );
    assert_eq!(v["cost_yuan"]["min"], 800.0);
    assert_eq!(v["cost_yuan"]["max"], 1800.0);
    let p50 = v["followers"]["p50"].as_f64().unwrap_or(0.0);
    assert!((0.65 * 120000.0..=0.75 * 120000.0).contains(&p50), "{p50}");
    // M6 cross-entity: 10–15 days after the application.
    assert_eq!(step(&v, "apply")["start"], "2026-06-21");
    assert_eq!(step(&v, "review_transfer")["unit"], "calendar_days");
    assert!(v["finish"]["p90"].as_str().unwrap_or("") <= "2026-07-13");
}

#[test]
fn same_inputs_same_plan() {
    let args = [
        "plan",
        "--goal",
        "migrate",
        "--followers",
        "9000",
        "--start",
        "2026-06-01",
        "--seed",
        "7",
        "--runs",
        "500",
        "--format",
        "json",
    ];
    assert_eq!(json_ok(&args), json_ok(&args));
}

#[test]
fn recent_activity_and_notice_block_with_unblock_dates() {
    let mut args = CLOSE.to_vec();
    args.extend([
        "json",
        "--last-active",
        "2026-05-25",
        "--announced",
        "2026-05-20",
        "--subject",
        "personal",
        "--balance",
        "3.5",
    ]);
    let v = json_ok(&args);
    let i = step(&v, "inactivity");
    assert_eq!(i["status"], "blocked");
    assert_eq!(i["unblocks_on"], "2026-06-24");
    assert!(i["reason"].as_str().unwrap_or("").starts_with("D1"));
    let a = step(&v, "announce");
    assert_eq!(a["status"], "blocked");
    assert_eq!(a["unblocks_on"], "2026-06-19");
    let s = step(&v, "submit");
    assert_eq!(s["status"], "blocked");
    assert!(s["reason"].as_str().unwrap_or("").contains("D4"));
    assert!(s["unblocks_on"].is_null());
    assert_eq!(s["start"], "2026-06-24");
}

#[test]
fn forbidden_migration_exits_3_with_the_rules_and_options() {
    fanplan()
        .args([
            "plan",
            "--goal",
            "migrate",
            "--followers",
            "1000",
            "--target-kind",
            "service",
            "--target-unverified",
            "--start",
            "2026-06-01",
        ])
        .assert()
        .code(3)
        .stdout(predicate::str::contains("M1"))
        .stdout(predicate::str::contains("M3"))
        .stdout(predicate::str::contains("fanplan plan --options"));
    let out = fanplan()
        .args([
            "plan",
            "--goal",
            "migrate",
            "--followers",
            "1000",
            "--subject",
            "personal",
            "--target-subject",
            "enterprise",
            "--start",
            "2026-06-01",
            "--format",
            "json",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(3));
    let v: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v["allowed"], false);
    assert_eq!(v["goal"], "migrate");
    assert_eq!(v["violations"][0]["rule"], "M2");
    assert_eq!(v["see"], "fanplan plan --options");
}

#[test]
fn options_rank_the_ways_and_list_the_forbidden() {
    let v = json_ok(&[
        "plan",
        "--options",
        "--followers",
        "50000",
        "--start",
        "2026-06-01",
        "--runs",
        "500",
        "--format",
        "json",
    ]);
    let ways: Vec<&str> = v["options"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|o| o["way"].as_str())
        .collect();
    assert_eq!(
        ways,
        ["same_entity_migration", "cross_entity_migration", "close"]
    );
    assert_eq!(v["options"][0]["rank"], 1);
    let v = json_ok(&[
        "plan",
        "--options",
        "--followers",
        "50000",
        "--target-unverified",
        "--start",
        "2026-06-01",
        "--runs",
        "200",
        "--format",
        "json",
    ]);
    assert_eq!(v["options"][0]["way"], "close");
    assert_eq!(v["options"][1]["allowed"], false);
    assert_eq!(v["options"][1]["violations"][0]["rule"], "M3");
    fanplan()
        .args([
            "plan",
            "--options",
            "--followers",
            "50000",
            "--target-unverified",
            "--start",
            "2026-06-01",
            "--runs",
            "200",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("forbidden by M3"));
}

#[test]
fn bad_flags_exit_2() {
    for args in [
        vec!["plan", "--goal", "foo"],
        vec!["plan", "--goal", "close", "--last-active", "2026-02-30"],
        vec!["plan", "--goal", "close", "--announced", "yesterday"],
        vec!["plan", "--goal", "close", "--balance", "-1"],
        vec!["plan", "--goal", "close", "--mini-programs", "two"],
        vec!["plan", "--start", "2026-06-01"],
        vec!["plan", "--goal", "close", "--options"],
        vec!["plan", "--goal", "migrate", "--start", "2026-06-01"],
        vec![
            "plan",
            "--goal",
            "close",
            "--start",
            "2026-06-01",
            "--announced",
            "2099-01-01",
        ],
    ] {
        let out = fanplan().args(&args).output().expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
    fanplan()
        .args(["plan", "--goal", "migrate", "--start", "2026-06-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--followers"));
}

#[test]
fn charts_write_the_timeline_and_fail_with_1_when_unwritable() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("charts/new");
    let mut args = CLOSE.to_vec();
    args.extend(["table", "--runs", "200", "--charts"]);
    fanplan()
        .args(&args)
        .arg(&out)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("wrote ").and(predicate::str::contains("timeline.png")));
    let png = std::fs::read(out.join("timeline.png")).expect("timeline.png written");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    // A file where the directory should be.
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").expect("write");
    fanplan().args(&args).arg(&file).assert().code(1);
}

#[test]
fn another_rulebook_moves_the_dates() {
    let toml = fanplan()
        .args(["rules", "--toml"])
        .output()
        .expect("runs")
        .stdout;
    let text = String::from_utf8(toml).expect("UTF-8");
    assert!(text.contains("announce_days = 30"));
    let changed = text
        .replace("announce_days = 30", "announce_days = 10")
        .replace("inactivity_days = 30", "inactivity_days = 10");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rules.toml");
    std::fs::write(&path, changed).expect("write");
    let out = fanplan()
        .arg("--rules")
        .arg(&path)
        .args([
            "plan",
            "--goal",
            "close",
            "--start",
            "2026-06-01",
            "--format",
            "json",
        ])
        .output()
        .expect("runs");
    let v: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(step(&v, "announce")["end_p50"], "2026-06-11");
    assert_eq!(step(&v, "submit")["start"], "2026-06-11");
}

#[test]
fn help_shows_examples() {
    fanplan()
        .args(["plan", "--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Examples:"))
        .stdout(predicate::str::contains("--last-active"))
        .stdout(predicate::str::contains("--options"));
}

#[test]
fn sampling_lhs_is_stated_and_agrees_with_mc() {
    let args = [
        "plan",
        "--goal",
        "migrate",
        "--followers",
        "120000",
        "--cross-entity",
        "--start",
        "2026-11-30",
        "--format",
        "json",
    ];
    let mc = json_ok(&args);
    let lhs = json_ok(&[args.as_slice(), &["--sampling", "lhs"]].concat());
    assert!(mc.get("sampling").is_none());
    assert_eq!(lhs["sampling"], "lhs");
    assert_eq!(
        lhs,
        json_ok(&[args.as_slice(), &["--sampling", "lhs"]].concat())
    );
    // Both estimate the same kept followers. The mc median's 95% interval at 10,000 runs is
    // about ±1.96·√(0.25/10,000)·12,000 ≈ ±235 (retention uniform over 65–75% of 120,000: a
    // density of 1/12,000 per follower), lhs's much narrower; 600 is 2.5 times that.
    let (a, b) = (
        mc["followers"]["p50"].as_f64().expect("p50"),
        lhs["followers"]["p50"].as_f64().expect("p50"),
    );
    assert!((a - b).abs() < 600.0, "{a} vs {b}");
    let options = json_ok(&[
        "plan",
        "--options",
        "--followers",
        "120000",
        "--start",
        "2026-11-30",
        "--format",
        "json",
        "--sampling",
        "lhs",
    ]);
    assert_eq!(options["sampling"], "lhs");
}
