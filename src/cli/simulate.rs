//! `fanplan simulate`: the Monte Carlo forecast of one migration.

use super::args::{RunArgs, ScenarioArgs, TableOrJson};
use super::{scenario_of, Ctx, Outcome};
use crate::forecast::{Forecast, RunOptions};
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
    #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
    format: TableOrJson,
}

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
    let s = scenario_of(&a.scenario, ctx.today)?;
    let opts = run_options(&a.run, 10_000);
    match Forecast::run(book, &s, &opts) {
        Ok(forecast) => {
            emit(&forecast, a.format.into(), ctx.out)?;
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
            emit(&report, a.format.into(), ctx.out)?;
            Ok(Outcome::Forbidden)
        }
    }
}
