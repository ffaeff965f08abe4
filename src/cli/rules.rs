//! `fanplan rules`: print the rulebook in force, list the built-in rulebooks, or show what
//! differs between two rulebooks.

use super::args::TableOrJson;
use super::rulebook::{load, Loaded};
use super::{Ctx, Outcome};
use crate::i18n::Messages;
use crate::report::rulebooks::{BuiltinList, RulesDiff};
use crate::report::{emit, RulesReport};
use crate::rules::builtin::BUILTINS;
use crate::rules::settings::diff;
use clap::Args;
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  fanplan rules
  fanplan --rules observed rules          the rules as public reports describe them
  fanplan rules --list                    the built-in rulebooks
  fanplan rules --diff seed observed      every rule and number that differs
  fanplan rules --toml > mine.toml        a starting point for a rulebook of your own
  fanplan --rules mine.toml rules         check it";

/// Flags of `fanplan rules`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct RulesArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
    format: TableOrJson,
    /// Print the rulebook's TOML exactly as written, comments included (a starting point for
    /// `--rules FILE`)
    #[arg(long, conflicts_with_all = ["format", "list", "diff"])]
    toml: bool,
    /// List the built-in rulebooks (names for `--rules`)
    #[arg(long, conflicts_with = "diff")]
    list: bool,
    /// Every rule and number that differs between two rulebooks, each a built-in name or a file
    #[arg(long, num_args = 2, value_names = ["A", "B"])]
    diff: Option<Vec<PathBuf>>,
}

/// Run `fanplan rules`.
pub fn run(loaded: &Loaded, a: &RulesArgs, ctx: &mut Ctx<'_>) -> anyhow::Result<Outcome> {
    if a.toml {
        ctx.out.write_all(loaded.text.as_bytes())?;
    } else if a.list {
        let books = BUILTINS
            .iter()
            .map(|b| b.load().map(|book| (*b, book)))
            .collect::<Result<Vec<_>, _>>()?;
        emit(
            &BuiltinList { books },
            a.format.into(),
            &Messages::new(ctx.lang),
            ctx.out,
        )?;
    } else if let Some([first, second]) = a.diff.as_deref() {
        let (x, y) = (load(Some(first))?, load(Some(second))?);
        let differences = diff(&x.book, &y.book);
        let given = (first.display().to_string(), second.display().to_string());
        let doc = RulesDiff::new(&x.book, &y.book, given, differences);
        emit(&doc, a.format.into(), &Messages::new(ctx.lang), ctx.out)?;
    } else {
        emit(
            &RulesReport { book: &loaded.book },
            a.format.into(),
            &Messages::new(ctx.lang),
            ctx.out,
        )?;
    }
    Ok(Outcome::Done)
}
