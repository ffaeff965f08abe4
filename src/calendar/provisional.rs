//! Provisional holidays for a year with neither official nor user data: the statutory days of
//! 全国年节及纪念日放假办法 as revised in 2024 — 元旦 1 day; 春节 4 days (除夕, 正月初一 to
//! 初三); 清明 1 day, the 清明 solar term; 劳动节 May 1–2; 端午 五月初五; 中秋 八月十五; 国庆
//! October 1–3. A statutory day on a Saturday or Sunday is moved to the next working day (补假);
//! a day that is two statutory days at once (中秋 inside 国庆) counts twice, its second day moved
//! the same way, as in 2020. Make-up Saturdays cannot be predicted and are not invented.
//!
//! Lunar dates and the solar term come from `tyme4rs` (寿星天文历 algorithms).

use super::file::Holiday;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use tyme4rs::tyme::lunar::LunarDay;
use tyme4rs::tyme::solar::{SolarDay, SolarTerm};

/// 元旦.
pub const NEW_YEAR: &str = "元旦";
/// 春节.
pub const SPRING_FESTIVAL: &str = "春节";
/// 清明节.
pub const QINGMING: &str = "清明节";
/// 劳动节.
pub const LABOUR_DAY: &str = "劳动节";
/// 端午节.
pub const DRAGON_BOAT: &str = "端午节";
/// 中秋节.
pub const MID_AUTUMN: &str = "中秋节";
/// 国庆节.
pub const NATIONAL_DAY: &str = "国庆节";

fn date_of(day: SolarDay) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        i32::try_from(day.get_year()).ok()?,
        u32::try_from(day.get_month()).ok()?,
        u32::try_from(day.get_day()).ok()?,
    )
}

fn lunar(year: i32, month: isize, day: usize) -> Option<NaiveDate> {
    LunarDay::new(year as isize, month, day)
        .ok()
        .and_then(|d| date_of(d.get_solar_day()))
}

/// The statutory days of `year` (a date twice when two holidays fall on it), by name.
fn statutory(year: i32) -> Option<Vec<(NaiveDate, &'static str)>> {
    let ymd = |m, d| NaiveDate::from_ymd_opt(year, m, d);
    let new_year = lunar(year, 1, 1)?;
    let eve = new_year.pred_opt()?;
    let qingming = date_of(SolarTerm::new(year as isize, "清明").ok()?.get_solar_day())?;
    let mut days = vec![
        (ymd(1, 1)?, NEW_YEAR),
        (eve, SPRING_FESTIVAL),
        (new_year, SPRING_FESTIVAL),
        (new_year.checked_add_days(Days::new(1))?, SPRING_FESTIVAL),
        (new_year.checked_add_days(Days::new(2))?, SPRING_FESTIVAL),
        (qingming, QINGMING),
        (ymd(5, 1)?, LABOUR_DAY),
        (ymd(5, 2)?, LABOUR_DAY),
        (lunar(year, 5, 5)?, DRAGON_BOAT),
        (lunar(year, 8, 15)?, MID_AUTUMN),
        (ymd(10, 1)?, NATIONAL_DAY),
        (ymd(10, 2)?, NATIONAL_DAY),
        (ymd(10, 3)?, NATIONAL_DAY),
    ];
    days.sort();
    Some(days)
}

fn weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The provisional holidays of `year`, in the order of the law; `None` when the lunar calendar
/// cannot give the year.
pub fn holidays(year: i32) -> Option<Vec<Holiday>> {
    let days = statutory(year)?;
    let mut off: Vec<(NaiveDate, &'static str)> = Vec::with_capacity(days.len() + 4);
    for (i, &(date, name)) in days.iter().enumerate() {
        let repeated = i > 0 && days[i - 1].0 == date;
        if !repeated {
            off.push((date, name));
        }
        if repeated || weekend(date) {
            // 补假: the next Monday-to-Friday day that is not already off.
            let mut next = date.succ_opt()?;
            while weekend(next)
                || off.iter().any(|(d, _)| *d == next)
                || days.iter().any(|(d, _)| *d == next)
            {
                next = next.succ_opt()?;
            }
            off.push((next, name));
        }
    }
    let order = [
        NEW_YEAR,
        SPRING_FESTIVAL,
        QINGMING,
        LABOUR_DAY,
        DRAGON_BOAT,
        MID_AUTUMN,
        NATIONAL_DAY,
    ];
    Some(
        order
            .iter()
            .map(|&name| {
                let mut dates: Vec<NaiveDate> = off
                    .iter()
                    .filter(|(_, n)| *n == name)
                    .map(|(d, _)| *d)
                    .filter(|d| d.year() == year)
                    .collect();
                dates.sort();
                Holiday {
                    name: name.to_string(),
                    off: dates,
                    work: Vec::new(),
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    fn off(year: i32, name: &str) -> Vec<NaiveDate> {
        holidays(year)
            .unwrap_or_default()
            .into_iter()
            .find(|h| h.name == name)
            .map(|h| h.off)
            .unwrap_or_default()
    }

    /// Published lunar dates (Purple Mountain Observatory's 2027 and 2028 calendars, also given
    /// by the `chinese-lunisolar-calendar` crate's 1901–2100 table): 2027 春节 02-06 (除夕
    /// 02-05), 清明 04-05, 端午 06-09, 中秋 09-15; 2028 春节 01-26, 清明 04-04, 端午 05-28,
    /// 中秋 10-03.
    #[test]
    fn statutory_days_2027_and_2028_match_published_dates() {
        let s27 = statutory(2027).unwrap_or_default();
        for (date, name) in [
            (d(2027, 2, 5), SPRING_FESTIVAL),
            (d(2027, 2, 6), SPRING_FESTIVAL),
            (d(2027, 4, 5), QINGMING),
            (d(2027, 6, 9), DRAGON_BOAT),
            (d(2027, 9, 15), MID_AUTUMN),
        ] {
            assert!(s27.contains(&(date, name)), "{date} {name}");
        }
        let s28 = statutory(2028).unwrap_or_default();
        for (date, name) in [
            (d(2028, 1, 25), SPRING_FESTIVAL),
            (d(2028, 1, 26), SPRING_FESTIVAL),
            (d(2028, 4, 4), QINGMING),
            (d(2028, 5, 28), DRAGON_BOAT),
            (d(2028, 10, 3), MID_AUTUMN),
        ] {
            assert!(s28.contains(&(date, name)), "{date} {name}");
        }
        // The lunar dates of 2024–2026 agree with the official notices of those years.
        let s26 = statutory(2026).unwrap_or_default();
        for (date, name) in [
            (d(2026, 2, 17), SPRING_FESTIVAL),
            (d(2026, 4, 5), QINGMING),
            (d(2026, 6, 19), DRAGON_BOAT),
            (d(2026, 9, 25), MID_AUTUMN),
        ] {
            assert!(s26.contains(&(date, name)), "{date} {name}");
        }
    }

    #[test]
    fn every_year_held_has_its_holidays_in_their_seasons() {
        // Spring Festival always falls between Jan 21 and Feb 20; 清明 on Apr 4–6; 中秋 between
        // Sep 7 and Oct 8: a wrong lunar table or solar term would leave these windows.
        for year in super::super::FIRST_YEAR..=super::super::LAST_YEAR {
            let days = statutory(year).unwrap_or_else(|| panic!("{year}"));
            let of = |name| {
                days.iter()
                    .filter(move |(_, n)| *n == name)
                    .map(|(d, _)| *d)
            };
            let new_year = of(SPRING_FESTIVAL).nth(1).unwrap_or_default();
            assert!(
                (d(year, 1, 21)..=d(year, 2, 20)).contains(&new_year),
                "{year}: {new_year}"
            );
            let qingming = of(QINGMING).next().unwrap_or_default();
            assert!(
                (d(year, 4, 4)..=d(year, 4, 6)).contains(&qingming),
                "{year}: {qingming}"
            );
            let mid_autumn = of(MID_AUTUMN).next().unwrap_or_default();
            assert!(
                (d(year, 9, 7)..=d(year, 10, 8)).contains(&mid_autumn),
                "{year}: {mid_autumn}"
            );
            assert_eq!(holidays(year).map(|h| h.len()), Some(7));
        }
    }

    #[test]
    fn every_provisional_holiday_of_2027() {
        // 元旦 Fri 01-01.
        assert_eq!(off(2027, NEW_YEAR), vec![d(2027, 1, 1)]);
        // 除夕 Fri 02-05, 初一 Sat, 初二 Sun, 初三 Mon 02-08: Sat and Sun move to Tue and Wed.
        assert_eq!(
            off(2027, SPRING_FESTIVAL),
            (5..=10).map(|day| d(2027, 2, day)).collect::<Vec<_>>()
        );
        // 清明 Mon 04-05.
        assert_eq!(off(2027, QINGMING), vec![d(2027, 4, 5)]);
        // May 1 Sat, May 2 Sun: moved to Mon 05-03 and Tue 05-04.
        assert_eq!(
            off(2027, LABOUR_DAY),
            vec![d(2027, 5, 1), d(2027, 5, 2), d(2027, 5, 3), d(2027, 5, 4)]
        );
        assert_eq!(off(2027, DRAGON_BOAT), vec![d(2027, 6, 9)]);
        assert_eq!(off(2027, MID_AUTUMN), vec![d(2027, 9, 15)]);
        // Oct 1 Fri, Oct 2 Sat, Oct 3 Sun: moved to Mon 10-04 and Tue 10-05.
        assert_eq!(
            off(2027, NATIONAL_DAY),
            (1..=5).map(|day| d(2027, 10, day)).collect::<Vec<_>>()
        );
        assert!(holidays(2027)
            .unwrap_or_default()
            .iter()
            .all(|h| h.work.is_empty()));
    }

    #[test]
    fn every_provisional_holiday_of_2028_with_mid_autumn_inside_national_day() {
        // 元旦 Sat 01-01: moved to Mon 01-03.
        assert_eq!(off(2028, NEW_YEAR), vec![d(2028, 1, 1), d(2028, 1, 3)]);
        // 除夕 Tue 01-25 to 初三 Fri 01-28: all weekdays.
        assert_eq!(
            off(2028, SPRING_FESTIVAL),
            (25..=28).map(|day| d(2028, 1, day)).collect::<Vec<_>>()
        );
        assert_eq!(off(2028, QINGMING), vec![d(2028, 4, 4)]);
        // May 1 Mon, May 2 Tue.
        assert_eq!(off(2028, LABOUR_DAY), vec![d(2028, 5, 1), d(2028, 5, 2)]);
        // 端午 Sun 05-28: moved to Mon 05-29.
        assert_eq!(off(2028, DRAGON_BOAT), vec![d(2028, 5, 28), d(2028, 5, 29)]);
        // 国庆 Oct 1 Sun, 2 Mon, 3 Tue; 中秋 is Oct 3 too. Oct 1 moves to Wed 10-04; the day
        // that is both holidays counts twice, so one more day off follows on Thu 10-05.
        assert_eq!(
            off(2028, NATIONAL_DAY),
            vec![
                d(2028, 10, 1),
                d(2028, 10, 2),
                d(2028, 10, 4),
                d(2028, 10, 5)
            ]
        );
        assert_eq!(off(2028, MID_AUTUMN), vec![d(2028, 10, 3)]);
    }
}
