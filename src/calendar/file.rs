//! The holiday data format (SPEC §8), shared by the embedded `data/calendar/china.toml` and a
//! user's `--holidays FILE`: per year, the notice it comes from and each holiday's days off and
//! make-up working days (调休). A [`YearData`] exists only valid: every date inside its year,
//! no day both off and working, each year once, years inside [`super::FIRST_YEAR`]..=
//! [`super::LAST_YEAR`].

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use std::collections::BTreeSet;
use toml::Spanned;

/// One holiday of a year's arrangement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    /// Its name as the notice gives it (元旦, 春节, …).
    pub name: String,
    /// The days off, in order.
    pub off: Vec<NaiveDate>,
    /// The make-up working days (调休), in order.
    pub work: Vec<NaiveDate>,
}

/// One year's arrangement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearData {
    /// The year.
    pub year: i32,
    /// The notice it comes from (title and date), when given.
    pub source: Option<String>,
    /// Its holidays, in the file's order.
    pub holidays: Vec<Holiday>,
}

/// What is wrong in a holiday file, with the line (1-based) and the key it is found at.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, key `{key}`: {problem}")]
pub struct FileError {
    /// The line, 1-based.
    pub line: usize,
    /// The key at fault (`year`, `off`, `work`, …).
    pub key: String,
    /// What is wrong.
    pub problem: Problem,
}

/// The kinds of mistakes a holiday file can hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// Not TOML, or not the expected shape.
    #[error("{0}")]
    Syntax(String),
    /// A date that is neither `YYYY-MM-DD` nor a range `A..B` of such dates with A ≤ B.
    #[error("`{0}` is not a date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD")]
    BadDate(String),
    /// A date outside the year of its block.
    #[error("{date} is outside the year {year}")]
    OutsideYear {
        /// The date.
        date: NaiveDate,
        /// The block's year.
        year: i32,
    },
    /// A day listed both as a day off and as a working day.
    #[error("{0} is listed both as a day off and as a working day")]
    OffAndWork(NaiveDate),
    /// The same year twice.
    #[error("the year {0} is given twice")]
    DuplicateYear(i32),
    /// A year the calendar does not hold.
    #[error("the year {year} is outside {min}–{max}")]
    YearOutOfRange {
        /// The year.
        year: i64,
        /// The first year held.
        min: i32,
        /// The last year held.
        max: i32,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    years: Vec<RawYear>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawYear {
    year: Spanned<i64>,
    source: Option<String>,
    #[serde(default)]
    holidays: Vec<RawHoliday>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHoliday {
    name: String,
    #[serde(default)]
    off: Vec<Spanned<String>>,
    #[serde(default)]
    work: Vec<Spanned<String>>,
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(1, |before| before.matches('\n').count() + 1)
}

/// The key written on the line at `offset` (`year` in `year = "x"`), or the line itself (a
/// table header such as `[[years]]`).
fn key_at(text: &str, offset: usize) -> String {
    let start = text
        .get(..offset)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let line = text
        .get(start..)
        .and_then(|t| t.lines().next())
        .unwrap_or_default();
    let key = line.split_once('=').map_or(line, |(k, _)| k).trim();
    if key.is_empty() {
        "-".to_string()
    } else {
        key.to_string()
    }
}

/// Parse `YYYY-MM-DD` or `A..B` (inclusive) into its days.
fn days_of(text: &str) -> Option<Vec<NaiveDate>> {
    let one = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
    match text.split_once("..") {
        None => one(text).map(|d| vec![d]),
        Some((a, b)) => {
            let (a, b) = (one(a)?, one(b)?);
            // A range longer than a year cannot lie inside one year: refused as outside it.
            if a > b || b.signed_duration_since(a).num_days() > 366 {
                return None;
            }
            Some(a.iter_days().take_while(|d| *d <= b).collect())
        }
    }
}

/// Parse and validate a holiday file.
pub fn parse(text: &str) -> Result<Vec<YearData>, FileError> {
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        FileError {
            line: line_of(text, offset),
            key: key_at(text, offset),
            problem: Problem::Syntax(e.message().trim().to_string()),
        }
    })?;
    let mut seen = BTreeSet::new();
    let mut out = Vec::with_capacity(raw.years.len());
    for y in raw.years {
        let at = |key: &str, span: std::ops::Range<usize>, problem| FileError {
            line: line_of(text, span.start),
            key: key.to_string(),
            problem,
        };
        let value = *y.year.get_ref();
        let year = i32::try_from(value)
            .ok()
            .filter(|v| (super::FIRST_YEAR..=super::LAST_YEAR).contains(v))
            .ok_or_else(|| {
                at(
                    "year",
                    y.year.span(),
                    Problem::YearOutOfRange {
                        year: value,
                        min: super::FIRST_YEAR,
                        max: super::LAST_YEAR,
                    },
                )
            })?;
        if !seen.insert(year) {
            return Err(at("year", y.year.span(), Problem::DuplicateYear(year)));
        }
        let mut holidays = Vec::with_capacity(y.holidays.len());
        let mut all_off = BTreeSet::new();
        let mut all_work = Vec::new();
        for h in y.holidays {
            let mut lists = [Vec::new(), Vec::new()];
            for (list, key, items) in [(0, "off", &h.off), (1, "work", &h.work)] {
                for item in items {
                    let days = days_of(item.get_ref()).ok_or_else(|| {
                        at(key, item.span(), Problem::BadDate(item.get_ref().clone()))
                    })?;
                    if let Some(date) = days.iter().find(|d| d.year() != year) {
                        return Err(at(
                            key,
                            item.span(),
                            Problem::OutsideYear { date: *date, year },
                        ));
                    }
                    if list == 1 {
                        all_work.extend(days.iter().map(|d| (*d, item.span())));
                    } else {
                        all_off.extend(days.iter().copied());
                    }
                    lists[list].extend(days);
                }
            }
            let [mut off, mut work] = lists;
            off.sort();
            off.dedup();
            work.sort();
            work.dedup();
            holidays.push(Holiday {
                name: h.name,
                off,
                work,
            });
        }
        if let Some((date, span)) = all_work.into_iter().find(|(d, _)| all_off.contains(d)) {
            return Err(at("work", span, Problem::OffAndWork(date)));
        }
        out.push(YearData {
            year,
            source: y.source,
            holidays,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> FileError {
        match parse(text) {
            Err(e) => e,
            Ok(v) => panic!("accepted: {v:?}"),
        }
    }

    #[test]
    fn ranges_and_single_days() {
        let text = r#"
[[years]]
year = 2027
source = "test notice"

[[years.holidays]]
name = "春节"
off = ["2027-02-05..2027-02-08", "2027-02-11"]
work = ["2027-02-14"]
"#;
        let years = parse(text).unwrap_or_default();
        assert_eq!(years.len(), 1);
        let h = &years[0].holidays[0];
        assert_eq!(h.off.len(), 5);
        assert_eq!(h.work.len(), 1);
        assert_eq!(years[0].source.as_deref(), Some("test notice"));
    }

    #[test]
    fn a_date_outside_its_year_names_key_and_line() {
        let e = err(
            "[[years]]\nyear = 2027\n[[years.holidays]]\nname = \"元旦\"\noff = [\"2026-12-31\"]\n",
        );
        assert_eq!(e.line, 5);
        assert_eq!(e.key, "off");
        assert!(matches!(e.problem, Problem::OutsideYear { year: 2027, .. }));
    }

    #[test]
    fn a_day_both_off_and_working_is_refused() {
        let e = err("[[years]]\nyear = 2027\n[[years.holidays]]\nname = \"a\"\noff = [\"2027-01-01\"]\n[[years.holidays]]\nname = \"b\"\nwork = [\"2027-01-01\"]\n");
        assert_eq!((e.line, e.key.as_str()), (8, "work"));
        assert!(matches!(e.problem, Problem::OffAndWork(_)));
    }

    #[test]
    fn malformed_text_and_dates() {
        let e = err(
            "[[years]]\nyear = 2027\n[[years.holidays]]\nname = \"a\"\noff = [\"2027-13-01\"]\n",
        );
        assert_eq!((e.line, e.key.as_str()), (5, "off"));
        let e = err("[[years]]\nyear = 2027\n[[years.holidays]]\nname = \"a\"\noff = [\"2027-02-09..2027-02-01\"]\n");
        assert!(matches!(e.problem, Problem::BadDate(_)));
        let e = err("[[years]]\nyear = \"x\"\n");
        assert_eq!(e.line, 2);
        assert!(matches!(e.problem, Problem::Syntax(_)));
        let e = err("[[years]]\nyear = 2027\nyear2 = 1\n");
        assert!(matches!(e.problem, Problem::Syntax(_)));
        let e = err("[[years]]\nyear = 2027\n[[years]]\nyear = 2027\n");
        assert_eq!((e.line, e.problem), (4, Problem::DuplicateYear(2027)));
        let e = err("[[years]]\nyear = 99999\n");
        assert!(matches!(e.problem, Problem::YearOutOfRange { .. }));
    }
}
