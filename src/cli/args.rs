//! Flag groups shared by several commands: SCENARIO, RUN and output flags, and the parsers
//! that accept the Chinese words and friendly number forms.

use crate::domain::{Kind, Subject};
use crate::excel::normalize_excel_text;
use crate::fmt::shown;
use crate::i18n::Messages;
use crate::input::{self, FeeRange, InputError};
use crate::report::text;
use crate::scenario::ScenarioInput;
use crate::sim::{Dist, DEFAULT_SEED, MAX_RUNS};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// Words for a flag value that could not be read.
pub(crate) fn words<T>(r: Result<T, InputError>) -> Result<T, String> {
    r.map_err(|e| text::input_error(&Messages::new(super::arg_lang()), &e))
}

/// Parse a kind: subscription|service or 订阅号|服务号.
pub fn parse_kind(s: &str) -> Result<Kind, String> {
    words(input::kind(s))
}

/// Parse a subject: personal|enterprise|government|media|organisation or 个人|企业|政府|媒体|其他组织.
pub fn parse_subject(s: &str) -> Result<Subject, String> {
    words(input::subject(s))
}

/// Parse a whole count: `120000`, `120,000`, `120_000`, `12万`, `1.2万`, `1亿`.
pub fn parse_count(s: &str) -> Result<u64, String> {
    words(input::count(s))
}

/// Parse a finite number.
pub fn parse_number(s: &str) -> Result<f64, String> {
    words(input::number(s))
}

/// Parse a share: `0.12` or `12%`.
pub fn parse_share(s: &str) -> Result<f64, String> {
    words(input::share(s))
}

/// Parse `500-1500`, `500–1500` or `800`.
pub fn parse_fee_range(s: &str) -> Result<FeeRange, String> {
    words(input::fee_range(s))
}

/// Parse a date YYYY-MM-DD (also YYYY/M/D, YYYY.M.D and YYYY年M月D日, full-width digits).
pub fn parse_day(s: &str) -> Result<NaiveDate, String> {
    words(input::date(&normalize_excel_text(s)))
}

/// A flag parser that first reads the value as Excel writes it: surrounding spaces,
/// full-width digits and signs, a space before 万 or % (see [`normalize_excel_text`]).
pub(crate) fn excel<T: 'static>(
    parse: fn(&str) -> Result<T, String>,
) -> impl Fn(&str) -> Result<T, String> + Clone + Send + Sync + 'static {
    move |s| parse(&normalize_excel_text(s))
}

/// Parse a run count in 1..=10,000,000.
pub fn parse_runs(s: &str) -> Result<u64, String> {
    let m = Messages::new(super::arg_lang());
    let n = parse_count(s).map_err(|_| m.msg("input-not-runs", &[("value", shown(s).into())]))?;
    if (1..=MAX_RUNS).contains(&n) {
        Ok(n)
    } else {
        Err(m.msg(
            "input-outside",
            &[
                ("value", n.to_string().into()),
                ("max", MAX_RUNS.to_string().into()),
            ],
        ))
    }
}

/// Parse a horizon in days.
pub fn parse_horizon(s: &str) -> Result<u32, String> {
    let n = words(input::days(s))?;
    if (1..=crate::scenario::MAX_HORIZON).contains(&n) {
        Ok(n)
    } else {
        let m = Messages::new(super::arg_lang());
        Err(m.msg(
            "problem-horizon-outside",
            &[
                ("days", n.to_string().into()),
                ("max", crate::scenario::MAX_HORIZON.to_string().into()),
            ],
        ))
    }
}

/// The SCENARIO flags that say which migration it is (SPEC §3): all that `check` reads.
#[derive(Debug, Clone, Args, Default)]
#[command(next_help_heading = "Scenario")]
pub struct MigrationArgs {
    /// Source account kind: subscription|service (订阅号|服务号) [default: subscription]
    #[arg(long, value_name = "KIND", value_parser = excel(parse_kind))]
    pub kind: Option<Kind>,
    /// Source subject: personal|enterprise|government|media|organisation (个人|企业|政府|媒体|其他组织)
    /// [default: enterprise]
    #[arg(long, value_name = "SUBJECT", value_parser = excel(parse_subject))]
    pub subject: Option<Subject>,
    /// Target account kind [default: the source's]
    #[arg(long, value_name = "KIND", value_parser = excel(parse_kind))]
    pub target_kind: Option<Kind>,
    /// Target subject [default: the source's]
    #[arg(long, value_name = "SUBJECT", value_parser = excel(parse_subject))]
    pub target_subject: Option<Subject>,
    /// The target belongs to another legal entity (跨主体迁移)
    #[arg(long)]
    pub cross_entity: bool,
    /// The target account is not verified (breaks M3)
    #[arg(long)]
    pub target_unverified: bool,
    /// Followers of the source account, at least 1 (120000, 120,000 or 12万)
    #[arg(long, value_name = "N", value_parser = excel(parse_count), allow_negative_numbers = true)]
    pub followers: Option<u64>,
    /// Notary fee in yuan, MIN-MAX or one number [default: the rulebook's, 500-1500]
    #[arg(long, value_name = "MIN-MAX", value_parser = excel(parse_fee_range), allow_negative_numbers = true)]
    pub notary_fee: Option<FeeRange>,
    /// Followers the target already has (a rulebook may cap them: M9) [default: 0]
    #[arg(long, value_name = "N", value_parser = excel(parse_count), allow_negative_numbers = true)]
    pub target_followers: Option<u64>,
}

/// The SCENARIO flags that shape a forecast (SPEC §3): the audience, its growth, the dates.
#[derive(Debug, Clone, Args, Default)]
#[command(next_help_heading = "Forecast")]
pub struct OutlookArgs {
    /// Share of the source's followers who already follow the target, 0–1 or 0%–100% [default: 0]
    #[arg(long, value_name = "F", value_parser = excel(parse_share), allow_negative_numbers = true)]
    pub overlap: Option<f64>,
    /// Organic growth per day, between -0.5 and 0.5 (0.001 = 0.1% a day) [default: 0]
    #[arg(long, value_name = "F", value_parser = excel(parse_share), allow_hyphen_values = true)]
    pub daily_growth: Option<f64>,
    /// What one follower is worth to you, in yuan [default: 0]
    #[arg(long, value_name = "YUAN", value_parser = excel(parse_number), allow_negative_numbers = true)]
    pub value_per_follower: Option<f64>,
    /// Day 0 of the plan, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub start: Option<NaiveDate>,
    /// Days to simulate after day 0, 1–3650 [default: 60]
    #[arg(long, value_name = "DAYS", value_parser = excel(parse_horizon), allow_negative_numbers = true)]
    pub horizon: Option<u32>,
}

/// All SCENARIO flags (SPEC §3), for the commands that forecast.
#[derive(Debug, Clone, Args, Default)]
pub struct ScenarioArgs {
    /// Which migration.
    #[command(flatten)]
    pub migration: MigrationArgs,
    /// What shapes its forecast.
    #[command(flatten)]
    pub outlook: OutlookArgs,
}

impl MigrationArgs {
    /// The scenario inputs these flags give; the forecast inputs take their defaults.
    pub fn input(&self) -> ScenarioInput {
        ScenarioInput {
            source_kind: self.kind,
            source_subject: self.subject,
            target_kind: self.target_kind,
            target_subject: self.target_subject,
            cross_entity: self.cross_entity.then_some(true),
            target_verified: self.target_unverified.then_some(false),
            followers: self.followers,
            notary_fee_min: self.notary_fee.map(|f| f.0),
            notary_fee_max: self.notary_fee.map(|f| f.1),
            target_followers: self.target_followers,
            ..ScenarioInput::default()
        }
    }
}

impl ScenarioArgs {
    /// The scenario inputs these flags give.
    pub fn input(&self) -> ScenarioInput {
        let o = &self.outlook;
        ScenarioInput {
            overlap: o.overlap,
            daily_growth: o.daily_growth,
            value_per_follower: o.value_per_follower,
            start_date: o.start,
            horizon: o.horizon,
            ..self.migration.input()
        }
    }
}

/// The retention distribution, as a flag value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DistArg {
    /// Every rate in the route's range equally likely
    Uniform,
    /// Peaked at the middle of the range (or the rulebook's mode)
    Triangular,
    /// Beta-PERT, shape 4, same mode: smoother tails
    Pert,
}

impl From<DistArg> for Dist {
    fn from(d: DistArg) -> Dist {
        match d {
            DistArg::Uniform => Dist::Uniform,
            DistArg::Triangular => Dist::Triangular,
            DistArg::Pert => Dist::Pert,
        }
    }
}

/// The RUN flags (SPEC §3).
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Run")]
pub struct RunArgs {
    /// Monte Carlo runs, 1–10,000,000 [default: 10000; 2000 per batch row]
    #[arg(long, value_name = "N", value_parser = excel(parse_runs), allow_negative_numbers = true)]
    pub runs: Option<u64>,
    /// Seed of every random stream; the same seed gives the same numbers
    #[arg(long, value_name = "N", default_value_t = DEFAULT_SEED, allow_negative_numbers = true)]
    pub seed: u64,
    /// Distribution of the retention rate inside the route's range
    #[arg(long, value_enum, default_value_t = DistArg::Uniform)]
    pub dist: DistArg,
    /// Also report the chance that the final audience is at least N followers, with its
    /// standard error
    #[arg(long, value_name = "N", value_parser = excel(parse_count), allow_negative_numbers = true)]
    pub at_least: Option<u64>,
    /// Write PNG charts into DIR (created if missing)
    #[arg(help_heading = "Output", long, value_name = "DIR")]
    pub charts: Option<PathBuf>,
    /// Chart size in pixels, WxH (400x300 to 8000x8000)
    #[arg(
        help_heading = "Output",
        long,
        value_name = "WxH",
        default_value = "1600x1000"
    )]
    pub chart_size: String,
}

/// `--format table|json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum TableOrJson {
    /// Aligned text for people
    #[default]
    Table,
    /// One JSON document for scripts
    Json,
}

/// `--format table|json|csv`, for commands whose output has rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum TableJsonCsv {
    /// Aligned text for people
    #[default]
    Table,
    /// One JSON document for scripts
    Json,
    /// The rows as CSV (simulate: the daily trajectory; plan: the steps or the options)
    Csv,
}

impl From<TableJsonCsv> for crate::report::Format {
    fn from(f: TableJsonCsv) -> Self {
        match f {
            TableJsonCsv::Table => crate::report::Format::Table,
            TableJsonCsv::Json => crate::report::Format::Json,
            TableJsonCsv::Csv => crate::report::Format::Csv,
        }
    }
}

impl From<TableOrJson> for crate::report::Format {
    fn from(f: TableOrJson) -> Self {
        match f {
            TableOrJson::Table => crate::report::Format::Table,
            TableOrJson::Json => crate::report::Format::Json,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_are_counts_in_range() {
        assert!(parse_runs("0").is_err());
        assert!(parse_runs("10000001").is_err());
        assert_eq!(parse_runs("10,000"), Ok(10_000));
    }
}
