//! The shared vocabulary of the rules and the scenarios: account kinds, subject types and
//! migration routes, with their snake_case names (JSON, CSV, rulebook) and the Chinese words
//! accepted for them.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An account kind (账号类型).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// 订阅号
    Subscription,
    /// 服务号
    Service,
}

/// The legal subject type of an account (主体类型).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    /// 个人
    Personal,
    /// 企业
    Enterprise,
    /// 政府
    Government,
    /// 媒体
    Media,
    /// 其他组织: institutions (事业单位), associations (社会团体), private non-enterprise units
    /// (民办非企业单位) and other organisations.
    Organisation,
}

/// A migration route of rule M6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// Subscription account to subscription account, same legal entity.
    SubscriptionToSubscription,
    /// Service account to service account, same legal entity.
    ServiceToService,
    /// Target owned by another legal entity (跨主体迁移).
    CrossEntity,
}

impl Route {
    /// Every route, in the rulebook's order.
    pub const ALL: [Route; 3] = [
        Route::SubscriptionToSubscription,
        Route::ServiceToService,
        Route::CrossEntity,
    ];

    /// The snake_case name used in JSON, CSV and the rulebook.
    pub fn name(self) -> &'static str {
        match self {
            Route::SubscriptionToSubscription => "subscription_to_subscription",
            Route::ServiceToService => "service_to_service",
            Route::CrossEntity => "cross_entity",
        }
    }
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Kind {
    /// The snake_case name.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Subscription => "subscription",
            Kind::Service => "service",
        }
    }
}

impl Subject {
    /// Every subject type.
    pub const ALL: [Subject; 5] = [
        Subject::Personal,
        Subject::Enterprise,
        Subject::Government,
        Subject::Media,
        Subject::Organisation,
    ];

    /// The snake_case name.
    pub fn name(self) -> &'static str {
        match self {
            Subject::Personal => "personal",
            Subject::Enterprise => "enterprise",
            Subject::Government => "government",
            Subject::Media => "media",
            Subject::Organisation => "organisation",
        }
    }

    /// Whether M2 counts the subject as the enterprise side (no personal source into it):
    /// enterprises, and organisations, which are legal persons as well.
    pub fn is_enterprise_side(self) -> bool {
        matches!(self, Subject::Enterprise | Subject::Organisation)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A parse failure of a kind or subject word; names what was accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{value}` is not one of: {allowed}")]
pub struct WordError {
    /// What the user wrote.
    pub value: String,
    /// The accepted words.
    pub allowed: &'static str,
}

impl std::str::FromStr for Kind {
    type Err = WordError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "subscription" | "订阅号" => Ok(Kind::Subscription),
            "service" | "服务号" => Ok(Kind::Service),
            _ => Err(WordError {
                value: s.to_string(),
                allowed: "subscription (订阅号), service (服务号)",
            }),
        }
    }
}

impl std::str::FromStr for Subject {
    type Err = WordError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "personal" | "个人" => Ok(Subject::Personal),
            "enterprise" | "企业" => Ok(Subject::Enterprise),
            "government" | "政府" => Ok(Subject::Government),
            "media" | "媒体" => Ok(Subject::Media),
            "organisation" | "organization" | "其他组织" | "组织" | "事业单位" | "社会团体"
            | "民办非企业" | "民办非企业单位" | "社会组织" => Ok(Subject::Organisation),
            _ => Err(WordError {
                value: s.to_string(),
                allowed: "personal (个人), enterprise (企业), government (政府), media (媒体), organisation (其他组织, 事业单位, 社会团体, 民办非企业)",
            }),
        }
    }
}

/// A rule id of the product: M1–M8 (migration), D1–D9 (closing), B1–B2 (backup). Serialised
/// as written in the rulebook (`M1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RuleId {
    /// Same kind only.
    M1,
    /// Forbidden subject pairs (personal → enterprise in the article).
    M2,
    /// Verified target.
    M3,
    /// Review fee.
    M4,
    /// Notary fee across entities.
    M5,
    /// Transfer time and retention by route.
    M6,
    /// Unfollow window.
    M7,
    /// Source closed on transfer.
    M8,
    /// Target follower cap when all followers move (not in every rulebook).
    M9,
    /// Quiet days before closing.
    D1,
    /// Materials.
    D2,
    /// Closing review.
    D3,
    /// Balances.
    D4,
    /// Payment freeze.
    D5,
    /// Unbinding.
    D6,
    /// Freeze and deletion.
    D7,
    /// Closing notice.
    D8,
    /// Name and licence cooldowns.
    D9,
    /// Article export batches.
    B1,
    /// Retention of backups.
    B2,
}

impl RuleId {
    /// Every rule id the code applies; every rulebook states each once.
    pub const ALL: [RuleId; 20] = [
        RuleId::M1,
        RuleId::M2,
        RuleId::M3,
        RuleId::M4,
        RuleId::M5,
        RuleId::M6,
        RuleId::M7,
        RuleId::M8,
        RuleId::M9,
        RuleId::D1,
        RuleId::D2,
        RuleId::D3,
        RuleId::D4,
        RuleId::D5,
        RuleId::D6,
        RuleId::D7,
        RuleId::D8,
        RuleId::D9,
        RuleId::B1,
        RuleId::B2,
    ];

    /// The rule of an id as written in a rulebook (`M1`), if fanplan applies it.
    pub fn parse(id: &str) -> Option<RuleId> {
        RuleId::ALL.into_iter().find(|r| r.as_str() == id)
    }

    /// A migration rule (M1–M9), as opposed to a closing (D) or backup (B) rule.
    pub fn is_migration(self) -> bool {
        self.as_str().starts_with('M')
    }

    /// The id as written in the rulebook, e.g. `M1`.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::M1 => "M1",
            RuleId::M2 => "M2",
            RuleId::M3 => "M3",
            RuleId::M4 => "M4",
            RuleId::M5 => "M5",
            RuleId::M6 => "M6",
            RuleId::M7 => "M7",
            RuleId::M8 => "M8",
            RuleId::M9 => "M9",
            RuleId::D1 => "D1",
            RuleId::D2 => "D2",
            RuleId::D3 => "D3",
            RuleId::D4 => "D4",
            RuleId::D5 => "D5",
            RuleId::D6 => "D6",
            RuleId::D7 => "D7",
            RuleId::D8 => "D8",
            RuleId::D9 => "D9",
            RuleId::B1 => "B1",
            RuleId::B2 => "B2",
        }
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A plan step id of SPEC §6, serialised in snake_case (`review_transfer`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepId {
    /// Public closing or migration notice (D8).
    Announce,
    /// Quiet days before closing (D1).
    Inactivity,
    /// Export and keep the data (B1, B2).
    Backup,
    /// Unbind mini programs, third parties, ad account (D6).
    Unbind,
    /// Close WeChat Pay (D5).
    ClosePayment,
    /// Submit the closing application (D2, D4).
    Submit,
    /// The closing review (D3).
    Review,
    /// The freeze after approval (D7).
    Freeze,
    /// Deletion of the account (D7).
    Deletion,
    /// Name and licence cooldowns (D9).
    NameCooldown,
    /// Notarise the transfer (M5).
    Notarise,
    /// Apply for the migration (M4).
    Apply,
    /// Review and transfer (M6).
    ReviewTransfer,
    /// The unfollow window (M7).
    UnfollowWindow,
    /// The source account closed (M8).
    SourceClosed,
}

impl StepId {
    /// The id as JSON writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            StepId::Announce => "announce",
            StepId::Inactivity => "inactivity",
            StepId::Backup => "backup",
            StepId::Unbind => "unbind",
            StepId::ClosePayment => "close_payment",
            StepId::Submit => "submit",
            StepId::Review => "review",
            StepId::Freeze => "freeze",
            StepId::Deletion => "deletion",
            StepId::NameCooldown => "name_cooldown",
            StepId::Notarise => "notarise",
            StepId::Apply => "apply",
            StepId::ReviewTransfer => "review_transfer",
            StepId::UnfollowWindow => "unfollow_window",
            StepId::SourceClosed => "source_closed",
        }
    }
}

impl fmt::Display for StepId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_accept_chinese() {
        assert_eq!("订阅号".parse::<Kind>(), Ok(Kind::Subscription));
        assert_eq!("Service".parse::<Kind>(), Ok(Kind::Service));
        assert_eq!("媒体".parse::<Subject>(), Ok(Subject::Media));
        assert!("company".parse::<Subject>().is_err());
    }

    #[test]
    fn rule_ids_serialise_as_written() {
        for id in RuleId::ALL {
            let json = serde_json::to_string(&id).expect("serialise");
            assert_eq!(json, format!("\"{id}\""));
        }
        assert_eq!(RuleId::ALL.len(), 20);
        assert_eq!(RuleId::parse("M9"), Some(RuleId::M9));
        assert_eq!(RuleId::parse("M10"), None);
    }

    #[test]
    fn step_ids_serialise_as_their_names() {
        for id in [
            StepId::Announce,
            StepId::ClosePayment,
            StepId::ReviewTransfer,
        ] {
            let json = serde_json::to_string(&id).expect("serialise");
            assert_eq!(json, format!("\"{}\"", id.as_str()));
        }
    }
}
