//! `fanplan calendar [--year Y]`: a year's days off and make-up working days with their names
//! and basis — what the planner assumes.

use super::args::TableJsonCsv;
use super::{Ctx, Failure, Outcome};
use crate::calendar::{Calendar, FIRST_YEAR, LAST_YEAR};
use chrono::Datelike;
use clap::Args;

const EXAMPLES: &str = "\
Examples:
  fanplan calendar                          this year
  fanplan calendar --year 2027 --format csv
  fanplan --holidays my-2027.toml calendar --year 2027";

/// Flags of `fanplan calendar`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct CalendarArgs {
    /// The year (default: the current one)
    #[arg(long, value_name = "Y")]
    year: Option<i32>,
    /// Output format
    #[arg(long, value_enum, default_value_t = TableJsonCsv::Table)]
    format: TableJsonCsv,
}

/// Run `fanplan calendar`.
pub fn run(cal: &Calendar, a: &CalendarArgs, ctx: &mut Ctx<'_>) -> anyhow::Result<Outcome> {
    let year = a.year.unwrap_or(ctx.today.year());
    let listing = cal.listing(year).ok_or_else(|| {
        Failure::invalid("error-year-outside")
            .arg("year", year)
            .arg("first", FIRST_YEAR)
            .arg("last", LAST_YEAR)
    })?;
    crate::report::emit(
        &listing,
        a.format.into(),
        &crate::i18n::Messages::new(ctx.lang),
        ctx.out,
    )?;
    Ok(Outcome::Done)
}
