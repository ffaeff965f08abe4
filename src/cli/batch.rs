//! `fanplan batch`: one forecast per row of a CSV file of accounts (SPEC §4).
//!
//! The edge around [`crate::batch`]: opens the input and the output files, refuses to write
//! over the input, builds the thread pool, draws the progress bar, reports rejected rows on
//! standard error and in `--errors FILE`, and renames the output files into place only when
//! everything succeeded.

use super::args::RunArgs;
use super::{chart_look, chart_size, write_charts, Ctx, InvalidInput, Outcome};
use crate::batch::forecast::RowOptions;
use crate::batch::input::{decode, EncodingChoice, Table, TableError};
use crate::batch::output::{
    same_file, write_error, write_error_header, write_header, AtomicFile, BOM,
};
use crate::batch::run::{run_batch, BatchError, BatchOptions, Events};
use crate::batch::summary::Counts;
use crate::batch::RowError;
use crate::chart::{portfolio_png, PortfolioChart};
use crate::i18n::Messages;
use crate::rules::Rulebook;
use crate::sim::Dist;
use anyhow::Context;
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const EXAMPLES: &str = "\
Examples:
  fanplan batch data/examples/accounts.csv -o forecasts.csv
  fanplan batch accounts.csv -o forecasts.csv --errors errors.csv --summary portfolio.json
  fanplan batch accounts-gbk.csv --encoding gbk --bom -o forecasts.csv --threads 2
  cat accounts.csv | fanplan batch - > forecasts.csv

Rows that cannot be read are skipped and reported (line, id, column, value, reason); the exit
code is then 4. Rows the rules forbid are output with allowed=false and their rule ids.";

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
    /// Byte-order mark, else valid UTF-8, else the most likely encoding
    Auto,
    /// UTF-8, with or without a byte-order mark
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// GBK / GB18030 (Excel on Chinese Windows)
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
#[command(after_help = EXAMPLES)]
pub struct BatchArgs {
    /// CSV file of accounts, one scenario per row (`-` reads standard input)
    #[arg(value_name = "INPUT")]
    input: PathBuf,
    /// Write the forecasts here (`-` or absent: standard output); written whole or not at all
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Also write the rejected rows here as CSV: line,id,column,value,reason
    #[arg(long, value_name = "FILE")]
    errors: Option<PathBuf>,
    /// Write portfolio totals (run by run across the allowed rows) here as JSON
    #[arg(long, value_name = "FILE")]
    summary: Option<PathBuf>,
    /// Worker threads [default: one per core]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    threads: Option<u16>,
    /// Progress bar on standard error
    #[arg(long, value_enum, default_value_t = ProgressMode::Auto)]
    progress: ProgressMode,
    /// Encoding of the input
    #[arg(long, value_enum, default_value_t = EncodingArg::Auto)]
    encoding: EncodingArg,
    /// Output format (CSV is the only one: one row per account)
    #[arg(long, value_enum, default_value_t = BatchFormat::Csv)]
    format: BatchFormat,
    /// Start the output with a UTF-8 byte-order mark (for Excel)
    #[arg(long)]
    bom: bool,
    #[command(flatten)]
    run: RunArgs,
}

fn is_dash(p: &Path) -> bool {
    p.as_os_str() == "-"
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

/// Refuse outputs that would overwrite the input or each other.
fn check_paths(a: &BatchArgs) -> anyhow::Result<()> {
    let chart = a.run.charts.as_ref().map(|d| d.join(PORTFOLIO_PNG));
    let outputs = [
        ("-o", a.output.as_deref()),
        ("--errors", a.errors.as_deref()),
        ("--summary", a.summary.as_deref()),
        ("--charts", a.run.charts.as_deref()),
        ("--charts DIR/portfolio.png", chart.as_deref()),
    ];
    for (i, (flag, path)) in outputs.iter().enumerate() {
        let Some(path) = path.filter(|p| !is_dash(p)) else {
            continue;
        };
        if !is_dash(&a.input) && same_file(path, &a.input) {
            return Err(InvalidInput(format!(
                "{flag} {} is the input file: refusing to write over it",
                path.display()
            ))
            .into());
        }
        if path.is_dir() && *flag != "--charts" {
            return Err(anyhow::anyhow!(
                "{flag}: cannot create the file {}: it is a folder",
                path.display()
            ));
        }
        for (other_flag, other) in &outputs[..i] {
            if let Some(other) = other.filter(|p| !is_dash(p)) {
                if same_file(path, other) {
                    return Err(InvalidInput(format!(
                        "{flag} and {other_flag} name the same file {}",
                        path.display()
                    ))
                    .into());
                }
            }
        }
    }
    Ok(())
}

/// The portfolio chart's file name in `--charts DIR`.
const PORTFOLIO_PNG: &str = "portfolio.png";

/// Create the `--charts` folder and make sure a file can be written in it, before any row is
/// forecast.
fn prepare_chart_dir(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("--charts: cannot create the folder {}", dir.display()))?;
    tempfile::Builder::new()
        .prefix(".fanplan-")
        .tempfile_in(dir)
        .with_context(|| format!("--charts: cannot write in the folder {}", dir.display()))?;
    Ok(())
}

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
            .with_context(|| format!("cannot open the input {}", input.display()))?;
        Box::new(io::BufReader::with_capacity(256 * 1024, f))
    };
    let counted: Box<dyn Read + Send> = Box::new(Counting { inner: raw, bytes });
    let (stream, enc) = decode(counted, encoding)
        .with_context(|| format!("cannot read the input {}", input.display()))?;
    Table::new(stream, enc, today).map_err(|e| table_error(e, input))
}

/// A table error as an exit-coded error: header problems are invalid input (exit 2).
pub(crate) fn table_error(e: TableError, input: &Path) -> anyhow::Error {
    match e {
        TableError::Header(h) => InvalidInput(format!("{}: {h}", input.display())).into(),
        TableError::Csv(c) => {
            anyhow::Error::new(c).context(format!("cannot read the input {}", input.display()))
        }
    }
}

/// Run `fanplan batch`.
pub fn run(book: &Rulebook, a: &BatchArgs, ctx: &mut Ctx<'_>) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let BatchFormat::Csv = a.format;
    check_paths(a)?;
    let size = chart_size(&a.run.chart_size)?;
    let look = a.run.charts.as_ref().map(|_| chart_look(ctx)).transpose()?;
    let bytes = Arc::new(AtomicU64::new(0));
    let total_bytes = (!is_dash(&a.input))
        .then(|| std::fs::metadata(&a.input).ok().map(|m| m.len()))
        .flatten();
    let mut table = open_table(&a.input, a.encoding.into(), ctx.today, bytes.clone())?;
    if table.encoding != encoding_rs::UTF_8 {
        let m = Messages::new(ctx.lang);
        let reading = m.msg(
            "batch-reading-as",
            &[
                ("path", a.input.display().to_string().into()),
                ("encoding", table.encoding.name().into()),
            ],
        );
        writeln!(
            ctx.err,
            "{}",
            m.msg("note-line", &[("text", reading.into())])
        )?;
    }
    if !table.columns().unknown.is_empty() {
        let m = Messages::new(ctx.lang);
        let unknown = &table.columns().unknown;
        let ignoring = m.msg(
            "batch-unknown-columns",
            &[
                ("n", unknown.len().into()),
                ("columns", unknown.join(", ").into()),
            ],
        );
        writeln!(
            ctx.err,
            "{}",
            m.msg("warning-line", &[("text", ignoring.into())])
        )?;
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(a.threads.map_or(0, usize::from))
        .build()
        .context("cannot start the worker threads")?;
    let dist: Dist = a.run.dist.into();
    let opts = BatchOptions {
        row: RowOptions {
            runs: a.run.runs.unwrap_or(crate::forecast::DEFAULT_BATCH_RUNS),
            seed: a.run.seed,
            dist,
            at_least: a.run.at_least.map(|n| n as f64),
            keep_runs: a.summary.is_some() || a.run.charts.is_some(),
        },
        at_least_column: a.run.at_least.is_some(),
        keep_retention: a.run.charts.is_some(),
    };

    // Every output is opened (or its folder created) before any row is forecast, so a bad path
    // fails at once rather than after the whole batch.
    let file_out = match a.output.as_deref().filter(|p| !is_dash(p)) {
        Some(p) => Some(
            AtomicFile::create(p)
                .with_context(|| format!("-o: cannot create the output {}", p.display()))?,
        ),
        None => None,
    };
    let summary_out = match &a.summary {
        Some(p) => Some(
            AtomicFile::create(p)
                .with_context(|| format!("--summary: cannot create the file {}", p.display()))?,
        ),
        None => None,
    };
    if let Some(dir) = &a.run.charts {
        prepare_chart_dir(dir)?;
    }
    let errors_out = match &a.errors {
        Some(p) => {
            let f = AtomicFile::create(p)
                .with_context(|| format!("--errors: cannot create the file {}", p.display()))?;
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
        let sink: &mut dyn Write = match &mut file_out {
            Some(f) => f,
            None => &mut **out,
        };
        if a.bom {
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

    let summary = report
        .portfolio
        .map(|p| p.finish(report.counts, opts.row.runs, opts.row.seed, dist.name()));
    let summary_out = match (summary_out, &a.summary, &summary) {
        (Some(mut f), Some(p), Some(doc)) => {
            crate::report::json(doc, &mut f)
                .with_context(|| format!("--summary: cannot write the file {}", p.display()))?;
            Some((f, p))
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
    if let (Some(w), Some(p)) = (events.errors.take(), &a.errors) {
        let f = w.into_inner().map_err(|e| {
            anyhow::anyhow!(
                "--errors: cannot write the file {}: {}",
                p.display(),
                e.error()
            )
        })?;
        f.commit()
            .with_context(|| format!("--errors: cannot write the file {}", p.display()))?;
    }
    if let Some((f, p)) = summary_out {
        f.commit()
            .with_context(|| format!("--summary: cannot write the file {}", p.display()))?;
    }
    if let (Some(f), Some(p)) = (file_out, &a.output) {
        f.commit()
            .with_context(|| format!("-o: cannot write the output {}", p.display()))?;
    }

    let c = report.counts;
    let summary_line = events.messages.msg(
        "batch-summary",
        &[
            ("read", c.read.to_string().into()),
            ("forecast", c.forecast.to_string().into()),
            ("forbidden", c.forbidden.to_string().into()),
            ("rejected", c.rejected.to_string().into()),
            (
                "secs",
                format!("{:.2}", started.elapsed().as_secs_f64()).into(),
            ),
        ],
    );
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
