//! End-to-end chart tests: `simulate --charts` writes decodable PNGs of the asked size,
//! byte-identical for identical inputs; a bad size or an unwritable folder is refused.
//! Chinese: ids and chart text draw as glyphs (the pixels differ where the ids differ), a
//! character no font has is named in a warning, `--font` is checked and used.

// Test and bench helpers may panic on a broken fixture: that is a failed test, not a user error.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use predicates::prelude::*;
use std::path::Path;

mod common;
use common::fanplan;

fn dims(path: &Path) -> (u32, u32) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(path).expect("open"),
    ));
    let reader = decoder.read_info().expect("a PNG");
    let info = reader.info();
    (info.width, info.height)
}

fn simulate_into(dir: &Path, extra: &[&str]) {
    let mut args = vec![
        "simulate",
        "--followers",
        "120000",
        "--cross-entity",
        "--runs",
        "2000",
        "--start",
        "2026-11-30",
        "--charts",
        dir.to_str().expect("utf-8"),
    ];
    args.extend(extra);
    fanplan()
        .args(&args)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("trajectory.png"));
}

#[test]
fn simulate_writes_both_charts_identically_twice() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (a, b) = (tmp.path().join("a/nested"), tmp.path().join("b"));
    simulate_into(&a, &[]);
    simulate_into(&b, &[]);
    for name in ["trajectory.png", "histogram.png"] {
        assert_eq!(dims(&a.join(name)), (1600, 1000));
        let (x, y) = (
            std::fs::read(a.join(name)).expect("read"),
            std::fs::read(b.join(name)).expect("read"),
        );
        assert_eq!(x, y, "{name} differs between identical runs");
    }
    let c = tmp.path().join("c");
    simulate_into(&c, &["--chart-size", "800x500"]);
    assert_eq!(dims(&c.join("trajectory.png")), (800, 500));
}

#[test]
fn bad_size_and_unwritable_folder_are_refused() {
    let tmp = tempfile::tempdir().expect("temp dir");
    fanplan()
        .args([
            "simulate",
            "--followers",
            "10",
            "--charts",
            tmp.path().to_str().expect("utf-8"),
            "--chart-size",
            "10x10",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--chart-size"));
    let file = tmp.path().join("not-a-folder");
    std::fs::write(&file, b"x").expect("write");
    fanplan()
        .args([
            "simulate",
            "--followers",
            "10",
            "--charts",
            file.to_str().expect("utf-8"),
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--charts"));
}

/// Decoded RGB pixels and width of a PNG file.
fn pixels(path: &Path) -> (Vec<u8>, usize) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(path).expect("open"),
    ));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("PNG data");
    buf.truncate(info.buffer_size());
    (buf, info.width as usize)
}

/// `compare --charts` of two scenarios with ids `a` and `b`, in the language the
/// environment `env` chooses; returns the chart's path and standard error.
fn compare_chart(
    dir: &Path,
    a: &str,
    b: &str,
    env: &[(&str, &str)],
    extra: &[&str],
) -> (std::path::PathBuf, String) {
    std::fs::create_dir_all(dir).expect("mkdir");
    let input = dir.join("in.csv");
    std::fs::write(
        &input,
        format!("id,followers,cross_entity\n{a},120000,是\n{b},90000,否\n"),
    )
    .expect("write");
    let out = dir.join("charts");
    let mut cmd = fanplan();
    for (k, v) in env {
        cmd.env(k, v);
    }
    let run = cmd
        .args([
            "compare",
            input.to_str().expect("utf-8"),
            "--runs",
            "500",
            "--charts",
        ])
        .arg(&out)
        .args(extra)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert!(run.status.success(), "{stderr}");
    (out.join("compare.png"), stderr)
}

#[test]
fn chinese_ids_draw_and_differ_where_the_ids_differ() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let zh = [("LANG", "zh_CN.UTF-8")];
    let (tea, err) = compare_chart(&tmp.path().join("a"), "茶馆", "城市新闻", &zh, &[]);
    assert!(!err.contains("warning") && !err.contains("警告"), "{err}");
    let (tea2, _) = compare_chart(&tmp.path().join("b"), "茶馆", "城市新闻", &zh, &[]);
    let (city, _) = compare_chart(&tmp.path().join("c"), "城市", "城市新闻", &zh, &[]);
    let read = |p: &Path| std::fs::read(p).expect("read");
    assert_eq!(read(&tea), read(&tea2), "not byte-identical run to run");
    let ((a, w), (b, _)) = (pixels(&tea), pixels(&city));
    let cols: Vec<usize> = (0..w)
        .filter(|x| {
            a.chunks(w * 3)
                .zip(b.chunks(w * 3))
                .any(|(ra, rb)| ra[x * 3..x * 3 + 3] != rb[x * 3..x * 3 + 3])
        })
        .collect();
    // The rows' random streams are keyed by id, so the bars move too; the labels, at the left
    // edge, must differ as well (the chart-level unit test pins the difference to the labels).
    assert!(
        cols.iter().any(|&x| x < w / 10),
        "the id labels 茶馆 and 城市 drew the same pixels: {cols:?}"
    );
    // --lang en wins over LANG: the English chart differs from the Chinese one.
    let (en, _) = compare_chart(
        &tmp.path().join("d"),
        "茶馆",
        "城市新闻",
        &zh,
        &["--lang", "en"],
    );
    assert_ne!(read(&en), read(&tea));
    let (fan, _) = compare_chart(
        &tmp.path().join("e"),
        "茶馆",
        "城市新闻",
        &[("FANPLAN_LANG", "en"), ("LANG", "zh_CN.UTF-8")],
        &[],
    );
    assert_eq!(read(&fan), read(&en));
}

#[test]
fn a_character_no_font_has_is_named_in_a_warning() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (_, err) = compare_chart(tmp.path(), "tea\u{1F375}", "city", &[], &[]);
    assert!(
        err.contains("compare.png") && err.contains("U+1F375"),
        "{err}"
    );
    let (_, err) = compare_chart(
        &tmp.path().join("zh"),
        "tea\u{1F375}",
        "city",
        &[],
        &["--lang", "zh"],
    );
    assert!(err.contains("警告") && err.contains("U+1F375"), "{err}");
}

#[test]
fn font_flag_is_checked_and_used() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (plain, _) = compare_chart(&tmp.path().join("a"), "茶馆", "city", &[], &[]);
    let bold = format!(
        "{}/assets/fonts/NotoSansSC-GB2312-Bold.otf",
        env!("CARGO_MANIFEST_DIR")
    );
    let (heavy, err) = compare_chart(
        &tmp.path().join("b"),
        "茶馆",
        "city",
        &[],
        &["--font", &bold],
    );
    assert!(!err.contains("warning"), "{err}");
    assert_ne!(
        std::fs::read(plain).expect("read"),
        std::fs::read(heavy).expect("read")
    );
    let not_font = tmp.path().join("font.ttf");
    std::fs::write(&not_font, b"not a font").expect("write");
    for (font, code) in [(not_font, 2), (tmp.path().join("missing.ttf"), 1)] {
        fanplan()
            .args(["simulate", "--followers", "10", "--charts"])
            .arg(tmp.path().join("out"))
            .arg("--font")
            .arg(&font)
            .assert()
            .code(code)
            .stderr(predicate::str::contains("--font"));
    }
    // No chart, no font read: a command that draws nothing ignores --font.
    fanplan()
        .args(["check", "--followers", "10", "--font", "/nonexistent.ttf"])
        .assert()
        .code(0);
}
