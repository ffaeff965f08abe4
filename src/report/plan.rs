//! `fanplan plan`: a dated plan, the ranking of `--options`, and the answer for a forbidden
//! migration, as tables for people (JSON is the documents themselves).

use super::calendar::provisional_mark;
use super::text;
use super::{CheckReport, Document};
use crate::calendar::Basis;
use crate::domain::StepId;
use crate::fmt::{header, table, thousands, yuan};
use crate::forecast::Warning;
use crate::i18n::Messages;
use crate::plan::{Goal, Length, Money, Options, Plan, Status, Step, Unit};
use fluent_bundle::FluentValue;
use serde::Serialize;
use std::io::{self, Write};

fn length(m: &Messages, step: &Step) -> String {
    if step.id == StepId::Backup {
        return m.text("plan-length-deadline");
    }
    let Length { min, max } = step.duration;
    if max == 0 {
        return m.text("plan-length-same-day");
    }
    let n = if min == max {
        min.to_string()
    } else {
        format!("{min}–{max}")
    };
    let id = match step.unit {
        Unit::WorkingDays if n == "1" => "plan-length-working-day",
        Unit::WorkingDays => "plan-length-working-days",
        Unit::CalendarDays if n == "1" => "plan-length-day",
        Unit::CalendarDays => "plan-length-days",
    };
    m.msg(id, &[("n", n.into())])
}

fn money(m: &Money) -> String {
    if m.min == 0.0 && m.max == 0.0 {
        "0".to_string()
    } else if m.min == m.max {
        yuan(m.min)
    } else {
        format!("{}–{} (P50 {})", yuan(m.min), yuan(m.max), yuan(m.p50))
    }
}

fn status(m: &Messages, s: Status) -> String {
    m.text(match s {
        Status::Ready => "plan-status-ready",
        Status::Todo => "plan-status-todo",
        Status::Blocked => "plan-status-blocked",
    })
}

/// A message argument.
fn a(v: impl ToString) -> FluentValue<'static> {
    FluentValue::from(v.to_string())
}

impl Document for Plan {
    /// The steps, one row each.
    fn csv(&self, w: &mut dyn Write) -> io::Result<()> {
        super::csv_rows(
            w,
            &[
                "id",
                "rule",
                "title",
                "unit",
                "start",
                "end_p50",
                "end_p90",
                "status",
                "reason",
                "unblocks_on",
                "cost_min",
                "cost_p50",
                "cost_max",
                "basis",
            ],
            self.steps.iter().map(|st| {
                [
                    st.id.to_string(),
                    st.rule.clone(),
                    super::text::title(crate::i18n::english(), &st.title),
                    super::name_of(&st.unit),
                    st.start.to_string(),
                    st.end_p50.to_string(),
                    st.end_p90.to_string(),
                    super::name_of(&st.status),
                    st.reason
                        .as_ref()
                        .map(|b| super::text::blockers(crate::i18n::english(), b))
                        .unwrap_or_default(),
                    st.unblocks_on.map(|d| d.to_string()).unwrap_or_default(),
                    format!("{:.2}", st.cost_yuan.min),
                    format!("{:.2}", st.cost_yuan.p50),
                    format!("{:.2}", st.cost_yuan.max),
                    st.basis.map(|b| b.name().to_string()).unwrap_or_default(),
                ]
            }),
        )
    }

    fn table(&self, m: &Messages, w: &mut dyn Write) -> io::Result<()> {
        let s = &self.scenario;
        // A migration plan always knows the follower count; only a closing plan may not.
        let of = s.followers.map(|n| thousands(n as f64)).unwrap_or_default();
        let subject = text::subject(m, s.source_subject);
        let kind = text::kind(m, s.source_kind);
        match self.route {
            Some(route) => writeln!(
                w,
                "{}",
                m.msg(
                    "plan-head-migrate",
                    &[
                        ("subject", a(subject)),
                        ("kind", a(kind)),
                        ("followers", a(of.clone())),
                        ("route", a(text::route(m, route))),
                    ]
                )
            )?,
            None => writeln!(
                w,
                "{}",
                m.msg(
                    "plan-head-close",
                    &[("subject", a(subject)), ("kind", a(kind))]
                )
            )?,
        }
        writeln!(
            w,
            "{}",
            m.msg(
                "plan-head-run",
                &[
                    ("start", a(m.date(self.start))),
                    ("runs", a(thousands(self.provenance.runs as f64))),
                    ("seed", a(self.provenance.seed)),
                    ("rules", a(&self.provenance.rules.name)),
                    ("version", a(&self.provenance.rules.version)),
                ]
            )
        )?;
        writeln!(w)?;
        let mut rows = vec![header(&[
            &m.text("plan-col-step"),
            &m.text("plan-col-rule"),
            &m.text("plan-col-length"),
            &m.text("plan-col-start"),
            &m.text("plan-col-end-p50"),
            &m.text("plan-col-end-p90"),
            &m.text("plan-col-status"),
            &m.text("plan-col-cost"),
        ])];
        for st in &self.steps {
            let mark = provisional_mark(st.basis);
            rows.push(vec![
                st.id.to_string(),
                st.rule.clone(),
                length(m, st),
                m.date(st.start),
                format!("{}{mark}", m.date(st.end_p50)),
                format!("{}{mark}", m.date(st.end_p90)),
                status(m, st.status),
                money(&st.cost_yuan),
            ]);
        }
        write!(w, "{}", table(&rows))?;
        if self
            .steps
            .iter()
            .any(|st| !provisional_mark(st.basis).is_empty())
        {
            writeln!(w, "{}", m.text("mark-provisional"))?;
        }
        writeln!(w)?;
        for (i, st) in self.steps.iter().enumerate() {
            writeln!(w, "{:>2}. {} — {}", i + 1, st.id, text::title(m, &st.title))?;
            if !st.after.is_empty() {
                let after: Vec<&str> = st.after.iter().map(|a| a.as_str()).collect();
                writeln!(
                    w,
                    "    {}",
                    m.msg(
                        "plan-after",
                        &[("steps", a(after.join(&m.text("sep-list"))))]
                    )
                )?;
            }
            if let Some(reason) = st.reason.as_ref().map(|b| text::blockers(m, b)) {
                let line = match st.unblocks_on {
                    Some(d) => m.msg(
                        "plan-blocked-until",
                        &[("date", a(m.date(d))), ("reason", a(reason))],
                    ),
                    None => m.msg("plan-blocked", &[("reason", a(reason))]),
                };
                writeln!(w, "    {line}")?;
            }
            for note in &st.notes {
                writeln!(w, "    · {}", text::note(m, note))?;
            }
        }
        writeln!(w)?;
        let what = m.text(match self.goal {
            Goal::Migrate => "plan-finish-migrate",
            Goal::Close => "plan-finish-close",
        });
        writeln!(
            w,
            "{}",
            m.msg(
                "plan-finish",
                &[
                    ("p50", a(m.date(self.finish.p50))),
                    ("p90", a(m.date(self.finish.p90))),
                    ("what", a(what)),
                ]
            )
        )?;
        writeln!(
            w,
            "{}",
            m.msg("plan-cost", &[("cost", a(money(&self.cost_yuan)))])
        )?;
        match self.goal {
            Goal::Migrate => {
                let f = &self.followers;
                writeln!(
                    w,
                    "{}",
                    m.msg(
                        "plan-followers-kept",
                        &[
                            ("p5", a(thousands(f.p5))),
                            ("p50", a(thousands(f.p50))),
                            ("p95", a(thousands(f.p95))),
                            ("of", a(of.clone())),
                        ]
                    )
                )?;
                let au = &self.audience;
                writeln!(
                    w,
                    "{}",
                    m.msg(
                        "plan-audience",
                        &[
                            ("p5", a(thousands(au.p5))),
                            ("p50", a(thousands(au.p50))),
                            ("p95", a(thousands(au.p95))),
                        ]
                    )
                )?;
            }
            Goal::Close => match &self.followers_lost {
                Some(lost) => writeln!(
                    w,
                    "{}",
                    m.msg("plan-followers-lost", &[("n", a(thousands(lost.p50)))])
                )?,
                None => writeln!(w, "{}", m.text("plan-followers-all-lost"))?,
            },
        }
        if let Some(at) = &self.probability_at_least {
            writeln!(
                w,
                "{}",
                m.msg(
                    "plan-chance",
                    &[
                        ("threshold", a(thousands(at.threshold))),
                        ("chance", a(super::precision::at_least(m, at))),
                    ]
                )
            )?;
        }
        if let (Some(name), Some(licence)) = (&self.name_reuse, &self.licence_reuse) {
            writeln!(
                w,
                "{}",
                m.msg(
                    "plan-name",
                    &[
                        ("p50", a(m.date(name.p50))),
                        ("p90", a(m.date(name.p90))),
                        ("licence", a(m.date(licence.p50))),
                    ]
                )
            )?;
        }
        if !self.warnings.is_empty() {
            writeln!(w)?;
            for note in self.warnings.iter().map(|x| text::warning(m, x)) {
                writeln!(w, "{}", m.msg("warning-line", &[("text", a(note))]))?;
            }
        }
        Ok(())
    }
}

impl Document for Options {
    /// The ways, ranked ones first, one row each.
    fn csv(&self, w: &mut dyn Write) -> io::Result<()> {
        let num = |v: Option<f64>| v.map(|x| format!("{x:.2}")).unwrap_or_default();
        super::csv_rows(
            w,
            &[
                "rank",
                "way",
                "allowed",
                "route",
                "violations",
                "audience_p50",
                "followers_p5",
                "followers_p50",
                "followers_p95",
                "cost_p50",
                "finish_p50",
                "finish_p90",
                "blocked",
            ],
            self.options.iter().map(|o| {
                [
                    o.rank.map(|r| r.to_string()).unwrap_or_default(),
                    super::name_of(&o.way),
                    o.allowed.to_string(),
                    o.route.map(|r| r.to_string()).unwrap_or_default(),
                    o.violations
                        .iter()
                        .map(|v| v.rule.as_str())
                        .collect::<Vec<_>>()
                        .join(";"),
                    num(o.audience.map(|a| a.p50)),
                    num(o.followers.map(|f| f.p5)),
                    num(o.followers.map(|f| f.p50)),
                    num(o.followers.map(|f| f.p95)),
                    num(o.cost_yuan.map(|c| c.p50)),
                    o.finish.map(|f| f.p50.to_string()).unwrap_or_default(),
                    o.finish.map(|f| f.p90.to_string()).unwrap_or_default(),
                    o.blocked
                        .iter()
                        .map(|b| super::text::blocked_step(crate::i18n::english(), b))
                        .collect::<Vec<_>>()
                        .join("; "),
                ]
            }),
        )
    }

    fn table(&self, m: &Messages, w: &mut dyn Write) -> io::Result<()> {
        writeln!(
            w,
            "{}",
            m.msg(
                "options-head",
                &[
                    ("start", a(m.date(self.start))),
                    ("runs", a(thousands(self.provenance.runs as f64))),
                    ("seed", a(self.provenance.seed)),
                    ("rules", a(&self.provenance.rules.name)),
                    ("version", a(&self.provenance.rules.version)),
                ]
            )
        )?;
        writeln!(w, "{}", m.text("options-ranked-by"))?;
        writeln!(w)?;
        let mut rows = vec![header(&[
            &m.text("options-col-way"),
            &m.text("options-col-route"),
            &m.text("options-col-audience"),
            &m.text("options-col-kept"),
            &m.text("plan-col-cost"),
            &m.text("options-col-finish-p50"),
            &m.text("options-col-finish-p90"),
            &m.text("options-col-blocked"),
        ])];
        let mut marked = false;
        for o in &self.options {
            let label = match o.rank {
                Some(r) => format!("{r}. {}", o.way.name()),
                None => format!("–  {}", o.way.name()),
            };
            let provisional = o
                .warnings
                .iter()
                .any(|w| matches!(w, Warning::ProvisionalHolidays { .. }));
            let mark = provisional_mark(provisional.then_some(Basis::Provisional));
            marked |= provisional;
            match (o.audience, o.followers, o.cost_yuan, o.finish) {
                (Some(aud), Some(f), Some(c), Some(fin)) => rows.push(vec![
                    label,
                    o.route.map_or("–".to_string(), |r| text::route(m, r)),
                    thousands(aud.p50),
                    if f.p5 == f.p95 {
                        thousands(f.p5)
                    } else {
                        format!("{}–{}", thousands(f.p5), thousands(f.p95))
                    },
                    money(&c),
                    format!("{}{mark}", m.date(fin.p50)),
                    format!("{}{mark}", m.date(fin.p90)),
                    if o.blocked.is_empty() {
                        m.text("options-not-blocked")
                    } else {
                        m.msg("options-blocked-steps", &[("n", a(o.blocked.len()))])
                    },
                ]),
                _ => {
                    let rules: Vec<&str> = o.violations.iter().map(|v| v.rule.as_str()).collect();
                    rows.push(vec![
                        label,
                        m.msg(
                            "options-forbidden-by",
                            &[("rules", a(rules.join(&m.text("sep-list"))))],
                        ),
                    ]);
                }
            }
        }
        write!(w, "{}", table(&rows))?;
        if marked {
            writeln!(w, "{}", m.text("mark-provisional"))?;
        }
        let forbidden: Vec<_> = self
            .options
            .iter()
            .flat_map(|o| o.violations.iter().map(move |v| (o.way, v)))
            .collect();
        if !forbidden.is_empty() {
            writeln!(w)?;
            writeln!(w, "{}", m.text("options-forbidden"))?;
            for (way, v) in forbidden {
                writeln!(
                    w,
                    "  {}",
                    m.msg(
                        "options-forbidden-line",
                        &[
                            ("way", a(way.name())),
                            ("rule", a(v.rule)),
                            ("message", a(text::breach(m, &v.breach))),
                            ("source", a(&v.source)),
                        ]
                    )
                )?;
            }
        }
        let blocked: Vec<_> = self
            .options
            .iter()
            .flat_map(|o| o.blocked.iter().map(move |b| (o.way, b)))
            .collect();
        if !blocked.is_empty() {
            writeln!(w)?;
            writeln!(w, "{}", m.text("options-blocked"))?;
            for (way, b) in blocked {
                writeln!(w, "  {}: {}", way.name(), text::blocked_step(m, b))?;
            }
        }
        let mut warnings: Vec<String> = Vec::new();
        for note in self
            .warnings
            .iter()
            .chain(self.options.iter().flat_map(|o| &o.warnings))
            .map(|x| text::warning(m, x))
        {
            if !warnings.contains(&note) {
                warnings.push(note);
            }
        }
        if !warnings.is_empty() {
            writeln!(w)?;
            for note in warnings {
                writeln!(w, "{}", m.msg("warning-line", &[("text", a(note))]))?;
            }
        }
        writeln!(w)?;
        writeln!(w, "{}", m.text("options-see"))?;
        Ok(())
    }
}

/// The answer of `plan --goal migrate` when the rules forbid the migration (exit 3).
#[derive(Serialize)]
pub struct ForbiddenPlan<'a> {
    /// Always `migrate`.
    pub goal: Goal,
    /// The eligibility, scenario and warnings (the keys of `fanplan check`).
    #[serde(flatten)]
    pub check: CheckReport<'a>,
    /// Where to look for the ways that are open.
    pub see: &'static str,
}

impl Document for ForbiddenPlan<'_> {
    fn table(&self, m: &Messages, w: &mut dyn Write) -> io::Result<()> {
        writeln!(w, "{}", m.text("plan-forbidden"))?;
        self.check.table(m, w)
    }

    /// The violated rules, as `fanplan check` writes them.
    fn csv(&self, w: &mut dyn Write) -> io::Result<()> {
        self.check.csv(w)
    }
}
