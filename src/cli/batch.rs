//! `fanplan batch`.

use super::{Ctx, InvalidInput, Outcome};
use crate::rules::Rulebook;
use clap::Args;

/// Flags of `fanplan batch`.
#[derive(Debug, Args)]
pub struct BatchArgs {}

/// Run `fanplan batch`.
pub fn run(_book: &Rulebook, _a: &BatchArgs, _ctx: &mut Ctx<'_>) -> anyhow::Result<Outcome> {
    Err(InvalidInput("`fanplan batch` is not built yet".to_string()).into())
}
