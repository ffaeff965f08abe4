//! `fanplan rules --list` (the built-in rulebooks) and `fanplan rules --diff A B` (every rule
//! and number that differs, with each rule's source in both rulebooks).

use super::statements::value_text;
use super::Document;
use crate::domain::RuleId;
use crate::fmt::{header, table};
use crate::forecast::RulesId;
use crate::i18n::Messages;
use crate::rules::builtin::Builtin;
use crate::rules::settings::{Difference, Value};
use crate::rules::Rulebook;
use serde::ser::SerializeSeq;
use serde::{Serialize, Serializer};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// The built-in rulebooks, the default first.
pub struct BuiltinList {
    /// Each built-in with its parsed rulebook.
    pub books: Vec<(Builtin, Rulebook)>,
}

#[derive(Serialize)]
struct ListEntry<'a> {
    name: &'a str,
    version: &'a str,
    default: bool,
    file: &'a str,
    source: &'a str,
}

impl BuiltinList {
    fn entries(&self) -> impl Iterator<Item = ListEntry<'_>> {
        self.books
            .iter()
            .enumerate()
            .map(|(i, (b, book))| ListEntry {
                name: b.name,
                version: &book.rulebook.version,
                default: i == 0,
                file: b.file,
                source: &book.rulebook.source,
            })
    }
}

impl Serialize for BuiltinList {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.books.len()))?;
        for e in self.entries() {
            seq.serialize_element(&e)?;
        }
        seq.end()
    }
}

impl Document for BuiltinList {
    fn table(&self, tr: &Messages, w: &mut dyn Write) -> io::Result<()> {
        let mut rows = vec![header(&[
            &tr.text("list-col-name"),
            &tr.text("list-col-version"),
            &tr.text("list-col-file"),
            &tr.text("list-col-source"),
        ])];
        for e in self.entries() {
            rows.push(vec![
                if e.default {
                    tr.msg("list-default", &[("name", e.name.into())])
                } else {
                    e.name.to_string()
                },
                e.version.to_string(),
                e.file.to_string(),
                e.source.to_string(),
            ]);
        }
        write!(w, "{}", table(&rows))?;
        writeln!(w, "{}", tr.text("list-choose"))
    }
}

/// One difference with the rule's source in each rulebook.
#[derive(Debug, Serialize)]
pub struct DiffRow {
    /// The rule id.
    pub rule: RuleId,
    /// The dotted rulebook key.
    pub key: String,
    /// The value in the first rulebook (null when it does not apply the rule).
    pub a: Value,
    /// The value in the second rulebook.
    pub b: Value,
    /// The rule's source in the first rulebook.
    pub source_a: String,
    /// The rule's source in the second rulebook.
    pub source_b: String,
}

/// `fanplan rules --diff A B`'s document.
#[derive(Debug, Serialize)]
pub struct RulesDiff {
    /// The first rulebook.
    pub a: RulesId,
    /// The second rulebook.
    pub b: RulesId,
    /// Every setting that differs, in rule order.
    pub differences: Vec<DiffRow>,
    /// How the table names the two: their names, or as given when the names are the same.
    #[serde(skip)]
    pub labels: (String, String),
}

impl RulesDiff {
    /// The document of the differences between `a` and `b`; `given` is how each was named on
    /// the command line, used in the table when the two rulebooks have the same name.
    pub fn new(
        a: &Rulebook,
        b: &Rulebook,
        given: (String, String),
        differences: Vec<Difference>,
    ) -> RulesDiff {
        let labels = if a.rulebook.name == b.rulebook.name {
            given
        } else {
            (a.rulebook.name.clone(), b.rulebook.name.clone())
        };
        let id = |book: &Rulebook| RulesId {
            name: book.rulebook.name.clone(),
            version: book.rulebook.version.clone(),
        };
        RulesDiff {
            a: id(a),
            b: id(b),
            differences: differences
                .into_iter()
                .map(|d| DiffRow {
                    source_a: a.source_of(d.rule).to_string(),
                    source_b: b.source_of(d.rule).to_string(),
                    rule: d.rule,
                    key: d.key,
                    a: d.a,
                    b: d.b,
                })
                .collect(),
            labels,
        }
    }
}

impl Document for RulesDiff {
    fn table(&self, tr: &Messages, w: &mut dyn Write) -> io::Result<()> {
        let (a, b) = (&self.labels.0, &self.labels.1);
        let n = self.differences.len();
        writeln!(
            w,
            "{}",
            tr.msg(
                "diff-head",
                &[
                    ("a", a.as_str().into()),
                    ("va", self.a.version.as_str().into()),
                    ("b", b.as_str().into()),
                    ("vb", self.b.version.as_str().into()),
                    ("n", n.into()),
                ]
            )
        )?;
        if n == 0 {
            return Ok(());
        }
        writeln!(w)?;
        // One block per setting: long values (lists of pairs, tiers) read better on their own line.
        let width = a.width().max(b.width());
        for d in &self.differences {
            writeln!(w, "{:<3} {}", d.rule.as_str(), d.key)?;
            for (name, value) in [(a, &d.a), (b, &d.b)] {
                let pad = " ".repeat(width - name.width());
                writeln!(w, "      {name}{pad}  {}", value_text(tr, value))?;
            }
        }
        writeln!(w)?;
        writeln!(w, "{}", tr.text("diff-sources"))?;
        let mut last = None;
        for d in &self.differences {
            if last == Some(d.rule) {
                continue;
            }
            last = Some(d.rule);
            writeln!(
                w,
                "{:<3} {a}: {}",
                d.rule.as_str(),
                or_none(tr, &d.source_a)
            )?;
            writeln!(w, "    {b}: {}", or_none(tr, &d.source_b))?;
        }
        Ok(())
    }
}

fn or_none(tr: &Messages, source: &str) -> String {
    if source.is_empty() {
        tr.text("diff-not-in-rulebook")
    } else {
        source.to_string()
    }
}
