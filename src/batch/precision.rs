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
