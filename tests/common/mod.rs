//! Helpers shared by the end-to-end tests: the binary, the sample files and
//! JSON output. Each test crate uses a subset, hence the `dead_code` allowance.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use serde_json::Value;

/// The fanplan binary built by cargo for these tests, with none of the variables that choose
/// the language set (so the tests read English whatever the machine's locale), nor the caller's
/// `FANPLAN_HOLIDAYS` (the embedded holiday data only).
pub fn fanplan() -> Command {
    let mut cmd = Command::cargo_bin("fanplan").expect("binary built");
    for var in fanplan::i18n::LANG_VARS {
        cmd.env_remove(var);
    }
    cmd.env_remove("FANPLAN_HOLIDAYS");
    cmd
}

/// Path of a file in `tests/fixtures/`.
pub fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Path of the sample accounts file the README uses.
pub fn example() -> String {
    format!("{}/data/examples/accounts.csv", env!("CARGO_MANIFEST_DIR"))
}

/// Runs fanplan with `args` and parses standard output as JSON, whatever the
/// exit code.
pub fn json(args: &[&str]) -> Value {
    let out = fanplan().args(args).output().expect("runs");
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// Like [`json`], but the command must succeed (stderr is shown otherwise).
pub fn json_ok(args: &[&str]) -> Value {
    let out = fanplan().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}
