//! Summary statistics over samples: mean, standard deviation, standard error of the mean, and
//! percentiles interpolated linearly between order statistics (numpy's default, "type 7").
//!
//! Percentiles are found by selection (`select_nth_unstable`), cascading from the lowest
//! requested probability up, so a summary costs a few linear passes instead of a sort.

use crate::intervals::PercentileIntervals;
use serde::Serialize;
use std::cmp::Ordering;

/// The probabilities of the percentiles in a [`Summary`], ascending.
pub const SUMMARY_PROBS: [f64; 7] = [0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95];

/// The percentiles of one quantity over the runs — numbers (`f64`) or dates (`NaiveDate`) —
/// found the same way for both ([`position`] and [`interpolate`]; a date is rounded up to a
/// whole day). A document prints all of them ([`Summary`]) or a fixed few, through the views
/// [`Spread`] (P5, P50, P95), [`Band`] (P10, P50, P90), [`Later`] (P50, P90) and [`Upper`]
/// (P50, P95).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Quantiles<T> {
    /// 5th percentile.
    pub p5: T,
    /// 10th percentile.
    pub p10: T,
    /// 25th percentile.
    pub p25: T,
    /// Median.
    pub p50: T,
    /// 75th percentile.
    pub p75: T,
    /// 90th percentile.
    pub p90: T,
    /// 95th percentile.
    pub p95: T,
}

impl<T: Copy> Quantiles<T> {
    /// The same value at every percentile.
    pub fn fixed(v: T) -> Quantiles<T> {
        Quantiles::from_array([v; 7])
    }

    fn from_array([p5, p10, p25, p50, p75, p90, p95]: [T; 7]) -> Quantiles<T> {
        Quantiles {
            p5,
            p10,
            p25,
            p50,
            p75,
            p90,
            p95,
        }
    }

    /// Each percentile through `f` (day numbers to dates, say).
    pub fn map<U>(&self, mut f: impl FnMut(T) -> U) -> Quantiles<U> {
        Quantiles {
            p5: f(self.p5),
            p10: f(self.p10),
            p25: f(self.p25),
            p50: f(self.p50),
            p75: f(self.p75),
            p90: f(self.p90),
            p95: f(self.p95),
        }
    }
}

impl Quantiles<f64> {
    /// The percentiles of `data` (reordered); NaN when it is empty.
    pub fn of(data: &mut [f64]) -> Quantiles<f64> {
        let mut q = [f64::NAN; SUMMARY_PROBS.len()];
        fill_quantiles(data, &SUMMARY_PROBS, &mut q);
        Quantiles::from_array(q)
    }
}

/// A view of [`Quantiles`] that serialises only some of them, under their usual keys.
macro_rules! view {
    ($(#[$doc:meta])* $name:ident: $($key:ident),+) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name<T>(pub Quantiles<T>);

        impl<T: Copy> $name<T> {
            /// The same value at every percentile.
            pub fn fixed(v: T) -> $name<T> {
                $name(Quantiles::fixed(v))
            }
        }

        impl $name<f64> {
            /// The percentiles of `data` (reordered); NaN when it is empty.
            pub fn of(data: &mut [f64]) -> $name<f64> {
                $name(Quantiles::of(data))
            }
        }

        impl<T> std::ops::Deref for $name<T> {
            type Target = Quantiles<T>;
            fn deref(&self) -> &Quantiles<T> {
                &self.0
            }
        }

        impl<T: Serialize> Serialize for $name<T> {
            fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct;
                let mut st = ser.serialize_struct(stringify!($name), [$(stringify!($key)),+].len())?;
                $(st.serialize_field(stringify!($key), &self.0.$key)?;)+
                st.end()
            }
        }
    };
}

view!(
    /// P5, P50 and P95: the spread of a count.
    Spread: p5, p50, p95
);
view!(
    /// P10, P50 and P90: the dates of a forecast.
    Band: p10, p50, p90
);
view!(
    /// P50 and P90: when a plan's step or a scenario is done.
    Later: p50, p90
);
view!(
    /// P50 and P95: a cost.
    Upper: p50, p95
);

/// Statistics of one metric over the runs (SPEC §2).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Summary {
    /// Mean.
    pub mean: f64,
    /// Sample standard deviation (n − 1 in the denominator; 0 for one run).
    pub sd: f64,
    /// Standard error of the mean, sd / √n.
    pub se: f64,
    /// Smallest value.
    pub min: f64,
    /// P5 … P95.
    #[serde(flatten)]
    pub quantiles: Quantiles<f64>,
    /// Largest value.
    pub max: f64,
    /// Distribution-free 95% intervals of the percentiles, keyed by percentile (forecasts
    /// fill it in; see [`crate::intervals`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ci95: Option<PercentileIntervals>,
}

fn cmp(a: &f64, b: &f64) -> Ordering {
    a.total_cmp(b)
}

/// Mean and sample standard deviation (two passes, for accuracy).
pub fn mean_sd(data: &[f64]) -> (f64, f64) {
    let n = data.len();
    if n == 0 {
        return (f64::NAN, f64::NAN);
    }
    let mean = data.iter().sum::<f64>() / n as f64;
    if n == 1 {
        return (mean, 0.0);
    }
    let ss: f64 = data.iter().map(|x| (x - mean) * (x - mean)).sum();
    (mean, (ss / (n - 1) as f64).sqrt())
}

/// Where the `p` percentile of `n` sorted values lies: the ranks of the two order statistics
/// that bracket it and the fraction of the way from the first to the second (linear
/// interpolation, numpy's "type 7"). `n` must be at least 1.
pub fn position(n: usize, p: f64) -> (usize, usize, f64) {
    let h = n.saturating_sub(1) as f64 * p.clamp(0.0, 1.0);
    let lo = (h.floor() as usize).min(n.saturating_sub(1));
    (lo, (lo + 1).min(n.saturating_sub(1)), h - lo as f64)
}

/// The value `frac` of the way from `lo` to `hi` ([`position`]'s fraction); exactly `lo` at 0,
/// so an order statistic is reported as it is.
pub fn interpolate(lo: f64, hi: f64, frac: f64) -> f64 {
    if frac > 0.0 {
        lo + frac * (hi - lo)
    } else {
        lo
    }
}

/// Percentiles of `data` at the ascending probabilities `probs` (each in 0..=1), by linear
/// interpolation between order statistics. Reorders `data`. Empty data gives NaNs.
pub fn quantiles(data: &mut [f64], probs: &[f64]) -> Vec<f64> {
    let mut out = vec![f64::NAN; probs.len()];
    fill_quantiles(data, probs, &mut out);
    out
}

/// [`quantiles`] into `out` (one slot per probability; left as they are when `data` is empty).
fn fill_quantiles(data: &mut [f64], probs: &[f64], out: &mut [f64]) {
    let n = data.len();
    if n == 0 {
        return;
    }
    // data[..start] holds the order statistics already placed; everything in data[start..] is
    // at least as large as each of them.
    let mut start = 0usize;
    let mut last: Option<(usize, f64, f64)> = None;
    for (&p, slot) in probs.iter().zip(out.iter_mut()) {
        let (lo, hi, frac) = position(n, p);
        let (x_lo, x_hi) = match last {
            Some((l, a, b)) if l == lo => (a, b),
            _ => {
                if lo >= start {
                    let (_, nth, _) = data[start..].select_nth_unstable_by(lo - start, cmp);
                    let x_lo = *nth;
                    start = lo + 1;
                    let x_hi = data[start..].iter().copied().min_by(cmp).unwrap_or(x_lo);
                    (x_lo, x_hi)
                } else {
                    // lo < start only when probs are not ascending; fall back to a fresh pass.
                    let mut copy = data.to_vec();
                    copy.sort_unstable_by(cmp);
                    (copy[lo], copy[hi])
                }
            }
        };
        last = Some((lo, x_lo, x_hi));
        *slot = interpolate(x_lo, x_hi, frac);
    }
}

/// One percentile of already sorted data.
pub fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let (lo, hi, frac) = position(sorted.len(), p);
    interpolate(sorted[lo], sorted[hi], frac)
}

impl Summary {
    /// Summarise a sample (reorders it). `None` for an empty sample.
    pub fn of(data: &mut [f64]) -> Option<Summary> {
        if data.is_empty() {
            return None;
        }
        let (mean, sd) = mean_sd(data);
        let min = data.iter().copied().min_by(cmp).unwrap_or(f64::NAN);
        let max = data.iter().copied().max_by(cmp).unwrap_or(f64::NAN);
        Some(Summary {
            mean,
            sd,
            se: sd / (data.len() as f64).sqrt(),
            min,
            quantiles: Quantiles::of(data),
            max,
            ci95: None,
        })
    }
}

impl std::ops::Deref for Summary {
    type Target = Quantiles<f64>;
    fn deref(&self) -> &Quantiles<f64> {
        &self.quantiles
    }
}

impl std::ops::DerefMut for Summary {
    fn deref_mut(&mut self) -> &mut Quantiles<f64> {
        &mut self.quantiles
    }
}

/// The chance that a sample value is at least `threshold`, with its standard error
/// √(p(1−p)/n).
pub fn probability_at_least(data: &[f64], threshold: f64) -> (f64, f64) {
    let n = data.len() as f64;
    if data.is_empty() {
        return (f64::NAN, f64::NAN);
    }
    let p = data.iter().filter(|&&x| x >= threshold).count() as f64 / n;
    (p, (p * (1.0 - p) / n).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn percentiles_match_numpy_linear() {
        // numpy.percentile([1, 2, 3, 4], [5, 50, 90]) == [1.15, 2.5, 3.7]
        let mut d = vec![4.0, 1.0, 3.0, 2.0];
        let q = quantiles(&mut d, &[0.05, 0.5, 0.9]);
        assert!(
            (q[0] - 1.15).abs() < 1e-12 && (q[1] - 2.5).abs() < 1e-12 && (q[2] - 3.7).abs() < 1e-12,
            "{q:?}"
        );
    }

    #[test]
    fn summary_of_known_sample() {
        let mut d: Vec<f64> = (1..=11).map(f64::from).collect();
        let s = Summary::of(&mut d).expect("non-empty");
        assert_eq!((s.min, s.p50, s.max, s.mean), (1.0, 6.0, 11.0, 6.0));
        // sample sd of 1..11 is sqrt(11)
        assert!((s.sd - 11f64.sqrt()).abs() < 1e-12);
        assert!((s.se - 1.0).abs() < 1e-12);
        assert!((s.p10 - 2.0).abs() < 1e-12 && (s.p25 - 3.5).abs() < 1e-12);
    }

    #[test]
    fn one_value_and_empty() {
        let s = Summary::of(&mut [7.0]).expect("non-empty");
        assert_eq!((s.sd, s.p5, s.p95), (0.0, 7.0, 7.0));
        assert!(Summary::of(&mut []).is_none());
    }

    #[test]
    fn probability_at_least_counts_ties() {
        let (p, se) = probability_at_least(&[1.0, 2.0, 3.0, 4.0], 3.0);
        assert_eq!(p, 0.5);
        assert!((se - 0.25).abs() < 1e-12);
    }

    proptest! {
        #[test]
        fn selection_equals_sorting(mut v in prop::collection::vec(-1e9f64..1e9, 1..300)) {
            let mut sorted = v.clone();
            sorted.sort_unstable_by(f64::total_cmp);
            let q = quantiles(&mut v, &SUMMARY_PROBS);
            for (p, x) in SUMMARY_PROBS.iter().zip(&q) {
                prop_assert_eq!(*x, quantile_sorted(&sorted, *p));
            }
        }

        #[test]
        fn percentiles_are_ordered(mut v in prop::collection::vec(-1e6f64..1e6, 1..300)) {
            let s = Summary::of(&mut v).expect("non-empty");
            let seq = [s.min, s.p5, s.p10, s.p25, s.p50, s.p75, s.p90, s.p95, s.max];
            prop_assert!(seq.windows(2).all(|w| w[0] <= w[1]), "{:?}", seq);
            prop_assert!(s.min <= s.mean && s.mean <= s.max);
        }
    }

    #[test]
    fn one_quantiles_type_for_numbers_and_dates() {
        let mut v = vec![10.0, 0.0, 20.0, 30.0, 40.0];
        let q = Quantiles::of(&mut v);
        assert_eq!((q.p5, q.p25, q.p50, q.p90), (2.0, 10.0, 20.0, 36.0));
        // dates: the same positions, rounded up to a day
        let start = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
        let d = q.map(|day| start + chrono::Days::new(day.ceil() as u64));
        assert_eq!(d.p90, start + chrono::Days::new(36));
        // each view prints its own keys, nothing else
        assert_eq!(keys(Spread(q)), ["p5", "p50", "p95"]);
        assert_eq!(keys(Band(d)), ["p10", "p50", "p90"]);
        assert_eq!(keys(Later(d)), ["p50", "p90"]);
        assert_eq!(keys(Upper(q)), ["p50", "p95"]);
        assert_eq!(Later(d).p50, d.p50);
        assert_eq!(Spread::fixed(3.0).p95, 3.0);
    }

    fn keys(v: impl Serialize) -> Vec<String> {
        let v = serde_json::to_value(v).unwrap_or_default();
        v.as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default()
    }
}
