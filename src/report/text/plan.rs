//! The words of a plan: step titles, notes and why a step is blocked.

use super::{date, route, s, subject};
use crate::i18n::english;
use crate::i18n::Messages;
use crate::plan::{BlockReason, BlockedStep, Blockers, Note, Title};

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
            &[(
                "materials",
                s(super::materials(m, materials, &m.text("sep-list"))),
            )],
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
