//! The Excel round trip of a Chinese agency (issue 11): files saved by Excel on Chinese Windows
//! (tests/fixtures/excel/, made by make_fixtures.py there) through `batch` and `compare`, and
//! the outputs as Excel opens them.

// Test helpers may panic on a broken fixture: that is a failed test, not a user error.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::fanplan;
use fanplan::domain::Subject;
use fanplan::rules::Rulebook;
use std::path::Path;

fn fixture(name: &str) -> String {
    common::fixture(&format!("excel/{name}"))
}

/// Run fanplan and return (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = fanplan().args(args).output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// The first cell of every data row of a CSV (header skipped, BOM removed).
fn first_cells(bytes: &[u8], column: usize) -> Vec<String> {
    let text = String::from_utf8(bytes.to_vec()).expect("UTF-8");
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("valid CSV")[column].to_string())
        .collect()
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

#[test]
fn an_excel_gbk_file_goes_through_batch_and_compare_with_no_flags() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("forecasts.csv");
    let errors = dir.path().join("errors.csv");
    let input = fixture("agency_gbk.csv");
    let (code, _, err) = run(&["batch", &input, "-o", path(&out), "--errors", path(&errors)]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(lines[0].starts_with("note: reading ") && lines[0].ends_with(" as GB18030"));
    assert!(
        lines[1].starts_with(
            "batch: 5 rows read, 4 forecast, 1 forbidden, 0 rejected, 1 empty skipped in "
        ),
        "{err}"
    );
    let written = std::fs::read(&out).expect("output");
    assert!(written.starts_with(BOM), "Excel needs the BOM");
    assert!(std::fs::read(&errors).expect("errors").starts_with(BOM));
    // Ids equal the input's, decoded from GBK.
    let raw = std::fs::read(&input).expect("fixture");
    let (text, _, malformed) = encoding_rs::GBK.decode(&raw);
    assert!(!malformed);
    let want: Vec<String> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap_or_default().trim().to_string())
        .filter(|id| !id.is_empty())
        .collect();
    assert_eq!(first_cells(&written, 0), want);
    // Every Excel form was read as meant: the same numbers as the UTF-8 twin.
    let twin = dir.path().join("twin.csv");
    let (code, _, err) = run(&["batch", &fixture("agency_utf8_bom.csv"), "-o", path(&twin)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read(&twin).expect("twin"), written);
    let rows = String::from_utf8_lossy(&written).into_owned();
    assert!(rows.contains("\n书店,true,service_to_service,"), "{rows}");
    assert!(rows.contains("\n个人号,false,,M2,"), "{rows}");

    let ranked = dir.path().join("ranked.csv");
    let (code, stdout, err) = run(&["compare", &input, "-o", path(&ranked), "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.is_empty());
    assert_eq!(err.lines().count(), 1, "only the encoding note: {err}");
    let ranked = std::fs::read(&ranked).expect("compare output");
    assert!(ranked.starts_with(BOM));
    let mut ids = first_cells(&ranked, 1);
    ids.sort();
    let mut want = want;
    want.sort();
    assert_eq!(ids, want);
}

#[test]
fn short_gbk_files_with_a_two_character_id_keep_their_id_and_numbers() {
    for (name, id) in [
        ("short_gbk_tea.csv", "茶馆"),
        ("short_gbk_shop.csv", "书店"),
    ] {
        let (code, out, err) = run(&["batch", &fixture(name)]);
        assert_eq!(code, 0, "{err}");
        assert!(err.contains(" as GB18030"), "{err}");
        assert_eq!(first_cells(&out, 0), vec![id.to_string()]);
        // The row's random stream follows its id: the same numbers as the id typed in UTF-8.
        let utf8 = format!(
            "id,followers\n{id},{}\n",
            if id == "茶馆" { 1000 } else { 2000 }
        );
        let same = fanplan()
            .args(["batch", "-"])
            .write_stdin(utf8)
            .output()
            .expect("runs");
        assert_eq!(out, same.stdout, "{name}");
    }
}

#[test]
fn one_stray_byte_rejects_its_row_only_naming_line_and_offset() {
    let dir = tempfile::tempdir().expect("temp dir");
    let errors = dir.path().join("errors.csv");
    let input = fixture("stray_byte_utf8.csv");
    let (code, out, err) = run(&["batch", &input, "--errors", path(&errors)]);
    assert_eq!(code, 4, "{err}");
    assert!(!err.contains("note: reading"), "read as UTF-8: {err}");
    let raw = std::fs::read(&input).expect("fixture");
    let offset = raw.iter().position(|b| *b == 0xFF).expect("the stray byte");
    assert!(
        err.contains(&format!("line 152 (id 茶馆150): column followers: holds a byte that is not valid UTF-8 at byte offset {offset} of the file")),
        "{err}"
    );
    assert!(err.contains("200 rows read, 199 forecast, 0 forbidden, 1 rejected"));
    assert_eq!(first_cells(&out, 0).len(), 199);
    let lines = first_cells(&std::fs::read(&errors).expect("errors"), 0);
    assert_eq!(lines, vec!["152"]);
}

#[test]
fn an_explicit_gbk_choice_wins_over_a_utf8_bom() {
    let (code, _, err) = run(&["batch", &fixture("bom_then_gbk.csv")]);
    assert_eq!(code, 4, "the BOM says UTF-8: {err}");
    let (code, out, err) = run(&["batch", &fixture("bom_then_gbk.csv"), "--encoding", "gbk"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(first_cells(&out, 0), vec!["茶馆"]);
}

#[test]
fn utf16_without_bom_is_recognised_and_named() {
    let (code, out, err) = run(&["batch", &fixture("utf16le_no_bom.csv")]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains(" as UTF-16LE"), "{err}");
    assert_eq!(first_cells(&out, 0), vec!["茶馆", "书店"]);
}

#[test]
fn line_numbers_count_blank_lines_and_every_line_end() {
    let mut outputs = Vec::new();
    for name in ["cr_only.csv", "lf_blank_lines.csv", "crlf_blank_lines.csv"] {
        let dir = tempfile::tempdir().expect("temp dir");
        let errors = dir.path().join("errors.csv");
        let (code, out, err) = run(&["batch", &fixture(name), "--errors", path(&errors)]);
        assert_eq!(code, 4, "{name}: {err}");
        assert!(
            err.contains("error: line 7 (id bad): column followers"),
            "{name}: {err}"
        );
        let lines = first_cells(&std::fs::read(&errors).expect("errors"), 0);
        assert_eq!(lines, vec!["7"], "{name}");
        outputs.push(first_cells(&out, 0));
    }
    // A line break inside quotes is kept as written (CRLF stays CRLF; a lone CR reads as LF).
    assert_eq!(outputs[0], ["a", "multi\nline", "c"]);
    assert_eq!(outputs[1], outputs[0]);
    assert_eq!(outputs[2], ["a", "multi\r\nline", "c"]);
}

#[test]
fn standard_input_is_called_standard_input() {
    let out = fanplan()
        .args(["batch", "-"])
        .write_stdin("name,count\na,1\n")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("standard input: missing required column"),
        "{err}"
    );
    let gbk = std::fs::read(fixture("short_gbk_tea.csv")).expect("fixture");
    let out = fanplan()
        .args(["compare", "-"])
        .write_stdin(gbk)
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("note: reading standard input as GB18030"),
        "{err}"
    );
}

#[test]
fn formulas_are_written_as_text_and_numbers_are_not() {
    let (code, out, err) = run(&["batch", &fixture("formulas.csv")]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        first_cells(&out, 0),
        vec!["'=1+2", "'@SUM(A1)", "'+86 10", "-7"]
    );
}

#[test]
fn unknown_columns_are_named_once_twenty_at_most() {
    let (code, _, err) = run(&["batch", &fixture("many_unknown.csv")]);
    assert_eq!(code, 0, "{err}");
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning")).collect();
    assert_eq!(warnings.len(), 1, "{err}");
    assert!(warnings[0].contains("extra00, extra01"), "{err}");
    assert!(warnings[0].ends_with("extra19 and 5 more"), "{err}");
    assert!(!warnings[0].contains("extra20"), "{err}");
}

#[test]
fn bom_flags_force_either_way() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out.csv");
    let gbk = fixture("short_gbk_tea.csv");
    let (code, _, err) = run(&["batch", &gbk, "--no-bom", "-o", path(&out)]);
    assert_eq!(code, 0, "{err}");
    assert!(!std::fs::read(&out).expect("out").starts_with(BOM));
    let utf8 = fixture("formulas.csv");
    run(&["batch", &utf8, "-o", path(&out)]);
    assert!(!std::fs::read(&out).expect("out").starts_with(BOM));
    run(&["batch", &utf8, "--bom", "-o", path(&out)]);
    assert!(std::fs::read(&out).expect("out").starts_with(BOM));
    // Standard output gets a BOM only when asked.
    let (_, stdout, _) = run(&["batch", &gbk]);
    assert!(!stdout.starts_with(BOM));
}

#[test]
fn compare_writes_json_into_a_file_and_never_over_the_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("ranked.json");
    let (code, stdout, err) = run(&[
        "compare",
        &fixture("agency_gbk.csv"),
        "--format",
        "json",
        "-o",
        path(&out),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.is_empty());
    let bytes = std::fs::read(&out).expect("written");
    assert!(!bytes.starts_with(BOM), "no BOM in JSON unless asked");
    let doc: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
    assert_eq!(doc["ranked"].as_array().map(Vec::len), Some(4));

    let input = dir.path().join("in.csv");
    std::fs::write(&input, "id,followers\na,10\n").expect("write");
    let (code, _, err) = run(&["compare", path(&input), "-o", path(&input)]);
    assert_eq!(code, 2);
    assert!(err.contains("refusing to write over it"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&input).expect("input"),
        "id,followers\na,10\n"
    );
}

#[test]
fn flags_accept_what_excel_writes_too() {
    let (code, _, err) = run(&[
        "simulate",
        "--followers",
        "１２万",
        "--overlap",
        "５ ％",
        "--start",
        "2026年12月1日",
        "--subject",
        "事业单位",
        "--runs",
        "200",
    ]);
    assert_eq!(code, 0, "{err}");
    let (a, out_a, _) = run(&["check", "--followers", "12 万", "--start", "2026.12.1"]);
    let (b, out_b, _) = run(&["check", "--followers", "120000", "--start", "2026-12-01"]);
    assert_eq!((a, out_a), (b, out_b));
}

#[test]
fn organisations_follow_the_government_closing_row_and_the_enterprise_side_of_m2() {
    let book = Rulebook::seed().expect("seed rulebook");
    assert_eq!(
        book.closing_subject(Subject::Organisation),
        book.closing_subject(Subject::Government)
    );
    for word in [
        "organisation",
        "其他组织",
        "事业单位",
        "社会团体",
        "民办非企业",
    ] {
        assert_eq!(word.parse::<Subject>(), Ok(Subject::Organisation), "{word}");
    }
    let (code, out, _) = run(&[
        "check",
        "--followers",
        "1000",
        "--subject",
        "personal",
        "--target-subject",
        "社会团体",
        "--format",
        "json",
    ]);
    assert_eq!(code, 3);
    assert!(String::from_utf8_lossy(&out).contains("\"M2\""));
    let (code, _, err) = run(&[
        "check",
        "--followers",
        "1000",
        "--subject",
        "organisation",
        "--target-subject",
        "enterprise",
    ]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn every_chinese_column_name_is_in_the_readme_and_the_help() {
    let readme = std::fs::read_to_string(format!("{}/README.md", env!("CARGO_MANIFEST_DIR")))
        .expect("README")
        .to_lowercase();
    let (_, help, _) = run(&["batch", "--help"]);
    let help = String::from_utf8_lossy(&help).to_lowercase();
    for (column, aliases) in fanplan::excel::HEADER_ALIASES {
        for a in aliases {
            assert!(readme.contains(a), "README lacks {a} ({column})");
            assert!(help.contains(a), "batch --help lacks {a} ({column})");
        }
    }
}
