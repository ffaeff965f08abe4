//! End-to-end tests of `fanplan compare`: the ranking, forbidden rows, the row limit, rejected
//! rows, the formats, the chart, and agreement with `batch` for the same row id.

// Test and bench helpers may panic on a broken fixture: that is a failed test, not a user error.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use predicates::prelude::*;
use serde_json::Value;

mod common;
use common::{example, fanplan};

fn compare_json(args: &[&str]) -> (i32, Value) {
    let out = fanplan()
        .arg("compare")
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        serde_json::from_slice(&out.stdout).expect("JSON"),
    )
}

#[test]
fn ranks_by_retained_then_cost_and_lists_forbidden_rows() {
    let (code, doc) = compare_json(&[&example(), "--runs", "2000"]);
    assert_eq!(code, 0);
    let ranked = doc["ranked"].as_array().expect("ranked");
    assert_eq!(ranked.len(), 8);
    let kept: Vec<f64> = ranked
        .iter()
        .map(|r| r["retained_followers"]["p50"].as_f64().expect("p50"))
        .collect();
    assert!(kept.windows(2).all(|w| w[0] >= w[1]), "{kept:?}");
    assert_eq!(ranked[0]["id"], "city-news");
    assert_eq!(ranked[0]["rank"], 1);
    let forbidden: Vec<(&str, Vec<&str>)> = doc["forbidden"]
        .as_array()
        .expect("forbidden")
        .iter()
        .map(|f| {
            (
                f["id"].as_str().unwrap_or(""),
                f["violations"]
                    .as_array()
                    .map(|v| v.iter().filter_map(|x| x["rule"].as_str()).collect())
                    .unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        forbidden,
        vec![
            ("personal-to-firm", vec!["M2"]),
            ("wrong-kind", vec!["M1"]),
            ("unverified-target", vec!["M3"]),
            ("kind-and-subject", vec!["M1", "M2", "M3"]),
        ]
    );
}

#[test]
fn equal_kept_followers_rank_the_cheaper_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("ties.csv");
    // One follower each: R is 0 or 1 and, with retention of 65% or more, the median is 1 for
    // both, so the notary fee decides.
    std::fs::write(
        &input,
        "id,followers,cross_entity,notary_fee_min,notary_fee_max\n\
         dear,1,yes,1500,1500\n\
         cheap,1,yes,500,500\n",
    )
    .expect("write");
    let (code, doc) = compare_json(&[input.to_str().expect("UTF-8"), "--runs", "200"]);
    assert_eq!(code, 0);
    let ranked = doc["ranked"].as_array().expect("ranked");
    assert_eq!(
        ranked[0]["retained_followers"]["p50"],
        ranked[1]["retained_followers"]["p50"]
    );
    assert_eq!(ranked[0]["id"], "cheap");
    assert_eq!(ranked[1]["id"], "dear");
}

#[test]
fn agrees_with_batch_for_the_same_row_id() {
    let (_, doc) = compare_json(&[&example(), "--runs", "2000"]);
    let compare_csv = fanplan()
        .args(["compare", &example(), "--runs", "2000", "--format", "csv"])
        .output()
        .expect("runs");
    let mut c = csv::Reader::from_reader(&compare_csv.stdout[..]);
    let compare_row = c
        .records()
        .filter_map(Result::ok)
        .find(|rec| &rec[1] == "brand-merge")
        .expect("row in compare CSV");
    let out = fanplan()
        .args(["batch", &example()])
        .output()
        .expect("runs");
    let mut r = csv::Reader::from_reader(&out.stdout[..]);
    let batch_row = r
        .records()
        .filter_map(Result::ok)
        .find(|rec| &rec[0] == "brand-merge")
        .expect("row in batch output");
    let cmp = doc["ranked"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["id"] == "brand-merge"))
        .expect("row in compare");
    // JSON keeps full precision; both CSVs round the same numbers by the same rule.
    let kept = cmp["retained_followers"]["p50"].as_f64().expect("p50");
    let cell: f64 = batch_row[8].parse().expect("number");
    assert!((cell - kept).abs() <= 50.0, "{kept} {cell}");
    assert_eq!(&compare_row[6], &batch_row[8]);
    assert_eq!(cmp["settled_date"]["p90"], &batch_row[13]);
    assert_eq!(&compare_row[11], &batch_row[15]);
}

#[test]
fn more_than_fifty_rows_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("many.csv");
    let mut text = String::from("id,followers\n");
    for i in 0..51 {
        text.push_str(&format!("a{i},1000\n"));
    }
    std::fs::write(&input, &text).expect("write");
    fanplan()
        .arg("compare")
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("at most 50 rows"));
    // Exactly 50 is fine.
    let fifty: String = text.lines().take(51).map(|l| format!("{l}\n")).collect();
    std::fs::write(&input, fifty).expect("write");
    fanplan()
        .arg("compare")
        .arg(&input)
        .args(["--runs", "50"])
        .assert()
        .code(0);
}

#[test]
fn unreadable_rows_exit_4_after_the_table() {
    let input = format!("{}/tests/fixtures/rejected.csv", env!("CARGO_MANIFEST_DIR"));
    fanplan()
        .args(["compare", &input, "--runs", "100"])
        .assert()
        .code(4)
        .stdout(predicate::str::contains("1. good-2"))
        .stdout(predicate::str::contains("6 rows could not be read"))
        .stderr(predicate::str::contains("error: line 3 (id bad-number)"));
}

#[test]
fn csv_format_and_chart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let charts = dir.path().join("charts");
    let out = fanplan()
        .args([
            "compare",
            &example(),
            "--runs",
            "500",
            "--format",
            "csv",
            "--charts",
        ])
        .arg(&charts)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "rank,id,allowed,route,violations,retained_p5,retained_p50,retained_p95,settled_date_p50,settled_date_p90,cost_p50,cost_p95"
    );
    assert!(lines[1].starts_with("1,city-news,true,subscription_to_subscription,,"));
    assert_eq!(
        lines.last().copied(),
        Some(",kind-and-subject,false,,M1;M2;M3,,,,,,,")
    );
    let png = std::fs::read(charts.join("compare.png")).expect("chart written");
    assert!(png.starts_with(b"\x89PNG"));
}

#[test]
fn at_least_gives_each_ranked_scenario_its_chance() {
    let (code, doc) = compare_json(&[&example(), "--runs", "400", "--at-least", "50000"]);
    assert_eq!(code, 0);
    let ranked = doc["ranked"].as_array().expect("ranked");
    assert_eq!(ranked.len(), 8);
    for r in ranked {
        let a = &r["probability_at_least"];
        assert_eq!(a["threshold"], 50000.0, "{r}");
        let p = a["p"].as_f64().expect("p");
        let se = a["se"].as_f64().expect("se");
        assert!((se - (p * (1.0 - p) / 400.0).sqrt()).abs() < 1e-12, "{r}");
        let kept = r["retained_followers"]["p5"].as_f64().expect("p5");
        if kept > 60_000.0 {
            assert_eq!(p, 1.0, "{r}");
        }
    }
    let last = &ranked[7];
    assert_eq!(last["id"], "blogger-li");
    assert_eq!(last["probability_at_least"]["p"], 0.0);
    // Without the flag there is no such key.
    let (_, doc) = compare_json(&[&example(), "--runs", "50"]);
    assert!(doc["ranked"][0].get("probability_at_least").is_none());

    let out = fanplan()
        .args([
            "compare",
            &example(),
            "--runs",
            "400",
            "--at-least",
            "50000",
        ])
        .args(["--format", "csv"])
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].ends_with(
            ",cost_p95,probability_at_least,probability_at_least_se,probability_at_least_ci_low,probability_at_least_ci_high"
        ),
        "{}",
        lines[0]
    );
    // 400 of 400 runs: Wilson's interval reaches down to 1 − 3.84/403.84 ≈ 0.9905.
    assert!(
        lines[1].ends_with(",1.0000,0.0000,0.9905,1.0000"),
        "{}",
        lines[1]
    );
    assert_eq!(
        lines.last().copied(),
        Some(",kind-and-subject,false,,M1;M2;M3,,,,,,,,,,,")
    );
    fanplan()
        .args([
            "compare",
            &example(),
            "--runs",
            "100",
            "--at-least",
            "50000",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("P(audience ≥ 50,000)"))
        .stdout(predicate::str::contains("100% of runs (96.3–100%)"));
}

/// A copy of the seed rulebook under another name, with subscription migrations of 2–3 days.
fn faster_seed(dir: &std::path::Path) -> String {
    let text = fanplan::rules::SEED_TOML
        .replacen("name = \"seed\"", "name = \"fast\"", 1)
        .replacen(
            "duration_days = { min = 5, max = 7 }",
            "duration_days = { min = 2, max = 3 }",
            1,
        );
    let path = dir.join("fast.toml");
    std::fs::write(&path, text).expect("write");
    path.to_str().expect("UTF-8 path").to_string()
}

#[test]
fn rules_set_forecasts_every_scenario_under_each_rulebook_side_by_side() {
    let dir = tempfile::tempdir().expect("temp dir");
    let set = format!("seed,{}", faster_seed(dir.path()));
    let (code, doc) = compare_json(&[&example(), "--runs", "500", "--rules-set", &set]);
    assert_eq!(code, 0);
    let names: Vec<&str> = doc["rules_set"]
        .as_array()
        .expect("rules_set")
        .iter()
        .filter_map(|r| r["name"].as_str())
        .collect();
    assert_eq!(names, ["seed", "fast"]);
    let ranked = doc["ranked"].as_array().expect("ranked");
    assert_eq!(ranked.len(), 16);
    // each scenario's rows sit together, seed first, with the same draws (same row seed)
    for pair in ranked.chunks(2) {
        assert_eq!(pair[0]["id"], pair[1]["id"]);
        assert_eq!(
            (pair[0]["rules"].as_str(), pair[1]["rules"].as_str()),
            (Some("seed"), Some("fast"))
        );
        assert_eq!(pair[0]["retained_followers"], pair[1]["retained_followers"]);
    }
    let settled = |i: usize| {
        ranked[i]["settled_date"]["p50"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(ranked[0]["id"], "city-news");
    assert!(settled(1) < settled(0), "{} vs {}", settled(1), settled(0));
    assert_eq!(doc["forbidden"].as_array().map(Vec::len), Some(8));

    let out = fanplan()
        .args([
            "compare",
            &example(),
            "--runs",
            "200",
            "--format",
            "csv",
            "--rules-set",
            &set,
        ])
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let mut lines = text.lines();
    assert!(lines.next().unwrap_or("").ends_with(",cost_p95,rules"));
    let last: Vec<&str> = lines.filter_map(|l| l.rsplit(',').next()).collect();
    assert_eq!(last.iter().filter(|r| **r == "seed").count(), 12);
    assert_eq!(last.iter().filter(|r| **r == "fast").count(), 12);

    fanplan()
        .args(["compare", &example(), "--runs", "200", "--rules-set", &set])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("8 scenarios ranked"))
        .stdout(predicate::str::contains(
            "rules seed 2026.11.1 and fast 2026.11.1",
        ))
        .stdout(predicate::str::contains("under fast"));
    fanplan()
        .args(["compare", &example(), "--rules-set", "seed,seed"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--rules-set"));
    fanplan()
        .args([
            "--rules",
            "seed",
            "compare",
            &example(),
            "--rules-set",
            &set,
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("without --rules"));
}

#[test]
fn correlation_zero_leaves_every_row_bit_for_bit_and_states_the_totals() {
    let ex = example();
    let (_, plain) = compare_json(&[&ex, "--runs", "2000"]);
    let (code, zero) = compare_json(&[&ex, "--runs", "2000", "--correlation", "0"]);
    assert_eq!(code, 0);
    assert_eq!(plain["ranked"], zero["ranked"]);
    assert!(plain.get("correlation").is_none() && plain.get("totals").is_none());
    assert_eq!(zero["correlation"], 0.0);
    let t = &zero["totals"][0];
    assert_eq!(t["accounts"], 8);
    assert!(t["total_retained_followers"]["p50"].as_f64().expect("p50") > 0.0);
    // The table is today's, followed by the totals line.
    let table = |extra: &[&str]| {
        let out = fanplan()
            .args(["compare", &ex, "--runs", "2000"])
            .args(extra)
            .output()
            .expect("runs");
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let (a, b) = (table(&[]), table(&["--correlation", "0"]));
    assert!(b.starts_with(&a), "{b}");
    assert!(b[a.len()..].contains("Total of 8 allowed scenarios"), "{b}");
}

#[test]
fn full_correlation_makes_the_totals_the_sums_of_the_rows_percentiles() {
    let ex = example();
    let sums = |doc: &Value, p: &str| -> (f64, f64) {
        let rows = doc["ranked"].as_array().expect("ranked");
        let sum = rows
            .iter()
            .map(|r| r["retained_followers"][p].as_f64().expect("percentile"))
            .sum();
        let total = doc["totals"][0]["total_retained_followers"][p]
            .as_f64()
            .expect("total");
        (sum, total)
    };
    // Tolerance: at ρ = 1 every row draws the same retention quantile in a run, so the
    // retained totals are the sum of comonotone rows (whose percentiles add exactly) plus the
    // rows' binomial noise ε. An order statistic moves by at most max|ε| when ε is added, so
    // the gap is at most 2·Σ max_j|ε_ij|; each |ε_ij| stays below 6 binomial sds
    // √(N·r(1−r)) ≤ √N/2 except with probability 2e-9 per run: 6·Σ√N in all.
    let (_, one) = compare_json(&[&ex, "--runs", "4000", "--correlation", "1"]);
    let tolerance: f64 = one["ranked"]
        .as_array()
        .expect("ranked")
        .iter()
        .map(|r| 6.0 * r["followers"].as_f64().expect("followers").sqrt())
        .sum();
    for p in ["p5", "p50", "p95"] {
        let (sum, total) = sums(&one, p);
        assert!(
            (sum - total).abs() < tolerance,
            "{p}: sum {sum}, total {total}, tolerance {tolerance}"
        );
    }
    // Independent rows: the totals' P5–P95 range is much narrower than the sum of the rows'.
    let (_, zero) = compare_json(&[&ex, "--runs", "4000", "--correlation", "0"]);
    let (sum5, total5) = sums(&zero, "p5");
    let (sum95, total95) = sums(&zero, "p95");
    assert!((sum95 - sum5) - (total95 - total5) > tolerance);
}

#[test]
fn correlation_with_latin_hypercubes_is_refused() {
    fanplan()
        .args([
            "compare",
            &example(),
            "--correlation",
            "0.5",
            "--sampling",
            "lhs",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--correlation"));
}
