//! `fanplan compare`: up to 50 scenarios of a CSV file (the batch columns, `id` as the label)
//! forecast in full and shown side by side, ranked (SPEC §3, §5).
//!
//! Each row runs on `mix(seed, key_of(id))`, as in `batch`, so a scenario's numbers do not
//! depend on the other rows. Rows that cannot be read are reported and make the exit code 4.

use super::args::RunArgs;
use super::batch::{open_table, table_error, EncodingArg};
use super::rulebook::{load, Loaded};
use super::{chart_size, write_charts, Ctx, InvalidInput, Outcome};
use crate::chart::{compare_png, CompareChart, CompareRow};
use crate::forecast::{Forecast, RulesId, RunOptions};
use crate::report::compare::{rank, side_by_side, CompareReport, ComparedRow, ForbiddenRow};
use crate::report::{emit, Format};
use crate::sim::{key_of, mix, Dist};
use clap::{Args, ValueEnum};
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
  fanplan compare data/examples/accounts.csv --rules-set seed,observed";

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
    /// Forecast every scenario under each of these rulebooks and show them side by side
    /// (built-in names or files, comma-separated: seed,observed)
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    rules_set: Vec<PathBuf>,
}

/// The rulebooks of a comparison: the `--rules-set` list, or the one `--rules` names.
fn rulebooks(rules: Option<&Path>, set: &[PathBuf]) -> anyhow::Result<Vec<Loaded>> {
    if set.is_empty() {
        return Ok(vec![load(rules)?]);
    }
    if rules.is_some() {
        return Err(InvalidInput(
            "--rules-set: give every rulebook there, without --rules".to_string(),
        )
        .into());
    }
    let mut books: Vec<Loaded> = Vec::with_capacity(set.len());
    for spec in set {
        let loaded = load(Some(spec))?;
        let name = &loaded.book.rulebook.name;
        if books.iter().any(|b| &b.book.rulebook.name == name) {
            return Err(InvalidInput(format!(
                "--rules-set: two rulebooks are named `{name}` ({}); each needs its own name to be told apart",
                spec.display()
            ))
            .into());
        }
        books.push(loaded);
    }
    Ok(books)
}

/// Run `fanplan compare`.
pub fn run(rules: Option<&Path>, a: &CompareArgs, ctx: &mut Ctx<'_>) -> anyhow::Result<Outcome> {
    let size = chart_size(&a.run.chart_size)?;
    let books = rulebooks(rules, &a.rules_set)?;
    let named = !a.rules_set.is_empty();
    let mut table = open_table(
        &a.file,
        a.encoding.into(),
        ctx.today,
        Arc::new(AtomicU64::new(0)),
    )?;
    if !table.columns().unknown.is_empty() {
        writeln!(
            ctx.err,
            "warning: ignoring unknown columns: {}",
            table.columns().unknown.join(", ")
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
    let dist: Dist = a.run.dist.into();
    let runs = a.run.runs.unwrap_or(10_000);
    let mut rankings = vec![Vec::new(); books.len()];
    let mut forbidden = Vec::new();
    let mut rejected = Vec::new();
    for row in rows {
        match row.parsed {
            Err(errors) => {
                for e in &errors {
                    writeln!(ctx.err, "error: {e}")?;
                }
                rejected.extend(errors);
            }
            Ok(s) => {
                let opts = RunOptions {
                    runs,
                    seed: mix(a.run.seed, key_of(&row.id)),
                    dist,
                    at_least: a.run.at_least.map(|n| n as f64),
                };
                for (loaded, ranked) in books.iter().zip(&mut rankings) {
                    let book = &loaded.book;
                    let name = named.then(|| book.rulebook.name.clone());
                    match Forecast::run(book, &s, &opts) {
                        Ok(f) => ranked.push(ComparedRow {
                            rules: name,
                            ..ComparedRow::of(&row.id, row.line, &f)
                        }),
                        Err(e) => forbidden.push(ForbiddenRow {
                            id: row.id.clone(),
                            line: row.line,
                            violations: e.violations,
                            rules: name,
                        }),
                    }
                }
            }
        }
    }
    for ranked in &mut rankings {
        rank(ranked);
    }
    let ranked = side_by_side(rankings);
    let id = |loaded: &Loaded| RulesId {
        name: loaded.book.rulebook.name.clone(),
        version: loaded.book.rulebook.version.clone(),
    };
    let report = CompareReport {
        version: env!("CARGO_PKG_VERSION"),
        rules: id(&books[0]),
        rules_set: named.then(|| books.iter().map(id).collect()),
        seed: a.run.seed,
        runs,
        dist,
        at_least: a.run.at_least,
        ranked,
        forbidden,
        rejected,
    };
    if let Some(dir) = &a.run.charts {
        if report.ranked.is_empty() {
            writeln!(
                ctx.err,
                "warning: no scenario is allowed, so there is no compare.png to draw"
            )?;
        } else {
            let chart = CompareChart {
                title: format!(
                    "Followers kept by scenario (P5–P95, P50 marked), {} runs each",
                    crate::report::fmt::thousands(runs as f64)
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
            for p in write_charts(dir, vec![("compare.png", compare_png(&chart, size))])? {
                writeln!(ctx.err, "wrote {}", p.display())?;
            }
        }
    }
    emit(&report, a.format.into(), ctx.out)?;
    Ok(if report.rejected.is_empty() {
        Outcome::Done
    } else {
        Outcome::Rejected
    })
}
