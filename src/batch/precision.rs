//! The precision of a batch row's numbers: the half-widths of their 95% intervals, which set
//! how many digits its CSV cells print (README "No false digits").

/// Half-widths of the 95% intervals of a row's numbers (`None`: out of reach of the runs).
/// Percentiles use the distribution-free order-statistic interval, the mean its standard error.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RowPrecision {
    /// `retention_p50`.
    pub retention_p50: Option<f64>,
    /// `retained_mean`.
    pub retained_mean: Option<f64>,
    /// `retained_p5`.
    pub retained_p5: Option<f64>,
    /// `retained_p50`.
    pub retained_p50: Option<f64>,
    /// `retained_p95`.
    pub retained_p95: Option<f64>,
    /// `final_audience_p50`.
    pub final_audience_p50: Option<f64>,
    /// `cost_p50`.
    pub cost_p50: Option<f64>,
    /// `cost_p95`.
    pub cost_p95: Option<f64>,
    /// `cost_per_retained_p50`.
    pub cost_per_retained_p50: Option<f64>,
    /// `lost_value_p50`.
    pub lost_value_p50: Option<f64>,
}

/// The 0-based ranks of the order statistics bounding the 95% intervals of P5, P50 and P95.
pub type CiRanks = [(Option<usize>, Option<usize>); 3];

/// Half the distance between two order statistics of `data` (reorders it).
pub fn half_between(data: &mut [f64], r: (Option<usize>, Option<usize>)) -> Option<f64> {
    let (Some(l), Some(u)) = r else {
        return None;
    };
    if u >= data.len() || l > u {
        return None;
    }
    let (_, lo, rest) = data.select_nth_unstable_by(l, f64::total_cmp);
    let lo = *lo;
    let hi = if u == l {
        lo
    } else {
        *rest.select_nth_unstable_by(u - l - 1, f64::total_cmp).1
    };
    Some((hi - lo) / 2.0)
}
