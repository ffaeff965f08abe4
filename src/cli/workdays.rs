//! `fanplan workdays --from DATE --add N`: the date N working days later on the Chinese
//! statutory calendar (weekends alone outside its coverage, and the output says so).

use super::args::{parse_day, TableOrJson};
use super::{Ctx, InvalidInput, Outcome};
use crate::calendar::{add_working_days, coverage};
use crate::i18n::Messages;
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
    #[arg(long, value_name = "N")]
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

/// Run `fanplan workdays`.
pub fn run(a: &WorkdaysArgs, ctx: &mut Ctx<'_>) -> anyhow::Result<Outcome> {
    let shifted =
        add_working_days(a.from, a.add).map_err(|e| InvalidInput(format!("--add: {e}")))?;
    let answer = Answer {
        from: a.from,
        add: a.add,
        date: shifted.date,
        weekends_only: shifted.weekends_only,
    };
    match a.format {
        TableOrJson::Json => crate::report::json(&answer, ctx.out)?,
        TableOrJson::Table => {
            let m = Messages::new(ctx.lang);
            writeln!(ctx.out, "{}", m.date(answer.date))?;
            if answer.weekends_only {
                let (start, end) = coverage();
                let text = m.msg(
                    "workdays-weekends-only",
                    &[("from", m.date(start).into()), ("to", m.date(end).into())],
                );
                writeln!(ctx.err, "{}", m.msg("note-line", &[("text", text.into())]))?;
            }
        }
    }
    Ok(Outcome::Done)
}
