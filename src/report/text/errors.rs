//! The words of the command line's own failures: chart sizes, input headers, holiday files
//! and calendar limits.

use super::{date, s};
use crate::i18n::Messages;
use chrono::NaiveDate;

/// A chart error: a size that cannot be read or drawn, a chart with nothing to draw, or what
/// the drawing library said.
pub fn chart_error(m: &Messages, e: &crate::chart::ChartError) -> String {
    use crate::chart::{ChartError as E, ChartKind, SizeProblem};
    let size = |id: &str, width: &u32, height: &u32| {
        m.msg(id, &[("width", s(width)), ("height", s(height))])
    };
    let detail = |id: &str, d: &str| m.msg(id, &[("detail", s(d))]);
    match e {
        E::TooSmall { width, height } => size("chart-error-too-small", width, height),
        E::TooLarge { width, height } => size("chart-error-too-large", width, height),
        E::InvalidSize { input, reason } => {
            let reason = match reason {
                SizeProblem::NoX => "no-x",
                SizeProblem::Width => "width",
                SizeProblem::Height => "height",
                SizeProblem::TooSmall => "too-small",
                SizeProblem::TooLarge => "too-large",
            };
            m.msg(
                "chart-error-invalid-size",
                &[
                    ("input", s(crate::fmt::shown(input))),
                    ("reason", s(reason)),
                ],
            )
        }
        E::NoData(kind) => {
            let chart = match kind {
                ChartKind::Histogram => "histogram",
                ChartKind::Trajectory => "trajectory",
                ChartKind::Portfolio => "portfolio",
                ChartKind::Timeline => "timeline",
                ChartKind::Comparison => "comparison",
            };
            m.msg("chart-error-no-data", &[("chart", s(chart))])
        }
        E::Font(d) => detail("chart-error-font", d),
        E::Drawing(d) => detail("chart-error-drawing", d),
        E::Encode(d) => detail("chart-error-encode", d),
    }
}

/// Why a table's header cannot be read.
pub fn header_error(m: &Messages, e: &crate::batch::row::HeaderError) -> String {
    use crate::batch::row::HeaderError as H;
    match e {
        H::Empty => m.text("header-empty"),
        H::Missing(column) => m.msg("header-missing", &[("column", s(column))]),
        H::Separator { missing, separator } => m.msg(
            "header-separator",
            &[
                ("missing", s(missing)),
                (
                    "separator",
                    s(if *separator == ';' {
                        "semicolon"
                    } else {
                        "tab"
                    }),
                ),
            ],
        ),
        H::Repeated(column) => m.msg("header-repeated", &[("column", s(column))]),
    }
}

/// An unknown column in the note that names them: its name, or its number when it has none.
pub fn unknown_column(m: &Messages, c: &crate::batch::row::UnknownColumn) -> String {
    if c.name.is_empty() {
        m.msg("column-empty-name", &[("column", s(c.column))])
    } else {
        c.name.clone()
    }
}

/// A date that would fall past the last one the calendar can hold.
pub fn calendar_error(m: &Messages, e: &crate::calendar::CalendarError) -> String {
    use crate::calendar::CalendarError as C;
    let (id, from, days) = match e {
        C::CalendarDaysOverflow { from, days } => ("error-calendar-days-overflow", from, days),
        C::WorkingDaysOverflow { from, days } => ("error-working-days-overflow", from, days),
    };
    m.msg(
        id,
        &[
            ("days", s(days)),
            ("from", date(m, *from)),
            ("max", date(m, NaiveDate::MAX)),
        ],
    )
}

/// What is wrong in a holiday file, with its line and key.
pub fn holiday_file_error(m: &Messages, e: &crate::calendar::FileError) -> String {
    use crate::calendar::Problem as P;
    let problem = match &e.problem {
        P::Syntax(detail) => m.msg("holidays-syntax", &[("detail", s(detail))]),
        P::BadDate(v) => m.msg("holidays-bad-date", &[("value", s(crate::fmt::shown(v)))]),
        P::OutsideYear { date: d, year } => m.msg(
            "holidays-outside-year",
            &[("date", date(m, *d)), ("year", s(year))],
        ),
        P::OffAndWork(d) => m.msg("holidays-off-and-work", &[("date", date(m, *d))]),
        P::DuplicateYear(year) => m.msg("holidays-year-twice", &[("year", s(year))]),
        P::YearOutOfRange { year, min, max } => m.msg(
            "holidays-year-outside",
            &[("year", s(year)), ("min", s(min)), ("max", s(max))],
        ),
    };
    m.msg(
        "holidays-at",
        &[
            ("line", s(e.line)),
            ("key", s(&e.key)),
            ("problem", s(problem)),
        ],
    )
}
