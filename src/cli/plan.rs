//! `fanplan plan`: a dated step-by-step plan to migrate or close an account (SPEC §6), or with
//! `--options` every way open to the account, ranked. Exit 3 when the rules forbid the
//! migration (M1–M3), with the violated rules and a pointer to `--options`.

use super::args::{
    excel, parse_count, parse_day, parse_number, RunArgs, ScenarioArgs, TableJsonCsv,
};
use super::simulate::run_options;
use super::{
    chart_look, chart_size, partial_scenario_of, scenario_of, write_charts, Ctx, Failure,
    InvalidInput, Outcome,
};
use crate::calendar::Calendar;
use crate::chart::{timeline_png, ChartSize, Look, TimelineChart, TimelineStep};
use crate::forecast::scenario_warnings;
use crate::forecast::Warning;
use crate::i18n::{Lang, Messages};
use crate::plan::{
    options_sampled, plan_sampled, Account, AccountField, Goal, Plan, PlanError, Planned, Status,
};
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
        Err(Messages::new(super::arg_lang()).msg("error-yuan-negative", &[("value", v.into())]))
    } else {
        Ok(v)
    }
}

/// Parse a goal: migrate|close or 迁移|注销.
fn parse_goal(s: &str) -> Result<Goal, String> {
    super::args::words(s.parse().map_err(crate::input::InputError::NotWord))
}

/// Parse a small whole count (bindings).
fn parse_small(s: &str) -> Result<u32, String> {
    s.trim().parse().map_err(|_| {
        Messages::new(super::arg_lang()).msg(
            "error-not-small-count",
            &[
                ("value", crate::fmt::shown(s).into()),
                ("max", u32::MAX.to_string().into()),
            ],
        )
    })
}

/// The ACCOUNT flags (SPEC §6).
#[derive(Debug, Clone, Args, Default)]
#[command(next_help_heading = "Account")]
pub struct AccountArgs {
    /// Balance left in the account, yuan (D4) [default: 0]
    #[arg(long, value_name = "YUAN", value_parser = excel(parse_yuan), allow_negative_numbers = true)]
    balance: Option<f64>,
    /// Income waiting for settlement, yuan (D4) [default: 0]
    #[arg(long, value_name = "YUAN", value_parser = excel(parse_yuan), allow_negative_numbers = true)]
    pending_income: Option<f64>,
    /// WeChat Pay is enabled on the account (D4, D5)
    #[arg(long)]
    payment: bool,
    /// The day of the last mass message or menu change, YYYY-MM-DD (D1)
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    last_active: Option<NaiveDate>,
    /// Mini programs bound to the account (D6) [default: 0]
    #[arg(long, value_name = "N", value_parser = excel(parse_small), allow_negative_numbers = true)]
    mini_programs: Option<u32>,
    /// Third-party platforms authorised on the account (D6) [default: 0]
    #[arg(long, value_name = "N", value_parser = excel(parse_small), allow_negative_numbers = true)]
    third_party: Option<u32>,
    /// A Tencent ad account is linked (D6)
    #[arg(long)]
    ad_account: bool,
    /// Published articles to back up (B1)
    #[arg(long, value_name = "N", value_parser = excel(parse_count), allow_negative_numbers = true)]
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
    /// Sampling of a migration's inputs: mc (independent draws) or lhs (Latin hypercube, in
    /// 10 independent hypercubes)
    #[arg(long, value_enum, default_value_t = super::simulate::SamplingArg::Mc)]
    sampling: super::simulate::SamplingArg,
    /// Output format
    #[arg(help_heading = "Output", long, value_enum, default_value_t = TableJsonCsv::Table)]
    format: TableJsonCsv,
}

/// The longest plan whose days off are shaded one by one on the timeline (ten years).
const MAX_SHADED_DAYS: usize = 3660;

/// The days off between the plan's first and last dates, and its provisional stretches.
fn calendar_of(cal: &Calendar, p: &Plan) -> (Vec<NaiveDate>, Vec<(NaiveDate, NaiveDate)>) {
    let dates = p.steps.iter().flat_map(|s| [s.start, s.end_p50, s.end_p90]);
    let (Some(first), Some(last)) = (dates.clone().min(), dates.max()) else {
        return (Vec::new(), Vec::new());
    };
    let days_off = first
        .iter_days()
        .take_while(|d| *d <= last)
        .take(MAX_SHADED_DAYS)
        .filter(|d| !cal.is_working_day(*d))
        .collect();
    let provisional = p
        .provisional_years
        .iter()
        .filter_map(|&y| {
            let a = NaiveDate::from_ymd_opt(y, 1, 1)?.max(first);
            let b = NaiveDate::from_ymd_opt(y, 12, 31)?.min(last);
            (a <= b).then_some((a, b))
        })
        .collect();
    (days_off, provisional)
}

/// Render `timeline.png` and write it into `dir` through the shared chart writer.
fn write_timeline(
    cal: &Calendar,
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
    let (days_off, provisional) = calendar_of(cal, p);
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
                blocked: st.status == Status::Blocked,
            })
            .collect(),
        days_off,
        provisional,
    };
    let charts = vec![("timeline.png", timeline_png(&chart, size, look))];
    for path in write_charts(dir, charts, look, err)? {
        let wrote = m.msg("wrote-file", &[("path", path.display().to_string().into())]);
        writeln!(err, "{wrote}")?;
    }
    Ok(())
}

/// CSV has no place for warnings: they go to standard error, so none is lost.
fn warn_on_stderr<'a>(
    warnings: impl Iterator<Item = &'a Warning>,
    ctx: &mut Ctx<'_>,
) -> anyhow::Result<()> {
    let m = Messages::new(ctx.lang);
    let mut seen = Vec::new();
    for w in warnings.map(|w| crate::report::text::warning(&m, w)) {
        if !seen.contains(&w) {
            writeln!(
                ctx.err,
                "{}",
                m.msg("warning-line", &[("text", w.as_str().into())])
            )?;
            seen.push(w);
        }
    }
    Ok(())
}

/// The latest date a plan shows.
fn last_date(p: &crate::plan::Plan) -> Option<NaiveDate> {
    let steps = p
        .steps
        .iter()
        .flat_map(|st| [Some(st.end_p90), st.unblocks_on]);
    let reuse = [p.name_reuse, p.licence_reuse].map(|r| r.map(|r| r.p90));
    steps
        .chain(reuse)
        .chain([Some(p.finish.p90)])
        .flatten()
        .max()
}

/// Refuse a plan that reaches past the last date fanplan prints (four-digit years).
fn check_printable(last: Option<NaiveDate>) -> anyhow::Result<()> {
    match last {
        Some(d) if d > super::last_printable_date() => Err(Failure::invalid("error-plan-past")
            .arg("year", chrono::Datelike::year(&d))
            .arg("last", super::last_printable_date())
            .into()),
        _ => Ok(()),
    }
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

fn plan_error(lang: Lang, e: PlanError) -> anyhow::Error {
    let m = &Messages::new(lang);
    match e {
        PlanError::Account { field, problem } => InvalidInput(m.msg(
            "error-flag",
            &[
                ("flag", account_flag(field).into()),
                (
                    "reason",
                    crate::report::text::account_problem(m, &problem).into(),
                ),
            ],
        ))
        .into(),
        PlanError::Calendar(e) => InvalidInput(crate::report::text::calendar_error(m, &e)).into(),
        PlanError::Scenario(e) => super::flag_error(lang, e),
    }
}

/// Run `fanplan plan`.
pub fn run(
    cal: &Calendar,
    book: &Rulebook,
    a: &PlanArgs,
    ctx: &mut Ctx<'_>,
) -> anyhow::Result<Outcome> {
    let opts = run_options(&a.run, crate::forecast::DEFAULT_RUNS);
    // A bad size is refused before any work.
    let size = chart_size(&a.run.chart_size)?;
    let account = a.account.account();
    if a.run.at_least.is_some() && (a.options || a.format == TableJsonCsv::Csv) {
        return Err(InvalidInput(Messages::new(ctx.lang).text("error-at-least-plan")).into());
    }
    if a.options {
        if a.run.charts.is_some() {
            return Err(
                InvalidInput(Messages::new(ctx.lang).text("error-options-no-chart")).into(),
            );
        }
        let s = scenario_of(a.scenario.input(), ctx.today, ctx.lang)?;
        let ranked = options_sampled(cal, book, &s, &account, &opts, a.sampling.into())
            .map_err(|e| plan_error(ctx.lang, e))?;
        let last = ranked
            .options
            .iter()
            .filter_map(|o| o.finish.map(|f| f.p90))
            .max();
        check_printable(last)?;
        emit(&ranked, a.format.into(), &Messages::new(ctx.lang), ctx.out)?;
        if a.format == TableJsonCsv::Csv {
            let all = ranked
                .warnings
                .iter()
                .chain(ranked.options.iter().flat_map(|o| &o.warnings));
            warn_on_stderr(all, ctx)?;
        }
        return Ok(Outcome::Done);
    }
    let look = a.run.charts.as_ref().map(|_| chart_look(ctx)).transpose()?;
    let goal = a
        .goal
        .ok_or_else(|| InvalidInput(Messages::new(ctx.lang).text("error-goal-missing")))?;
    let input = a.scenario.input();
    // Closing needs no follower count; a migration does, and says so before any work.
    let s = match goal {
        Goal::Close => partial_scenario_of(input, ctx.today, ctx.lang)?,
        Goal::Migrate => scenario_of(input, ctx.today, ctx.lang)?.partial(),
    };
    super::plan_charts(ctx, a.run.charts.as_deref(), &["timeline.png"])?;
    match plan_sampled(cal, book, &s, &account, goal, &opts, a.sampling.into())
        .map_err(|e| plan_error(ctx.lang, e))?
    {
        Planned::Plan(p) => {
            check_printable(last_date(&p))?;
            if a.format == TableJsonCsv::Csv {
                warn_on_stderr(p.warnings.iter(), ctx)?;
            }
            if let (Some(dir), Some(look)) = (&a.run.charts, &look) {
                write_timeline(cal, &p, dir, size, look, ctx.err)?;
            }
            emit(
                p.as_ref(),
                a.format.into(),
                &Messages::new(ctx.lang),
                ctx.out,
            )?;
            Ok(Outcome::Done)
        }
        Planned::Forbidden(e) => {
            let report = ForbiddenPlan {
                goal,
                check: CheckReport {
                    eligibility: &e,
                    scenario: &s,
                    warnings: scenario_warnings(book, &s),
                    book,
                },
                see: "fanplan plan --options",
            };
            emit(&report, a.format.into(), &Messages::new(ctx.lang), ctx.out)?;
            Ok(Outcome::Forbidden)
        }
    }
}
