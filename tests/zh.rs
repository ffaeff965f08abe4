//! The Chinese interface end to end: each command's table in Chinese (insta snapshots in
//! `tests/snapshots/`), and JSON and CSV byte-identical whatever the language.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::{example, fanplan};

/// Standard output and standard error of fanplan with `args`, with the batch timing masked.
fn run(args: &[&str]) -> (String, String) {
    let out = fanplan().args(args).output().expect("runs");
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    let stderr = stderr
        .lines()
        .map(|l| match l.find("用时") {
            Some(i) => format!("{}用时 X 秒", &l[..i]),
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    (String::from_utf8(out.stdout).expect("UTF-8"), stderr)
}

/// The table of `args` in Chinese (`--lang zh` first).
fn zh(args: &[&str]) -> String {
    let mut all = vec!["--lang", "zh"];
    all.extend_from_slice(args);
    let (out, err) = run(&all);
    format!("{out}--- stderr ---\n{err}")
}

const START: [&str; 2] = ["--start", "2026-12-01"];
const RUN: [&str; 4] = ["--runs", "500", "--seed", "7"];

fn with(parts: &[&[&str]]) -> Vec<&'static str> {
    parts
        .iter()
        .flat_map(|p| {
            p.iter()
                .map(|s| -> &'static str { Box::leak(s.to_string().into_boxed_str()) })
        })
        .collect()
}

#[test]
fn check_in_chinese() {
    insta::assert_snapshot!(zh(&["check", "--followers", "12万", "--cross-entity"]));
    insta::assert_snapshot!(
        "check_forbidden",
        zh(&[
            "check",
            "--kind",
            "服务号",
            "--target-kind",
            "订阅号",
            "--target-unverified"
        ])
    );
}

#[test]
fn simulate_in_chinese() {
    let args = with(&[
        &["simulate", "--followers", "12万", "--cross-entity"],
        &START,
        &RUN,
    ]);
    insta::assert_snapshot!(zh(&args));
}

#[test]
fn plan_in_chinese() {
    let migrate = with(&[
        &["plan", "--goal", "migrate", "--followers", "12万"],
        &START,
        &RUN,
    ]);
    insta::assert_snapshot!("plan_migrate", zh(&migrate));
    let close = with(&[
        &[
            "plan",
            "--goal",
            "close",
            "--subject",
            "个人",
            "--payment",
            "--balance",
            "5",
        ],
        &[
            "--mini-programs",
            "2",
            "--articles",
            "850",
            "--last-active",
            "2026-11-20",
        ],
        &START,
        &RUN,
    ]);
    insta::assert_snapshot!("plan_close", zh(&close));
    let options = with(&[&["plan", "--options", "--followers", "12万"], &START, &RUN]);
    insta::assert_snapshot!("plan_options", zh(&options));
}

#[test]
fn compare_rules_workdays_and_batch_in_chinese() {
    let ex = example();
    insta::assert_snapshot!("compare", zh(&with(&[&["compare", &ex], &RUN])));
    insta::assert_snapshot!("rules", zh(&["rules"]));
    insta::assert_snapshot!(
        "workdays",
        zh(&["workdays", "--from", "2026-02-13", "--add", "3"])
    );
    let out = std::env::temp_dir().join("fanplan-zh-batch.csv");
    let out = out.to_str().expect("UTF-8 path");
    insta::assert_snapshot!(
        "batch",
        zh(&with(&[
            &["batch", &ex, "-o", out, "--progress", "never"],
            &RUN
        ]))
    );
}

/// A rulebook with changed numbers is stated in Chinese with the numbers in force: a 3-day
/// window, a 450 yuan review fee, the personal → organisation pair switched off; the rules the
/// copy leaves alone keep the article's wording. `observed` states its freeze tiers.
#[test]
fn rules_in_force_in_chinese() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("copy.toml");
    let text = fanplan::rules::SEED_TOML
        .replacen("unfollow_window_days = 7", "unfollow_window_days = 3", 1)
        .replacen("review_fee_yuan = 300.0", "review_fee_yuan = 450.0", 1)
        .replacen("  { from = \"personal\", to = \"organisation\" },\n", "", 1);
    std::fs::write(&path, text).expect("write");
    let copy = path.to_str().expect("UTF-8 path");
    let out = zh(&["--rules", copy, "rules"]);
    for said in [
        "M7  系统自动推送迁移告知，3 天内用户可自主取消关注。",
        "M4  每次迁移需支付 450 元审核费。",
        "M2  个人号不能迁移至企业号。",
        "M1  只能同类型迁移：订阅号与服务号不可互转",
        "M8  迁移完成后原账号自动注销。",
    ] {
        assert!(out.contains(said), "{said} not in\n{out}");
    }
    assert!(!out.contains("7 天内用户可自主取消关注"), "{out}");
    assert!(
        !out.contains("during a") && !out.contains("review fee"),
        "{out}"
    );
    let observed = zh(&["--rules", "observed", "rules"]);
    for said in [
        "任何主体都不能迁移至个人号。",
        "系统自动推送迁移告知，1 天内用户可自主取消关注。",
        "全部粉丝迁移时，目标账号最多只能有 1,000 个粉丝。",
        "时长按粉丝数：粉丝 1,000 以内 7 天、10,000 以内 15 天、100,000 以内 30 天、超过则 60 天",
    ] {
        assert!(observed.contains(said), "{said} not in\n{observed}");
    }
    // English is unchanged by the Chinese messages.
    let (en, _) = run(&["--rules", copy, "rules"]);
    assert!(en.contains("Followers are notified and may unfollow during a 3-day window."));
    assert!(en.contains("Every migration pays a 450 yuan review fee (审核费)."));
}

/// The precision words: the run count `--precision` chose, Latin hypercube sampling and a
/// probability with its interval.
#[test]
fn precision_in_chinese() {
    let goal = with(&[
        &["simulate", "--followers", "12万", "--cross-entity"],
        &START,
        &["--precision", "0.01", "--seed", "7"],
    ]);
    insta::assert_snapshot!("simulate_precision", zh(&goal));
    let lhs = with(&[
        &["simulate", "--followers", "12万", "--sampling", "lhs"],
        &START,
        &RUN,
        &["--at-least", "90000"],
    ]);
    insta::assert_snapshot!("simulate_lhs", zh(&lhs));
}

#[test]
fn rules_list_and_diff_in_chinese() {
    insta::assert_snapshot!("rules_list", zh(&["rules", "--list"]));
    insta::assert_snapshot!("rules_diff", zh(&["rules", "--diff", "seed", "observed"]));
}

#[test]
fn errors_in_chinese() {
    insta::assert_snapshot!(
        "error_horizon",
        zh(&[
            "simulate",
            "--followers",
            "100",
            "--daily-growth",
            "0.4",
            "--horizon",
            "3000"
        ])
    );
}

/// JSON and CSV are the same bytes in English and in Chinese.
#[test]
fn machine_outputs_do_not_change_with_the_language() {
    let ex = example();
    let cases: Vec<Vec<&str>> = vec![
        with(&[&[
            "check",
            "--followers",
            "5000",
            "--kind",
            "service",
            "--target-kind",
            "subscription",
        ]]),
        with(&[
            &[
                "simulate",
                "--followers",
                "12万",
                "--cross-entity",
                "--notary-fee",
                "800",
            ],
            &START,
            &RUN,
        ]),
        with(&[
            &["plan", "--goal", "migrate", "--followers", "12万"],
            &START,
            &RUN,
        ]),
        with(&[
            &[
                "plan",
                "--goal",
                "close",
                "--subject",
                "个人",
                "--payment",
                "--balance",
                "5",
            ],
            &["--mini-programs", "2", "--last-active", "2026-11-20"],
            &START,
            &RUN,
        ]),
        with(&[
            &["plan", "--options", "--followers", "12万", "--balance", "5"],
            &START,
            &RUN,
        ]),
        with(&[&["compare", &ex], &RUN]),
        with(&[&["rules"]]),
    ];
    for case in cases {
        for format in ["json", "csv"] {
            let mut en = vec!["--lang", "en"];
            en.extend_from_slice(&case);
            en.extend_from_slice(&["--format", format]);
            let mut zh = en.clone();
            zh[1] = "zh";
            let (a, _) = run(&en);
            let (b, _) = run(&zh);
            if format == "csv" && matches!(case[0], "rules" | "check") {
                // `rules` and `check` have no CSV format; their JSON is compared.
                continue;
            }
            assert!(!a.is_empty(), "{en:?} printed nothing");
            assert_eq!(a, b, "{en:?} differs between --lang en and --lang zh");
        }
    }
    let mut en = vec!["--lang", "en", "batch"];
    let ex2 = example();
    en.push(&ex2);
    en.extend_from_slice(&RUN);
    let mut zh = en.clone();
    zh[1] = "zh";
    assert_eq!(run(&en).0, run(&zh).0, "batch CSV differs");
}

/// Latin words a Chinese reader is expected to meet in fanplan's Chinese output: ids (step ids,
/// rulebook and distribution names, example account ids), command and column names, units and
/// formats written in Latin letters. Flags (`--x`), paths, dotted keys and ids with `_` or `-`
/// are recognised by their form and need no entry.
const ALLOWED: &[&str] = &[
    // commands and names of the program
    "fanplan",
    "check",
    "simulate",
    "batch",
    "plan",
    "compare",
    "workdays",
    "calendar",
    "rules",
    "help",
    // rulebooks, distributions, step ids, required columns
    "seed",
    "observed",
    "uniform",
    "triangular",
    "pert",
    "announce",
    "inactivity",
    "backup",
    "unbind",
    "submit",
    "review",
    "freeze",
    "deletion",
    "apply",
    "id",
    "followers",
    // --goal values (the way `close` shares its name)
    "migrate",
    "close",
    // formats, units and abbreviations Chinese operators write in Latin letters
    "csv",
    "utf",
    "toml",
    "excel",
    "png",
    "yyyy",
    "mm",
    "dd",
    "eta",
    "wxh",
    "ttf",
    "otf",
];

/// The Latin words of `text` that are neither allowed nor of an id's, flag's or path's form.
/// Values echoed between quotes (“…”, `…`) are what the user wrote and are skipped.
fn english_words(text: &str, extra: &[String]) -> Vec<String> {
    let mut unquoted = String::new();
    let mut quote = None;
    for c in text.chars() {
        match (quote, c) {
            (None, '“') => quote = Some('”'),
            (None, '`') => quote = Some('`'),
            (Some(end), c) if c == end => quote = None,
            (None, c) => unquoted.push(c),
            _ => {}
        }
    }
    let mut found = Vec::new();
    for token in unquoted.split(|c: char| c.is_whitespace() || !c.is_ascii()) {
        let token = token.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '-');
        if token.starts_with('-')
            || token.contains(['/', '.', '_', '='])
            || token.trim_matches('-').contains('-')
        {
            continue;
        }
        for word in token.split(|c: char| !c.is_ascii_alphabetic()) {
            let lower = word.to_ascii_lowercase();
            if word.len() >= 2
                && !ALLOWED.contains(&lower.as_str())
                && !extra.iter().any(|e| e.eq_ignore_ascii_case(word))
            {
                found.push(word.to_string());
            }
        }
    }
    found
}

/// Commands that succeed and commands that fail, run in Chinese: no English word is left in
/// what they print beyond the allowed ones (the seed rulebook's materials are its own words,
/// shown as written).
#[test]
fn chinese_output_has_no_english_words_left() {
    let ex = example();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = |name: &str| dir.path().join(name).to_str().expect("UTF-8").to_string();
    let read_only = path("ro.csv");
    std::fs::write(&read_only, "x").expect("write");
    let mut perms = std::fs::metadata(&read_only).expect("meta").permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&read_only, perms).expect("read-only");
    let semicolons = path("semicolons.csv");
    std::fs::write(&semicolons, "id;followers\na;1\n").expect("write");
    let bad_rules = path("bad.toml");
    let text = fanplan::rules::SEED_TOML.replacen(
        "duration_days = { min = 10, max = 15 }",
        "duration_days = { min = 15, max = 10 }",
        1,
    );
    std::fs::write(&bad_rules, text).expect("write");
    let holidays = path("holidays.toml");
    std::fs::write(
        &holidays,
        "[[years]]\nyear = 2027\n[[years.holidays]]\nname = \"元旦\"\noff = [\"2026-12-31\"]\n",
    )
    .expect("write");
    let out = path("out.csv");
    let missing = path("missing.csv");
    let cases: Vec<Vec<&str>> = vec![
        // succeeding
        with(&[
            &["simulate", "--followers", "12万", "--cross-entity"],
            &START,
            &RUN,
        ]),
        with(&[
            &[
                "simulate",
                "--followers",
                "12万",
                "--sampling",
                "lhs",
                "--at-least",
                "90000",
            ],
            &START,
            &RUN,
        ]),
        with(&[
            &["simulate", "--followers", "12万", "--precision", "0.02"],
            &START,
        ]),
        vec!["check", "--followers", "12万", "--cross-entity"],
        vec![
            "check",
            "--kind",
            "服务号",
            "--target-kind",
            "订阅号",
            "--target-unverified",
        ],
        with(&[&[
            "plan",
            "--goal",
            "close",
            "--subject",
            "个人",
            "--start",
            "2026-09-01",
            "--balance",
            "0.5",
            "--payment",
            "--mini-programs",
            "1",
            "--articles",
            "230",
            "--followers",
            "8000",
        ]]),
        with(&[
            &["plan", "--goal", "migrate", "--followers", "12万"],
            &START,
            &RUN,
        ]),
        with(&[&["plan", "--options", "--followers", "12万"], &START, &RUN]),
        with(&[&["compare", &ex], &RUN]),
        with(&[&["batch", &ex, "-o", &out, "--progress", "never"], &RUN]),
        vec!["workdays", "--from", "2026-02-13", "--add", "3"],
        vec!["calendar", "--year", "2026"],
        // failing
        vec!["simulate", "--followers", "abc"],
        vec!["simulate", "--followers", "0"],
        vec!["simulate", "--followers", "1", "--dist", "foo"],
        vec![
            "simulate",
            "--followers",
            "1",
            "--charts",
            &out,
            "--chart-size",
            "10x10",
        ],
        vec![
            "simulate",
            "--followers",
            "1",
            "--charts",
            &out,
            "--chart-size",
            "10y10",
        ],
        vec!["plan", "--goal", "foo"],
        vec!["plan", "--goal", "close", "--balance", "-1"],
        vec!["batch", &missing, "-o", &out],
        vec!["batch", &semicolons, "-o", &out],
        vec!["batch", &ex, "-o", &read_only],
        vec!["batch", &ex, "-o", &ex],
        vec!["batch", &ex, "--correlation", "2"],
        vec!["compare", &ex, "--rules-set", "seed,seed"],
        vec!["workdays", "--from", "2026-01-01", "--add", "x"],
        vec!["workdays", "--from", "9999-12-01", "--add", "300"],
        vec!["calendar", "--year", "1900"],
        vec!["help", "nope"],
        vec!["--rules", &missing, "rules"],
        vec!["--rules", &bad_rules, "rules"],
        vec!["--holidays", &holidays, "calendar", "--year", "2027"],
        vec![
            "--holidays",
            &missing,
            "workdays",
            "--from",
            "2026-01-01",
            "--add",
            "1",
        ],
    ];
    let seed = fanplan::rules::Rulebook::seed().expect("seed");
    let materials: Vec<String> = seed
        .closing()
        .subjects
        .values()
        .flat_map(|s| s.materials.iter())
        .flat_map(|m| m.split(|c: char| !c.is_ascii_alphabetic()))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    for case in &cases {
        let mut args = vec!["--lang", "zh"];
        args.extend_from_slice(case);
        let (stdout, stderr) = run(&args);
        let text = format!("{stdout}\n{stderr}");
        let left = english_words(&text, &materials);
        assert!(
            left.is_empty(),
            "{case:?}: English left {left:?} in\n{text}"
        );
    }
}

#[test]
fn the_english_word_finder_sees_words_and_skips_ids() {
    let left = english_words(
        "错误：--followers：cannot read apply review_transfer tea-house a/b.csv P50 seed “abc” `x y`",
        &[],
    );
    assert_eq!(left, vec!["cannot".to_string(), "read".to_string()]);
}

#[test]
fn built_in_rulebook_words_in_chinese() {
    // the built-in rulebooks' closing documents and confidence words are translated; the same
    // words stay English in English
    let zh_rules = zh(&["--rules", "observed", "rules"]);
    for words in [
        "可信度：原文",
        "可信度：多个页面一致",
        "身份证正反面",
        "加盖公章的公函",
    ] {
        assert!(zh_rules.contains(words), "{words}\n{zh_rules}");
    }
    assert!(!zh_rules.contains("several pages agree"), "{zh_rules}");
    assert!(!zh_rules.contains("ID card"), "{zh_rules}");
    let (en_rules, _) = run(&["--lang", "en", "--rules", "observed", "rules"]);
    assert!(
        en_rules.contains("confidence: several pages agree"),
        "{en_rules}"
    );
    assert!(en_rules.contains("ID card (front and back)"), "{en_rules}");
}
