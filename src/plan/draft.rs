//! A plan step while it is built: its dates, blockers, cost and notes, and the warnings the
//! plan collects along the way.

use super::dates::{self, When};
use super::{Blocker, Blockers, Length, Money, Note, Status, Step, Title, Unit};
use crate::calendar::{coverage, CalendarError};
use crate::domain::StepId;
use crate::forecast::Warning;
use chrono::NaiveDate;

/// A step being built. Its dates are summarised over the runs when it is made, so the per-run
/// dates of the steps are not all held at once.
pub(super) struct Draft {
    pub(super) id: StepId,
    pub(super) rule: &'static str,
    pub(super) title: Title,
    pub(super) unit: Unit,
    pub(super) duration: Length,
    pub(super) start: NaiveDate,
    pub(super) end_p50: NaiveDate,
    pub(super) end_p90: NaiveDate,
    pub(super) blockers: Vec<Blocker>,
    pub(super) cost: Money,
    pub(super) after: Vec<StepId>,
    pub(super) notes: Vec<Note>,
}

impl Draft {
    pub(super) fn new(
        id: StepId,
        rule: &'static str,
        title: Title,
        start: &When,
        end: &When,
    ) -> Draft {
        Draft {
            id,
            rule,
            title,
            unit: Unit::CalendarDays,
            duration: Length::fixed(0),
            start: start.p50(),
            end_p50: end.p50(),
            end_p90: end.p90(),
            blockers: Vec::new(),
            cost: Money::ZERO,
            after: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// A step of `days` calendar days from `from` (D1, D7, D8, D9, M7), and its end.
    pub(super) fn calendar_days(
        id: StepId,
        rule: &'static str,
        title: Title,
        from: &When,
        days: u32,
    ) -> Result<(Draft, When), CalendarError> {
        let end = from.add_calendar(days)?;
        let mut d = Draft::new(id, rule, title, from, &end);
        d.duration = Length::fixed(days);
        Ok((d, end))
    }

    pub(super) fn finish(self, plan_start: NaiveDate) -> Step {
        let start = self.start;
        let (status, reason, unblocks_on) = if self.blockers.is_empty() {
            let status = if start <= plan_start {
                Status::Ready
            } else {
                Status::Todo
            };
            (status, None, None)
        } else {
            let reason = Blockers(self.blockers.clone());
            // A date lifts the block only when every blocker has one.
            let unblocks_on = self
                .blockers
                .iter()
                .map(|b| b.unblocks_on)
                .collect::<Option<Vec<_>>>()
                .and_then(|v| v.into_iter().max());
            (Status::Blocked, Some(reason), unblocks_on)
        };
        Step {
            id: self.id,
            rule: self.rule.to_string(),
            title: self.title,
            unit: self.unit,
            duration: self.duration,
            start,
            end_p50: self.end_p50,
            end_p90: self.end_p90,
            status,
            reason,
            unblocks_on,
            cost_yuan: self.cost,
            after: self.after,
            notes: self.notes,
        }
    }
}

/// Collects the warnings of a plan as it is built.
#[derive(Default)]
pub(super) struct Notes {
    /// Working-day steps that counted days outside the holiday calendar, with their latest end.
    pub(super) weekends_only: Vec<(StepId, NaiveDate)>,
    pub(super) warnings: Vec<Warning>,
}

impl Notes {
    pub(super) fn working(&mut self, step: StepId, shift: &dates::WorkingShift) {
        if shift.weekends_only {
            self.weekends_only.push((step, shift.when.latest()));
        }
    }

    pub(super) fn into_warnings(mut self) -> Vec<Warning> {
        if !self.weekends_only.is_empty() {
            let (from, to) = coverage();
            self.warnings.push(Warning::WeekendsOnly {
                from,
                to,
                steps: self.weekends_only,
            });
        }
        self.warnings
    }
}
