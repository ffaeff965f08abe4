//! The README's console examples, run as written: the `$ ` lines of every fenced block run in a
//! shell (with the repository's `data/` and `docs/` beside them and this build's `fanplan` on the
//! PATH), and what they print must be the lines under them: standard output, or standard output
//! and standard error (in either order). Batch timings are the only text normalised. A block whose command starts with a program other than `fanplan`, `cat`, `echo`
//! or `printf` is not run (benchmarks, timings).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

/// One example: the command line and the lines the README shows under it.
struct Example {
    line: usize,
    command: String,
    expected: String,
}

fn examples(readme: &str) -> Vec<Example> {
    let mut out = Vec::new();
    let mut in_block = false;
    let mut current: Option<Example> = None;
    let lines: Vec<&str> = readme.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        if !in_block {
            in_block = l.starts_with("```");
        } else if l.starts_with("```") {
            out.extend(current.take());
            in_block = false;
        } else if let Some(cmd) = l.strip_prefix("$ ") {
            out.extend(current.take());
            let mut command = cmd.to_string();
            while command.ends_with('\\') && i + 1 < lines.len() {
                command.pop();
                i += 1;
                command.push_str(lines[i].trim_start_matches("> "));
            }
            current = Some(Example {
                line: i + 1,
                command,
                expected: String::new(),
            });
        } else if let Some(ex) = current.as_mut() {
            ex.expected.push_str(l);
            ex.expected.push('\n');
        }
        i += 1;
    }
    out
}

/// Timings and sizes that change from run to run.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        // The batch summary line ends with its timing ("in 0.02 s", "用时 0.02 秒").
        let timing = [" in ", "，用时"]
            .iter()
            .filter_map(|m| line.rfind(m))
            .max();
        let line = match timing {
            Some(at)
                if line.starts_with("batch") && (line.ends_with(" s") || line.ends_with('秒')) =>
            {
                &line[..at]
            }
            _ => line,
        };
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// Whether the README text `want` shows `got`: equal, or where `want` has a line `…`, its
/// parts appear in order, the first at the start and the last at the end.
fn shows(want: &str, got: &str) -> bool {
    let parts: Vec<Vec<&str>> = want
        .split('\n')
        .collect::<Vec<_>>()
        .split(|l| l.trim() == "…")
        .map(<[&str]>::to_vec)
        .collect();
    if parts.len() == 1 {
        return want == got;
    }
    let lines: Vec<&str> = got.split('\n').collect();
    let (first, last) = (&parts[0], &parts[parts.len() - 1]);
    if !lines.starts_with(first) || !lines.ends_with(last) {
        return false;
    }
    let mut at = first.len();
    for part in &parts[1..parts.len() - 1] {
        match (at..=lines.len().saturating_sub(part.len()))
            .find(|&i| lines[i..i + part.len()] == part[..])
        {
            Some(i) => at = i + part.len(),
            None => return false,
        }
    }
    at + last.len() <= lines.len()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn every_console_example_prints_what_the_readme_shows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let work = tempfile::tempdir().unwrap();
    copy_dir(&root.join("data"), &work.path().join("data"));
    std::fs::create_dir_all(work.path().join("docs")).unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_fanplan")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut ran = 0;
    let mut previous: Option<String> = None;
    let mut failures = Vec::new();
    for ex in examples(&readme) {
        let program = ex.command.split_whitespace().next().unwrap_or("");
        if !["fanplan", "cat", "echo", "printf"].contains(&program) {
            continue;
        }
        // `echo $?` shows the code of the command before it: run the two together.
        let command = match (ex.command.trim(), &previous) {
            ("echo $?", Some(p)) => format!("{p} >/dev/null 2>&1; echo $?"),
            (c, _) => c.to_string(),
        };
        previous = Some(command.clone());
        let mut sh = Command::new("sh");
        for var in fanplan::i18n::LANG_VARS {
            sh.env_remove(var);
        }
        let out = sh
            .arg("-c")
            .arg(&command)
            .current_dir(work.path())
            .env("PATH", &path)
            .env_remove("FANPLAN_HOLIDAYS")
            .env("COLUMNS", "100")
            .output()
            .unwrap();
        ran += 1;
        // The README shows standard output, and standard error after it where it matters.
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let want = normalise(&ex.expected);
        let candidates = [
            normalise(&stdout),
            normalise(&format!("{stdout}{stderr}")),
            normalise(&format!("{stderr}{stdout}")),
        ];
        let got = &candidates[1];
        if !candidates.iter().any(|c| shows(&want, c)) {
            failures.push(format!(
                "README line {}: $ {}\n--- README\n{want}\n--- fanplan\n{got}\n",
                ex.line, ex.command
            ));
        }
    }
    assert!(ran >= 20, "only {ran} examples found");
    assert!(
        failures.is_empty(),
        "{} of {ran} README examples differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
