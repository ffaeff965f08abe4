//! End-to-end tests of the binary: `check`, `simulate`, `rules`, `workdays`, completions and
//! the man page; every exit code and the messages of bad flags and bad rulebooks.

// Test and bench helpers may panic on a broken fixture: that is a failed test, not a user error.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use predicates::prelude::*;
use serde_json::Value;

mod common;
use common::{fanplan, json};

const SIM: [&str; 7] = [
    "simulate",
    "--followers",
    "120000",
    "--cross-entity",
    "--start",
    "2026-11-30",
    "--runs",
];

#[test]
fn check_allowed_prints_route_and_fees() {
    fanplan()
        .args(["check", "--followers", "120000", "--cross-entity"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Allowed: yes"))
        .stdout(predicate::str::contains("cross_entity"))
        .stdout(predicate::str::contains("notary 500–1,500 yuan (M5)"));
}

#[test]
fn check_forbidden_exits_3_listing_every_rule() {
    fanplan()
        .args([
            "check",
            "--subject",
            "个人",
            "--target-subject",
            "企业",
            "--target-kind",
            "服务号",
            "--target-unverified",
        ])
        .assert()
        .code(3)
        .stdout(
            predicate::str::contains("M1")
                .and(predicate::str::contains("M2"))
                .and(predicate::str::contains("M3")),
        )
        .stdout(predicate::str::contains("fanplan plan --options"));
}

#[test]
fn check_json_has_the_spec_keys() {
    let v = json(&["check", "--kind", "service", "--format", "json"]);
    assert_eq!(v["allowed"], true);
    assert_eq!(v["route"], "service_to_service");
    assert_eq!(v["fee_yuan"]["review"], 300.0);
    assert_eq!(v["fee_yuan"]["notary_min"], 0.0);
    assert_eq!(v["violations"], Value::Array(vec![]));
    // Without --followers the count is unknown, not a placeholder.
    assert_eq!(v["scenario"]["followers"], Value::Null);
    let v = json(&["check", "--followers", "12万", "--format", "json"]);
    assert_eq!(v["scenario"]["followers"], 120_000);
    let v = json(&["check", "--target-unverified", "--format", "json"]);
    assert_eq!(v["allowed"], false);
    assert_eq!(v["route"], Value::Null);
    assert_eq!(v["violations"][0]["rule"], "M3");
    assert_eq!(v["violations"][0]["source"], "seed §三");
    assert!(v["violations"][0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("verified")));
}

#[test]
fn simulate_json_has_the_spec_keys() {
    let mut args = SIM.to_vec();
    args.extend(["2000", "--at-least", "80000", "--format", "json"]);
    let v = json(&args);
    for key in [
        "version",
        "rules",
        "seed",
        "runs",
        "dist",
        "scenario",
        "route",
        "metrics",
        "dates",
        "trajectory",
        "probability_at_least",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["rules"]["name"], "seed");
    assert_eq!(v["runs"], 2000);
    assert_eq!(v["dist"], "uniform");
    assert_eq!(v["route"], "cross_entity");
    for metric in [
        "retention_rate",
        "retained_followers",
        "lost_followers",
        "final_audience",
        "transfer_day",
        "settled_day",
        "cost_yuan",
        "cost_per_retained_follower",
        "lost_value_yuan",
    ] {
        for stat in [
            "mean", "sd", "se", "min", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "max",
        ] {
            assert!(v["metrics"][metric][stat].is_number(), "{metric}.{stat}");
        }
    }
    for d in ["transfer", "settled"] {
        for p in ["p10", "p50", "p90"] {
            let s = v["dates"][d][p].as_str().expect("date string");
            assert!(
                chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok(),
                "{s}"
            );
        }
    }
    let traj = v["trajectory"].as_array().expect("array");
    assert_eq!(traj.len(), 61);
    assert_eq!(traj[0]["date"], "2026-11-30");
    for key in ["day", "date", "mean", "p5", "p10", "p50", "p90", "p95"] {
        assert!(traj[60].get(key).is_some(), "trajectory {key}");
    }
    assert_eq!(v["probability_at_least"]["threshold"], 80000.0);
    assert!(v["probability_at_least"]["se"].is_number());
    assert_eq!(v["scenario"]["followers"], 120000);
    assert_eq!(v["scenario"]["start_date"], "2026-11-30");
}

#[test]
fn simulate_repeats_exactly_and_the_seed_is_printed() {
    let mut args = SIM.to_vec();
    args.push("3000");
    let a = fanplan().args(&args).output().expect("runs");
    let b = fanplan().args(&args).output().expect("runs");
    assert_eq!(a.stdout, b.stdout);
    let text = String::from_utf8_lossy(&a.stdout);
    assert!(text.contains("seed 20170301"), "{text}");
    args.extend(["--seed", "5"]);
    let c = fanplan().args(&args).output().expect("runs");
    assert_ne!(a.stdout, c.stdout);
}

#[test]
fn simulate_forbidden_exits_3() {
    fanplan()
        .args(["simulate", "--followers", "100", "--target-kind", "service"])
        .assert()
        .code(3)
        .stdout(predicate::str::contains("M1"));
}

#[test]
fn simulate_table_names_the_assumptions() {
    fanplan()
        .args([
            "simulate",
            "--followers",
            "12万",
            "--kind",
            "订阅号",
            "--runs",
            "500",
            "--start",
            "2026-11-30",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("120,000 followers"))
        .stdout(predicate::str::contains("Assumptions in force (M"))
        .stdout(predicate::str::contains("Retained followers"));
    // A migration forecast names the migration rules' assumptions only, never the closing
    // rules (D2–D4).
    let v = json(&[
        "simulate",
        "--followers",
        "1000",
        "--runs",
        "100",
        "--format",
        "json",
    ]);
    let ids: Vec<&str> = v["assumptions"]
        .as_array()
        .expect("assumptions")
        .iter()
        .filter_map(|a| a.as_str()?.split(':').next())
        .collect();
    assert!(
        !ids.is_empty() && ids.iter().all(|id| id.starts_with('M')),
        "{ids:?}"
    );
}

#[test]
fn bad_flags_exit_2_naming_the_flag() {
    let cases: [(&[&str], &str); 13] = [
        (&["simulate"], "--followers"),
        (&["simulate", "--followers", "0"], "--followers"),
        (
            &["simulate", "--followers", "10", "--overlap", "1.5"],
            "--overlap",
        ),
        (
            &["simulate", "--followers", "10", "--daily-growth", "0.7"],
            "--daily-growth",
        ),
        (&["simulate", "--followers", "10", "--runs", "0"], "--runs"),
        (
            &["simulate", "--followers", "10", "--runs", "20000000"],
            "--runs",
        ),
        (
            &["simulate", "--followers", "10", "--horizon", "4000"],
            "--horizon",
        ),
        (
            &["simulate", "--followers", "10", "--start", "2026-02-30"],
            "--start",
        ),
        (
            &["simulate", "--followers", "10", "--notary-fee", "900-100"],
            "--notary-fee",
        ),
        (
            &["simulate", "--followers", "10", "--kind", "blog"],
            "--kind",
        ),
        (&["check", "--subject", "company"], "--subject"),
        (
            &[
                "simulate",
                "--followers",
                "10",
                "--value-per-follower",
                "1e300",
            ],
            "--value-per-follower",
        ),
        (
            &[
                "simulate",
                "--followers",
                "10",
                "--cross-entity",
                "--notary-fee=-5",
            ],
            "--notary-fee",
        ),
    ];
    for (args, flag) in cases {
        fanplan()
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(flag))
            .stderr(predicate::str::contains("panicked").not());
    }
}

#[test]
fn bad_rulebooks_exit_2_naming_file_and_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bad.toml");
    let text = fanplan::rules::SEED_TOML.replace(
        "retention = { min = 0.65, max = 0.75 }",
        "retention = { min = 0.65, max = 1.75 }",
    );
    std::fs::write(&path, text).expect("write");
    fanplan()
        .args(["--rules", path.to_str().expect("utf-8 path"), "check"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.toml"))
        .stderr(predicate::str::contains(
            "migration.routes.cross_entity.retention.max",
        ));
    std::fs::write(&path, "not = [toml").expect("write");
    fanplan()
        .args(["--rules", path.to_str().expect("utf-8 path"), "rules"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.toml"));
    std::fs::write(&path, b"name = \"\xff\xfe\"").expect("write");
    fanplan()
        .args(["--rules", path.to_str().expect("utf-8 path"), "rules"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not UTF-8"));
    fanplan()
        .args(["--rules", "/nonexistent/rules.toml", "rules"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("/nonexistent/rules.toml"));
}

#[test]
fn another_rulebook_changes_the_answer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("lenient.toml");
    let text = fanplan::rules::SEED_TOML.replacen(
        "  { from = \"service\", to = \"service\" },\n",
        "  { from = \"service\", to = \"service\" },\n  { from = \"subscription\", to = \"service\" },\n",
        1,
    );
    assert_ne!(text, fanplan::rules::SEED_TOML);
    std::fs::write(&path, text).expect("write");
    fanplan()
        .args([
            "--rules",
            path.to_str().expect("utf-8 path"),
            "check",
            "--target-kind",
            "service",
        ])
        .assert()
        .code(0);
    fanplan()
        .args(["check", "--target-kind", "service"])
        .assert()
        .code(3);
}

#[test]
fn rules_prints_the_rulebook() {
    fanplan()
        .arg("rules")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("M1").and(predicate::str::contains("B2")))
        .stdout(predicate::str::contains("seed §三"))
        .stdout(predicate::str::contains("assumption"));
    let v = json(&["rules", "--format", "json"]);
    assert_eq!(v["rules"].as_array().map(Vec::len), Some(19));
    assert_eq!(v["migration"]["review_fee_yuan"], 300.0);
    let toml_out = fanplan().args(["rules", "--toml"]).output().expect("runs");
    let text = String::from_utf8(toml_out.stdout).expect("utf-8");
    assert!(fanplan::rules::Rulebook::from_toml(&text).is_ok());
}

#[test]
fn workdays_skips_the_spring_festival() {
    // 2026-02-13 is a Friday; Feb 14 (Sat) is a make-up working day; Feb 15–23 is the break.
    fanplan()
        .args(["workdays", "--from", "2026-02-13", "--add", "2"])
        .assert()
        .code(0)
        .stdout("2026-02-24\n");
    let v = json(&[
        "workdays",
        "--from",
        "2026-12-20",
        "--add",
        "10",
        "--format",
        "json",
    ]);
    assert_eq!(v["from"], "2026-12-20");
    assert_eq!(v["add"], 10);
    // Dec 21–25, 28–31, then 2027-01-01 is New Year's Day (provisional): Monday Jan 4.
    assert_eq!(v["weekends_only"], false);
    assert_eq!(v["basis"], "provisional");
    assert_eq!(v["date"], "2027-01-04");
}

#[test]
fn completions_and_man_page() {
    fanplan()
        .args(["completions", "bash"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("fanplan"));
    fanplan()
        .arg("man")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(".TH fanplan"));
    let dir = tempfile::tempdir().expect("temp dir");
    let pages = dir.path().join("man");
    fanplan()
        .args(["man", "--dir"])
        .arg(&pages)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("fanplan-batch.1"));
    let batch = std::fs::read_to_string(pages.join("fanplan-batch.1")).expect("batch page");
    assert!(batch.contains("<INPUT>"), "{batch}");
}

#[test]
fn each_command_lists_only_the_flags_it_uses_grouped() {
    let check = fanplan().args(["check", "--help"]).output().expect("runs");
    let check = String::from_utf8_lossy(&check.stdout);
    for unused in ["--horizon", "--value-per-follower", "--overlap", "--runs"] {
        assert!(!check.contains(unused), "check --help lists {unused}");
    }
    assert!(
        check.contains("Scenario:") && check.contains("Output:"),
        "{check}"
    );
    fanplan()
        .args(["check", "--followers", "1000", "--horizon", "30"])
        .assert()
        .code(2);
    let sim = fanplan()
        .args(["simulate", "--help"])
        .output()
        .expect("runs");
    let sim = String::from_utf8_lossy(&sim.stdout);
    let order: Vec<usize> = ["Scenario:", "Forecast:", "Run:", "Output:", "Examples:"]
        .iter()
        .map(|h| sim.find(h).unwrap_or_else(|| panic!("{h} missing: {sim}")))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{sim}");
    let horizon = sim.find("--horizon").expect("--horizon");
    assert!(
        order[1] < horizon && horizon < order[2],
        "--horizon under Forecast"
    );
}

#[test]
fn help_works_as_a_command_and_explains_itself() {
    fanplan()
        .args(["help", "--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Usage: fanplan help"));
    fanplan()
        .args(["help", "batch"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Usage: fanplan batch"));
    fanplan()
        .args(["help", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`nope` is not a fanplan command"));
}

#[test]
fn help_shows_examples() {
    for cmd in ["check", "simulate", "rules", "workdays", "calendar"] {
        fanplan()
            .args([cmd, "--help"])
            .assert()
            .code(0)
            .stdout(predicate::str::contains("Examples:"));
    }
}

/// Standard output of a successful run, as text.
fn stdout_of(args: &str) -> String {
    let out = fanplan()
        .args(args.split_whitespace())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{args}");
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn csv_formats_print_rows() {
    let text = stdout_of(
        "simulate --followers 1000 --start 2026-11-30 --runs 200 --horizon 20 --format csv",
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "day,date,mean,p5,p10,p50,p90,p95");
    assert_eq!(lines.len(), 22, "header + days 0..=20");
    assert!(lines[1].starts_with("0,2026-11-30,1000.0,"));
    let text = stdout_of("plan --goal close --start 2026-09-01 --runs 200 --format csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let ids: Vec<String> = reader
        .records()
        .map(|r| r.expect("a CSV row")[0].to_string())
        .collect();
    let expected = "announce inactivity backup submit review freeze deletion name_cooldown";
    assert_eq!(ids.join(" "), expected);
    let text =
        stdout_of("plan --options --followers 1000 --start 2026-09-01 --runs 200 --format csv");
    assert!(
        text.starts_with("rank,way,allowed,route,violations,"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 4);
}

#[test]
fn notary_fee_on_a_same_entity_route_is_flagged() {
    fanplan()
        .args([
            "simulate",
            "--followers",
            "1000",
            "--runs",
            "100",
            "--notary-fee",
            "800",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("the notary fee is ignored"));
}

#[test]
fn forbidden_csv_lists_the_rules_as_csv() {
    let out = fanplan()
        .args([
            "simulate",
            "--followers",
            "10",
            "--target-kind",
            "service",
            "--target-unverified",
            "--format",
            "csv",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(3));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("rule,message,source"));
    let rules: Vec<&str> = lines.filter_map(|l| l.split(',').next()).collect();
    assert_eq!(rules, ["M1", "M3"]);
}

#[test]
fn rules_toml_prints_the_file_exactly_as_written() {
    let out = fanplan().args(["rules", "--toml"]).output().expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        fanplan::rules::SEED_TOML
    );
    let out = fanplan()
        .args(["--rules", "seed", "rules", "--toml"])
        .output()
        .expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        fanplan::rules::SEED_TOML
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("mine.toml");
    let text = format!("# my own rules\n{}", fanplan::rules::SEED_TOML);
    std::fs::write(&path, &text).expect("write");
    let out = fanplan()
        .args([
            "--rules",
            path.to_str().expect("utf-8 path"),
            "rules",
            "--toml",
        ])
        .output()
        .expect("runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout), text);
    fanplan()
        .args(["--rules", "obsrved", "rules"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("the built-in rulebooks are: seed"));
}

#[test]
fn simulate_reports_its_precision() {
    // The example: 0 of 10,000 runs reach 89,900; the exact chance is 4.7e-5.
    let args = [
        "simulate",
        "--followers",
        "120000",
        "--cross-entity",
        "--dist",
        "pert",
        "--seed",
        "1",
        "--at-least",
        "89900",
        "--start",
        "2026-12-01",
    ];
    let mut with_json = args.to_vec();
    with_json.extend(["--format", "json"]);
    let doc = json(&with_json);
    let a = &doc["probability_at_least"];
    assert!(a["se"].is_number());
    let (lo, hi) = (
        a["ci95"]["low"].as_f64().expect("low"),
        a["ci95"]["high"].as_f64().expect("high"),
    );
    assert!(lo <= 4.7e-5 && (4.7e-5..1e-3).contains(&hi), "{a}");
    // Every metric has an interval per percentile, around the percentile.
    let fa = &doc["metrics"]["final_audience"];
    for p in ["p5", "p10", "p25", "p50", "p75", "p90", "p95"] {
        let b = &fa["ci95"][p];
        let x = fa[p].as_f64().expect("percentile");
        assert!(b["low"].as_f64().expect("low") <= x, "{p}");
        assert!(x <= b["high"].as_f64().expect("high"), "{p}");
    }
    fanplan()
        .args(args)
        .assert()
        .success()
        .stdout(predicate::str::contains("< 0.1%, 95% interval 0"))
        .stdout(predicate::str::contains("Precision: 95% intervals"));
}

#[test]
fn short_horizons_and_few_runs_are_flagged() {
    let args = [
        "simulate",
        "--followers",
        "120000",
        "--cross-entity",
        "--horizon",
        "12",
        "--runs",
        "10",
        "--start",
        "2026-12-01",
    ];
    let mut with_json = args.to_vec();
    with_json.extend(["--format", "json"]);
    let doc = json(&with_json);
    // Warnings are facts in the core, serialised as their words (as every warning is).
    let warnings: Vec<&str> = doc["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter_map(|w| w.as_str())
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].contains("only 10 runs"), "{warnings:?}");
    assert!(
        warnings[1].contains("the horizon (day 12) ends before the settled day's P90"),
        "{warnings:?}"
    );
    // With 10 runs no order statistic is far enough out for a P5 lower end.
    assert!(doc["metrics"]["final_audience"]["ci95"]["p5"]["low"].is_null());
    fanplan()
        .args(args)
        .assert()
        .success()
        .stdout(predicate::str::contains("Audience on day 12 *"))
        .stdout(predicate::str::contains(
            "ends before the settled day's P90",
        ))
        .stdout(predicate::str::contains("the tails (P5, P95) are rough"));
}

#[test]
fn sampling_lhs_is_stated_and_precision_prints_the_runs_used() {
    let base = [
        "simulate",
        "--followers",
        "120000",
        "--cross-entity",
        "--start",
        "2026-12-01",
        "--format",
        "json",
    ];
    let mc = json(&[base.as_slice(), &["--precision", "0.001"]].concat());
    let lhs = json(
        &[
            base.as_slice(),
            &["--precision", "0.001", "--sampling", "lhs"],
        ]
        .concat(),
    );
    assert_eq!(mc["sampling"], "mc");
    assert_eq!(lhs["sampling"], "lhs");
    for d in [&mc, &lhs] {
        assert_eq!(d["precision"]["reached"], true);
        assert_eq!(d["precision"]["relative"], 0.001);
    }
    // Latin hypercubes need fewer runs for the same precision here.
    assert!(
        lhs["runs"].as_u64() < mc["runs"].as_u64(),
        "{} {}",
        lhs["runs"],
        mc["runs"]
    );
    fanplan()
        .args(["simulate", "--followers", "1000", "--sampling", "qmc"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--sampling"));
    fanplan()
        .args(["simulate", "--followers", "1000", "--precision", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--precision"));
}

/// The top-level keys of a JSON document, in the order printed.
fn top_keys(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix("  \""))
        .filter_map(|l| l.split_once("\":").map(|(k, _)| k.to_string()))
        .collect()
}

#[test]
fn every_document_of_simulated_numbers_begins_with_the_same_provenance() {
    let dir = tempfile::tempdir().expect("temp dir");
    let summary = dir.path().join("portfolio.json");
    fanplan()
        .args(["batch", &common::example(), "-o"])
        .arg(dir.path().join("out.csv"))
        .arg("--summary")
        .arg(&summary)
        .arg("--runs")
        .arg("200")
        .assert()
        .code(0);
    let summary = std::fs::read_to_string(&summary).expect("summary written");
    let documents = [
        stdout_of("simulate --followers 1000 --runs 200 --format json"),
        stdout_of("plan --goal migrate --followers 1000 --runs 200 --format json"),
        stdout_of("plan --goal close --runs 200 --format json"),
        stdout_of("plan --options --followers 1000 --runs 200 --format json"),
        stdout_of(&format!(
            "compare {} --runs 200 --format json",
            common::example()
        )),
        summary,
    ];
    for doc in &documents {
        let keys = top_keys(doc);
        assert_eq!(
            keys[..5],
            ["version", "rules", "seed", "runs", "dist"],
            "{doc}"
        );
        let v: Value = serde_json::from_str(doc).expect("json");
        assert_eq!(v["runs"], 200);
        assert_eq!(v["rules"]["name"], "seed");
        assert_eq!(v["version"], env!("CARGO_PKG_VERSION"));
    }
}
