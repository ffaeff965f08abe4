//! End-to-end tests of the holiday calendar (SPEC §8): `workdays` with its basis, `fanplan
//! calendar`, the `--holidays` overlay (flag and FANPLAN_HOLIDAYS), bad files (exit 2 naming
//! the file, the key and the line), and the provisional warning that no output drops.

// Test helpers may panic on a broken fixture: that is a failed test, not a user error.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;
use common::fanplan;
use predicates::prelude::*;
use serde_json::Value;
use std::io::Write;

/// The example user file of the README.
const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/examples/holidays-2027.toml"
);

fn json(cmd: &mut Command) -> Value {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn file(text: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().expect("temp file");
    f.write_all(text.as_bytes()).expect("written");
    f
}

#[test]
fn new_year_2027_is_provisional() {
    let v = json(fanplan().args([
        "workdays",
        "--from",
        "2026-12-31",
        "--add",
        "1",
        "--format",
        "json",
    ]));
    assert_eq!(v["date"], "2027-01-04");
    assert_eq!(v["basis"], "provisional");
    assert_eq!(v["weekends_only"], false);
    // Inside 2026: official.
    let v = json(fanplan().args([
        "workdays",
        "--from",
        "2026-02-13",
        "--add",
        "2",
        "--format",
        "json",
    ]));
    assert_eq!(
        (v["date"].as_str(), v["basis"].as_str()),
        (Some("2026-02-24"), Some("official"))
    );
    // The table answer warns on standard error, naming the year and the flag.
    fanplan()
        .args(["workdays", "--from", "2026-12-31", "--add", "1"])
        .assert()
        .code(0)
        .stdout("2027-01-04\n")
        .stderr(predicate::str::contains("2027").and(predicate::str::contains("--holidays")));
}

#[test]
fn a_user_file_changes_the_answers() {
    // The example makes Saturday 2027-02-13 a working day and Feb 5–12 days off.
    let v = json(fanplan().args([
        "--holidays",
        EXAMPLE,
        "workdays",
        "--from",
        "2027-02-04",
        "--add",
        "1",
        "--format",
        "json",
    ]));
    assert_eq!(
        (v["date"].as_str(), v["basis"].as_str()),
        (Some("2027-02-13"), Some("user"))
    );
    let v = json(fanplan().args([
        "workdays",
        "--from",
        "2027-02-04",
        "--add",
        "1",
        "--format",
        "json",
    ]));
    assert_eq!(v["date"], "2027-02-11");
    // The same through the environment.
    let v = json(fanplan().env("FANPLAN_HOLIDAYS", EXAMPLE).args([
        "workdays",
        "--from",
        "2027-02-04",
        "--add",
        "1",
        "--format",
        "json",
    ]));
    assert_eq!(v["basis"], "user");
}

#[test]
fn calendar_lists_a_year_with_its_basis() {
    let v = json(fanplan().args(["calendar", "--year", "2027", "--format", "json"]));
    assert_eq!(v["basis"], "provisional");
    let days = v["days"].as_array().expect("days");
    assert!(days
        .iter()
        .any(|d| d["date"] == "2027-02-06" && d["kind"] == "off" && d["name"] == "春节"));
    assert!(days
        .iter()
        .all(|d| d["basis"] == "provisional" && d["kind"] == "off"));
    let v = json(fanplan().args([
        "--holidays",
        EXAMPLE,
        "calendar",
        "--year",
        "2027",
        "--format",
        "json",
    ]));
    assert_eq!(v["basis"], "user");
    assert!(v["days"]
        .as_array()
        .expect("days")
        .iter()
        .any(|d| d["date"] == "2027-02-13" && d["kind"] == "work" && d["basis"] == "user"));
    fanplan()
        .args(["calendar", "--year", "2026", "--format", "csv"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::starts_with("date,kind,name,basis\n")
                .and(predicate::str::contains("2026-02-14,work,春节,official")),
        );
    fanplan()
        .args(["calendar", "--year", "2026"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "国务院办公厅关于2026年部分节假日安排的通知",
        ));
    fanplan()
        .args(["calendar", "--year", "3000"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--year"));
}

#[test]
fn bad_files_exit_2_naming_file_key_and_line() {
    let cases = [
        // A date outside its year.
        ("[[years]]\nyear = 2027\n[[years.holidays]]\nname = \"元旦\"\noff = [\"2026-12-31\"]\n", "line 5, key `off`"),
        // A day both off and working.
        ("[[years]]\nyear = 2027\n[[years.holidays]]\nname = \"春节\"\noff = [\"2027-02-06\"]\nwork = [\"2027-02-06\"]\n", "line 6, key `work`"),
        // Not a date.
        ("[[years]]\nyear = 2027\n[[years.holidays]]\nname = \"春节\"\noff = [\"2027-02-30\"]\n", "line 5, key `off`"),
        // Malformed TOML.
        ("[[years]]\nyear = 2027\nname = \n", "line 3"),
    ];
    for (text, want) in cases {
        let f = file(text);
        let name = f.path().display().to_string();
        fanplan()
            .args([
                "--holidays",
                &name,
                "workdays",
                "--from",
                "2027-01-04",
                "--add",
                "1",
            ])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(want).and(predicate::str::contains(name.as_str())));
    }
    fanplan()
        .args(["--holidays", "/no/such/file.toml", "calendar"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--holidays"));
}

const PLAN: [&str; 8] = [
    "plan",
    "--followers",
    "120000",
    "--cross-entity",
    "--start",
    "2026-12-01",
    "--runs",
    "200",
];

#[test]
fn the_provisional_warning_is_never_dropped() {
    let has_warning = |s: &str| {
        s.contains("provisional holidays") && s.contains("2027") && s.contains("--holidays")
    };
    // plan --goal: table, JSON and CSV (on standard error).
    for format in ["table", "json", "csv"] {
        let out = fanplan()
            .args(PLAN)
            .args(["--goal", "close", "--format", format])
            .output()
            .expect("runs");
        assert!(out.status.success());
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(has_warning(&text), "plan --format {format}: {text}");
    }
    // plan --options: table, JSON and CSV.
    for format in ["table", "json", "csv"] {
        let out = fanplan()
            .args(PLAN)
            .args(["--options", "--format", format])
            .output()
            .expect("runs");
        assert!(out.status.success());
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            has_warning(&text),
            "plan --options --format {format}: {text}"
        );
        if format == "table" {
            assert!(text.contains(" *") && text.contains("rests on provisional holidays"));
        }
    }
    let v = json(fanplan().args(PLAN).args(["--options", "--format", "json"]));
    assert_eq!(v["provisional_years"], serde_json::json!([2027]));
    assert!(v["warnings"]
        .as_array()
        .is_some_and(|w| w.iter().any(|x| x.as_str().is_some_and(has_warning))));
}

#[test]
fn plan_steps_carry_their_basis() {
    let v = json(
        fanplan()
            .args(PLAN)
            .args(["--goal", "close", "--format", "json"]),
    );
    let step = |id: &str| {
        v["steps"]
            .as_array()
            .and_then(|a| a.iter().find(|s| s["id"] == id))
            .cloned()
            .unwrap_or_else(|| panic!("no step {id}"))
    };
    assert_eq!(step("review")["basis"], "provisional");
    assert_eq!(step("announce")["basis"], Value::Null);
    // With the user's 2027 the plan rests on user days, and no warning is left.
    let v = json(
        fanplan()
            .args(["--holidays", EXAMPLE])
            .args(PLAN)
            .args(["--goal", "close", "--format", "json"]),
    );
    assert_eq!(v["provisional_years"], serde_json::json!([]));
    let review = v["steps"]
        .as_array()
        .and_then(|a| a.iter().find(|s| s["id"] == "review"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(review["basis"], "user");
    // The table marks provisional dates.
    fanplan()
        .args(PLAN)
        .args(["--goal", "close"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains(" *")
                .and(predicate::str::contains("rests on provisional holidays")),
        );
}
