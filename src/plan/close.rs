//! The closing plan (注销): D1, D2, D3, D4, D5, D6, D7, D8, D9, B1, B2. The order and the
//! dependencies of the steps are described in the parent module.

use super::dates::When;
use super::draft::conclude;
use super::{
    announce, backup, close_payment, frame, ids, latest_end, unbind, Account, BlockReason, Blocker,
    Draft, Goal, Length, Money, Note, Notes, Plan, PlanError, Title, Unit,
};
use crate::calendar::Calendar;
use crate::domain::{RuleId, StepId};
use crate::forecast::{AtLeast, RunOptions, Warning};
use crate::rules::{FundsCheck, Rulebook};
use crate::scenario::PartialScenario;
use crate::sim::closing::review_working_days;
use crate::stats::{Later, Spread};
use chrono::NaiveDate;

/// D1: 30 days without active operations, from `--last-active` or the start.
fn inactivity(book: &Rulebook, account: &Account, start: NaiveDate) -> Result<Draft, PlanError> {
    let days = book.closing.inactivity_days;
    let from = account.last_active.unwrap_or(start);
    let title = match account.last_active {
        Some(last_active) => Title::QuietSince { days, last_active },
        None => Title::StopOperations { days },
    };
    let (mut d, end) =
        Draft::calendar_days(StepId::Inactivity, "D1", title, &When::Fixed(from), days)?;
    let end = end.p50();
    d.notes.push(Note::MassMessageIsOperation);
    if account.last_active.is_some() && end > start {
        d.blockers.push(Blocker {
            rule: RuleId::D1,
            reason: BlockReason::RecentlyActive {
                last_active: from,
                days,
            },
            unblocks_on: Some(end),
        });
    }
    Ok(d)
}

/// D4 by subject type: what stops the application until the funds are cleared.
fn funds_blockers(book: &Rulebook, s: &PartialScenario, account: &Account) -> Vec<Blocker> {
    let subject = book.closing_subject(s.source_subject);
    match subject.funds {
        FundsCheck::Balance => {
            let limit = subject.balance_limit_yuan.unwrap_or(0.0);
            (account.balance_yuan > limit)
                .then_some(Blocker {
                    rule: RuleId::D4,
                    reason: BlockReason::Balance {
                        subject: s.source_subject,
                        limit,
                        balance: account.balance_yuan,
                    },
                    unblocks_on: None,
                })
                .into_iter()
                .collect()
        }
        FundsCheck::PendingIncome => (account.pending_income_yuan > 0.0)
            .then_some(Blocker {
                rule: RuleId::D4,
                reason: BlockReason::PendingIncome {
                    subject: s.source_subject,
                    pending: account.pending_income_yuan,
                },
                unblocks_on: None,
            })
            .into_iter()
            .collect(),
        // Closing WeChat Pay is the `close_payment` step, which the application waits for.
        FundsCheck::PaymentClosed => Vec::new(),
    }
}

/// The closing plan.
pub(super) fn plan(
    cal: &Calendar,
    book: &Rulebook,
    s: &PartialScenario,
    account: &Account,
    opts: &RunOptions,
) -> Result<Plan, PlanError> {
    let c = &book.closing;
    let start = s.start_date;
    let runs = usize::try_from(opts.runs).unwrap_or(usize::MAX).max(1);
    let subject = book.closing_subject(s.source_subject);
    let mut notes = Notes::default();

    let announce = announce(book, account, start)?;
    let inactivity = inactivity(book, account, start)?;
    let payment = close_payment(cal, book, account, start, &mut notes)?;
    let unbind = unbind(account, start);

    // D2: the application waits for the notice (D8), the quiet days (D1), the payment freeze
    // (D5) and the unbinding (D6).
    let gate = latest_end(
        start,
        &[
            Some(&announce),
            Some(&inactivity),
            payment.as_ref(),
            unbind.as_ref(),
        ],
    );
    // D2: materials handed in offline need an open office, so they go in on the first working
    // day from the gate; online applications go in on the gate day itself.
    let office = if subject.offline {
        Some(gate.office_day(cal)?)
    } else {
        None
    };
    let gate = office.as_ref().map_or(gate, |o| o.when.clone());
    let backup = backup(book, account, start, &gate, StepId::Submit);
    let mut submit = Draft::new(
        StepId::Submit,
        "D2, D4",
        Title::Submit {
            materials: subject.materials.clone(),
            offline: subject.offline,
        },
        &gate,
        &gate,
    );
    submit.after = vec![StepId::Announce, StepId::Inactivity];
    submit
        .after
        .extend(ids(&[payment.as_ref(), unbind.as_ref()]));
    submit.blockers = funds_blockers(book, s, account);
    if let Some(o) = &office {
        notes.working(&mut submit, o);
    }
    if subject.offline {
        submit.notes.push(Note::Offline {
            subject: s.source_subject,
        });
    }

    // D3: the review time of the subject type, drawn per run.
    let range = subject.review_working_days;
    let days = review_working_days(opts.seed, runs, range);
    let reviewed = gate.add_working_per_run(cal, &days)?;
    let mut review = Draft::new(
        StepId::Review,
        "D3",
        Title::Review {
            subject: s.source_subject,
            min: range.min(),
            max: range.max(),
        },
        &gate,
        &reviewed.when,
    );
    review.unit = Unit::WorkingDays;
    review.duration = Length {
        min: range.min(),
        max: range.max(),
    };
    review.after = vec![StepId::Submit];
    notes.working(&mut review, &reviewed);

    // D7: the code confirmed the day the review passes, the freeze (by the account's followers
    // where the rulebook has tiers), deletion after it.
    // Without a follower count, the shortest freeze (that of the fewest followers), with a
    // warning when the rulebook's freeze depends on the count.
    let freeze_days = c.freeze_days_for(s.followers.unwrap_or(1));
    let deletion_day = freeze_days + c.deletion_after_freeze();
    let confirmed = reviewed.when;
    drop(days);
    let (mut freeze, frozen_until) = Draft::calendar_days(
        StepId::Freeze,
        "D7",
        Title::Freeze {
            minutes: c.confirm_code_minutes,
            days: freeze_days,
        },
        &confirmed,
        freeze_days,
    )?;
    freeze.after = vec![StepId::Review];
    let deleted = confirmed.add_calendar(deletion_day)?;
    let mut deletion = Draft::new(
        StepId::Deletion,
        "D7",
        Title::Deletion { day: deletion_day },
        &frozen_until,
        &deleted,
    );
    drop(frozen_until);
    drop(confirmed);
    deletion.duration = Length::fixed(c.deletion_after_freeze());
    deletion.after = vec![StepId::Freeze];

    // D9: the name and the licence after the deletion.
    let (mut name, name_end) = Draft::calendar_days(
        StepId::NameCooldown,
        "D9",
        Title::NameCooldown {
            days: c.name_cooldown_days,
        },
        &deleted,
        c.name_cooldown_days,
    )?;
    let name_free = Later(name_end.quantiles());
    let licence_free = Later(deleted.add_calendar(c.licence_cooldown_days)?.quantiles());
    name.after = vec![StepId::Deletion];
    name.notes.push(Note::LicenceReuse {
        days: c.licence_cooldown_days,
        from: licence_free.p50,
    });

    drop(name_end);
    let blocked_without_date = [&payment]
        .into_iter()
        .filter_map(|d| d.as_ref())
        .chain([&submit])
        .any(|d| d.blockers.iter().any(|b| b.unblocks_on.is_none()));
    if blocked_without_date {
        notes
            .warnings
            .push(Warning::FundsAssumedCleared { several: true });
    }

    // The owner keeps only the other account's audience (SPEC §2 with no source followers).
    let to_deletion = deleted.days_after(start, runs);
    let mut audience: Vec<f64> = to_deletion
        .iter()
        .map(|&t| s.target_followers as f64 * (1.0 + s.daily_growth).powf(t as f64))
        .collect();
    let probability_at_least = opts
        .at_least
        .map(|threshold| AtLeast::of(&audience, threshold));

    let mut drafts = vec![announce, inactivity, backup];
    drafts.extend(payment);
    drafts.extend(unbind);
    drafts.extend([submit, review, freeze, deletion, name]);
    let (steps, mut warnings, provisional_years) = conclude(cal, drafts, start, notes);
    if s.followers.is_none() && c.freeze_days.by_followers() {
        warnings.push(Warning::FreezeByFollowers {
            shortest_days: freeze_days,
        });
    }
    let f = frame(book, opts);
    Ok(Plan {
        provenance: f.provenance,
        goal: Goal::Close,
        route: None,
        start,
        sampling: crate::sim::lhs::Sampling::Mc,
        scenario: s.clone(),
        account: account.clone(),
        steps,
        finish: Later(deleted.quantiles()),
        cost_yuan: Money::ZERO,
        followers: Spread::fixed(0.0),
        followers_lost: s.followers.map(|n| Spread::fixed(n as f64)),
        audience: Spread::of(&mut audience),
        probability_at_least,
        name_reuse: Some(name_free),
        licence_reuse: Some(licence_free),
        warnings,
        provisional_years,
        assumptions: f.assumptions,
    })
}
