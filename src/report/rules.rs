//! `fanplan rules`: the rulebook in force, its statements, numbers and assumptions.

use super::fmt::{header, percent, table, yuan};
use super::Document;
use crate::domain::Route;
use crate::i18n::Messages;
use crate::rules::Rulebook;
use std::io::{self, Write};

impl Document for Rulebook {
    fn table(&self, _tr: &Messages, w: &mut dyn Write) -> io::Result<()> {
        writeln!(
            w,
            "Rulebook {} {} — {}",
            self.rulebook.name, self.rulebook.version, self.rulebook.source
        )?;
        writeln!(w)?;
        for r in &self.rules {
            writeln!(w, "{:<3} {}  [{}]", r.id, r.statement, r.source)?;
            if let Some(a) = &r.assumption {
                writeln!(w, "    assumption: {a}")?;
            }
        }
        writeln!(w)?;
        let mut rows = vec![header(&["route", "days", "retention", "fees (yuan)"])];
        let m = &self.migration;
        for route in Route::ALL {
            let r = self.route(route);
            let fees = if r.notary {
                format!(
                    "{} + notary {}–{}",
                    yuan(m.review_fee_yuan),
                    yuan(m.notary_fee_yuan.min),
                    yuan(m.notary_fee_yuan.max)
                )
            } else {
                yuan(m.review_fee_yuan)
            };
            rows.push(vec![
                route.to_string(),
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
            "Unfollow window (M7): {} days, share of the losses per day: {}",
            m.unfollow_window_days,
            weights.join(" ")
        )?;
        writeln!(w)?;
        let mut rows = vec![header(&[
            "closing",
            "review (working days)",
            "funds (D4)",
            "materials (D2)",
        ])];
        for (subject, c) in &self.closing.subjects {
            let funds = match c.funds {
                crate::rules::FundsCheck::Balance => {
                    format!("balance ≤ {} yuan", c.balance_limit_yuan.unwrap_or(0.0))
                }
                crate::rules::FundsCheck::PendingIncome => "no pending income".to_string(),
                crate::rules::FundsCheck::PaymentClosed => "payment closed".to_string(),
            };
            rows.push(vec![
                subject.to_string(),
                format!(
                    "{}–{}",
                    c.review_working_days.min, c.review_working_days.max
                ),
                funds,
                format!(
                    "{}{}",
                    c.materials.join(" + "),
                    if c.offline { " (offline)" } else { "" }
                ),
            ]);
        }
        write!(w, "{}", table(&rows))?;
        Ok(())
    }
}
