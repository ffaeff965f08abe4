//! `fanplan compare`: scenarios side by side, ranked by retained followers (P50, more first)
//! then cost (P50, less first); the scenarios the rules forbid (M1–M3) listed after them.
//!
//! [`compare`] is the pipeline the CLI calls, as it calls [`crate::batch`]: each row seeded from
//! the seed and its id, forecast, and ranked.

use crate::batch::input::Row;
use crate::batch::RowError;
use crate::domain::Route;
use crate::eligibility::Violation;
use crate::forecast::{AtLeast, Forecast, RulesId, RunOptions};
use crate::rules::Rulebook;
use crate::sim::{key_of, mix, Dist};
use chrono::NaiveDate;
use serde::Serialize;

/// P5, P50 and P95 of retained followers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RetainedSpread {
    /// 5th percentile.
    pub p5: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
}

/// Settled dates (end of the M7 window).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SettledDates {
    /// Median.
    pub p50: NaiveDate,
    /// 90th percentile.
    pub p90: NaiveDate,
}

/// Cost percentiles, yuan.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CostSpread {
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
}

/// One allowed scenario in the ranking.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparedRow {
    /// 1 for the best.
    pub rank: usize,
    /// The row's id.
    pub id: String,
    /// The line of the row in the file.
    pub line: u64,
    /// The route (M6).
    pub route: Route,
    /// Source followers.
    pub followers: u64,
    /// Median retention rate.
    pub retention_rate_p50: f64,
    /// Retained followers.
    pub retained_followers: RetainedSpread,
    /// Median audience on the horizon day.
    pub final_audience_p50: f64,
    /// Settled dates.
    pub settled_date: SettledDates,
    /// Cost (M4 + M5).
    pub cost_yuan: CostSpread,
    /// With `--at-least`: the chance that the final audience reaches the threshold.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub probability_at_least: Option<AtLeast>,
    /// Half-widths of the 95% intervals of retained P5, P50, P95 and cost P50, P95, for
    /// rounding the table and CSV cells (JSON keeps full precision).
    #[serde(skip)]
    pub half_widths: [Option<f64>; 5],
}

impl ComparedRow {
    /// The row of a forecast (rank set later).
    pub fn of(id: &str, line: u64, f: &Forecast) -> ComparedRow {
        let m = &f.metrics;
        ComparedRow {
            rank: 0,
            id: id.to_string(),
            line,
            route: f.route,
            followers: f.scenario.followers,
            retention_rate_p50: m.retention_rate.p50,
            retained_followers: RetainedSpread {
                p5: m.retained_followers.p5,
                p50: m.retained_followers.p50,
                p95: m.retained_followers.p95,
            },
            final_audience_p50: m.final_audience.p50,
            settled_date: SettledDates {
                p50: f.dates.settled.p50,
                p90: f.dates.settled.p90,
            },
            cost_yuan: CostSpread {
                p50: m.cost_yuan.p50,
                p95: m.cost_yuan.p95,
            },
            probability_at_least: f.probability_at_least,
            half_widths: {
                let r = m.retained_followers.ci95;
                let c = m.cost_yuan.ci95;
                [
                    r.and_then(|b| b.p5.half_width()),
                    r.and_then(|b| b.p50.half_width()),
                    r.and_then(|b| b.p95.half_width()),
                    c.and_then(|b| b.p50.half_width()),
                    c.and_then(|b| b.p95.half_width()),
                ]
            },
        }
    }
}

/// A scenario the rules forbid.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForbiddenRow {
    /// The row's id.
    pub id: String,
    /// The line of the row in the file.
    pub line: u64,
    /// The violated rules.
    pub violations: Vec<Violation>,
}

/// The `fanplan compare` document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompareReport {
    /// fanplan's version.
    pub version: &'static str,
    /// The rulebook in force.
    pub rules: RulesId,
    /// The seed (each row runs on `mix(seed, key_of(id))`, as in `batch`).
    pub seed: u64,
    /// Runs per scenario.
    pub runs: u64,
    /// Retention distribution.
    pub dist: Dist,
    /// The `--at-least` threshold, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at_least: Option<u64>,
    /// Allowed scenarios, best first.
    pub ranked: Vec<ComparedRow>,
    /// Scenarios the rules forbid, in file order.
    pub forbidden: Vec<ForbiddenRow>,
    /// Rows that could not be read.
    pub rejected: Vec<RowError>,
}

/// Rank rows: retained P50 descending, then cost P50 ascending, then file order.
pub fn rank(rows: &mut [ComparedRow]) {
    rows.sort_by(|a, b| {
        b.retained_followers
            .p50
            .total_cmp(&a.retained_followers.p50)
            .then(a.cost_yuan.p50.total_cmp(&b.cost_yuan.p50))
    });
    for (i, r) in rows.iter_mut().enumerate() {
        r.rank = i + 1;
    }
}

/// How to run a comparison.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CompareOptions {
    /// The seed; each row's stream is seeded from it and the row's id.
    pub seed: u64,
    /// Runs per scenario.
    pub runs: u64,
    /// Retention distribution.
    pub dist: Dist,
    /// The follower threshold of `probability_at_least`, if asked.
    pub at_least: Option<u64>,
}

/// Forecast every readable row and rank the allowed ones; forbidden rows keep their
/// violations, unreadable rows their errors (in row order).
pub fn compare(book: &Rulebook, rows: Vec<Row>, opts: &CompareOptions) -> CompareReport {
    let mut ranked = Vec::new();
    let mut forbidden = Vec::new();
    let mut rejected = Vec::new();
    for row in rows {
        match row.parsed {
            Err(errors) => rejected.extend(errors),
            Ok(s) => {
                let run = RunOptions {
                    runs: opts.runs,
                    seed: mix(opts.seed, key_of(&row.id)),
                    dist: opts.dist,
                    at_least: opts.at_least.map(|n| n as f64),
                };
                match Forecast::run(book, &s, &run) {
                    Ok(f) => ranked.push(ComparedRow::of(&row.id, row.line, &f)),
                    Err(e) => forbidden.push(ForbiddenRow {
                        id: row.id,
                        line: row.line,
                        violations: e.violations,
                    }),
                }
            }
        }
    }
    rank(&mut ranked);
    CompareReport {
        version: env!("CARGO_PKG_VERSION"),
        rules: RulesId::of(book),
        seed: opts.seed,
        runs: opts.runs,
        dist: opts.dist,
        at_least: opts.at_least,
        ranked,
        forbidden,
        rejected,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, kept: f64, cost: f64) -> ComparedRow {
        let d = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
        ComparedRow {
            rank: 0,
            id: id.into(),
            line: 2,
            route: Route::CrossEntity,
            followers: 10,
            retention_rate_p50: 0.7,
            retained_followers: RetainedSpread {
                p5: kept - 1.0,
                p50: kept,
                p95: kept + 1.0,
            },
            final_audience_p50: kept,
            settled_date: SettledDates { p50: d, p90: d },
            cost_yuan: CostSpread {
                p50: cost,
                p95: cost,
            },
            probability_at_least: None,
            half_widths: [None; 5],
        }
    }

    #[test]
    fn ranks_by_kept_then_cost_then_file_order() {
        let mut rows = vec![
            row("a", 100.0, 300.0),
            row("b", 200.0, 900.0),
            row("c", 200.0, 300.0),
            row("d", 100.0, 300.0),
        ];
        rank(&mut rows);
        let ids: Vec<(&str, usize)> = rows.iter().map(|r| (r.id.as_str(), r.rank)).collect();
        assert_eq!(ids, vec![("c", 1), ("b", 2), ("a", 3), ("d", 4)]);
    }
}
