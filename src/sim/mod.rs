//! The Monte Carlo engine (SPEC §2): the only place that draws random numbers.
//!
//! One run draws the transfer day D (uniform integer over the route's duration, M6), the retention
//! rate r (uniform, triangular or PERT over the route's retention range, M6), the retained
//! followers R ~ Binomial(N, r) ([`binomial::sample`]), and the notary fee (uniform over its range when the route pays
//! one, M5). The losses L = N − R are spread over the M7 window by the unfollow curve in whole
//! followers ([`Model::cum_loss`]).
//!
//! Every random stream comes from [`stream`]`(seed, key)`: the key is the run index inside a
//! scenario, and a batch row's scenario seed is [`mix`]`(seed, hash of the row id)`. Runs are
//! drawn in fixed-size blocks in parallel; since each run has its own stream, the draws do not
//! depend on the thread count.

pub mod binomial;
pub mod closing;
pub mod copula;
pub mod lhs;
pub mod trajectory;

use crate::domain::Route;
use crate::eligibility::notary_range;
use crate::rules::{Range, Rulebook};
use crate::scenario::Scenario;
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};
use rand_distr::{Distribution, Pert, Triangular, Uniform};
use rayon::prelude::*;
use serde::Serialize;

/// The seed used when none is given. Fixed, so a repeated command prints the same answer.
pub const DEFAULT_SEED: u64 = 20_170_301;

/// Largest run count accepted.
pub const MAX_RUNS: u64 = 10_000_000;

/// Runs per parallel block. Fixed, so the block split never depends on the thread count.
pub const BLOCK: usize = 4096;

/// SplitMix64 finaliser: a bijective 64-bit mixer.
fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Combine a seed and a key into a new 64-bit seed.
pub fn mix(seed: u64, key: u64) -> u64 {
    splitmix64(seed ^ splitmix64(key))
}

/// The random stream for (seed, key). The one function every random number comes from.
pub fn stream(seed: u64, key: u64) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(mix(seed, key))
}

/// A stable 64-bit key for a text id (FNV-1a), used to seed batch rows.
pub fn key_of(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3)
    })
}

/// The distribution of the retention rate over the route's range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dist {
    /// Every rate in the range equally likely.
    #[default]
    Uniform,
    /// Triangular, peaked at the mode (the middle unless the rulebook gives one).
    Triangular,
    /// Beta-PERT (shape 4) with the same mode: smoother, less weight in the tails.
    Pert,
}

impl std::str::FromStr for Dist {
    type Err = crate::domain::WordError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "uniform" => Ok(Dist::Uniform),
            "triangular" => Ok(Dist::Triangular),
            "pert" => Ok(Dist::Pert),
            _ => Err(crate::domain::WordError {
                value: s.to_string(),
                allowed: "uniform, triangular, pert",
            }),
        }
    }
}

impl Dist {
    /// Every distribution.
    pub const ALL: [Dist; 3] = [Dist::Uniform, Dist::Triangular, Dist::Pert];

    /// The lowercase name.
    pub fn name(self) -> &'static str {
        match self {
            Dist::Uniform => "uniform",
            Dist::Triangular => "triangular",
            Dist::Pert => "pert",
        }
    }
}

/// A sampler of the retention rate, built once per scenario.
#[derive(Debug, Clone, Copy)]
enum RetentionSampler {
    Fixed(f64),
    Uniform(Uniform<f64>),
    Triangular(Triangular<f64>),
    Pert(Pert<f64>),
}

impl RetentionSampler {
    fn new(dist: Dist, min: f64, max: f64, mode: f64) -> RetentionSampler {
        // A zero-width range is a fixed value; the rand_distr constructors below cannot fail
        // for min < max with min <= mode <= max, which the rulebook validation guarantees.
        if min >= max {
            return RetentionSampler::Fixed(min);
        }
        let built = match dist {
            Dist::Uniform => Uniform::new_inclusive(min, max)
                .ok()
                .map(RetentionSampler::Uniform),
            Dist::Triangular => Triangular::new(min, max, mode)
                .ok()
                .map(RetentionSampler::Triangular),
            Dist::Pert => Pert::new(min, max)
                .with_shape(4.0)
                .with_mode(mode)
                .ok()
                .map(RetentionSampler::Pert),
        };
        built.unwrap_or(RetentionSampler::Fixed((min + max) / 2.0))
    }

    #[inline]
    fn sample<R: rand::Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match self {
            RetentionSampler::Fixed(v) => *v,
            RetentionSampler::Uniform(d) => d.sample(rng),
            RetentionSampler::Triangular(d) => d.sample(rng),
            RetentionSampler::Pert(d) => d.sample(rng),
        }
    }
}

/// Runs `start..end` drawn by `draw(index)` in parallel blocks of [`BLOCK`] runs.
fn par_fill(start: usize, end: usize, draw: impl Fn(u64) -> Draw + Sync) -> Vec<Draw> {
    let mut out = vec![Draw::default(); end.saturating_sub(start)];
    out.par_chunks_mut(BLOCK)
        .enumerate()
        .for_each(|(b, chunk)| {
            let base = (start + b * BLOCK) as u64;
            for (i, d) in chunk.iter_mut().enumerate() {
                *d = draw(base + i as u64);
            }
        });
    out
}

/// What one run draws.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Draw {
    /// Transfer day D (days after day 0).
    pub transfer_day: u32,
    /// Retention rate r.
    pub retention: f64,
    /// Retained followers R.
    pub retained: u64,
    /// Notary fee in yuan (0 when the route pays none).
    pub notary_fee: f64,
}

/// A scenario and rulebook turned into the numbers one run needs.
#[derive(Debug, Clone)]
pub struct Model {
    /// The route.
    pub route: Route,
    /// Source followers N.
    pub followers: u64,
    /// Target followers T.
    pub target_followers: u64,
    /// Overlap o.
    pub overlap: f64,
    /// Daily growth g.
    pub daily_growth: f64,
    /// Horizon H.
    pub horizon: u32,
    /// Value per follower v.
    pub value_per_follower: f64,
    /// M6 duration range.
    pub duration: Range<u32>,
    /// M6 retention range.
    pub retention: Range<f64>,
    /// M4 review fee.
    pub review_fee: f64,
    /// M5 notary fee range, when the route pays one.
    pub notary: Option<Range<f64>>,
    /// M7 window length W.
    pub window: u32,
    /// Cumulative share of the losses by the end of window day k (k = 1..=W); the last is 1.
    pub cum_weights: Vec<f64>,
    /// The retention distribution.
    pub dist: Dist,
    sampler: RetentionSampler,
    quantile: copula::RetentionQuantile,
    transfer: Option<Uniform<u32>>,
    notary_sampler: Option<Uniform<f64>>,
}

impl Model {
    /// Build the model of an allowed migration along `route`.
    pub fn new(book: &Rulebook, s: &Scenario, route: Route, dist: Dist) -> Model {
        let rr = book.route(route);
        let ret = rr.retention;
        let weights = book.unfollow_weights();
        let mut acc = 0.0;
        let mut cum_weights: Vec<f64> = weights
            .iter()
            .map(|w| {
                acc += w;
                acc.min(1.0)
            })
            .collect();
        if let Some(last) = cum_weights.last_mut() {
            *last = 1.0;
        }
        let notary = notary_range(book, s, route);
        let duration = rr.duration_days;
        Model {
            route,
            followers: s.followers,
            target_followers: s.target_followers,
            overlap: s.overlap,
            daily_growth: s.daily_growth,
            horizon: s.horizon_days,
            value_per_follower: s.value_per_follower,
            duration,
            retention: ret.range(),
            review_fee: book.migration.review_fee_yuan,
            notary,
            window: book.migration.unfollow_window_days,
            cum_weights,
            dist,
            sampler: RetentionSampler::new(dist, ret.min, ret.max, ret.mode_or_mid()),
            quantile: copula::RetentionQuantile::new(dist, ret.min, ret.max, ret.mode_or_mid()),
            transfer: (duration.min() < duration.max())
                .then(|| Uniform::new_inclusive(duration.min(), duration.max()).ok())
                .flatten(),
            notary_sampler: notary.and_then(|r| {
                if r.min() < r.max() {
                    Uniform::new_inclusive(r.min(), r.max()).ok()
                } else {
                    None
                }
            }),
        }
    }

    /// Draw run `index` of a scenario seeded with `seed`.
    #[inline]
    pub fn draw(&self, seed: u64, index: u64) -> Draw {
        self.draw_with(seed, index, |m, rng| m.sampler.sample(rng))
    }

    /// Draw run `index` with the retention correlated (Gaussian copula, [`copula`]) with the
    /// common normal `z` of the run at correlation `rho`; `rho` = 0 is [`Model::draw`].
    pub fn draw_correlated(&self, seed: u64, index: u64, z: f64, rho: f64) -> Draw {
        if rho <= 0.0 {
            return self.draw(seed, index);
        }
        self.draw_with(seed, index, |m, rng| {
            let e: f64 = rand_distr::StandardNormal.sample(rng);
            m.quantile.at(copula::correlated_uniform(rho, z, e))
        })
    }

    #[inline]
    fn draw_with(
        &self,
        seed: u64,
        index: u64,
        retention: impl FnOnce(&Model, &mut Xoshiro256PlusPlus) -> f64,
    ) -> Draw {
        let mut rng = stream(seed, index);
        let transfer_day = self.transfer_day(&mut rng);
        let retention = retention(self, &mut rng).clamp(0.0, 1.0);
        let retained = binomial::sample(&mut rng, self.followers, retention);
        let notary_fee = self.notary_fee(&mut rng);
        Draw {
            transfer_day,
            retention,
            retained,
            notary_fee,
        }
    }

    /// The transfer day of a run, the first draw of its stream.
    #[inline(always)]
    fn transfer_day(&self, rng: &mut Xoshiro256PlusPlus) -> u32 {
        match &self.transfer {
            Some(u) => u.sample(rng),
            None => self.duration.min(),
        }
    }

    /// The notary fee of a run, the last draw of its stream.
    #[inline(always)]
    fn notary_fee(&self, rng: &mut Xoshiro256PlusPlus) -> f64 {
        match (&self.notary, &self.notary_sampler) {
            (_, Some(u)) => u.sample(rng),
            (Some(r), None) => r.min(),
            (None, None) => 0.0,
        }
    }

    /// Runs `index` and `index + 1`: exactly `[draw(seed, index), draw(seed, index + 1)]`, the
    /// two computed side by side so that the processor overlaps their latencies (a run is one
    /// long chain: seeding, retention, square root, division).
    #[inline]
    fn draw_two(&self, seed: u64, index: u64) -> [Draw; 2] {
        let (mut r1, mut r2) = (stream(seed, index), stream(seed, index + 1));
        let (t1, t2) = (self.transfer_day(&mut r1), self.transfer_day(&mut r2));
        let p1 = self.sampler.sample(&mut r1).clamp(0.0, 1.0);
        let p2 = self.sampler.sample(&mut r2).clamp(0.0, 1.0);
        let (k1, k2) = binomial::sample_pair(&mut r1, p1, &mut r2, p2, self.followers);
        let (f1, f2) = (self.notary_fee(&mut r1), self.notary_fee(&mut r2));
        [
            Draw {
                transfer_day: t1,
                retention: p1,
                retained: k1,
                notary_fee: f1,
            },
            Draw {
                transfer_day: t2,
                retention: p2,
                retained: k2,
                notary_fee: f2,
            },
        ]
    }

    /// Runs `start`, `start + 1`, … into `out`, two at a time: the same as [`Model::draw`] run
    /// by run.
    pub fn draw_into(&self, seed: u64, start: u64, out: &mut [Draw]) {
        let mut pairs = out.chunks_exact_mut(2);
        let mut i = start;
        for pair in &mut pairs {
            pair.copy_from_slice(&self.draw_two(seed, i));
            i += 2;
        }
        for d in pairs.into_remainder() {
            *d = self.draw(seed, i);
        }
    }

    /// Draw run `index` with the inputs at stratified uniforms: `u(d, v)` maps input d
    /// (0 retention, 1 transfer day, 2 notary fee) and a fresh uniform v of the run's stream to
    /// the uniform that input takes ([`lhs`]).
    pub fn draw_stratified(&self, seed: u64, index: u64, u: impl Fn(usize, f64) -> f64) -> Draw {
        let mut rng = stream(seed, index);
        let v: [f64; 3] = std::array::from_fn(|_| rng.random::<f64>());
        let span = f64::from(self.duration.max() - self.duration.min()) + 1.0;
        let transfer_day = self.duration.min()
            + ((u(1, v[1]) * span) as u32).min(self.duration.max() - self.duration.min());
        let retention = self.quantile.at(u(0, v[0])).clamp(0.0, 1.0);
        let retained = binomial::sample(&mut rng, self.followers, retention);
        let notary_fee = self
            .notary
            .map_or(0.0, |r| r.min() + u(2, v[2]) * (r.max() - r.min()));
        Draw {
            transfer_day,
            retention,
            retained,
            notary_fee,
        }
    }

    /// [`Model::draw_serial`] with the retention correlated across the accounts of a batch
    /// seeded `batch_seed` at correlation `rho` (see [`copula`]).
    pub fn draw_serial_correlated(
        &self,
        seed: u64,
        batch_seed: u64,
        rho: f64,
        runs: usize,
        out: &mut Vec<Draw>,
    ) {
        out.clear();
        out.extend(
            (0..runs as u64)
                .map(|i| self.draw_correlated(seed, i, copula::common_normal(batch_seed, i), rho)),
        );
    }

    /// Draw `runs` runs into a vector, in parallel, identical for any thread count.
    pub fn draw_all(&self, seed: u64, runs: usize) -> Vec<Draw> {
        self.draw_range(seed, 0, runs)
    }

    /// [`Model::draw_all`] with the retention correlated across the accounts of a run seeded
    /// `batch_seed` at correlation `rho` (see [`copula`]); `rho` = 0 is [`Model::draw_all`].
    pub fn draw_all_correlated(
        &self,
        seed: u64,
        batch_seed: u64,
        rho: f64,
        runs: usize,
    ) -> Vec<Draw> {
        par_fill(0, runs, |i| {
            self.draw_correlated(seed, i, copula::common_normal(batch_seed, i), rho)
        })
    }

    /// Draw runs `start..end` (start a multiple of the block size, so the blocks are those of
    /// [`Model::draw_all`]) in parallel: `draw_all(seed, end)` is `draw_all(seed, start)`
    /// followed by these.
    pub fn draw_range(&self, seed: u64, start: usize, end: usize) -> Vec<Draw> {
        let mut out = vec![Draw::default(); end.saturating_sub(start)];
        out.par_chunks_mut(BLOCK)
            .enumerate()
            .for_each(|(b, chunk)| self.draw_into(seed, (start + b * BLOCK) as u64, chunk));
        out
    }

    /// Draw `runs` runs on the calling thread only (for batch rows, which are parallel already).
    pub fn draw_serial(&self, seed: u64, runs: usize, out: &mut Vec<Draw>) {
        out.clear();
        out.resize(runs, Draw::default());
        self.draw_into(seed, 0, out);
    }

    /// Followers lost by the end of window day `k` (0 ≤ k), out of `lost`: whole followers,
    /// non-decreasing in k and in `lost`, equal to `lost` from day W on (M7).
    #[inline]
    pub fn cum_loss(&self, k: u32, lost: u64) -> u64 {
        if k == 0 {
            return 0;
        }
        if k >= self.window {
            return lost;
        }
        let share = self.cum_weights[(k - 1) as usize];
        ((lost as f64 * share + 0.5).floor() as u64).min(lost)
    }

    /// The source's followers still following at the end of day t for a run with transfer day
    /// `d` and `retained` followers kept.
    #[inline]
    pub fn remaining(&self, t: u32, d: u32, retained: u64) -> u64 {
        if t <= d {
            self.followers
        } else {
            self.followers - self.cum_loss(t - d, self.followers - retained)
        }
    }

    /// (1+g)^t.
    #[inline]
    pub fn growth(&self, t: u32) -> f64 {
        (1.0 + self.daily_growth).powi(t as i32)
    }

    /// The audience on day t given the source followers still following (SPEC §2).
    #[inline]
    pub fn audience(&self, t: u32, remaining: f64) -> f64 {
        (self.target_followers as f64 + remaining * (1.0 - self.overlap)) * self.growth(t)
    }

    /// The audience on the horizon day of one run.
    #[inline]
    pub fn final_audience(&self, d: &Draw) -> f64 {
        self.audience(
            self.horizon,
            self.remaining(self.horizon, d.transfer_day, d.retained) as f64,
        )
    }

    /// Total cost of one run: M4 review fee plus the M5 notary fee.
    #[inline]
    pub fn cost(&self, d: &Draw) -> f64 {
        self.review_fee + d.notary_fee
    }

    /// The losses of one run split per window day (whole followers that add up to L).
    pub fn daily_losses(&self, lost: u64) -> Vec<u64> {
        (1..=self.window)
            .map(|k| self.cum_loss(k, lost) - self.cum_loss(k - 1, lost))
            .collect()
    }
}

#[cfg(test)]
mod tests;
