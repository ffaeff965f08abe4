//! Shell completions, man pages and `fanplan help`, generated from the same clap definitions.

use super::{Cli, Ctx, Failure, Outcome};
use crate::fmt::shown;
use clap::{Args, Command, CommandFactory};
use clap_complete::Shell;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Flags of `fanplan completions`.
#[derive(Debug, Args)]
#[command(after_help = "Example (bash):
  mkdir -p ~/.local/share/bash-completion/completions
  fanplan completions bash > ~/.local/share/bash-completion/completions/fanplan")]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    shell: Shell,
}

/// Flags of `fanplan man`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  fanplan man | man -l -
  mkdir -p man && fanplan man --dir man && man -l man/fanplan-batch.1")]
pub struct ManArgs {
    /// Write fanplan.1 and one fanplan-<command>.1 per command into this folder (created when
    /// missing) instead of printing the main page
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

/// Flags of `fanplan help`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  fanplan help
  fanplan help batch")]
pub struct HelpArgs {
    /// The command to explain (all commands when left out)
    #[arg(value_name = "COMMAND")]
    command: Option<String>,
}

/// Print a completion script. It is generated into memory first: clap_complete panics when
/// its writer fails (a closed pipe), and a write error here must be an ordinary error.
pub fn completions(a: &CompletionsArgs, ctx: &mut Ctx<'_>) -> anyhow::Result<Outcome> {
    let script = completion_script(a.shell);
    ctx.out.write_all(&script)?;
    Ok(Outcome::Done)
}

/// The words a value flag accepts that its parser knows but clap does not (the flags parsed
/// by functions rather than `ValueEnum`s), English first, then the Chinese words.
const VALUE_WORDS: [(&str, &[&str]); 5] = [
    ("kind", KIND_WORDS),
    ("target_kind", KIND_WORDS),
    ("subject", SUBJECT_WORDS),
    ("target_subject", SUBJECT_WORDS),
    ("goal", GOAL_WORDS),
];
const KIND_WORDS: &[&str] = &["subscription", "service", "订阅号", "服务号"];
const SUBJECT_WORDS: &[&str] = &[
    "personal",
    "enterprise",
    "government",
    "media",
    "organisation",
    "个人",
    "企业",
    "政府",
    "媒体",
    "其他组织",
];
const GOAL_WORDS: &[&str] = &["migrate", "close", "迁移", "注销"];

/// The completion script of `shell`, with the value lists of every enumerated flag.
fn completion_script(shell: Shell) -> Vec<u8> {
    let mut cmd = with_value_words(Cli::command());
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "fanplan", &mut script);
    script
}

/// `cmd` with the accepted words of [`VALUE_WORDS`] as possible values of those flags, in
/// every subcommand. Only the completion scripts see this command; parsing keeps the parsers.
fn with_value_words(mut cmd: Command) -> Command {
    for (id, words) in VALUE_WORDS {
        if cmd.get_arguments().any(|a| a.get_id() == id) {
            cmd = cmd.mut_arg(id, |a| {
                a.value_parser(clap::builder::PossibleValuesParser::new(
                    words.iter().copied(),
                ))
            });
        }
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, with_value_words);
    }
    cmd
}

/// Print the main man page, or write every page into `--dir`.
pub fn man(a: &ManArgs, ctx: &mut Ctx<'_>) -> anyhow::Result<Outcome> {
    let mut cmd = Cli::command();
    cmd.build();
    match &a.dir {
        None => render_page(&cmd, "fanplan", ctx.out)?,
        Some(dir) => {
            let m = crate::i18n::Messages::new(ctx.lang);
            for path in write_pages(&cmd, dir)? {
                let shown = path.display().to_string();
                writeln!(
                    ctx.err,
                    "{}",
                    m.msg("wrote-file", &[("path", shown.into())])
                )?;
            }
        }
    }
    Ok(Outcome::Done)
}

/// Print the long help of `fanplan` or of one of its commands.
pub fn help(a: &HelpArgs, ctx: &mut Ctx<'_>) -> anyhow::Result<Outcome> {
    let mut cmd = Cli::command();
    cmd.build();
    let text = match &a.command {
        None => cmd.render_long_help(),
        Some(name) => cmd
            .find_subcommand_mut(name)
            .ok_or_else(|| Failure::invalid("error-help-unknown").arg("name", shown(name)))?
            .render_long_help(),
    };
    write!(ctx.out, "{text}")?;
    Ok(Outcome::Done)
}

/// Writes `fanplan.1` and `fanplan-<command>.1` for every visible command into `dir`.
fn write_pages(cmd: &Command, dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| {
        Failure::io("error-create-folder", e)
            .arg("flag", "--dir")
            .arg("path", dir.display())
    })?;
    let mut pages = vec![("fanplan".to_string(), cmd.clone())];
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        pages.push((format!("fanplan-{}", sub.get_name()), sub.clone()));
    }
    let mut written = Vec::with_capacity(pages.len());
    for (name, page) in pages {
        let mut bytes = Vec::new();
        render_page(&page, &name, &mut bytes)?;
        let path = dir.join(format!("{name}.1"));
        let what = format!("--dir {}", super::output::path_shown(&path));
        let mut file = super::output::AtomicFile::create(&what, &path)?;
        file.write_all(&bytes)?;
        file.commit()?;
        written.push(path);
    }
    Ok(written)
}

/// Renders one man page. clap_mangen's own synopsis leaves out option values (`[--rules]`)
/// and runs the examples together into one paragraph, so the synopsis is ours (every option
/// with its value) and the examples are rendered as preformatted lines.
fn render_page(cmd: &Command, name: &str, w: &mut dyn Write) -> anyhow::Result<()> {
    let usage_name = name.replacen('-', " ", 1);
    let page = cmd
        .clone()
        .name(name.to_string())
        .bin_name(usage_name.clone())
        .override_usage(synopsis(cmd, &usage_name))
        .after_help("")
        .after_long_help("");
    let man = clap_mangen::Man::new(page);
    let mut roff = Vec::new();
    man.render_title(&mut roff)?;
    let preamble = roff.len();
    man.render_name_section(&mut roff)?;
    man.render_synopsis_section(&mut roff)?;
    man.render_description_section(&mut roff)?;
    man.render_options_section(&mut roff)?;
    if cmd.has_subcommands() {
        man.render_subcommands_section(&mut roff)?;
    }
    let text = String::from_utf8_lossy(&roff);
    // Each section rendered alone repeats the two-line quote-string preamble of the title.
    let (head, body) = text.split_at(preamble);
    let repeated: Vec<&str> = head.lines().take_while(|l| !l.starts_with(".TH")).collect();
    w.write_all(head.as_bytes())?;
    for line in body.lines().filter(|l| !repeated.contains(l)) {
        writeln!(w, "{line}")?;
    }
    if let Some(text) = cmd.get_after_long_help().or_else(|| cmd.get_after_help()) {
        write!(w, "{}", extra_sections(&text.to_string()))?;
    }
    Ok(())
}

/// The synopsis of `cmd`: its name, each visible option with its value, then its positional
/// arguments and, for a command with subcommands, `<COMMAND>`.
fn synopsis(cmd: &Command, name: &str) -> String {
    let mut parts = vec![name.to_string()];
    for arg in cmd
        .get_arguments()
        .filter(|a| !a.is_hide_set() && !a.is_positional())
    {
        let flag = match (arg.get_long(), arg.get_short()) {
            (Some(l), _) => format!("--{l}"),
            (None, Some(s)) => format!("-{s}"),
            (None, None) => continue,
        };
        let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values());
        let text = match arg.get_value_names() {
            Some(v) if takes_value => format!("{flag} <{}>", v.join(" ")),
            _ if takes_value => format!("{flag} <{}>", arg.get_id().as_str().to_uppercase()),
            _ => flag,
        };
        parts.push(if arg.is_required_set() {
            text
        } else {
            format!("[{text}]")
        });
    }
    for arg in cmd.get_positionals().filter(|a| !a.is_hide_set()) {
        let value = arg
            .get_value_names()
            .map_or_else(|| arg.get_id().as_str().to_uppercase(), |v| v.join(" "));
        parts.push(if arg.is_required_set() {
            format!("<{value}>")
        } else {
            format!("[{value}]")
        });
    }
    if cmd.has_subcommands() {
        parts.push("<COMMAND>".to_string());
    }
    parts.join(" ")
}

/// The `after_help` text (examples, exit codes) as roff sections: a block whose first line
/// ends with a colon ("Examples:") becomes a section of that name; every line is kept as
/// written (no filling), so each example stays on a line of its own.
fn extra_sections(text: &str) -> String {
    let mut out = String::new();
    for block in text.split("\n\n").filter(|b| !b.trim().is_empty()) {
        let mut lines = block.lines().peekable();
        let heading = lines
            .peek()
            .and_then(|l| l.trim().strip_suffix(':'))
            .map(str::to_uppercase);
        match heading {
            Some(h) => {
                lines.next();
                out.push_str(&format!(".SH {}\n", roff_escape(&h)));
            }
            None if out.is_empty() => out.push_str(".SH NOTES\n"),
            None => {}
        }
        out.push_str(".PP\n.nf\n");
        for line in lines {
            out.push_str(&roff_escape(line));
            out.push('\n');
        }
        out.push_str(".fi\n");
    }
    out
}

/// Escapes a line of text for roff: backslashes, hyphens (so they copy as ASCII) and a
/// leading control character.
fn roff_escape(line: &str) -> String {
    let escaped = line.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(name: &str) -> String {
        let mut cmd = Cli::command();
        cmd.build();
        let sub = if name == "fanplan" {
            cmd.clone()
        } else {
            cmd.find_subcommand(name.trim_start_matches("fanplan-"))
                .expect("known command")
                .clone()
        };
        let mut out = Vec::new();
        render_page(&sub, name, &mut out).expect("renders");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn synopsis_shows_option_values() {
        let main = page("fanplan");
        assert!(main.contains("[\\-\\-rules <NAME|FILE>]"), "{main}");
        let batch = page("fanplan-batch");
        assert!(batch.contains(".TH fanplan-batch 1"), "{batch}");
        assert!(
            batch.contains("[\\-o <OUT>]") || batch.contains("<OUT"),
            "{batch}"
        );
    }

    #[test]
    fn examples_are_separate_lines() {
        let check = page("fanplan-check");
        let extra = &check[check.find(".SH EXAMPLES").expect("examples section")..];
        assert!(extra.contains(".nf\n"), "{extra}");
        let example_lines = extra
            .lines()
            .filter(|l| l.trim_start().starts_with("fanplan check"))
            .count();
        assert!(example_lines >= 2, "{extra}");
        assert_eq!(check.matches(".ds Aq").count(), 2, "one preamble: {check}");
    }

    #[test]
    fn every_subcommand_listed_gets_a_page() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut cmd = Cli::command();
        cmd.build();
        let written = write_pages(&cmd, dir.path()).expect("writes");
        let main = std::fs::read_to_string(dir.path().join("fanplan.1")).expect("main page");
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            let name = format!("fanplan-{}", sub.get_name());
            assert!(
                main.contains(&name.replace('-', "\\-")),
                "{name} not in main page"
            );
            assert!(dir.path().join(format!("{name}.1")).is_file(), "{name}.1");
        }
        assert_eq!(written.len(), cmd.get_subcommands().count() + 1);
    }

    #[test]
    fn completion_words_are_the_words_the_parsers_accept() {
        use crate::domain::{Kind, Subject};
        use crate::plan::Goal;
        for w in KIND_WORDS {
            assert!(w.parse::<Kind>().is_ok(), "{w}");
        }
        for w in SUBJECT_WORDS {
            assert!(w.parse::<Subject>().is_ok(), "{w}");
        }
        for w in GOAL_WORDS {
            assert!(w.parse::<Goal>().is_ok(), "{w}");
        }
        // Every kind, subject and goal has an English word in the lists.
        let subjects: Vec<Subject> = SUBJECT_WORDS
            .iter()
            .filter_map(|w| w.parse().ok())
            .collect();
        for s in Subject::ALL {
            assert!(subjects.contains(&s), "{s:?} has no completion word");
        }
    }

    #[test]
    fn bash_and_zsh_scripts_list_the_values_of_every_enumerated_flag() {
        let bash = String::from_utf8(completion_script(Shell::Bash)).expect("UTF-8");
        let zsh = String::from_utf8(completion_script(Shell::Zsh)).expect("UTF-8");
        for words in [
            "subscription service 订阅号 服务号",
            "personal enterprise government media organisation 个人 企业 政府 媒体 其他组织",
            "migrate close 迁移 注销",
            "uniform triangular pert",
            "en zh",
        ] {
            assert!(bash.contains(words), "bash: {words} missing");
            // zsh lists values one by one, some with a description.
            let zsh_kind = &zsh[zsh.find("'--kind=").expect("zsh --kind")..];
            let zsh_kind = &zsh_kind[..zsh_kind.find('\n').expect("line end")];
            if words.starts_with("subscription") {
                for w in words.split(' ') {
                    assert!(zsh_kind.contains(w), "zsh --kind: {w} missing: {zsh_kind}");
                }
            }
            for w in words.split(' ') {
                assert!(zsh.contains(w), "zsh: {w} missing");
            }
        }
        // bash: the value list follows the flag itself, not a file-name completion.
        let kind = &bash[bash.find("--target-kind)").expect("--target-kind case")..];
        let case = &kind[..kind.find(";;").expect("end of case")];
        assert!(case.contains("subscription service"), "{case}");
        assert!(!case.contains("compgen -f"), "{case}");
    }

    #[test]
    fn roff_lines_starting_with_a_dot_are_escaped() {
        assert_eq!(roff_escape(".hidden"), "\\&.hidden");
        assert_eq!(roff_escape("a-b \\ c"), "a\\-b \\e c");
    }
}
