//! `fanplan simulate`: the Monte Carlo forecast of one migration.

use super::args::{RunArgs, ScenarioArgs, TableJsonCsv};
use super::{chart_look, chart_size, scenario_of, write_charts, Ctx, InvalidInput, Outcome};
use crate::chart::{histogram_chart, histogram_png, trajectory_chart, trajectory_png};
use crate::forecast::{Forecast, RunOptions};
use crate::i18n::Messages;
use crate::report::{emit, CheckReport};
use crate::rules::Rulebook;
use clap::Args;

const EXAMPLES: &str = "\
Examples:
  fanplan simulate --followers 120000 --cross-entity
  fanplan simulate --followers 12万 --kind 服务号 --overlap 10% --at-least 90000 --format json
  fanplan simulate --followers 120000 --cross-entity --dist pert --charts charts/";

/// Flags of `fanplan simulate`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct SimulateArgs {
    #[command(flatten)]
    scenario: ScenarioArgs,
    #[command(flatten)]
    run: RunArgs,
    /// Output format
    #[arg(help_heading = "Output", long, value_enum, default_value_t = TableJsonCsv::Table)]
    format: TableJsonCsv,
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
    let opts = run_options(&a.run, crate::forecast::DEFAULT_RUNS);
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
            crate::report::fmt::thousands(opts.runs as f64)
        ));
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        bar
    });
    let result = Forecast::run(book, &s, &opts);
    if let Some(bar) = spinner {
        bar.finish_and_clear();
    }
    match result {
        Ok(forecast) => {
            let last = forecast.dates.settled.p90;
            if last > super::last_printable_date() {
                return Err(InvalidInput(format!(
                    "--start: the followers would settle in the year {}, past {}; start earlier",
                    chrono::Datelike::year(&last),
                    super::last_printable_date()
                ))
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
                scenario: &s,
                warnings: crate::forecast::scenario_warnings(&s),
                book,
                followers_given: true,
            };
            emit(&report, a.format.into(), &Messages::new(ctx.lang), ctx.out)?;
            Ok(Outcome::Forbidden)
        }
    }
}
