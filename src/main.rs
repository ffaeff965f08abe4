//! The `fanplan` binary: parse the flags, run the command, print the error chain and map it
//! to the exit code of SPEC §3.

use clap::Parser;
use fanplan::cli::{exit_code, is_broken_pipe, run, Cli, Ctx};
use fanplan::i18n::{Lang, Messages};
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_error(e),
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = io::stderr();
    let err_is_terminal = err.is_terminal();
    let lang = Lang::resolve(cli.lang, |k| std::env::var(k).ok());
    let mut ctx = Ctx {
        today: chrono::Local::now().date_naive(),
        out: &mut out,
        err: &mut err,
        err_is_terminal,
        lang,
        font: cli.font.clone(),
    };
    let result = run(cli, &mut ctx).and_then(|outcome| {
        out.flush()?;
        Ok(outcome)
    });
    match result {
        Ok(outcome) => ExitCode::from(outcome.code() as u8),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = out.flush();
            let m = Messages::new(lang);
            let mut msg = m.msg("error-line", &[("text", e.to_string().into())]);
            for cause in e.chain().skip(1) {
                msg.push_str("\n  ");
                msg.push_str(&m.msg("error-caused-by", &[("text", cause.to_string().into())]));
            }
            let _ = writeln!(io::stderr(), "{msg}");
            ExitCode::from(exit_code(&e) as u8)
        }
    }
}

/// A flag value clap refused, in the reader's language; every other clap error (usage,
/// `--help`, `--version`) as clap writes it.
fn clap_error(e: clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let lang = fanplan::cli::arg_lang();
    let ctx = |k| match e.get(k) {
        Some(ContextValue::String(v)) => Some(v.clone()),
        _ => None,
    };
    let arg = ctx(ContextKind::InvalidArg);
    let value = ctx(ContextKind::InvalidValue);
    let reason = std::error::Error::source(&e).map(|r| r.to_string());
    match (e.kind(), lang, arg, value, reason) {
        (ErrorKind::ValueValidation, Lang::Zh, Some(arg), Some(value), Some(reason)) => {
            let m = Messages::new(lang);
            let text = m.msg(
                "error-flag-value",
                &[
                    ("arg", arg.into()),
                    ("value", value.into()),
                    ("reason", reason.into()),
                ],
            );
            let _ = writeln!(
                io::stderr(),
                "{}",
                m.msg("error-line", &[("text", text.into())])
            );
            ExitCode::from(2)
        }
        _ => e.exit(),
    }
}
