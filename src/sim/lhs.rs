//! Latin hypercube sampling of a run's inputs (retention, transfer day, notary fee), with
//! independent replicated hypercubes for honest standard errors and intervals.
//!
//! The runs are split into [`REPLICATES`] consecutive groups of nearly equal size m. In each
//! group, input d of the group's j-th run is F_d⁻¹((π_d(j) + v)/m), with π_d a random
//! permutation of 0..m (from the seed, the group and d) and v uniform (from the run's own
//! stream): every input hits each of its m equal-probability strata exactly once per group, and
//! each run's inputs are still exactly distributed. The retained followers stay binomial given
//! the retention. The groups are independent, so the spread of an estimate across groups gives
//! its standard error ([`replicate_interval`]).

use super::{mix, stream, Draw, Model};
use rand::RngExt;
use std::ops::Range;

/// Independent hypercubes per forecast.
pub const REPLICATES: usize = 10;

/// Key of the permutations' streams, apart from the run indices' keys.
const LHS_KEY: u64 = 0x1A7E_C0BE;

/// The sampling of a run's inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sampling {
    /// Independent draws (Monte Carlo).
    #[default]
    Mc,
    /// Latin hypercube, in [`REPLICATES`] independent hypercubes.
    Lhs,
}

impl Sampling {
    /// Whether this is the default, [`Sampling::Mc`] (documents leave it out).
    pub fn is_mc(&self) -> bool {
        *self == Sampling::Mc
    }
}

/// The index ranges of the replicated hypercubes of `runs` runs (fewer groups when there are
/// fewer runs than [`REPLICATES`]).
pub fn replicates(runs: usize) -> Vec<Range<usize>> {
    let groups = REPLICATES.min(runs).max(1);
    (0..groups)
        .map(|k| (k * runs / groups)..((k + 1) * runs / groups))
        .collect()
}

/// A random permutation of 0..m (Fisher–Yates) from the stream of (seed, key).
fn permutation(seed: u64, key: u64, m: usize) -> Vec<u32> {
    let mut rng = stream(seed, key);
    let mut p: Vec<u32> = (0..m as u32).collect();
    for i in (1..m).rev() {
        let j = rng.random_range(0..=i);
        p.swap(i, j);
    }
    p
}

/// `runs` runs of `model` by Latin hypercube sampling, in run order (group by group).
pub fn draw_lhs(model: &Model, seed: u64, runs: usize) -> Vec<Draw> {
    let mut out = Vec::with_capacity(runs);
    for (k, group) in replicates(runs).into_iter().enumerate() {
        let m = group.len();
        let perms: [Vec<u32>; 3] =
            std::array::from_fn(|d| permutation(mix(seed, LHS_KEY), (k * 3 + d) as u64, m));
        out.extend(group.enumerate().map(|(j, index)| {
            model.draw_stratified(seed, index as u64, |d, v| {
                (f64::from(perms[d][j]) + v) / m as f64
            })
        }));
    }
    out
}

/// The t quantile of 97.5% with `df` degrees of freedom (1 to 9; above, 1.96 is within 5%).
fn t975(df: usize) -> f64 {
    const T: [f64; 9] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262,
    ];
    T.get(df.wrapping_sub(1)).copied().unwrap_or(1.96)
}

/// A 95% interval around `estimate` from independent replicate estimates: ± t·sd/√R. `None`
/// with fewer than two replicates.
pub fn replicate_interval(estimate: f64, per_group: &[f64]) -> Option<(f64, f64)> {
    let r = per_group.len();
    if r < 2 {
        return None;
    }
    let (_, sd) = crate::stats::mean_sd(per_group);
    let half = t975(r - 1) * sd / (r as f64).sqrt();
    Some((estimate - half, estimate + half))
}

/// The half-width of the 95% interval of the `p`-percentile of `values` (run order) from the
/// spread of the percentile across the replicated hypercubes `groups`; `scratch` is reused.
pub fn replicate_half(
    values: &[f64],
    groups: &[Range<usize>],
    p: f64,
    scratch: &mut Vec<f64>,
) -> Option<f64> {
    let per: Vec<f64> = groups
        .iter()
        .map(|g| {
            scratch.clear();
            scratch.extend_from_slice(&values[g.clone()]);
            crate::stats::quantiles(scratch, &[p])[0]
        })
        .collect();
    replicate_interval(0.0, &per).map(|(_, h)| h)
}

/// The half-width of the 95% interval of the mean of `values` (run order) from the spread of
/// the replicated hypercubes' means.
pub fn replicate_mean_half(values: &[f64], groups: &[Range<usize>]) -> Option<f64> {
    let means: Vec<f64> = groups
        .iter()
        .map(|g| values[g.clone()].iter().sum::<f64>() / g.len().max(1) as f64)
        .collect();
    replicate_interval(0.0, &means).map(|(_, h)| h)
}

/// [`crate::intervals::tails_within`] for Latin hypercube runs: whether the 95% intervals of
/// P5, P50 and P95 of `finals` (run order), from the replicates' spread, are within `rel` of
/// the pooled percentiles.
pub fn tails_within(finals: &[f64], rel: f64) -> bool {
    let groups = replicates(finals.len());
    let pooled = crate::stats::quantiles(&mut finals.to_vec(), &[0.05, 0.5, 0.95]);
    let mut scratch = Vec::new();
    pooled.iter().zip([0.05, 0.5, 0.95]).all(|(&x, p)| {
        replicate_half(finals, &groups, p, &mut scratch).is_some_and(|h| h <= rel * x.abs())
    })
}
