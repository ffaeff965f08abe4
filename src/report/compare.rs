//! `fanplan compare`: scenarios side by side, ranked by retained followers (P50, more first)
//! then cost (P50, less first); the scenarios the rules forbid (M1–M3) listed after them.

use super::fmt::{header, table, thousands, yuan};
use super::Document;
use crate::batch::RowError;
use crate::forecast::{AtLeast, Forecast, RulesId};
use crate::rules::{Route, Violation};
use crate::sim::Dist;
use chrono::NaiveDate;
use serde::Serialize;
use std::io::{self, Write};

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
    /// With `--rules-set`: the name of the rulebook this row was forecast under.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rules: Option<String>,
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
            rules: None,
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
    /// With `--rules-set`: the name of the rulebook that forbids it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rules: Option<String>,
}

/// The `fanplan compare` document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompareReport {
    /// fanplan's version.
    pub version: &'static str,
    /// The rulebook in force (the first of `--rules-set`).
    pub rules: RulesId,
    /// With `--rules-set`: every rulebook, in the order given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rules_set: Option<Vec<RulesId>>,
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

/// The CSV column added by `--rules-set`: the rulebook of the row.
pub const RULES_COLUMN: &str = "rules";

/// The CSV columns of `compare --format csv` (then [`AT_LEAST_COLUMNS`] with `--at-least`).
pub const CSV_COLUMNS: [&str; 12] = [
    "rank",
    "id",
    "allowed",
    "route",
    "violations",
    "retained_p5",
    "retained_p50",
    "retained_p95",
    "settled_date_p50",
    "settled_date_p90",
    "cost_p50",
    "cost_p95",
];

/// The CSV columns added by `--at-least`: the chance and its standard error.
pub const AT_LEAST_COLUMNS: [&str; 2] = ["probability_at_least", "probability_at_least_se"];

impl CompareReport {
    /// The scenarios ranked (a scenario forecast under several rulebooks counts once).
    fn scenario_count(&self) -> usize {
        let mut ids: Vec<&str> = self.ranked.iter().map(|r| r.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }

    /// The rulebook (or rulebooks) of the header: `seed 2026.11.1`, `seed 2026.11.1 and observed …`.
    fn rules_text(&self) -> String {
        let one = |r: &RulesId| format!("{} {}", r.name, r.version);
        match &self.rules_set {
            Some(set) => set.iter().map(one).collect::<Vec<_>>().join(" and "),
            None => one(&self.rules),
        }
    }
}

impl Document for CompareReport {
    fn table(&self, w: &mut dyn Write) -> io::Result<()> {
        writeln!(
            w,
            "{} scenario{} ranked by retained followers (P50), then cost · {} runs each · seed {} · rules {}",
            self.scenario_count(),
            if self.scenario_count() == 1 { "" } else { "s" },
            thousands(self.runs as f64),
            self.seed,
            self.rules_text()
        )?;
        writeln!(w)?;
        if !self.ranked.is_empty() {
            let mut names = header(&["scenario"]);
            if self.rules_set.is_some() {
                names.push("rules".to_string());
            }
            names.extend(header(&[
                "route",
                "kept P5",
                "kept P50",
                "kept P95",
                "settled P50",
                "settled P90",
                "cost P50",
                "cost P95",
            ]));
            if let Some(n) = self.at_least {
                names.push(format!("P(audience ≥ {})", thousands(n as f64)));
            }
            let mut rows = vec![names];
            for r in &self.ranked {
                let mut cells = vec![format!("{}. {}", r.rank, r.id)];
                if self.rules_set.is_some() {
                    cells.push(r.rules.clone().unwrap_or_default());
                }
                cells.extend([
                    r.route.name().to_string(),
                    thousands(r.retained_followers.p5),
                    thousands(r.retained_followers.p50),
                    thousands(r.retained_followers.p95),
                    r.settled_date.p50.to_string(),
                    r.settled_date.p90.to_string(),
                    yuan(r.cost_yuan.p50),
                    yuan(r.cost_yuan.p95),
                ]);
                if self.at_least.is_some() {
                    cells.push(r.probability_at_least.map_or(String::new(), |a| {
                        format!("{:.1}% ± {:.1}%", a.p * 100.0, a.se * 100.0)
                    }));
                }
                rows.push(cells);
            }
            write!(w, "{}", table(&rows))?;
        }
        if !self.forbidden.is_empty() {
            writeln!(w)?;
            writeln!(w, "Forbidden by the rules:")?;
            for f in &self.forbidden {
                match &f.rules {
                    Some(name) => writeln!(w, "  {} (line {}) under {name}", f.id, f.line)?,
                    None => writeln!(w, "  {} (line {})", f.id, f.line)?,
                }
                for v in &f.violations {
                    writeln!(w, "    {}  {} ({})", v.rule, v.message, v.source)?;
                }
            }
        }
        if !self.rejected.is_empty() {
            writeln!(w)?;
            writeln!(
                w,
                "{} row{} could not be read (see the errors above).",
                self.rejected.len(),
                if self.rejected.len() == 1 { "" } else { "s" }
            )?;
        }
        Ok(())
    }

    fn csv(&self, w: &mut dyn Write) -> io::Result<()> {
        let mut c = csv::Writer::from_writer(w);
        let mut names: Vec<&str> = CSV_COLUMNS.to_vec();
        if self.at_least.is_some() {
            names.extend(AT_LEAST_COLUMNS);
        }
        let with_rules = self.rules_set.is_some();
        if with_rules {
            names.push(RULES_COLUMN);
        }
        let width = names.len();
        c.write_record(&names)?;
        for r in &self.ranked {
            let mut cells = vec![
                r.rank.to_string(),
                r.id.clone(),
                "true".to_string(),
                r.route.name().to_string(),
                String::new(),
                format!("{:.0}", r.retained_followers.p5.round()),
                format!("{:.0}", r.retained_followers.p50.round()),
                format!("{:.0}", r.retained_followers.p95.round()),
                r.settled_date.p50.to_string(),
                r.settled_date.p90.to_string(),
                format!("{:.2}", r.cost_yuan.p50),
                format!("{:.2}", r.cost_yuan.p95),
            ];
            if self.at_least.is_some() {
                let (p, se) = r
                    .probability_at_least
                    .map_or((String::new(), String::new()), |a| {
                        (format!("{:.4}", a.p), format!("{:.4}", a.se))
                    });
                cells.push(p);
                cells.push(se);
            }
            if with_rules {
                cells.push(r.rules.clone().unwrap_or_default());
            }
            c.write_record(&cells)?;
        }
        for f in &self.forbidden {
            let ids: Vec<&str> = f.violations.iter().map(|v| v.rule.as_str()).collect();
            let mut cells = vec![
                String::new(),
                f.id.clone(),
                "false".to_string(),
                String::new(),
                ids.join(";"),
            ];
            cells.resize(width, String::new());
            if with_rules {
                if let Some(last) = cells.last_mut() {
                    *last = f.rules.clone().unwrap_or_default();
                }
            }
            c.write_record(&cells)?;
        }
        c.flush()
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
            rules: None,
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
