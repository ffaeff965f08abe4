//! Step dates over the Monte Carlo runs: a date that is the same in every run, or one date per
//! run. Step ends are summarised as percentiles over the runs' own dates (P50, P90, rounded up
//! to a whole day as SPEC §2 says), never from average durations.
//!
//! Working-day arithmetic goes through [`crate::calendar`]; whether any day counted lay outside
//! the holiday calendar's coverage is remembered so the plan can warn about it.

use crate::calendar::{add_calendar_days, Basis, Calendar, CalendarError, Shifted};
use crate::stats::quantiles;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// A date in every run: fixed, or one per run (days from the Common Era, for compact storage).
#[derive(Debug, Clone, PartialEq)]
pub enum When {
    /// The same date in every run.
    Fixed(NaiveDate),
    /// One date per run, as `NaiveDate::num_days_from_ce`.
    Runs(Vec<i32>),
}

fn from_ce(days: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(days).unwrap_or(NaiveDate::MAX)
}

/// The result of a working-day shift, with whether the weekends-only fallback was used.
pub struct WorkingShift {
    /// The shifted dates.
    pub when: When,
    /// True when any day counted lay outside the holiday calendar.
    pub weekends_only: bool,
    /// The weakest basis of the days counted, over the runs.
    pub basis: Option<Basis>,
}

impl WorkingShift {
    fn of(s: Shifted) -> WorkingShift {
        WorkingShift {
            when: When::Fixed(s.date),
            weekends_only: s.weekends_only,
            basis: s.basis,
        }
    }
}

impl When {
    /// The date of every run as days from the Common Era, `runs` long.
    fn days(&self, runs: usize) -> Vec<i32> {
        match self {
            When::Fixed(d) => vec![d.num_days_from_ce(); runs],
            When::Runs(v) => v.clone(),
        }
    }

    /// `n` calendar days later in every run.
    pub fn add_calendar(&self, n: u32) -> Result<When, CalendarError> {
        match self {
            When::Fixed(d) => add_calendar_days(*d, n).map(When::Fixed),
            When::Runs(v) => v
                .iter()
                .map(|&x| add_calendar_days(from_ce(x), n).map(|d| d.num_days_from_ce()))
                .collect::<Result<Vec<_>, _>>()
                .map(When::Runs),
        }
    }

    /// Run `i` shifted by `per_run[i]` calendar days.
    pub fn add_calendar_per_run(&self, per_run: &[u32]) -> Result<When, CalendarError> {
        let base = self.days(per_run.len());
        base.iter()
            .zip(per_run)
            .map(|(&x, &n)| add_calendar_days(from_ce(x), n).map(|d| d.num_days_from_ce()))
            .collect::<Result<Vec<_>, _>>()
            .map(When::Runs)
    }

    /// `n` working days later in every run (SPEC §6: the start day itself is not counted).
    pub fn add_working(&self, cal: &Calendar, n: u32) -> Result<WorkingShift, CalendarError> {
        match self {
            When::Fixed(d) => cal.add_working_days(*d, n).map(WorkingShift::of),
            When::Runs(v) => shift_working(cal, v, v.iter().map(|_| n)),
        }
    }

    /// Run `i` shifted by `per_run[i]` working days.
    pub fn add_working_per_run(
        &self,
        cal: &Calendar,
        per_run: &[u32],
    ) -> Result<WorkingShift, CalendarError> {
        let base = self.days(per_run.len());
        shift_working(cal, &base, per_run.iter().copied())
    }

    /// The first working day on or after each run's date: an office step (D2 offline, M5)
    /// started on a weekend or a holiday moves to the next working day.
    pub fn office_day(&self, cal: &Calendar) -> Result<WorkingShift, CalendarError> {
        match self {
            When::Fixed(d) => cal.working_day_from(*d).map(WorkingShift::of),
            When::Runs(v) => {
                let mut weekends_only = false;
                let mut basis = None;
                let mut out = Vec::with_capacity(v.len());
                for &x in v {
                    let s = cal.working_day_from(from_ce(x))?;
                    weekends_only |= s.weekends_only;
                    if let Some(b) = s.basis {
                        basis = Some(Basis::weakest(basis, b));
                    }
                    out.push(s.date.num_days_from_ce());
                }
                Ok(WorkingShift {
                    when: When::Runs(out),
                    weekends_only,
                    basis,
                })
            }
        }
    }

    /// The later of two dates, run by run.
    pub fn later(&self, other: &When) -> When {
        match (self, other) {
            (When::Fixed(a), When::Fixed(b)) => When::Fixed(*a.max(b)),
            (When::Fixed(a), When::Runs(v)) | (When::Runs(v), When::Fixed(a)) => {
                let a = a.num_days_from_ce();
                When::Runs(v.iter().map(|&x| x.max(a)).collect())
            }
            (When::Runs(a), When::Runs(b)) => {
                When::Runs(a.iter().zip(b).map(|(x, y)| *x.max(y)).collect())
            }
        }
    }

    /// The `p` percentile of the runs' dates (linear interpolation, rounded up to a day).
    pub fn percentile(&self, p: f64) -> NaiveDate {
        match self {
            When::Fixed(d) => *d,
            When::Runs(v) => {
                let mut x: Vec<f64> = v.iter().map(|&d| f64::from(d)).collect();
                let q = quantiles(&mut x, &[p]).first().copied().unwrap_or(f64::NAN);
                if q.is_finite() {
                    from_ce(q.ceil() as i32)
                } else {
                    NaiveDate::MAX
                }
            }
        }
    }

    /// The latest date over the runs.
    pub fn latest(&self) -> NaiveDate {
        match self {
            When::Fixed(d) => *d,
            When::Runs(v) => v.iter().max().map_or(NaiveDate::MAX, |&d| from_ce(d)),
        }
    }

    /// The median date.
    pub fn p50(&self) -> NaiveDate {
        self.percentile(0.5)
    }

    /// The 90th-percentile date.
    pub fn p90(&self) -> NaiveDate {
        self.percentile(0.9)
    }

    /// Calendar days from `from` to run `i`'s date, for each of `runs` runs.
    pub fn days_after(&self, from: NaiveDate, runs: usize) -> Vec<i64> {
        let base = i64::from(from.num_days_from_ce());
        self.days(runs)
            .into_iter()
            .map(|d| i64::from(d) - base)
            .collect()
    }
}

/// Shift each run's date by its own number of working days, caching the calendar arithmetic
/// by (date, days): a plan's runs share few distinct pairs.
fn shift_working(
    cal: &Calendar,
    base: &[i32],
    days: impl Iterator<Item = u32>,
) -> Result<WorkingShift, CalendarError> {
    let mut cache: HashMap<(i32, u32), Shifted> = HashMap::new();
    let mut weekends_only = false;
    let mut basis = None;
    let mut out = Vec::with_capacity(base.len());
    for (&x, n) in base.iter().zip(days) {
        let shifted = match cache.get(&(x, n)) {
            Some(s) => s.clone(),
            None => {
                let s = cal.add_working_days(from_ce(x), n)?;
                cache.insert((x, n), s.clone());
                s
            }
        };
        weekends_only |= shifted.weekends_only;
        if let Some(b) = shifted.basis {
            basis = Some(Basis::weakest(basis, b));
        }
        out.push(shifted.date.num_days_from_ce());
    }
    Ok(WorkingShift {
        when: When::Runs(out),
        weekends_only,
        basis,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn percentiles_round_up_to_whole_days() {
        let runs = When::Runs(vec![
            d(2026, 3, 1).num_days_from_ce(),
            d(2026, 3, 2).num_days_from_ce(),
        ]);
        // P50 is half-way between the two dates: rounded up to the second.
        assert_eq!(runs.p50(), d(2026, 3, 2));
        assert_eq!(When::Fixed(d(2026, 3, 1)).p90(), d(2026, 3, 1));
    }

    #[test]
    fn later_is_run_by_run() {
        let a = When::Runs(vec![10, 30]);
        let b = When::Fixed(from_ce(20));
        assert_eq!(a.later(&b), When::Runs(vec![20, 30]));
    }

    #[test]
    fn working_shift_over_the_spring_festival() {
        // 2026-02-13 (Fri) + 2 working days: Sat Feb 14 (make-up day), then Tue Feb 24.
        let cal = Calendar::embedded().unwrap_or_else(|e| panic!("{e}"));
        let s = When::Fixed(d(2026, 2, 13))
            .add_working_per_run(&cal, &[1, 2])
            .expect("in range");
        assert_eq!(
            s.when,
            When::Runs(vec![
                d(2026, 2, 14).num_days_from_ce(),
                d(2026, 2, 24).num_days_from_ce()
            ])
        );
        assert!(!s.weekends_only);
        assert_eq!(s.basis, Some(Basis::Official));
    }
}
