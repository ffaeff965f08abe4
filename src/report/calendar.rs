//! The words about the holiday calendar: `fanplan calendar`'s listing and the mark of a
//! provisional date.

use super::fmt::{header, table};
use super::Document;
use crate::calendar::{Basis, YearListing};
use std::io::{self, Write};

/// The mark a table puts after a date that rests on provisional holidays.
pub fn provisional_mark(basis: Option<Basis>) -> &'static str {
    if basis == Some(Basis::Provisional) {
        " *"
    } else {
        ""
    }
}

/// The note under a table with marked dates.
pub const MARK_NOTE: &str = "* rests on provisional holidays";

impl Document for YearListing {
    fn table(&self, w: &mut dyn Write) -> io::Result<()> {
        writeln!(w, "{} · basis {}", self.year, self.basis.name())?;
        match &self.source {
            Some(source) => writeln!(w, "source: {source}")?,
            None if self.basis == Basis::Provisional => writeln!(
                w,
                "source: the statutory holidays of 全国年节及纪念日放假办法 (2024); no notice known, make-up working days unknown"
            )?,
            None => {}
        }
        writeln!(w)?;
        let mut rows = vec![header(&["date", "weekday", "kind", "name"])];
        rows.extend(self.days.iter().map(|e| {
            vec![
                e.date.to_string(),
                e.date.format("%a").to_string(),
                match e.kind {
                    crate::calendar::Kind::Off => "day off".to_string(),
                    crate::calendar::Kind::Work => "working day (调休)".to_string(),
                },
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
