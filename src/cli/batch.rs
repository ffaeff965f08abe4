//! `fanplan batch`: one forecast per row of a CSV file of accounts (SPEC §4).
//!
//! The edge around [`crate::batch`]: opens the input and the output files, refuses to write
//! over the input, builds the thread pool, draws the progress bar, reports rejected rows on
//! standard error and in `--errors FILE`, and renames the output files into place only when
//! everything succeeded.

use super::args::RunArgs;
use super::output::{commit_all, is_dash, path_shown, AtomicFile};
use super::{chart_look, chart_size, write_charts, Ctx, Failure, Outcome, Reason};
use crate::batch::encoding::{decode, EncodingChoice};
use crate::batch::forecast::RowOptions;
use crate::batch::input::{Table, TableError};
use crate::batch::output::{write_error, write_error_header, write_header, BOM};
use crate::batch::run::{run_batch, BatchError, BatchOptions, Events};
use crate::batch::summary::Counts;
use crate::batch::RowError;
use crate::chart::{portfolio_png, PortfolioChart};
use crate::fmt::shown;
use crate::forecast::Provenance;
use crate::i18n::Messages;
use crate::rules::Rulebook;
use crate::sim::Dist;
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// `--correlation RHO`: a number from 0 to 1.
pub fn parse_correlation(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(r) if (0.0..=1.0).contains(&r) => Ok(r),
        _ => Err(Messages::new(super::arg_lang()).msg(
            "error-correlation",
            &[("value", crate::fmt::shown(s).into())],
        )),
    }
}

const EXAMPLES: &str = "\
Examples:
  fanplan batch data/examples/accounts.csv -o forecasts.csv
  fanplan batch accounts.csv -o forecasts.csv --errors errors.csv --summary portfolio.json
  fanplan batch accounts.csv --summary portfolio.json --correlation 0.5
  fanplan batch accounts-gbk.csv -o forecasts.csv --threads 2   (GBK found, BOM added)
  cat accounts.csv | fanplan batch - > forecasts.csv

Rows that cannot be read are skipped and reported (line, id, column, value, reason); the exit
code is then 4. Rows the rules forbid are output with allowed=false and their rule ids.";

/// The text after the flags of `batch --help`: the examples and the Chinese column names.
fn batch_help() -> String {
    let mut s =
        format!("{EXAMPLES}\n\nChinese column names (any of them may replace the English one):\n");
    for (column, aliases) in crate::excel::HEADER_ALIASES {
        s.push_str(&format!("  {column:<19} {}\n", aliases.join(", ")));
    }
    s.push_str(
        "\nCells may be written as Excel writes them: full-width digits (１２万, ５％), 12 万,\n\
         2026年12月1日, 2026.12.1, 2026/12/1, TRUE/FALSE, 是/否. Rows whose cells are all empty\n\
         are skipped and counted.",
    );
    s
}

/// When to show the progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProgressMode {
    /// When standard error is a terminal
    Auto,
    /// Always (plain lines when standard error is not a terminal)
    Always,
    /// Never
    Never,
}

/// `--format` of `batch`: rows make sense, so CSV (the only format).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BatchFormat {
    /// One row per account (SPEC §4 columns)
    Csv,
}

/// `--encoding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EncodingArg {
    /// Byte-order mark, else UTF-16 by its zero bytes, else valid UTF-8, else GB18030 when it
    /// decodes cleanly, else UTF-8 with a few bad bytes (those rows rejected), else the most
    /// likely encoding
    Auto,
    /// UTF-8, with or without a byte-order mark
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// GBK / GB18030 (Excel on Chinese Windows), even after a UTF-8 byte-order mark
    #[value(alias = "gb18030", alias = "gb2312")]
    Gbk,
}

impl From<EncodingArg> for EncodingChoice {
    fn from(e: EncodingArg) -> Self {
        match e {
            EncodingArg::Auto => EncodingChoice::Auto,
            EncodingArg::Utf8 => EncodingChoice::Utf8,
            EncodingArg::Gbk => EncodingChoice::Gbk,
        }
    }
}

/// Flags of `fanplan batch`.
#[derive(Debug, Args)]
#[command(after_help = batch_help())]
pub struct BatchArgs {
    /// CSV file of accounts, one scenario per row (`-` reads standard input)
    #[arg(value_name = "INPUT")]
    input: PathBuf,
    /// Write the forecasts here (`-` or absent: standard output); written whole or not at all
    #[arg(help_heading = "Output", short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Also write the rejected rows here as CSV: line,id,column,value,reason
    #[arg(help_heading = "Output", long, value_name = "FILE")]
    errors: Option<PathBuf>,
    /// Write portfolio totals (run by run across the allowed rows) here as JSON
    #[arg(help_heading = "Output", long, value_name = "FILE")]
    summary: Option<PathBuf>,
    /// Share of the retention uncertainty common to all accounts in a run, 0 (independent,
    /// the default) to 1 (every account at the same retention quantile)
    #[arg(long, value_name = "RHO", default_value_t = 0.0, value_parser = parse_correlation)]
    correlation: f64,
    /// Per row: run in blocks until the 95% intervals of P5, P50 and P95 of the final audience
    /// are within REL of their values, up to --runs [default ceiling: 100,000]
    #[arg(long, value_name = "REL", value_parser = super::simulate::parse_precision)]
    precision: Option<f64>,
    /// Sampling of each row's inputs: mc (independent draws) or lhs (Latin hypercube, in 10
    /// independent hypercubes per row that give the intervals)
    #[arg(long, value_enum, default_value_t = super::simulate::SamplingArg::Mc)]
    sampling: super::simulate::SamplingArg,
    /// Worker threads [default: one per core]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024), allow_negative_numbers = true)]
    threads: Option<u16>,
    /// Progress bar on standard error
    #[arg(help_heading = "Output", long, value_enum, default_value_t = ProgressMode::Auto)]
    progress: ProgressMode,
    /// Encoding of the input
    #[arg(long, value_enum, default_value_t = EncodingArg::Auto)]
    encoding: EncodingArg,
    /// Output format (CSV is the only one: one row per account)
    #[arg(help_heading = "Output", long, value_enum, default_value_t = BatchFormat::Csv)]
    format: BatchFormat,
    /// Start the outputs with a UTF-8 byte-order mark (for Excel) [default: for files, when
    /// the input had one or was not UTF-8]
    #[arg(help_heading = "Output", long, conflicts_with = "no_bom")]
    bom: bool,
    /// Never start the outputs with a byte-order mark
    #[arg(help_heading = "Output", long)]
    no_bom: bool,
    #[command(flatten)]
    run: RunArgs,
}

/// A reader that counts the bytes it has read (for the progress bar).
struct Counting<R> {
    inner: R,
    bytes: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Progress on standard error: an indicatif bar on a terminal, plain lines with `always`
/// elsewhere.
enum Progress {
    None,
    Bar(ProgressBar),
    Lines { last: Instant },
}

struct CliEvents<'a> {
    err: &'a mut dyn Write,
    messages: Messages,
    errors: Option<csv::Writer<AtomicFile>>,
    progress: Progress,
    bytes: Arc<AtomicU64>,
    total_bytes: Option<u64>,
    started: Instant,
}

impl CliEvents<'_> {
    fn say(&mut self, line: &str) -> io::Result<()> {
        match &self.progress {
            Progress::Bar(bar) => {
                let err = &mut self.err;
                bar.suspend(|| writeln!(err, "{line}"))
            }
            _ => writeln!(self.err, "{line}"),
        }
    }
}

impl Events for CliEvents<'_> {
    fn rejected(&mut self, e: &RowError) -> io::Result<()> {
        let e = &shown_error(e);
        if let Some(w) = &mut self.errors {
            write_error(w, e).map_err(io::Error::other)?;
        }
        let line = self.messages.msg(
            "error-line",
            &[(
                "text",
                crate::report::text::row_error(&self.messages, e).into(),
            )],
        );
        self.say(&line)
    }

    fn progress(&mut self, counts: &Counts) {
        let secs = self.started.elapsed().as_secs_f64().max(1e-9);
        let rate = counts.read as f64 / secs;
        let bytes = self.bytes.load(Ordering::Relaxed);
        match &mut self.progress {
            Progress::None => {}
            Progress::Bar(bar) => {
                if let Some(total) = self.total_bytes {
                    bar.set_position(bytes.min(total));
                }
                bar.set_message(self.messages.msg(
                    "batch-bar",
                    &[
                        ("rows", counts.read.to_string().into()),
                        ("rate", format!("{rate:.0}").into()),
                    ],
                ));
            }
            Progress::Lines { last } => {
                if last.elapsed() >= Duration::from_secs(1) {
                    *last = Instant::now();
                    let eta = match self.total_bytes {
                        Some(total) if bytes > 0 => {
                            let left = total.saturating_sub(bytes) as f64 / bytes as f64 * secs;
                            self.messages
                                .msg("batch-eta", &[("secs", format!("{left:.0}").into())])
                        }
                        _ => String::new(),
                    };
                    let _ = writeln!(
                        self.err,
                        "{}",
                        self.messages.msg(
                            "batch-progress",
                            &[
                                ("rows", counts.read.to_string().into()),
                                ("rate", format!("{rate:.0}").into()),
                                ("eta", eta.into()),
                            ],
                        )
                    );
                }
            }
        }
    }
}

fn progress_bar(m: &Messages, total: Option<u64>) -> ProgressBar {
    let target = ProgressDrawTarget::stderr_with_hz(4);
    match total {
        Some(len) => {
            let bar = ProgressBar::with_draw_target(Some(len), target);
            if let Ok(style) = ProgressStyle::with_template(&m.text("batch-bar-template")) {
                bar.set_style(style);
            }
            bar
        }
        None => {
            let bar = ProgressBar::with_draw_target(None, target);
            if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} · {elapsed}") {
                bar.set_style(style);
            }
            bar
        }
    }
}

/// A rejected row as messages and `--errors` show it: the id and the value cut to a readable
/// length, control characters escaped (the reason shows the value the same way).
fn shown_error(e: &RowError) -> RowError {
    RowError {
        id: shown(&e.id),
        value: shown(&e.value),
        ..e.clone()
    }
}

/// Refuse `--precision` with the outputs that add rows run by run (its rows stop at different
/// run counts), and `--correlation` with Latin hypercubes.
fn check_precision(a: &BatchArgs) -> anyhow::Result<()> {
    if a.correlation > 0.0 && a.sampling == super::simulate::SamplingArg::Lhs {
        return Err(Failure::invalid("error-correlation-lhs").into());
    }
    if a.precision.is_none() {
        return Ok(());
    }
    for (flag, given) in [
        ("--summary", a.summary.is_some()),
        ("--charts", a.run.charts.is_some()),
    ] {
        if given {
            return Err(Failure::invalid("error-precision-with")
                .arg("flag", flag)
                .into());
        }
    }
    Ok(())
}

/// Refuse outputs that would overwrite an input or each other, and prove each writable, before
/// any row is read.
fn check_paths(a: &BatchArgs, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let mut plan = ctx.output_plan();
    plan.input("INPUT", &a.input);
    if let Some(p) = &a.output {
        plan.output("-o", p);
    }
    if let Some(p) = &a.errors {
        plan.output("--errors", p);
    }
    if let Some(p) = &a.summary {
        plan.output("--summary", p);
    }
    if let Some(dir) = &a.run.charts {
        plan.folder("--charts", dir, &[PORTFOLIO_PNG]);
    }
    plan.check()
}

/// The portfolio chart's file name in `--charts DIR`.
const PORTFOLIO_PNG: &str = "portfolio.png";

/// Open the input as a UTF-8 table.
pub(crate) fn open_table(
    input: &Path,
    encoding: EncodingChoice,
    today: chrono::NaiveDate,
    bytes: Arc<AtomicU64>,
) -> anyhow::Result<Table<Box<dyn Read + Send>>> {
    let raw: Box<dyn Read + Send> = if is_dash(input) {
        Box::new(io::stdin())
    } else {
        let f = std::fs::File::open(input)
            .map_err(|e| Failure::io("error-input-open", e).arg("path", input.display()))?;
        Box::new(io::BufReader::with_capacity(256 * 1024, f))
    };
    let counted: Box<dyn Read + Send> = Box::new(Counting { inner: raw, bytes });
    let decoded = decode(counted, encoding)
        .map_err(|e| Failure::io("error-input-read", e).input("path", input))?;
    Table::decoded(decoded, today).map_err(|e| table_error(e, input))
}

/// How messages name the input: its path, or "standard input" for `-`.
pub(crate) fn input_name(m: &Messages, input: &Path) -> String {
    if is_dash(input) {
        m.text("input-stdin")
    } else {
        input.display().to_string()
    }
}

/// A table error as an exit-coded error: header problems are invalid input (exit 2).
pub(crate) fn table_error(e: TableError, input: &Path) -> anyhow::Error {
    match e {
        TableError::Header(h) => Failure::invalid("error-input-header")
            .input("path", input)
            .reason(Reason::Header(h))
            .into(),
        TableError::Csv(c) => Failure::io("error-input-read", c)
            .input("path", input)
            .into(),
    }
}

/// An encoding as people write it (encoding_rs spells GB18030 in lower case).
fn encoding_name(enc: &'static encoding_rs::Encoding) -> &'static str {
    if enc == encoding_rs::GB18030 {
        "GB18030"
    } else {
        enc.name()
    }
}

/// Unknown header names shown in the warning; the rest are counted.
const UNKNOWN_SHOWN: usize = 20;

/// The notes every command reading a table gives on standard error: the encoding when it is
/// not UTF-8, and the unknown columns (the first 20, then how many more).
pub(crate) fn table_notes<R: Read>(
    table: &Table<R>,
    input: &Path,
    m: &Messages,
    err: &mut dyn Write,
) -> io::Result<()> {
    if table.encoding != encoding_rs::UTF_8 {
        let reading = m.msg(
            "batch-reading-as",
            &[
                ("path", input_name(m, input).into()),
                ("encoding", encoding_name(table.encoding).to_string().into()),
            ],
        );
        writeln!(err, "{}", m.msg("note-line", &[("text", reading.into())]))?;
    }
    let unknown = &table.columns().unknown;
    if !unknown.is_empty() {
        let shown = unknown.len().min(UNKNOWN_SHOWN);
        let names: Vec<String> = unknown[..shown]
            .iter()
            .map(|c| crate::report::text::unknown_column(m, c))
            .collect();
        let mut columns = names.join(&m.text("sep-list"));
        if unknown.len() > shown {
            columns.push_str(&m.msg(
                "batch-and-more",
                &[("n", (unknown.len() - shown).to_string().into())],
            ));
        }
        let ignoring = m.msg(
            "batch-unknown-columns",
            &[("n", unknown.len().into()), ("columns", columns.into())],
        );
        writeln!(
            err,
            "{}",
            m.msg("warning-line", &[("text", ignoring.into())])
        )?;
    }
    Ok(())
}

/// `--bom` / `--no-bom`: whether an output file starts with a UTF-8 byte-order mark. Without
/// either, files get one when the input had a BOM or was not UTF-8 (Excel then reads them
/// right); standard output gets one only with `--bom`.
pub(crate) fn bom_for_file<R: Read>(table: &Table<R>, bom: bool, no_bom: bool) -> bool {
    bom || (!no_bom && (table.had_bom || table.encoding != encoding_rs::UTF_8))
}

/// Run `fanplan batch`.
pub fn run(book: &Rulebook, a: &BatchArgs, ctx: &mut Ctx<'_>) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let BatchFormat::Csv = a.format;
    check_precision(a)?;
    check_paths(a, ctx)?;
    let size = chart_size(&a.run.chart_size)?;
    let look = a.run.charts.as_ref().map(|_| chart_look(ctx)).transpose()?;
    let bytes = Arc::new(AtomicU64::new(0));
    let total_bytes = (!is_dash(&a.input))
        .then(|| std::fs::metadata(&a.input).ok().map(|m| m.len()))
        .flatten();
    let mut table = open_table(&a.input, a.encoding.into(), ctx.today, bytes.clone())?;
    table_notes(&table, &a.input, &Messages::new(ctx.lang), ctx.err)?;
    let file_bom = bom_for_file(&table, a.bom, a.no_bom);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(a.threads.map_or(0, usize::from))
        .build()
        .map_err(|e| Failure::io("error-threads", e))?;
    let dist: Dist = a.run.dist.into();
    let opts = BatchOptions {
        row: RowOptions {
            runs: a.run.runs.unwrap_or(if a.precision.is_some() {
                100_000
            } else {
                crate::forecast::DEFAULT_BATCH_RUNS
            }),
            seed: a.run.seed,
            dist,
            at_least: a.run.at_least.map(|n| n as f64),
            keep_runs: a.summary.is_some() || a.run.charts.is_some(),
            correlation: a.correlation,
            precision: a.precision,
            sampling: a.sampling.into(),
        },
        at_least_column: a.run.at_least.is_some(),
        keep_retention: a.run.charts.is_some(),
    };

    // Every output is opened (or its folder created) before any row is forecast, so a bad path
    // fails at once rather than after the whole batch.
    let file_out = match a.output.as_deref().filter(|p| !is_dash(p)) {
        Some(p) => Some(AtomicFile::create(&format!("-o {}", path_shown(p)), p)?),
        None => None,
    };
    let summary_out = match &a.summary {
        Some(p) => Some(AtomicFile::create(
            &format!("--summary {}", path_shown(p)),
            p,
        )?),
        None => None,
    };
    let errors_out = match &a.errors {
        Some(p) => {
            let mut f = AtomicFile::create(&format!("--errors {}", path_shown(p)), p)?;
            if file_bom {
                f.write_all(BOM)?;
            }
            let mut w = csv::Writer::from_writer(f);
            write_error_header(&mut w)?;
            Some(w)
        }
        None => None,
    };
    let progress = match a.progress {
        ProgressMode::Never => Progress::None,
        ProgressMode::Auto if !ctx.err_is_terminal => Progress::None,
        ProgressMode::Always if !ctx.err_is_terminal => Progress::Lines {
            last: Instant::now(),
        },
        _ => Progress::Bar(progress_bar(&Messages::new(ctx.lang), total_bytes)),
    };

    let Ctx { out, err, .. } = ctx;
    let mut events = CliEvents {
        err: &mut **err,
        messages: Messages::new(ctx.lang),
        errors: errors_out,
        progress,
        bytes,
        total_bytes,
        started,
    };
    let (report, file_out) = {
        let mut file_out = file_out;
        let (sink, bom): (&mut dyn Write, bool) = match &mut file_out {
            Some(f) => (f, file_bom),
            None => (&mut **out, a.bom),
        };
        if bom {
            sink.write_all(BOM)?;
        }
        let mut w = csv::WriterBuilder::new()
            .buffer_capacity(256 * 1024)
            .from_writer(sink);
        write_header(&mut w, opts.at_least_column)?;
        let report = run_batch(book, &mut table, &opts, &pool, &mut w, &mut events)
            .map_err(|e| batch_error(e, &a.input))?;
        w.flush()?;
        drop(w);
        (report, file_out)
    };
    if let Progress::Bar(bar) = &events.progress {
        bar.finish_and_clear();
    }

    let summary = report.portfolio.map(|p| {
        p.finish(
            report.counts,
            Provenance::new(book, opts.row.seed, opts.row.runs, dist),
        )
        .with_correlation(opts.row.correlation)
    });
    let summary_out = match (summary_out, &a.summary, &summary) {
        (Some(mut f), Some(_), Some(doc)) => {
            crate::report::json(doc, &mut f)?;
            Some(f)
        }
        _ => None,
    };

    if let (Some(dir), Some(look)) = (&a.run.charts, &look) {
        if report.retention_p50.is_empty() {
            writeln!(events.err, "{}", events.messages.text("batch-no-portfolio"))?;
        } else {
            let chart = PortfolioChart {
                title: look.messages.msg(
                    "chart-portfolio-title",
                    &[("n", report.retention_p50.len().into())],
                ),
                accounts: report.retention_p50.len(),
                total_retained: summary
                    .as_ref()
                    .and_then(|s| s.total_retained_followers)
                    .map(|t| (t.p5, t.p50, t.p95)),
                weighted_retention: summary.as_ref().and_then(|s| {
                    let kept = s.total_retained_followers?.p50;
                    (s.source_followers > 0).then(|| kept / s.source_followers as f64)
                }),
                total_cost: summary
                    .as_ref()
                    .and_then(|s| s.total_cost_yuan)
                    .map(|t| (t.p5, t.p50, t.p95)),
                retention_p50: report.retention_p50,
            };
            let charts = vec![(PORTFOLIO_PNG, portfolio_png(&chart, size, look))];
            for p in write_charts(dir, charts, look, events.err)? {
                let wrote = events
                    .messages
                    .msg("wrote-file", &[("path", p.display().to_string().into())]);
                writeln!(events.err, "{wrote}")?;
            }
        }
    }
    // Everything is written out before anything is renamed into place, so a failing output
    // leaves none of them.
    let errors_out = match events.errors.take() {
        Some(w) => Some(w.into_inner().map_err(|e| e.into_error())?),
        None => None,
    };
    commit_all(
        [file_out, summary_out, errors_out]
            .into_iter()
            .flatten()
            .collect(),
    )?;

    let c = report.counts;
    let mut summary_line = events.messages.msg(
        "batch-summary",
        &[
            ("read", c.read.to_string().into()),
            ("forecast", c.forecast.to_string().into()),
            ("forbidden", c.forbidden.to_string().into()),
            ("rejected", c.rejected.to_string().into()),
        ],
    );
    if table.empty_rows() > 0 {
        summary_line.push_str(&events.messages.msg(
            "batch-summary-empty",
            &[("n", table.empty_rows().to_string().into())],
        ));
    }
    summary_line.push_str(&events.messages.msg(
        "batch-summary-time",
        &[(
            "secs",
            format!("{:.2}", started.elapsed().as_secs_f64()).into(),
        )],
    ));
    writeln!(events.err, "{summary_line}")?;
    Ok(if c.rejected > 0 {
        Outcome::Rejected
    } else {
        Outcome::Done
    })
}

fn batch_error(e: BatchError, input: &Path) -> anyhow::Error {
    match e {
        BatchError::Read(t) => table_error(t, input),
        other => anyhow::Error::new(other),
    }
}
