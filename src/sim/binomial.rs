//! An exact binomial sampler whose set-up is a handful of arithmetic operations, so that a new
//! success probability on every draw (the retention rate changes every run) costs almost nothing.
//!
//! - n·p ≥ 10: BTRS, the transformed rejection with squeeze of Hörmann (1993), "The generation of
//!   binomial random variates", J. Statist. Comput. Simul. 46, algorithm BTRS. About 88% of the
//!   draws are accepted by the squeeze box from two uniforms; most of the rest are settled by the
//!   normal squeeze of BTPE (with a logarithm only when cheap bounds on it cannot decide), and
//!   the few left (about 2%) evaluate the exact log pmf ratio with Stirling's series (four
//!   terms; its truncation error is below 1e-10 at k ≥ 10 and the first ten terms come from a
//!   table). The slow path is out of line: inlined, the compiler computed its logarithms ahead
//!   on every draw.
//! - n·p < 10: inversion by sequential search from 0 (at most ~30 steps on average).
//!
//! p above ½ samples n − Binomial(n, 1 − p).

use rand::{Rng, RngExt};

/// ln(k!) − [(k + ½)·ln(k + 1) − (k + 1) + ½·ln(2π)] for k = 0…9 (checked in the tests).
const STIRLING_TAIL: [f64; 10] = [
    0.081_061_466_795_327_2,
    0.041_340_695_955_409_2,
    0.027_677_925_684_998_3,
    0.020_790_672_103_765_09,
    0.016_644_691_189_821_1,
    0.013_876_128_823_070_7,
    0.011_896_709_945_891_7,
    0.010_411_265_261_972_0,
    0.009_255_462_182_712_73,
    0.008_330_563_433_362_87,
];

/// The tail of Stirling's series for ln(k!) (see [`STIRLING_TAIL`]).
#[inline]
fn stirling_tail(k: f64) -> f64 {
    if k < 10.0 {
        STIRLING_TAIL[k as usize]
    } else {
        let kp1 = k + 1.0;
        let kp1sq = kp1 * kp1;
        (1.0 / 12.0 - (1.0 / 360.0 - 1.0 / 1260.0 / kp1sq) / kp1sq) / kp1
    }
}

/// One draw from Binomial(n, p). `p` outside 0..=1 (or NaN) is clamped to it.
#[inline]
pub fn sample<R: Rng + ?Sized>(rng: &mut R, n: u64, p: f64) -> u64 {
    let p = if p.is_nan() { 0.0 } else { p.clamp(0.0, 1.0) };
    if n == 0 || p == 0.0 {
        return 0;
    }
    if p == 1.0 {
        return n;
    }
    if p > 0.5 {
        return n - sample_low(rng, n, 1.0 - p);
    }
    sample_low(rng, n, p)
}

/// Binomial(n, p) for 0 < p ≤ ½.
#[inline]
fn sample_low<R: Rng + ?Sized>(rng: &mut R, n: u64, p: f64) -> u64 {
    if n as f64 * p < 10.0 {
        inversion(rng, n, p)
    } else {
        btrs(rng, n, p)
    }
}

/// Sequential search of the inverse CDF from 0, for n·p < 10. A search that runs past 110 (a
/// probability below 1e-50 at n·p < 10, reached only through rounding) or past n starts over.
fn inversion<R: Rng + ?Sized>(rng: &mut R, n: u64, p: f64) -> u64 {
    let q = 1.0 - p;
    let s = p / q;
    let a = (n as f64 + 1.0) * s;
    let r0 = q.powf(n as f64);
    let limit = n.min(110);
    'draw: loop {
        let mut u: f64 = rng.random();
        let mut r = r0;
        let mut x = 0u64;
        while u > r {
            u -= r;
            x += 1;
            if x > limit {
                continue 'draw;
            }
            r *= a / x as f64 - s;
        }
        return x;
    }
}

/// Hörmann's BTRS for n·p ≥ 10 and p ≤ ½.
fn btrs<R: Rng + ?Sized>(rng: &mut R, n: u64, p: f64) -> u64 {
    Btrs::new(n, p).sample(rng)
}

/// The set-up of BTRS for one (n, p), n·p ≥ 10 and p ≤ ½.
///
/// Written for latency, since a new p arrives with every draw: 1/us is computed from the
/// uniforms while √(npq) is still on its way, the squeeze box compares v·b with 0.92·b − 4.2
/// instead of dividing, and a logarithm is taken only when the cheap bounds
/// 1 − 1/w ≤ ln w ≤ 2(w − 1)/(w + 1) (w ≤ 1) cannot settle the normal squeeze.
struct Btrs {
    nf: f64,
    p: f64,
    spq: f64,
    a: f64,
    b: f64,
    c: f64,
    vb_max: f64,
}

impl Btrs {
    #[inline(always)]
    fn new(n: u64, p: f64) -> Btrs {
        let nf = n as f64;
        let spq = (nf * p * (1.0 - p)).sqrt();
        let b = 1.15 + 2.53 * spq;
        Btrs {
            nf,
            p,
            spq,
            a: -0.0873 + 0.0248 * b + 0.01 * p,
            b,
            c: nf * p + 0.5,
            // v ≤ v_r with v_r = 0.92 − 4.2/b, multiplied through by b > 0.
            vb_max: 0.92 * b - 4.2,
        }
    }

    /// One try from the uniforms u and v: the draw when accepted.
    #[inline(always)]
    fn attempt(&self, u: f64, v: f64) -> Option<u64> {
        let u = u - 0.5;
        let us = 0.5 - u.abs();
        let inv = 1.0 / us;
        let x = (2.0 * self.a * inv + self.b) * u + self.c;
        // k = ⌊x⌋; x < 0 gives k < 0, outside the support (the squeeze box below never
        // reaches it for n·p ≥ 10), and truncation is the floor for x ≥ 0 (through i64,
        // cheaper than u64: |x| < 2a·2⁵³ + b + c is far inside its range).
        if x < 0.0 || x.is_nan() {
            return None;
        }
        let k = x as i64;
        if us >= 0.07 && v * self.b <= self.vb_max {
            return Some(k as u64);
        }
        let kf = k as f64;
        if kf > self.nf {
            return None;
        }
        accept(self.nf, self.p, self.spq, self.a, self.b, kf, v, inv).then_some(k as u64)
    }

    /// Tries until one is accepted.
    #[inline(always)]
    fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> u64 {
        loop {
            let u: f64 = rng.random();
            let v: f64 = rng.random();
            if let Some(k) = self.attempt(u, v) {
                return k;
            }
        }
    }
}

/// How a draw of Binomial(n, p) is made.
#[derive(Clone, Copy)]
enum Plan {
    /// BTRS at p ≤ ½, the draw taken from n when `flip` (p above ½ was given).
    Btrs { p: f64, flip: bool },
    /// Anything else: [`sample`].
    Other,
}

#[inline(always)]
fn plan(n: u64, p: f64) -> Plan {
    let p = if p.is_nan() { 0.0 } else { p.clamp(0.0, 1.0) };
    if n == 0 || p == 0.0 || p == 1.0 {
        return Plan::Other;
    }
    let (low, flip) = if p > 0.5 { (1.0 - p, true) } else { (p, false) };
    if n as f64 * low < 10.0 {
        Plan::Other
    } else {
        Plan::Btrs { p: low, flip }
    }
}

/// Two draws, Binomial(n, p1) from `r1` and Binomial(n, p2) from `r2`: exactly
/// `(sample(r1, n, p1), sample(r2, n, p2))`, with the two BTRS set-ups and first tries side
/// by side so that the processor overlaps their latencies (each draw waits on a square root
/// and a division, and a new p comes with every run).
#[inline]
pub fn sample_pair<R: Rng + ?Sized>(
    r1: &mut R,
    p1: f64,
    r2: &mut R,
    p2: f64,
    n: u64,
) -> (u64, u64) {
    match (plan(n, p1), plan(n, p2)) {
        (Plan::Btrs { p: q1, flip: f1 }, Plan::Btrs { p: q2, flip: f2 }) => {
            let (b1, b2) = (Btrs::new(n, q1), Btrs::new(n, q2));
            let (u1, v1): (f64, f64) = (r1.random(), r1.random());
            let (u2, v2): (f64, f64) = (r2.random(), r2.random());
            let (t1, t2) = (b1.attempt(u1, v1), b2.attempt(u2, v2));
            let k1 = t1.unwrap_or_else(|| b1.sample(r1));
            let k2 = t2.unwrap_or_else(|| b2.sample(r2));
            (if f1 { n - k1 } else { k1 }, if f2 { n - k2 } else { k2 })
        }
        _ => (sample(r1, n, p1), sample(r2, n, p2)),
    }
}

/// BTRS's acceptance test for k (0 ≤ k ≤ n) outside the squeeze box: ln(w) ≤ ln(f(k)/f(m))
/// with w = v·α/(a/us² + b), m the mode. Kept out of line, so that its logarithms and
/// divisions (the same for every try of a draw) are never computed ahead on the fast path.
#[cold]
#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn accept(nf: f64, p: f64, spq: f64, a: f64, b: f64, k: f64, v: f64, inv: f64) -> bool {
    let q = 1.0 - p;
    let alpha = (2.83 + 5.1 / b) * spq;
    let m = (((nf + 1.0) * p) as u64) as f64;
    let w = v * alpha / (a * inv * inv + b);
    // Squeeze first: for 20 < |k − m| < n·p·q/2 − 1, ln(f(k)/f(m)) lies within ρ of
    // −(k − m)²/(2npq) (the bounds of BTPE, Kachitvichyanukul & Schmeiser 1988, step 5.3),
    // which settles most draws with no logarithm at all.
    let npq = spq * spq;
    let d = (k - m).abs();
    let lhs = if d > 20.0 && d < 0.5 * npq - 1.0 {
        let inv_npq = 1.0 / npq;
        let rho = d * inv_npq * ((d * (d / 3.0 + 0.625) + 1.0 / 6.0) * inv_npq + 0.5);
        let t = -0.5 * d * d * inv_npq;
        // t + ρ < 0 here, so w ≥ 1 always rejects; below, bound ln w first.
        if 1.0 - 1.0 / w > t + rho {
            return false;
        }
        if w <= 1.0 && 2.0 * (w - 1.0) / (w + 1.0) < t - rho {
            return true;
        }
        let lhs = w.ln();
        if lhs < t - rho {
            return true;
        }
        if lhs > t + rho {
            return false;
        }
        lhs
    } else {
        w.ln()
    };
    let r = p / q;
    let rhs = (m + 0.5) * ((m + 1.0) / (r * (nf - m + 1.0))).ln()
        + (nf + 1.0) * ((nf - m + 1.0) / (nf - k + 1.0)).ln()
        + (k + 0.5) * (r * (nf - k + 1.0) / (k + 1.0)).ln()
        + stirling_tail(m)
        + stirling_tail(nf - m)
        - stirling_tail(k)
        - stirling_tail(nf - k);
    lhs <= rhs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::stream;
    use statrs::distribution::{Binomial, ChiSquared, ContinuousCDF, Discrete};
    use statrs::function::gamma::ln_gamma;

    #[test]
    fn stirling_table_is_the_exact_tail() {
        let half_ln_2pi = 0.5 * (2.0 * std::f64::consts::PI).ln();
        for k in 0..40u32 {
            let kf = f64::from(k);
            let exact =
                ln_gamma(kf + 1.0) - ((kf + 0.5) * (kf + 1.0).ln() - (kf + 1.0) + half_ln_2pi);
            assert!(
                (stirling_tail(kf) - exact).abs() < 1e-10,
                "k = {k}: {} vs {exact}",
                stirling_tail(kf)
            );
        }
    }

    /// Pearson's chi-square of `draws` samples of Binomial(n, p) against the exact pmf, with the
    /// outcomes pooled into cells of expected count at least 20 (the tails pooled into the end
    /// cells). Returns (statistic, degrees of freedom).
    fn chi_square(n: u64, p: f64, draws: usize, seed: u64) -> (f64, f64) {
        let exact = Binomial::new(p, n).expect("valid binomial");
        let mut counts = vec![0u64; n as usize + 1];
        let mut rng = stream(seed, n);
        for _ in 0..draws {
            let k = sample(&mut rng, n, p);
            assert!(k <= n);
            counts[k as usize] += 1;
        }
        let total = draws as f64;
        let mut cells: Vec<(f64, f64)> = Vec::new();
        let (mut exp_acc, mut obs_acc) = (0.0, 0.0);
        for (k, &c) in counts.iter().enumerate() {
            exp_acc += exact.pmf(k as u64) * total;
            obs_acc += c as f64;
            if exp_acc >= 20.0 {
                cells.push((obs_acc, exp_acc));
                exp_acc = 0.0;
                obs_acc = 0.0;
            }
        }
        if let Some(last) = cells.last_mut() {
            last.0 += obs_acc;
            last.1 += exp_acc;
        }
        let stat = cells.iter().map(|(o, e)| (o - e) * (o - e) / e).sum();
        (stat, cells.len() as f64 - 1.0)
    }

    #[test]
    fn draws_follow_the_exact_pmf() {
        // Both methods, both sides of ½, the switch at n·p = 10, and the sizes fanplan sees.
        let cases: [(u64, f64); 9] = [
            (1, 0.3),
            (20, 0.5),
            (60, 0.1),
            (100, 0.1),
            (101, 0.1),
            (1_000, 0.003),
            (5_000, 0.08),
            (120_000, 0.3),
            (100_000, 0.92),
        ];
        for (i, (n, p)) in cases.into_iter().enumerate() {
            let (stat, df) = chi_square(n, p, 200_000, 40 + i as u64);
            // Threshold: the chi-square quantile of 1 − 1e-6, so a correct sampler fails a case
            // with probability 1e-6 (and, with the fixed seeds, never once it has passed).
            let limit = ChiSquared::new(df).expect("df > 0").inverse_cdf(1.0 - 1e-6);
            assert!(
                stat < limit,
                "n {n}, p {p}: chi-square {stat} with {df} df > {limit}"
            );
        }
    }

    #[test]
    fn mean_and_variance_at_large_n() {
        // 200,000 draws of Binomial(10^7, 0.27): the sample mean within 5 standard errors.
        let (n, p) = (10_000_000u64, 0.27);
        let mut rng = stream(9, 9);
        let draws = 200_000;
        let xs: Vec<f64> = (0..draws).map(|_| sample(&mut rng, n, p) as f64).collect();
        let (mean, sd) = crate::stats::mean_sd(&xs);
        let var = n as f64 * p * (1.0 - p);
        assert!((mean - n as f64 * p).abs() < 5.0 * (var / draws as f64).sqrt());
        assert!((sd * sd - var).abs() < 5.0 * var * (2.0 / (draws as f64 - 1.0)).sqrt());
    }

    #[test]
    fn pairs_are_two_single_draws() {
        for (n, p1, p2) in [
            (120_000u64, 0.3, 0.72),
            (120_000, 0.66, 0.74),
            (50, 0.1, 0.95),
            (1_000, 0.003, 0.4),
            (10, 0.0, 1.0),
        ] {
            for i in 0..2000u64 {
                let (mut a1, mut a2) = (stream(3, 2 * i), stream(3, 2 * i + 1));
                let (mut b1, mut b2) = (stream(3, 2 * i), stream(3, 2 * i + 1));
                assert_eq!(
                    sample_pair(&mut a1, p1, &mut a2, p2, n),
                    (sample(&mut b1, n, p1), sample(&mut b2, n, p2))
                );
                // The streams are left where single draws leave them.
                assert_eq!(a1.random::<u64>(), b1.random::<u64>());
                assert_eq!(a2.random::<u64>(), b2.random::<u64>());
            }
        }
    }

    #[test]
    fn degenerate_probabilities() {
        let mut rng = stream(1, 1);
        assert_eq!(sample(&mut rng, 10, 0.0), 0);
        assert_eq!(sample(&mut rng, 10, 1.0), 10);
        assert_eq!(sample(&mut rng, 0, 0.4), 0);
        assert_eq!(sample(&mut rng, 10, f64::NAN), 0);
        assert_eq!(sample(&mut rng, 10, 1.5), 10);
    }
}
