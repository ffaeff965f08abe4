//! `fanplan plan`: a dated step-by-step plan to migrate or close an account (SPEC §6), or with
//! `--options` every way open to the account, ranked. Exit 3 when the rules forbid the
//! migration (M1–M3), with the violated rules and a pointer to `--options`.

use super::args::{parse_count, parse_day, parse_number, RunArgs, ScenarioArgs, TableJsonCsv};
use super::simulate::run_options;
use super::{chart_look, chart_size, scenario_of, write_charts, Ctx, InvalidInput, Outcome};
use crate::chart::{timeline_png, ChartSize, Look, TimelineChart, TimelineStep};
use crate::forecast::scenario_warnings;
use crate::i18n::Messages;
use crate::plan::{options, plan, Account, AccountField, Goal, Plan, PlanError, Planned};
use crate::report::{emit, CheckReport, ForbiddenPlan};
use crate::rules::Rulebook;
use chrono::NaiveDate;
use clap::Args;
use std::path::Path;

const EXAMPLES: &str = "\
Examples:
  fanplan plan --goal close --subject personal --start 2026-12-01 --balance 0.5
  fanplan plan --goal close --payment --mini-programs 2 --last-active 2026-11-20 --articles 850
  fanplan plan --goal migrate --followers 120000 --cross-entity --start 2026-12-01 --charts out/
  fanplan plan --options --followers 120000 --start 2026-12-01 --format json";

/// Parse an amount of yuan, at least 0.
fn parse_yuan(s: &str) -> Result<f64, String> {
    let v = parse_number(s)?;
    if v < 0.0 {
        Err(format!("{v} yuan is negative"))
    } else {
        Ok(v)
    }
}

/// Parse a goal: migrate|close or 迁移|注销.
fn parse_goal(s: &str) -> Result<Goal, String> {
    s.parse()
}

/// Parse a small whole count (bindings).
fn parse_small(s: &str) -> Result<u32, String> {
    s.trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a whole number (0 to {})", u32::MAX))
}

/// The ACCOUNT flags (SPEC §6).
#[derive(Debug, Clone, Args, Default)]
#[command(next_help_heading = "Account")]
pub struct AccountArgs {
    /// Balance left in the account, yuan (D4) [default: 0]
    #[arg(long, value_name = "YUAN", value_parser = parse_yuan)]
    balance: Option<f64>,
    /// Income waiting for settlement, yuan (D4) [default: 0]
    #[arg(long, value_name = "YUAN", value_parser = parse_yuan)]
    pending_income: Option<f64>,
    /// WeChat Pay is enabled on the account (D4, D5)
    #[arg(long)]
    payment: bool,
    /// The day of the last mass message or menu change, YYYY-MM-DD (D1)
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    last_active: Option<NaiveDate>,
    /// Mini programs bound to the account (D6) [default: 0]
    #[arg(long, value_name = "N", value_parser = parse_small)]
    mini_programs: Option<u32>,
    /// Third-party platforms authorised on the account (D6) [default: 0]
    #[arg(long, value_name = "N", value_parser = parse_small)]
    third_party: Option<u32>,
    /// A Tencent ad account is linked (D6)
    #[arg(long)]
    ad_account: bool,
    /// Published articles to back up (B1)
    #[arg(long, value_name = "N", value_parser = parse_count)]
    articles: Option<u64>,
    /// The day the end of service was announced, YYYY-MM-DD (D8)
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    announced: Option<NaiveDate>,
}

impl AccountArgs {
    fn account(&self) -> Account {
        Account {
            balance_yuan: self.balance.unwrap_or(0.0),
            pending_income_yuan: self.pending_income.unwrap_or(0.0),
            payment: self.payment,
            last_active: self.last_active,
            mini_programs: self.mini_programs.unwrap_or(0),
            third_party: self.third_party.unwrap_or(0),
            ad_account: self.ad_account,
            articles: self.articles,
            announced: self.announced,
        }
    }
}

/// Flags of `fanplan plan`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct PlanArgs {
    /// What to plan: migrate (迁移) or close (注销)
    #[arg(
        long,
        value_name = "GOAL",
        value_parser = parse_goal,
        required_unless_present = "options",
        conflicts_with = "options"
    )]
    goal: Option<Goal>,
    /// List every way open to the account (same-entity and cross-entity migration, closing),
    /// ranked by the audience at the finish, then the cost
    #[arg(long)]
    options: bool,
    #[command(flatten)]
    scenario: ScenarioArgs,
    #[command(flatten)]
    account: AccountArgs,
    #[command(flatten)]
    run: RunArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = TableJsonCsv::Table)]
    format: TableJsonCsv,
}

/// Render `timeline.png` and write it into `dir` through the shared chart writer.
fn write_timeline(
    p: &Plan,
    dir: &Path,
    size: ChartSize,
    look: &Look,
    err: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    let s = &p.scenario;
    let m = &look.messages;
    let subject = m.text(&format!("subject-{}", s.source_subject));
    let kind = m.text(&format!("kind-{}", s.source_kind));
    let what = match p.route {
        Some(route) => m.msg(
            "chart-plan-migrate",
            &[
                ("subject", subject.into()),
                ("kind", kind.into()),
                ("route", m.text(&format!("route-{route}")).into()),
            ],
        ),
        None => m.msg(
            "chart-plan-close",
            &[("subject", subject.into()), ("kind", kind.into())],
        ),
    };
    let chart = TimelineChart {
        title: m.msg(
            "chart-plan-title",
            &[("what", what.into()), ("start", m.date(p.start).into())],
        ),
        steps: p
            .steps
            .iter()
            .map(|st| TimelineStep {
                label: format!("{} ({})", st.id, st.rule),
                start: st.start,
                end_p50: st.end_p50,
                end_p90: st.end_p90,
            })
            .collect(),
    };
    let charts = vec![("timeline.png", timeline_png(&chart, size, look))];
    write_charts(dir, charts, look, err)?;
    Ok(())
}

/// The flag that sets an ACCOUNT input.
fn account_flag(field: AccountField) -> &'static str {
    match field {
        AccountField::Balance => "--balance",
        AccountField::PendingIncome => "--pending-income",
        AccountField::LastActive => "--last-active",
        AccountField::Announced => "--announced",
    }
}

fn plan_error(m: &Messages, e: PlanError) -> anyhow::Error {
    match e {
        PlanError::Account { field, problem } => InvalidInput(format!(
            "{}: {}",
            account_flag(field),
            crate::report::text::account_problem(m, &problem)
        ))
        .into(),
        PlanError::Calendar(e) => InvalidInput(e.to_string()).into(),
    }
}

/// Run `fanplan plan`.
pub fn run(book: &Rulebook, a: &PlanArgs, ctx: &mut Ctx<'_>) -> anyhow::Result<Outcome> {
    let opts = run_options(&a.run, crate::forecast::DEFAULT_RUNS);
    // A bad size is refused before any work.
    let size = chart_size(&a.run.chart_size)?;
    let account = a.account.account();
    if a.options {
        if a.run.charts.is_some() {
            return Err(
                InvalidInput(Messages::new(ctx.lang).text("error-options-no-chart")).into(),
            );
        }
        let s = scenario_of(&a.scenario, ctx.today, ctx.lang)?;
        let ranked = options(book, &s, &account, &opts)
            .map_err(|e| plan_error(&Messages::new(ctx.lang), e))?;
        emit(&ranked, a.format.into(), &Messages::new(ctx.lang), ctx.out)?;
        return Ok(Outcome::Done);
    }
    let look = a.run.charts.as_ref().map(|_| chart_look(ctx)).transpose()?;
    let goal = a
        .goal
        .ok_or_else(|| InvalidInput(Messages::new(ctx.lang).text("error-goal-missing")))?;
    let mut scenario_args = a.scenario.clone();
    let followers_given = scenario_args.followers.is_some();
    if goal == Goal::Close {
        // Closing needs no follower count; a placeholder keeps the scenario valid.
        scenario_args.followers.get_or_insert(1);
    }
    let s = scenario_of(&scenario_args, ctx.today, ctx.lang)?;
    match plan(book, &s, &account, goal, &opts)
        .map_err(|e| plan_error(&Messages::new(ctx.lang), e))?
    {
        Planned::Plan(mut p) => {
            if !followers_given {
                p.followers_lost = None;
            }
            if let (Some(dir), Some(look)) = (&a.run.charts, &look) {
                write_timeline(&p, dir, size, look, ctx.err)?;
            }
            if followers_given || a.format != TableJsonCsv::Json {
                emit(
                    p.as_ref(),
                    a.format.into(),
                    &Messages::new(ctx.lang),
                    ctx.out,
                )?;
            } else {
                // The placeholder follower count is not the user's: print it as unknown.
                let mut v = serde_json::to_value(p.as_ref())?;
                if let Some(f) = v.pointer_mut("/scenario/followers") {
                    *f = serde_json::Value::Null;
                }
                crate::report::json(&v, ctx.out)?;
            }
            Ok(Outcome::Done)
        }
        Planned::Forbidden(e) => {
            let report = ForbiddenPlan {
                goal,
                check: CheckReport {
                    eligibility: &e,
                    scenario: &s,
                    warnings: scenario_warnings(&s),
                    book,
                    followers_given: true,
                },
                see: "fanplan plan --options",
            };
            emit(&report, a.format.into(), &Messages::new(ctx.lang), ctx.out)?;
            Ok(Outcome::Forbidden)
        }
    }
}
