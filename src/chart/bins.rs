//! Histogram bins and the median of chart data.

use super::axes::*;

/// Histogram bins over `values` with a "nice" width, about `target` of them.
/// `min_width` stops integer data (follower counts) from being split into
/// fractional bins that would leave every other bin empty.
#[derive(Debug, Clone)]
pub(crate) struct Bins {
    pub start: f64,
    pub width: f64,
    pub counts: Vec<u64>,
}

impl Bins {
    /// Left edge of bin `i`.
    pub fn left(&self, i: usize) -> f64 {
        self.start + i as f64 * self.width
    }
    /// Right edge of the last bin.
    pub fn end(&self) -> f64 {
        self.left(self.counts.len())
    }
}

/// Bins the usable `values` (returns `None` when there are none).
pub(crate) fn bin_values(values: &[f64], target: usize, min_width: f64) -> Option<Bins> {
    let (lo, hi) = min_max(values.iter().copied())?;
    let target = target.max(1);
    let mut width = nice_step((hi - lo) / target as f64).max(min_width);
    if hi - lo <= 0.0 {
        // Constant data: one bin centred on the value.
        width = nice_step((lo.abs() * 0.02).max(min_width).max(1e-9));
    }
    if !(width.is_finite() && width > 0.0) {
        width = 1.0;
    }
    let mut start = (lo / width).floor() * width;
    if hi - lo <= 0.0 {
        start = lo - width / 2.0;
    }
    // nice_step rounds up, so there are at most ~target+1 bins; the cap only
    // guards against pathological floating point.
    let n = (((hi - start) / width).floor() as usize + 1).clamp(1, 4 * target + 2);
    let mut counts = vec![0u64; n];
    for v in values.iter().copied().filter(|v| usable(*v)) {
        let i = ((v - start) / width).floor();
        let i = if i.is_finite() && i > 0.0 {
            i as usize
        } else {
            0
        };
        counts[i.min(n - 1)] += 1;
    }
    Some(Bins {
        start,
        width,
        counts,
    })
}

/// The median of the usable values.
pub(crate) fn median(values: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|v| usable(*v)).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}
