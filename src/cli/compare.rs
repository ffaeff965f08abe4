//! `fanplan compare`: up to 50 scenarios of a CSV file (the batch columns, `id` as the label)
//! forecast in full and shown side by side, ranked (SPEC §3, §5).
//!
//! Each row runs on `mix(seed, key_of(id))`, as in `batch`, so a scenario's numbers do not
//! depend on the other rows. Rows that cannot be read are reported and make the exit code 4.

use super::args::RunArgs;
use super::batch::{bom_for_file, open_table, table_error, table_notes, EncodingArg};
use super::output::{path_shown, AtomicFile};
use super::rulebook::{load, Loaded};
use super::simulate::SamplingArg;
use super::{chart_look, chart_size, write_charts, Ctx, Failure, Outcome};
use crate::batch::output::BOM;
use crate::chart::{compare_png, CompareChart, CompareRow};
use crate::compare::{compare, compare_rulebooks, CompareOptions};
use crate::i18n::Messages;
use crate::report::{emit, Format};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

/// Most scenarios `compare` takes; `batch` is for more.
pub const MAX_ROWS: usize = 50;

const EXAMPLES: &str = "\
Examples:
  fanplan compare data/examples/accounts.csv
  fanplan compare options.csv --runs 20000 --format json
  fanplan compare options.csv --format csv --charts charts/
  fanplan compare accounts-gbk.csv --format csv -o ranked.csv
  fanplan compare data/examples/accounts.csv --rules-set seed,observed
  fanplan compare data/examples/accounts.csv --correlation 0.5 --format json";

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
    #[arg(help_heading = "Output", long, value_enum, default_value_t = CompareFormat::Table)]
    format: CompareFormat,
    /// Encoding of the input
    #[arg(long, value_enum, default_value_t = EncodingArg::Auto)]
    encoding: EncodingArg,
    /// Write the result here (`-` or absent: standard output); written whole or not at all
    #[arg(help_heading = "Output", short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Start the output with a UTF-8 byte-order mark (for Excel) [default: for a CSV file,
    /// when the input had one or was not UTF-8]
    #[arg(help_heading = "Output", long, conflicts_with = "no_bom")]
    bom: bool,
    /// Never start the output with a byte-order mark
    #[arg(help_heading = "Output", long)]
    no_bom: bool,
    /// Forecast every scenario under each of these rulebooks and show them side by side
    /// (built-in names or files, comma-separated: seed,observed)
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    rules_set: Vec<PathBuf>,
    /// Add the scenarios up run by run, with this share of the retention uncertainty common to
    /// all of them in a run: 0 (independent) to 1 (every scenario at the same retention
    /// quantile)
    #[arg(long, value_name = "RHO", value_parser = super::batch::parse_correlation)]
    correlation: Option<f64>,
    /// Sampling of the inputs: mc (independent draws) or lhs (Latin hypercube, in 10
    /// independent hypercubes that give the intervals)
    #[arg(long, value_enum, default_value_t = SamplingArg::Mc)]
    sampling: SamplingArg,
}

/// The rulebooks of `--rules-set`, each with its own name; refused together with `--rules`.
fn rulebooks(rules: Option<&Path>, set: &[PathBuf]) -> anyhow::Result<Vec<Loaded>> {
    if rules.is_some() {
        return Err(Failure::invalid("error-rules-set-with-rules").into());
    }
    let mut books: Vec<Loaded> = Vec::with_capacity(set.len());
    for spec in set {
        let loaded = load(Some(spec))?;
        let name = &loaded.book.rulebook.name;
        if books.iter().any(|b| &b.book.rulebook.name == name) {
            return Err(Failure::invalid("error-rules-set-same-name")
                .arg("name", name)
                .arg("path", spec.display())
                .into());
        }
        books.push(loaded);
    }
    Ok(books)
}

/// Run `fanplan compare`.
pub fn run(rules: Option<&Path>, a: &CompareArgs, ctx: &mut Ctx<'_>) -> anyhow::Result<Outcome> {
    if a.correlation.is_some() && a.sampling == SamplingArg::Lhs {
        return Err(Failure::invalid("error-correlation-lhs").into());
    }
    let size = chart_size(&a.run.chart_size)?;
    let books = if a.rules_set.is_empty() {
        vec![load(rules)?]
    } else {
        rulebooks(rules, &a.rules_set)?
    };
    let mut files = ctx.output_plan();
    files.input("FILE", &a.file);
    if let Some(p) = &a.output {
        files.output("-o", p);
    }
    if let Some(dir) = &a.run.charts {
        files.folder("--charts", dir, &["compare.png"]);
    }
    files.check()?;
    let look = a.run.charts.as_ref().map(|_| chart_look(ctx)).transpose()?;
    let mut table = open_table(
        &a.file,
        a.encoding.into(),
        ctx.today,
        Arc::new(AtomicU64::new(0)),
    )?;
    table_notes(&table, &a.file, &Messages::new(ctx.lang), ctx.err)?;
    let output = a.output.as_deref().filter(|p| p.as_os_str() != "-");
    let bom = match output {
        Some(_) => {
            a.bom || (a.format == CompareFormat::Csv && bom_for_file(&table, false, a.no_bom))
        }
        None => a.bom,
    };
    let mut file_out = match output {
        Some(p) => Some(AtomicFile::create(&format!("-o {}", path_shown(p)), p)?),
        None => None,
    };
    let mut rows = Vec::new();
    while let Some(row) = table.next_row().map_err(|e| table_error(e, &a.file))? {
        if rows.len() == MAX_ROWS {
            return Err(Failure::invalid("error-compare-max-rows")
                .input("path", &a.file)
                .arg("max", MAX_ROWS)
                .into());
        }
        rows.push(row);
    }
    let opts = CompareOptions {
        seed: a.run.seed,
        runs: a.run.runs.unwrap_or(crate::forecast::DEFAULT_RUNS),
        dist: a.run.dist.into(),
        at_least: a.run.at_least,
        sampling: a.sampling.into(),
        correlation: a.correlation,
    };
    let runs = opts.runs;
    let report = match books.split_first() {
        Some((first, others)) if !a.rules_set.is_empty() => {
            let others: Vec<&crate::rules::Rulebook> = others.iter().map(|b| &b.book).collect();
            compare_rulebooks(&first.book, &others, rows, &opts)
        }
        Some((first, _)) => compare(&first.book, rows, &opts),
        None => return Err(Failure::invalid("error-rules-set-empty").into()),
    };
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
                    &[("runs", crate::fmt::thousands(runs as f64).into())],
                ),
                rows: report
                    .ranked
                    .iter()
                    .map(|r| CompareRow {
                        label: match &r.rules {
                            Some(name) => format!("{} · {name}", r.id),
                            None => r.id.clone(),
                        },
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
    let words = Messages::new(ctx.lang);
    match (&mut file_out, output) {
        (Some(f), Some(_)) => {
            if bom {
                f.write_all(BOM)?;
            }
            emit(&report, a.format.into(), &words, f)?;
        }
        _ => {
            if bom {
                ctx.out.write_all(BOM)?;
            }
            emit(&report, a.format.into(), &words, ctx.out)?;
        }
    }
    if a.format == CompareFormat::Table {
        let out: &mut dyn Write = match &mut file_out {
            Some(f) => f,
            None => ctx.out,
        };
        write_totals(&report, &words, out)?;
    }
    if let Some(f) = file_out {
        f.commit()?;
    }
    Ok(if report.rejected.is_empty() {
        Outcome::Done
    } else {
        Outcome::Rejected
    })
}

/// The table's totals lines (`--correlation`): one per rulebook, whole followers and yuan.
fn write_totals(
    report: &crate::compare::CompareReport,
    m: &Messages,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    use crate::fmt::thousands;
    let (Some(rho), Some(totals)) = (report.correlation, &report.totals) else {
        return Ok(());
    };
    for t in totals {
        let (Some(r), Some(c)) = (
            &t.totals.total_retained_followers,
            &t.totals.total_cost_yuan,
        ) else {
            continue;
        };
        let rules = match &t.rules {
            Some(name) => m.msg("compare-totals-rules", &[("rules", name.clone().into())]),
            None => String::new(),
        };
        writeln!(out)?;
        let line = m.msg(
            "compare-totals",
            &[
                ("n", t.totals.accounts.into()),
                ("rules", rules.into()),
                ("rho", rho.to_string().into()),
                ("p5", thousands(r.p5).into()),
                ("p50", thousands(r.p50).into()),
                ("p95", thousands(r.p95).into()),
                ("cost", thousands(c.p50).into()),
            ],
        );
        writeln!(out, "{line}")?;
    }
    Ok(())
}
