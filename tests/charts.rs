//! End-to-end chart tests: `simulate --charts` writes decodable PNGs of the asked size,
//! byte-identical for identical inputs; a bad size or an unwritable folder is refused.

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
