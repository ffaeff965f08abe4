//! `fanplan compare`.

use super::{Ctx, InvalidInput, Outcome};
use crate::rules::Rulebook;
use clap::Args;

/// Flags of `fanplan compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {}

/// Run `fanplan compare`.
pub fn run(_book: &Rulebook, _a: &CompareArgs, _ctx: &mut Ctx<'_>) -> anyhow::Result<Outcome> {
    Err(InvalidInput("`fanplan compare` is not built yet".to_string()).into())
}
