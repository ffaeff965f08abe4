use super::*;
use proptest::prelude::*;

fn d(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

fn owned() -> Calendar {
    Calendar::embedded().unwrap_or_else(|e| panic!("embedded data: {e}"))
}

/// One calendar shared by the tests, so provisional years are computed once.
fn cal() -> &'static Calendar {
    static CAL: OnceLock<Calendar> = OnceLock::new();
    CAL.get_or_init(owned)
}

fn shifted(date: NaiveDate, weekends_only: bool, basis: Option<Basis>) -> Shifted {
    Shifted {
        date,
        weekends_only,
        basis,
    }
}

fn add(c: &Calendar, from: NaiveDate, n: u32) -> Shifted {
    c.add_working_days(from, n)
        .unwrap_or_else(|e| panic!("{from} + {n}: {e}"))
}

/// Day-by-day reference for `add_working_days`.
fn reference_add(c: &Calendar, from: NaiveDate, n: u32) -> Option<Shifted> {
    let mut cursor = from;
    let mut left = n;
    let mut weekends_only = false;
    let mut basis = if n == 0 { c.day_info(from).basis } else { None };
    while left > 0 {
        cursor = cursor.succ_opt()?;
        let info = c.day_info(cursor);
        match info.basis {
            Some(b) => basis = Some(Basis::weakest(basis, b)),
            None => weekends_only = true,
        }
        if info.working {
            left -= 1;
        }
    }
    Some(shifted(cursor, weekends_only, basis))
}

#[test]
fn embedded_data_agrees_with_chinese_holiday() {
    // The crate's data covers 2004-01-01 to 2026-12-25; it panics outside.
    let c = cal();
    let (first, last) = (d(2004, 1, 1), d(2026, 12, 25));
    for date in first.iter_days().take_while(|x| *x <= last) {
        let kind = chinese_holiday::chinese_holiday((
            date.year() as u16,
            date.month() as u8,
            date.day() as u8,
        ));
        let info = c.day_info(date);
        assert_eq!(info.working, kind.is_workday(), "{date}: {kind:?}");
        assert_eq!(info.basis, Some(Basis::Official), "{date}");
    }
    for year in 2004..=2026 {
        let listing = c.listing(year).unwrap_or_else(|| panic!("{year}"));
        assert!(listing
            .source
            .is_some_and(|s| s.contains("部分节假日安排的通知")));
    }
}

#[test]
fn spring_festival_2026_and_makeup_days() {
    let c = cal();
    for day in 15..=23 {
        assert!(!c.is_working_day(d(2026, 2, day)), "2026-02-{day}");
    }
    let official = Some(Basis::Official);
    assert_eq!(
        add(c, d(2026, 2, 14), 1),
        shifted(d(2026, 2, 24), false, official)
    );
    assert_eq!(
        add(c, d(2026, 2, 13), 2),
        shifted(d(2026, 2, 24), false, official)
    );
    // 调休: Saturday 02-28 is worked.
    assert_eq!(
        add(c, d(2026, 2, 27), 1),
        shifted(d(2026, 2, 28), false, official)
    );
    assert_eq!(
        c.working_days_between(d(2026, 2, 13), d(2026, 2, 28)).days,
        6
    );
    // The start day is not counted.
    assert_eq!(add(c, d(2026, 3, 9), 1).date, d(2026, 3, 10));
    assert_eq!(add(c, d(2026, 3, 6), 5).date, d(2026, 3, 13));
}

#[test]
fn new_year_2027_is_a_provisional_holiday() {
    // The issue's example: 2026-12-31 + 1 working day is Monday 2027-01-04.
    let c = cal();
    assert_eq!(
        add(c, d(2026, 12, 31), 1),
        shifted(d(2027, 1, 4), false, Some(Basis::Provisional))
    );
    // Inside 2026 alone the answer stays official.
    assert_eq!(add(c, d(2026, 12, 24), 1).basis, Some(Basis::Official));
    assert_eq!(
        c.provisional_years(d(2026, 1, 1), d(2028, 3, 1)),
        vec![2027, 2028]
    );
    // The Spring Festival of 2027: 02-05 to 02-10 off (Sat/Sun moved to Tue/Wed).
    assert_eq!(add(c, d(2027, 2, 4), 1).date, d(2027, 2, 11));
}

#[test]
fn user_years_replace_embedded_and_provisional_ones() {
    let text = r#"
[[years]]
year = 2027
source = "国务院办公厅关于2027年部分节假日安排的通知 (test)"

[[years.holidays]]
name = "元旦"
off = ["2027-01-01..2027-01-03"]
work = []

[[years.holidays]]
name = "春节"
off = ["2027-02-05..2027-02-12"]
work = ["2027-02-14"]

[[years]]
year = 2026
[[years.holidays]]
name = "测试"
off = ["2026-12-31"]
"#;
    let c = &owned().with_user(text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.basis_of_year(2027), Some(Basis::User));
    assert_eq!(c.basis_of_year(2026), Some(Basis::User));
    assert_eq!(c.basis_of_year(2028), Some(Basis::Provisional));
    // 2026's Spring Festival is gone with the embedded year: 02-16 is a Monday worked.
    assert!(c.is_working_day(d(2026, 2, 16)));
    assert!(!c.is_working_day(d(2026, 12, 31)));
    assert_eq!(
        add(c, d(2026, 12, 30), 1),
        shifted(d(2027, 1, 4), false, Some(Basis::User))
    );
    // Sunday 02-14 is a make-up working day of the user's notice.
    assert_eq!(add(c, d(2027, 2, 4), 1).date, d(2027, 2, 14));
    assert_eq!(add(c, d(2027, 2, 4), 2).date, d(2027, 2, 15));
    let listing = c.listing(2027).unwrap_or_else(|| panic!("2027"));
    assert_eq!(listing.basis, Basis::User);
    assert!(listing
        .days
        .iter()
        .any(|e| e.date == d(2027, 2, 14) && e.kind == Kind::Work && e.name == "春节"));
}

#[test]
fn a_bad_user_file_names_line_and_key() {
    let e = owned()
        .with_user(
            "[[years]]\nyear = 2027\n[[years.holidays]]\nname = \"x\"\nwork = [\"2028-01-01\"]\n",
        )
        .err()
        .unwrap_or_else(|| panic!("accepted"));
    assert_eq!((e.line, e.key.as_str()), (5, "work"));
}

#[test]
fn office_day_from_a_weekend_or_holiday() {
    let c = cal();
    // Sunday 2026-03-08 -> Monday 03-09; a working day stays.
    assert_eq!(
        c.working_day_from(d(2026, 3, 8)).map(|s| s.date),
        Ok(d(2026, 3, 9))
    );
    assert_eq!(
        c.working_day_from(d(2026, 3, 9)).map(|s| s.date),
        Ok(d(2026, 3, 9))
    );
    // 2027-10-01 (provisional National Day) -> Wednesday 10-06.
    assert_eq!(
        c.working_day_from(d(2027, 10, 1)).map(|s| s.date),
        Ok(d(2027, 10, 6))
    );
}

#[test]
fn outside_the_years_held_weekends_alone_count() {
    let c = cal();
    assert_eq!(c.day_info(d(1900, 10, 1)).basis, None);
    // 2300-01-05 is a Friday; 1000 Mon-Fri days = 200 weeks later.
    assert_eq!(
        add(c, d(2300, 1, 5), 1000),
        shifted(d(2300, 1, 5) + chrono::Duration::days(1400), true, None)
    );
    // From 1900 into 1901 (provisional).
    let s = add(c, d(1900, 12, 28), 3);
    assert!(s.weekends_only);
    assert_eq!(s.basis, Some(Basis::Provisional));
    assert_eq!(
        add(c, d(2030, 1, 5), 0),
        shifted(d(2030, 1, 5), false, Some(Basis::Provisional))
    );
}

#[test]
fn overflow_near_max_is_an_error() {
    let c = cal();
    let max = NaiveDate::MAX;
    assert_eq!(
        c.add_working_days(max, 1),
        Err(CalendarError::WorkingDaysOverflow { from: max, days: 1 })
    );
    assert!(c
        .add_working_days(max - chrono::Duration::days(10), 100)
        .is_err());
    assert!(c.add_working_days(NaiveDate::MIN, u32::MAX).is_err());
    assert_eq!(
        add_calendar_days(max, 1),
        Err(CalendarError::CalendarDaysOverflow { from: max, days: 1 })
    );
    assert_eq!(add_calendar_days(d(2026, 2, 13), 10), Ok(d(2026, 2, 23)));
}

#[test]
fn whole_date_range_does_not_panic() {
    let c = cal();
    let counted = c.working_days_between(NaiveDate::MIN, NaiveDate::MAX);
    assert!(counted.weekends_only);
    let days = NaiveDate::MAX
        .signed_duration_since(NaiveDate::MIN)
        .num_days();
    assert!((i64::from(counted.days) - days * 5 / 7).abs() < 10_000);
    let result = add(c, d(2020, 1, 1), 100_000);
    assert!(result.weekends_only);
    assert_eq!(
        c.working_days_between(d(2020, 1, 1), result.date).days,
        100_000
    );
}

proptest! {
    #[test]
    fn add_matches_day_by_day(offset in 0u32..120_000, n in 0u32..3_000) {
        // From 1850-01-01 to about 2178: before, inside and across the years held.
        let c = cal();
        let from = d(1850, 1, 1) + chrono::Duration::days(i64::from(offset));
        prop_assert_eq!(c.add_working_days(from, n).ok(), reference_add(c, from, n));
    }

    #[test]
    fn between_inverts_add(offset in 0u32..120_000, n in 0u32..800) {
        let c = cal();
        let from = d(1850, 1, 1) + chrono::Duration::days(i64::from(offset));
        let s = c.add_working_days(from, n).unwrap_or_else(|e| panic!("{e}"));
        let counted = c.working_days_between(from, s.date);
        prop_assert_eq!(counted.days, n);
        prop_assert_eq!(counted.weekends_only, s.weekends_only);
        if n > 0 {
            prop_assert_eq!(counted.basis, s.basis);
            prop_assert!(c.is_working_day(s.date));
        }
    }
}
