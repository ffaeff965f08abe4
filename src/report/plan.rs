//! `fanplan plan`: a dated plan, the ranking of `--options`, and the answer for a forbidden
//! migration, as tables for people (JSON is the documents themselves).

use super::calendar::{provisional_mark, MARK_NOTE};
use super::fmt::{header, table, thousands, yuan};
use super::{CheckReport, Document};
use crate::calendar::Basis;
use crate::domain::StepId;
use crate::forecast::Warning;
use crate::plan::{Goal, Length, Money, Options, Plan, Status, Step, Unit};
use serde::Serialize;
use std::io::{self, Write};

fn length(step: &Step) -> String {
    if step.id == StepId::Backup {
        return "deadline".to_string();
    }
    let Length { min, max } = step.duration;
    if max == 0 {
        return "same day".to_string();
    }
    let n = if min == max {
        min.to_string()
    } else {
        format!("{min}–{max}")
    };
    match step.unit {
        Unit::WorkingDays if n == "1" => "1 working day".to_string(),
        Unit::WorkingDays => format!("{n} working days"),
        Unit::CalendarDays if n == "1" => "1 day".to_string(),
        Unit::CalendarDays => format!("{n} days"),
    }
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

fn status(s: Status) -> &'static str {
    match s {
        Status::Ready => "ready",
        Status::Todo => "todo",
        Status::Blocked => "BLOCKED",
    }
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
                    st.title.clone(),
                    super::name_of(&st.unit),
                    st.start.to_string(),
                    st.end_p50.to_string(),
                    st.end_p90.to_string(),
                    super::name_of(&st.status),
                    st.reason
                        .as_ref()
                        .map(super::text::blockers)
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

    fn table(&self, w: &mut dyn Write) -> io::Result<()> {
        let s = &self.scenario;
        match self.route {
            Some(route) => writeln!(
                w,
                "Plan: migrate the {} {} account ({} followers) by {route}",
                s.source_subject,
                s.source_kind,
                thousands(s.followers as f64)
            )?,
            None => writeln!(
                w,
                "Plan: close the {} {} account",
                s.source_subject, s.source_kind
            )?,
        }
        writeln!(
            w,
            "start {} · {} runs · seed {} · rules {} {}",
            self.start,
            thousands(self.runs as f64),
            self.seed,
            self.rules.name,
            self.rules.version
        )?;
        writeln!(w)?;
        let mut rows = vec![header(&[
            "step",
            "rule",
            "length",
            "start",
            "end P50",
            "end P90",
            "status",
            "cost (yuan)",
        ])];
        for st in &self.steps {
            let mark = provisional_mark(st.basis);
            rows.push(vec![
                st.id.to_string(),
                st.rule.clone(),
                length(st),
                st.start.to_string(),
                format!("{}{mark}", st.end_p50),
                format!("{}{mark}", st.end_p90),
                status(st.status).to_string(),
                money(&st.cost_yuan),
            ]);
        }
        write!(w, "{}", table(&rows))?;
        if self
            .steps
            .iter()
            .any(|st| !provisional_mark(st.basis).is_empty())
        {
            writeln!(w, "{MARK_NOTE}")?;
        }
        writeln!(w)?;
        for (i, st) in self.steps.iter().enumerate() {
            writeln!(w, "{:>2}. {} — {}", i + 1, st.id, st.title)?;
            if !st.after.is_empty() {
                writeln!(
                    w,
                    "    after: {}",
                    st.after
                        .iter()
                        .map(|a| a.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )?;
            }
            if let Some(reason) = st.reason.as_ref().map(super::text::blockers) {
                match st.unblocks_on {
                    Some(d) => writeln!(w, "    BLOCKED until {d}: {reason}")?,
                    None => writeln!(w, "    BLOCKED: {reason}")?,
                }
            }
            for note in &st.notes {
                writeln!(w, "    · {note}")?;
            }
        }
        writeln!(w)?;
        let what = match self.goal {
            Goal::Migrate => "end of the unfollow window",
            Goal::Close => "account deleted",
        };
        writeln!(
            w,
            "Finish:    P50 {}, P90 {} ({what})",
            self.finish.p50, self.finish.p90
        )?;
        writeln!(w, "Cost:      {} yuan", money(&self.cost_yuan))?;
        match self.goal {
            Goal::Migrate => {
                let f = &self.followers;
                writeln!(
                    w,
                    "Followers: kept P5 {}, P50 {}, P95 {} of {}",
                    thousands(f.p5),
                    thousands(f.p50),
                    thousands(f.p95),
                    thousands(s.followers as f64)
                )?;
                let a = &self.audience;
                writeln!(
                    w,
                    "Audience at the finish (both accounts): P5 {}, P50 {}, P95 {}",
                    thousands(a.p5),
                    thousands(a.p50),
                    thousands(a.p95)
                )?;
            }
            Goal::Close => match &self.followers_lost {
                Some(lost) => writeln!(w, "Followers: all {} lost", thousands(lost.p50))?,
                None => writeln!(w, "Followers: all lost")?,
            },
        }
        if let Some(a) = &self.probability_at_least {
            writeln!(
                w,
                "Chance the audience at the finish is at least {}: {}",
                thousands(a.threshold),
                super::precision::at_least(a)
            )?;
        }
        if let (Some(name), Some(licence)) = (&self.name_reuse, &self.licence_reuse) {
            writeln!(
                w,
                "Name:      the same entity may apply for it again from P50 {}, P90 {}; a business licence from P50 {} (D9)",
                name.p50, name.p90, licence.p50
            )?;
        }
        if !self.warnings.is_empty() {
            writeln!(w)?;
            for note in self.warnings.iter().map(super::text::warning) {
                writeln!(w, "warning: {note}")?;
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
                        .map(super::text::blocked_step)
                        .collect::<Vec<_>>()
                        .join("; "),
                ]
            }),
        )
    }

    fn table(&self, w: &mut dyn Write) -> io::Result<()> {
        writeln!(
            w,
            "Ways open to the account · start {} · {} runs each · seed {} · rules {} {}",
            self.start,
            thousands(self.runs as f64),
            self.seed,
            self.rules.name,
            self.rules.version
        )?;
        writeln!(
            w,
            "ranked by the audience at the finish (P50), then the cost (P50)"
        )?;
        writeln!(w)?;
        let mut rows = vec![header(&[
            "way",
            "route",
            "audience P50",
            "kept P5–P95",
            "cost (yuan)",
            "finish P50",
            "finish P90",
            "blocked",
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
                (Some(a), Some(f), Some(c), Some(fin)) => rows.push(vec![
                    label,
                    o.route.map_or("–".to_string(), |r| r.name().to_string()),
                    thousands(a.p50),
                    if f.p5 == f.p95 {
                        thousands(f.p5)
                    } else {
                        format!("{}–{}", thousands(f.p5), thousands(f.p95))
                    },
                    money(&c),
                    format!("{}{mark}", fin.p50),
                    format!("{}{mark}", fin.p90),
                    if o.blocked.is_empty() {
                        "no".to_string()
                    } else {
                        format!("{} step(s)", o.blocked.len())
                    },
                ]),
                _ => {
                    let rules: Vec<&str> = o.violations.iter().map(|v| v.rule.as_str()).collect();
                    rows.push(vec![label, format!("forbidden by {}", rules.join(", "))]);
                }
            }
        }
        write!(w, "{}", table(&rows))?;
        if marked {
            writeln!(w, "{MARK_NOTE}")?;
        }
        let forbidden: Vec<_> = self
            .options
            .iter()
            .flat_map(|o| o.violations.iter().map(move |v| (o.way, v)))
            .collect();
        if !forbidden.is_empty() {
            writeln!(w)?;
            writeln!(w, "Forbidden:")?;
            for (way, v) in forbidden {
                writeln!(
                    w,
                    "  {}: {} {} ({})",
                    way.name(),
                    v.rule,
                    super::text::breach(&v.breach),
                    v.source
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
            writeln!(w, "Blocked:")?;
            for (way, b) in blocked {
                writeln!(w, "  {}: {}", way.name(), super::text::blocked_step(b))?;
            }
        }
        let mut warnings: Vec<String> = Vec::new();
        for note in self
            .warnings
            .iter()
            .chain(self.options.iter().flat_map(|o| &o.warnings))
            .map(super::text::warning)
        {
            if !warnings.contains(&note) {
                warnings.push(note);
            }
        }
        if !warnings.is_empty() {
            writeln!(w)?;
            for note in warnings {
                writeln!(w, "warning: {note}")?;
            }
        }
        writeln!(w)?;
        writeln!(
            w,
            "See one way's dated steps: fanplan plan --goal migrate|close (with the same flags)"
        )?;
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
    fn table(&self, w: &mut dyn Write) -> io::Result<()> {
        writeln!(w, "No migration plan: the rules forbid this migration.")?;
        self.check.table(w)
    }

    /// The violated rules, as `fanplan check` writes them.
    fn csv(&self, w: &mut dyn Write) -> io::Result<()> {
        self.check.csv(w)
    }
}
