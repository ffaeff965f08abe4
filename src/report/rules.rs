//! `fanplan rules`: the rulebook in force. Each rule's statement is written from the rulebook's
//! numbers and switches ([`super::statements`]), so a changed number or a rule switched off shows
//! as such; the rulebook's own words (`assumption`, `note`, `confidence`) follow as notes.

use super::statements::statement;
use super::text;
use super::Document;
use crate::domain::{Route, RuleId};
use crate::fmt::{header, percent, table, yuan};
use crate::i18n::Messages;
use crate::rules::{FundsCheck, Rulebook};
use serde::{Serialize, Serializer};
use std::io::{self, Write};

/// The rule ids a rulebook states, in its order, with their parsed ids.
fn stated(book: &Rulebook) -> impl Iterator<Item = (RuleId, &crate::rules::Rule)> {
    book.rules
        .iter()
        .filter_map(|r| RuleId::parse(&r.id).map(|id| (id, r)))
}

/// `fanplan rules`'s document: the rulebook, each rule with the statement its numbers make.
pub struct RulesReport<'a> {
    /// The rulebook in force.
    pub book: &'a Rulebook,
}

impl Serialize for RulesReport<'_> {
    /// The rulebook's keys, each rule with its `statement` (always in English: JSON is for
    /// programs).
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::Error;
        let mut doc = serde_json::to_value(self.book).map_err(S::Error::custom)?;
        if let Some(rules) = doc.get_mut("rules").and_then(|r| r.as_array_mut()) {
            for (entry, (id, _)) in rules.iter_mut().zip(stated(self.book)) {
                if let Some(map) = entry.as_object_mut() {
                    // `id`, then the statement, then the rulebook's own keys (as before).
                    let rest = std::mem::take(map);
                    let mut rest = rest.into_iter();
                    map.extend(rest.next());
                    map.insert(
                        "statement".to_string(),
                        statement(crate::i18n::english(), self.book, id).into(),
                    );
                    map.extend(rest);
                }
            }
        }
        // The switches of earlier versions, where the lists say exactly what they said.
        let m = &self.book.migration;
        if let Some(map) = doc.get_mut("migration").and_then(|v| v.as_object_mut()) {
            for same in [true, false] {
                if m.allowed_kind_pairs == crate::rules::kind_pairs_of_switch(same) {
                    map.insert("same_kind_only".to_string(), same.into());
                }
            }
            for forbid in [true, false] {
                if m.forbidden_subject_pairs == crate::rules::subject_pairs_of_switch(forbid) {
                    map.insert("forbid_personal_to_enterprise".to_string(), forbid.into());
                }
            }
        }
        doc.serialize(ser)
    }
}

impl Document for RulesReport<'_> {
    fn table(&self, tr: &Messages, w: &mut dyn Write) -> io::Result<()> {
        let book = self.book;
        writeln!(
            w,
            "{}",
            tr.msg(
                "rules-head",
                &[
                    ("name", a(&book.rulebook.name)),
                    ("version", a(&book.rulebook.version)),
                    ("source", a(&book.rulebook.source)),
                ]
            )
        )?;
        writeln!(w)?;
        for (id, r) in stated(book) {
            // The statement is written from the rulebook's numbers and switches, in every
            // language, so it always says the rule in force.
            let said = statement(tr, book, id);
            writeln!(w, "{:<3} {}  [{}]", r.id, said, r.source)?;
            let labelled = [
                ("rules-assumption", &r.assumption),
                ("rules-note", &r.note),
                ("rules-own-statement", &r.statement),
                ("rules-confidence", &r.confidence),
            ];
            for (label, value) in labelled {
                if let Some(v) = value {
                    let v = if label == "rules-confidence" {
                        super::text::rulebook_word(tr, v)
                    } else {
                        v.clone()
                    };
                    writeln!(w, "    {}", tr.msg(label, &[("text", a(v))]))?;
                }
            }
        }
        writeln!(w)?;
        let mut rows = vec![header(&[
            &tr.text("rules-col-route"),
            &tr.text("rules-col-days"),
            &tr.text("rules-col-retention"),
            &tr.text("rules-col-fees"),
        ])];
        let m = &book.migration;
        for route in Route::ALL {
            let r = book.route(route);
            let fees = if r.notary {
                tr.msg(
                    "rules-fees-notary",
                    &[
                        ("review", a(yuan(m.review_fee_yuan))),
                        ("min", a(yuan(m.notary_fee_yuan.min()))),
                        ("max", a(yuan(m.notary_fee_yuan.max()))),
                    ],
                )
            } else {
                yuan(m.review_fee_yuan)
            };
            rows.push(vec![
                text::route(tr, route),
                format!("{}–{}", r.duration_days.min(), r.duration_days.max()),
                format!("{}–{}", percent(r.retention.min), percent(r.retention.max)),
                fees,
            ]);
        }
        write!(w, "{}", table(&rows))?;
        let weights: Vec<String> = book
            .unfollow_weights()
            .iter()
            .map(|x| percent(*x))
            .collect();
        writeln!(
            w,
            "{}",
            tr.msg(
                "rules-unfollow",
                &[
                    ("days", m.unfollow_window_days.into()),
                    ("weights", a(weights.join(" "))),
                ]
            )
        )?;
        writeln!(w)?;
        let mut rows = vec![header(&[
            &tr.text("rules-col-closing"),
            &tr.text("rules-col-review"),
            &tr.text("rules-col-funds"),
            &tr.text("rules-col-materials"),
        ])];
        for (subject, c) in &book.closing.subjects {
            rows.push(vec![
                text::subject(tr, *subject),
                format!(
                    "{}–{}",
                    c.review_working_days.min(),
                    c.review_working_days.max()
                ),
                match c.funds {
                    FundsCheck::Balance => tr.msg(
                        "rules-funds-balance",
                        &[("limit", a(c.balance_limit_yuan.unwrap_or(0.0)))],
                    ),
                    FundsCheck::PendingIncome => tr.text("rules-funds-pending"),
                    FundsCheck::PaymentClosed => tr.text("rules-funds-payment-closed"),
                },
                format!(
                    "{}{}",
                    super::text::materials(tr, &c.materials, " + "),
                    if c.offline {
                        tr.text("rules-offline")
                    } else {
                        String::new()
                    }
                ),
            ]);
        }
        write!(w, "{}", table(&rows))?;
        Ok(())
    }
}

/// A message argument.
fn a(v: impl ToString) -> fluent_bundle::FluentValue<'static> {
    fluent_bundle::FluentValue::from(v.to_string())
}
