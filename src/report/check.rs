//! The answer of `fanplan check`: allowed or not, the route, the fees, the violated rules.

use super::text;
use super::Document;
use crate::eligibility::Eligibility;
use crate::fmt::{percent, yuan};
use crate::i18n::Messages;
use crate::rules::Rulebook;
use crate::scenario::PartialScenario;
use serde::Serialize;
use std::io::{self, Write};

/// `fanplan check`'s document.
pub struct CheckReport<'a> {
    /// The eligibility (its keys are the document's top level).
    pub eligibility: &'a Eligibility,
    /// The inputs after defaults (`followers` is `null` when it was not given).
    pub scenario: &'a PartialScenario,
    /// Notes on the inputs.
    pub warnings: Vec<crate::forecast::Warning>,
    /// The rulebook, for the table.
    pub book: &'a Rulebook,
}

impl Serialize for CheckReport<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::Error;
        let mut doc = match serde_json::to_value(self.eligibility).map_err(S::Error::custom)? {
            serde_json::Value::Object(map) => map,
            _ => serde_json::Map::new(),
        };
        doc.insert(
            "scenario".to_string(),
            serde_json::to_value(self.scenario).map_err(S::Error::custom)?,
        );
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
                    super::text::breach(crate::i18n::english(), &v.breach),
                    v.source.clone(),
                ]
            }),
        )
    }

    fn table(&self, m: &Messages, w: &mut dyn Write) -> io::Result<()> {
        let e = self.eligibility;
        let s = self.scenario;
        let followers = s
            .followers
            .map(|n| {
                m.msg(
                    "check-followers",
                    &[("n", a(crate::fmt::thousands(n as f64)))],
                )
            })
            .unwrap_or_default();
        writeln!(
            w,
            "{}",
            m.msg(
                "check-head",
                &[
                    ("source-subject", a(text::subject(m, s.source_subject))),
                    ("source-kind", a(text::kind(m, s.source_kind))),
                    ("followers", a(followers)),
                    ("target-subject", a(text::subject(m, s.target_subject))),
                    ("target-kind", a(text::kind(m, s.target_kind))),
                    (
                        "entity",
                        a(m.text(if s.cross_entity {
                            "check-other-entity"
                        } else {
                            "check-same-entity"
                        })),
                    ),
                    (
                        "verified",
                        a(m.text(if s.target_verified {
                            "check-verified"
                        } else {
                            "check-not-verified"
                        })),
                    ),
                ]
            )
        )?;
        for note in self.warnings.iter().map(|x| text::warning(m, x)) {
            writeln!(w, "{}", m.msg("note-line", &[("text", a(note))]))?;
        }
        match e.route {
            Some(route) => {
                let r = self.book.route(route);
                writeln!(w, "{}", m.text("check-allowed-yes"))?;
                writeln!(
                    w,
                    "{}",
                    m.msg(
                        "check-route",
                        &[
                            ("route", a(text::route(m, route))),
                            ("min", a(r.duration_days.min())),
                            ("max", a(r.duration_days.max())),
                            ("low", a(percent(r.retention.min))),
                            ("high", a(percent(r.retention.max))),
                        ]
                    )
                )?;
                let mut fees = m.msg("check-fees", &[("review", a(yuan(e.fee_yuan.review)))]);
                if r.notary {
                    fees.push_str(&m.msg(
                        "check-fees-notary",
                        &[
                            ("min", a(yuan(e.fee_yuan.notary_min))),
                            ("max", a(yuan(e.fee_yuan.notary_max))),
                        ],
                    ));
                }
                writeln!(w, "{fees}")?;
                writeln!(
                    w,
                    "{}",
                    m.msg(
                        "check-then",
                        &[("days", self.book.migration.unfollow_window_days.into())]
                    )
                )?;
            }
            None => {
                let n = e.violations.len();
                writeln!(w, "{}", m.msg("check-allowed-no", &[("n", n.into())]))?;
                for v in &e.violations {
                    writeln!(w, "  {}", text::violation(m, v))?;
                }
                writeln!(w, "{}", m.text("check-see-options"))?;
            }
        }
        Ok(())
    }
}

/// A message argument.
fn a(v: impl ToString) -> fluent_bundle::FluentValue<'static> {
    fluent_bundle::FluentValue::from(v.to_string())
}
