//! Shell completions and the man page, generated from the same clap definitions.

use super::{Cli, Ctx, Outcome};
use clap::{Args, CommandFactory};
use clap_complete::Shell;

/// Flags of `fanplan completions`.
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  fanplan completions bash > ~/.local/share/bash-completion/completions/fanplan"
)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    shell: Shell,
}

/// Print a completion script.
pub fn completions(a: &CompletionsArgs, ctx: &mut Ctx<'_>) -> anyhow::Result<Outcome> {
    let mut cmd = Cli::command();
    clap_complete::generate(a.shell, &mut cmd, "fanplan", ctx.out);
    Ok(Outcome::Done)
}

/// Print the man page.
pub fn man(ctx: &mut Ctx<'_>) -> anyhow::Result<Outcome> {
    clap_mangen::Man::new(Cli::command()).render(ctx.out)?;
    Ok(Outcome::Done)
}
