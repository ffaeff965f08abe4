//! `fanplan rules`: the rulebook in force, its statements, numbers and assumptions.

use super::fmt::{header, percent, table, yuan};
use super::text;
use super::Document;
use crate::domain::Route;
use crate::i18n::{Lang, Messages};
use crate::rules::Rulebook;
use std::io::{self, Write};

impl Document for Rulebook {
    fn table(&self, tr: &Messages, w: &mut dyn Write) -> io::Result<()> {
        writeln!(
            w,
            "{}",
            tr.msg(
                "rules-head",
                &[
                    ("name", a(&self.rulebook.name)),
                    ("version", a(&self.rulebook.version)),
                    ("source", a(&self.rulebook.source)),
                ]
            )
        )?;
        writeln!(w)?;
        for r in &self.rules {
            // English shows the rulebook's own statement; another language its translation of
            // the seed rule (the rulebook's words are English).
            let statement = match tr.lang() {
                Lang::En => r.statement.clone(),
                Lang::Zh => tr.text(&format!("rule-{}", r.id)),
            };
            writeln!(w, "{:<3} {}  [{}]", r.id, statement, r.source)?;
            if let Some(x) = &r.assumption {
                writeln!(w, "    {}", tr.msg("rules-assumption", &[("text", a(x))]))?;
            }
        }
        writeln!(w)?;
        let mut rows = vec![header(&[
            &tr.text("rules-col-route"),
            &tr.text("rules-col-days"),
            &tr.text("rules-col-retention"),
            &tr.text("rules-col-fees"),
        ])];
        let m = &self.migration;
        for route in Route::ALL {
            let r = self.route(route);
            let fees = if r.notary {
                tr.msg(
                    "rules-fees-notary",
                    &[
                        ("review", a(yuan(m.review_fee_yuan))),
                        ("min", a(yuan(m.notary_fee_yuan.min))),
                        ("max", a(yuan(m.notary_fee_yuan.max))),
                    ],
                )
            } else {
                yuan(m.review_fee_yuan)
            };
            rows.push(vec![
                text::route(tr, route),
                format!("{}–{}", r.duration_days.min, r.duration_days.max),
                format!("{}–{}", percent(r.retention.min), percent(r.retention.max)),
                fees,
            ]);
        }
        write!(w, "{}", table(&rows))?;
        let weights: Vec<String> = self
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
                    ("days", a(m.unfollow_window_days)),
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
        for (subject, c) in &self.closing.subjects {
            let funds = match c.funds {
                crate::rules::FundsCheck::Balance => tr.msg(
                    "rules-funds-balance",
                    &[("limit", a(c.balance_limit_yuan.unwrap_or(0.0)))],
                ),
                crate::rules::FundsCheck::PendingIncome => tr.text("rules-funds-pending"),
                crate::rules::FundsCheck::PaymentClosed => tr.text("rules-funds-payment-closed"),
            };
            rows.push(vec![
                text::subject(tr, *subject),
                format!(
                    "{}–{}",
                    c.review_working_days.min, c.review_working_days.max
                ),
                funds,
                format!(
                    "{}{}",
                    c.materials.join(" + "),
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
