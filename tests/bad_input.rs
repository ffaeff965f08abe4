//! The bad-input suite (issue 12): a table of bad flags, CSV files, rulebooks and paths, each
//! run on the real binary in a fresh folder and checked for its exit code (SPEC §3), the words
//! of its message, and the files left in the folder afterwards; then the faults around the
//! outputs (full disk, closed pipes, signals); then property tests feeding arbitrary bytes to
//! the CSV reader and the rulebook loader.
//!
//! Permission cases work as root too: fanplan refuses a read-only output by its mode bits, not
//! by the EACCES that root never gets.

// Test helpers may panic on a broken fixture: that is a failed test, not a user error.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_fanplan");
const SEED: &str = include_str!("../data/rulebooks/seed.toml");
const GOOD: &str = "id,followers\nr1,1000\nr2,2000\n";
const ONE_BAD: &str = "id,followers\nr1,1000\nr2,abc\n";

/// One row of the table.
struct Case {
    name: &'static str,
    args: Vec<String>,
    files: Vec<(String, Vec<u8>)>,
    links: Vec<(&'static str, &'static str, bool)>,
    read_only: Vec<&'static str>,
    stdin: Option<Vec<u8>>,
    code: i32,
    words: Vec<&'static str>,
    absent: Vec<String>,
    left: Vec<&'static str>,
}

fn case(name: &'static str, args: &[&str]) -> Case {
    Case {
        name,
        args: args.iter().map(|s| s.to_string()).collect(),
        files: Vec::new(),
        links: Vec::new(),
        read_only: Vec::new(),
        stdin: None,
        code: 2,
        words: Vec::new(),
        absent: Vec::new(),
        left: Vec::new(),
    }
}

impl Case {
    fn file(mut self, name: &str, body: impl AsRef<[u8]>) -> Self {
        self.files.push((name.to_string(), body.as_ref().to_vec()));
        self
    }
    fn rules(self, from: &str, to: &str) -> Self {
        assert!(SEED.contains(from), "`{from}` not in seed.toml");
        self.file("mine.toml", SEED.replacen(from, to, 1))
    }
    fn symlink(mut self, link: &'static str, to: &'static str) -> Self {
        self.links.push((link, to, true));
        self
    }
    fn hard_link(mut self, link: &'static str, to: &'static str) -> Self {
        self.links.push((link, to, false));
        self
    }
    fn read_only(mut self, name: &'static str) -> Self {
        self.read_only.push(name);
        self
    }
    fn stdin(mut self, body: impl AsRef<[u8]>) -> Self {
        self.stdin = Some(body.as_ref().to_vec());
        self
    }
    fn code(mut self, code: i32) -> Self {
        self.code = code;
        self
    }
    fn says(mut self, words: &[&'static str]) -> Self {
        self.words.extend_from_slice(words);
        self
    }
    fn never_says(mut self, words: &[&str]) -> Self {
        self.absent.extend(words.iter().map(|w| w.to_string()));
        self
    }
    fn leaves(mut self, names: &[&'static str]) -> Self {
        self.left.extend_from_slice(names);
        self
    }
}

/// Every file and folder under `dir`, as relative paths.
fn listing(dir: &Path) -> BTreeSet<String> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeSet<String>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            let rel = p
                .strip_prefix(base)
                .map(|r| r.to_string_lossy().into_owned())
                .unwrap_or_default();
            out.insert(rel);
            if fs::symlink_metadata(&p).is_ok_and(|m| m.is_dir()) {
                walk(base, &p, out);
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(dir, dir, &mut out);
    out
}

struct Ran {
    code: i32,
    text: String,
    dir: tempfile::TempDir,
    before: BTreeSet<String>,
}

fn run_case(c: &Case) -> Ran {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, body) in &c.files {
        let p = dir.path().join(name);
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent).expect("folder");
        }
        fs::write(&p, body).expect("fixture");
    }
    for (link, to, soft) in &c.links {
        let (l, t) = (dir.path().join(link), dir.path().join(to));
        if *soft {
            std::os::unix::fs::symlink(&t, &l).expect("symlink");
        } else {
            fs::hard_link(&t, &l).expect("hard link");
        }
    }
    for name in &c.read_only {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir.path().join(name), fs::Permissions::from_mode(0o444))
            .expect("chmod");
    }
    let before = listing(dir.path());
    let mut child = english(&mut Command::new(BIN))
        .args(&c.args)
        .current_dir(dir.path())
        .stdin(if c.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run fanplan");
    if let (Some(body), Some(mut stdin)) = (&c.stdin, child.stdin.take()) {
        let _ = stdin.write_all(body);
    }
    let out = child.wait_with_output().expect("output");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    Ran {
        code: out.status.code().unwrap_or(-1),
        text,
        dir,
        before,
    }
}

fn long(n: usize) -> String {
    "9".repeat(n)
}

fn cases() -> Vec<Case> {
    let sim = |name, extra: &[&str]| {
        let mut args = vec!["simulate", "--runs", "20"];
        args.extend_from_slice(extra);
        case(name, &args)
    };
    let close = |name, extra: &[&str]| {
        let mut args = vec!["plan", "--goal", "close", "--runs", "20"];
        args.extend_from_slice(extra);
        case(name, &args)
    };
    let batch = |name, extra: &[&str]| {
        let mut args = vec!["batch", "in.csv", "--runs", "20", "--threads", "1"];
        args.extend_from_slice(extra);
        case(name, &args)
    };
    let book = |name| case(name, &["--rules", "mine.toml", "rules"]);
    let bad_book = |name, from: &str, to: &str, key: &'static str| {
        book(name).rules(from, to).says(&["mine.toml", key])
    };
    vec![
        // ---- flags ----
        sim("followers missing", &[]).says(&["--followers"]),
        sim("followers negative", &["--followers", "-5"]).says(&["--followers", "-5", "negative"]),
        sim("followers words", &["--followers", "abc"]).says(&["--followers", "`abc`"]),
        sim("followers zero", &["--followers", "0"]).says(&["--followers"]),
        sim("followers fraction of 万", &["--followers", "1.23456万"]).says(&["--followers"]),
        sim(
            "target followers negative",
            &["--followers", "10", "--target-followers", "-1"],
        )
        .says(&["--target-followers", "negative"]),
        sim(
            "overlap above one",
            &["--followers", "10", "--overlap", "1.5"],
        )
        .says(&["--overlap"]),
        sim(
            "overlap negative",
            &["--followers", "10", "--overlap", "-0.1"],
        )
        .says(&["--overlap"]),
        sim(
            "overlap percent",
            &["--followers", "10", "--overlap", "150%"],
        )
        .says(&["--overlap"]),
        sim(
            "growth too high",
            &["--followers", "10", "--daily-growth", "0.6"],
        )
        .says(&["--daily-growth"]),
        sim(
            "growth too low",
            &["--followers", "10", "--daily-growth", "-0.6"],
        )
        .says(&["--daily-growth"]),
        sim(
            "notary negative",
            &["--followers", "10", "--notary-fee", "-5"],
        )
        .says(&["--notary-fee"]),
        sim(
            "notary reversed",
            &["--followers", "10", "--notary-fee", "1500-500"],
        )
        .says(&["--notary-fee"]),
        sim(
            "notary words",
            &["--followers", "10", "--notary-fee", "a-b"],
        )
        .says(&["--notary-fee", "fee range"]),
        sim(
            "value negative",
            &["--followers", "10", "--value-per-follower", "-1"],
        )
        .says(&["--value-per-follower"]),
        sim(
            "value infinite",
            &["--followers", "10", "--value-per-follower", "inf"],
        )
        .says(&["--value-per-follower", "finite"]),
        sim("horizon zero", &["--followers", "10", "--horizon", "0"]).says(&["--horizon"]),
        sim(
            "horizon too long",
            &["--followers", "10", "--horizon", "3651"],
        )
        .says(&["--horizon", "3651"]),
        sim(
            "horizon negative",
            &["--followers", "10", "--horizon", "-3"],
        )
        .says(&["--horizon", "-3"]),
        case(
            "runs zero",
            &["simulate", "--followers", "10", "--runs", "0"],
        )
        .says(&["--runs"]),
        case(
            "runs negative",
            &["simulate", "--followers", "10", "--runs", "-1"],
        )
        .says(&["--runs", "-1"]),
        case(
            "runs too many",
            &["simulate", "--followers", "10", "--runs", "10000001"],
        )
        .says(&["--runs"]),
        sim("seed negative", &["--followers", "10", "--seed", "-1"]).says(&["--seed"]),
        sim(
            "start not a day",
            &["--followers", "10", "--start", "2026-02-30"],
        )
        .says(&["--start", "2026-02-30"]),
        sim(
            "start five-digit year",
            &["--followers", "10", "--start", "10000-01-01"],
        )
        .says(&["--start"]),
        sim("kind unknown", &["--followers", "10", "--kind", "channel"])
            .says(&["--kind", "channel"]),
        sim(
            "subject unknown",
            &["--followers", "10", "--subject", "company"],
        )
        .says(&["--subject", "company"]),
        sim("dist unknown", &["--followers", "10", "--dist", "normal"])
            .says(&["--dist", "`normal`", "uniform"]),
        sim(
            "dist with a control character",
            &["--followers", "10", "--dist", "nor\u{7}mal"],
        )
        .says(&["--dist", "nor\\u{7}mal"]),
        sim("dist without a value", &["--followers", "10", "--dist"]).says(&["--dist", "value"]),
        sim("format unknown", &["--followers", "10", "--format", "xml"]).says(&["--format"]),
        sim(
            "at-least negative",
            &["--followers", "10", "--at-least", "-1"],
        )
        .says(&["--at-least", "negative"]),
        sim(
            "csv cannot carry at-least",
            &["--followers", "10", "--format", "csv", "--at-least", "5"],
        )
        .says(&["--at-least", "csv"]),
        case(
            "plan options have no at-least",
            &["plan", "--options", "--followers", "10", "--at-least", "5"],
        )
        .says(&["--at-least"]),
        case(
            "plan csv has no at-least",
            &[
                "plan",
                "--goal",
                "migrate",
                "--followers",
                "10",
                "--format",
                "csv",
                "--at-least",
                "5",
            ],
        )
        .says(&["--at-least"]),
        sim(
            "chart size too small",
            &["--followers", "10", "--chart-size", "10x10"],
        )
        .says(&["--chart-size"]),
        sim("a long value is cut", &["--followers", &long(500)])
            .says(&["--followers", "(500 characters)"])
            .never_says(&[&"9".repeat(100)]),
        sim(
            "a control character is escaped",
            &["--followers", "1\u{1b}[31m2"],
        )
        .says(&["--followers", "\\u{1b}"])
        .never_says(&["\u{1b}"]),
        close("articles negative", &["--articles", "-1"])
            .says(&["--articles", "-1"])
            .never_says(&["followers"]),
        close("balance negative", &["--balance", "-1"]).says(&["--balance"]),
        close("pending income words", &["--pending-income", "lots"])
            .says(&["--pending-income", "lots"]),
        close("mini programs negative", &["--mini-programs", "-1"]).says(&["--mini-programs"]),
        close("last active not a day", &["--last-active", "2026-13-01"]).says(&["--last-active"]),
        case("goal unknown", &["plan", "--goal", "teleport"]).says(&["--goal", "teleport"]),
        case("goal missing", &["plan", "--followers", "10"]).says(&["--goal"]),
        case(
            "options draw no chart",
            &["plan", "--options", "--followers", "10", "--charts", "c"],
        )
        .says(&["--charts"]),
        case(
            "workdays past 9999",
            &["workdays", "--from", "9999-12-31", "--add", "1"],
        )
        .says(&["--add", "9999-12-31"])
        .never_says(&["+10000"]),
        case(
            "workdays negative",
            &["workdays", "--from", "2026-01-01", "--add", "-1"],
        )
        .says(&["--add", "-1"]),
        case(
            "workdays bad from",
            &["workdays", "--from", "yesterday", "--add", "1"],
        )
        .says(&["--from", "yesterday"]),
        case("workdays no from", &["workdays", "--add", "1"]).says(&["--from"]),
        case(
            "check target kind",
            &["check", "--followers", "10", "--target-kind", "x"],
        )
        .says(&["--target-kind"]),
        case(
            "check forbidden",
            &["check", "--followers", "10", "--target-unverified"],
        )
        .code(3)
        .says(&["M3"]),
        case("unknown command", &["teleport"]).says(&["teleport"]),
        case("unknown flag", &["rules", "--colour"]).says(&["--colour"]),
        case(
            "a long unexpected argument is cut",
            &["rules", &"x".repeat(5000)],
        )
        .says(&["unexpected argument", "(5000 characters)"])
        .never_says(&[&"x".repeat(100)]),
        case(
            "an unexpected argument with a NUL-like control is escaped",
            &["rules", "a\u{1}b"],
        )
        .says(&["a\\u{1}b"]),
        // ---- rulebooks ----
        case("rulebook missing", &["--rules", "nope.toml", "rules"])
            .code(1)
            .says(&["nope.toml"]),
        book("rulebook not toml")
            .file("mine.toml", "[rulebook\nname = 1")
            .says(&["mine.toml", "line 1"]),
        book("rulebook empty")
            .file("mine.toml", "")
            .says(&["mine.toml", "rulebook"]),
        book("rulebook not utf-8")
            .file("mine.toml", b"\xff\xfe[rulebook]")
            .says(&["mine.toml", "UTF-8"]),
        case("rulebook a folder", &["--rules", "sub", "rules"])
            .file("sub/x", "")
            .code(1)
            .says(&["sub"]),
        bad_book(
            "ratio huge",
            "ratio = 0.5",
            "ratio = 1e300",
            "migration.unfollow_curve.ratio",
        ),
        bad_book(
            "ratio tiny",
            "ratio = 0.5",
            "ratio = 1e-300",
            "migration.unfollow_curve.ratio",
        ),
        bad_book(
            "weights overflow",
            "ratio = 0.5",
            "weights = [1e308, 1e308, 1e308, 1.0, 1.0, 1.0, 1.0]",
            "migration.unfollow_curve.weights",
        ),
        bad_book(
            "weights not finite",
            "ratio = 0.5",
            "weights = [nan, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]",
            "migration.unfollow_curve.weights",
        ),
        bad_book(
            "fee huge",
            "review_fee_yuan = 300.0",
            "review_fee_yuan = 1e308",
            "migration.review_fee_yuan",
        ),
        bad_book(
            "fee infinite",
            "review_fee_yuan = 300.0",
            "review_fee_yuan = inf",
            "migration.review_fee_yuan",
        ),
        bad_book(
            "fee negative",
            "review_fee_yuan = 300.0",
            "review_fee_yuan = -1.0",
            "migration.review_fee_yuan",
        ),
        bad_book(
            "notary above 10^15",
            "notary_fee_yuan = { min = 500.0, max = 1500.0 }",
            "notary_fee_yuan = { min = 500.0, max = 2e15 }",
            "migration.notary_fee_yuan.max",
        ),
        bad_book(
            "review days huge",
            "review_working_days = { min = 20, max = 30 }",
            "review_working_days = { min = 20, max = 3000000 }",
            "review_working_days.max",
        ),
        bad_book(
            "cooldown huge",
            "name_cooldown_days = 30",
            "name_cooldown_days = 4000000000",
            "closing.name_cooldown_days",
        ),
        bad_book(
            "announce days huge",
            "announce_days = 30",
            "announce_days = 3651",
            "closing.announce_days",
        ),
        bad_book(
            "duration huge",
            "duration_days = { min = 10, max = 15 }",
            "duration_days = { min = 10, max = 5000 }",
            "duration_days.max",
        ),
        bad_book(
            "retention above one",
            "retention = { min = 0.85, max = 0.92 }",
            "retention = { min = 0.85, max = 1.2 }",
            "retention.max",
        ),
        bad_book(
            "unknown rule id",
            "[migration]\n",
            "[[rules]]\nid = \"X9\"\nstatement = \"x\"\nsource = \"y\"\n\n[migration]\n",
            "X9",
        ),
        case(
            "a forecast past 9999 is refused",
            &[
                "--rules",
                "mine.toml",
                "simulate",
                "--cross-entity",
                "--followers",
                "100",
                "--start",
                "9989-12-31",
                "--runs",
                "5",
                "--format",
                "json",
            ],
        )
        .rules(
            "duration_days = { min = 10, max = 15 }",
            "duration_days = { min = 3650, max = 3650 }",
        )
        .says(&["--start", "9999-12-31"])
        .never_says(&["+10"]),
        bad_book(
            "months huge",
            "statistics_months = 3",
            "statistics_months = 100000",
            "backup.statistics_months",
        ),
        // ---- holiday files ----
        case("holidays missing", &["--holidays", "nope.toml", "workdays", "--from", "2027-01-01", "--add", "1"])
            .code(1)
            .says(&["--holidays", "nope.toml"]),
        case("holidays not toml", &["--holidays", "h.toml", "workdays", "--from", "2027-01-01", "--add", "1"])
            .file("h.toml", "[[years]")
            .says(&["--holidays h.toml", "line 1"]),
        case("holidays bad date", &["--holidays", "h.toml", "workdays", "--from", "2027-01-01", "--add", "1"])
            .file("h.toml", "[[years]]\nyear = 2027\nsource = \"x\"\n[[years.holidays]]\nname = \"a\"\noff = [\"2027-13-01\"]\nwork = []\n")
            .says(&["--holidays h.toml", "off", "2027-13-01"]),
        case("chart over the holidays file", &["--holidays", "c/timeline.png", "plan", "--goal", "close", "--runs", "5", "--charts", "c"])
            .file("c/timeline.png", "")
            .says(&["--charts", "--holidays", "refusing"]),
        // ---- CSV files ----
        case("input missing", &["batch", "nope.csv"])
            .code(1)
            .says(&["nope.csv"]),
        batch("input empty", &[])
            .file("in.csv", "")
            .says(&["in.csv", "empty"]),
        batch("no id column", &[])
            .file("in.csv", "followers\n10\n")
            .says(&["in.csv", "id"]),
        batch("no followers column", &[])
            .file("in.csv", "id\na\n")
            .says(&["in.csv", "followers"]),
        batch("semicolons", &[])
            .file("in.csv", "id;followers\na;1\n")
            .says(&["semicolons"]),
        batch("input a folder", &[])
            .file("in.csv/x", "")
            .code(1)
            .says(&["in.csv"]),
        batch("one bad number", &["-o", "out.csv", "--errors", "err.csv"])
            .file("in.csv", ONE_BAD)
            .code(4)
            .says(&["line 3", "followers", "`abc`"])
            .leaves(&["out.csv", "err.csv"]),
        batch("a NUL in a cell is shown", &["--errors", "err.csv"])
            .file("in.csv", "id,followers\nr1,1\0 2\n")
            .code(4)
            .says(&["\\0"])
            .leaves(&["err.csv"]),
        batch(
            "a huge cell is cut",
            &["-o", "out.csv", "--errors", "err.csv"],
        )
        .file("in.csv", format!("id,followers\nr1,{}\n", long(100_000)))
        .code(4)
        .says(&["(100000 characters)"])
        .never_says(&[&"9".repeat(200)])
        .leaves(&["out.csv", "err.csv"]),
        batch("duplicate id", &[])
            .file("in.csv", "id,followers\na,1\na,2\n")
            .code(4)
            .says(&["line 3", "duplicate"]),
        batch("field count", &[])
            .file("in.csv", "id,followers\na,1,2\n")
            .code(4)
            .says(&["line 2", "3 fields"]),
        batch("overlap cell", &[])
            .file("in.csv", "id,followers,overlap\na,1,1.5\n")
            .code(4)
            .says(&["overlap", "1.5"]),
        batch("kind cell", &[])
            .file("in.csv", "id,followers,source_kind\na,1,channel\n")
            .code(4)
            .says(&["source_kind", "channel"]),
        batch("date cell", &[])
            .file("in.csv", "id,followers,start_date\na,1,2026-02-30\n")
            .code(4)
            .says(&["start_date", "2026-02-30"]),
        batch("every row bad", &["-o", "out.csv"])
            .file("in.csv", "id,followers\na,x\nb,y\n")
            .code(4)
            .leaves(&["out.csv"]),
        case("standard input bad", &["batch", "-", "--runs", "20"])
            .stdin(ONE_BAD)
            .code(4)
            .says(&["line 3"]),
        // ---- paths ----
        batch("-o over the input", &["-o", "./in.csv"])
            .file("in.csv", GOOD)
            .says(&["-o", "input file", "refusing"]),
        batch(
            "--summary over the rulebook",
            &["--rules", "mine.toml", "--summary", "mine.toml"],
        )
        .file("in.csv", GOOD)
        .file("mine.toml", SEED)
        .says(&["--summary", "--rules"]),
        batch(
            "-o over the rulebook",
            &["--rules", "mine.toml", "-o", "mine.toml"],
        )
        .file("in.csv", GOOD)
        .file("mine.toml", SEED)
        .says(&["-o", "--rules", "refusing"]),
        batch(
            "--errors over the rulebook",
            &["--rules", "mine.toml", "--errors", "./mine.toml"],
        )
        .file("in.csv", GOOD)
        .file("mine.toml", SEED)
        .says(&["--errors", "--rules"]),
        batch("-o a link to the input", &["-o", "link.csv"])
            .file("in.csv", GOOD)
            .symlink("link.csv", "in.csv")
            .says(&["input file"]),
        batch("-o a hard link to the input", &["-o", "hard.csv"])
            .file("in.csv", GOOD)
            .hard_link("hard.csv", "in.csv")
            .says(&["input file"]),
        batch(
            "-o and --errors the same",
            &["-o", "x.csv", "--errors", "./x.csv"],
        )
        .file("in.csv", GOOD)
        .says(&["same file"]),
        batch(
            "-o and --summary the same",
            &["-o", "x.csv", "--summary", "x.csv"],
        )
        .file("in.csv", GOOD)
        .says(&["same file"]),
        batch(
            "-o on the portfolio chart",
            &["-o", "c/portfolio.png", "--charts", "c"],
        )
        .file("in.csv", GOOD)
        .says(&["same file"]),
        batch("-o read-only", &["-o", "ro.csv", "--summary", "s.json"])
            .file("in.csv", GOOD)
            .file("ro.csv", "old")
            .read_only("ro.csv")
            .code(1)
            .says(&["ro.csv", "read-only", "--force"]),
        case(
            "--force replaces read-only",
            &["--force", "batch", "in.csv", "--runs", "20", "-o", "ro.csv"],
        )
        .file("in.csv", GOOD)
        .file("ro.csv", "old")
        .read_only("ro.csv")
        .code(0),
        batch(
            "-o in a missing folder",
            &["-o", "none/out.csv", "--summary", "s.json"],
        )
        .file("in.csv", GOOD)
        .code(1)
        .says(&["-o", "none/out.csv"]),
        batch(
            "-o name too long",
            &[
                "--summary",
                "s.json",
                "--errors",
                "e.csv",
                "-o",
                &format!("{}.csv", "x".repeat(300)),
            ],
        )
        .file("in.csv", ONE_BAD)
        .code(1)
        .says(&["-o", "too long", "(304 characters)"]),
        batch("-o a folder", &["-o", "sub"])
            .file("in.csv", GOOD)
            .file("sub/x", "")
            .code(1)
            .says(&["-o", "folder"]),
        batch("--charts a file", &["--charts", "c.txt"])
            .file("in.csv", GOOD)
            .file("c.txt", "")
            .code(1)
            .says(&["--charts", "c.txt"]),
        case(
            "simulate chart over the rulebook",
            &[
                "--rules",
                "c/trajectory.png",
                "simulate",
                "--followers",
                "10",
                "--runs",
                "20",
                "--charts",
                "c",
            ],
        )
        .file("c/trajectory.png", SEED)
        .says(&["--charts", "--rules"]),
        case(
            "compare -o over its input",
            &["compare", "in.csv", "--runs", "20", "-o", "./in.csv"],
        )
        .file("in.csv", GOOD)
        .says(&["-o", "input file", "refusing"]),
        case(
            "compare -o /dev/full",
            &["compare", "in.csv", "--runs", "20", "-o", "/dev/full"],
        )
        .file("in.csv", GOOD)
        .code(1)
        .says(&["cannot write -o /dev/full", "No space left"]),
        case(
            "compare chart over its input",
            &["compare", "c/compare.png", "--charts", "c"],
        )
        .file("c/compare.png", GOOD)
        .says(&["input file"]),
        batch("-o /dev/full", &["-o", "/dev/full"])
            .file("in.csv", GOOD)
            .code(1)
            .says(&["cannot write -o /dev/full", "No space left"])
            .never_says(&["rejected row", ".fanplan-"]),
        batch(
            "--summary /dev/full",
            &["-o", "out.csv", "--summary", "/dev/full"],
        )
        .file("in.csv", GOOD)
        .code(1)
        .says(&["--summary /dev/full", "No space left"]),
        batch(
            "--errors /dev/full",
            &["-o", "out.csv", "--errors", "/dev/full"],
        )
        .file("in.csv", ONE_BAD)
        .code(1)
        .says(&["--errors /dev/full", "No space left"])
        .never_says(&["batch:"]),
    ]
}

#[test]
fn the_bad_input_table() {
    let table = cases();
    assert!(table.len() >= 80, "{} cases", table.len());
    eprintln!("bad-input table: {} cases", table.len());
    let mut failures = Vec::new();
    for c in &table {
        let ran = run_case(c);
        let mut wrong = Vec::new();
        if ran.code != c.code {
            wrong.push(format!("exit {} instead of {}", ran.code, c.code));
        }
        for w in &c.words {
            if !ran.text.contains(w) {
                wrong.push(format!("no `{w}`"));
            }
        }
        for w in &c.absent {
            if ran.text.contains(w.as_str()) {
                wrong.push(format!("says `{}`", w.chars().take(20).collect::<String>()));
            }
        }
        if ran.text.contains("panicked") {
            wrong.push("panicked".to_string());
        }
        let after = listing(ran.dir.path());
        let mut expected = ran.before.clone();
        expected.extend(c.left.iter().map(|s| s.to_string()));
        if after != expected {
            let extra: Vec<_> = after.difference(&expected).collect();
            let gone: Vec<_> = expected.difference(&after).collect();
            wrong.push(format!("files: extra {extra:?}, missing {gone:?}"));
        }
        if !wrong.is_empty() {
            let text: String = ran.text.chars().take(400).collect();
            failures.push(format!("{}: {}\n    {text}", c.name, wrong.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn fanplan_in(dir: &Path) -> Command {
    let mut c = Command::new(BIN);
    english(&mut c).current_dir(dir);
    c
}

/// None of the variables that choose the language: the tests read English whatever the
/// machine's locale.
fn english(c: &mut Command) -> &mut Command {
    for var in fanplan::i18n::LANG_VARS {
        c.env_remove(var);
    }
    c
}

fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(p)
        .map(|m| m.permissions().mode() & 0o777)
        .unwrap_or(0)
}

#[test]
fn errors_csv_holds_the_cut_value() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cell = format!("{}\u{0}", "9".repeat(10_000));
    fs::write(
        dir.path().join("in.csv"),
        format!("id,followers\nr1,{cell}\n"),
    )
    .expect("input");
    let status = fanplan_in(dir.path())
        .args(["batch", "in.csv", "--runs", "20", "--errors", "err.csv"])
        .stderr(Stdio::null())
        .status()
        .expect("run");
    assert_eq!(status.code(), Some(4));
    let text = fs::read_to_string(dir.path().join("err.csv")).unwrap_or_default();
    assert!(text.contains("(10001 characters)"), "{text}");
    assert!(text.len() < 600, "{} bytes", text.len());
}

#[test]
fn a_replaced_output_keeps_its_mode_and_read_only_needs_force() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("in.csv"), GOOD).expect("input");
    let out = dir.path().join("out.csv");
    fs::write(&out, "old").expect("old");
    fs::set_permissions(&out, fs::Permissions::from_mode(0o600)).expect("chmod");
    let status = fanplan_in(dir.path())
        .args(["batch", "in.csv", "--runs", "20", "-o", "out.csv"])
        .status()
        .expect("run");
    assert_eq!(status.code(), Some(0));
    assert_eq!(mode(&out), 0o600);
    assert!(fs::read_to_string(&out)
        .unwrap_or_default()
        .starts_with("id,"));
    // Read-only (checked by its mode bits, so this holds as root too).
    fs::write(&out, "old").expect("old");
    fs::set_permissions(&out, fs::Permissions::from_mode(0o444)).expect("chmod");
    let refused = fanplan_in(dir.path())
        .args(["batch", "in.csv", "--runs", "20", "-o", "out.csv"])
        .status()
        .expect("run");
    assert_eq!(refused.code(), Some(1));
    assert_eq!(fs::read_to_string(&out).unwrap_or_default(), "old");
    let forced = fanplan_in(dir.path())
        .args([
            "batch", "in.csv", "--runs", "20", "-o", "out.csv", "--force",
        ])
        .status()
        .expect("run");
    assert_eq!(forced.code(), Some(0));
    assert_eq!(mode(&out), 0o444);
    assert!(fs::read_to_string(&out)
        .unwrap_or_default()
        .starts_with("id,"));
}

/// Run through `sh -c` (for pipes), in `dir`.
fn shell(dir: &Path, script: &str) -> (i32, String) {
    let out = english(&mut Command::new("sh"))
        .arg("-c")
        .arg(script)
        .env("FANPLAN", BIN)
        .current_dir(dir)
        .output()
        .expect("sh");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn closed_pipes_never_change_the_exit_code() {
    let dir = tempfile::tempdir().expect("temp dir");
    // More than a pipe holds (64 KiB) on both streams, so that the reader really goes away
    // while fanplan writes: 3,000 rejected rows (standard error), 3,000 forecasts (output).
    let mut rows = String::from(ONE_BAD);
    for i in 0..3000 {
        rows.push_str(&format!("bad{i},x\ngood{i},{}\n", 100 + i));
    }
    fs::write(dir.path().join("a.csv"), rows).expect("input");
    // Standard error closed early (`2>&1 | head -c 1`): the files are still written, exit 4.
    let (code, text) = shell(
        dir.path(),
        "{ ( $FANPLAN batch a.csv --runs 20 -o out.csv --errors err.csv 2>&1; echo \"code $?\" >&3 ) | head -c 1 >/dev/null; } 3>&1",
    );
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("code 4"), "{text}");
    assert!(dir.path().join("out.csv").exists() && dir.path().join("err.csv").exists());
    // Standard output closed early: quiet, with the code the work deserves.
    let (_, text) = shell(
        dir.path(),
        "{ ( $FANPLAN batch a.csv --runs 20 2>/dev/null; echo \"code $?\" >&3 ) | head -c 1 >/dev/null; } 3>&1; \
         { ( $FANPLAN rules 2>err.txt; echo \"rules $?\" >&3 ) | head -c 1 >/dev/null; } 3>&1",
    );
    assert!(text.contains("code 4"), "{text}");
    assert!(text.contains("rules 0"), "{text}");
    assert_eq!(
        fs::read_to_string(dir.path().join("err.txt")).unwrap_or_default(),
        ""
    );
    // A full standard output is a failure, named.
    let (_, text) = shell(
        dir.path(),
        "$FANPLAN rules >/dev/full 2>&1; echo \"full $?\"; $FANPLAN rules 2>&1 >/dev/full | cat",
    );
    assert!(text.contains("full 1"), "{text}");
    assert!(text.contains("cannot write standard output"), "{text}");
}

fn temp_files(dir: &Path) -> Vec<String> {
    listing(dir)
        .into_iter()
        .filter(|n| n.contains(".fanplan-"))
        .collect()
}

#[test]
fn signals_leave_nothing_and_stale_files_are_removed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut rows = String::from("id,followers\n");
    for i in 0..200_000 {
        rows.push_str(&format!("r{i},{}\n", 1000 + i));
    }
    fs::write(dir.path().join("big.csv"), rows).expect("input");
    let args = [
        "batch",
        "big.csv",
        "--threads",
        "1",
        "-o",
        "out.csv",
        "--errors",
        "err.csv",
        "--summary",
        "s.json",
    ];
    for (signal, code) in [("INT", 130), ("TERM", 143)] {
        let mut child = fanplan_in(dir.path())
            .args(args)
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        // Wait until the temporary files exist, then interrupt.
        for _ in 0..200 {
            if temp_files(dir.path()).len() == 3 {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let killed = Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .expect("kill");
        assert!(killed.success());
        let status = child.wait().expect("wait");
        assert_eq!(status.code(), Some(code), "SIG{signal}");
        assert_eq!(listing(dir.path()), BTreeSet::from(["big.csv".to_string()]));
    }
    // After SIGKILL the files stay; the next run in the folder removes them (their process is
    // gone), and keeps another program's files.
    let mut child = fanplan_in(dir.path())
        .args(args)
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    for _ in 0..200 {
        if temp_files(dir.path()).len() == 3 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(temp_files(dir.path()).len(), 3);
    fs::write(dir.path().join(".fanplan-notes.tmp"), "mine").expect("other");
    fs::write(dir.path().join("small.csv"), GOOD).expect("input");
    let status = fanplan_in(dir.path())
        .args(["batch", "small.csv", "--runs", "20", "-o", "out.csv"])
        .status()
        .expect("run");
    assert_eq!(status.code(), Some(0));
    assert_eq!(
        temp_files(dir.path()),
        vec![".fanplan-notes.tmp".to_string()]
    );
}

/// Run a command line in-process; the exit code it would give.
fn exit_of(args: &[&str]) -> i32 {
    run_in_process(args).0
}

/// Run a command line in-process; the exit code it would give and its standard output.
fn run_in_process(args: &[&str]) -> (i32, String) {
    use clap::Parser;
    let cli = match fanplan::cli::Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(_) => return (2, String::new()),
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut ctx = fanplan::cli::Ctx {
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default(),
        out: &mut out,
        err: &mut err,
        err_is_terminal: false,
        rules_file: None,
        holidays_file: None,
        force: false,
        lang: fanplan::i18n::Lang::En,
        font: None,
    };
    let code = match fanplan::cli::run(cli, &mut ctx) {
        Ok(outcome) => outcome.code(),
        Err(e) => fanplan::cli::exit_code(&e),
    };
    (code, String::from_utf8_lossy(&out).into_owned())
}

fn path_str(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn written(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, bytes).expect("write");
    p
}

/// Property-test cases per property (the README quotes the total).
const CASES: u32 = 256;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    /// Arbitrary bytes as a batch input: no panic; 0 (all rows read), 2 (no usable header) or
    /// 4 (rows rejected).
    #[test]
    fn any_bytes_as_a_csv_give_a_documented_code(
        body in prop::collection::vec(any::<u8>(), 0..400),
        header in prop::bool::ANY,
    ) {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut bytes = if header { b"id,followers,overlap,start_date\n".to_vec() } else { Vec::new() };
        bytes.extend_from_slice(&body);
        let input = written(dir.path(), "in.csv", &bytes);
        let code = exit_of(&["fanplan", "batch", &path_str(&input), "--runs", "2", "--threads", "1", "-o", &path_str(&dir.path().join("out.csv"))]);
        prop_assert!([0, 2, 4].contains(&code), "exit {code}");
    }

    /// Arbitrary bytes as a rulebook: no panic, exit 2.
    #[test]
    fn any_bytes_as_a_rulebook_are_refused(body in prop::collection::vec(any::<u8>(), 0..400)) {
        let dir = tempfile::tempdir().expect("temp dir");
        let book = written(dir.path(), "mine.toml", &body);
        prop_assert_eq!(exit_of(&["fanplan", "--rules", &path_str(&book), "rules"]), 2);
    }

    /// Arbitrary bytes as a holiday file: no panic; 0 (a file without years) or 2.
    #[test]
    fn any_bytes_as_a_holiday_file_give_a_documented_code(
        body in prop::collection::vec(any::<u8>(), 0..400),
        header in prop::bool::ANY,
    ) {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut bytes = if header { b"[[years]]\nyear = 2027\n".to_vec() } else { Vec::new() };
        bytes.extend_from_slice(&body);
        let file = written(dir.path(), "h.toml", &bytes);
        let code = exit_of(&["fanplan", "--holidays", &path_str(&file), "workdays", "--from", "2027-01-01", "--add", "5"]);
        prop_assert!([0, 2].contains(&code), "exit {code}");
    }

    /// The seed rulebook with one number replaced by anything: refused (2) or, when it loads,
    /// every command finishes without a panic or a date overflow (0 or 3).
    #[test]
    fn a_rulebook_that_loads_never_fails_later(
        key in prop::sample::select(vec![
            "name_cooldown_days = 30", "inactivity_days = 30", "announce_days = 30",
            "freeze_days = 7", "deletion_day = 8", "unfollow_window_days = 7", "ratio = 0.5",
            "review_fee_yuan = 300.0", "payment_freeze_working_days = 3",
        ]),
        value in prop_oneof![
            (0u64..5_000).prop_map(|v| v.to_string()),
            any::<u32>().prop_map(|v| v.to_string()),
            any::<f64>().prop_map(|v| format!("{v:e}")),
        ],
    ) {
        let name = key.split(" = ").next().unwrap_or(key);
        let dir = tempfile::tempdir().expect("temp dir");
        let text = SEED.replacen(key, &format!("{name} = {value}"), 1);
        let book = path_str(&written(dir.path(), "mine.toml", text.as_bytes()));
        let load = exit_of(&["fanplan", "--rules", &book, "rules"]);
        prop_assert!([0, 2].contains(&load), "load exit {load}");
        if load == 0 {
            for args in [
                vec!["fanplan", "--rules", &book, "plan", "--goal", "close", "--runs", "5", "--start", "9985-01-01", "--format", "json"],
                vec!["fanplan", "--rules", &book, "plan", "--goal", "migrate", "--followers", "100", "--runs", "5"],
                vec!["fanplan", "--rules", &book, "simulate", "--followers", "100", "--runs", "5", "--cross-entity"],
            ] {
                let (code, out) = run_in_process(&args);
                prop_assert!([0, 2, 3].contains(&code), "{args:?}: exit {code}");
                // No date with more than four digits in its year is ever printed.
                prop_assert!(!out.contains("\"+"), "{args:?}: {out}");
            }
        }
    }
}
