//! `fanplan compare`: scenarios side by side, ranked by retained followers (P50, more first)
//! then cost (P50, less first); the scenarios the rules forbid (M1–M3) listed after them.
//!
//! [`compare`] is the pipeline the CLI calls, as it calls [`crate::batch`]: each row seeded from
//! the seed and its id, forecast, and ranked.

use crate::batch::input::Row;
use crate::batch::summary::{Portfolio, Totals};
use crate::batch::RowError;
use crate::domain::Route;
use crate::eligibility::Violation;
use crate::forecast::{AtLeast, Forecast, Provenance, RulesId, RunOptions};
use crate::rules::Rulebook;
use crate::sim::lhs::Sampling;
use crate::sim::{key_of, mix, Dist};
use crate::stats::{Later, Spread, Upper};
use chrono::NaiveDate;
use serde::Serialize;

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
    pub retained_followers: Spread<f64>,
    /// Median audience on the horizon day.
    pub final_audience_p50: f64,
    /// Settled dates.
    pub settled_date: Later<NaiveDate>,
    /// Cost (M4 + M5).
    pub cost_yuan: Upper<f64>,
    /// With `--at-least`: the chance that the final audience reaches the threshold.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub probability_at_least: Option<AtLeast>,
    /// Under several rulebooks: the name of the one this row was forecast under.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rules: Option<String>,
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
            retained_followers: Spread(m.retained_followers.quantiles),
            final_audience_p50: m.final_audience.p50,
            settled_date: Later(f.dates.settled.0),
            cost_yuan: Upper(m.cost_yuan.quantiles),
            probability_at_least: f.probability_at_least,
            rules: None,
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
    /// Under several rulebooks: the name of the one that forbids it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rules: Option<String>,
}

/// The totals of the allowed scenarios under one rulebook, added run by run (`--correlation`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompareTotals {
    /// Under several rulebooks: the one these scenarios were forecast under.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rules: Option<String>,
    /// The totals.
    #[serde(flatten)]
    pub totals: Totals,
}

/// The `fanplan compare` document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompareReport {
    /// Version, the rulebook in force (the first, under several), seed (each row runs on
    /// `mix(seed, key_of(id))`, as in `batch`), runs per scenario and distribution.
    #[serde(flatten)]
    pub provenance: Provenance,
    /// Under several rulebooks (`--rules-set`): each, in the order given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rules_set: Option<Vec<RulesId>>,
    /// How the inputs were sampled (`--sampling`; absent for the default, `mc`).
    #[serde(skip_serializing_if = "Sampling::is_mc")]
    pub sampling: Sampling,
    /// The `--at-least` threshold, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at_least: Option<u64>,
    /// With `--correlation`: the share of the retention uncertainty common to all scenarios
    /// in a run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correlation: Option<f64>,
    /// With `--correlation`: the allowed scenarios' totals, one per rulebook.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub totals: Option<Vec<CompareTotals>>,
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
    /// How the inputs are sampled.
    pub sampling: Sampling,
    /// `--correlation`: the share of the retention uncertainty common to all scenarios in a
    /// run, and the request for their totals (`None`: no totals, every row independent).
    pub correlation: Option<f64>,
}

/// Rankings under several rulebooks (each ranked by [`rank`]) merged side by side: the scenarios
/// in the order of the first ranking that holds them, each followed by its rows under the other
/// rulebooks in their order. Every row keeps its rank within its own rulebook.
pub fn side_by_side(rankings: Vec<Vec<ComparedRow>>) -> Vec<ComparedRow> {
    let mut order: Vec<String> = Vec::new();
    for r in rankings.iter().flatten() {
        if !order.contains(&r.id) {
            order.push(r.id.clone());
        }
    }
    let mut rankings: Vec<std::collections::VecDeque<ComparedRow>> =
        rankings.into_iter().map(Into::into).collect();
    let mut out = Vec::new();
    for id in &order {
        for ranking in &mut rankings {
            if let Some(i) = ranking.iter().position(|r| &r.id == id) {
                out.extend(ranking.remove(i));
            }
        }
    }
    out
}

/// Forecast every readable row and rank the allowed ones; forbidden rows keep their
/// violations, unreadable rows their errors (in row order).
pub fn compare(book: &Rulebook, rows: Vec<Row>, opts: &CompareOptions) -> CompareReport {
    compare_books(book, &[], false, rows, opts)
}

/// [`compare`] under several rulebooks (`--rules-set`), the first `first`: every row is
/// forecast under each with the same seed, each rulebook's rows ranked on their own and then set
/// side by side ([`side_by_side`]); every row and forbidden entry names its rulebook.
pub fn compare_rulebooks(
    first: &Rulebook,
    others: &[&Rulebook],
    rows: Vec<Row>,
    opts: &CompareOptions,
) -> CompareReport {
    let mut report = compare_books(first, others, true, rows, opts);
    let set = std::iter::once(first).chain(others.iter().copied());
    report.rules_set = Some(set.map(RulesId::of).collect());
    report
}

fn compare_books(
    first: &Rulebook,
    others: &[&Rulebook],
    named: bool,
    rows: Vec<Row>,
    opts: &CompareOptions,
) -> CompareReport {
    let books: Vec<&Rulebook> = std::iter::once(first)
        .chain(others.iter().copied())
        .collect();
    let mut rankings = vec![Vec::new(); books.len()];
    let mut portfolios: Vec<Portfolio> = books.iter().map(|_| Portfolio::new()).collect();
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
                for ((book, ranked), portfolio) in
                    books.iter().zip(&mut rankings).zip(&mut portfolios)
                {
                    let name = named.then(|| book.rulebook.name.clone());
                    let forecast = match opts.correlation {
                        Some(rho) => Forecast::run_correlated(book, &s, &run, opts.seed, rho).map(
                            |(f, per)| {
                                portfolio.add(f.route, s.followers, &per.retained, &per.cost);
                                f
                            },
                        ),
                        None => Forecast::run_sampled(book, &s, &run, opts.sampling),
                    };
                    match forecast {
                        Ok(f) => ranked.push(ComparedRow {
                            rules: name,
                            ..ComparedRow::of(&row.id, row.line, &f)
                        }),
                        Err(e) => forbidden.push(ForbiddenRow {
                            id: row.id.clone(),
                            line: row.line,
                            violations: e.violations,
                            rules: name,
                        }),
                    }
                }
            }
        }
    }
    for ranked in &mut rankings {
        rank(ranked);
    }
    let totals = opts.correlation.map(|_| {
        books
            .iter()
            .zip(portfolios)
            .map(|(book, p)| CompareTotals {
                rules: named.then(|| book.rulebook.name.clone()),
                totals: p.totals(),
            })
            .collect()
    });
    CompareReport {
        provenance: Provenance::new(first, opts.seed, opts.runs, opts.dist),
        rules_set: None,
        ranked: side_by_side(rankings),
        sampling: opts.sampling,
        at_least: opts.at_least,
        correlation: opts.correlation,
        totals,
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
            retained_followers: Spread(crate::stats::Quantiles {
                p5: kept - 1.0,
                p95: kept + 1.0,
                ..crate::stats::Quantiles::fixed(kept)
            }),
            final_audience_p50: kept,
            settled_date: Later::fixed(d),
            cost_yuan: Upper::fixed(cost),
            probability_at_least: None,
            rules: None,
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

    #[test]
    fn side_by_side_keeps_each_scenario_together_in_the_first_ranking_order() {
        let under = |name: &str, rows: Vec<ComparedRow>| {
            let mut rows: Vec<ComparedRow> = rows
                .into_iter()
                .map(|mut r| {
                    r.rules = Some(name.to_string());
                    r
                })
                .collect();
            rank(&mut rows);
            rows
        };
        let seed = under("seed", vec![row("a", 100.0, 300.0), row("b", 200.0, 300.0)]);
        let observed = under(
            "observed",
            vec![
                row("a", 300.0, 300.0),
                row("b", 100.0, 300.0),
                row("c", 50.0, 300.0),
            ],
        );
        let rows = side_by_side(vec![seed, observed]);
        let got: Vec<(&str, &str, usize)> = rows
            .iter()
            .map(|r| (r.id.as_str(), r.rules.as_deref().unwrap_or(""), r.rank))
            .collect();
        assert_eq!(
            got,
            vec![
                ("b", "seed", 1),
                ("b", "observed", 2),
                ("a", "seed", 2),
                ("a", "observed", 1),
                ("c", "observed", 3),
            ]
        );
    }
}
