//! The words for precision: intervals, probabilities near 0 and 1, caveats, and the rounding
//! rule of tables and CSV cells (no digit finer than the Monte Carlo error).
//!
//! The rule: a number whose 95% interval has half-width h is rounded to the largest power of
//! ten not above h ([`crate::intervals::step`]), and never finer than whole followers or whole
//! yuan (cost per kept follower: 0.001 yuan). JSON keeps full precision and the intervals.

use crate::fmt::percent;
use crate::forecast::{AtLeast, PrecisionGoal};
use crate::i18n::Messages;
use crate::intervals::{round_to, step, Bounds, Interval, Z95};
use crate::sim::lhs::Sampling;

/// A share as a percentage. A share of exactly 0 or 1 of the runs prints "< 0.1%" or
/// "> 99.9%" when its 95% interval supports that, else "0% of runs" or "100% of runs" (never a
/// bare 0.0% or 100.0%, which would claim certainty).
pub fn share(tr: &Messages, p: f64, ci: &Interval) -> String {
    if !p.is_finite() {
        "–".to_string()
    } else if p < 0.0005 && ci.high < 0.001 {
        "< 0.1%".to_string()
    } else if p > 0.9995 && ci.low > 0.999 {
        "> 99.9%".to_string()
    } else if p == 0.0 {
        tr.msg("share-of-runs", &[("pct", "0%".into())])
    } else if p == 1.0 {
        tr.msg("share-of-runs", &[("pct", "100%".into())])
    } else {
        percent(p)
    }
}

/// A percentage with two significant digits (at least one decimal): 0.04%, 3.7%, 83.5%.
fn interval_end(p: f64) -> String {
    let pct = p * 100.0;
    if pct == 0.0 {
        "0".to_string()
    } else if pct >= 100.0 {
        "100".to_string()
    } else {
        let decimals = (1 - pct.log10().floor() as i32).clamp(1, 6) as usize;
        format!("{pct:.decimals$}")
    }
}

/// "0–0.04%".
pub fn interval_percent(i: &Interval) -> String {
    format!("{}–{}%", interval_end(i.low), interval_end(i.high))
}

/// The table's probability after the colon: "< 0.1%, 95% interval 0–0.038%".
pub fn at_least(tr: &Messages, a: &AtLeast) -> String {
    tr.msg(
        "share-with-interval",
        &[
            ("share", share(tr, a.p, &a.ci95).into()),
            ("interval", interval_percent(&a.ci95).into()),
        ],
    )
}

/// A compact cell for comparison tables: "83.5% (80.2–86.4%)".
pub fn at_least_cell(tr: &Messages, a: &AtLeast) -> String {
    tr.msg(
        "share-cell",
        &[
            ("share", share(tr, a.p, &a.ci95).into()),
            ("interval", interval_percent(&a.ci95).into()),
        ],
    )
}

/// What `--precision` did, after the run count: "(enough for ±0.1%)" or "(the ceiling: ±0.1%
/// not reached)".
pub fn goal(tr: &Messages, g: &PrecisionGoal) -> String {
    let id = if g.reached {
        "precision-reached"
    } else {
        "precision-ceiling"
    };
    tr.msg(id, &[("pct", interval_end(g.relative).into())])
}

/// The sampling after the run count: nothing for Monte Carlo.
pub fn sampling(tr: &Messages, s: Sampling) -> String {
    match s {
        Sampling::Mc => String::new(),
        Sampling::Lhs => tr.text("sampling-lhs"),
    }
}

/// `x` rounded to the step its percentile interval supports, never finer than `floor`.
pub fn rounded(x: f64, ci: Option<&Bounds>, floor: f64) -> f64 {
    round_to(x, step(ci.and_then(Bounds::half_width), floor))
}

/// A mean rounded to the step its standard error supports, never finer than `floor`.
pub fn rounded_mean(x: f64, se: f64, floor: f64) -> f64 {
    round_to(x, step(Some(Z95 * se), floor))
}

/// Decimals needed to print a multiple of `step` (0 for steps of 1 or more).
pub fn decimals(step: f64) -> usize {
    if step >= 1.0 || step <= 0.0 {
        0
    } else {
        (-step.log10().floor()) as usize
    }
}

/// A CSV cell: `x` rounded as [`rounded`], printed without trailing noise digits.
pub fn cell(x: f64, half_width: Option<f64>, floor: f64) -> String {
    let s = step(half_width, floor);
    let d = decimals(s);
    format!("{:.d$}", round_to(x, s))
}

/// The CSV columns added by `--at-least` (batch and compare): the chance, its standard error
/// and its Wilson 95% interval.
pub const AT_LEAST_COLUMNS: [&str; 4] = [
    "probability_at_least",
    "probability_at_least_se",
    "probability_at_least_ci_low",
    "probability_at_least_ci_high",
];

/// The cells of [`AT_LEAST_COLUMNS`] for one row (empty when the row has no chance).
pub fn at_least_cells(a: Option<&AtLeast>) -> [String; 4] {
    match a {
        Some(a) => [a.p, a.se, a.ci95.low, a.ci95.high].map(|v| format!("{v:.4}")),
        None => Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_near_the_ends_are_not_zero_or_one() {
        let wide = Interval {
            low: 0.72,
            high: 1.0,
        };
        let narrow = Interval {
            low: 0.0,
            high: 0.000_4,
        };
        let en = crate::i18n::english();
        assert_eq!(share(en, 0.0, &narrow), "< 0.1%");
        assert_eq!(share(en, 1.0, &wide), "100% of runs");
        assert_eq!(share(en, 0.5, &wide), "50.0%");
        let zh = Messages::new(crate::i18n::Lang::Zh);
        assert_eq!(share(&zh, 1.0, &wide), "100% 的模拟");
        let i = Interval {
            low: 0.0,
            high: 0.000_384,
        };
        assert_eq!(interval_percent(&i), "0–0.038%");
        let j = Interval {
            low: 0.802,
            high: 0.864,
        };
        assert_eq!(interval_percent(&j), "80.2–86.4%");
    }

    #[test]
    fn cells_keep_only_meaningful_digits() {
        // cost_p50 with a 95% half-width of 11 yuan: tens of yuan.
        assert_eq!(cell(4_583.966_166_566_239, Some(11.0), 1.0), "4580");
        // A fixed cost (no spread): whole yuan.
        assert_eq!(cell(300.0, None, 1.0), "300");
        assert_eq!(cell(0.012_345, Some(0.000_4), 0.001), "0.012");
    }
}
