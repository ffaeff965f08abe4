//! The `fanplan` binary: parse the flags, run the command, print the error chain and map it
//! to the exit code of SPEC §3.

use clap::Parser;
use fanplan::cli::output::{remove_temp_files, Stream};
use fanplan::cli::{arg_lang, cause_text, exit_code, flag_value_error, run, Cli, Ctx};
use fanplan::i18n::{Lang, Messages};
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

/// On SIGINT or SIGTERM: remove the temporary files, exit 128 + the signal (130, 143).
fn on_signals() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) {
        std::thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                remove_temp_files();
                std::process::exit(128 + sig);
            }
        });
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let m = Messages::new(arg_lang());
            if let Some(msg) = flag_value_error(&m, &e) {
                let _ = writeln!(
                    io::stderr(),
                    "{}",
                    m.msg("error-line", &[("text", msg.into())])
                );
                return ExitCode::from(2);
            }
            e.exit()
        }
    };
    on_signals();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(Stream::stdout(stdout.lock()));
    let err_is_terminal = io::stderr().is_terminal();
    let mut err = Stream::stderr(io::stderr());
    let lang = Lang::resolve(cli.lang, |k| std::env::var(k).ok());
    let mut ctx = Ctx {
        today: chrono::Local::now().date_naive(),
        out: &mut out,
        err: &mut err,
        err_is_terminal,
        rules_file: None,
        holidays_file: None,
        force: false,
        lang,
        font: cli.font.clone(),
    };
    let result = run(cli, &mut ctx).and_then(|outcome| {
        out.flush()?;
        Ok(outcome)
    });
    match result {
        Ok(outcome) => ExitCode::from(outcome.code() as u8),
        Err(e) => {
            let _ = out.flush();
            let m = Messages::new(lang);
            let mut causes = e.chain().map(|c| cause_text(&m, c));
            let first = causes.next().unwrap_or_default();
            let mut msg = m.msg("error-line", &[("text", first.into())]);
            for cause in causes {
                // Wrappers that repeat their source's words add nothing.
                if !msg.contains(&cause) {
                    msg.push_str("\n  ");
                    msg.push_str(&m.msg("error-caused-by", &[("text", cause.into())]));
                }
            }
            let _ = writeln!(err, "{msg}");
            ExitCode::from(exit_code(&e) as u8)
        }
    }
}
