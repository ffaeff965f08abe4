//! Working-day calendar for fanplan.
//!
//! Rules D3 and D5 measure some plan steps in working days (工作日). This
//! module decides which dates are working days and does the date arithmetic
//! for those steps.
//!
//! * Working days follow the Chinese statutory holiday calendar, including
//!   its make-up working days (调休, e.g. a Saturday worked to make up for a
//!   holiday). The data come from the `chinese_holiday` crate, which covers
//!   [`COVERAGE_START`]..=[`COVERAGE_END`] (2004-01-01 to 2026-12-25).
//! * For a date outside that range, weekends alone count: Monday to Friday
//!   are working days. Results report when this fallback was used, so the
//!   output can say so.
//! * A step of `n` working days that starts on day `S` ends on the `n`-th
//!   working day after `S` (`S` itself is not counted); a step of `n`
//!   calendar days ends `n` days after `S`.
//!
//! The module is pure: no I/O, no clock, no printing. Nothing in it panics on
//! any input; going past [`NaiveDate::MAX`] is reported as a
//! [`CalendarError`].

use chinese_holiday::DayKind;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;

/// First date covered by the statutory holiday calendar (2004-01-01).
pub const COVERAGE_START: NaiveDate = ymd_const(2004, 1, 1);

/// Last date covered by the statutory holiday calendar (2026-12-25,
/// inclusive). Later dates use the weekends-only fallback.
pub const COVERAGE_END: NaiveDate = ymd_const(2026, 12, 25);

/// The last uncovered date before [`COVERAGE_START`].
const BEFORE_COVERAGE: NaiveDate = ymd_const(2003, 12, 31);

/// Builds a date in a `const` context. Only used with literal, valid dates,
/// so a bad argument is a compile-time error, never a runtime panic.
const fn ymd_const(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("invalid constant date"),
    }
}

/// The inclusive range of dates covered by the statutory holiday calendar:
/// `(COVERAGE_START, COVERAGE_END)`.
pub fn coverage() -> (NaiveDate, NaiveDate) {
    (COVERAGE_START, COVERAGE_END)
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

/// Whether `date` is a working day; `covered` false means the weekends-only
/// fallback (Monday to Friday working) was used because the statutory
/// calendar does not cover the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DayInfo {
    /// True when the date is a working day.
    pub working: bool,
    /// True when the statutory holiday calendar covers the date.
    pub covered: bool,
}

/// The result of a working-day step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shifted {
    /// The date the step ends on; serialized as `YYYY-MM-DD`.
    pub date: NaiveDate,
    /// True when any day examined while counting (the day after the start up
    /// to and including `date`) lay outside the calendar's coverage, so the
    /// weekends-only fallback was used for it.
    pub weekends_only: bool,
}

/// Whether the statutory holiday calendar covers `date`
/// ([`COVERAGE_START`]..=[`COVERAGE_END`]).
pub fn is_covered(date: NaiveDate) -> bool {
    (COVERAGE_START..=COVERAGE_END).contains(&date)
}

/// Maps a statutory day kind to working (true) or non-working (false).
///
/// Every `*Workday` kind is a working day, including the make-up working
/// days (调休) that fall on a Saturday or Sunday; every `*Holiday` kind,
/// including an ordinary weekend (`NormalHoliday`), is not.
fn kind_is_working(kind: DayKind) -> bool {
    match kind {
        DayKind::NormalWorkday
        | DayKind::NewYearsDayWorkday
        | DayKind::SpringFestivalWorkday
        | DayKind::ChingMingFestivalWorkday
        | DayKind::InternationalWorkersDayWorkday
        | DayKind::DragonBoatFestivalWorkday
        | DayKind::MidAutumnFestivalWorkday
        | DayKind::NationalDayWorkday
        | DayKind::OtherWorkday => true,
        DayKind::NormalHoliday
        | DayKind::NewYearsDayHoliday
        | DayKind::SpringFestivalHoliday
        | DayKind::ChingMingFestivalHoliday
        | DayKind::InternationalWorkersDayHoliday
        | DayKind::DragonBoatFestivalHoliday
        | DayKind::MidAutumnFestivalHoliday
        | DayKind::NationalDayHoliday
        | DayKind::OtherHoliday => false,
    }
}

/// The statutory day kind of `date`, or `None` when the calendar does not
/// cover it. Checks coverage first: `chinese_holiday` panics outside it.
fn statutory_kind(date: NaiveDate) -> Option<DayKind> {
    if !is_covered(date) {
        return None;
    }
    let year = u16::try_from(date.year()).ok()?;
    let month = u8::try_from(date.month()).ok()?;
    let day = u8::try_from(date.day()).ok()?;
    Some(chinese_holiday::chinese_holiday((year, month, day)))
}

/// Monday to Friday, the weekends-only fallback rule.
fn is_weekday(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Whether `date` is a working day, and whether the statutory calendar
/// covers it (if not, Monday to Friday count as working days).
pub fn day_info(date: NaiveDate) -> DayInfo {
    match statutory_kind(date) {
        Some(kind) => DayInfo {
            working: kind_is_working(kind),
            covered: true,
        },
        None => DayInfo {
            working: is_weekday(date),
            covered: false,
        },
    }
}

/// Whether `date` is a working day (statutory calendar where covered,
/// Monday to Friday otherwise).
pub fn is_working_day(date: NaiveDate) -> bool {
    day_info(date).working
}

/// `from` + `n` calendar days.
///
/// Errors with [`CalendarError::CalendarDaysOverflow`] when the result would
/// be later than [`NaiveDate::MAX`].
pub fn add_calendar_days(from: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
    from.checked_add_days(Days::new(u64::from(n)))
        .ok_or(CalendarError::CalendarDaysOverflow { from, days: n })
}

/// The `n`-th working day after `from` (`from` itself is not counted).
/// `n = 0` returns `from` with `weekends_only` false.
///
/// `weekends_only` is true when any day in `from + 1 ..= date` lay outside
/// the calendar's coverage. Errors with
/// [`CalendarError::WorkingDaysOverflow`] when the result would be later
/// than [`NaiveDate::MAX`]. Runs in time proportional to the covered days
/// crossed plus a constant: uncovered stretches are skipped a week at a time.
pub fn add_working_days(from: NaiveDate, n: u32) -> Result<Shifted, CalendarError> {
    let overflow = CalendarError::WorkingDaysOverflow { from, days: n };
    let mut cursor = from;
    let mut remaining = n;
    let mut weekends_only = false;
    while remaining > 0 {
        // Fast path: any 7 consecutive uncovered days hold exactly 5 working
        // days, so whole weeks of an uncovered stretch can be skipped while
        // more than 5 working days remain.
        let skippable_days: Option<i64> = if cursor >= COVERAGE_END {
            Some(i64::MAX)
        } else if cursor < BEFORE_COVERAGE {
            // Skipped days (cursor, cursor + 7w] must stay <= BEFORE_COVERAGE.
            Some(BEFORE_COVERAGE.signed_duration_since(cursor).num_days())
        } else {
            None
        };
        if let Some(limit) = skippable_days {
            let weeks = u64::from((remaining - 1) / 5).min(u64::try_from(limit / 7).unwrap_or(0));
            if weeks > 0 {
                cursor = cursor
                    .checked_add_days(Days::new(weeks * 7))
                    .ok_or_else(|| overflow.clone())?;
                // weeks <= (remaining - 1) / 5, so this fits and does not underflow.
                let skipped = u32::try_from(weeks * 5).unwrap_or(remaining);
                remaining = remaining.saturating_sub(skipped);
                weekends_only = true;
                continue;
            }
        }
        cursor = cursor.succ_opt().ok_or_else(|| overflow.clone())?;
        let info = day_info(cursor);
        if !info.covered {
            weekends_only = true;
        }
        if info.working {
            remaining -= 1;
        }
    }
    Ok(Shifted {
        date: cursor,
        weekends_only,
    })
}

/// Number of Monday-to-Friday days `d` with `lo < d <= hi` (0 when
/// `hi <= lo`). Pure arithmetic, no date stepping, so it cannot overflow.
fn weekdays_between(lo: NaiveDate, hi: NaiveDate) -> u64 {
    let days = hi.signed_duration_since(lo).num_days();
    let Ok(days) = u64::try_from(days) else {
        return 0;
    };
    let full_weeks = days / 7;
    let start = u64::from(lo.weekday().num_days_from_monday());
    let tail = (1..=days % 7)
        .filter(|offset| (start + offset) % 7 < 5)
        .count() as u64;
    full_weeks * 5 + tail
}

/// Number of working days `d` with `from < d <= to` (0 when `to <= from`),
/// and whether any day in that range was outside coverage (so the
/// weekends-only fallback was used for it).
///
/// Consistent with [`add_working_days`]: for every `n`,
/// `working_days_between(from, add_working_days(from, n)?.date)` is
/// `(n, weekends_only)`.
pub fn working_days_between(from: NaiveDate, to: NaiveDate) -> (u32, bool) {
    if to <= from {
        return (0, false);
    }
    let mut count: u64 = 0;
    let mut fallback = false;

    // Uncovered days before the calendar starts.
    let hi = to.min(BEFORE_COVERAGE);
    if hi > from {
        count += weekdays_between(from, hi);
        fallback = true;
    }

    // Covered days.
    let lo = from.max(BEFORE_COVERAGE);
    let hi = to.min(COVERAGE_END);
    if hi > lo {
        count += lo
            .iter_days()
            .skip(1)
            .take_while(|day| *day <= hi)
            .filter(|day| is_working_day(*day))
            .count() as u64;
    }

    // Uncovered days after the calendar ends.
    let lo = from.max(COVERAGE_END);
    if to > lo {
        count += weekdays_between(lo, to);
        fallback = true;
    }

    // At most about 1.4e8 working days exist between NaiveDate::MIN and MAX.
    (u32::try_from(count).unwrap_or(u32::MAX), fallback)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("valid test date")
    }

    fn shifted(date: NaiveDate, weekends_only: bool) -> Result<Shifted, CalendarError> {
        Ok(Shifted {
            date,
            weekends_only,
        })
    }

    /// Day-by-day reference for `add_working_days`, without the fast path.
    fn reference_add(from: NaiveDate, n: u32) -> Option<Shifted> {
        let mut cursor = from;
        let mut remaining = n;
        let mut weekends_only = false;
        while remaining > 0 {
            cursor = cursor.succ_opt()?;
            let info = day_info(cursor);
            weekends_only |= !info.covered;
            if info.working {
                remaining -= 1;
            }
        }
        Some(Shifted {
            date: cursor,
            weekends_only,
        })
    }

    #[test]
    fn coverage_bounds_match_the_crate_data() {
        assert_eq!(coverage(), (d(2004, 1, 1), d(2026, 12, 25)));
        assert!(is_covered(d(2004, 1, 1)));
        assert!(!is_covered(d(2003, 12, 31)));
        assert!(is_covered(d(2026, 12, 25)));
        assert!(!is_covered(d(2026, 12, 26)));
        assert!(!day_info(d(2026, 12, 28)).covered);
        assert!(day_info(d(2026, 12, 25)).covered);
    }

    #[test]
    fn day_kind_mapping_matches_workday_kinds() {
        let all = [
            DayKind::NormalWorkday,
            DayKind::NormalHoliday,
            DayKind::NewYearsDayHoliday,
            DayKind::NewYearsDayWorkday,
            DayKind::SpringFestivalHoliday,
            DayKind::SpringFestivalWorkday,
            DayKind::ChingMingFestivalHoliday,
            DayKind::ChingMingFestivalWorkday,
            DayKind::InternationalWorkersDayHoliday,
            DayKind::InternationalWorkersDayWorkday,
            DayKind::DragonBoatFestivalHoliday,
            DayKind::DragonBoatFestivalWorkday,
            DayKind::MidAutumnFestivalHoliday,
            DayKind::MidAutumnFestivalWorkday,
            DayKind::NationalDayHoliday,
            DayKind::NationalDayWorkday,
            DayKind::OtherHoliday,
            DayKind::OtherWorkday,
        ];
        for kind in all {
            assert_eq!(kind_is_working(kind), kind.is_workday(), "{kind:?}");
            assert_ne!(kind_is_working(kind), kind.is_holiday(), "{kind:?}");
        }
    }

    #[test]
    fn spring_festival_2026_break_is_skipped() {
        // 2026-02-15 (Sun) ..= 2026-02-23 (Mon) is the Spring Festival break.
        for day in 15..=23 {
            let info = day_info(d(2026, 2, day));
            assert_eq!(
                info,
                DayInfo {
                    working: false,
                    covered: true
                },
                "2026-02-{day}"
            );
        }
        // Saturday 2026-02-14 is a make-up working day; the next working day
        // after it is Tuesday 2026-02-24.
        assert_eq!(
            add_working_days(d(2026, 2, 14), 1),
            shifted(d(2026, 2, 24), false)
        );
        assert_eq!(
            add_working_days(d(2026, 2, 13), 2),
            shifted(d(2026, 2, 24), false)
        );
        // Feb 14, 24, 25, 26, 27 and the make-up Saturday Feb 28.
        assert_eq!(
            working_days_between(d(2026, 2, 13), d(2026, 2, 28)),
            (6, false)
        );
    }

    #[test]
    fn makeup_days_2026_are_working_days() {
        // 调休: Jan 4 (Sun), Feb 14 (Sat), Feb 28 (Sat), May 9 (Sat),
        // Sep 20 (Sun), Oct 10 (Sat).
        for date in [
            d(2026, 1, 4),
            d(2026, 2, 14),
            d(2026, 2, 28),
            d(2026, 5, 9),
            d(2026, 9, 20),
            d(2026, 10, 10),
        ] {
            assert!(!is_weekday(date), "{date} is a weekend day");
            assert_eq!(
                day_info(date),
                DayInfo {
                    working: true,
                    covered: true
                },
                "{date}"
            );
        }
        // The make-up Saturday is the next working day after Friday.
        assert_eq!(
            add_working_days(d(2026, 2, 27), 1),
            shifted(d(2026, 2, 28), false)
        );
        assert_eq!(
            add_working_days(d(2026, 5, 8), 1),
            shifted(d(2026, 5, 9), false)
        );
        // A normal Saturday nearby is not.
        assert!(!is_working_day(d(2026, 5, 16)));
    }

    #[test]
    fn national_day_2026_is_skipped() {
        for day in 1..=7 {
            assert!(!is_working_day(d(2026, 10, day)), "2026-10-0{day}");
        }
        assert!(is_working_day(d(2026, 10, 8)));
        assert_eq!(
            add_working_days(d(2026, 9, 30), 1),
            shifted(d(2026, 10, 8), false)
        );
        assert_eq!(
            add_working_days(d(2026, 9, 30), 2),
            shifted(d(2026, 10, 9), false)
        );
        // Saturday Oct 10 is a make-up working day.
        assert_eq!(
            add_working_days(d(2026, 9, 30), 3),
            shifted(d(2026, 10, 10), false)
        );
        assert_eq!(
            add_working_days(d(2026, 9, 30), 4),
            shifted(d(2026, 10, 12), false)
        );
        // Mid-Autumn Festival 2026-09-25 ..= 09-27.
        assert_eq!(
            add_working_days(d(2026, 9, 24), 1),
            shifted(d(2026, 9, 28), false)
        );
        assert_eq!(
            working_days_between(d(2026, 9, 30), d(2026, 10, 10)),
            (3, false)
        );
    }

    #[test]
    fn ordinary_weekend_is_skipped() {
        // 2026-03-06 is a Friday; 03-07/08 an ordinary weekend.
        assert!(!is_working_day(d(2026, 3, 7)));
        assert!(!is_working_day(d(2026, 3, 8)));
        assert_eq!(
            add_working_days(d(2026, 3, 6), 1),
            shifted(d(2026, 3, 9), false)
        );
        assert_eq!(
            add_working_days(d(2026, 3, 6), 5),
            shifted(d(2026, 3, 13), false)
        );
        assert_eq!(
            working_days_between(d(2026, 3, 6), d(2026, 3, 9)),
            (1, false)
        );
        assert_eq!(
            working_days_between(d(2026, 3, 6), d(2026, 3, 8)),
            (0, false)
        );
    }

    #[test]
    fn start_day_is_not_counted() {
        // Monday 2026-03-09 is a working day, but a 1-day step ends Tuesday.
        assert!(is_working_day(d(2026, 3, 9)));
        assert_eq!(
            add_working_days(d(2026, 3, 9), 1),
            shifted(d(2026, 3, 10), false)
        );
        // Starting on a holiday: the first working day after it.
        assert_eq!(
            add_working_days(d(2026, 2, 15), 1),
            shifted(d(2026, 2, 24), false)
        );
        assert_eq!(
            working_days_between(d(2026, 3, 9), d(2026, 3, 9)),
            (0, false)
        );
        assert_eq!(
            working_days_between(d(2026, 3, 9), d(2026, 3, 10)),
            (1, false)
        );
    }

    #[test]
    fn zero_days_returns_the_start() {
        assert_eq!(
            add_working_days(d(2026, 2, 16), 0),
            shifted(d(2026, 2, 16), false)
        );
        // No day is examined, so no fallback even outside coverage.
        assert_eq!(
            add_working_days(d(2030, 1, 5), 0),
            shifted(d(2030, 1, 5), false)
        );
        assert_eq!(add_calendar_days(d(2026, 2, 16), 0), Ok(d(2026, 2, 16)));
        assert_eq!(
            working_days_between(d(2030, 1, 5), d(2030, 1, 1)),
            (0, false)
        );
    }

    #[test]
    fn calendar_days_ignore_holidays() {
        assert_eq!(add_calendar_days(d(2026, 2, 13), 10), Ok(d(2026, 2, 23)));
        assert_eq!(add_calendar_days(d(2026, 12, 31), 1), Ok(d(2027, 1, 1)));
        assert_eq!(add_calendar_days(d(2024, 2, 28), 1), Ok(d(2024, 2, 29)));
    }

    #[test]
    fn crossing_coverage_end_falls_back_to_weekends() {
        // 2026-12-25 (Fri) is the last covered day.
        assert_eq!(
            add_working_days(d(2026, 12, 24), 1),
            shifted(d(2026, 12, 25), false)
        );
        // Dec 26/27 are an uncovered weekend; Mon Dec 28 is the 2nd day.
        assert_eq!(
            add_working_days(d(2026, 12, 24), 2),
            shifted(d(2026, 12, 28), true)
        );
        // Dec 25, 28, 29, 30, 31, then Fri 2027-01-01 counts as a working day
        // under the fallback, then Jan 4, 5, 6, 7.
        assert_eq!(
            add_working_days(d(2026, 12, 24), 10),
            shifted(d(2027, 1, 7), true)
        );
        assert!(is_working_day(d(2027, 1, 1)));
        assert!(!day_info(d(2027, 1, 1)).covered);
        assert!(!is_working_day(d(2027, 1, 2)));
        assert_eq!(
            working_days_between(d(2026, 12, 24), d(2027, 1, 7)),
            (10, true)
        );
        assert_eq!(
            working_days_between(d(2026, 12, 24), d(2026, 12, 25)),
            (1, false)
        );
    }

    #[test]
    fn far_future_uses_weekends_only() {
        // 2030-01-04 is a Friday; 1000 Mon-Fri days = 200 weeks later.
        assert_eq!(
            add_working_days(d(2030, 1, 4), 1000),
            shifted(d(2030, 1, 4) + chrono::Duration::days(1400), true)
        );
        assert_eq!(
            working_days_between(d(2030, 1, 4), d(2030, 1, 11)),
            (5, true)
        );
    }

    #[test]
    fn dates_before_2004_fall_back_to_weekends() {
        // 1999-10-01 (Fri) was a holiday in reality but is uncovered here.
        assert_eq!(
            day_info(d(1999, 10, 1)),
            DayInfo {
                working: true,
                covered: false
            }
        );
        assert_eq!(
            add_working_days(d(2003, 12, 30), 1),
            shifted(d(2003, 12, 31), true)
        );
        // 2004-01-01 is New Year's Day (covered, holiday): from 2003-12-31
        // the next working day is Fri 2004-01-02, and only covered days were
        // examined.
        assert_eq!(
            add_working_days(d(2003, 12, 31), 1),
            shifted(d(2004, 1, 2), false)
        );
        // Crossing into coverage: Dec 31 (Wed, fallback), Jan 2 (Fri).
        assert_eq!(
            add_working_days(d(2003, 12, 30), 2),
            shifted(d(2004, 1, 2), true)
        );
        assert_eq!(
            working_days_between(d(2003, 12, 30), d(2004, 1, 2)),
            (2, true)
        );
        // Far in the past: 1900-01-05 is a Friday.
        assert_eq!(
            add_working_days(d(1900, 1, 5), 500),
            shifted(d(1900, 1, 5) + chrono::Duration::days(700), true)
        );
    }

    #[test]
    fn overflow_near_max_is_an_error() {
        let max = NaiveDate::MAX;
        assert_eq!(
            add_working_days(max, 1),
            Err(CalendarError::WorkingDaysOverflow { from: max, days: 1 })
        );
        let near = max - chrono::Duration::days(10);
        assert!(add_working_days(near, 100).is_err());
        assert!(add_working_days(near, u32::MAX).is_err());
        assert!(add_working_days(NaiveDate::MIN, u32::MAX).is_err());
        assert_eq!(add_working_days(max, 0), shifted(max, false));
        assert_eq!(
            add_calendar_days(max, 1),
            Err(CalendarError::CalendarDaysOverflow { from: max, days: 1 })
        );
        assert!(add_calendar_days(max - chrono::Duration::days(5), u32::MAX).is_err());
        assert_eq!(
            add_calendar_days(max - chrono::Duration::days(1), 1),
            Ok(max)
        );
        let message = add_working_days(max, 1)
            .err()
            .map(|error| error.to_string())
            .unwrap_or_default();
        assert!(message.contains("overflow"), "{message}");
        assert!(message.contains("working days"), "{message}");
    }

    #[test]
    fn whole_date_range_does_not_panic() {
        let (count, fallback) = working_days_between(NaiveDate::MIN, NaiveDate::MAX);
        assert!(fallback);
        let days = NaiveDate::MAX
            .signed_duration_since(NaiveDate::MIN)
            .num_days();
        let expected = days * 5 / 7;
        assert!(
            (i64::from(count) - expected).abs() < 10_000,
            "{count} vs {expected}"
        );
        // A large step from a real date finishes and round-trips.
        let result = add_working_days(d(2020, 1, 1), 100_000).expect("in range");
        assert!(result.weekends_only);
        assert_eq!(
            working_days_between(d(2020, 1, 1), result.date),
            (100_000, true)
        );
    }

    fn date_from_offset(base: NaiveDate, offset: u32) -> NaiveDate {
        base.checked_add_days(Days::new(u64::from(offset)))
            .expect("offset in range")
    }

    proptest! {
        #[test]
        fn between_inverts_add_2004_to_2030(offset in 0u32..9497, n in 0u32..400) {
            // 9497 days from 2004-01-01 reaches 2029-12-31.
            let from = date_from_offset(d(2004, 1, 1), offset);
            prop_assert!(from < d(2030, 1, 1));
            let shifted = add_working_days(from, n).expect("in range");
            prop_assert_eq!(working_days_between(from, shifted.date), (n, shifted.weekends_only));
            if n > 0 {
                prop_assert!(is_working_day(shifted.date));
                prop_assert!(shifted.date > from);
            } else {
                prop_assert_eq!(shifted.date, from);
            }
        }

        #[test]
        fn fast_path_matches_day_by_day(offset in 0u32..60_000, n in 0u32..3_000) {
            // From 1950-01-01 to about 2114: before, inside and after coverage.
            let from = date_from_offset(d(1950, 1, 1), offset);
            let expected = reference_add(from, n);
            prop_assert_eq!(add_working_days(from, n).ok(), expected);
        }

        #[test]
        fn between_matches_day_by_day(offset in 0u32..30_000, span in 0u32..5_000) {
            // From 1990-01-01 to about 2085.
            let from = date_from_offset(d(1990, 1, 1), offset);
            let to = date_from_offset(from, span);
            let mut count = 0u32;
            let mut fallback = false;
            for day in from.iter_days().skip(1).take_while(|day| *day <= to) {
                let info = day_info(day);
                fallback |= !info.covered;
                count += u32::from(info.working);
            }
            prop_assert_eq!(working_days_between(from, to), (count, fallback));
        }
    }
}
