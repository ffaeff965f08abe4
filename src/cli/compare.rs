//! `fanplan compare`: up to 50 scenarios of a CSV file (the batch columns, `id` as the label)
//! forecast in full and shown side by side, ranked (SPEC §3, §5).
//!
//! Each row runs on `mix(seed, key_of(id))`, as in `batch`, so a scenario's numbers do not
//! depend on the other rows. Rows that cannot be read are reported and make the exit code 4.

use super::args::RunArgs;
use super::batch::{open_table, table_error, EncodingArg};
use super::{chart_look, chart_size, write_charts, Ctx, InvalidInput, Outcome};
use crate::chart::{compare_png, CompareChart, CompareRow};
use crate::compare::{compare, CompareOptions};
use crate::i18n::Messages;
use crate::report::{emit, Format};
use crate::rules::Rulebook;
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

/// Most scenarios `compare` takes; `batch` is for more.
pub const MAX_ROWS: usize = 50;

const EXAMPLES: &str = "\
Examples:
  fanplan compare data/examples/accounts.csv
  fanplan compare options.csv --runs 20000 --format json
  fanplan compare options.csv --format csv --charts charts/";

/// `--format table|csv|json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// Aligned text for people
    Table,
    /// One row per scenario
    Csv,
    /// One JSON document
    Json,
}

impl From<CompareFormat> for Format {
    fn from(f: CompareFormat) -> Format {
        match f {
            CompareFormat::Table => Format::Table,
            CompareFormat::Csv => Format::Csv,
            CompareFormat::Json => Format::Json,
        }
    }
}

/// Flags of `fanplan compare`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct CompareArgs {
    /// CSV file with the batch columns, at most 50 rows (`-` reads standard input)
    #[arg(value_name = "FILE")]
    file: PathBuf,
    #[command(flatten)]
    run: RunArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
    format: CompareFormat,
    /// Encoding of the input
    #[arg(long, value_enum, default_value_t = EncodingArg::Auto)]
    encoding: EncodingArg,
}

/// Run `fanplan compare`.
pub fn run(book: &Rulebook, a: &CompareArgs, ctx: &mut Ctx<'_>) -> anyhow::Result<Outcome> {
    let size = chart_size(&a.run.chart_size)?;
    let look = a.run.charts.as_ref().map(|_| chart_look(ctx)).transpose()?;
    let mut table = open_table(
        &a.file,
        a.encoding.into(),
        ctx.today,
        Arc::new(AtomicU64::new(0)),
    )?;
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
    let mut rows = Vec::new();
    while let Some(row) = table.next_row().map_err(|e| table_error(e, &a.file))? {
        if rows.len() == MAX_ROWS {
            return Err(InvalidInput(format!(
                "{}: compare takes at most {MAX_ROWS} rows; use `fanplan batch` for more",
                a.file.display()
            ))
            .into());
        }
        rows.push(row);
    }
    let opts = CompareOptions {
        seed: a.run.seed,
        runs: a.run.runs.unwrap_or(crate::forecast::DEFAULT_RUNS),
        dist: a.run.dist.into(),
        at_least: a.run.at_least,
    };
    let runs = opts.runs;
    let report = compare(book, rows, &opts);
    let m = Messages::new(ctx.lang);
    for e in &report.rejected {
        let text = crate::report::text::row_error(&m, e);
        writeln!(ctx.err, "{}", m.msg("error-line", &[("text", text.into())]))?;
    }
    if let (Some(dir), Some(look)) = (&a.run.charts, &look) {
        if report.ranked.is_empty() {
            writeln!(ctx.err, "{}", m.text("compare-no-chart"))?;
        } else {
            let chart = CompareChart {
                title: look.messages.msg(
                    "chart-compare-title",
                    &[("runs", crate::report::fmt::thousands(runs as f64).into())],
                ),
                rows: report
                    .ranked
                    .iter()
                    .map(|r| CompareRow {
                        label: r.id.clone(),
                        retained_p5: r.retained_followers.p5,
                        retained_p50: r.retained_followers.p50,
                        retained_p95: r.retained_followers.p95,
                        cost_p50: r.cost_yuan.p50,
                    })
                    .collect(),
            };
            let charts = vec![("compare.png", compare_png(&chart, size, look))];
            for p in write_charts(dir, charts, look, ctx.err)? {
                let wrote = m.msg("wrote-file", &[("path", p.display().to_string().into())]);
                writeln!(ctx.err, "{wrote}")?;
            }
        }
    }
    emit(&report, a.format.into(), &Messages::new(ctx.lang), ctx.out)?;
    Ok(if report.rejected.is_empty() {
        Outcome::Done
    } else {
        Outcome::Rejected
    })
}
