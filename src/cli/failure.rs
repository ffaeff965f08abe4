//! The errors the command line meets itself — a file it cannot read, a rulebook it refuses, a
//! folder it cannot create — kept as facts (a message id, its arguments, the cause) and worded
//! in the reader's language only when printed ([`cause_text`]). Their `Display` is English, for
//! logs and tests.

use crate::chart::ChartError;
use crate::i18n::Messages;
use crate::rules::RulebookError;
use fluent_bundle::FluentValue;
use std::error::Error;
use std::fmt;
use std::io;

/// A reason inside a failure, worded in the reader's language with it.
#[derive(Debug)]
pub enum Reason {
    /// A rulebook refused by validation or by the TOML reader.
    Rulebook(RulebookError),
    /// A chart size or drawing problem.
    Chart(ChartError),
    /// A holiday file fanplan cannot read.
    Holidays(crate::calendar::FileError),
    /// A table header fanplan cannot read.
    Header(crate::batch::row::HeaderError),
}

/// An argument: text as it is, or a message worded in the reader's language.
#[derive(Debug)]
enum Arg {
    Text(String),
    Message(&'static str),
}

/// One failure of the command line: message `id` with its arguments, `$reason` from
/// [`Reason`], and the error that caused it (an I/O error, worded by its kind).
#[derive(Debug)]
pub struct Failure {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
    reason: Option<Reason>,
    invalid: bool,
    source: Option<Box<dyn Error + Send + Sync + 'static>>,
}

impl Failure {
    /// Invalid input or usage (exit 2): message `id`.
    pub fn invalid(id: &'static str) -> Failure {
        Failure {
            id,
            args: Vec::new(),
            reason: None,
            invalid: true,
            source: None,
        }
    }

    /// A failure that is not the input's fault (exit 1): message `id`.
    pub fn failed(id: &'static str) -> Failure {
        Failure {
            invalid: false,
            ..Failure::invalid(id)
        }
    }

    /// An I/O failure (exit 1): message `id`, caused by `source`.
    pub fn io(id: &'static str, source: impl Error + Send + Sync + 'static) -> Failure {
        Failure {
            source: Some(Box::new(source)),
            ..Failure::failed(id)
        }
    }

    /// With the argument `$name`.
    pub fn arg(mut self, name: &'static str, value: impl fmt::Display) -> Failure {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    /// With the input file `path` as `$name` (`-` is standard input, in words).
    pub fn input(mut self, name: &'static str, path: &std::path::Path) -> Failure {
        let arg = if super::output::is_dash(path) {
            Arg::Message("input-stdin")
        } else {
            Arg::Text(path.display().to_string())
        };
        self.args.push((name, arg));
        self
    }

    /// With `$reason`.
    pub fn reason(mut self, reason: Reason) -> Failure {
        self.reason = Some(reason);
        self
    }

    /// Whether this is invalid input (exit 2) rather than an I/O failure (exit 1).
    pub fn is_invalid(&self) -> bool {
        self.invalid
    }

    /// The sentence in the language of `m`.
    pub fn words(&self, m: &Messages) -> String {
        let mut args: Vec<(&str, FluentValue<'_>)> = self
            .args
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    Arg::Text(t) => t.clone(),
                    Arg::Message(id) => m.text(id),
                };
                (*k, FluentValue::from(v))
            })
            .collect();
        if let Some(r) = &self.reason {
            let text = match r {
                Reason::Rulebook(e) => crate::report::rulebook_errors::rulebook_error(m, e),
                Reason::Chart(e) => crate::report::text::chart_error(m, e),
                Reason::Holidays(e) => crate::report::text::holiday_file_error(m, e),
                Reason::Header(h) => crate::report::text::header_error(m, h),
            };
            args.push(("reason", FluentValue::from(text)));
        }
        m.msg(self.id, &args)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.words(crate::i18n::english()))
    }
}

impl Error for Failure {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        self.source
            .as_ref()
            .map(|e| e.as_ref() as &(dyn Error + 'static))
    }
}

/// An I/O error in the reader's language: English as the system words it; in Chinese by its
/// kind, with the system's words where the kind is not one fanplan names.
pub fn io_text(m: &Messages, e: &io::Error) -> String {
    use io::ErrorKind as K;
    if let Some(w) = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<super::output::WriteFailed>())
    {
        return w.words(m);
    }
    let kind = match e.kind() {
        K::NotFound => "not-found",
        K::PermissionDenied => "permission-denied",
        K::AlreadyExists => "already-exists",
        K::IsADirectory => "is-a-directory",
        K::NotADirectory => "not-a-directory",
        K::InvalidData => "invalid-data",
        K::StorageFull => "storage-full",
        K::ReadOnlyFilesystem => "read-only-filesystem",
        K::BrokenPipe => "broken-pipe",
        _ => "other",
    };
    m.msg(
        "io-error",
        &[("kind", kind.into()), ("text", e.to_string().into())],
    )
}

/// One error of a chain, in the reader's language: the command line's own failures and I/O
/// errors are worded in it; other errors (already worded, or from a library) as they are.
pub fn cause_text(m: &Messages, cause: &(dyn Error + 'static)) -> String {
    if let Some(f) = cause.downcast_ref::<Failure>() {
        f.words(m)
    } else if let Some(e) = cause.downcast_ref::<RulebookError>() {
        crate::report::rulebook_errors::rulebook_error(m, e)
    } else if let Some(e) = cause.downcast_ref::<ChartError>() {
        crate::report::text::chart_error(m, e)
    } else if let Some(e) = cause.downcast_ref::<io::Error>() {
        io_text(m, e)
    } else if let Some(e) = cause.downcast_ref::<super::output::WriteFailed>() {
        e.words(m)
    } else {
        cause.to_string()
    }
}
