//! Step dates over the Monte Carlo runs: a date that is the same in every run, or one date per
//! run. Step ends are summarised as percentiles over the runs' own dates (P50, P90, rounded up
//! to a whole day as SPEC §2 says), never from average durations.
//!
//! Working-day arithmetic goes through [`crate::calendar`]; whether any day counted lay outside
//! the holiday calendar's coverage is remembered so the plan can warn about it.

use crate::calendar::{add_calendar_days, Basis, Calendar, CalendarError, Shifted};
use crate::stats::{quantiles, Quantiles};
use chrono::{Days, NaiveDate};
use std::collections::HashMap;

/// A date in every run: fixed, or one per run.
#[derive(Debug, Clone, PartialEq)]
pub enum When {
    /// The same date in every run.
    Fixed(NaiveDate),
    /// One date per run.
    Runs(PerRun),
}

/// One date per run, for at least one run (so percentiles and the latest date always exist).
#[derive(Debug, Clone, PartialEq)]
pub struct PerRun {
    first: NaiveDate,
    rest: Vec<NaiveDate>,
}

impl PerRun {
    /// The dates of `dates`, or `None` when there are none.
    pub fn new(dates: impl IntoIterator<Item = NaiveDate>) -> Option<PerRun> {
        let mut it = dates.into_iter();
        let first = it.next()?;
        Some(PerRun {
            first,
            rest: it.collect(),
        })
    }

    fn iter(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        std::iter::once(self.first).chain(self.rest.iter().copied())
    }

    fn map(&self, mut f: impl FnMut(NaiveDate) -> NaiveDate) -> PerRun {
        PerRun {
            first: f(self.first),
            rest: self.rest.iter().map(|&d| f(d)).collect(),
        }
    }

    fn try_map<E>(
        &self,
        mut f: impl FnMut(NaiveDate) -> Result<NaiveDate, E>,
    ) -> Result<PerRun, E> {
        Ok(PerRun {
            first: f(self.first)?,
            rest: self.rest.iter().map(|&d| f(d)).collect::<Result<_, _>>()?,
        })
    }

    fn latest(&self) -> NaiveDate {
        self.rest.iter().copied().fold(self.first, NaiveDate::max)
    }

    /// The earliest and latest dates, and every run's days after the earliest.
    fn offsets(&self) -> (NaiveDate, NaiveDate, Vec<f64>) {
        let earliest = self.rest.iter().copied().fold(self.first, NaiveDate::min);
        let days = self
            .iter()
            .map(|d| (d - earliest).num_days() as f64)
            .collect();
        (earliest, self.latest(), days)
    }

    fn percentile(&self, p: f64) -> NaiveDate {
        let (earliest, latest, mut days) = self.offsets();
        quantiles(&mut days, &[p])
            .first()
            .map_or(earliest, |&x| day_after(earliest, latest, x))
    }

    fn quantiles(&self) -> Quantiles<NaiveDate> {
        let (earliest, latest, mut days) = self.offsets();
        Quantiles::of(&mut days).map(|x| day_after(earliest, latest, x))
    }
}

/// SPEC §2: a percentile of dates is the percentile of the days after the earliest run (the
/// numbers' selection and interpolation, [`quantiles`]), rounded up to a whole day.
fn day_after(earliest: NaiveDate, latest: NaiveDate, days: f64) -> NaiveDate {
    // earliest + days lies between two dates that exist, so the addition cannot overflow.
    earliest
        .checked_add_days(Days::new(days.ceil() as u64))
        .map_or(latest, |d| d.min(latest))
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
    /// The date of each of `runs` runs.
    fn days(&self, runs: usize) -> Vec<NaiveDate> {
        match self {
            When::Fixed(d) => vec![*d; runs],
            When::Runs(v) => v.iter().collect(),
        }
    }

    /// `n` calendar days later in every run.
    pub fn add_calendar(&self, n: u32) -> Result<When, CalendarError> {
        match self {
            When::Fixed(d) => add_calendar_days(*d, n).map(When::Fixed),
            When::Runs(v) => v.try_map(|x| add_calendar_days(x, n)).map(When::Runs),
        }
    }

    /// Run `i` shifted by `per_run[i]` calendar days (no runs: unchanged).
    pub fn add_calendar_per_run(&self, per_run: &[u32]) -> Result<When, CalendarError> {
        let shifted = self
            .days(per_run.len())
            .into_iter()
            .zip(per_run)
            .map(|(x, &n)| add_calendar_days(x, n))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(PerRun::new(shifted).map_or_else(|| self.clone(), When::Runs))
    }

    /// `n` working days later in every run (SPEC §6: the start day itself is not counted).
    pub fn add_working(&self, cal: &Calendar, n: u32) -> Result<WorkingShift, CalendarError> {
        match self {
            When::Fixed(d) => cal.add_working_days(*d, n).map(WorkingShift::of),
            When::Runs(v) => shift_working(cal, self, v.iter().map(|d| (d, n))),
        }
    }

    /// Run `i` shifted by `per_run[i]` working days (no runs: unchanged).
    pub fn add_working_per_run(
        &self,
        cal: &Calendar,
        per_run: &[u32],
    ) -> Result<WorkingShift, CalendarError> {
        let base = self.days(per_run.len());
        shift_working(cal, self, base.into_iter().zip(per_run.iter().copied()))
    }

    /// The first working day on or after each run's date: an office step (D2 offline, M5)
    /// started on a weekend or a holiday moves to the next working day.
    pub fn office_day(&self, cal: &Calendar) -> Result<WorkingShift, CalendarError> {
        match self {
            When::Fixed(d) => cal.working_day_from(*d).map(WorkingShift::of),
            When::Runs(v) => {
                let mut weekends_only = false;
                let mut basis = None;
                let out = v.try_map(|x| {
                    let s = cal.working_day_from(x)?;
                    weekends_only |= s.weekends_only;
                    if let Some(b) = s.basis {
                        basis = Some(Basis::weakest(basis, b));
                    }
                    Ok(s.date)
                })?;
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
                When::Runs(v.map(|x| x.max(*a)))
            }
            (When::Runs(a), When::Runs(b)) => {
                let mut other = b.iter();
                When::Runs(a.map(|x| other.next().map_or(x, |y| x.max(y))))
            }
        }
    }

    /// The `p` percentile of the runs' dates (linear interpolation, rounded up to a day).
    pub fn percentile(&self, p: f64) -> NaiveDate {
        match self {
            When::Fixed(d) => *d,
            When::Runs(v) => v.percentile(p),
        }
    }

    /// Every percentile of the runs' dates.
    pub fn quantiles(&self) -> Quantiles<NaiveDate> {
        match self {
            When::Fixed(d) => Quantiles::fixed(*d),
            When::Runs(v) => v.quantiles(),
        }
    }

    /// The latest date over the runs.
    pub fn latest(&self) -> NaiveDate {
        match self {
            When::Fixed(d) => *d,
            When::Runs(v) => v.latest(),
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
        self.days(runs)
            .into_iter()
            .map(|d| (d - from).num_days())
            .collect()
    }
}

/// Shift each run's date by its own number of working days, caching the calendar arithmetic
/// by (date, days): a plan's runs share few distinct pairs. No runs: `base` unchanged.
fn shift_working(
    cal: &Calendar,
    base: &When,
    runs: impl Iterator<Item = (NaiveDate, u32)>,
) -> Result<WorkingShift, CalendarError> {
    let mut cache: HashMap<(NaiveDate, u32), Shifted> = HashMap::new();
    let mut weekends_only = false;
    let mut basis = None;
    let mut out = Vec::new();
    for (x, n) in runs {
        let shifted = match cache.get(&(x, n)) {
            Some(s) => s.clone(),
            None => {
                let s = cal.add_working_days(x, n)?;
                cache.insert((x, n), s.clone());
                s
            }
        };
        weekends_only |= shifted.weekends_only;
        if let Some(b) = shifted.basis {
            basis = Some(Basis::weakest(basis, b));
        }
        out.push(shifted.date);
    }
    Ok(WorkingShift {
        when: PerRun::new(out).map_or_else(|| base.clone(), When::Runs),
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

    fn runs(dates: &[NaiveDate]) -> When {
        When::Runs(PerRun::new(dates.iter().copied()).expect("at least one run"))
    }

    #[test]
    fn percentiles_round_up_to_whole_days() {
        let two = runs(&[d(2026, 3, 1), d(2026, 3, 2)]);
        // P50 is half-way between the two dates: rounded up to the second.
        assert_eq!(two.p50(), d(2026, 3, 2));
        assert_eq!(When::Fixed(d(2026, 3, 1)).p90(), d(2026, 3, 1));
        // the same interpolation as for numbers: P90 of 1, 11 (days) is day 10
        let spread = runs(&[d(2026, 3, 11), d(2026, 3, 1)]);
        assert_eq!(spread.p90(), d(2026, 3, 10));
        assert_eq!(spread.percentile(0.0), d(2026, 3, 1));
        assert_eq!(spread.latest(), d(2026, 3, 11));
        // one run: every percentile is that run's date
        assert_eq!(runs(&[d(9999, 12, 31)]).p90(), d(9999, 12, 31));
    }

    #[test]
    fn no_runs_cannot_be_built() {
        assert_eq!(PerRun::new(std::iter::empty()), None);
        let fixed = When::Fixed(d(2026, 3, 1));
        assert_eq!(fixed.add_calendar_per_run(&[]).expect("in range"), fixed);
    }

    #[test]
    fn later_is_run_by_run() {
        let a = runs(&[d(2026, 1, 10), d(2026, 1, 30)]);
        let b = When::Fixed(d(2026, 1, 20));
        assert_eq!(a.later(&b), runs(&[d(2026, 1, 20), d(2026, 1, 30)]));
    }

    #[test]
    fn working_shift_over_the_spring_festival() {
        // 2026-02-13 (Fri) + 2 working days: Sat Feb 14 (make-up day), then Tue Feb 24.
        let cal = Calendar::embedded().unwrap_or_else(|e| panic!("{e}"));
        let s = When::Fixed(d(2026, 2, 13))
            .add_working_per_run(&cal, &[1, 2])
            .expect("in range");
        assert_eq!(s.when, runs(&[d(2026, 2, 14), d(2026, 2, 24)]));
        assert!(!s.weekends_only);
        assert_eq!(s.basis, Some(Basis::Official));
    }
}
