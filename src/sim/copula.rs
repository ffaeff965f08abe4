//! Retention drawn through its quantile function, for correlated accounts (a Gaussian copula).
//!
//! In run j of a batch every account shares one standard normal Z_j (from the batch seed and j
//! only) and has its own E (from its own stream). Its retention is F⁻¹(Φ(√ρ·Z_j + √(1−ρ)·E)),
//! with F the route's retention distribution (M6): each account keeps its own distribution,
//! and ρ is the share of the uncertainty common to all. ρ = 1 gives every account the same
//! retention quantile in a run (comonotone); ρ = 0 is not drawn this way at all (the
//! independent sampler of [`super::Model::draw`] is used, bit for bit).

use super::{mix, stream, Dist};
use rand_distr::{Distribution, StandardNormal};
use statrs::distribution::{Beta, ContinuousCDF, Normal};

/// Key of the common normals' streams, apart from every row key.
const COMMON_KEY: u64 = 0xC0_4E1A_7E5D;

/// The quantile function of the retention distribution.
#[derive(Debug, Clone)]
pub struct RetentionQuantile {
    min: f64,
    max: f64,
    mode: f64,
    shape: Shape,
}

#[derive(Debug, Clone)]
enum Shape {
    Fixed,
    Uniform,
    Triangular,
    Pert(Beta),
}

impl RetentionQuantile {
    /// The quantile function of `dist` over min..=max with its mode (the same distributions as
    /// the sampler: PERT is Beta(1 + 4(m − min)/w, 1 + 4(max − m)/w) scaled to the range).
    pub fn new(dist: Dist, min: f64, max: f64, mode: f64) -> RetentionQuantile {
        let w = max - min;
        let shape = if w <= 0.0 {
            Shape::Fixed
        } else {
            match dist {
                Dist::Uniform => Shape::Uniform,
                Dist::Triangular => Shape::Triangular,
                Dist::Pert => Beta::new(1.0 + 4.0 * (mode - min) / w, 1.0 + 4.0 * (max - mode) / w)
                    .map_or(Shape::Uniform, Shape::Pert),
            }
        };
        RetentionQuantile {
            min,
            max,
            mode,
            shape,
        }
    }

    /// The u-quantile (u in 0..=1).
    pub fn at(&self, u: f64) -> f64 {
        let u = u.clamp(0.0, 1.0);
        let (a, b, c) = (self.min, self.max, self.mode);
        let w = b - a;
        match &self.shape {
            Shape::Fixed => a,
            Shape::Uniform => a + u * w,
            Shape::Triangular => {
                if u < (c - a) / w {
                    a + (u * w * (c - a)).sqrt()
                } else {
                    b - ((1.0 - u) * w * (b - c)).sqrt()
                }
            }
            Shape::Pert(beta) => a + w * beta.inverse_cdf(u),
        }
    }
}

/// The standard normal Z_j shared by every account in run `index` of a batch seeded `seed`.
pub fn common_normal(seed: u64, index: u64) -> f64 {
    StandardNormal.sample(&mut stream(mix(seed, COMMON_KEY), index))
}

/// Φ(√ρ·z + √(1−ρ)·e): a uniform whose normal score has correlation ρ with z.
pub fn correlated_uniform(rho: f64, z: f64, e: f64) -> f64 {
    let rho = rho.clamp(0.0, 1.0);
    let x = rho.sqrt() * z + (1.0 - rho).sqrt() * e;
    Normal::standard().cdf(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_invert_the_distributions() {
        let u = RetentionQuantile::new(Dist::Uniform, 0.65, 0.75, 0.7);
        assert!((u.at(0.5) - 0.7).abs() < 1e-12 && u.at(0.0) == 0.65 && u.at(1.0) == 0.75);
        let t = RetentionQuantile::new(Dist::Triangular, 0.0, 1.0, 0.5);
        // Triangular(0, 1, ½): F(x) = 2x² below ½, so F⁻¹(1/8) = ¼.
        assert!((t.at(0.125) - 0.25).abs() < 1e-12);
        assert!((t.at(0.875) - 0.75).abs() < 1e-12);
        // PERT with the mode in the middle is Beta(3, 3): symmetric about the middle.
        let p = RetentionQuantile::new(Dist::Pert, 0.65, 0.75, 0.7);
        assert!((p.at(0.5) - 0.7).abs() < 1e-9);
        assert!((p.at(0.1) - 0.7 + (p.at(0.9) - 0.7)).abs() < 1e-9);
        assert_eq!(
            RetentionQuantile::new(Dist::Pert, 0.8, 0.8, 0.8).at(0.3),
            0.8
        );
    }

    #[test]
    fn full_correlation_is_the_common_normal() {
        assert_eq!(correlated_uniform(1.0, 0.0, 3.0), 0.5);
        assert!((correlated_uniform(0.0, 3.0, 0.0) - 0.5).abs() < 1e-15);
    }
}
