//! The sentences a person reads, made from the core's typed facts: one small function (or match
//! arm) per message, so that each can move to a translation file.

use crate::batch::RowProblem;
use crate::eligibility::{Breach, Violation};
use crate::forecast::Warning;
use crate::input::InputError;
use crate::plan::{AccountProblem, BlockReason, BlockedStep, Blockers};
use crate::scenario::Problem;

/// Why a flag value or a CSV cell could not be read.
pub fn input_error(e: &InputError) -> String {
    use crate::report::fmt::shown;
    match e {
        InputError::NotCount(s) | InputError::CountOutOfRange(s) if s.trim().starts_with('-') => {
            format!("`{}` is negative: give a whole number, 0 or more", shown(s))
        }
        InputError::NotCount(s) => format!(
            "`{}` is not a whole number (e.g. 120000, 120,000 or 12万)",
            shown(s)
        ),
        InputError::CountOutOfRange(s) => format!("`{}` is not a whole number", shown(s)),
        InputError::NotNumber(s) => format!("`{}` is not a number", shown(s)),
        InputError::NotFinite(s) => format!("`{}` is not a finite number", shown(s)),
        InputError::NotFeeRange(s) => format!(
            "`{}` is not a fee range: write MIN-MAX in yuan (e.g. 500-1500) or one number",
            shown(s)
        ),
        InputError::NotDate(s) => format!(
            "`{}` is not a real date in the form YYYY-MM-DD (or YYYY/M/D)",
            shown(s)
        ),
        InputError::NotBool(s) => format!(
            "`{}` is not a boolean (true/false, yes/no, 1/0, 是/否)",
            shown(s)
        ),
        InputError::NotDays(s) => format!("`{}` is not a whole number of days", shown(s)),
        InputError::NotWord(w) => format!("`{}` is not one of: {}", shown(&w.value), w.allowed),
    }
}

/// What is wrong with a scenario input, without the flag or column name. `horizon` names the
/// input that sets the horizon (the flag or the column), for the advice to shorten it.
pub fn scenario_problem(p: &Problem, horizon: &str) -> String {
    match p {
        Problem::Required => {
            "is required (the source account's follower count, at least 1)".to_string()
        }
        Problem::CountOutside { value, max } => format!("{value} is outside 1–{max}"),
        Problem::CountAbove { value, max } => format!("{value} is above {max}"),
        Problem::NotFinite(v) => format!("{v} is not a finite number"),
        Problem::ShareOutside(v) => {
            format!("{v} is outside 0–1 (a share of the source's followers)")
        }
        Problem::GrowthOutside(v) => format!(
            "{v} is outside the open range −0.5 to 0.5 (a share per day, e.g. 0.001)"
        ),
        Problem::NotFee(v) => format!("{v} yuan is not a fee (a number from 0 to 10^15)"),
        Problem::Reversed { min, max } => format!("the range is reversed: {min} is above {max}"),
        Problem::ValueTooHigh(v) => {
            format!("{v} yuan a follower values the account above 10^15 yuan")
        }
        Problem::Negative(v) => format!("{v} yuan is negative"),
        Problem::HorizonOutside { days, max } => format!("{days} days is outside 1–{max}"),
        Problem::StartOutside { date, first, last } => {
            format!("{date} is outside {first} to {last}")
        }
        Problem::GrowthTooFast {
            daily_growth,
            horizon_days,
        } => format!(
            "{daily_growth} a day over {horizon_days} days grows the audience past 10^15; lower it or shorten {horizon}"
        ),
    }
}

/// "a" or "an" before a word.
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// Why a migration is forbidden (M1–M3, M9).
pub fn breach(b: &Breach) -> String {
    match b {
        Breach::KindChange {
            source,
            target,
            allowed,
        } => {
            let pairs: Vec<String> = allowed
                .iter()
                .map(|p| format!("{} → {}", p.from, p.to))
                .collect();
            let only = match pairs.as_slice() {
                [] => "no kind may migrate".to_string(),
                [one] => format!("only {one}"),
                [rest @ .., last] => format!("only {} and {last}", rest.join(", ")),
            };
            format!("a {source} account cannot migrate into a {target} account: {only}")
        }
        Breach::ForbiddenSubjects { source, target } => format!(
            "{} {source}-subject account cannot migrate into {} {target}-subject account",
            article(source.name()),
            article(target.name())
        ),
        Breach::UnverifiedTarget => "the target account is not verified".to_string(),
        Breach::TargetTooLarge { followers, max } => format!(
            "the target account has {} followers; when all followers move it may have at most {}",
            super::fmt::thousands(*followers as f64),
            super::fmt::thousands(*max as f64)
        ),
    }
}

/// A violated rule on one line: id, words, source.
pub fn violation(v: &Violation) -> String {
    format!("{}  {} ({})", v.rule, breach(&v.breach), v.source)
}

/// A violation in JSON: `rule`, `message` (the words of [`breach`]) and `source`.
impl serde::Serialize for Violation {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = ser.serialize_struct("Violation", 3)?;
        st.serialize_field("rule", &self.rule)?;
        st.serialize_field("message", &breach(&self.breach))?;
        st.serialize_field("source", &self.source)?;
        st.end()
    }
}

/// What is wrong with an ACCOUNT value of a plan, without the flag name.
pub fn account_problem(p: &AccountProblem) -> String {
    match p {
        AccountProblem::NotYuan(v) => {
            format!("{v} is not an amount of yuan (a finite number, at least 0)")
        }
        AccountProblem::TooFarAhead { date, max_days } => {
            format!("{date} is more than {max_days} days after the start")
        }
    }
}

/// A warning about the inputs or the dates.
pub fn warning(w: &Warning) -> String {
    match w {
        Warning::NotaryIgnored => "the notary fee is ignored: only a cross-entity migration pays one (M5); add --cross-entity if the target belongs to another legal entity".to_string(),
        Warning::CrossEntityImplied { target, source } => format!(
            "the target's subject ({target}) differs from the source's ({source}): the target belongs to another legal entity, so the migration is cross-entity"
        ),
        Warning::FundsAssumedCleared { several: false } => {
            "the dates assume the funds blocker (D4) is cleared on the start date".to_string()
        }
        Warning::FundsAssumedCleared { several: true } => {
            "the dates assume the funds blockers (D4) are cleared on the start date".to_string()
        }
        Warning::FreezeByFollowers { shortest_days } => format!(
            "the freeze (D7) of this rulebook depends on the follower count: give --followers (this plan uses the shortest, {shortest_days} days)"
        ),
        Warning::WeekendsOnly { from, to, steps } => {
            let steps: Vec<String> = steps
                .iter()
                .map(|(id, last)| format!("{id} (up to {last})"))
                .collect();
            format!(
                "the holiday calendar covers {from} to {to}: outside it, working days were assumed to be Monday to Friday (public holidays and make-up days unknown) for {}",
                steps.join(", ")
            )
        }
        Warning::FewRuns { runs } => format!(
            "only {} runs: the tails (P5, P95) are rough; use --runs 1000 or more",
            super::fmt::thousands(*runs as f64)
        ),
        Warning::HorizonBeforeSettled {
            horizon_days,
            settled_p90_day,
        } => format!(
            "the horizon (day {horizon_days}) ends before the settled day's P90 (day {}): in many runs followers are still moving or unfollowing, so this is not the final audience; use --horizon {} or more",
            settled_p90_day.ceil(),
            settled_p90_day.ceil()
        ),
        Warning::ProvisionalHolidays { years } => {
            let list: Vec<String> = years.iter().map(i32::to_string).collect();
            let first = years.first().copied().unwrap_or_default();
            format!(
                "dates in {} rest on provisional holidays (the statutory days of the 2024 law; the State Council's notice is not known, so make-up working days are missing); supply the notice with --holidays FILE or FANPLAN_HOLIDAYS (check with `fanplan calendar --year {first}`)",
                list.join(", ")
            )
        }
    }
}

/// A warning in JSON: its words.
impl serde::Serialize for Warning {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.serialize_str(&warning(self))
    }
}

/// Why a batch row cannot be read, without the column name.
pub fn row_problem(p: &RowProblem) -> String {
    match p {
        RowProblem::Input(e) => input_error(e),
        RowProblem::Scenario(p) => scenario_problem(p, "the horizon (column horizon)"),
        RowProblem::Width { found, expected } => format!(
            "the row has {found} field{} but the header has {expected}",
            if *found == 1 { "" } else { "s" }
        ),
        RowProblem::EmptyId => "is empty: every row needs an id".to_string(),
        RowProblem::NotUtf8 { offset: None } => {
            "is not valid UTF-8 text (is the file GBK? try --encoding gbk)".to_string()
        }
        RowProblem::NotUtf8 { offset: Some(o) } => format!(
            "holds a byte that is not valid UTF-8 at byte offset {o} of the file (the file is read as UTF-8: fix that byte, or save the whole file in one encoding)"
        ),
        RowProblem::DuplicateId => "duplicate id: an earlier row has the same id".to_string(),
    }
}

/// Why a step is blocked, without the rule id.
pub fn block_reason(r: &BlockReason) -> String {
    match r {
        BlockReason::RecentlyActive { last_active, days } => {
            format!("last active on {last_active}: {days} days without operations are needed")
        }
        BlockReason::Balance {
            subject,
            limit,
            balance,
        } => format!(
            "a {subject} account may keep at most {limit} yuan: withdraw the {balance} yuan balance"
        ),
        BlockReason::PendingIncome { subject, pending } => format!(
            "a {subject} account may have no income waiting for settlement: {pending} yuan is pending"
        ),
        BlockReason::NoticeRunning { announced, days } => {
            format!("the notice of {announced} has not run its {days} days yet")
        }
        BlockReason::PaymentBalance { balance, limit } => format!(
            "{balance} yuan left: withdraw to at most {limit} yuan before closing WeChat Pay"
        ),
    }
}

/// Every reason a step is blocked: `D8: …; D4: …`.
pub fn blockers(b: &Blockers) -> String {
    b.0.iter()
        .map(|b| format!("{}: {}", b.rule, block_reason(&b.reason)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A blocked step of a way: `step: rule: reason`.
pub fn blocked_step(b: &BlockedStep) -> String {
    format!("{}: {}", b.step, blockers(&b.blockers))
}

/// Blockers in JSON: their words.
impl serde::Serialize for Blockers {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.serialize_str(&blockers(self))
    }
}

/// A blocked step in JSON: its words.
impl serde::Serialize for BlockedStep {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.serialize_str(&blocked_step(self))
    }
}
