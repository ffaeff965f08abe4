//! The words about the holiday calendar: `fanplan calendar`'s listing and the mark of a
//! provisional date.

use super::Document;
use crate::calendar::{Basis, YearListing};
use crate::fmt::{header, table};
use crate::i18n::Messages;
use std::io::{self, Write};

/// The mark a table puts after a date that rests on provisional holidays.
pub fn provisional_mark(basis: Option<Basis>) -> &'static str {
    if basis == Some(Basis::Provisional) {
        " *"
    } else {
        ""
    }
}

impl Document for YearListing {
    fn table(&self, m: &Messages, w: &mut dyn Write) -> io::Result<()> {
        let year = self.year.to_string();
        let basis = self.basis.name();
        writeln!(
            w,
            "{}",
            m.msg(
                "calendar-head",
                &[("year", year.into()), ("basis", basis.into())]
            )
        )?;
        let source = match &self.source {
            Some(source) => Some(source.clone()),
            None if self.basis == Basis::Provisional => Some(m.text("calendar-provisional-source")),
            None => None,
        };
        if let Some(source) = source {
            writeln!(
                w,
                "{}",
                m.msg("calendar-source", &[("source", source.into())])
            )?;
        }
        writeln!(w)?;
        let mut rows = vec![header(&[
            &m.text("calendar-col-date"),
            &m.text("calendar-col-weekday"),
            &m.text("calendar-col-kind"),
            &m.text("calendar-col-name"),
        ])];
        rows.extend(self.days.iter().map(|e| {
            vec![
                m.date(e.date),
                m.text(&format!("weekday-{}", e.date.format("%a"))),
                m.text(match e.kind {
                    crate::calendar::Kind::Off => "calendar-day-off",
                    crate::calendar::Kind::Work => "calendar-working-day",
                }),
                e.name.clone(),
            ]
        }));
        write!(w, "{}", table(&rows))
    }

    fn csv(&self, w: &mut dyn Write) -> io::Result<()> {
        super::csv_rows(
            w,
            &["date", "kind", "name", "basis"],
            self.days.iter().map(|e| {
                [
                    e.date.to_string(),
                    e.kind.name().to_string(),
                    e.name.clone(),
                    e.basis.name().to_string(),
                ]
            }),
        )
    }
}
