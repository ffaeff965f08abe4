//! End-to-end tests of the rulebooks: the built-in names (`seed`, `observed`), `rules --list`,
//! `rules --diff`, statements written from the numbers in force, and the new rule M9.

// Test helpers may panic on a broken fixture: that is a failed test, not a user error.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use predicates::prelude::*;

mod common;
use common::{fanplan, json};

#[test]
fn observed_allows_personal_to_enterprise_and_forbids_a_personal_target() {
    let check = |rules: &str, from: &str, to: &str| {
        fanplan()
            .args(["--rules", rules, "check", "--subject", from])
            .args(["--target-subject", to, "--followers", "5000"])
            .assert()
    };
    check("observed", "personal", "enterprise").code(0);
    check("observed", "enterprise", "personal")
        .code(3)
        .stdout(predicate::str::contains("M2"))
        .stdout(predicate::str::contains(
            "an enterprise-subject account cannot migrate into a personal-subject account",
        ));
    check("seed", "personal", "enterprise")
        .code(3)
        .stdout(predicate::str::contains("M2"));
}

#[test]
fn m9_observed_caps_the_targets_followers_when_all_move() {
    let check = |rules: &str, target: &str| {
        fanplan()
            .args(["--rules", rules, "check", "--followers", "5000"])
            .args(["--target-followers", target, "--format", "json"])
            .output()
            .expect("runs")
    };
    let at_cap = check("observed", "1000");
    assert_eq!(at_cap.status.code(), Some(0));
    let above = check("observed", "1001");
    assert_eq!(above.status.code(), Some(3));
    let v: serde_json::Value = serde_json::from_slice(&above.stdout).expect("JSON");
    assert_eq!(v["violations"][0]["rule"], "M9");
    let message = v["violations"][0]["message"].as_str().unwrap_or("");
    assert!(
        message.contains("1,001") && message.contains("at most 1,000"),
        "{message}"
    );
    assert!(v["violations"][0]["source"]
        .as_str()
        .unwrap_or("")
        .contains("2023-11-24"));
    // the article sets no cap
    assert_eq!(check("seed", "50000").status.code(), Some(0));
}

#[test]
fn rules_list_names_the_builtins() {
    fanplan()
        .args(["rules", "--list"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("seed (default)"))
        .stdout(predicate::str::contains("observed"));
    let v = json(&["rules", "--list", "--format", "json"]);
    let names: Vec<&str> = v
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|b| b["name"].as_str())
        .collect();
    assert_eq!(names, ["seed", "observed"]);
}

#[test]
fn rules_diff_lists_every_difference_with_its_source() {
    let out = fanplan()
        .args(["rules", "--diff", "seed", "observed"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    for key in [
        "migration.unfollow_window_days",
        "migration.routes.subscription_to_subscription.notary",
        "migration.forbidden_subject_pairs",
        "migration.allowed_kind_pairs",
        "migration.target_followers_max",
        "closing.freeze_days",
    ] {
        assert!(text.contains(key), "{key} missing from:\n{text}");
    }
    assert!(text.contains("11467.com"), "{text}");
    let v = json(&["rules", "--diff", "seed", "observed", "--format", "json"]);
    let rows = v["differences"].as_array().expect("differences");
    let row = |key: &str| {
        rows.iter()
            .find(|r| r["key"] == key)
            .unwrap_or_else(|| panic!("{key} not in the differences"))
    };
    let window = row("migration.unfollow_window_days");
    assert_eq!(
        (
            window["rule"].as_str(),
            window["a"].as_u64(),
            window["b"].as_u64()
        ),
        (Some("M7"), Some(7), Some(1))
    );
    assert_eq!(window["source_a"], "seed §三");
    assert!(window["source_b"]
        .as_str()
        .unwrap_or("")
        .contains("jmwtwz.cn"));
    let cap = row("migration.target_followers_max");
    assert!(cap["a"].is_null() && cap["b"] == 1000);
    let freeze = row("closing.freeze_days");
    assert_eq!(freeze["b"].as_array().map(Vec::len), Some(4));
    // numbers the two share are not listed
    assert!(rows.iter().all(|r| r["key"] != "migration.review_fee_yuan"));
    // a rulebook against itself has no differences
    let same = json(&["rules", "--diff", "seed", "seed", "--format", "json"]);
    assert_eq!(same["differences"].as_array().map(Vec::len), Some(0));
}

#[test]
fn a_changed_number_shows_in_the_rules_in_force() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("copy.toml");
    let text = fanplan::rules::SEED_TOML.replacen(
        "unfollow_window_days = 7",
        "unfollow_window_days = 3",
        1,
    );
    assert_ne!(text, fanplan::rules::SEED_TOML);
    std::fs::write(&path, text).expect("write");
    fanplan()
        .args(["--rules", path.to_str().expect("UTF-8 path"), "rules"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("during a 3-day window"))
        .stdout(predicate::str::contains("7-day window").not());
    fanplan()
        .arg("rules")
        .assert()
        .stdout(predicate::str::contains("during a 7-day window"));
    // In Chinese the article's wording (with its 7 days) gives way to the numbers in force.
    fanplan()
        .args([
            "--lang",
            "zh",
            "--rules",
            path.to_str().expect("UTF-8 path"),
            "rules",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("3 天内用户可自主取消关注"))
        .stdout(predicate::str::contains("7 天内用户可自主取消关注").not())
        .stdout(predicate::str::contains("during a").not());
    fanplan()
        .args(["--lang", "zh", "rules"])
        .assert()
        .stdout(predicate::str::contains("7 天内用户可自主取消关注"));
    // the copy against the original: the one number, the copy named by its path
    let copy = path.to_str().expect("UTF-8 path");
    let v = json(&["rules", "--diff", "seed", copy, "--format", "json"]);
    let rows = v["differences"].as_array().expect("differences");
    // the window, and with it the per-day shares of the unfollow curve
    let keys: Vec<&str> = rows.iter().filter_map(|r| r["key"].as_str()).collect();
    assert_eq!(
        keys,
        ["migration.unfollow_window_days", "migration.unfollow_curve"]
    );
    assert!(rows.iter().all(|r| r["rule"] == "M7"));
    fanplan()
        .args(["rules", "--diff", "seed", copy])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(copy));
}

#[test]
fn observed_rules_show_the_reported_process() {
    fanplan()
        .args(["--rules", "observed", "rules"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Rulebook observed"))
        .stdout(predicate::str::contains("1-day window"))
        .stdout(predicate::str::contains(
            "No personal-subject (个人) target",
        ))
        .stdout(predicate::str::contains("at most 1,000 followers"))
        .stdout(predicate::str::contains("confidence: several pages agree"));
    let out = fanplan()
        .args(["--rules", "observed", "rules", "--toml"])
        .output()
        .expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        fanplan::rules::builtin::OBSERVED_TOML
    );
}

#[test]
fn rulebooks_of_earlier_versions_still_load() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("old.toml");
    let text = fanplan::rules::SEED_TOML
        .replacen(
            "allowed_kind_pairs = [\n  { from = \"subscription\", to = \"subscription\" },\n  { from = \"service\", to = \"service\" },\n]",
            "same_kind_only = false",
            1,
        )
        .replacen(
            "forbidden_subject_pairs = [\n  { from = \"personal\", to = \"enterprise\" },\n  { from = \"personal\", to = \"organisation\" },\n]",
            "forbid_personal_to_enterprise = true",
            1,
        );
    assert!(text.contains("same_kind_only") && text.contains("forbid_personal_to_enterprise"));
    std::fs::write(&path, text).expect("write");
    let rules = path.to_str().expect("UTF-8 path");
    fanplan()
        .args(["--rules", rules, "check", "--target-kind", "service"])
        .assert()
        .code(0);
    fanplan()
        .args([
            "--rules",
            rules,
            "check",
            "--subject",
            "personal",
            "--target-subject",
            "enterprise",
        ])
        .assert()
        .code(3);
}
