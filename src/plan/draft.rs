//! A plan step while it is built: its dates, blockers, cost and notes, and the warnings the
//! plan collects along the way.

use super::dates::{self, When};
use super::{Blocker, Blockers, Length, Money, Note, Status, Step, Title, Unit};
use crate::calendar::{coverage, Basis, Calendar, CalendarError};
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
    pub(super) basis: Option<Basis>,
    /// The step whose start is this step's deadline (its end rests on that step's days).
    pub(super) deadline_of: Option<StepId>,
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
            basis: None,
            deadline_of: None,
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
            basis: self.basis,
        }
    }
}

/// Gives each draft the weakest basis of its own days and of the steps it rests on (those it
/// waits for, and the step its deadline is), through chains of any length.
fn settle_bases(drafts: &mut [Draft]) {
    // Each pass carries a basis one step further; a chain is never longer than the drafts.
    for _ in 0..drafts.len() {
        let mut changed = false;
        for i in 0..drafts.len() {
            let inherited = drafts
                .iter()
                .filter(|d| drafts[i].after.contains(&d.id) || drafts[i].deadline_of == Some(d.id))
                .filter_map(|d| d.basis)
                .min();
            let own = drafts[i].basis;
            let settled = match (own, inherited) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            if settled != own {
                drafts[i].basis = settled;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// The finished steps of a plan, its warnings and the provisional years its dates rest on.
pub(super) fn conclude(
    cal: &Calendar,
    mut drafts: Vec<Draft>,
    start: NaiveDate,
    mut notes: Notes,
) -> (Vec<Step>, Vec<Warning>, Vec<i32>) {
    settle_bases(&mut drafts);
    let mut years: Vec<i32> = drafts
        .iter()
        .filter(|d| d.basis == Some(Basis::Provisional))
        .flat_map(|d| cal.provisional_years(d.start.min(d.end_p50), d.end_p90))
        .collect();
    years.sort_unstable();
    years.dedup();
    if !years.is_empty() {
        notes.warnings.push(Warning::ProvisionalHolidays {
            years: years.clone(),
        });
    }
    let steps = drafts.into_iter().map(|d| d.finish(start)).collect();
    (steps, notes.into_warnings(), years)
}

/// Collects the warnings of a plan as it is built.
#[derive(Default)]
pub(super) struct Notes {
    /// Working-day steps that counted days outside the holiday calendar, with their latest end.
    pub(super) weekends_only: Vec<(StepId, NaiveDate)>,
    pub(super) warnings: Vec<Warning>,
}

impl Notes {
    /// Records a working-day shift of `draft`: its basis, and whether weekends alone counted.
    pub(super) fn working(&mut self, draft: &mut Draft, shift: &dates::WorkingShift) {
        if let Some(b) = shift.basis {
            draft.basis = Some(Basis::weakest(draft.basis, b));
        }
        if shift.weekends_only {
            self.weekends_only.push((draft.id, shift.when.latest()));
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
