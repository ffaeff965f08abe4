//! One year of working days as a bitset (bit `i` of the year: day-of-year `i`, 0-based, is a
//! working day), so a working-day step scans 64 days per instruction and a year's count is a
//! precomputed number.

use super::Basis;
use chrono::{Datelike, NaiveDate, Weekday};

/// Words per year: 6 × 64 = 384 bits hold 366 days.
const WORDS: usize = 6;

/// The working days of one year, with the basis of its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct YearTable {
    /// How sure the year's days are.
    pub basis: Basis,
    /// January 1st as `NaiveDate::num_days_from_ce`.
    pub first: i32,
    /// 365 or 366.
    pub days: u32,
    bits: [u64; WORDS],
    total: u32,
}

impl YearTable {
    /// The year `year`: Monday to Friday work, then the days `off` are off and the days `work`
    /// are working days (a day in both is a working day; the loader refuses such files).
    /// Dates outside the year are ignored. `None` when the year is not representable.
    pub fn build(
        year: i32,
        basis: Basis,
        off: impl IntoIterator<Item = NaiveDate>,
        work: impl IntoIterator<Item = NaiveDate>,
    ) -> Option<YearTable> {
        let jan1 = NaiveDate::from_ymd_opt(year, 1, 1)?;
        let days = if NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
            366
        } else {
            365
        };
        let mut bits = [0u64; WORDS];
        let mut set = |date: NaiveDate, working: bool| {
            if date.year() == year {
                let i = date.ordinal0() as usize;
                let mask = 1u64 << (i % 64);
                if working {
                    bits[i / 64] |= mask;
                } else {
                    bits[i / 64] &= !mask;
                }
            }
        };
        for date in jan1.iter_days().take(days as usize) {
            set(date, !matches!(date.weekday(), Weekday::Sat | Weekday::Sun));
        }
        for date in off {
            set(date, false);
        }
        for date in work {
            set(date, true);
        }
        let total = bits.iter().map(|w| w.count_ones()).sum();
        Some(YearTable {
            basis,
            first: jan1.num_days_from_ce(),
            days,
            bits,
            total,
        })
    }

    /// Whether day-of-year `i` (0-based) is a working day.
    pub fn is_working(&self, i: u32) -> bool {
        let i = i as usize;
        i < self.days as usize && self.bits[i / 64] & (1u64 << (i % 64)) != 0
    }

    /// The `n`-th working day (`n` ≥ 1) at or after day-of-year `from`: `Ok(day of year)`, or
    /// `Err(count)` with the number of working days from `from` to the year's end when there
    /// are fewer than `n`.
    pub fn nth_from(&self, from: u32, n: u32) -> Result<u32, u32> {
        let mut word = from as usize / 64;
        if word >= WORDS {
            return Err(0);
        }
        let mut mask = self.bits[word] & (u64::MAX << (from % 64));
        let mut left = n;
        loop {
            let c = mask.count_ones();
            if c >= left {
                for _ in 1..left {
                    mask &= mask - 1;
                }
                return Ok(word as u32 * 64 + mask.trailing_zeros());
            }
            left -= c;
            word += 1;
            if word == WORDS {
                return Err(n - left);
            }
            mask = self.bits[word];
        }
    }

    /// Working days in days-of-year `lo..=hi` (0 when `hi < lo`).
    pub fn count(&self, lo: u32, hi: u32) -> u32 {
        if hi < lo {
            return 0;
        }
        if lo == 0 && hi + 1 >= self.days {
            return self.total;
        }
        let (lo, hi) = (lo as usize, (hi as usize).min(WORDS * 64 - 1));
        (lo / 64..=hi / 64)
            .map(|w| {
                let mut mask = u64::MAX;
                if w == lo / 64 {
                    mask &= u64::MAX << (lo % 64);
                }
                if w == hi / 64 {
                    mask &= u64::MAX >> (63 - hi % 64);
                }
                (self.bits[w] & mask).count_ones()
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn weekdays_and_overrides() {
        // 2027-01-01 is a Friday: off; Saturday 01-02 made a working day.
        let t = YearTable::build(2027, Basis::User, [d(2027, 1, 1)], [d(2027, 1, 2)])
            .unwrap_or_else(|| unreachable!());
        assert_eq!(t.days, 365);
        assert!(!t.is_working(0));
        assert!(t.is_working(1));
        assert!(!t.is_working(2));
        assert_eq!(t.nth_from(0, 1), Ok(1));
        assert_eq!(t.nth_from(0, 2), Ok(3));
        // 2027 has 261 weekdays; one off and one Saturday worked.
        assert_eq!(t.count(0, 364), 261);
        assert_eq!(t.nth_from(0, 262), Err(261));
        assert_eq!(t.count(0, 3), 2);
        assert_eq!(t.count(5, 4), 0);
        assert_eq!(t.nth_from(364, 1), Ok(364));
    }

    #[test]
    fn counts_agree_with_selection_across_words() {
        let t =
            YearTable::build(2028, Basis::Provisional, [], []).unwrap_or_else(|| unreachable!());
        assert_eq!(t.days, 366);
        for from in [0u32, 60, 63, 64, 127, 200, 300] {
            for n in 1..=40 {
                if let Ok(day) = t.nth_from(from, n) {
                    assert_eq!(t.count(from, day), n, "from {from} n {n}");
                    assert!(t.is_working(day));
                }
            }
        }
    }
}
