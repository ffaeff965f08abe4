//! The sentences a person reads, made from the core's typed facts: one small function (or match
//! arm) per message, worded by the translation files (`locales/*.ftl`). JSON and CSV carry the
//! English words ([`english`]) in every language.

use crate::batch::{RowError, RowProblem};
use crate::domain::{Kind, Route, Subject};
use crate::eligibility::{Breach, Violation};
use crate::forecast::Warning;
use crate::i18n::{english, Messages};
use crate::input::InputError;
use crate::plan::{AccountProblem, BlockReason, BlockedStep, Blockers, Note, Title};
use crate::scenario::Problem;
use chrono::NaiveDate;
use fluent_bundle::FluentValue;

/// A message argument from anything displayable, as text (no number formatting).
fn s(v: impl ToString) -> FluentValue<'static> {
    FluentValue::from(v.to_string())
}

/// An account kind in words.
pub fn kind(m: &Messages, k: Kind) -> String {
    m.text(&format!("kind-{k}"))
}

/// A subject type in words.
pub fn subject(m: &Messages, sub: Subject) -> String {
    m.text(&format!("subject-{sub}"))
}

/// A route in words.
pub fn route(m: &Messages, r: Route) -> String {
    m.text(&format!("route-{r}"))
}

/// A date as the reader writes it.
fn date(m: &Messages, d: NaiveDate) -> FluentValue<'static> {
    FluentValue::from(m.date(d))
}

/// Why a flag value or a CSV cell could not be read.
pub fn input_error(m: &Messages, e: &InputError) -> String {
    use crate::report::fmt::shown;
    let one = |id: &str, v: &str| m.msg(id, &[("value", s(shown(v)))]);
    match e {
        InputError::NotCount(v) | InputError::CountOutOfRange(v) if v.trim().starts_with('-') => {
            one("input-negative-count", v)
        }
        InputError::NotCount(v) => one("input-not-count", v),
        InputError::CountOutOfRange(v) => one("input-count-out-of-range", v),
        InputError::NotNumber(v) => one("input-not-number", v),
        InputError::NotFinite(v) => one("input-not-finite", v),
        InputError::NotFeeRange(v) => one("input-not-fee-range", v),
        InputError::NotDate(v) => one("input-not-date", v),
        InputError::NotBool(v) => one("input-not-bool", v),
        InputError::NotDays(v) => one("input-not-days", v),
        InputError::NotWord(w) => m.msg(
            "input-not-word",
            &[("value", s(shown(&w.value))), ("allowed", s(w.allowed))],
        ),
    }
}

/// What is wrong with a scenario input, without the flag or column name. `horizon` names the
/// input that sets the horizon (the flag or the column), for the advice to shorten it.
pub fn scenario_problem(m: &Messages, p: &Problem, horizon: &str) -> String {
    match p {
        Problem::Required => m.text("problem-required"),
        Problem::CountOutside { value, max } => m.msg(
            "problem-count-outside",
            &[("value", s(value)), ("max", s(max))],
        ),
        Problem::CountAbove { value, max } => m.msg(
            "problem-count-above",
            &[("value", s(value)), ("max", s(max))],
        ),
        Problem::NotFinite(v) => m.msg("problem-not-finite", &[("value", s(v))]),
        Problem::ShareOutside(v) => m.msg("problem-share-outside", &[("value", s(v))]),
        Problem::GrowthOutside(v) => m.msg("problem-growth-outside", &[("value", s(v))]),
        Problem::NotFee(v) => m.msg("problem-not-fee", &[("value", s(v))]),
        Problem::Reversed { min, max } => {
            m.msg("problem-reversed", &[("min", s(min)), ("max", s(max))])
        }
        Problem::ValueTooHigh(v) => m.msg("problem-value-too-high", &[("value", s(v))]),
        Problem::Negative(v) => m.msg("problem-negative", &[("value", s(v))]),
        Problem::HorizonOutside { days, max } => m.msg(
            "problem-horizon-outside",
            &[("days", s(days)), ("max", s(max))],
        ),
        Problem::StartOutside {
            date: d,
            first,
            last,
        } => m.msg(
            "problem-start-outside",
            &[
                ("date", date(m, *d)),
                ("first", date(m, *first)),
                ("last", date(m, *last)),
            ],
        ),
        Problem::GrowthTooFast {
            daily_growth,
            horizon_days,
        } => m.msg(
            "problem-growth-too-fast",
            &[
                ("growth", s(daily_growth)),
                ("days", s(horizon_days)),
                ("horizon", s(horizon)),
            ],
        ),
    }
}

/// Why a migration is forbidden (M1–M3, M9).
pub fn breach(m: &Messages, b: &Breach) -> String {
    match b {
        Breach::KindChange {
            source,
            target,
            allowed,
        } => {
            let pairs: Vec<String> = allowed
                .iter()
                .map(|p| {
                    m.msg(
                        "breach-pair",
                        &[("from", s(kind(m, p.from))), ("to", s(kind(m, p.to)))],
                    )
                })
                .collect();
            let only = match pairs.as_slice() {
                [] => m.text("breach-only-none"),
                [one] => m.msg("breach-only-one", &[("pair", s(one))]),
                [rest @ .., last] => m.msg(
                    "breach-only-many",
                    &[
                        ("rest", s(rest.join(&m.text("sep-list")))),
                        ("last", s(last)),
                    ],
                ),
            };
            m.msg(
                "breach-kind-change",
                &[
                    ("source", s(kind(m, *source))),
                    ("target", s(kind(m, *target))),
                    ("only", s(only)),
                ],
            )
        }
        Breach::ForbiddenSubjects { source, target } => m.msg(
            "breach-forbidden-subjects",
            &[
                ("source", s(subject(m, *source))),
                ("target", s(subject(m, *target))),
            ],
        ),
        Breach::UnverifiedTarget => m.text("breach-unverified-target"),
        Breach::TargetTooLarge { followers, max } => m.msg(
            "breach-target-too-large",
            &[
                ("followers", s(super::fmt::thousands(*followers as f64))),
                ("max", s(super::fmt::thousands(*max as f64))),
            ],
        ),
    }
}

/// A violated rule on one line: id, words, source.
pub fn violation(m: &Messages, v: &Violation) -> String {
    m.msg(
        "violation",
        &[
            ("rule", s(v.rule)),
            ("message", s(breach(m, &v.breach))),
            ("source", s(&v.source)),
        ],
    )
}

/// A violation in JSON: `rule`, `message` (the English words of [`breach`]) and `source`.
impl serde::Serialize for Violation {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = ser.serialize_struct("Violation", 3)?;
        st.serialize_field("rule", &self.rule)?;
        st.serialize_field("message", &breach(english(), &self.breach))?;
        st.serialize_field("source", &self.source)?;
        st.end()
    }
}

/// What is wrong with an ACCOUNT value of a plan, without the flag name.
pub fn account_problem(m: &Messages, p: &AccountProblem) -> String {
    match p {
        AccountProblem::NotYuan(v) => m.msg("account-not-yuan", &[("value", s(v))]),
        AccountProblem::TooFarAhead { date: d, max_days } => m.msg(
            "account-too-far-ahead",
            &[("date", date(m, *d)), ("max", s(max_days))],
        ),
    }
}

/// A warning about the inputs or the dates.
pub fn warning(m: &Messages, w: &Warning) -> String {
    match w {
        Warning::NotaryIgnored => m.text("warning-notary-ignored"),
        Warning::CrossEntityImplied { target, source } => m.msg(
            "warning-cross-entity-implied",
            &[
                ("target", s(subject(m, *target))),
                ("source", s(subject(m, *source))),
            ],
        ),
        Warning::FundsAssumedCleared { several: false } => {
            m.text("warning-funds-assumed-cleared-one")
        }
        Warning::FundsAssumedCleared { several: true } => {
            m.text("warning-funds-assumed-cleared-several")
        }
        Warning::FreezeByFollowers { shortest_days } => format!(
            "the freeze (D7) of this rulebook depends on the follower count: give --followers (this plan uses the shortest, {shortest_days} days)"
        ),
        Warning::WeekendsOnly { from, to, steps } => {
            let steps: Vec<String> = steps
                .iter()
                .map(|(id, last)| {
                    m.msg(
                        "warning-weekends-only-step",
                        &[("step", s(id)), ("last", date(m, *last))],
                    )
                })
                .collect();
            m.msg(
                "warning-weekends-only",
                &[
                    ("from", date(m, *from)),
                    ("to", date(m, *to)),
                    ("steps", s(steps.join(&m.text("sep-list")))),
                ],
            )
        }
        Warning::FewRuns { runs } => m.msg(
            "warning-few-runs",
            &[("runs", s(super::fmt::thousands(*runs as f64)))],
        ),
        Warning::HorizonBeforeSettled {
            horizon_days,
            settled_p90_day,
        } => m.msg(
            "warning-horizon-before-settled",
            &[
                ("horizon", s(horizon_days)),
                ("day", s(settled_p90_day.ceil())),
            ],
        ),
        Warning::ProvisionalHolidays { years } => {
            let list: Vec<String> = years.iter().map(i32::to_string).collect();
            let first = years.first().copied().unwrap_or_default();
            m.msg(
                "warning-provisional-holidays",
                &[("years", s(list.join(&m.text("sep-list")))), ("first", s(first))],
            )
        }
    }
}

/// A warning in JSON: its English words.
impl serde::Serialize for Warning {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.serialize_str(&warning(english(), self))
    }
}

/// Why a batch row cannot be read, without the column name.
pub fn row_problem(m: &Messages, p: &RowProblem) -> String {
    match p {
        RowProblem::Input(e) => input_error(m, e),
        RowProblem::Scenario(p) => scenario_problem(m, p, &m.text("horizon-column")),
        RowProblem::Width { found, expected } => m.msg(
            "row-width",
            &[("found", (*found).into()), ("expected", s(expected))],
        ),
        RowProblem::EmptyId => m.text("row-empty-id"),
        RowProblem::NotUtf8 { offset: None } => m.text("row-not-utf8"),
        RowProblem::NotUtf8 { offset: Some(o) } => m.msg("row-not-utf8-at", &[("offset", s(o))]),
        RowProblem::DuplicateId => m.text("row-duplicate-id"),
    }
}

/// A rejected batch row: its line, id, column and what is wrong.
pub fn row_error(m: &Messages, e: &RowError) -> String {
    let mut out = m.msg("row-line", &[("line", s(e.line))]);
    if !e.id.is_empty() {
        out.push_str(&m.msg("row-id", &[("id", s(&e.id))]));
    }
    let (column, reason) = (e.column.as_str(), row_problem(m, &e.problem));
    let id = if column.is_empty() {
        "row-reason"
    } else if e.value.is_empty() {
        "row-column-reason"
    } else {
        "row-column-value-reason"
    };
    out.push_str(&m.msg(id, &[("column", s(column)), ("reason", s(reason))]));
    out
}

/// Why a step is blocked, without the rule id.
pub fn block_reason(m: &Messages, r: &BlockReason) -> String {
    match r {
        BlockReason::RecentlyActive { last_active, days } => m.msg(
            "block-recently-active",
            &[("date", date(m, *last_active)), ("days", s(days))],
        ),
        BlockReason::Balance {
            subject: sub,
            limit,
            balance,
        } => m.msg(
            "block-balance",
            &[
                ("subject", s(subject(m, *sub))),
                ("limit", s(limit)),
                ("balance", s(balance)),
            ],
        ),
        BlockReason::PendingIncome {
            subject: sub,
            pending,
        } => m.msg(
            "block-pending-income",
            &[("subject", s(subject(m, *sub))), ("pending", s(pending))],
        ),
        BlockReason::NoticeRunning { announced, days } => m.msg(
            "block-notice-running",
            &[("date", date(m, *announced)), ("days", s(days))],
        ),
        BlockReason::PaymentBalance { balance, limit } => m.msg(
            "block-payment-balance",
            &[("balance", s(balance)), ("limit", s(limit))],
        ),
    }
}

/// Every reason a step is blocked: `D8: …; D4: …`.
pub fn blockers(m: &Messages, b: &Blockers) -> String {
    b.0.iter()
        .map(|b| {
            m.msg(
                "blocker",
                &[
                    ("rule", s(b.rule)),
                    ("reason", s(block_reason(m, &b.reason))),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join(&m.text("sep-reasons"))
}

/// A blocked step of a way: `step: rule: reason`.
pub fn blocked_step(m: &Messages, b: &BlockedStep) -> String {
    m.msg(
        "blocked-step",
        &[
            ("step", s(b.step)),
            ("reasons", s(blockers(m, &b.blockers))),
        ],
    )
}

/// Blockers in JSON: their English words.
impl serde::Serialize for Blockers {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.serialize_str(&blockers(english(), self))
    }
}

/// A blocked step in JSON: its English words.
impl serde::Serialize for BlockedStep {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.serialize_str(&blocked_step(english(), self))
    }
}

/// What a plan step says to do.
pub fn title(m: &Messages, t: &Title) -> String {
    match t {
        Title::Announced { announced, days } => m.msg(
            "title-announced",
            &[("date", date(m, *announced)), ("days", s(days))],
        ),
        Title::PublishNotice { days } => m.msg("title-publish-notice", &[("days", s(days))]),
        Title::QuietSince { days, last_active } => m.msg(
            "title-quiet-since",
            &[("days", s(days)), ("date", date(m, *last_active))],
        ),
        Title::StopOperations { days } => m.msg("title-stop-operations", &[("days", s(days))]),
        Title::Backup => m.text("title-backup"),
        Title::Unbind {
            mini_programs,
            third_party,
            ad_account,
        } => {
            let mut what = Vec::new();
            if *mini_programs > 0 {
                what.push(m.msg("unbind-mini-programs", &[("n", s(mini_programs))]));
            }
            if *third_party > 0 {
                what.push(m.msg("unbind-third-party", &[("n", s(third_party))]));
            }
            if *ad_account {
                what.push(m.text("unbind-ad-account"));
            }
            m.msg(
                "title-unbind",
                &[("what", s(what.join(&m.text("sep-list"))))],
            )
        }
        Title::ClosePayment { working_days } => {
            m.msg("title-close-payment", &[("days", s(working_days))])
        }
        Title::Submit { materials, offline } => m.msg(
            if *offline {
                "title-submit-offline"
            } else {
                "title-submit"
            },
            &[("materials", s(materials.join(&m.text("sep-list"))))],
        ),
        Title::Review {
            subject: sub,
            min,
            max,
        } => m.msg(
            "title-review",
            &[
                ("subject", s(subject(m, *sub))),
                ("min", s(min)),
                ("max", s(max)),
            ],
        ),
        Title::Freeze { minutes, days } => m.msg(
            "title-freeze",
            &[("minutes", s(minutes)), ("days", s(days))],
        ),
        Title::Deletion { day } => m.msg("title-deletion", &[("day", s(day))]),
        Title::NameCooldown { days } => m.msg("title-name-cooldown", &[("days", s(days))]),
        Title::Notarise { cross_entity } => m.text(if *cross_entity {
            "title-notarise-cross-entity"
        } else {
            "title-notarise"
        }),
        Title::Apply { fee } => m.msg("title-apply", &[("fee", s(fee))]),
        Title::ReviewTransfer { route: r, min, max } => m.msg(
            "title-review-transfer",
            &[("route", s(route(m, *r))), ("min", s(min)), ("max", s(max))],
        ),
        Title::UnfollowWindow { days } => {
            m.msg("title-unfollow-window", &[("days", (*days).into())])
        }
        Title::SourceClosed => m.text("title-source-closed"),
    }
}

/// A detail of a plan step.
pub fn note(m: &Messages, n: &Note) -> String {
    match n {
        Note::MassMessageIsOperation => m.text("note-mass-message"),
        Note::ExportBatches {
            articles,
            batches,
            per,
        } => m.msg(
            "note-export-batches",
            &[
                ("articles", s(articles)),
                ("batches", s(batches)),
                ("per", s(per)),
            ],
        ),
        Note::ExportBatchSize { per } => m.msg("note-export-batch-size", &[("per", s(per))]),
        Note::InteractionsKept { days, before } => m.msg(
            "note-interactions-kept",
            &[("days", s(days)), ("date", date(m, *before))],
        ),
        Note::StatisticsKept { months, from } => m.msg(
            "note-statistics-kept",
            &[("months", s(months)), ("date", date(m, *from))],
        ),
        Note::AdRevenueKept { months, from } => m.msg(
            "note-ad-revenue-kept",
            &[("months", s(months)), ("date", date(m, *from))],
        ),
        Note::Deadline { before } => m.msg("note-deadline", &[("step", s(before))]),
        Note::Offline { subject: sub } => {
            m.msg("note-offline", &[("subject", s(subject(m, *sub)))])
        }
        Note::NoticeKept {
            notice_days,
            shortest,
        } => m.msg(
            "note-notice-kept",
            &[("notice", s(notice_days)), ("shortest", s(shortest))],
        ),
        Note::Retention { min, max } => m.msg(
            "note-retention",
            &[
                ("min", s(format!("{:.0}", min * 100.0))),
                ("max", s(format!("{:.0}", max * 100.0))),
            ],
        ),
        Note::LicenceReuse { days, from } => m.msg(
            "note-licence-reuse",
            &[("days", s(days)), ("date", date(m, *from))],
        ),
    }
}

/// A title in JSON: its English words.
impl serde::Serialize for Title {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.serialize_str(&title(english(), self))
    }
}

/// A note in JSON: its English words.
impl serde::Serialize for Note {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.serialize_str(&note(english(), self))
    }
}

/// A chart error: a size that cannot be read or drawn, a chart with nothing to draw, or what
/// the drawing library said.
pub fn chart_error(m: &Messages, e: &crate::chart::ChartError) -> String {
    use crate::chart::{ChartError as E, ChartKind, SizeProblem};
    let size = |id: &str, width: &u32, height: &u32| {
        m.msg(id, &[("width", s(width)), ("height", s(height))])
    };
    let detail = |id: &str, d: &str| m.msg(id, &[("detail", s(d))]);
    match e {
        E::TooSmall { width, height } => size("chart-error-too-small", width, height),
        E::TooLarge { width, height } => size("chart-error-too-large", width, height),
        E::InvalidSize { input, reason } => {
            let reason = match reason {
                SizeProblem::NoX => "no-x",
                SizeProblem::Width => "width",
                SizeProblem::Height => "height",
                SizeProblem::TooSmall => "too-small",
                SizeProblem::TooLarge => "too-large",
            };
            m.msg(
                "chart-error-invalid-size",
                &[
                    ("input", s(crate::report::fmt::shown(input))),
                    ("reason", s(reason)),
                ],
            )
        }
        E::NoData(kind) => {
            let chart = match kind {
                ChartKind::Histogram => "histogram",
                ChartKind::Trajectory => "trajectory",
                ChartKind::Portfolio => "portfolio",
                ChartKind::Timeline => "timeline",
                ChartKind::Comparison => "comparison",
            };
            m.msg("chart-error-no-data", &[("chart", s(chart))])
        }
        E::Font(d) => detail("chart-error-font", d),
        E::Drawing(d) => detail("chart-error-drawing", d),
        E::Encode(d) => detail("chart-error-encode", d),
    }
}

/// Why a table's header cannot be read.
pub fn header_error(m: &Messages, e: &crate::batch::row::HeaderError) -> String {
    use crate::batch::row::HeaderError as H;
    match e {
        H::Empty => m.text("header-empty"),
        H::Missing(column) => m.msg("header-missing", &[("column", s(column))]),
        H::Separator { missing, separator } => m.msg(
            "header-separator",
            &[
                ("missing", s(missing)),
                (
                    "separator",
                    s(if *separator == ';' {
                        "semicolon"
                    } else {
                        "tab"
                    }),
                ),
            ],
        ),
        H::Repeated(column) => m.msg("header-repeated", &[("column", s(column))]),
    }
}

/// An unknown column in the note that names them: its name, or its number when it has none.
pub fn unknown_column(m: &Messages, c: &crate::batch::row::UnknownColumn) -> String {
    if c.name.is_empty() {
        m.msg("column-empty-name", &[("column", s(c.column))])
    } else {
        c.name.clone()
    }
}

/// A date that would fall past the last one the calendar can hold.
pub fn calendar_error(m: &Messages, e: &crate::calendar::CalendarError) -> String {
    use crate::calendar::CalendarError as C;
    let (id, from, days) = match e {
        C::CalendarDaysOverflow { from, days } => ("error-calendar-days-overflow", from, days),
        C::WorkingDaysOverflow { from, days } => ("error-working-days-overflow", from, days),
    };
    m.msg(
        id,
        &[
            ("days", s(days)),
            ("from", date(m, *from)),
            ("max", date(m, NaiveDate::MAX)),
        ],
    )
}

/// What is wrong in a holiday file, with its line and key.
pub fn holiday_file_error(m: &Messages, e: &crate::calendar::FileError) -> String {
    use crate::calendar::Problem as P;
    let problem = match &e.problem {
        P::Syntax(detail) => m.msg("holidays-syntax", &[("detail", s(detail))]),
        P::BadDate(v) => m.msg(
            "holidays-bad-date",
            &[("value", s(crate::report::fmt::shown(v)))],
        ),
        P::OutsideYear { date: d, year } => m.msg(
            "holidays-outside-year",
            &[("date", date(m, *d)), ("year", s(year))],
        ),
        P::OffAndWork(d) => m.msg("holidays-off-and-work", &[("date", date(m, *d))]),
        P::DuplicateYear(year) => m.msg("holidays-year-twice", &[("year", s(year))]),
        P::YearOutOfRange { year, min, max } => m.msg(
            "holidays-year-outside",
            &[("year", s(year)), ("min", s(min)), ("max", s(max))],
        ),
    };
    m.msg(
        "holidays-at",
        &[
            ("line", s(e.line)),
            ("key", s(&e.key)),
            ("problem", s(problem)),
        ],
    )
}
