//! `fanplan simulate`: the forecast as a table for people (JSON is the Forecast itself).

use super::precision::{at_least, goal, rounded, rounded_mean, sampling};
use super::text;
use super::Document;
use crate::fmt::{header, percent, table, thousands, yuan};
use crate::forecast::{Forecast, Warning};
use crate::i18n::Messages;
use crate::stats::Summary;
use std::io::{self, Write};

fn row(label: &str, s: &Summary, f: fn(f64) -> String) -> Vec<String> {
    vec![
        label.to_string(),
        f(s.p5),
        f(s.p10),
        f(s.p50),
        f(s.p90),
        f(s.p95),
        f(s.mean),
    ]
}

/// A row whose cells are rounded to the step their 95% intervals support, never finer than
/// `floor` (see [`super::precision`]).
fn rounded_row(label: &str, s: &Summary, floor: f64, f: fn(f64) -> String) -> Vec<String> {
    let ci = s.ci95.as_ref();
    let r = |x: f64, b: Option<&crate::intervals::Bounds>| f(rounded(x, b, floor));
    vec![
        label.to_string(),
        r(s.p5, ci.map(|c| &c.p5)),
        r(s.p10, ci.map(|c| &c.p10)),
        r(s.p50, ci.map(|c| &c.p50)),
        r(s.p90, ci.map(|c| &c.p90)),
        r(s.p95, ci.map(|c| &c.p95)),
        f(rounded_mean(s.mean, s.se, floor)),
    ]
}

/// "P5 84,900–85,300 · P50 …" from a summary's intervals, or `None` without them.
fn precision_line(s: &Summary) -> Option<String> {
    let ci = s.ci95.as_ref()?;
    let end = |x: Option<f64>| x.map_or("?".to_string(), thousands);
    Some(
        [("P5", &ci.p5), ("P50", &ci.p50), ("P95", &ci.p95)]
            .iter()
            .map(|(name, b)| format!("{name} {}–{}", end(b.low), end(b.high)))
            .collect::<Vec<_>>()
            .join(" · "),
    )
}

fn days(v: f64) -> String {
    format!("{v:.1}")
}

impl Document for Forecast {
    /// The trajectory, one row per day: `day,date,mean,p5,p10,p50,p90,p95`.
    fn csv(&self, w: &mut dyn Write) -> io::Result<()> {
        super::csv_rows(
            w,
            &["day", "date", "mean", "p5", "p10", "p50", "p90", "p95"],
            self.trajectory.iter().map(|t| {
                let d = &t.stats;
                [
                    d.day.to_string(),
                    t.date.to_string(),
                    format!("{:.1}", d.mean),
                    format!("{:.1}", d.p5),
                    format!("{:.1}", d.p10),
                    format!("{:.1}", d.p50),
                    format!("{:.1}", d.p90),
                    format!("{:.1}", d.p95),
                ]
            }),
        )
    }

    fn table(&self, tr: &Messages, w: &mut dyn Write) -> io::Result<()> {
        let s = &self.scenario;
        let m = &self.metrics;
        writeln!(
            w,
            "{}",
            tr.msg(
                "sim-head",
                &[
                    ("subject", a(text::subject(tr, s.source_subject))),
                    ("kind", a(text::kind(tr, s.source_kind))),
                    ("followers", a(thousands(s.followers as f64))),
                    ("route", a(text::route(tr, self.route))),
                    ("target", a(thousands(s.target_followers as f64))),
                    ("overlap", a(percent(s.overlap))),
                ]
            )
        )?;
        let how = format!(
            "{}{}",
            self.precision
                .as_ref()
                .map_or(String::new(), |g| goal(tr, g)),
            sampling(tr, self.sampling)
        );
        writeln!(
            w,
            "{}",
            tr.msg(
                "sim-run",
                &[
                    ("runs", a(thousands(self.provenance.runs as f64))),
                    ("how", a(how)),
                    ("seed", a(self.provenance.seed)),
                    ("dist", a(self.provenance.dist.name())),
                    ("rules", a(&self.provenance.rules.name)),
                    ("version", a(&self.provenance.rules.version)),
                    ("start", a(tr.date(s.start_date))),
                    ("horizon", a(s.horizon_days)),
                ]
            )
        )?;
        let mut horizon_note = None;
        for note in &self.warnings {
            match note {
                Warning::HorizonBeforeSettled { .. } => {
                    horizon_note = Some(text::warning(tr, note));
                }
                other => writeln!(
                    w,
                    "{}",
                    tr.msg("note-line", &[("text", a(text::warning(tr, other)))])
                )?,
            }
        }
        writeln!(w)?;
        let t = |id: &str| tr.text(id);
        let mut rows = vec![header(&[
            "",
            "P5",
            "P10",
            "P50",
            "P90",
            "P95",
            &t("sim-col-mean"),
        ])];
        rows.push(row(&t("sim-retention-rate"), &m.retention_rate, percent));
        rows.push(rounded_row(
            &t("sim-retained"),
            &m.retained_followers,
            1.0,
            thousands,
        ));
        rows.push(rounded_row(
            &t("sim-lost"),
            &m.lost_followers,
            1.0,
            thousands,
        ));
        let mut audience = tr.msg("sim-audience-on-day", &[("day", a(s.horizon_days))]);
        if horizon_note.is_some() {
            audience.push_str(" *");
        }
        rows.push(rounded_row(&audience, &m.final_audience, 1.0, thousands));
        rows.push(row(&t("sim-transfer-day"), &m.transfer_day, days));
        rows.push(row(&t("sim-settled-day"), &m.settled_day, days));
        rows.push(rounded_row(&t("sim-cost"), &m.cost_yuan, 1.0, yuan));
        if let Some(cpr) = &m.cost_per_retained_follower {
            rows.push(rounded_row(&t("sim-cost-per-kept"), cpr, 0.001, yuan));
        }
        if s.value_per_follower > 0.0 {
            rows.push(rounded_row(
                &t("sim-lost-value"),
                &m.lost_value_yuan,
                1.0,
                yuan,
            ));
        }
        write!(w, "{}", table(&rows))?;
        if let Some(note) = horizon_note {
            writeln!(w, "* {note}")?;
        }
        if let Some(line) = precision_line(&m.final_audience) {
            writeln!(
                w,
                "{}",
                tr.msg(
                    "sim-precision",
                    &[("day", a(s.horizon_days)), ("line", a(line))]
                )
            )?;
        }
        writeln!(w)?;
        let d = &self.dates;
        let dates = |id: &str, q: &crate::stats::Band<chrono::NaiveDate>| {
            tr.msg(
                id,
                &[
                    ("p10", a(tr.date(q.p10))),
                    ("p50", a(tr.date(q.p50))),
                    ("p90", a(tr.date(q.p90))),
                ],
            )
        };
        writeln!(w, "{}", dates("sim-transfer-date", &d.transfer))?;
        writeln!(w, "{}", dates("sim-settled-date", &d.settled))?;
        if let Some(at) = &self.probability_at_least {
            writeln!(
                w,
                "{}",
                tr.msg(
                    "sim-chance",
                    &[
                        ("day", a(s.horizon_days)),
                        ("threshold", a(thousands(at.threshold))),
                        ("chance", a(at_least(tr, at))),
                    ]
                )
            )?;
        }
        writeln!(w)?;
        let ids: Vec<&str> = self.assumptions.iter().map(|a| a.rule.as_str()).collect();
        writeln!(
            w,
            "{}",
            tr.msg(
                "sim-assumptions",
                &[
                    ("ids", a(ids.join(&tr.text("sep-list")))),
                    ("se", a(thousands(m.retained_followers.se))),
                ]
            )
        )?;
        Ok(())
    }
}

/// A message argument.
fn a(v: impl ToString) -> fluent_bundle::FluentValue<'static> {
    fluent_bundle::FluentValue::from(v.to_string())
}
