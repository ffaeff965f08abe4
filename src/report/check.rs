//! The answer of `fanplan check`: allowed or not, the route, the fees, the violated rules.

use super::fmt::{percent, yuan};
use super::Document;
use crate::eligibility::Eligibility;
use crate::rules::Rulebook;
use crate::scenario::Scenario;
use serde::Serialize;
use std::io::{self, Write};

/// `fanplan check`'s document.
pub struct CheckReport<'a> {
    /// The eligibility (its keys are the document's top level).
    pub eligibility: &'a Eligibility,
    /// The inputs after defaults.
    pub scenario: &'a Scenario,
    /// Notes on the inputs.
    pub warnings: Vec<crate::forecast::Warning>,
    /// The rulebook, for the table.
    pub book: &'a Rulebook,
    /// Whether the follower count was given: the table leaves it out otherwise, and the JSON
    /// says `null` (no count is assumed).
    pub followers_given: bool,
}

impl Serialize for CheckReport<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::Error;
        let mut doc = match serde_json::to_value(self.eligibility).map_err(S::Error::custom)? {
            serde_json::Value::Object(map) => map,
            _ => serde_json::Map::new(),
        };
        let mut scenario = serde_json::to_value(self.scenario).map_err(S::Error::custom)?;
        if !self.followers_given {
            if let Some(f) = scenario.get_mut("followers") {
                *f = serde_json::Value::Null;
            }
        }
        doc.insert("scenario".to_string(), scenario);
        doc.insert(
            "warnings".to_string(),
            serde_json::to_value(&self.warnings).map_err(S::Error::custom)?,
        );
        doc.serialize(ser)
    }
}

impl Document for CheckReport<'_> {
    /// The violated rules, one row each (no rows when allowed).
    fn csv(&self, w: &mut dyn Write) -> io::Result<()> {
        super::csv_rows(
            w,
            &["rule", "message", "source"],
            self.eligibility.violations.iter().map(|v| {
                [
                    v.rule.as_str().to_string(),
                    super::text::breach(&v.breach),
                    v.source.clone(),
                ]
            }),
        )
    }

    fn table(&self, w: &mut dyn Write) -> io::Result<()> {
        let e = self.eligibility;
        let s = self.scenario;
        writeln!(
            w,
            "{} {} account{} → {} {} account{}{}",
            s.source_subject,
            s.source_kind,
            if self.followers_given {
                format!(" ({} followers)", super::fmt::thousands(s.followers as f64))
            } else {
                String::new()
            },
            s.target_subject,
            s.target_kind,
            if s.cross_entity {
                " of another legal entity"
            } else {
                " of the same entity"
            },
            if s.target_verified {
                ", verified"
            } else {
                ", not verified"
            },
        )?;
        for note in self.warnings.iter().map(super::text::warning) {
            writeln!(w, "note: {note}")?;
        }
        match e.route {
            Some(route) => {
                let r = self.book.route(route);
                writeln!(w, "Allowed: yes")?;
                writeln!(
                    w,
                    "Route:   {route} (M6): {}–{} days, retention {}–{}",
                    r.duration_days.min,
                    r.duration_days.max,
                    percent(r.retention.min),
                    percent(r.retention.max)
                )?;
                write!(w, "Fees:    review {} yuan (M4)", yuan(e.fee_yuan.review))?;
                if r.notary {
                    write!(
                        w,
                        " + notary {}–{} yuan (M5)",
                        yuan(e.fee_yuan.notary_min),
                        yuan(e.fee_yuan.notary_max)
                    )?;
                }
                writeln!(w)?;
                writeln!(
                    w,
                    "Then:    followers may unfollow for {} after the transfer (M7); the source account is closed when it completes (M8).",
                    match self.book.migration.unfollow_window_days {
                        1 => "1 day".to_string(),
                        n => format!("{n} days"),
                    }
                )?;
            }
            None => {
                let n = e.violations.len();
                writeln!(
                    w,
                    "Allowed: no — {n} rule{} violated",
                    if n == 1 { "" } else { "s" }
                )?;
                for v in &e.violations {
                    writeln!(w, "  {}", super::text::violation(v))?;
                }
                writeln!(
                    w,
                    "See the ways open to this account: fanplan plan --options"
                )?;
            }
        }
        Ok(())
    }
}
