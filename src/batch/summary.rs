//! Portfolio totals across the allowed rows of a batch, computed run by run (SPEC §4,
//! `--summary`): run j of every row is added together, so the percentiles of the totals are
//! the real spread of the portfolio, not a sum of percentiles.
//!
//! Followers are added as integers; costs are added as floats in input order, so the totals
//! are the same for any thread count and chunk size.

use crate::domain::Route;
use crate::forecast::Provenance;
use crate::stats::quantiles;
use serde::Serialize;
use std::collections::BTreeMap;

/// Row counts of a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Counts {
    /// Data rows read.
    pub read: u64,
    /// Allowed rows forecast.
    pub forecast: u64,
    /// Rows the rules forbid (output with `allowed=false`).
    pub forbidden: u64,
    /// Rows that could not be read (skipped).
    pub rejected: u64,
}

/// P5, P50, P95 and mean of a total.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Spread {
    /// 5th percentile.
    pub p5: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
    /// Mean.
    pub mean: f64,
}

impl Spread {
    fn of(data: &mut [f64]) -> Option<Spread> {
        if data.is_empty() {
            return None;
        }
        let mean = data.iter().sum::<f64>() / data.len() as f64;
        let q = quantiles(data, &[0.05, 0.5, 0.95]);
        Some(Spread {
            p5: q[0],
            p50: q[1],
            p95: q[2],
            mean,
        })
    }
}

/// Totals of a portfolio's allowed rows, added run by run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Totals {
    /// Allowed rows added.
    pub accounts: u64,
    /// Followers of their source accounts, added up.
    pub source_followers: u64,
    /// Total retained followers (null when no row is allowed).
    pub total_retained_followers: Option<Spread>,
    /// Total cost, yuan (null when no row is allowed).
    pub total_cost_yuan: Option<Spread>,
}

/// The `--summary` document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PortfolioSummary {
    /// Version, rulebook, seed, runs per row and distribution.
    #[serde(flatten)]
    pub provenance: Provenance,
    /// Share of the retention uncertainty common to all accounts in a run (`--correlation`).
    pub correlation: f64,
    /// Row counts.
    pub rows: Counts,
    /// Allowed rows by route.
    pub routes: BTreeMap<Route, u64>,
    /// Followers of the allowed rows' source accounts, added up.
    pub source_followers: u64,
    /// Total retained followers across the allowed rows (null when none is allowed).
    pub total_retained_followers: Option<Spread>,
    /// Total cost across the allowed rows, yuan (null when none is allowed).
    pub total_cost_yuan: Option<Spread>,
}

impl PortfolioSummary {
    /// The summary, stating the correlation its rows were drawn with.
    pub fn with_correlation(self, correlation: f64) -> PortfolioSummary {
        PortfolioSummary {
            correlation,
            ..self
        }
    }
}

/// Adds rows up, run by run.
#[derive(Debug, Clone, Default)]
pub struct Portfolio {
    retained: Vec<u64>,
    cost: Vec<f64>,
    routes: BTreeMap<Route, u64>,
    source_followers: u64,
    rows: u64,
}

impl Portfolio {
    /// An empty portfolio.
    pub fn new() -> Portfolio {
        Portfolio {
            routes: Route::ALL.iter().map(|r| (*r, 0)).collect(),
            ..Portfolio::default()
        }
    }

    /// Add an allowed row with `followers` source followers: its route and, run by run, its
    /// retained followers and cost. Rows must come in input order.
    pub fn add(&mut self, route: Route, followers: u64, retained: &[u64], cost: &[f64]) {
        *self.routes.entry(route).or_insert(0) += 1;
        self.source_followers = self.source_followers.saturating_add(followers);
        if self.rows == 0 {
            self.retained = retained.to_vec();
            self.cost = cost.to_vec();
        } else {
            for (t, r) in self.retained.iter_mut().zip(retained) {
                *t = t.saturating_add(*r);
            }
            for (t, c) in self.cost.iter_mut().zip(cost) {
                *t += c;
            }
        }
        self.rows += 1;
    }

    /// The totals' spreads.
    pub fn totals(self) -> Totals {
        let mut retained: Vec<f64> = self.retained.iter().map(|&r| r as f64).collect();
        let mut cost = self.cost;
        Totals {
            accounts: self.rows,
            source_followers: self.source_followers,
            total_retained_followers: Spread::of(&mut retained),
            total_cost_yuan: Spread::of(&mut cost),
        }
    }

    /// The summary document.
    pub fn finish(self, counts: Counts, provenance: Provenance) -> PortfolioSummary {
        let routes = self.routes.clone();
        let t = self.totals();
        PortfolioSummary {
            provenance,
            correlation: 0.0,
            rows: counts,
            routes,
            source_followers: t.source_followers,
            total_retained_followers: t.total_retained_followers,
            total_cost_yuan: t.total_cost_yuan,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn provenance() -> Provenance {
        let book = crate::rules::Rulebook::seed().expect("seed rulebook is valid");
        Provenance::new(&book, 1, 3, crate::sim::Dist::Uniform)
    }

    #[test]
    fn totals_are_added_run_by_run() {
        let mut p = Portfolio::new();
        p.add(Route::CrossEntity, 10, &[1, 2, 3], &[300.0, 400.0, 500.0]);
        p.add(
            Route::ServiceToService,
            20,
            &[32, 31, 30],
            &[300.0, 300.0, 300.0],
        );
        let s = p.finish(Counts::default(), provenance());
        // Every run totals 33 followers: no spread, although each row has one.
        let t = s.total_retained_followers.expect("rows");
        assert_eq!((t.p5, t.p50, t.p95), (33.0, 33.0, 33.0));
        let c = s.total_cost_yuan.expect("rows");
        assert_eq!((c.p50, c.mean), (700.0, 700.0));
        assert_eq!(s.routes[&Route::CrossEntity], 1);
        assert_eq!(s.routes[&Route::SubscriptionToSubscription], 0);
        assert_eq!(s.source_followers, 30);
    }

    #[test]
    fn no_allowed_rows_gives_null_totals() {
        let s = Portfolio::new().finish(Counts::default(), provenance());
        assert!(s.total_retained_followers.is_none() && s.total_cost_yuan.is_none());
    }
}
