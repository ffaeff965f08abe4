//! End-to-end tests of `fanplan batch` (SPEC §4): encodings and CSV quirks, rejected rows and
//! the error CSV, determinism across threads and row order, the atomic output, the summary.

// Test and bench helpers may panic on a broken fixture: that is a failed test, not a user error.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use predicates::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

mod common;
use common::{example, fanplan, fixture};

/// Run `batch` and return (exit code, stdout, stderr).
fn batch(args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = fanplan().arg("batch").args(args).output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Output rows keyed by id (header excluded), each row as its cells.
fn by_id(csv_bytes: &[u8]) -> BTreeMap<String, Vec<String>> {
    let mut r = csv::Reader::from_reader(csv_bytes);
    r.records()
        .map(|rec| {
            let rec = rec.expect("valid output CSV");
            let cells: Vec<String> = rec.iter().map(str::to_string).collect();
            (cells[0].clone(), cells)
        })
        .collect()
}

const HEADER: &str = "id,allowed,route,violations,runs,retention_p50,retained_mean,retained_p5,retained_p50,retained_p95,final_audience_p50,transfer_date_p50,settled_date_p50,settled_date_p90,cost_p50,cost_p95,cost_per_retained_p50,lost_value_p50";

/// A generated input of `n` rows with varied routes, ids `r0000`…, dates fixed.
fn generated(n: usize) -> String {
    let mut s = String::from(
        "id,source_kind,source_subject,cross_entity,followers,overlap,value_per_follower,start_date\n",
    );
    for i in 0..n {
        let kind = ["subscription", "service", "订阅号"][i % 3];
        let subject = ["enterprise", "media", "personal", "government"][i % 4];
        let cross = ["", "yes", "no", ""][(i / 3) % 4];
        s.push_str(&format!(
            "r{i:04},{kind},{subject},{cross},{},{},{},2026-12-07\n",
            1000 + i * 37,
            if i % 5 == 0 { "10%" } else { "" },
            i % 3
        ));
    }
    s
}

#[test]
fn example_file_gives_one_row_per_account_in_order() {
    let (code, out, err) = batch(&[&example()]);
    assert_eq!(code, 0, "{err}");
    let text = String::from_utf8(out).expect("UTF-8 output");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], HEADER);
    assert_eq!(lines.len(), 13);
    assert!(lines[1].starts_with("tea-house,true,subscription_to_subscription,,2000,"));
    let rows = by_id(text.as_bytes());
    let routes: Vec<&str> = rows.values().map(|r| r[2].as_str()).collect();
    for route in [
        "subscription_to_subscription",
        "service_to_service",
        "cross_entity",
    ] {
        assert!(routes.contains(&route), "{route} missing");
    }
    // Forbidden rows: allowed=false, the rule ids, every other cell empty.
    let f = &rows["kind-and-subject"];
    assert_eq!(f[1..4], ["false", "", "M1;M2;M3"]);
    assert!(f[4..].iter().all(String::is_empty), "{f:?}");
    assert_eq!(rows["personal-to-firm"][3], "M2");
    assert!(
        err.contains("12 rows read, 8 forecast, 4 forbidden, 0 rejected"),
        "{err}"
    );
}

#[test]
fn gbk_file_reads_like_its_utf8_twin() {
    let (code, utf8, _) = batch(&[&fixture("chinese_utf8.csv")]);
    assert_eq!(code, 0);
    let (code, gbk, err) = batch(&[&fixture("chinese_gbk.csv")]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("note: reading") && err.contains(" as GB"),
        "{err}"
    );
    assert_eq!(
        String::from_utf8_lossy(&gbk),
        String::from_utf8_lossy(&utf8)
    );
    let (_, forced, _) = batch(&[&fixture("chinese_gbk.csv"), "--encoding", "gbk"]);
    assert_eq!(forced, utf8);
    let rows = by_id(&utf8);
    assert_eq!(rows["茶馆-01"][2], "subscription_to_subscription");
    assert_eq!(rows["news-02"][2], "cross_entity");
    assert_eq!(rows["solo-04"][3], "M2");
    // Read as UTF-8, the GBK bytes are refused cell by cell, naming the column.
    let (code, _, err) = batch(&[&fixture("chinese_gbk.csv"), "--encoding", "utf-8"]);
    assert_eq!(code, 4);
    assert!(err.contains("not valid UTF-8"), "{err}");
}

#[test]
fn bom_crlf_and_quoted_fields_read_like_a_plain_file() {
    let (code, quirky, err) = batch(&[&fixture("bom_crlf_quoted.csv")]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: ignoring unknown column: notes"),
        "{err}"
    );
    assert_eq!(err.matches("warning").count(), 1, "{err}");
    let (_, twin, _) = batch(&[&fixture("bom_crlf_twin.csv")]);
    assert_eq!(quirky, twin);
    let rows = by_id(&quirky);
    assert_eq!(
        rows.keys().collect::<Vec<_>>(),
        vec!["multi\nline", "plain", "shop, north"]
    );
    assert!(String::from_utf8_lossy(&quirky).contains("\"shop, north\",true"));
}

#[test]
fn rejected_rows_are_reported_with_lines_and_skipped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let errors = dir.path().join("errors.csv");
    let (code, out, err) = batch(&[
        &fixture("rejected.csv"),
        "--errors",
        errors.to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(code, 4, "{err}");
    let rows = by_id(&out);
    assert_eq!(
        rows.keys().collect::<Vec<_>>(),
        vec!["good-1", "good-2", "quoted\nnewline"]
    );
    // The first good-1 is forecast (1000 followers), the duplicate is not.
    let kept: f64 = rows["good-1"][8].parse().expect("retained_p50");
    assert!((800.0..1000.0).contains(&kept), "{kept}");
    let expected = "\
line,id,column,value,reason
3,bad-number,followers,12k,\"`12k` is not a whole number (e.g. 120000, 120,000 or 12万)\"
4,bad-kind,source_kind,channel,\"`channel` is not one of: subscription (订阅号), service (服务号)\"
7,out-of-range,overlap,1.5,1.5 is outside 0–1 (a share of the source's followers)
8,good-1,id,good-1,duplicate id: an earlier row has the same id
9,short-row,,,the row has 2 fields but the header has 5
10,,id,,is empty: every row needs an id
";
    assert_eq!(
        std::fs::read_to_string(&errors).expect("errors written"),
        expected
    );
    assert!(
        err.contains("error: line 3 (id bad-number): column followers"),
        "{err}"
    );
    assert!(
        err.contains("error: line 7 (id out-of-range): column overlap"),
        "{err}"
    );
    assert!(
        err.contains("9 rows read, 3 forecast, 0 forbidden, 6 rejected"),
        "{err}"
    );
}

#[test]
fn a_missing_required_column_stops_before_any_work() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out.csv");
    fanplan()
        .args(["batch", &fixture("missing_followers.csv"), "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "missing required column `followers`",
        ));
    assert!(!out.exists());
    let no_id = dir.path().join("no_id.csv");
    std::fs::write(&no_id, "followers\n10\n").expect("write");
    fanplan()
        .args(["batch"])
        .arg(&no_id)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing required column `id`"));
}

#[test]
fn one_and_two_threads_give_byte_identical_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in.csv");
    std::fs::write(&input, generated(1500)).expect("write");
    let input = input.to_str().expect("UTF-8 path");
    let (c1, one, _) = batch(&[input, "--threads", "1", "--runs", "300"]);
    let (c2, two, _) = batch(&[input, "--threads", "2", "--runs", "300"]);
    assert_eq!((c1, c2), (0, 0));
    assert_eq!(by_id(&one).len(), 1500);
    assert!(one == two, "1 and 2 threads differ");
}

#[test]
fn a_row_does_not_change_when_other_rows_move_or_go() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = generated(60);
    let mut lines: Vec<&str> = text.lines().collect();
    let header = lines.remove(0);
    let write = |name: &str, rows: &[&str]| {
        let p = dir.path().join(name);
        std::fs::write(&p, format!("{header}\n{}\n", rows.join("\n"))).expect("write");
        p.to_string_lossy().into_owned()
    };
    let original = write("a.csv", &lines);
    let mut shuffled = lines.clone();
    shuffled.reverse();
    shuffled.rotate_left(17);
    let shuffled = write("b.csv", &shuffled);
    let subset: Vec<&str> = lines.iter().step_by(7).copied().collect();
    let subset = write("c.csv", &subset);
    let (_, a, _) = batch(&[&original, "--runs", "500"]);
    let (_, b, _) = batch(&[&shuffled, "--runs", "500"]);
    let (_, c, _) = batch(&[&subset, "--runs", "500"]);
    let (a, b, c) = (by_id(&a), by_id(&b), by_id(&c));
    assert_eq!(a, b);
    assert_eq!(c.len(), 9);
    for (id, row) in &c {
        assert_eq!(&a[id], row, "{id}");
    }
    // The order of the output is the order of the input.
    let (_, b_raw, _) = batch(&[&shuffled, "--runs", "10"]);
    let first = String::from_utf8_lossy(&b_raw)
        .lines()
        .nth(1)
        .map(|l| l.split(',').next().unwrap_or("").to_string());
    assert_eq!(first.as_deref(), Some("r0042"));
}

#[test]
fn output_file_is_not_written_when_a_later_step_fails() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out.csv");
    // A file where the chart folder should be: the charts fail after every row was forecast.
    let blocker = dir.path().join("blocker");
    std::fs::write(&blocker, "not a folder").expect("write");
    let (code, _, err) = batch(&[
        &example(),
        "-o",
        out.to_str().expect("UTF-8"),
        "--charts",
        blocker.join("charts").to_str().expect("UTF-8"),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(!out.exists(), "a partial output was left");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        left,
        vec![std::ffi::OsString::from("blocker")],
        "temporary files left"
    );
}

#[test]
fn writing_over_the_input_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("accounts.csv");
    let original = std::fs::read(example()).expect("example");
    std::fs::write(&input, &original).expect("write");
    let same = dir.path().join(".").join("accounts.csv");
    for flag in ["-o", "--errors", "--summary"] {
        fanplan()
            .arg("batch")
            .arg(&input)
            .arg(flag)
            .arg(&same)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("refusing to write over it"));
    }
    assert_eq!(std::fs::read(&input).expect("input"), original);
}

#[test]
fn output_file_with_bom_and_stdin_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out.csv");
    let input = std::fs::read(fixture("chinese_utf8.csv")).expect("fixture");
    fanplan()
        .args(["batch", "-", "--bom", "-o"])
        .arg(&out)
        .write_stdin(input)
        .assert()
        .code(0);
    let written = std::fs::read(&out).expect("output written");
    assert!(written.starts_with(b"\xEF\xBB\xBFid,allowed,"));
    let (_, plain, _) = batch(&[&fixture("chinese_utf8.csv")]);
    assert_eq!(&written[3..], &plain[..]);
}

#[test]
fn summary_adds_the_rows_run_by_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let summary = dir.path().join("portfolio.json");
    let charts = dir.path().join("charts");
    let (code, out, err) = batch(&[
        &example(),
        "--summary",
        summary.to_str().expect("UTF-8"),
        "--charts",
        charts.to_str().expect("UTF-8"),
    ]);
    assert_eq!(code, 0, "{err}");
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&summary).expect("summary")).expect("JSON");
    assert_eq!(doc["rows"]["read"], 12);
    assert_eq!(doc["rows"]["forecast"], 8);
    assert_eq!(doc["rows"]["forbidden"], 4);
    assert_eq!(doc["routes"]["cross_entity"], 3);
    assert_eq!(doc["routes"]["subscription_to_subscription"], 3);
    assert_eq!(doc["routes"]["service_to_service"], 2);
    let t = &doc["total_retained_followers"];
    let (p5, p50, p95) = (
        t["p5"].as_f64().expect("p5"),
        t["p50"].as_f64().expect("p50"),
        t["p95"].as_f64().expect("p95"),
    );
    assert!(p5 < p50 && p50 < p95);
    // The portfolio's median total is close to the sum of the rows' medians, and its spread
    // is narrower than the sum of the rows' spreads (the rows are independent).
    let rows = by_id(&out);
    let col = |i: usize| -> f64 { rows.values().filter_map(|r| r[i].parse::<f64>().ok()).sum() };
    assert!((p50 - col(8)).abs() / p50 < 0.01, "{p50} vs {}", col(8));
    assert!(p95 - p5 < col(9) - col(7));
    let png = std::fs::read(charts.join("portfolio.png")).expect("chart");
    assert!(png.starts_with(b"\x89PNG"));
}

#[test]
fn bad_flags_exit_2() {
    fanplan()
        .args(["batch", &example(), "--threads", "0"])
        .assert()
        .code(2);
    fanplan()
        .args(["batch", &example(), "--encoding", "latin1"])
        .assert()
        .code(2);
    fanplan()
        .args(["batch", "/no/such/file.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot open the input"));
    let dir = tempfile::tempdir().expect("temp dir");
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, "").expect("write");
    fanplan()
        .arg("batch")
        .arg(&empty)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty"));
    assert!(Path::new(&example()).exists());
}

/// A folder holding `blocker`, a regular file, so that paths under it cannot be created.
fn blocked() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let blocker = dir.path().join("blocker");
    std::fs::write(&blocker, "not a folder").expect("write");
    (dir, blocker)
}

#[test]
fn a_bad_charts_folder_or_summary_fails_before_any_row_is_forecast() {
    let (_dir, blocker) = blocked();
    for (flag, path) in [
        ("--charts", blocker.join("charts")),
        ("--summary", blocker.join("portfolio.json")),
    ] {
        let path = path.to_str().expect("UTF-8");
        // rejected.csv has unreadable rows: they would be reported if any row were read.
        let (code, out, err) = batch(&[&fixture("rejected.csv"), flag, path]);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains(flag) && err.contains(path), "{err}");
        assert!(!err.contains("error: line"), "rows were read first: {err}");
        assert!(out.is_empty());
    }
}

#[test]
fn an_output_on_the_chart_file_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    // The chart folder existing or not.
    std::fs::create_dir(dir.path().join("old")).expect("mkdir");
    for folder in ["old", "new"] {
        let charts = dir.path().join(folder);
        let png = charts.join("portfolio.png");
        for flag in ["-o", "--summary", "--errors"] {
            fanplan()
                .args(["batch", &example(), flag])
                .arg(&png)
                .arg("--charts")
                .arg(&charts)
                .assert()
                .code(2)
                .stderr(predicate::str::contains("name the same file"));
        }
    }
    assert!(!dir.path().join("new").exists());
}

#[test]
fn errors_into_a_folder_names_the_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().to_str().expect("UTF-8");
    let (code, _, err) = batch(&[&fixture("rejected.csv"), "--errors", folder]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("--errors") && err.contains(folder), "{err}");
}

#[test]
fn at_least_adds_the_chance_and_its_standard_error() {
    let (code, out, err) = batch(&[&example(), "--runs", "400", "--at-least", "50000"]);
    assert_eq!(code, 0, "{err}");
    let text = String::from_utf8(out).expect("UTF-8");
    assert_eq!(
        text.lines().next(),
        Some(
            format!(
                "{HEADER},probability_at_least,probability_at_least_se,probability_at_least_ci_low,probability_at_least_ci_high"
            )
            .as_str()
        )
    );
    let rows = by_id(text.as_bytes());
    for (id, r) in &rows {
        assert_eq!(r.len(), 22, "{id}");
        if r[1] == "false" {
            assert!(r[18..].iter().all(String::is_empty), "{id}");
            continue;
        }
        let p: f64 = r[18].parse().expect("p");
        let se: f64 = r[19].parse().expect("se");
        let expected = (p * (1.0 - p) / 400.0).sqrt();
        assert!((se - expected).abs() < 2e-4, "{id}: {p} {se}");
        // The Wilson interval holds the share and stays inside 0..=1, not empty at 0 or 1.
        let lo: f64 = r[20].parse().expect("ci low");
        let hi: f64 = r[21].parse().expect("ci high");
        assert!(
            (0.0..=p).contains(&lo) && (p..=1.0).contains(&hi) && hi > lo,
            "{id}"
        );
    }
    // 400 of 400 runs: the interval reaches down to 1 − 3.84/403.84 ≈ 0.9905.
    assert_eq!(rows["city-news"][20], "0.9905");
    assert_eq!(rows["city-news"][18], "1.0000");
    assert_eq!(rows["blogger-li"][19], "0.0000");
}

#[test]
fn format_csv_is_accepted_and_nothing_else() {
    let (c1, plain, _) = batch(&[&example(), "--runs", "50"]);
    let (c2, csv, err) = batch(&[&example(), "--runs", "50", "--format", "csv"]);
    assert_eq!((c1, c2), (0, 0), "{err}");
    assert_eq!(plain, csv);
    let (code, _, err) = batch(&[&example(), "--format", "table"]);
    assert_eq!(code, 2);
    assert!(err.contains("csv"), "{err}");
}

#[test]
fn start_dates_as_excel_writes_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut outputs = Vec::new();
    for date in ["2026-01-05", "2026/1/5", "2026/01/05", "2026-1-5"] {
        let input = dir.path().join("in.csv");
        std::fs::write(
            &input,
            format!("id,followers,start_date\nacc,5000,{date}\n"),
        )
        .expect("write");
        let (code, out, err) = batch(&[input.to_str().expect("UTF-8"), "--runs", "100"]);
        assert_eq!(code, 0, "{date}: {err}");
        outputs.push(out);
    }
    assert!(outputs.windows(2).all(|w| w[0] == w[1]));
    let rows = by_id(&outputs[0]);
    assert!(rows["acc"][11].starts_with("2026-01-"), "{:?}", rows["acc"]);
    let input = dir.path().join("bad.csv");
    std::fs::write(&input, "id,followers,start_date\nacc,5000,2026/13/5\n").expect("write");
    let (code, _, err) = batch(&[input.to_str().expect("UTF-8")]);
    assert_eq!(code, 4);
    assert!(
        err.contains("column start_date") && err.contains("YYYY-MM-DD"),
        "{err}"
    );
}

#[test]
fn a_header_split_by_semicolons_or_tabs_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (sep, word) in [(";", "semicolons"), ("\t", "tabs")] {
        let input = dir.path().join("in.csv");
        std::fs::write(&input, format!("id{sep}followers\na{sep}100\n")).expect("write");
        let (code, _, err) = batch(&[input.to_str().expect("UTF-8")]);
        assert_eq!(code, 2, "{err}");
        assert!(
            err.contains(word) && err.contains("comma-separated"),
            "{err}"
        );
    }
}

#[test]
fn every_rejected_row_is_reported_on_standard_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in.csv");
    let mut text = String::from("id,followers\n");
    for i in 0..150 {
        text.push_str(&format!("bad-{i},lots\n"));
    }
    text.push_str("good,100\n");
    std::fs::write(&input, text).expect("write");
    for progress in ["never", "always"] {
        let (code, out, err) = batch(&[
            input.to_str().expect("UTF-8"),
            "--runs",
            "10",
            "--progress",
            progress,
        ]);
        assert_eq!(code, 4, "{err}");
        assert_eq!(by_id(&out).len(), 1);
        let reported = err.lines().filter(|l| l.starts_with("error: line")).count();
        assert_eq!(reported, 150, "{err}");
        assert!(err.contains("error: line 151 (id bad-149)"), "{err}");
    }
}

#[cfg(unix)]
#[test]
fn writing_to_a_device_keeps_the_device() {
    fanplan()
        .args([
            "batch",
            "data/examples/accounts.csv",
            "-o",
            "/dev/null",
            "--runs",
            "50",
        ])
        .assert()
        .code(0);
    let meta = std::fs::metadata("/dev/null").expect("/dev/null");
    assert!(!meta.is_file(), "/dev/null was replaced by a regular file");
}

#[test]
fn a_folder_where_the_chart_goes_is_refused_before_any_row() {
    let dir = tempfile::tempdir().expect("temp dir");
    let charts = dir.path().join("charts");
    std::fs::create_dir_all(charts.join("portfolio.png")).expect("folder");
    let out = dir.path().join("out.csv");
    fanplan()
        .args(["batch", "data/examples/accounts.csv", "-o"])
        .arg(&out)
        .arg("--charts")
        .arg(&charts)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("portfolio.png: it is a folder"));
    assert!(!out.exists());
}

#[test]
fn correlation_is_stated_in_the_summary_and_zero_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = |n: &str| dir.path().join(n).to_str().expect("UTF-8").to_string();
    let (c0, plain, _) = batch(&[&example(), "--summary", &path("plain.json")]);
    let (c1, zero, _) = batch(&[
        &example(),
        "--summary",
        &path("zero.json"),
        "--correlation",
        "0",
    ]);
    let (c2, _, _) = batch(&[
        &example(),
        "--summary",
        &path("one.json"),
        "--correlation",
        "1",
    ]);
    assert_eq!((c0, c1, c2), (0, 0, 0));
    assert_eq!(plain, zero);
    let read = |n: &str| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(path(n)).expect("summary")).expect("JSON")
    };
    let (p, z, one) = (read("plain.json"), read("zero.json"), read("one.json"));
    assert_eq!(p, z);
    assert_eq!(z["correlation"], 0.0);
    assert_eq!(one["correlation"], 1.0);
    // Shared uncertainty widens the portfolio's spread.
    let width = |d: &serde_json::Value| {
        let t = &d["total_retained_followers"];
        t["p95"].as_f64().expect("p95") - t["p5"].as_f64().expect("p5")
    };
    assert!(width(&one) > 1.5 * width(&z));
    let (code, _, err) = batch(&[&example(), "--correlation", "1.5"]);
    assert_eq!(code, 2);
    assert!(err.contains("--correlation"), "{err}");
}

#[test]
fn precision_per_row_stops_at_the_same_runs_on_any_thread_count() {
    let args = [&example(), "--precision", "0.002", "--runs", "20000"];
    let (c1, one, err) = batch(&[args.as_slice(), &["--threads", "1"]].concat());
    let (c2, two, _) = batch(&[args.as_slice(), &["--threads", "2"]].concat());
    assert_eq!((c1, c2), (0, 0), "{err}");
    assert_eq!(one, two);
    let rows = by_id(&one);
    let mut counts = Vec::new();
    for r in rows.values().filter(|r| r[1] == "true") {
        let runs: u64 = r[4].parse().expect("runs");
        assert!(
            runs <= 20_000 && (runs % 500 == 0 || runs == 20_000),
            "{runs}"
        );
        counts.push(runs);
    }
    // The rows need different run counts.
    counts.sort_unstable();
    counts.dedup();
    assert!(counts.len() > 1, "{counts:?}");
    let (code, _, err) = batch(&[&example(), "--precision", "0.01", "--summary", "-"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--precision") && err.contains("--summary"),
        "{err}"
    );
}

#[test]
fn sampling_lhs_per_row_is_the_same_on_any_thread_count_and_needs_fewer_runs() {
    let args = [&example(), "--sampling", "lhs", "--precision", "0.002"];
    let (c1, one, err) = batch(&[args.as_slice(), &["--threads", "1"]].concat());
    let (c2, two, _) = batch(&[args.as_slice(), &["--threads", "2"]].concat());
    assert_eq!((c1, c2), (0, 0), "{err}");
    assert_eq!(one, two);
    let (_, mc, _) = batch(&[&example(), "--precision", "0.002", "--threads", "1"]);
    let runs = |out: &[u8]| -> u64 {
        by_id(out)
            .values()
            .filter(|r| r[1] == "true")
            .map(|r| r[4].parse::<u64>().expect("runs"))
            .sum()
    };
    assert!(runs(&one) < runs(&mc), "{} vs {}", runs(&one), runs(&mc));
    let (code, _, err) = batch(&[&example(), "--sampling", "lhs", "--correlation", "0.5"]);
    assert_eq!(code, 2);
    assert!(err.contains("--correlation"), "{err}");
}
