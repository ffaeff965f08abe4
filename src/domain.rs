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
    pub const ALL: [Subject; 4] = [
        Subject::Personal,
        Subject::Enterprise,
        Subject::Government,
        Subject::Media,
    ];

    /// The snake_case name.
    pub fn name(self) -> &'static str {
        match self {
            Subject::Personal => "personal",
            Subject::Enterprise => "enterprise",
            Subject::Government => "government",
            Subject::Media => "media",
        }
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
            _ => Err(WordError {
                value: s.to_string(),
                allowed: "personal (个人), enterprise (企业), government (政府), media (媒体)",
            }),
        }
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
}
