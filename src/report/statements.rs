//! The statement of each rule, written from a rulebook's numbers and switches (one function per
//! rule, so that each can move to a translation file), and the words of a setting's value for
//! `rules --diff`.

use super::fmt::{percent, thousands};
use crate::domain::{Kind, Route, RuleId, Subject};
use crate::rules::settings::Value;
use crate::rules::{FreezeTier, FundsCheck, Pair, Range, Rulebook};

/// A kind with its Chinese name: `subscription (订阅号)`.
fn kind_word(k: Kind) -> String {
    match k {
        Kind::Subscription => "subscription (订阅号)".to_string(),
        Kind::Service => "service (服务号)".to_string(),
    }
}

/// A subject type with its Chinese name: `personal-subject (个人)`.
fn subject_word(s: Subject) -> String {
    match s {
        Subject::Personal => "personal-subject (个人)".to_string(),
        Subject::Enterprise => "enterprise-subject (企业)".to_string(),
        Subject::Government => "government-subject (政府)".to_string(),
        Subject::Media => "media-subject (媒体)".to_string(),
        Subject::Organisation => "organisation-subject (其他组织)".to_string(),
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

/// Items joined as "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// An amount in yuan as written: 0.01 → "0.01", 1 → "1", 1500 → "1,500".
fn amount(v: f64) -> String {
    if v.abs() >= 1000.0 {
        thousands(v)
    } else {
        format!("{v}")
    }
}

/// "1 day", "7 days".
pub fn days_text(n: u32) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}

/// A share as a whole percentage where it is one: 0.85 → "85%", 0.855 → "85.5%".
fn pct(v: f64) -> String {
    let p = v * 100.0;
    if (p - p.round()).abs() < 1e-9 {
        format!("{p:.0}%")
    } else {
        format!("{p:.1}%")
    }
}

fn m1(pairs: &[Pair<Kind>]) -> String {
    let same = [Kind::Subscription, Kind::Service].map(|k| Pair { from: k, to: k });
    if pairs.len() == 2 && same.iter().all(|p| pairs.contains(p)) {
        return "Same account kind only: subscription (订阅号) to subscription, service (服务号) to service.".to_string();
    }
    if pairs.is_empty() {
        return "No account kind may migrate.".to_string();
    }
    let list: Vec<String> = pairs
        .iter()
        .map(|p| format!("{} → {}", kind_word(p.from), kind_word(p.to)))
        .collect();
    format!("Account kinds may migrate only as: {}.", list.join(", "))
}

fn m2(pairs: &[Pair<Subject>]) -> String {
    if pairs.is_empty() {
        return "Any subject type may migrate into any other.".to_string();
    }
    // A target no source may migrate into is said once; the other pairs by source.
    let closed: Vec<Subject> = Subject::ALL
        .into_iter()
        .filter(|t| {
            Subject::ALL
                .iter()
                .all(|s| pairs.contains(&Pair { from: *s, to: *t }))
        })
        .collect();
    let mut parts: Vec<String> = closed
        .iter()
        .map(|t| format!("no {} target, whatever the source", subject_word(*t)))
        .collect();
    for source in Subject::ALL {
        let targets: Vec<Subject> = pairs
            .iter()
            .filter(|p| p.from == source && !closed.contains(&p.to))
            .map(|p| p.to)
            .collect();
        let Some(first) = targets.first() else {
            continue;
        };
        let to: Vec<String> = targets.iter().map(|t| subject_word(*t)).collect();
        parts.push(format!(
            "no {} source into {} {} target",
            subject_word(source),
            article(first.name()),
            to.join(" or ")
        ));
    }
    let text = parts.join("; ");
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => format!("{}{}.", c.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

fn m3(required: bool) -> String {
    if required {
        "The target must be verified (通过认证).".to_string()
    } else {
        "The target need not be verified.".to_string()
    }
}

fn m4(fee: f64) -> String {
    format!(
        "Every migration pays a {} yuan review fee (审核费).",
        amount(fee)
    )
}

fn route_word(r: Route) -> &'static str {
    match r {
        Route::SubscriptionToSubscription => "subscription→subscription",
        Route::ServiceToService => "service→service",
        Route::CrossEntity => "cross-entity",
    }
}

fn m5(book: &Rulebook) -> String {
    let fee = book.migration.notary_fee_yuan;
    let paying: Vec<Route> = Route::ALL
        .into_iter()
        .filter(|r| book.route(*r).notary)
        .collect();
    let amount = format!("{}–{} yuan", amount(fee.min), amount(fee.max));
    match paying.as_slice() {
        [] => "No migration pays a notary fee.".to_string(),
        [Route::CrossEntity] => format!(
            "Cross-entity migration (跨主体迁移) also pays a notary fee (公证费) of {amount}."
        ),
        all if all.len() == Route::ALL.len() => format!(
            "Every migration also needs a notarised application letter: a notary fee (公证费) of {amount}."
        ),
        some => {
            let names: Vec<String> = some.iter().map(|r| route_word(*r).to_string()).collect();
            format!(
                "Migrations {} also pay a notary fee (公证费) of {amount}.",
                and_list(&names)
            )
        }
    }
}

fn m6(book: &Rulebook) -> String {
    let parts: Vec<String> = Route::ALL
        .into_iter()
        .map(|r| {
            let rr = book.route(r);
            format!(
                "{} {}–{} days, retention {}–{}",
                route_word(r),
                rr.duration_days.min,
                rr.duration_days.max,
                pct(rr.retention.min),
                pct(rr.retention.max)
            )
        })
        .collect();
    format!("Routes: {}.", parts.join("; "))
}

fn m7(days: u32) -> String {
    format!("Followers are notified and may unfollow during a {days}-day window.")
}

fn m8(closed: bool) -> String {
    if closed {
        "When the migration completes, the source account is closed automatically.".to_string()
    } else {
        "The source account stays open after the migration.".to_string()
    }
}

fn m9(max: Option<u64>) -> String {
    match max {
        Some(n) => format!(
            "When all followers move, the target may hold at most {} followers.",
            thousands(n as f64)
        ),
        None => "The target may hold any number of followers.".to_string(),
    }
}

fn d1(days: u32) -> String {
    format!("{days} consecutive days without active operations (mass messages, menu changes) before applying to close.")
}

fn d2(book: &Rulebook) -> String {
    let parts: Vec<String> = book
        .closing
        .subjects
        .iter()
        .map(|(s, c)| {
            format!(
                "{s} — {}{}",
                c.materials.join(" and "),
                if c.offline { ", submitted offline" } else { "" }
            )
        })
        .collect();
    format!("Materials by type: {}.", parts.join("; "))
}

fn d3(book: &Rulebook) -> String {
    let parts: Vec<String> = book
        .closing
        .subjects
        .iter()
        .map(|(s, c)| {
            format!(
                "{s} {}–{} working days",
                c.review_working_days.min, c.review_working_days.max
            )
        })
        .collect();
    format!("Review: {}.", parts.join("; "))
}

fn funds_text(funds: FundsCheck, limit: Option<f64>) -> String {
    match funds {
        FundsCheck::Balance => format!("balance at most {} yuan", amount(limit.unwrap_or(0.0))),
        FundsCheck::PendingIncome => "no income waiting for settlement".to_string(),
        FundsCheck::PaymentClosed => "payment closed".to_string(),
    }
}

fn d4(book: &Rulebook) -> String {
    let parts: Vec<String> = book
        .closing
        .subjects
        .iter()
        .map(|(s, c)| format!("{s} — {}", funds_text(c.funds, c.balance_limit_yuan)))
        .collect();
    format!(
        "Funds: {}. An account with payment enabled cannot close with more than {} yuan left.",
        parts.join("; "),
        amount(book.closing.payment_balance_limit_yuan)
    )
}

fn d5(days: u32) -> String {
    format!("Closing WeChat Pay: a cancellation on the merchant platform, then a {days}-working-day fund freeze; refunds in that time must still be handled.")
}

fn d6() -> String {
    "Unbind mini programs, third-party platforms and ad accounts first.".to_string()
}

/// The freeze tiers: "7 days up to 1,000 followers, 15 days up to 10,000, …, 60 days above".
fn tiers_text(tiers: &[FreezeTier]) -> String {
    let parts: Vec<String> = tiers
        .iter()
        .enumerate()
        .map(|(i, t)| match (t.up_to_followers, i) {
            (Some(n), 0) => format!("{} days up to {} followers", t.days, thousands(n as f64)),
            (Some(n), _) => format!("{} days up to {}", t.days, thousands(n as f64)),
            (None, 0) => format!("{} days", t.days),
            (None, _) => format!("{} days above", t.days),
        })
        .collect();
    parts.join(", ")
}

fn d7(book: &Rulebook) -> String {
    let c = &book.closing;
    let tiers = c.freeze_days.tiers();
    let after = c.deletion_after_freeze();
    match tiers.as_slice() {
        [one] if one.up_to_followers.is_none() => format!(
            "Confirm with a code within {} minutes; a {}-day freeze in which closing can be cancelled; all records deleted on day {}.",
            c.confirm_code_minutes,
            one.days,
            one.days + after
        ),
        _ => format!(
            "Confirm with a code within {} minutes; a freeze in which closing can be cancelled, by followers: {}; all records deleted {} after the freeze ends.",
            c.confirm_code_minutes,
            tiers_text(&tiers),
            if after == 1 { "the day".to_string() } else { days_text(after) }
        ),
    }
}

fn d8(days: u32) -> String {
    format!("Announce the end of service {days} days in advance.")
}

fn d9(name: u32, licence: u32) -> String {
    format!("The name is released at once, but the same entity may not apply for the same name for {name} days; a business licence can be reused after {licence} days.")
}

fn b1(n: u32) -> String {
    format!("Article export: at most {n} articles per export batch.")
}

fn b2(book: &Rulebook) -> String {
    let b = &book.backup;
    format!(
        "Interaction records are kept {} days; statistics only for the last {} months; ad revenue reports {} months.",
        b.interaction_days, b.statistics_months, b.ad_revenue_months
    )
}

/// The statement of a rule as the rulebook's numbers and switches make it.
pub fn statement(book: &Rulebook, id: RuleId) -> String {
    let m = &book.migration;
    let c = &book.closing;
    match id {
        RuleId::M1 => m1(&m.allowed_kind_pairs),
        RuleId::M2 => m2(&m.forbidden_subject_pairs),
        RuleId::M3 => m3(m.require_verified_target),
        RuleId::M4 => m4(m.review_fee_yuan),
        RuleId::M5 => m5(book),
        RuleId::M6 => m6(book),
        RuleId::M7 => m7(m.unfollow_window_days),
        RuleId::M8 => m8(m.source_closed_on_completion),
        RuleId::M9 => m9(m.target_followers_max),
        RuleId::D1 => d1(c.inactivity_days),
        RuleId::D2 => d2(book),
        RuleId::D3 => d3(book),
        RuleId::D4 => d4(book),
        RuleId::D5 => d5(c.payment_freeze_working_days),
        RuleId::D6 => d6(),
        RuleId::D7 => d7(book),
        RuleId::D8 => d8(c.announce_days),
        RuleId::D9 => d9(c.name_cooldown_days, c.licence_cooldown_days),
        RuleId::B1 => b1(book.backup.articles_per_export),
        RuleId::B2 => b2(book),
    }
}

fn range_text<T: std::fmt::Display + PartialEq>(r: &Range<T>) -> String {
    if r.min == r.max {
        r.min.to_string()
    } else {
        format!("{}–{}", r.min, r.max)
    }
}

/// A setting's value in words, for `rules --diff`.
pub fn value_text(v: &Value) -> String {
    match v {
        Value::Flag(true) => "yes".to_string(),
        Value::Flag(false) => "no".to_string(),
        Value::Count(n) => thousands(*n as f64),
        Value::Yuan(y) => format!("{} yuan", amount(*y)),
        Value::Counts(r) => range_text(r),
        Value::YuanRange(r) => format!("{}–{} yuan", amount(r.min), amount(r.max)),
        Value::Shares(r) if r.min == r.max => pct(r.min),
        Value::Shares(r) => format!("{}–{}", pct(r.min), pct(r.max)),
        Value::Weights(w) => w.iter().map(|x| percent(*x)).collect::<Vec<_>>().join(" "),
        Value::KindPairs(p) if p.is_empty() => "none".to_string(),
        Value::KindPairs(p) => p
            .iter()
            .map(|p| format!("{} → {}", p.from, p.to))
            .collect::<Vec<_>>()
            .join(", "),
        Value::SubjectPairs(p) if p.is_empty() => "none".to_string(),
        Value::SubjectPairs(p) => p
            .iter()
            .map(|p| format!("{} → {}", p.from, p.to))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Tiers(t) => tiers_text(t),
        Value::Funds(f) => super::name_of(f),
        Value::Words(w) => w.join(" + "),
        Value::Absent => "none".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Rulebook {
        Rulebook::seed().expect("valid")
    }

    /// The seed rulebook's numbers give the article's statements (M2 with the organisations that
    /// the seed assumes are the enterprise side).
    #[test]
    fn seed_statements_are_the_articles() {
        let b = seed();
        let s = |id| statement(&b, id);
        assert_eq!(s(RuleId::M1), "Same account kind only: subscription (订阅号) to subscription, service (服务号) to service.");
        assert_eq!(
            s(RuleId::M2),
            "No personal-subject (个人) source into an enterprise-subject (企业) or organisation-subject (其他组织) target."
        );
        assert_eq!(
            s(RuleId::M4),
            "Every migration pays a 300 yuan review fee (审核费)."
        );
        assert_eq!(s(RuleId::M5), "Cross-entity migration (跨主体迁移) also pays a notary fee (公证费) of 500–1,500 yuan.");
        assert_eq!(s(RuleId::M6), "Routes: subscription→subscription 5–7 days, retention 85%–92%; service→service 3–5 days, retention 78%–88%; cross-entity 10–15 days, retention 65%–75%.");
        assert_eq!(
            s(RuleId::M7),
            "Followers are notified and may unfollow during a 7-day window."
        );
        assert_eq!(s(RuleId::D7), "Confirm with a code within 15 minutes; a 7-day freeze in which closing can be cancelled; all records deleted on day 8.");
        assert_eq!(s(RuleId::D9), "The name is released at once, but the same entity may not apply for the same name for 30 days; a business licence can be reused after 15 days.");
    }

    /// A changed number or switch changes the statement.
    #[test]
    fn statements_follow_the_numbers() {
        let mut b = seed();
        b.migration.unfollow_window_days = 1;
        b.migration.review_fee_yuan = 450.0;
        b.migration.forbidden_subject_pairs = Vec::new();
        b.migration.require_verified_target = false;
        assert!(statement(&b, RuleId::M7).contains("1-day window"));
        assert!(statement(&b, RuleId::M4).contains("450 yuan"));
        assert_eq!(
            statement(&b, RuleId::M2),
            "Any subject type may migrate into any other."
        );
        assert_eq!(
            statement(&b, RuleId::M3),
            "The target need not be verified."
        );
    }

    #[test]
    fn observed_statements_say_what_the_reports_say() {
        let b = crate::rules::builtin::builtin("observed")
            .map(|b| b.load())
            .and_then(Result::ok)
            .expect("observed is valid");
        assert_eq!(
            statement(&b, RuleId::M2),
            "No personal-subject (个人) target, whatever the source."
        );
        assert!(statement(&b, RuleId::M5).starts_with("Every migration also needs a notarised"));
        assert!(statement(&b, RuleId::M7).contains("1-day window"));
        assert!(statement(&b, RuleId::M9).contains("at most 1,000 followers"));
        assert!(statement(&b, RuleId::D7).contains("7 days up to 1,000 followers, 15 days up to 10,000, 30 days up to 100,000, 60 days above"));
    }
}
