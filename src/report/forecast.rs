//! `fanplan simulate`: the forecast as a table for people (JSON is the Forecast itself).

use super::fmt::{header, percent, table, thousands, yuan};
use super::Document;
use crate::forecast::Forecast;
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
            "{} {} account, {} followers → {} ({} target followers, overlap {})",
            s.source_subject,
            s.source_kind,
            thousands(s.followers as f64),
            self.route,
            thousands(s.target_followers as f64),
            percent(s.overlap),
        )?;
        writeln!(
            w,
            "{} runs · seed {} · retention {} · rules {} {} · start {} · horizon {} days",
            thousands(self.runs as f64),
            self.seed,
            self.dist.name(),
            self.rules.name,
            self.rules.version,
            s.start_date,
            s.horizon_days
        )?;
        for note in self.warnings.iter().map(|x| super::text::warning(tr, x)) {
            writeln!(w, "note: {note}")?;
        }
        writeln!(w)?;
        let mut rows = vec![header(&["", "P5", "P10", "P50", "P90", "P95", "mean"])];
        rows.push(row("Retention rate", &m.retention_rate, percent));
        rows.push(row("Retained followers", &m.retained_followers, thousands));
        rows.push(row("Lost followers", &m.lost_followers, thousands));
        rows.push(row(
            &format!("Audience on day {}", s.horizon_days),
            &m.final_audience,
            thousands,
        ));
        rows.push(row("Transfer day", &m.transfer_day, days));
        rows.push(row("Settled day", &m.settled_day, days));
        rows.push(row("Cost (yuan)", &m.cost_yuan, yuan));
        if let Some(cpr) = &m.cost_per_retained_follower {
            rows.push(row("Cost per kept follower (yuan)", cpr, yuan));
        }
        if s.value_per_follower > 0.0 {
            rows.push(row("Lost value (yuan)", &m.lost_value_yuan, yuan));
        }
        write!(w, "{}", table(&rows))?;
        writeln!(w)?;
        let d = &self.dates;
        writeln!(
            w,
            "Transfer date  P10 {}  P50 {}  P90 {}",
            d.transfer.p10, d.transfer.p50, d.transfer.p90
        )?;
        writeln!(
            w,
            "Settled date   P10 {}  P50 {}  P90 {}",
            d.settled.p10, d.settled.p50, d.settled.p90
        )?;
        if let Some(a) = &self.probability_at_least {
            writeln!(
                w,
                "Chance the audience on day {} is at least {}: {} (standard error {})",
                s.horizon_days,
                thousands(a.threshold),
                percent(a.p),
                percent(a.se)
            )?;
        }
        writeln!(w)?;
        let ids: Vec<&str> = self
            .assumptions
            .iter()
            .filter_map(|a| a.split(':').next())
            .collect();
        writeln!(
            w,
            "Assumptions in force ({}): see `fanplan rules`. Standard error of the mean retained: {}.",
            ids.join(", "),
            thousands(m.retained_followers.se)
        )?;
        Ok(())
    }
}
