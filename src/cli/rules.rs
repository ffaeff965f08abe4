//! `fanplan rules`: print the rulebook in force.

use super::args::TableOrJson;
use super::{Ctx, Outcome};
use crate::i18n::Messages;
use crate::report::emit;
use crate::rules::Rulebook;
use clap::Args;

const EXAMPLES: &str = "\
Examples:
  fanplan rules
  fanplan rules --format json
  fanplan --rules my-rules.toml rules     check a rulebook of your own";

/// Flags of `fanplan rules`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct RulesArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
    format: TableOrJson,
    /// Print the rulebook's TOML source (a starting point for `--rules FILE`)
    #[arg(long, conflicts_with = "format")]
    toml: bool,
}

/// Run `fanplan rules`.
pub fn run(book: &Rulebook, a: &RulesArgs, ctx: &mut Ctx<'_>) -> anyhow::Result<Outcome> {
    if a.toml {
        let text = toml::to_string_pretty(book)?;
        ctx.out.write_all(text.as_bytes())?;
    } else {
        emit(book, a.format.into(), &Messages::new(ctx.lang), ctx.out)?;
    }
    Ok(Outcome::Done)
}
