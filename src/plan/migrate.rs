//! The migration plan (迁移): D8, B1, B2, D6, D5 with D4 §四, and M1–M8. The order and the
//! dependencies of the steps are described in the parent module.

use super::dates::When;
use super::draft::conclude;
use super::{
    announce, backup, close_payment, frame, ids, latest_end, unbind, Account, Draft, Goal, Length,
    Money, Note, Notes, Plan, PlanError, Planned, Title,
};
use crate::calendar::Calendar;
use crate::domain::{Route, StepId};
use crate::eligibility::{check, notary_range};
use crate::forecast::{scenario_warnings, AtLeast, RunOptions, Warning};
use crate::rules::Rulebook;
use crate::scenario::Scenario;
use crate::sim::lhs::{draw_lhs, Sampling};
use crate::sim::Model;
use crate::stats::quantiles;
use crate::stats::{Later, Spread};
use chrono::Days;

/// An amount of yuan rounded to the fen (0.01 yuan).
fn cents(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// The migration plan, or the eligibility of a forbidden migration (M1–M3).
pub(super) fn plan(
    cal: &Calendar,
    book: &Rulebook,
    s: &Scenario,
    account: &Account,
    opts: &RunOptions,
    sampling: Sampling,
) -> Result<Planned, PlanError> {
    let eligibility = check(book, s);
    let Some(route) = eligibility.route else {
        return Ok(Planned::Forbidden(Box::new(eligibility)));
    };
    let m = &book.migration;
    let rr = book.route(route);
    let start = s.start_date;
    let runs = usize::try_from(opts.runs).unwrap_or(usize::MAX).max(1);
    let model = Model::new(book, s, route, opts.dist);
    let draws = match sampling {
        Sampling::Mc => model.draw_all(opts.seed, runs),
        Sampling::Lhs => draw_lhs(&model, opts.seed, runs),
    };
    let mut notes = Notes::default();
    notes.warnings.extend(scenario_warnings(book, s));

    let announce = announce(book, account, start)?;
    let unbind = unbind(account, start);
    let payment = close_payment(cal, book, account, start, &mut notes)?;

    // M5: the notary fee, drawn per run by the engine.
    // A notary office is open on working days only: a plan started on a weekend or a holiday
    // notarises on the next working day.
    let office = When::Fixed(start).office_day(cal)?;
    let notarise = notary_range(book, s, route).map(|r| {
        let mut fees: Vec<f64> = draws.iter().map(|d| d.notary_fee).collect();
        let p50 = cents(
            quantiles(&mut fees, &[0.5])
                .first()
                .copied()
                .unwrap_or(r.min()),
        );
        let mut d = Draft::new(
            StepId::Notarise,
            "M5",
            Title::Notarise {
                cross_entity: route == Route::CrossEntity,
            },
            &office.when,
            &office.when,
        );
        notes.working(&mut d, &office);
        d.cost = Money {
            min: r.min(),
            p50,
            max: r.max(),
        };
        d
    });

    // M8 + D8 + M6: the source closes when the transfer completes, at least the shortest
    // transfer time after the application; applying no earlier than the notice's end minus
    // that time keeps a full notice before the source closes.
    let gates = [unbind.as_ref(), payment.as_ref(), notarise.as_ref()];
    let mut apply_at = latest_end(start, &gates);
    let mut after = ids(&gates);
    if m.source_closed_on_completion {
        let notice_end = announce.end_p90;
        let gate = notice_end
            .checked_sub_days(Days::new(u64::from(rr.duration_days.min())))
            .unwrap_or(notice_end);
        apply_at = apply_at.later(&When::Fixed(gate));
        after.insert(0, StepId::Announce);
    }
    let backup = backup(book, account, start, &apply_at, StepId::Apply);
    let mut apply = Draft::new(
        StepId::Apply,
        "M4",
        Title::Apply {
            fee: m.review_fee_yuan,
        },
        &apply_at,
        &apply_at,
    );
    apply.cost = Money::fixed(m.review_fee_yuan);
    apply.after = after;
    if m.source_closed_on_completion {
        apply.notes.push(Note::NoticeKept {
            notice_days: book.closing.announce_days,
            shortest: rr.duration_days.min(),
        });
    }

    // M6: the transfer day of each run.
    let transfer_days: Vec<u32> = draws.iter().map(|d| d.transfer_day).collect();
    let transferred = apply_at.add_calendar_per_run(&transfer_days)?;
    let mut review = Draft::new(
        StepId::ReviewTransfer,
        "M6",
        Title::ReviewTransfer {
            route,
            min: rr.duration_days.min(),
            max: rr.duration_days.max(),
        },
        &apply_at,
        &transferred,
    );
    review.duration = Length {
        min: rr.duration_days.min(),
        max: rr.duration_days.max(),
    };
    review.after = vec![StepId::Apply];
    review.notes.push(Note::Retention {
        min: rr.retention.min,
        max: rr.retention.max,
    });

    // M7: the unfollow window after the transfer.
    let (mut window, settled) = Draft::calendar_days(
        StepId::UnfollowWindow,
        "M7",
        Title::UnfollowWindow {
            days: m.unfollow_window_days,
        },
        &transferred,
        m.unfollow_window_days,
    )?;
    window.after = vec![StepId::ReviewTransfer];

    // M8: the source account closes with the transfer.
    let closed = m.source_closed_on_completion.then(|| {
        let mut d = Draft::new(
            StepId::SourceClosed,
            "M8",
            Title::SourceClosed,
            &transferred,
            &transferred,
        );
        d.after = vec![StepId::ReviewTransfer];
        d
    });

    drop(transferred);
    drop(transfer_days);
    // One sample at a time, each summarised and dropped before the next.
    let n = s.followers;
    let followers = Spread::of(&mut draws.iter().map(|d| d.retained as f64).collect::<Vec<_>>());
    let followers_lost = Spread::of(
        &mut draws
            .iter()
            .map(|d| (n - d.retained) as f64)
            .collect::<Vec<_>>(),
    );
    let finish = Later(settled.quantiles());
    let mut audience: Vec<f64> = draws
        .iter()
        .zip(settled.days_after(start, runs))
        .map(|(d, t)| {
            (s.target_followers as f64 + d.retained as f64 * (1.0 - s.overlap))
                * (1.0 + s.daily_growth).powf(t as f64)
        })
        .collect();
    drop(settled);
    let probability_at_least = opts
        .at_least
        .map(|threshold| AtLeast::of(&audience, threshold));
    let audience = Spread::of(&mut audience);
    let mut costs: Vec<f64> = draws.iter().map(|d| model.cost(d)).collect();
    drop(draws);
    let (notary_min, notary_max) = model.notary.map_or((0.0, 0.0), |r| (r.min(), r.max()));
    let cost_yuan = Money {
        min: m.review_fee_yuan + notary_min,
        p50: cents(
            quantiles(&mut costs, &[0.5])
                .first()
                .copied()
                .unwrap_or(m.review_fee_yuan),
        ),
        max: m.review_fee_yuan + notary_max,
    };
    if payment
        .as_ref()
        .is_some_and(|d| d.blockers.iter().any(|b| b.unblocks_on.is_none()))
    {
        notes
            .warnings
            .push(Warning::FundsAssumedCleared { several: false });
    }

    let mut drafts = vec![announce, backup];
    drafts.extend(unbind);
    drafts.extend(payment);
    drafts.extend(notarise);
    drafts.extend([apply, review, window]);
    drafts.extend(closed);
    let (steps, warnings, provisional_years) = conclude(cal, drafts, start, notes);
    let f = frame(book, opts);
    Ok(Planned::Plan(Box::new(Plan {
        provenance: f.provenance,
        goal: Goal::Migrate,
        route: Some(route),
        start,
        sampling,
        scenario: s.partial(),
        account: account.clone(),
        steps,
        finish,
        cost_yuan,
        followers,
        followers_lost: Some(followers_lost),
        audience,
        probability_at_least,
        name_reuse: None,
        licence_reuse: None,
        warnings,
        provisional_years,
        assumptions: f.assumptions,
    })))
}
