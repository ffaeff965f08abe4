//! The header and the cells of a batch row (SPEC §4): which column is which, and one row's
//! cells turned into a [`Scenario`], with every unreadable cell named by its column.
//!
//! Column names are matched case-insensitively, in any order; unknown columns are kept aside
//! for a warning. Empty cells take the scenario defaults. Cells accept the same forms as the
//! flags: `12万`, `120,000`, `12%`, Chinese kind and subject words, true/false, yes/no, 1/0, 是/否.

use super::{Column, RowProblem};
use crate::excel::normalize_excel_text;
use crate::input::{self, InputError};
use crate::scenario::{Field, Scenario, ScenarioInput};
use chrono::NaiveDate;

/// The scenario columns, in SPEC §4 order (plus `horizon`).
pub const FIELDS: [Field; 15] = [
    Field::SourceKind,
    Field::SourceSubject,
    Field::TargetKind,
    Field::TargetSubject,
    Field::CrossEntity,
    Field::TargetVerified,
    Field::Followers,
    Field::TargetFollowers,
    Field::Overlap,
    Field::DailyGrowth,
    Field::NotaryFeeMin,
    Field::NotaryFeeMax,
    Field::ValuePerFollower,
    Field::StartDate,
    Field::Horizon,
];

/// The batch CSV column that sets a scenario input.
pub fn column(field: Field) -> &'static str {
    match field {
        Field::SourceKind => "source_kind",
        Field::SourceSubject => "source_subject",
        Field::TargetKind => "target_kind",
        Field::TargetSubject => "target_subject",
        Field::CrossEntity => "cross_entity",
        Field::TargetVerified => "target_verified",
        Field::Followers => "followers",
        Field::TargetFollowers => "target_followers",
        Field::Overlap => "overlap",
        Field::DailyGrowth => "daily_growth",
        Field::NotaryFeeMin => "notary_fee_min",
        Field::NotaryFeeMax => "notary_fee_max",
        Field::ValuePerFollower => "value_per_follower",
        Field::StartDate => "start_date",
        Field::Horizon => "horizon",
    }
}

/// The columns every input must have.
pub const REQUIRED: [&str; 2] = ["id", "followers"];

/// A header name fanplan does not know (kept aside and named in a note).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownColumn {
    /// The column's number, from 1.
    pub column: usize,
    /// Its name as written (empty when the header cell is empty).
    pub name: String,
}

/// Why a header cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HeaderError {
    /// The input has no header row.
    #[error(
        "the input is empty: expected a header row naming the columns (at least id, followers)"
    )]
    Empty,
    /// A required column is absent.
    #[error("missing required column `{0}` (the header must name at least id and followers)")]
    Missing(&'static str),
    /// A required column is absent and the header is one field holding another separator.
    #[error(
        "missing required column `{missing}`: the header is one field containing {separator:?}"
    )]
    Separator {
        /// The missing column.
        missing: &'static str,
        /// The separator found (`;` or a tab).
        separator: char,
    },
    /// A column appears twice.
    #[error("column `{0}` appears twice in the header")]
    Repeated(String),
}

/// Where each known column sits in a row.
#[derive(Debug, Clone, PartialEq)]
pub struct Columns {
    id: usize,
    fields: Vec<(usize, Field)>,
    width: usize,
    /// Header names that are not columns of SPEC §4, in header order.
    pub unknown: Vec<UnknownColumn>,
}

fn header_name(raw: &[u8]) -> String {
    String::from_utf8_lossy(raw)
        .trim_start_matches('\u{feff}')
        .trim()
        .to_lowercase()
}

impl Columns {
    /// Map a header row.
    pub fn from_header(header: &csv::ByteRecord) -> Result<Columns, HeaderError> {
        if header.is_empty() || (header.len() == 1 && header_name(&header[0]).is_empty()) {
            return Err(HeaderError::Empty);
        }
        let mut id = None;
        let mut fields: Vec<(usize, Field)> = Vec::new();
        let mut unknown = Vec::new();
        for (i, raw) in header.iter().enumerate() {
            let name = header_name(raw);
            let name = crate::excel::canonical_column(&name).to_string();
            if name == "id" {
                if id.replace(i).is_some() {
                    return Err(HeaderError::Repeated(name));
                }
            } else if let Some(f) = FIELDS.iter().find(|f| column(**f) == name) {
                if fields.iter().any(|(_, g)| g == f) {
                    return Err(HeaderError::Repeated(name));
                }
                fields.push((i, *f));
            } else {
                unknown.push(UnknownColumn {
                    column: i + 1,
                    name,
                });
            }
        }
        let missing = if id.is_none() {
            Some("id")
        } else if !fields.iter().any(|(_, f)| *f == Field::Followers) {
            Some("followers")
        } else {
            None
        };
        if let Some(missing) = missing {
            let only = String::from_utf8_lossy(&header[0]).into_owned();
            return Err(if header.len() > 1 {
                HeaderError::Missing(missing)
            } else if only.contains(';') {
                HeaderError::Separator {
                    missing,
                    separator: ';',
                }
            } else if only.contains('\t') {
                HeaderError::Separator {
                    missing,
                    separator: '\t',
                }
            } else {
                HeaderError::Missing(missing)
            });
        }
        let id = id.unwrap_or_default();
        Ok(Columns {
            id,
            fields,
            width: header.len(),
            unknown,
        })
    }
}

impl Columns {
    /// The column of field `i` ([`Column::Row`] for an unknown column).
    fn column_of(&self, i: usize) -> Column {
        if i == self.id {
            return Column::Id;
        }
        self.fields
            .iter()
            .find(|(j, _)| *j == i)
            .map_or(Column::Row, |(_, f)| Column::Field(*f))
    }

    /// The first cell of `record` that is not valid UTF-8: its column and its text with the
    /// bad bytes shown as U+FFFD.
    pub fn first_invalid_cell(&self, record: &csv::ByteRecord) -> (Column, String) {
        record
            .iter()
            .enumerate()
            .find(|(_, f)| std::str::from_utf8(f).is_err())
            .map_or((Column::Row, String::new()), |(i, f)| {
                (
                    self.column_of(i),
                    String::from_utf8_lossy(f).trim().to_string(),
                )
            })
    }
}

/// One unreadable cell (or row), before the line number is attached.
#[derive(Debug, Clone, PartialEq)]
pub struct CellError {
    /// The column at fault.
    pub column: Column,
    /// The cell as written.
    pub value: String,
    /// What is wrong.
    pub problem: RowProblem,
}

fn cell_error(column: Column, value: &str, problem: RowProblem) -> CellError {
    CellError {
        column,
        value: value.to_string(),
        problem,
    }
}

fn set(input: &mut ScenarioInput, field: Field, text: &str) -> Result<(), InputError> {
    match field {
        Field::SourceKind => input.source_kind = Some(input::kind(text)?),
        Field::SourceSubject => input.source_subject = Some(input::subject(text)?),
        Field::TargetKind => input.target_kind = Some(input::kind(text)?),
        Field::TargetSubject => input.target_subject = Some(input::subject(text)?),
        Field::CrossEntity => input.cross_entity = Some(input::boolean(text)?),
        Field::TargetVerified => input.target_verified = Some(input::boolean(text)?),
        Field::Followers => input.followers = Some(input::count(text)?),
        Field::TargetFollowers => input.target_followers = Some(input::count(text)?),
        Field::Overlap => input.overlap = Some(input::share(text)?),
        Field::DailyGrowth => input.daily_growth = Some(input::share(text)?),
        Field::NotaryFeeMin => input.notary_fee_min = Some(input::number(text)?),
        Field::NotaryFeeMax => input.notary_fee_max = Some(input::number(text)?),
        Field::ValuePerFollower => input.value_per_follower = Some(input::number(text)?),
        Field::StartDate => input.start_date = Some(input::date(text)?),
        Field::Horizon => input.horizon = Some(input::days(text)?),
    }
    Ok(())
}

/// Read one row: its id (possibly empty) and its scenario, or every unreadable cell.
/// `today` is the default start date.
pub fn parse_row(
    cols: &Columns,
    record: &csv::ByteRecord,
    today: NaiveDate,
) -> (String, Result<Scenario, Vec<CellError>>) {
    let id = record
        .get(cols.id)
        .map(|b| String::from_utf8_lossy(b).trim().to_string())
        .unwrap_or_default();
    if record.len() != cols.width {
        let problem = RowProblem::Width {
            found: record.len(),
            expected: cols.width,
        };
        return (id, Err(vec![cell_error(Column::Row, "", problem)]));
    }
    let mut errors = Vec::new();
    if id.is_empty() {
        errors.push(cell_error(Column::Id, "", RowProblem::EmptyId));
    } else if std::str::from_utf8(record.get(cols.id).unwrap_or_default()).is_err() {
        errors.push(cell_error(
            Column::Id,
            &id,
            RowProblem::NotUtf8 { offset: None },
        ));
    }
    let mut input = ScenarioInput::default();
    let mut texts: Vec<(Field, &str)> = Vec::with_capacity(cols.fields.len());
    for &(i, field) in &cols.fields {
        let raw = record.get(i).unwrap_or_default();
        let Ok(text) = std::str::from_utf8(raw) else {
            errors.push(cell_error(
                Column::Field(field),
                &String::from_utf8_lossy(raw),
                RowProblem::NotUtf8 { offset: None },
            ));
            continue;
        };
        let text = text.trim();
        texts.push((field, text));
        let normal = normalize_excel_text(text);
        if normal.is_empty() {
            continue;
        }
        if let Err(e) = set(&mut input, field, &normal) {
            errors.push(cell_error(Column::Field(field), text, RowProblem::Input(e)));
        }
    }
    if !errors.is_empty() {
        return (id, Err(errors));
    }
    match input.build(today) {
        Ok(s) => (id, Ok(s)),
        Err(e) => {
            let value = texts
                .iter()
                .find(|(f, _)| *f == e.field)
                .map_or("", |(_, t)| t);
            let problem = RowProblem::Scenario(e.problem);
            (
                id,
                Err(vec![cell_error(Column::Field(e.field), value, problem)]),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Kind, Subject};

    fn rec(fields: &[&str]) -> csv::ByteRecord {
        csv::ByteRecord::from(fields.to_vec())
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default()
    }

    #[test]
    fn header_is_case_insensitive_in_any_order() {
        let c = Columns::from_header(&rec(&["Followers", " ID ", "notes", "SOURCE_KIND"]))
            .expect("valid");
        assert_eq!(c.id, 1);
        assert_eq!(
            c.unknown,
            vec![UnknownColumn {
                column: 3,
                name: "notes".to_string()
            }]
        );
        let (id, s) = parse_row(&c, &rec(&["12万", "a", "x", "服务号"]), today());
        let s = s.expect("valid");
        assert_eq!(id, "a");
        assert_eq!((s.followers, s.source_kind), (120_000, Kind::Service));
    }

    #[test]
    fn missing_and_repeated_columns_are_named() {
        assert_eq!(
            Columns::from_header(&rec(&["id", "source_kind"])),
            Err(HeaderError::Missing("followers"))
        );
        assert_eq!(
            Columns::from_header(&rec(&["followers"])),
            Err(HeaderError::Missing("id"))
        );
        assert_eq!(
            Columns::from_header(&rec(&["id", "followers", "Followers"])),
            Err(HeaderError::Repeated("followers".into()))
        );
        assert_eq!(Columns::from_header(&rec(&[""])), Err(HeaderError::Empty));
    }

    #[test]
    fn a_header_split_by_semicolons_or_tabs_is_named() {
        let words = |e: &HeaderError| crate::report::text::header_error(crate::i18n::english(), e);
        let e = Columns::from_header(&rec(&["id;followers;overlap"])).expect_err("semicolons");
        assert_eq!(
            e,
            HeaderError::Separator {
                missing: "id",
                separator: ';'
            }
        );
        let e = words(&e);
        assert!(
            e.contains("`;`, so the file seems to use semicolons"),
            "{e}"
        );
        assert!(e.contains("comma-separated"), "{e}");
        let e = words(&Columns::from_header(&rec(&["id\tfollowers"])).expect_err("tabs"));
        assert!(e.contains("tabs"), "{e}");
        assert!(e.contains("`id`"), "{e}");
    }

    #[test]
    fn empty_cells_take_defaults_and_booleans_accept_chinese() {
        let c = Columns::from_header(&rec(&[
            "id",
            "followers",
            "cross_entity",
            "target_verified",
            "source_subject",
            "overlap",
        ]))
        .expect("valid");
        let (_, s) = parse_row(&c, &rec(&["a", "1000", "是", "", "个人", "10%"]), today());
        let s = s.expect("valid");
        assert!(s.cross_entity && s.target_verified);
        assert_eq!(s.source_subject, Subject::Personal);
        assert!((s.overlap - 0.1).abs() < 1e-12);
        assert_eq!(s.start_date, today());
    }

    #[test]
    fn every_bad_cell_is_named() {
        let c = Columns::from_header(&rec(&["id", "followers", "source_kind", "overlap"]))
            .expect("valid");
        let (_, r) = parse_row(&c, &rec(&["a", "many", "channel", "0.5"]), today());
        let e = r.expect_err("bad");
        let cols: Vec<&str> = e.iter().map(|x| x.column.as_str()).collect();
        assert_eq!(cols, vec!["followers", "source_kind"]);
        assert_eq!(e[0].value, "many");
        let (_, r) = parse_row(&c, &rec(&["a", "10", "", "1.5"]), today());
        let e = r.expect_err("out of range");
        assert_eq!(
            (e[0].column.as_str(), e[0].value.as_str()),
            ("overlap", "1.5")
        );
    }

    #[test]
    fn wrong_field_count_and_empty_id() {
        let c = Columns::from_header(&rec(&["id", "followers"])).expect("valid");
        let (_, r) = parse_row(&c, &rec(&["a", "10", "extra"]), today());
        assert!(matches!(
            r.expect_err("count")[0].problem,
            RowProblem::Width { found: 3, .. }
        ));
        let (_, r) = parse_row(&c, &rec(&["", "10"]), today());
        assert_eq!(r.expect_err("no id")[0].column, Column::Id);
    }

    #[test]
    fn invalid_utf8_names_the_column() {
        let c = Columns::from_header(&rec(&["id", "followers", "source_kind"])).expect("valid");
        let mut r = csv::ByteRecord::new();
        r.push_field(b"a");
        r.push_field(b"10");
        r.push_field(b"\xb7\xfe");
        let (_, res) = parse_row(&c, &r, today());
        assert_eq!(
            res.expect_err("bad bytes")[0].column.as_str(),
            "source_kind"
        );
    }
}
