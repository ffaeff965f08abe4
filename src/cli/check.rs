//! `fanplan check`: is this migration allowed (M1–M3), by which route (M6), at what fee (M4, M5).

use super::args::{MigrationArgs, TableOrJson};
use super::{partial_scenario_of, Ctx, Outcome};
use crate::eligibility::check;
use crate::forecast::scenario_warnings;
use crate::i18n::Messages;
use crate::report::{emit, CheckReport};
use crate::rules::Rulebook;
use clap::Args;

const EXAMPLES: &str = "\
Examples:
  fanplan check --followers 120000 --cross-entity
  fanplan check --kind 订阅号 --subject 个人 --target-subject 企业 --followers 5000
  fanplan check --followers 120000 --target-kind service --format json";

/// Flags of `fanplan check`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct CheckArgs {
    #[command(flatten)]
    scenario: MigrationArgs,
    /// Output format
    #[arg(help_heading = "Output", long, value_enum, default_value_t = TableOrJson::Table)]
    format: TableOrJson,
}

/// Run `fanplan check`.
pub fn run(book: &Rulebook, a: &CheckArgs, ctx: &mut Ctx<'_>) -> anyhow::Result<Outcome> {
    let s = partial_scenario_of(a.scenario.input(), ctx.today, ctx.lang)?;
    let e = check(book, &s);
    let report = CheckReport {
        eligibility: &e,
        scenario: &s,
        warnings: scenario_warnings(book, &s),
        book,
    };
    emit(&report, a.format.into(), &Messages::new(ctx.lang), ctx.out)?;
    Ok(if e.allowed {
        Outcome::Done
    } else {
        Outcome::Forbidden
    })
}
