//! The command line: clap definitions and one file per subcommand turning flags into core
//! types and core results into output. The only module that knows about the terminal.

pub mod args;
mod batch;
mod calendar;
mod check;
mod compare;
mod failure;
mod gen;
pub mod output;
mod plan;
mod rulebook;
mod rules;
mod simulate;
mod workdays;

use crate::calendar::Calendar;
use crate::chart::{ChartError, ChartWarning, FontFileError, Fonts, Look, Png};
use crate::i18n::{Lang, Messages};
use crate::rules::RulebookError;
use crate::scenario::{Field, Scenario, ScenarioError};
use anyhow::Context;
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
pub use failure::{cause_text, Failure, Reason};
use rulebook::load;
use std::io::Write;
use std::path::{Path, PathBuf};

const AFTER_HELP: &str = "\
Examples:
  fanplan check --followers 120000 --cross-entity
  fanplan simulate --followers 12万 --kind 订阅号 --cross-entity --charts out/
  fanplan plan --goal close --subject personal --balance 0.5 --payment
  fanplan plan --options --followers 120000
  fanplan batch data/examples/accounts.csv -o forecasts.csv
  fanplan rules

Exit codes: 0 done; 1 I/O failure; 2 invalid input or usage; 3 the rules forbid the migration;
4 a batch finished but rejected some rows.";

/// Plan and cost the migration of a WeChat Official Account's followers (微信公众号粉丝迁移),
/// or the closing of an account (注销).
#[derive(Debug, Parser)]
#[command(name = "fanplan", version, about, after_help = AFTER_HELP, propagate_version = true,
    disable_help_subcommand = true)]
pub struct Cli {
    /// Rulebook: a built-in name (seed, the default, or observed; see `fanplan rules --list`) or
    /// a TOML file (`./seed` for a file named like a built-in)
    #[arg(long, global = true, value_name = "NAME|FILE")]
    pub rules: Option<PathBuf>,
    /// Holiday data whose years replace the embedded ones (TOML; see `fanplan calendar`)
    #[arg(long, global = true, value_name = "FILE", env = "FANPLAN_HOLIDAYS")]
    pub holidays: Option<PathBuf>,
    /// Replace output files that are read-only (they are refused otherwise)
    #[arg(long, global = true)]
    pub force: bool,
    /// Language of what a person reads: zh or en [default: from FANPLAN_LANG, LC_ALL,
    /// LC_MESSAGES or LANG (zh… means Chinese), else en]
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<Lang>,
    /// Draw chart text with this TTF/OTF font (the bundled Noto Sans and Noto Sans CJK SC
    /// draw what it lacks)
    #[arg(long, global = true, value_name = "FILE")]
    pub font: Option<PathBuf>,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// fanplan's commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Is this migration allowed, by which route, at what fee (exit 3 when forbidden)
    Check(check::CheckArgs),
    /// Monte Carlo forecast of one migration: followers kept, dates, cost
    Simulate(simulate::SimulateArgs),
    /// One forecast per row of a CSV file of accounts
    Batch(batch::BatchArgs),
    /// Dated step-by-step plan to migrate or close an account
    Plan(plan::PlanArgs),
    /// Scenarios of a CSV file side by side, ranked
    Compare(compare::CompareArgs),
    /// The date N working days after a date, on the Chinese working-day calendar
    Workdays(workdays::WorkdaysArgs),
    /// A year's days off and make-up working days, with how sure each is
    Calendar(calendar::CalendarArgs),
    /// Print the rulebook in force
    Rules(rules::RulesArgs),
    /// Print a shell completion script
    Completions(gen::CompletionsArgs),
    /// Print the man page (roff), or write one page per command with --dir
    Man(gen::ManArgs),
    /// Print the help of fanplan or of one of its commands
    Help(gen::HelpArgs),
}

/// What a finished command reports, beyond plain success.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Done,
    /// Exit 3: the rules forbid the migration.
    Forbidden,
    /// Exit 4: a batch finished but rejected some rows.
    Rejected,
}

impl Outcome {
    /// The process exit code (SPEC §3).
    pub fn code(self) -> i32 {
        match self {
            Outcome::Done => 0,
            Outcome::Forbidden => 3,
            Outcome::Rejected => 4,
        }
    }
}

/// Invalid input or usage: exit 2. The message names the flag, column, key or line.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct InvalidInput(pub String);

/// The environment a command runs in: today's date, the output streams.
pub struct Ctx<'a> {
    /// Today, for default start dates.
    pub today: NaiveDate,
    /// Standard output.
    pub out: &'a mut dyn Write,
    /// Standard error.
    pub err: &'a mut dyn Write,
    /// Whether standard error is a terminal (progress bars).
    pub err_is_terminal: bool,
    /// `--rules FILE`, which no output may name.
    pub rules_file: Option<PathBuf>,
    /// `--holidays FILE` (or `FANPLAN_HOLIDAYS`), which no output may name.
    pub holidays_file: Option<PathBuf>,
    /// `--force`: replace read-only outputs.
    pub force: bool,
    /// The reader's language (`--lang`, else the environment: [`Lang::resolve`]).
    pub lang: Lang,
    /// `--font`: a font file for chart text.
    pub font: Option<PathBuf>,
}

impl Ctx<'_> {
    /// A plan of the files a command writes, knowing the files every command reads.
    pub fn output_plan(&self) -> output::OutputPlan {
        let mut plan = output::OutputPlan::new(self.force);
        if let Some(rules) = &self.rules_file {
            plan.input("--rules", rules);
        }
        if let Some(holidays) = &self.holidays_file {
            plan.input("--holidays", holidays);
        }
        if let Some(font) = &self.font {
            plan.input("--font", font);
        }
        plan
    }
}

/// The words and fonts charts are drawn with: the reader's language and the `--font` file,
/// read and checked here (exit 1 when it cannot be read, 2 when it is not a font).
pub fn chart_look(ctx: &Ctx<'_>) -> anyhow::Result<Look> {
    let messages = Messages::new(ctx.lang);
    let fonts = match &ctx.font {
        None => Fonts::bundled(),
        Some(path) => {
            let shown = || path.display().to_string().into();
            let data = std::fs::read(path)
                .with_context(|| messages.msg("error-font-read", &[("path", shown())]))?;
            Fonts::with_file(data).map_err(|e| {
                let reason = messages.text(match e {
                    FontFileError::NotAFont => "error-font-not-a-font",
                    FontFileError::NoCharacters => "error-font-no-characters",
                });
                InvalidInput(messages.msg(
                    "error-font-invalid",
                    &[("path", shown()), ("reason", reason.into())],
                ))
            })?
        }
    };
    Ok(Look { messages, fonts })
}

/// The sentence of a chart warning about `file`, in the reader's language.
fn chart_warning(messages: &Messages, file: &str, w: &ChartWarning) -> String {
    match w {
        ChartWarning::MissingGlyphs(chars) => {
            let chars: Vec<String> = chars
                .iter()
                .map(|c| format!("{c} (U+{:04X})", u32::from(*c)))
                .collect();
            messages.msg(
                "warn-missing-glyphs",
                &[
                    ("file", file.into()),
                    ("chars", chars.join(", ").into()),
                    ("count", chars.len().into()),
                ],
            )
        }
    }
}

/// The reader's language while clap parses the flags (for the words of a value that cannot
/// be read): `--lang` as written on the command line, else the environment.
pub fn arg_lang() -> Lang {
    let args: Vec<String> = std::env::args().collect();
    let flag = args.iter().enumerate().find_map(|(i, a)| {
        let v = match a.strip_prefix("--lang") {
            Some("") => args.get(i + 1)?.as_str(),
            Some(rest) => rest.strip_prefix('=')?,
            None => return None,
        };
        Lang::from_str(v, true).ok()
    });
    Lang::resolve(flag, |k| std::env::var(k).ok())
}

/// The exit code for an error: 2 for invalid input, 1 for everything else (I/O).
pub fn exit_code(err: &anyhow::Error) -> i32 {
    for cause in err.chain() {
        if let Some(f) = cause.downcast_ref::<Failure>() {
            return if f.is_invalid() { 2 } else { 1 };
        }
        if cause.is::<InvalidInput>() || cause.is::<RulebookError>() || cause.is::<ScenarioError>()
        {
            return 2;
        }
    }
    1
}

/// The last date fanplan prints: every date it shows has four digits in its year.
pub fn last_printable_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// A flag whose value was refused by its parser (or an unexpected argument that must be cut or
/// escaped), as one line naming the flag, or `None` for the other command-line errors (which
/// clap words itself).
pub fn flag_value_error(m: &Messages, e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let arg = match e.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(a)) => a.as_str(),
        _ => return None,
    };
    let flag = arg.split(' ').next().unwrap_or(arg).to_string();
    match e.kind() {
        // clap echoes the argument whole: show a long or control-character one cut and escaped.
        ErrorKind::UnknownArgument | ErrorKind::InvalidSubcommand
            if crate::fmt::shown(arg) != arg =>
        {
            Some(m.msg(
                "error-unexpected-argument",
                &[("arg", crate::fmt::shown(arg).into())],
            ))
        }
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(e)?.to_string();
            Some(m.msg(
                "error-flag",
                &[("flag", flag.into()), ("reason", reason.into())],
            ))
        }
        ErrorKind::InvalidValue => {
            let value = match e.get(ContextKind::InvalidValue) {
                // No value at all: clap's own "a value is required" says it best.
                Some(ContextValue::String(v)) if !v.is_empty() => v.as_str(),
                _ => return None,
            };
            let allowed = match e.get(ContextKind::ValidValue) {
                Some(ContextValue::Strings(v)) => v.join(", "),
                _ => return None,
            };
            let reason = m.msg(
                "input-not-word",
                &[
                    ("value", crate::fmt::shown(value).into()),
                    ("allowed", allowed.into()),
                ],
            );
            Some(m.msg(
                "error-flag",
                &[("flag", flag.into()), ("reason", reason.into())],
            ))
        }
        _ => None,
    }
}

/// Build the working-day calendar: the embedded data, with the years of `path` over it.
pub fn load_calendar(path: Option<&Path>) -> anyhow::Result<Calendar> {
    let cal = Calendar::embedded()
        .map_err(|e| Failure::invalid("error-holidays-embedded").reason(Reason::Holidays(e)))?;
    let Some(p) = path else {
        return Ok(cal);
    };
    let shown = p.display();
    let bytes =
        std::fs::read(p).map_err(|e| Failure::io("error-holidays-read", e).arg("path", &shown))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Failure::invalid("error-holidays-not-utf8")
            .arg("path", &shown)
            .arg("byte", e.utf8_error().valid_up_to())
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    cal.with_user(text).map_err(|e| {
        Failure::invalid("error-holidays")
            .arg("path", &shown)
            .reason(Reason::Holidays(e))
            .into()
    })
}

/// The command-line flag that sets a scenario input.
pub fn flag(field: Field) -> &'static str {
    match field {
        Field::SourceKind => "--kind",
        Field::SourceSubject => "--subject",
        Field::TargetKind => "--target-kind",
        Field::TargetSubject => "--target-subject",
        Field::CrossEntity => "--cross-entity",
        Field::TargetVerified => "--target-unverified",
        Field::Followers => "--followers",
        Field::TargetFollowers => "--target-followers",
        Field::Overlap => "--overlap",
        Field::DailyGrowth => "--daily-growth",
        Field::NotaryFeeMin | Field::NotaryFeeMax => "--notary-fee",
        Field::ValuePerFollower => "--value-per-follower",
        Field::StartDate => "--start",
        Field::Horizon => "--horizon",
    }
}

/// A scenario error in flag terms.
pub fn flag_error(lang: Lang, e: ScenarioError) -> anyhow::Error {
    let m = Messages::new(lang);
    let problem = crate::report::text::scenario_problem(&m, &e.problem, flag(Field::Horizon));
    InvalidInput(m.msg(
        "error-flag",
        &[("flag", flag(e.field).into()), ("reason", problem.into())],
    ))
    .into()
}

/// Build the scenario of the SCENARIO flags.
pub fn scenario_of(
    input: crate::scenario::ScenarioInput,
    today: NaiveDate,
    lang: Lang,
) -> anyhow::Result<Scenario> {
    input.build(today).map_err(|e| flag_error(lang, e))
}

/// Build the scenario of the SCENARIO flags, whose `--followers` may be missing.
pub fn partial_scenario_of(
    input: crate::scenario::ScenarioInput,
    today: NaiveDate,
    lang: Lang,
) -> anyhow::Result<crate::scenario::PartialScenario> {
    input.build_partial(today).map_err(|e| flag_error(lang, e))
}

/// Parse `--chart-size`.
pub fn chart_size(text: &str) -> anyhow::Result<crate::chart::ChartSize> {
    text.parse().map_err(|e: ChartError| {
        Failure::invalid("error-flag")
            .arg("flag", "--chart-size")
            .reason(Reason::Chart(e))
            .into()
    })
}

/// Render charts and write them into `dir` (created when missing). Every chart is rendered
/// before any file is written, and each file is written to a temporary name and renamed, so a
/// failure leaves no half-written PNG. The charts' warnings go to `err` in the language of
/// `look`. Returns the paths written.
pub fn write_charts(
    dir: &Path,
    charts: Vec<(&str, Result<Png, ChartError>)>,
    look: &Look,
    err: &mut dyn Write,
) -> anyhow::Result<Vec<PathBuf>> {
    let mut rendered = Vec::with_capacity(charts.len());
    for (name, png) in charts {
        let png = png.with_context(|| {
            look.messages
                .msg("error-cannot-draw", &[("file", name.into())])
        })?;
        for w in &png.warnings {
            writeln!(err, "{}", chart_warning(&look.messages, name, w))?;
        }
        rendered.push((name, png.bytes));
    }
    let shown =
        |p: &Path| -> fluent_bundle::FluentValue<'static> { p.display().to_string().into() };
    std::fs::create_dir_all(dir).with_context(|| {
        look.messages
            .msg("error-charts-create-folder", &[("path", shown(dir))])
    })?;
    let mut written = Vec::new();
    let mut files = Vec::new();
    for (name, bytes) in rendered {
        let path = dir.join(name);
        let what = format!("--charts {}", output::path_shown(&path));
        let mut file = output::AtomicFile::create(&what, &path)?;
        file.write_all(&bytes)?;
        files.push(file);
        written.push(path);
    }
    output::commit_all(files)?;
    Ok(written)
}

/// Prove the chart files of `--charts DIR` writable before the work starts (and refuse them
/// over `--rules`).
pub fn plan_charts(ctx: &Ctx<'_>, dir: Option<&Path>, names: &[&str]) -> anyhow::Result<()> {
    let mut plan = ctx.output_plan();
    if let Some(dir) = dir {
        plan.folder("--charts", dir, names);
    }
    plan.check()
}

/// Run a parsed command line.
pub fn run(cli: Cli, ctx: &mut Ctx<'_>) -> anyhow::Result<Outcome> {
    ctx.rules_file = cli.rules.clone();
    ctx.holidays_file = cli.holidays.clone();
    ctx.force = cli.force;
    let rules = cli.rules.as_deref();
    let holidays = cli.holidays.as_deref();
    match cli.command {
        Command::Check(a) => check::run(&load(rules)?.book, &a, ctx),
        Command::Simulate(a) => simulate::run(&load(rules)?.book, &a, ctx),
        Command::Batch(a) => batch::run(&load(rules)?.book, &a, ctx),
        Command::Plan(a) => plan::run(&load_calendar(holidays)?, &load(rules)?.book, &a, ctx),
        Command::Compare(a) => compare::run(rules, &a, ctx),
        Command::Workdays(a) => workdays::run(&load_calendar(holidays)?, &a, ctx),
        Command::Calendar(a) => calendar::run(&load_calendar(holidays)?, &a, ctx),
        Command::Rules(a) => rules::run(&load(rules)?, &a, ctx),
        Command::Completions(a) => gen::completions(&a, ctx),
        Command::Man(a) => gen::man(&a, ctx),
        Command::Help(a) => gen::help(&a, ctx),
    }
}
