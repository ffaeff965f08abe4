//! The statement of each rule, written from a rulebook's numbers and switches in the reader's
//! language (one function per rule; the sentences are the `stmt-*` messages of the translation
//! files), and the words of a setting's value for `rules --diff`.

use super::text;
use crate::domain::{Kind, Route, RuleId, Subject};
use crate::fmt::{percent, thousands};
use crate::i18n::Messages;
use crate::rules::settings::Value;
use crate::rules::{FreezeTier, FundsCheck, Pair, Range, Rulebook};
use fluent_bundle::FluentValue;

/// A message argument.
fn s(v: impl ToString) -> FluentValue<'static> {
    FluentValue::from(v.to_string())
}

/// A kind in a rule statement: `subscription (订阅号)`, `订阅号`.
fn kind_word(tr: &Messages, k: Kind) -> String {
    tr.msg("stmt-kind", &[("kind", s(k))])
}

/// A subject type in a rule statement: `personal-subject (个人)`, `个人号`.
fn subject_word(tr: &Messages, sub: Subject) -> String {
    tr.msg("stmt-subject", &[("subject", s(sub))])
}

/// A route in a rule statement: `subscription→subscription`, `订阅号→订阅号`.
fn route_word(tr: &Messages, r: Route) -> String {
    tr.msg("stmt-route", &[("route", s(r))])
}

/// Items joined as "a, b and c" (`a、b和c`).
fn and_list(tr: &Messages, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!(
            "{}{}{last}",
            rest.join(&tr.text("sep-list")),
            tr.text("sep-and")
        ),
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

/// An amount range with its unit: "500–1,500 yuan", "500–1,500 元".
fn yuan_range(tr: &Messages, r: &Range<f64>) -> String {
    tr.msg(
        "stmt-yuan-range",
        &[("min", s(amount(r.min()))), ("max", s(amount(r.max())))],
    )
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

/// Parts joined with the language's clause separator, as one sentence of message `id`; the
/// first letter is raised (a no-op for Chinese).
fn sentence(tr: &Messages, id: &str, parts: &[String]) -> String {
    let text = tr.msg(id, &[("parts", s(parts.join(&tr.text("sep-reasons"))))]);
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => format!("{}{}", c.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

fn m1(tr: &Messages, pairs: &[Pair<Kind>]) -> String {
    let same = [Kind::Subscription, Kind::Service].map(|k| Pair { from: k, to: k });
    if pairs.len() == 2 && same.iter().all(|p| pairs.contains(p)) {
        return tr.text("stmt-M1-same");
    }
    if pairs.is_empty() {
        return tr.text("stmt-M1-none");
    }
    let list: Vec<String> = pairs
        .iter()
        .map(|p| format!("{} → {}", kind_word(tr, p.from), kind_word(tr, p.to)))
        .collect();
    tr.msg(
        "stmt-M1-pairs",
        &[("pairs", s(list.join(&tr.text("sep-list"))))],
    )
}

fn m2(tr: &Messages, pairs: &[Pair<Subject>]) -> String {
    if pairs.is_empty() {
        return tr.text("stmt-M2-any");
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
        .map(|t| tr.msg("stmt-M2-closed", &[("target", s(subject_word(tr, *t)))]))
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
        let to: Vec<String> = targets.iter().map(|t| subject_word(tr, *t)).collect();
        parts.push(tr.msg(
            "stmt-M2-source",
            &[
                ("source", s(subject_word(tr, source))),
                ("first", s(first)),
                ("targets", s(to.join(&tr.text("sep-or")))),
            ],
        ));
    }
    sentence(tr, "stmt-M2", &parts)
}

fn m3(tr: &Messages, required: bool) -> String {
    tr.text(if required {
        "stmt-M3-yes"
    } else {
        "stmt-M3-no"
    })
}

fn m4(tr: &Messages, fee: f64) -> String {
    tr.msg("stmt-M4", &[("fee", s(amount(fee)))])
}

fn m5(tr: &Messages, book: &Rulebook) -> String {
    let paying: Vec<Route> = Route::ALL
        .into_iter()
        .filter(|r| book.route(*r).notary)
        .collect();
    let amount = s(yuan_range(tr, &book.migration.notary_fee_yuan));
    match paying.as_slice() {
        [] => tr.text("stmt-M5-none"),
        [Route::CrossEntity] => tr.msg("stmt-M5-cross", &[("amount", amount)]),
        all if all.len() == Route::ALL.len() => tr.msg("stmt-M5-all", &[("amount", amount)]),
        some => {
            let names: Vec<String> = some.iter().map(|r| route_word(tr, *r)).collect();
            tr.msg(
                "stmt-M5-some",
                &[("routes", s(and_list(tr, &names))), ("amount", amount)],
            )
        }
    }
}

fn m6(tr: &Messages, book: &Rulebook) -> String {
    let parts: Vec<String> = Route::ALL
        .into_iter()
        .map(|r| {
            let rr = book.route(r);
            tr.msg(
                "stmt-M6-route",
                &[
                    ("route", s(route_word(tr, r))),
                    ("min", s(rr.duration_days.min())),
                    ("max", s(rr.duration_days.max())),
                    ("rmin", s(pct(rr.retention.min))),
                    ("rmax", s(pct(rr.retention.max))),
                ],
            )
        })
        .collect();
    sentence(tr, "stmt-M6", &parts)
}

fn m7(tr: &Messages, days: u32) -> String {
    tr.msg("stmt-M7", &[("days", s(days))])
}

fn m8(tr: &Messages, closed: bool) -> String {
    tr.text(if closed { "stmt-M8-yes" } else { "stmt-M8-no" })
}

fn m9(tr: &Messages, max: Option<u64>) -> String {
    match max {
        Some(n) => tr.msg("stmt-M9", &[("n", s(thousands(n as f64)))]),
        None => tr.text("stmt-M9-none"),
    }
}

fn d1(tr: &Messages, days: u32) -> String {
    tr.msg("stmt-D1", &[("days", s(days))])
}

fn d2(tr: &Messages, book: &Rulebook) -> String {
    let parts: Vec<String> = book
        .closing
        .subjects
        .iter()
        .map(|(sub, c)| {
            tr.msg(
                "stmt-D2-subject",
                &[
                    ("subject", s(text::subject(tr, *sub))),
                    (
                        "materials",
                        s(text::materials(tr, &c.materials, &tr.text("sep-materials"))),
                    ),
                    ("offline", s(if c.offline { "yes" } else { "no" })),
                ],
            )
        })
        .collect();
    sentence(tr, "stmt-D2", &parts)
}

fn d3(tr: &Messages, book: &Rulebook) -> String {
    let parts: Vec<String> = book
        .closing
        .subjects
        .iter()
        .map(|(sub, c)| {
            tr.msg(
                "stmt-D3-subject",
                &[
                    ("subject", s(text::subject(tr, *sub))),
                    ("min", s(c.review_working_days.min())),
                    ("max", s(c.review_working_days.max())),
                ],
            )
        })
        .collect();
    sentence(tr, "stmt-D3", &parts)
}

fn funds_text(tr: &Messages, funds: FundsCheck, limit: Option<f64>) -> String {
    match funds {
        FundsCheck::Balance => tr.msg(
            "stmt-funds-balance",
            &[("limit", s(amount(limit.unwrap_or(0.0))))],
        ),
        FundsCheck::PendingIncome => tr.text("stmt-funds-pending"),
        FundsCheck::PaymentClosed => tr.text("stmt-funds-closed"),
    }
}

fn d4(tr: &Messages, book: &Rulebook) -> String {
    let parts: Vec<String> = book
        .closing
        .subjects
        .iter()
        .map(|(sub, c)| {
            tr.msg(
                "stmt-D4-subject",
                &[
                    ("subject", s(text::subject(tr, *sub))),
                    ("funds", s(funds_text(tr, c.funds, c.balance_limit_yuan))),
                ],
            )
        })
        .collect();
    tr.msg(
        "stmt-D4",
        &[
            ("parts", s(parts.join(&tr.text("sep-reasons")))),
            ("limit", s(amount(book.closing.payment_balance_limit_yuan))),
        ],
    )
}

fn d5(tr: &Messages, days: u32) -> String {
    tr.msg("stmt-D5", &[("days", s(days))])
}

fn d6(tr: &Messages) -> String {
    tr.text("stmt-D6")
}

/// The freeze tiers: "7 days up to 1,000 followers, 15 days up to 10,000, …, 60 days above".
fn tiers_text(tr: &Messages, tiers: &[FreezeTier]) -> String {
    let parts: Vec<String> = tiers
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let (id, n) = match (t.up_to_followers, i) {
                (Some(n), 0) => ("stmt-tier-first", thousands(n as f64)),
                (Some(n), _) => ("stmt-tier-next", thousands(n as f64)),
                (None, 0) => ("stmt-tier-only", String::new()),
                (None, _) => ("stmt-tier-above", String::new()),
            };
            tr.msg(id, &[("days", s(t.days)), ("n", s(n))])
        })
        .collect();
    parts.join(&tr.text("sep-list"))
}

fn d7(tr: &Messages, book: &Rulebook) -> String {
    let c = &book.closing;
    let tiers = c.freeze_days.tiers();
    let after = c.deletion_after_freeze();
    let minutes = ("minutes", s(c.confirm_code_minutes));
    match tiers.as_slice() {
        [one] if one.up_to_followers.is_none() => tr.msg(
            "stmt-D7-flat",
            &[
                minutes,
                ("days", s(one.days)),
                ("deleted", s(one.days + after)),
            ],
        ),
        _ => tr.msg(
            "stmt-D7-tiers",
            &[
                minutes,
                ("tiers", s(tiers_text(tr, &tiers))),
                ("after", FluentValue::from(after)),
            ],
        ),
    }
}

fn d8(tr: &Messages, days: u32) -> String {
    tr.msg("stmt-D8", &[("days", s(days))])
}

fn d9(tr: &Messages, name: u32, licence: u32) -> String {
    tr.msg("stmt-D9", &[("name", s(name)), ("licence", s(licence))])
}

fn b1(tr: &Messages, n: u32) -> String {
    tr.msg("stmt-B1", &[("n", s(n))])
}

fn b2(tr: &Messages, book: &Rulebook) -> String {
    let b = &book.backup;
    tr.msg(
        "stmt-B2",
        &[
            ("interaction", s(b.interaction_days)),
            ("statistics", s(b.statistics_months)),
            ("ads", s(b.ad_revenue_months)),
        ],
    )
}

/// The statement of a rule as the rulebook's numbers and switches make it, in the language of
/// `tr`.
pub fn statement(tr: &Messages, book: &Rulebook, id: RuleId) -> String {
    let m = &book.migration;
    let c = &book.closing;
    match id {
        RuleId::M1 => m1(tr, &m.allowed_kind_pairs),
        RuleId::M2 => m2(tr, &m.forbidden_subject_pairs),
        RuleId::M3 => m3(tr, m.require_verified_target),
        RuleId::M4 => m4(tr, m.review_fee_yuan),
        RuleId::M5 => m5(tr, book),
        RuleId::M6 => m6(tr, book),
        RuleId::M7 => m7(tr, m.unfollow_window_days),
        RuleId::M8 => m8(tr, m.source_closed_on_completion),
        RuleId::M9 => m9(tr, m.target_followers_max),
        RuleId::D1 => d1(tr, c.inactivity_days),
        RuleId::D2 => d2(tr, book),
        RuleId::D3 => d3(tr, book),
        RuleId::D4 => d4(tr, book),
        RuleId::D5 => d5(tr, c.payment_freeze_working_days),
        RuleId::D6 => d6(tr),
        RuleId::D7 => d7(tr, book),
        RuleId::D8 => d8(tr, c.announce_days),
        RuleId::D9 => d9(tr, c.name_cooldown_days, c.licence_cooldown_days),
        RuleId::B1 => b1(tr, book.backup.articles_per_export),
        RuleId::B2 => b2(tr, book),
    }
}

fn range_text<T: std::fmt::Display + PartialOrd + Copy>(r: &Range<T>) -> String {
    if r.min() == r.max() {
        r.min().to_string()
    } else {
        format!("{}–{}", r.min(), r.max())
    }
}

/// A setting's value in words, for `rules --diff`.
pub fn value_text(tr: &Messages, v: &Value) -> String {
    let pairs = |p: Vec<String>| {
        if p.is_empty() {
            tr.text("stmt-value-none")
        } else {
            p.join(&tr.text("sep-list"))
        }
    };
    match v {
        Value::Flag(true) => tr.text("stmt-value-yes"),
        Value::Flag(false) => tr.text("stmt-value-no"),
        Value::Count(n) => thousands(*n as f64),
        Value::Yuan(y) => tr.msg("stmt-yuan", &[("amount", s(amount(*y)))]),
        Value::Counts(r) => range_text(r),
        Value::YuanRange(r) => yuan_range(tr, r),
        Value::Shares(r) if r.min() == r.max() => pct(r.min()),
        Value::Shares(r) => format!("{}–{}", pct(r.min()), pct(r.max())),
        Value::Weights(w) => w.iter().map(|x| percent(*x)).collect::<Vec<_>>().join(" "),
        Value::KindPairs(p) => pairs(
            p.iter()
                .map(|p| format!("{} → {}", text::kind(tr, p.from), text::kind(tr, p.to)))
                .collect(),
        ),
        Value::SubjectPairs(p) => pairs(
            p.iter()
                .map(|p| {
                    let (from, to) = (text::subject(tr, p.from), text::subject(tr, p.to));
                    format!("{from} → {to}")
                })
                .collect(),
        ),
        Value::Tiers(t) => tiers_text(tr, t),
        Value::Funds(f) => tr.msg("stmt-funds-id", &[("funds", s(super::name_of(f)))]),
        Value::Words(w) => w.join(" + "),
        Value::Absent => tr.text("stmt-value-none"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{english as en, Lang};

    fn seed() -> Rulebook {
        Rulebook::seed().expect("valid")
    }

    /// The seed rulebook's numbers give the article's statements (M2 with the organisations that
    /// the seed assumes are the enterprise side).
    #[test]
    fn seed_statements_are_the_articles() {
        let b = seed();
        let s = |id| statement(en(), &b, id);
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
        assert!(statement(en(), &b, RuleId::M7).contains("1-day window"));
        assert!(statement(en(), &b, RuleId::M4).contains("450 yuan"));
        assert_eq!(
            statement(en(), &b, RuleId::M2),
            "Any subject type may migrate into any other."
        );
        assert_eq!(
            statement(en(), &b, RuleId::M3),
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
            statement(en(), &b, RuleId::M2),
            "No personal-subject (个人) target, whatever the source."
        );
        assert!(
            statement(en(), &b, RuleId::M5).starts_with("Every migration also needs a notarised")
        );
        assert!(statement(en(), &b, RuleId::M7).contains("1-day window"));
        assert!(statement(en(), &b, RuleId::M9).contains("at most 1,000 followers"));
        assert!(statement(en(), &b, RuleId::D7).contains("7 days up to 1,000 followers, 15 days up to 10,000, 30 days up to 100,000, 60 days above"));
    }

    /// Chinese statements carry the numbers in force, in the article's wording.
    #[test]
    fn chinese_statements_follow_the_numbers() {
        let zh = crate::i18n::Messages::new(Lang::Zh);
        let mut b = seed();
        b.migration.unfollow_window_days = 3;
        b.migration.review_fee_yuan = 450.0;
        b.migration.forbidden_subject_pairs = Vec::new();
        let s = |b: &Rulebook, id| statement(&zh, b, id);
        assert_eq!(
            s(&b, RuleId::M7),
            "系统自动推送迁移告知，3 天内用户可自主取消关注。"
        );
        assert_eq!(s(&b, RuleId::M4), "每次迁移需支付 450 元审核费。");
        assert_eq!(s(&b, RuleId::M2), "任何主体类型之间均可迁移。");
        assert_eq!(
            s(&seed(), RuleId::M2),
            "个人号不能迁移至企业号或其他组织号。"
        );
        let observed = crate::rules::builtin::builtin("observed")
            .map(|b| b.load())
            .and_then(Result::ok)
            .expect("observed is valid");
        assert_eq!(s(&observed, RuleId::M2), "任何主体都不能迁移至个人号。");
        assert_eq!(
            s(&observed, RuleId::M9),
            "全部粉丝迁移时，目标账号最多只能有 1,000 个粉丝。"
        );
        assert!(
            s(&observed, RuleId::D7).contains(
                "粉丝 1,000 以内 7 天、10,000 以内 15 天、100,000 以内 30 天、超过则 60 天"
            ),
            "{}",
            s(&observed, RuleId::D7)
        );
        for id in RuleId::ALL {
            let text = s(&observed, id);
            assert!(!text.contains(" yuan") && !text.contains("days"), "{text}");
        }
    }
}
