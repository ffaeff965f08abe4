//! `fanplan simulate`: the Monte Carlo forecast of one migration.

use super::args::{RunArgs, ScenarioArgs, TableJsonCsv};
use super::{
    chart_look, chart_size, scenario_of, write_charts, Ctx, Failure, InvalidInput, Outcome,
};
use crate::chart::{histogram_chart, histogram_png, trajectory_chart, trajectory_png};
use crate::forecast::{Forecast, RunOptions};
use crate::i18n::Messages;
use crate::report::{emit, CheckReport};
use crate::rules::Rulebook;
use crate::sim::lhs::Sampling;
use clap::Args;

const EXAMPLES: &str = "\
Examples:
  fanplan simulate --followers 120000 --cross-entity
  fanplan simulate --followers 12万 --kind 服务号 --overlap 10% --at-least 90000 --format json
  fanplan simulate --followers 120000 --cross-entity --dist pert --charts charts/
  fanplan simulate --followers 120000 --cross-entity --precision 0.001 --sampling lhs";

/// Flags of `fanplan simulate`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct SimulateArgs {
    #[command(flatten)]
    scenario: ScenarioArgs,
    #[command(flatten)]
    run: RunArgs,
    /// Run in blocks until the 95% intervals of P5, P50 and P95 of the final audience are
    /// within REL of their values (e.g. 0.001), up to --runs [default ceiling: 1,000,000]
    #[arg(long, value_name = "REL", value_parser = parse_precision)]
    precision: Option<f64>,
    /// Sampling of the inputs: mc (independent draws) or lhs (Latin hypercube, in 10
    /// independent hypercubes that give the standard errors)
    #[arg(long, value_enum, default_value_t = SamplingArg::Mc)]
    sampling: SamplingArg,
    /// Output format
    #[arg(help_heading = "Output", long, value_enum, default_value_t = TableJsonCsv::Table)]
    format: TableJsonCsv,
}

/// `--sampling mc|lhs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SamplingArg {
    /// Independent draws (Monte Carlo)
    Mc,
    /// Latin hypercube sampling in replicated hypercubes
    Lhs,
}

impl From<SamplingArg> for Sampling {
    fn from(a: SamplingArg) -> Sampling {
        match a {
            SamplingArg::Mc => Sampling::Mc,
            SamplingArg::Lhs => Sampling::Lhs,
        }
    }
}

/// Ceiling of `--precision` when `--runs` is not given.
const PRECISION_CEILING: u64 = 1_000_000;

/// `--precision REL`: a relative half-width above 0 and below 1.
pub fn parse_precision(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(r) if r > 0.0 && r < 1.0 => Ok(r),
        _ => Err(format!(
            "`{s}` is not a relative precision above 0 and below 1 (e.g. 0.001 for ±0.1%)"
        )),
    }
}

/// From this many runs on, `simulate` shows a spinner while it works.
const SPINNER_RUNS: u64 = 1_000_000;

/// The RUN flags as core options, with a default run count.
pub fn run_options(run: &RunArgs, default_runs: u64) -> RunOptions {
    RunOptions {
        runs: run.runs.unwrap_or(default_runs),
        seed: run.seed,
        dist: run.dist.into(),
        at_least: run.at_least.map(|n| n as f64),
    }
}

/// Run `fanplan simulate`.
pub fn run(book: &Rulebook, a: &SimulateArgs, ctx: &mut Ctx<'_>) -> anyhow::Result<Outcome> {
    if a.run.at_least.is_some() && a.format == TableJsonCsv::Csv {
        return Err(InvalidInput(Messages::new(ctx.lang).text("error-at-least-csv")).into());
    }
    let s = scenario_of(a.scenario.input(), ctx.today, ctx.lang)?;
    let default_runs = if a.precision.is_some() {
        PRECISION_CEILING
    } else {
        crate::forecast::DEFAULT_RUNS
    };
    let opts = run_options(&a.run, default_runs);
    let size = chart_size(&a.run.chart_size)?;
    super::plan_charts(
        ctx,
        a.run.charts.as_deref(),
        &["trajectory.png", "histogram.png"],
    )?;
    let look = a.run.charts.as_ref().map(|_| chart_look(ctx)).transpose()?;
    // Large run counts take seconds: show a spinner on a terminal (never in pipes or files).
    let spinner = (ctx.err_is_terminal && opts.runs >= SPINNER_RUNS).then(|| {
        let bar = indicatif::ProgressBar::new_spinner().with_message(format!(
            "simulating {} runs…",
            crate::fmt::thousands(opts.runs as f64)
        ));
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        bar
    });
    let result = match a.precision {
        Some(rel) => Forecast::run_to_precision(book, &s, &opts, a.sampling.into(), rel),
        None => Forecast::run_sampled(book, &s, &opts, a.sampling.into()),
    };
    if let Some(bar) = spinner {
        bar.finish_and_clear();
    }
    match result {
        Ok(forecast) => {
            let last = forecast.dates.settled.p90;
            if last > super::last_printable_date() {
                return Err(Failure::invalid("error-settle-past")
                    .arg("year", chrono::Datelike::year(&last))
                    .arg("last", super::last_printable_date())
                    .into());
            }
            if let (Some(dir), Some(look)) = (&a.run.charts, &look) {
                let m = &look.messages;
                let written = write_charts(
                    dir,
                    vec![
                        (
                            "trajectory.png",
                            trajectory_png(&trajectory_chart(&forecast, m), size, look),
                        ),
                        (
                            "histogram.png",
                            histogram_png(&histogram_chart(&forecast, m), size, look),
                        ),
                    ],
                    look,
                    ctx.err,
                )?;
                for p in written {
                    let wrote = Messages::new(ctx.lang)
                        .msg("wrote-file", &[("path", p.display().to_string().into())]);
                    writeln!(ctx.err, "{wrote}")?;
                }
            }
            emit(
                &forecast,
                a.format.into(),
                &Messages::new(ctx.lang),
                ctx.out,
            )?;
            Ok(Outcome::Done)
        }
        Err(eligibility) => {
            let report = CheckReport {
                eligibility: &eligibility,
                scenario: &s.partial(),
                warnings: crate::forecast::scenario_warnings(book, &s),
                book,
            };
            emit(&report, a.format.into(), &Messages::new(ctx.lang), ctx.out)?;
            Ok(Outcome::Forbidden)
        }
    }
}
