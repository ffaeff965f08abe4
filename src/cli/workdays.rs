//! `fanplan workdays --from DATE --add N`: the date N working days later on the Chinese
//! statutory calendar, with the basis of the days counted (SPEC §8).

use super::args::{parse_day, TableOrJson};
use super::{Ctx, Failure, Outcome};
use crate::calendar::{Basis, Calendar, FIRST_YEAR, LAST_YEAR};
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
    basis: Option<Basis>,
}

/// Parse `--add`: a whole number of working days.
fn parse_add(s: &str) -> Result<u32, String> {
    s.trim().parse().map_err(|_| {
        Messages::new(super::arg_lang()).msg(
            "error-add-not-days",
            &[
                ("value", crate::fmt::shown(s).into()),
                ("max", u32::MAX.to_string().into()),
            ],
        )
    })
}

/// Run `fanplan workdays`.
pub fn run(cal: &Calendar, a: &WorkdaysArgs, ctx: &mut Ctx<'_>) -> anyhow::Result<Outcome> {
    let m = Messages::new(ctx.lang);
    let past = || {
        Failure::invalid("error-add-past")
            .arg("add", a.add)
            .arg("from", m.date(a.from))
            .arg("last", m.date(super::last_printable_date()))
    };
    let shifted = cal.add_working_days(a.from, a.add).map_err(|_| past())?;
    if shifted.date > super::last_printable_date() {
        return Err(past().into());
    }
    let answer = Answer {
        from: a.from,
        add: a.add,
        date: shifted.date,
        weekends_only: shifted.weekends_only,
        basis: shifted.basis,
    };
    match a.format {
        TableOrJson::Json => crate::report::json(&answer, ctx.out)?,
        TableOrJson::Table => {
            writeln!(ctx.out, "{}", m.date(answer.date))?;
            if answer.weekends_only {
                let text = m.msg(
                    "workdays-weekends-only",
                    &[
                        ("from", FIRST_YEAR.to_string().into()),
                        ("to", LAST_YEAR.to_string().into()),
                    ],
                );
                writeln!(ctx.err, "{}", m.msg("note-line", &[("text", text.into())]))?;
            }
            if answer.basis == Some(Basis::Provisional) {
                let years = cal.provisional_years(a.from, answer.date);
                let w = crate::forecast::Warning::ProvisionalHolidays { years };
                let text = crate::report::text::warning(&m, &w);
                writeln!(
                    ctx.err,
                    "{}",
                    m.msg("warning-line", &[("text", text.into())])
                )?;
            }
        }
    }
    Ok(Outcome::Done)
}
