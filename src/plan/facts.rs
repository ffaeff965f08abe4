//! What a plan step says to do (its title) and its details (its notes), as facts with their
//! values; `report::text` words them in the reader's language.

use crate::domain::{Route, StepId, Subject};
use chrono::NaiveDate;

/// What a step is: the title of SPEC §6, with the values it names.
#[derive(Debug, Clone, PartialEq)]
pub enum Title {
    /// D8: the notice went out on `announced` and runs `days` days.
    Announced {
        /// The day the notice went out.
        announced: NaiveDate,
        /// The days it runs.
        days: u32,
    },
    /// D8: publish the end-of-service notice `days` days in advance.
    PublishNotice {
        /// The days it runs.
        days: u32,
    },
    /// D1: `days` quiet days since the last operation on `last_active`.
    QuietSince {
        /// The days without operations needed.
        days: u32,
        /// The last day of activity.
        last_active: NaiveDate,
    },
    /// D1: stop operating for `days` consecutive days.
    StopOperations {
        /// The days without operations needed.
        days: u32,
    },
    /// B1, B2: back up articles, interaction records and statistics.
    Backup,
    /// D6: unbind what is bound.
    Unbind {
        /// Mini programs bound.
        mini_programs: u32,
        /// Third-party platforms authorised.
        third_party: u32,
        /// Whether an ad account is open.
        ad_account: bool,
    },
    /// D5: cancel WeChat Pay; the funds stay frozen `working_days`.
    ClosePayment {
        /// The working days of the freeze.
        working_days: u32,
    },
    /// D2: submit the closing application with the subject type's materials.
    Submit {
        /// The materials (rulebook words).
        materials: Vec<String>,
        /// Whether they go in offline.
        offline: bool,
    },
    /// D3: the review of the closing application.
    Review {
        /// The subject type.
        subject: Subject,
        /// The fewest working days.
        min: u32,
        /// The most working days.
        max: u32,
    },
    /// D7: confirm with the code, then the freeze.
    Freeze {
        /// Minutes the code is valid.
        minutes: u32,
        /// Days of the freeze.
        days: u32,
    },
    /// D7: all records deleted on `day` after the confirmation.
    Deletion {
        /// The day after the confirmation.
        day: u32,
    },
    /// D9: the name may be applied for again after `days`.
    NameCooldown {
        /// Days until the same entity may apply for the name.
        days: u32,
    },
    /// M5: have the application letter notarised.
    Notarise {
        /// Whether the migration is cross-entity (the usual reason for the notary).
        cross_entity: bool,
    },
    /// M4: apply for the migration and pay the review fee.
    Apply {
        /// The review fee in yuan.
        fee: f64,
    },
    /// M6: the review and the transfer of the followers.
    ReviewTransfer {
        /// The route.
        route: Route,
        /// The fewest days.
        min: u32,
        /// The most days.
        max: u32,
    },
    /// M7: the followers may unfollow for `days`.
    UnfollowWindow {
        /// The days of the window.
        days: u32,
    },
    /// M8: the source closes when the migration completes.
    SourceClosed,
}

/// A detail of a step: materials, deadlines, counts.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// D1: a mass-message notice is itself an operation.
    MassMessageIsOperation,
    /// B1: the export batches for a known article count.
    ExportBatches {
        /// The articles.
        articles: u64,
        /// The batches needed.
        batches: u64,
        /// The most articles a batch holds.
        per: u64,
    },
    /// B1: the batch size, without an article count.
    ExportBatchSize {
        /// The most articles a batch holds.
        per: u64,
    },
    /// B2: interaction records older than `before` are gone.
    InteractionsKept {
        /// The days they are kept.
        days: u32,
        /// The first day still kept.
        before: NaiveDate,
    },
    /// B2: statistics reach back `months`, to `from`.
    StatisticsKept {
        /// The months they cover.
        months: u32,
        /// The first day covered.
        from: NaiveDate,
    },
    /// B2: ad revenue reports reach back `months`, to `from`.
    AdRevenueKept {
        /// The months they cover.
        months: u32,
        /// The first day covered.
        from: NaiveDate,
    },
    /// The step's end is the deadline of `before`.
    Deadline {
        /// The step it must finish before.
        before: StepId,
    },
    /// D2: this subject type submits offline, on a working day.
    Offline {
        /// The subject type.
        subject: Subject,
    },
    /// M8, D8, M6: applying on this day keeps the full notice.
    NoticeKept {
        /// The notice days (D8).
        notice_days: u32,
        /// The shortest transfer (M6).
        shortest: u32,
    },
    /// M6: the share of followers kept.
    Retention {
        /// The lowest share.
        min: f64,
        /// The highest share.
        max: f64,
    },
    /// D9: a business licence may be used again after `days`, from `from`.
    LicenceReuse {
        /// The days of the cooldown.
        days: u32,
        /// The median first day.
        from: NaiveDate,
    },
}
