//! `fanplan workdays --from DATE --add N`: the date N working days later on the Chinese
//! statutory calendar (weekends alone outside its coverage, and the output says so).

use super::args::{parse_day, TableOrJson};
use super::{Ctx, InvalidInput, Outcome};
use crate::calendar::{add_working_days, coverage};
use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

const EXAMPLES: &str = "\
Examples:
  fanplan workdays --from 2026-02-13 --add 3      across the Spring Festival break
  fanplan workdays --from 2026-12-20 --add 10 --format json";

/// Flags of `fanplan workdays`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct WorkdaysArgs {
    /// The start date, YYYY-MM-DD (not itself counted)
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    from: NaiveDate,
    /// How many working days to add
    #[arg(long, value_name = "N", value_parser = parse_add, allow_negative_numbers = true)]
    add: u32,
    /// Output format
    #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
    format: TableOrJson,
}

#[derive(Serialize)]
struct Answer {
    from: NaiveDate,
    add: u32,
    date: NaiveDate,
    weekends_only: bool,
}

/// Parse `--add`: a whole number of working days.
fn parse_add(s: &str) -> Result<u32, String> {
    s.trim().parse().map_err(|_| {
        format!(
            "`{}` is not a whole number of working days (0 to {})",
            crate::report::fmt::shown(s),
            u32::MAX
        )
    })
}

/// Run `fanplan workdays`.
pub fn run(a: &WorkdaysArgs, ctx: &mut Ctx<'_>) -> anyhow::Result<Outcome> {
    let shifted =
        add_working_days(a.from, a.add).map_err(|e| InvalidInput(format!("--add: {e}")))?;
    if shifted.date > super::last_printable_date() {
        return Err(InvalidInput(format!(
            "--add: {} working days after {} is past {}, the last date fanplan handles",
            a.add,
            a.from,
            super::last_printable_date()
        ))
        .into());
    }
    let answer = Answer {
        from: a.from,
        add: a.add,
        date: shifted.date,
        weekends_only: shifted.weekends_only,
    };
    match a.format {
        TableOrJson::Json => crate::report::json(&answer, ctx.out)?,
        TableOrJson::Table => {
            writeln!(ctx.out, "{}", answer.date)?;
            if answer.weekends_only {
                let (start, end) = coverage();
                writeln!(
                    ctx.err,
                    "note: some days counted lie outside the holiday calendar ({start} to {end}); weekends alone were skipped for them"
                )?;
            }
        }
    }
    Ok(Outcome::Done)
}
