//! The precision of Monte Carlo estimates as 95% intervals (facts; the edge words them):
//!
//! - a share of runs (the chance of reaching a threshold) gets the Wilson score interval, which
//!   stays inside 0..=1 and is not empty at 0 or 1 (no "0.0% ± 0.0%");
//! - a percentile gets the distribution-free interval between two order statistics: with n runs
//!   the number of runs below the true q-quantile is Binomial(n, q), so the order statistics at
//!   that binomial's 2.5% and 97.5% quantiles bracket the true percentile with probability at
//!   least 95% whatever the distribution. With few runs a side can be out of reach (no order
//!   statistic is far enough out): that side is `None`.
//!
//! [`step`] turns an interval's half-width into the rounding step of a printed number.

use crate::stats::SUMMARY_PROBS;
use serde::Serialize;
use statrs::distribution::{Binomial, DiscreteCDF};

/// The normal quantile of 97.5%: a two-sided 95% interval is ±Z95 standard errors.
pub const Z95: f64 = 1.959_963_984_540_054;

/// A 95% interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    /// Lower end.
    pub low: f64,
    /// Upper end.
    pub high: f64,
}

/// A 95% interval whose ends may be out of reach of the runs (`null` in JSON).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Bounds {
    /// Lower end, `None` when fewer runs than needed lie below the percentile.
    pub low: Option<f64>,
    /// Upper end, `None` when fewer runs than needed lie above the percentile.
    pub high: Option<f64>,
}

impl Bounds {
    /// Half the width, when both ends are known.
    pub fn half_width(&self) -> Option<f64> {
        match (self.low, self.high) {
            (Some(l), Some(h)) => Some((h - l) / 2.0),
            _ => None,
        }
    }

    /// Whether `x` lies inside (an unknown end counts as unbounded).
    pub fn contains(&self, x: f64) -> bool {
        self.low.is_none_or(|l| l <= x) && self.high.is_none_or(|h| x <= h)
    }
}

/// 95% intervals of the percentiles of a [`crate::stats::Summary`], keyed by percentile.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PercentileIntervals {
    /// 5th percentile.
    pub p5: Bounds,
    /// 10th percentile.
    pub p10: Bounds,
    /// 25th percentile.
    pub p25: Bounds,
    /// Median.
    pub p50: Bounds,
    /// 75th percentile.
    pub p75: Bounds,
    /// 90th percentile.
    pub p90: Bounds,
    /// 95th percentile.
    pub p95: Bounds,
}

impl PercentileIntervals {
    /// The intervals of P5, P10, P25, P50, P75, P90 and P95, in that order.
    pub fn of(b: &[Bounds]) -> PercentileIntervals {
        let at = |i: usize| b.get(i).copied().unwrap_or_default();
        PercentileIntervals {
            p5: at(0),
            p10: at(1),
            p25: at(2),
            p50: at(3),
            p75: at(4),
            p90: at(5),
            p95: at(6),
        }
    }
}

/// The Wilson score 95% interval of a share of `hits` out of `n` trials (n ≥ 1).
pub fn wilson(hits: u64, n: u64) -> Interval {
    if n == 0 {
        return Interval {
            low: 0.0,
            high: 1.0,
        };
    }
    let nf = n as f64;
    let p = hits as f64 / nf;
    let z2 = Z95 * Z95;
    let centre = p + z2 / (2.0 * nf);
    let spread = Z95 * (p * (1.0 - p) / nf + z2 / (4.0 * nf * nf)).sqrt();
    let denom = 1.0 + z2 / nf;
    Interval {
        low: if hits == 0 {
            0.0
        } else {
            ((centre - spread) / denom).max(0.0)
        },
        high: if hits == n {
            1.0
        } else {
            ((centre + spread) / denom).min(1.0)
        },
    }
}

/// The 0-based ranks (lower, upper) of the order statistics that bracket the q-quantile of `n`
/// runs with probability at least 95% (2.5% or less on each side).
pub fn ranks(n: usize, q: f64) -> (Option<usize>, Option<usize>) {
    let Ok(b) = Binomial::new(q.clamp(0.0, 1.0), n as u64) else {
        return (None, None);
    };
    // The smallest j with P(B ≤ j) ≥ target, by bisection over 0..=n.
    let smallest = |target: f64| -> u64 {
        let (mut lo, mut hi) = (0u64, n as u64);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if b.cdf(mid) >= target {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        lo
    };
    // X_(l) ≤ x_q unless at most l runs fall below x_q: P(B ≤ l) ≤ 2.5% for l below the
    // 2.5% quantile of B. X_(u) ≥ x_q unless more than u runs do: P(B > u) ≤ 2.5% from the
    // 97.5% quantile on.
    let low = smallest(0.025).checked_sub(1).map(|l| l as usize);
    let up = smallest(0.975) as usize;
    (low, (up < n).then_some(up))
}

/// The distribution-free 95% intervals of the [`SUMMARY_PROBS`] percentiles of `data`, found
/// by cascading selection (reorders `data`).
pub fn percentile_intervals(data: &mut [f64]) -> PercentileIntervals {
    let per = summary_ranks(data.len());
    percentile_intervals_at(data, &per)
}

/// The interval ranks ([`ranks`]) of the [`SUMMARY_PROBS`] percentiles of `n` runs: the same
/// for every metric of a forecast, so computed once.
pub fn summary_ranks(n: usize) -> Vec<(Option<usize>, Option<usize>)> {
    SUMMARY_PROBS.iter().map(|&q| ranks(n, q)).collect()
}

/// [`percentile_intervals`] with the ranks of [`summary_ranks`]`(data.len())` given.
pub fn percentile_intervals_at(
    data: &mut [f64],
    per: &[(Option<usize>, Option<usize>)],
) -> PercentileIntervals {
    let mut wanted: Vec<usize> = per
        .iter()
        .flat_map(|(l, u)| l.iter().chain(u.iter()).copied())
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut picked = Vec::with_capacity(wanted.len());
    let mut start = 0;
    for &k in &wanted {
        let (_, nth, _) = data[start..].select_nth_unstable_by(k - start, f64::total_cmp);
        picked.push(*nth);
        start = k + 1;
    }
    let value = |k: Option<usize>| {
        k.and_then(|k| wanted.binary_search(&k).ok())
            .and_then(|i| picked.get(i).copied())
    };
    let b: Vec<Bounds> = per
        .iter()
        .map(|&(l, u)| Bounds {
            low: value(l),
            high: value(u),
        })
        .collect();
    PercentileIntervals::of(&b)
}

/// Whether the 95% intervals of P5, P50 and P95 of `data` all lie within `rel` (relative) of
/// their percentiles (reorders `data`). An end out of reach of the runs fails.
pub fn tails_within(data: &mut [f64], rel: f64) -> bool {
    let q = crate::stats::quantiles(data, &[0.05, 0.5, 0.95]);
    let ci = percentile_intervals(data);
    [(q[0], ci.p5), (q[1], ci.p50), (q[2], ci.p95)]
        .iter()
        .all(|(x, b)| match (b.low, b.high) {
            (Some(l), Some(h)) => (x - l).max(h - x) <= rel * x.abs(),
            _ => false,
        })
}

/// The rounding step of a number whose 95% interval has half-width `half`: the largest power
/// of ten not above it (digits below that step are noise), never below `floor` (whole
/// followers, whole yuan). `None` (an unknown or zero width) gives `floor`.
pub fn step(half: Option<f64>, floor: f64) -> f64 {
    match half {
        Some(h) if h.is_finite() && h > 0.0 => 10f64.powf(h.log10().floor()).max(floor),
        _ => floor,
    }
}

/// `x` rounded to a multiple of `step`.
pub fn round_to(x: f64, step: f64) -> f64 {
    if step > 0.0 && x.is_finite() {
        (x / step).round() * step
    } else {
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::stream;
    use rand::RngExt;
    use statrs::distribution::{Binomial, Discrete, DiscreteCDF};

    #[test]
    fn wilson_is_honest_at_zero_and_one() {
        let z = wilson(0, 10_000);
        assert_eq!(z.low, 0.0);
        // z²/(n + z²) = 3.84/10,003.84
        assert!((z.high - Z95 * Z95 / (10_000.0 + Z95 * Z95)).abs() < 1e-15);
        let one = wilson(10, 10);
        assert_eq!(one.high, 1.0);
        assert!(one.low > 0.6 && one.low < 0.75, "{one:?}");
        let half = wilson(50, 100);
        assert!((half.low + half.high - 1.0).abs() < 1e-12);
    }

    #[test]
    fn ranks_match_the_binomial_and_vanish_with_few_runs() {
        // n = 10, q = 0.05: P(B = 0) = 0.95^10 ≈ 0.60 > 2.5%, no lower end.
        assert_eq!(ranks(10, 0.05).0, None);
        // n = 10, q = 0.5: the classic [X_(2), X_(9)] (1-based), coverage 97.9%.
        assert_eq!(ranks(10, 0.5), (Some(1), Some(8)));
        let (l, u) = ranks(10_000, 0.5);
        let (l, u) = (l.expect("low"), u.expect("high"));
        // ±1.96·√(n/4) = ±98 around 5,000.
        assert!(
            (4_899..=4_903).contains(&l) && (5_097..=5_100).contains(&u),
            "{l} {u}"
        );
    }

    /// Exact coverage of the order-statistic interval for a continuous distribution:
    /// P(l + 1 ≤ B ≤ u) with B ~ Binomial(n, q).
    fn exact_coverage(n: usize, q: f64) -> f64 {
        let b = Binomial::new(q, n as u64).expect("valid");
        let (l, u) = ranks(n, q);
        let upper = u.map_or(1.0, |u| b.cdf(u as u64));
        let lower = l.map_or(0.0, |l| b.cdf(l as u64));
        upper - lower
    }

    #[test]
    fn percentile_intervals_cover_at_their_exact_rate() {
        // 2,000 samples of 60 uniforms (exact q-quantile q). The count of covering samples is
        // Binomial(2,000, c) with c the exact coverage (≥ 95%); we allow 4 standard deviations
        // √(c(1−c)/2,000) (a correct implementation fails with probability below 1e-4).
        let (trials, n) = (2_000, 60);
        let mut covered = [0u32; 7];
        let mut rng = stream(3, 3);
        for _ in 0..trials {
            let mut x: Vec<f64> = (0..n).map(|_| rng.random::<f64>()).collect();
            let ci = percentile_intervals(&mut x);
            let all = [ci.p5, ci.p10, ci.p25, ci.p50, ci.p75, ci.p90, ci.p95];
            for (i, (b, q)) in all.iter().zip(SUMMARY_PROBS).enumerate() {
                if b.contains(q) {
                    covered[i] += 1;
                }
            }
        }
        for (i, q) in SUMMARY_PROBS.iter().enumerate() {
            let c = exact_coverage(n, *q);
            assert!(c >= 0.95, "q {q}: exact coverage {c}");
            let got = f64::from(covered[i]) / f64::from(trials);
            let tol = 4.0 * (c * (1.0 - c) / f64::from(trials)).sqrt();
            assert!(
                (got - c).abs() <= tol,
                "q {q}: coverage {got}, exact {c} ± {tol}"
            );
        }
    }

    #[test]
    fn wilson_covers_about_95_percent() {
        // 4,000 shares of 200 Bernoulli(p) trials. The exact coverage c of Wilson's interval
        // (the binomial probability of the hit counts whose interval holds p) is near 95%; the
        // count of covering trials is Binomial(4,000, c), allowed 4 standard deviations.
        let (trials, n) = (4_000u32, 200u64);
        let mut rng = stream(5, 5);
        for p in [0.02, 0.2, 0.5] {
            let b = Binomial::new(p, n).expect("valid");
            let c: f64 = (0..=n)
                .filter(|&k| {
                    let i = wilson(k, n);
                    i.low <= p && p <= i.high
                })
                .map(|k| b.pmf(k))
                .sum();
            assert!((0.93..=0.97).contains(&c), "p {p}: exact coverage {c}");
            let mut covered = 0u32;
            for _ in 0..trials {
                let hits = (0..n).filter(|_| rng.random::<f64>() < p).count() as u64;
                let i = wilson(hits, n);
                if i.low <= p && p <= i.high {
                    covered += 1;
                }
            }
            let got = f64::from(covered) / f64::from(trials);
            let tol = 4.0 * (c * (1.0 - c) / f64::from(trials)).sqrt();
            assert!((got - c).abs() <= tol, "p {p}: coverage {got}, exact {c}");
        }
    }

    #[test]
    fn steps_are_powers_of_ten() {
        assert_eq!(step(Some(11.0), 1.0), 10.0);
        assert_eq!(step(Some(0.3), 1.0), 1.0);
        assert_eq!(step(Some(0.003), 0.0001), 0.001);
        assert_eq!(step(None, 1.0), 1.0);
        assert_eq!(round_to(4_583.966, 10.0), 4_580.0);
    }
}
