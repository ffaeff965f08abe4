//! `fanplan plan`.

use super::{Ctx, InvalidInput, Outcome};
use crate::rules::Rulebook;
use clap::Args;

/// Flags of `fanplan plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {}

/// Run `fanplan plan`.
pub fn run(_book: &Rulebook, _a: &PlanArgs, _ctx: &mut Ctx<'_>) -> anyhow::Result<Outcome> {
    Err(InvalidInput("`fanplan plan` is not built yet".to_string()).into())
}
