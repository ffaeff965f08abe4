//! Working-day calendar for fanplan (SPEC §8).
//!
//! Rules D3 and D5 measure some plan steps in working days (工作日); D2 and M5 need an open
//! office. This module decides which dates are working days, how sure that is, and does the
//! date arithmetic for those steps.
//!
//! * Three sources, each day tagged with its [`Basis`]: `official` (the embedded
//!   `data/calendar/china.toml`, from the State Council's yearly notices, 2004–2026), `user` (a
//!   file in the same format, whose years replace the embedded ones) and `provisional` (a year
//!   with neither: the statutory holidays of the 2024 law, see [`provisional`]).
//! * Years [`FIRST_YEAR`]..=[`LAST_YEAR`] are held; outside them weekends alone count (Monday to
//!   Friday working), and results say so (`weekends_only`).
//! * A step of `n` working days that starts on day `S` ends on the `n`-th working day after `S`
//!   (`S` itself is not counted); a step of `n` calendar days ends `n` days after `S`.
//!
//! Each year is a bitset of its working days, built when first asked for, so adding N working
//! days scans 64 days at a time. The module is pure: the user's file arrives as text, and
//! nothing in it panics on any input.

pub mod file;
mod provisional;
mod table;

pub use file::{FileError, Holiday, Problem, YearData};

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;
use table::YearTable;

/// The first year the calendar holds (earlier dates: weekends only).
pub const FIRST_YEAR: i32 = 1901;
/// The last year the calendar holds (later dates: weekends only).
pub const LAST_YEAR: i32 = 2200;

/// The embedded official data.
const EMBEDDED: &str = include_str!("../../data/calendar/china.toml");

/// How sure a day's working status is, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Computed from the law; the year's notice is not known.
    Provisional,
    /// From the user's `--holidays` file.
    User,
    /// From the State Council's notice (embedded data).
    Official,
}

impl Basis {
    /// The snake_case name used in JSON and CSV.
    pub fn name(self) -> &'static str {
        match self {
            Basis::Provisional => "provisional",
            Basis::User => "user",
            Basis::Official => "official",
        }
    }

    /// The weaker of an optional basis and another.
    pub fn weakest(a: Option<Basis>, b: Basis) -> Basis {
        a.map_or(b, |a| a.min(b))
    }
}

/// Errors from working-day and calendar-day arithmetic.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// Adding calendar days went past the latest representable date.
    #[error(
        "date overflow: {days} calendar days after {from} is past the latest supported date {max}",
        max = NaiveDate::MAX
    )]
    CalendarDaysOverflow {
        /// The start date.
        from: NaiveDate,
        /// The number of calendar days that was to be added.
        days: u32,
    },
    /// Adding working days went past the latest representable date.
    #[error(
        "date overflow: {days} working days after {from} is past the latest supported date {max}",
        max = NaiveDate::MAX
    )]
    WorkingDaysOverflow {
        /// The start date.
        from: NaiveDate,
        /// The number of working days that was to be added.
        days: u32,
    },
}

/// Whether a date is a working day, and how sure that is (`None`: outside the years held, the
/// weekends-only rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DayInfo {
    /// True when the date is a working day.
    pub working: bool,
    /// The basis of the date's year.
    pub basis: Option<Basis>,
}

/// The result of a working-day step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shifted {
    /// The date the step ends on; serialized as `YYYY-MM-DD`.
    pub date: NaiveDate,
    /// True when a day counted (after the start up to `date`) lay outside the years held.
    pub weekends_only: bool,
    /// The weakest basis of the days counted (of the start itself for zero days); `None` when
    /// every day lay outside the years held.
    pub basis: Option<Basis>,
}

/// A count of working days over a stretch of dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    /// Working days `d` with `from < d <= to`.
    pub days: u32,
    /// True when a day of the stretch lay outside the years held.
    pub weekends_only: bool,
    /// The weakest basis of the days of the stretch.
    pub basis: Option<Basis>,
}

/// A day listed by `fanplan calendar`: off, or a make-up working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A day off.
    Off,
    /// A make-up working day (调休).
    Work,
}

impl Kind {
    /// The snake_case name used in JSON and CSV.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Off => "off",
            Kind::Work => "work",
        }
    }
}

/// One listed day of a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The date.
    pub date: NaiveDate,
    /// Off or working.
    pub kind: Kind,
    /// The holiday it belongs to (元旦, 春节, …).
    pub name: String,
    /// How sure it is.
    pub basis: Basis,
}

/// A year's days off and make-up working days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearListing {
    /// The year.
    pub year: i32,
    /// The basis of every day of it.
    pub basis: Basis,
    /// The notice it comes from, when known.
    pub source: Option<String>,
    /// The days, in date order.
    pub days: Vec<Entry>,
}

/// The working-day calendar: embedded official years, the user's years over them, provisional
/// years for the rest of [`FIRST_YEAR`]..=[`LAST_YEAR`].
#[derive(Debug)]
pub struct Calendar {
    data: BTreeMap<i32, (Basis, YearData)>,
    tables: Vec<OnceLock<Option<YearTable>>>,
}

/// Builds a date in a `const` context. Only used with literal, valid dates, so a bad argument
/// is a compile-time error, never a runtime panic.
const fn ymd_const(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("invalid constant date"),
    }
}

/// The last day before the years held.
const BEFORE_FIRST: NaiveDate = ymd_const(FIRST_YEAR - 1, 12, 31);

/// The first and last dates of the years held ([`FIRST_YEAR`]-01-01, [`LAST_YEAR`]-12-31);
/// outside them weekends alone count.
pub fn coverage() -> (NaiveDate, NaiveDate) {
    (ymd_const(FIRST_YEAR, 1, 1), ymd_const(LAST_YEAR, 12, 31))
}

fn from_ce(days: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(days).ok()?)
}

fn ce(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce())
}

/// Monday to Friday, for a day as days from the Common Era (day 1, 0001-01-01, a Monday).
fn is_weekday_ce(day: i64) -> bool {
    (day - 1).rem_euclid(7) < 5
}

/// The `n`-th Monday-to-Friday day after `cursor` (`n` ≥ 1).
fn nth_weekday(cursor: i64, n: u32) -> i64 {
    let weeks = i64::from((n - 1) / 5);
    let mut day = cursor + 7 * weeks;
    let mut left = n - 5 * ((n - 1) / 5);
    while left > 0 {
        day += 1;
        if is_weekday_ce(day) {
            left -= 1;
        }
    }
    day
}

/// Monday-to-Friday days `d` with `lo < d <= hi`.
fn weekdays_between(lo: i64, hi: i64) -> u64 {
    if hi <= lo {
        return 0;
    }
    let days = hi - lo;
    let tail = (1..=days % 7).filter(|k| is_weekday_ce(lo + k)).count() as u64;
    u64::try_from(days / 7).unwrap_or(0) * 5 + tail
}

impl Calendar {
    /// The embedded official data, provisional years elsewhere.
    pub fn embedded() -> Result<Calendar, FileError> {
        let years = file::parse(EMBEDDED)?;
        let data = years
            .into_iter()
            .map(|y| (y.year, (Basis::Official, y)))
            .collect();
        let tables = (FIRST_YEAR..=LAST_YEAR).map(|_| OnceLock::new()).collect();
        Ok(Calendar { data, tables })
    }

    /// This calendar with the years of a user's file (its text) replacing its own.
    pub fn with_user(mut self, text: &str) -> Result<Calendar, FileError> {
        for y in file::parse(text)? {
            self.data.insert(y.year, (Basis::User, y));
        }
        self.tables = (FIRST_YEAR..=LAST_YEAR).map(|_| OnceLock::new()).collect();
        Ok(self)
    }

    /// The holidays of a held year, with their basis and source.
    fn holidays(&self, year: i32) -> Option<(Basis, Option<String>, Vec<Holiday>)> {
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            return None;
        }
        match self.data.get(&year) {
            Some((basis, y)) => Some((*basis, y.source.clone(), y.holidays.clone())),
            None => provisional::holidays(year).map(|h| (Basis::Provisional, None, h)),
        }
    }

    fn table(&self, year: i32) -> Option<&YearTable> {
        let slot = self.tables.get(usize::try_from(year - FIRST_YEAR).ok()?)?;
        slot.get_or_init(|| {
            let (basis, _, holidays) = self.holidays(year)?;
            let off = holidays.iter().flat_map(|h| h.off.iter().copied());
            let work = holidays.iter().flat_map(|h| h.work.iter().copied());
            YearTable::build(year, basis, off, work)
        })
        .as_ref()
    }

    /// The basis of a year; `None` outside the years held.
    pub fn basis_of_year(&self, year: i32) -> Option<Basis> {
        self.table(year).map(|t| t.basis)
    }

    /// The years in `from..=to` (by their dates) whose days are provisional.
    pub fn provisional_years(&self, from: NaiveDate, to: NaiveDate) -> Vec<i32> {
        (from.year()..=to.year())
            .filter(|&y| self.basis_of_year(y) == Some(Basis::Provisional))
            .collect()
    }

    /// A year's days off and make-up working days; `None` outside the years held.
    pub fn listing(&self, year: i32) -> Option<YearListing> {
        let (basis, source, holidays) = self.holidays(year)?;
        let mut days: Vec<Entry> = holidays
            .iter()
            .flat_map(|h| {
                let entry = move |kind| {
                    move |date: &NaiveDate| Entry {
                        date: *date,
                        kind,
                        name: h.name.clone(),
                        basis,
                    }
                };
                h.off
                    .iter()
                    .map(entry(Kind::Off))
                    .chain(h.work.iter().map(entry(Kind::Work)))
            })
            .collect();
        days.sort_by_key(|e| e.date);
        days.dedup_by_key(|e| (e.date, e.kind));
        Some(YearListing {
            year,
            basis,
            source,
            days,
        })
    }

    /// Whether `date` is a working day, and how sure.
    pub fn day_info(&self, date: NaiveDate) -> DayInfo {
        match self.table(date.year()) {
            Some(t) => DayInfo {
                working: t.is_working(date.ordinal0()),
                basis: Some(t.basis),
            },
            None => DayInfo {
                working: is_weekday_ce(ce(date)),
                basis: None,
            },
        }
    }

    /// Whether `date` is a working day.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.day_info(date).working
    }

    /// The first working day on or after `date` (the day itself when it is one).
    pub fn working_day_from(&self, date: NaiveDate) -> Result<Shifted, CalendarError> {
        let info = self.day_info(date);
        if info.working {
            return Ok(Shifted {
                date,
                weekends_only: info.basis.is_none(),
                basis: info.basis,
            });
        }
        let next = self.add_working_days(date, 1)?;
        Ok(Shifted {
            weekends_only: next.weekends_only || info.basis.is_none(),
            basis: info
                .basis
                .map(|b| Basis::weakest(next.basis, b))
                .or(next.basis),
            date: next.date,
        })
    }

    /// The `n`-th working day after `from` (`from` itself is not counted); `n = 0` returns
    /// `from`. Errors when the result would be later than [`NaiveDate::MAX`].
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> Result<Shifted, CalendarError> {
        let overflow = CalendarError::WorkingDaysOverflow { from, days: n };
        if n == 0 {
            return Ok(Shifted {
                date: from,
                weekends_only: false,
                basis: self.day_info(from).basis,
            });
        }
        let max = ce(NaiveDate::MAX);
        let mut cursor = ce(from);
        let mut left = n;
        let mut basis: Option<Basis> = None;
        let mut weekends_only = false;
        loop {
            let next = from_ce(cursor + 1).ok_or_else(|| overflow.clone())?;
            let year = next.year();
            if let Some(t) = self.table(year) {
                basis = Some(Basis::weakest(basis, t.basis));
                match t.nth_from(next.ordinal0(), left) {
                    Ok(day) => {
                        let date = from_ce(i64::from(t.first) + i64::from(day))
                            .ok_or_else(|| overflow.clone())?;
                        return Ok(Shifted {
                            date,
                            weekends_only,
                            basis,
                        });
                    }
                    Err(counted) => {
                        left -= counted;
                        cursor = i64::from(t.first) + i64::from(t.days) - 1;
                    }
                }
            } else {
                weekends_only = true;
                let limit = if year < FIRST_YEAR {
                    ce(BEFORE_FIRST)
                } else {
                    max
                };
                let end = nth_weekday(cursor, left);
                if end <= limit {
                    let date = from_ce(end).ok_or_else(|| overflow.clone())?;
                    return Ok(Shifted {
                        date,
                        weekends_only,
                        basis,
                    });
                }
                if limit == max {
                    return Err(overflow);
                }
                // Fewer than `left` weekdays lie in (cursor, limit], since the n-th is after it.
                left -= u32::try_from(weekdays_between(cursor, limit)).unwrap_or(left - 1);
                cursor = limit;
            }
        }
    }

    /// Working days `d` with `from < d <= to` (0 when `to <= from`), how sure they are, and
    /// whether any lay outside the years held. Consistent with [`Calendar::add_working_days`].
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> Counted {
        let mut count: u64 = 0;
        let mut basis = None;
        let mut weekends_only = false;
        let (mut lo, hi) = (ce(from), ce(to));
        while lo < hi {
            let Some(next) = from_ce(lo + 1) else { break };
            if let Some(t) = self.table(next.year()) {
                let last = (i64::from(t.first) + i64::from(t.days) - 1).min(hi);
                let a = u32::try_from(lo + 1 - i64::from(t.first)).unwrap_or(0);
                let b = u32::try_from(last - i64::from(t.first)).unwrap_or(0);
                count += u64::from(t.count(a, b));
                basis = Some(Basis::weakest(basis, t.basis));
                lo = last;
            } else {
                let limit = if next.year() < FIRST_YEAR {
                    ce(BEFORE_FIRST).min(hi)
                } else {
                    hi
                };
                count += weekdays_between(lo, limit);
                weekends_only = true;
                lo = limit;
            }
        }
        Counted {
            // At most about 1.4e8 working days exist between NaiveDate::MIN and MAX.
            days: u32::try_from(count).unwrap_or(u32::MAX),
            weekends_only,
            basis,
        }
    }
}

/// `from` + `n` calendar days; errors when the result would be later than [`NaiveDate::MAX`].
pub fn add_calendar_days(from: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
    from.checked_add_days(Days::new(u64::from(n)))
        .ok_or(CalendarError::CalendarDaysOverflow { from, days: n })
}

#[cfg(test)]
mod tests;
