//! `fanplan compare` as words: the ranked table, JSON and CSV of a [`CompareReport`].

use super::precision::{at_least_cells, cell, AT_LEAST_COLUMNS};
use super::text;
use super::Document;
use crate::compare::CompareReport;
use crate::fmt::{header, table, thousands, yuan};
use crate::i18n::Messages;
use std::io::{self, Write};

/// The CSV columns of `compare --format csv` (then [`AT_LEAST_COLUMNS`] with `--at-least`).
pub const CSV_COLUMNS: [&str; 12] = [
    "rank",
    "id",
    "allowed",
    "route",
    "violations",
    "retained_p5",
    "retained_p50",
    "retained_p95",
    "settled_date_p50",
    "settled_date_p90",
    "cost_p50",
    "cost_p95",
];

/// The CSV column added by `--rules-set`: the rulebook of the row.
pub const RULES_COLUMN: &str = "rules";

/// The scenarios ranked (a scenario forecast under several rulebooks counts once).
fn scenario_count(report: &CompareReport) -> usize {
    let mut ids: Vec<&str> = report.ranked.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.len()
}

/// The rulebook (or rulebooks) of the header: `seed 2026.11.1`, `seed 2026.11.1 and observed …`.
fn rules_text(m: &Messages, report: &CompareReport) -> String {
    let one = |r: &crate::forecast::RulesId| format!("{} {}", r.name, r.version);
    match &report.rules_set {
        Some(set) => set
            .iter()
            .map(one)
            .collect::<Vec<_>>()
            .join(&m.text("sep-and")),
        None => one(&report.provenance.rules),
    }
}

impl Document for CompareReport {
    fn table(&self, m: &Messages, w: &mut dyn Write) -> io::Result<()> {
        writeln!(
            w,
            "{}",
            m.msg(
                "compare-head",
                &[
                    ("n", scenario_count(self).into()),
                    ("runs", a(thousands(self.provenance.runs as f64))),
                    ("seed", a(self.provenance.seed)),
                    ("rules", a(rules_text(m, self))),
                ]
            )
        )?;
        writeln!(w)?;
        if !self.ranked.is_empty() {
            let mut names = header(&[&m.text("compare-col-scenario")]);
            if self.rules_set.is_some() {
                names.push(m.text("compare-col-rules"));
            }
            names.extend(header(&[
                &m.text("compare-col-route"),
                &m.text("compare-col-kept-p5"),
                &m.text("compare-col-kept-p50"),
                &m.text("compare-col-kept-p95"),
                &m.text("compare-col-settled-p50"),
                &m.text("compare-col-settled-p90"),
                &m.text("compare-col-cost-p50"),
                &m.text("compare-col-cost-p95"),
            ]));
            if let Some(n) = self.at_least {
                names.push(m.msg("compare-col-at-least", &[("n", a(thousands(n as f64)))]));
            }
            let mut rows = vec![names];
            for r in &self.ranked {
                let mut cells = vec![format!("{}. {}", r.rank, r.id)];
                if self.rules_set.is_some() {
                    cells.push(r.rules.clone().unwrap_or_default());
                }
                cells.extend([
                    text::route(m, r.route),
                    thousands(r.retained_followers.p5),
                    thousands(r.retained_followers.p50),
                    thousands(r.retained_followers.p95),
                    m.date(r.settled_date.p50),
                    m.date(r.settled_date.p90),
                    yuan(r.cost_yuan.p50),
                    yuan(r.cost_yuan.p95),
                ]);
                if self.at_least.is_some() {
                    cells.push(
                        r.probability_at_least
                            .as_ref()
                            .map_or(String::new(), |x| super::precision::at_least_cell(m, x)),
                    );
                }
                rows.push(cells);
            }
            write!(w, "{}", table(&rows))?;
        }
        if !self.forbidden.is_empty() {
            writeln!(w)?;
            writeln!(w, "{}", m.text("compare-forbidden"))?;
            for f in &self.forbidden {
                let row = match &f.rules {
                    Some(name) => m.msg(
                        "compare-forbidden-row-under",
                        &[("id", a(&f.id)), ("line", a(f.line)), ("rules", a(name))],
                    ),
                    None => m.msg(
                        "compare-forbidden-row",
                        &[("id", a(&f.id)), ("line", a(f.line))],
                    ),
                };
                writeln!(w, "  {row}")?;
                for v in &f.violations {
                    writeln!(w, "    {}", super::text::violation(m, v))?;
                }
            }
        }
        if !self.rejected.is_empty() {
            writeln!(w)?;
            writeln!(
                w,
                "{}",
                m.msg(
                    "compare-rejected",
                    &[("n", rejected_rows(&self.rejected).into())]
                )
            )?;
        }
        Ok(())
    }

    fn csv(&self, w: &mut dyn Write) -> io::Result<()> {
        let mut c = csv::Writer::from_writer(w);
        let mut names: Vec<&str> = CSV_COLUMNS.to_vec();
        if self.at_least.is_some() {
            names.extend(AT_LEAST_COLUMNS);
        }
        let with_rules = self.rules_set.is_some();
        if with_rules {
            names.push(RULES_COLUMN);
        }
        let width = names.len();
        c.write_record(&names)?;
        for r in &self.ranked {
            let mut cells = vec![
                r.rank.to_string(),
                crate::excel::formula_guard(&r.id).into_owned(),
                "true".to_string(),
                r.route.name().to_string(),
                String::new(),
                cell(r.retained_followers.p5, r.half_widths[0], 1.0),
                cell(r.retained_followers.p50, r.half_widths[1], 1.0),
                cell(r.retained_followers.p95, r.half_widths[2], 1.0),
                r.settled_date.p50.to_string(),
                r.settled_date.p90.to_string(),
                cell(r.cost_yuan.p50, r.half_widths[3], 1.0),
                cell(r.cost_yuan.p95, r.half_widths[4], 1.0),
            ];
            if self.at_least.is_some() {
                cells.extend(at_least_cells(r.probability_at_least.as_ref()));
            }
            if with_rules {
                cells.push(r.rules.clone().unwrap_or_default());
            }
            c.write_record(&cells)?;
        }
        for f in &self.forbidden {
            let ids: Vec<&str> = f.violations.iter().map(|v| v.rule.as_str()).collect();
            let mut cells = vec![
                String::new(),
                crate::excel::formula_guard(&f.id).into_owned(),
                "false".to_string(),
                String::new(),
                ids.join(";"),
            ];
            cells.resize(width, String::new());
            if with_rules {
                if let Some(last) = cells.last_mut() {
                    *last = f.rules.clone().unwrap_or_default();
                }
            }
            c.write_record(&cells)?;
        }
        c.flush()
    }
}

/// A message argument.
fn a(v: impl ToString) -> fluent_bundle::FluentValue<'static> {
    fluent_bundle::FluentValue::from(v.to_string())
}

/// Rows that could not be read: one row may have several unreadable cells.
fn rejected_rows(errors: &[crate::batch::RowError]) -> usize {
    let lines: std::collections::BTreeSet<u64> = errors.iter().map(|e| e.line).collect();
    lines.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::{Column, RowError, RowProblem};
    use crate::input::InputError;

    #[test]
    fn a_row_with_several_bad_cells_counts_once() {
        let err = |line: u64| RowError {
            line,
            id: format!("r{line}"),
            column: Column::Id,
            value: "x".into(),
            problem: RowProblem::Input(InputError::NotCount("x".into())),
        };
        assert_eq!(rejected_rows(&[err(3), err(3), err(5)]), 2);
        assert_eq!(rejected_rows(&[]), 0);
    }
}
