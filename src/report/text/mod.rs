//! The sentences a person reads, made from the core's typed facts: one small function (or match
//! arm) per message, worded by the translation files (`locales/*.ftl`). JSON and CSV carry the
//! English words ([`english`]) in every language.

use crate::batch::{RowError, RowProblem};
use crate::domain::{Kind, Route, Subject};
use crate::eligibility::{Breach, Violation};
use crate::forecast::Warning;
use crate::i18n::{english, Messages};
use crate::input::InputError;
use crate::plan::AccountProblem;
use crate::scenario::Problem;
use chrono::NaiveDate;
use fluent_bundle::FluentValue;

mod errors;
mod plan;

pub use errors::{calendar_error, chart_error, header_error, holiday_file_error, unknown_column};
pub use plan::{block_reason, blocked_step, blockers, note, title};

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
    use crate::fmt::shown;
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
                ("followers", s(crate::fmt::thousands(*followers as f64))),
                ("max", s(crate::fmt::thousands(*max as f64))),
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
            &[("runs", s(crate::fmt::thousands(*runs as f64)))],
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

/// The words of the built-in rulebooks that are shown to a reader, with their message ids:
/// closing documents (D2) and how sure a source is. Other text a rulebook's author writes is
/// shown as written.
const RULEBOOK_WORDS: [(&str, &str); 10] = [
    ("ID card (front and back)", "material-id-card"),
    ("business licence", "material-business-licence"),
    (
        "official letter with the company seal",
        "material-official-letter",
    ),
    (
        "organisation code certificate",
        "material-organisation-code",
    ),
    ("article", "confidence-article"),
    ("several pages agree", "confidence-several-pages"),
    ("one page", "confidence-one-page"),
    (
        "one page for the durations; article for the retention",
        "confidence-durations-one-page",
    ),
    (
        "several pages agree on the letter; one page for the fee",
        "confidence-letter-fee",
    ),
    (
        "several pages agree; one page for service → subscription",
        "confidence-service-subscription",
    ),
];

/// A rulebook's own word in the reader's language when it is one of the built-in rulebooks'
/// ([`RULEBOOK_WORDS`]), else as written.
pub fn rulebook_word(m: &Messages, said: &str) -> String {
    RULEBOOK_WORDS
        .iter()
        .find(|(en, _)| *en == said)
        .map_or_else(|| said.to_string(), |(_, id)| m.text(id))
}

/// Several documents, joined by `sep`.
pub fn materials(m: &Messages, names: &[String], sep: &str) -> String {
    let words: Vec<String> = names.iter().map(|n| rulebook_word(m, n)).collect();
    words.join(sep)
}

/// A row error in the English of the machine outputs (the `reason` of JSON and CSV).
impl RowError {
    /// What is wrong and what is accepted, in words.
    pub fn reason(&self) -> String {
        row_problem(english(), &self.problem)
    }
}

/// A row error in JSON: `line`, `id`, `column`, `value`, `reason`.
impl serde::Serialize for RowError {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = ser.serialize_struct("RowError", 5)?;
        st.serialize_field("line", &self.line)?;
        st.serialize_field("id", &self.id)?;
        st.serialize_field("column", self.column.as_str())?;
        st.serialize_field("value", &self.value)?;
        st.serialize_field("reason", &self.reason())?;
        st.end()
    }
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}", self.line)?;
        if !self.id.is_empty() {
            write!(f, " (id {})", self.id)?;
        }
        let (column, reason) = (self.column.as_str(), self.reason());
        if column.is_empty() {
            write!(f, ": {reason}")
        } else if self.value.is_empty() {
            write!(f, ": column {column} {reason}")
        } else {
            write!(f, ": column {column}: {reason}")
        }
    }
}
