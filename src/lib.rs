//! # fanplan
//!
//! A planner and Monte Carlo cost estimator for moving the followers of a WeChat Official
//! Account (微信公众号) to another account, or for closing (注销) an account.
//!
//! Data flows one way: flags or CSV row → [`scenario::Scenario`] → [`sim`] →
//! [`forecast::Forecast`] → report or chart. The core modules (`rules`, `scenario`, `sim`,
//! `stats`, `forecast`, `calendar`) take values and return values: they never print, read
//! files, the clock or the environment. The `cli` module is the edge.

pub mod batch;
pub mod calendar;
pub mod chart;
pub mod cli;
pub mod compare;
pub mod domain;
pub mod eligibility;
pub mod excel;
pub mod fmt;
pub mod forecast;
pub mod i18n;
pub mod input;
pub mod intervals;
pub mod plan;
pub mod report;
pub mod rules;
pub mod scenario;
pub mod sim;
pub mod stats;
