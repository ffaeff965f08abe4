//! Output files and the standard streams: everything fanplan writes goes through here.
//!
//! - [`OutputPlan`] collects every file a command reads and writes, refuses an output that
//!   names another of them (exit 2) and proves each output writable — final name included —
//!   before any work starts;
//! - [`AtomicFile`] writes a file whole or not at all: a temporary `.fanplan-<pid>-<n>.tmp`
//!   beside the target, renamed into place by [`AtomicFile::commit`], with the replaced file's
//!   permissions; the temporary files of this process are removed on SIGINT/SIGTERM
//!   ([`remove_temp_files`]) and those of dead fanplan processes by the next run;
//! - [`Stream`] wraps standard output and standard error: a closed standard output discards
//!   the rest quietly, a failing standard error never stops the work, and every other write
//!   error names what was being written.

mod atomic;
mod plan;

pub use atomic::{commit_all, remove_temp_files, AtomicFile};
pub use plan::{is_dash, path_shown, same_file, OutputPlan};

use std::io::{self, Write};

/// What [`Stream::stdout`] names in messages.
pub const STDOUT: &str = "standard output";
/// What [`Stream::stderr`] names in messages.
pub const STDERR: &str = "standard error";

/// A write that failed, naming what was being written and the OS reason.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {what}: {reason}")]
pub struct WriteFailed {
    /// `-o FILE`, `--summary FILE`, [`STDOUT`], …
    pub what: String,
    /// The OS reason.
    pub reason: io::Error,
}

impl WriteFailed {
    /// The sentence in the language of `m`.
    pub fn words(&self, m: &crate::i18n::Messages) -> String {
        let what = match self.what.as_str() {
            STDOUT => m.text("stream-stdout"),
            STDERR => m.text("stream-stderr"),
            other => other.to_string(),
        };
        m.msg(
            "error-cannot-write",
            &[
                ("what", what.into()),
                ("reason", super::failure::io_text(m, &self.reason).into()),
            ],
        )
    }
}

/// Wrap an I/O error so that its message names what was being written; the kind is kept (a
/// closed pipe stays a closed pipe).
fn named(what: &str, e: io::Error) -> io::Error {
    if e.get_ref().is_some_and(|inner| inner.is::<WriteFailed>()) {
        return e;
    }
    io::Error::new(
        e.kind(),
        WriteFailed {
            what: what.to_string(),
            reason: e,
        },
    )
}

/// Standard output or standard error, as the commands write to them.
///
/// Standard output closed by its reader (`| head`) is not a failure: the rest is discarded and
/// the command finishes with the exit code its work deserves. Standard error (`quiet`) never
/// fails: a diagnostic that cannot be shown must not stop the main output. Any other error on
/// standard output names the stream and the OS reason.
pub struct Stream<W> {
    inner: W,
    what: &'static str,
    quiet: bool,
    closed: bool,
}

impl<W: Write> Stream<W> {
    /// Standard output.
    pub fn stdout(inner: W) -> Self {
        Stream {
            inner,
            what: STDOUT,
            quiet: false,
            closed: false,
        }
    }

    /// Standard error: its write errors are ignored.
    pub fn stderr(inner: W) -> Self {
        Stream {
            inner,
            what: STDERR,
            quiet: true,
            closed: false,
        }
    }

    fn failed(&mut self, e: io::Error) -> io::Result<()> {
        if self.quiet || e.kind() == io::ErrorKind::BrokenPipe {
            self.closed = true;
            Ok(())
        } else {
            Err(named(self.what, e))
        }
    }
}

impl<W: Write> Write for Stream<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Ok(n) => Ok(n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => Err(e),
            Err(e) => self.failed(e).map(|()| buf.len()),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.inner.flush() {
            Ok(()) => Ok(()),
            Err(e) => self.failed(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::atomic::{remove_stale, temp_pid};
    use super::plan::may_replace;
    use super::*;
    use std::fs;
    use std::path::Path;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }

    #[test]
    fn an_unfinished_file_leaves_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("out.csv");
        {
            let mut f = AtomicFile::create("-o out.csv", &path).expect("create");
            f.write_all(b"half").expect("write");
        }
        assert!(names(dir.path()).is_empty());
        let mut f = AtomicFile::create("-o out.csv", &path).expect("create");
        f.write_all(b"whole").expect("write");
        f.commit().expect("commit");
        assert_eq!(fs::read(&path).unwrap_or_default(), b"whole");
        assert_eq!(names(dir.path()), vec!["out.csv".to_string()]);
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_and_devices_written_in_place() {
        let dir = tempfile::tempdir().expect("temp dir");
        let real = dir.path().join("real.csv");
        let link = dir.path().join("link.csv");
        fs::write(&real, b"old").expect("write");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        let mut f = AtomicFile::create("-o", &link).expect("create");
        f.write_all(b"new").expect("write");
        f.commit().expect("commit");
        assert!(fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink());
        assert_eq!(fs::read(&real).unwrap_or_default(), b"new");
        let null = Path::new("/dev/null");
        let mut f = AtomicFile::create("-o", null).expect("create");
        f.write_all(b"gone").expect("write");
        f.commit().expect("commit");
        assert!(!fs::metadata(null).expect("/dev/null").is_file());
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("secret.csv");
        fs::write(&path, b"old").expect("write");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).expect("chmod");
        let mut f = AtomicFile::create("-o", &path).expect("create");
        f.write_all(b"new").expect("write");
        f.commit().expect("commit");
        let mode = fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn same_file_sees_through_relative_paths() {
        let dir = tempfile::tempdir().expect("temp dir");
        let a = dir.path().join("in.csv");
        fs::write(&a, "x").expect("write");
        let b = dir.path().join(".").join("in.csv");
        assert!(same_file(&a, &b));
        assert!(!same_file(&a, &dir.path().join("new.csv")));
        let new = dir.path().join("charts").join("portfolio.png");
        let also = dir.path().join("charts").join(".").join("portfolio.png");
        assert!(same_file(&new, &also));
        assert!(!same_file(&new, &dir.path().join("charts")));
        #[cfg(unix)]
        {
            let hard = dir.path().join("hard.csv");
            fs::hard_link(&a, &hard).expect("hard link");
            assert!(same_file(&a, &hard));
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_sticky_bit_lets_only_owners_replace() {
        // /tmp: 1777 root; a file of user 1000, replaced by user 1001.
        assert!(!may_replace(0o41777, 0, 1000, 1001));
        assert!(may_replace(0o41777, 0, 1000, 1000));
        assert!(may_replace(0o41777, 0, 1000, 0));
        assert!(may_replace(0o40777, 0, 1000, 1001));
        assert!(may_replace(0o41777, 1001, 1000, 1001));
    }

    #[test]
    fn temporary_names_are_recognised_and_stale_ones_removed() {
        assert_eq!(temp_pid(".fanplan-123-a1b2.tmp"), Some(123));
        assert_eq!(temp_pid(".fanplan-123-a1b2xxxx.tmp"), Some(123));
        assert_eq!(temp_pid(".fanplan-abc-1.tmp"), None);
        assert_eq!(temp_pid("fanplan-1-1.tmp"), None);
        let dir = tempfile::tempdir().expect("temp dir");
        // No process has pid 0x7fff_fff0 on Linux (pid_max is at most 2^22).
        let dead = dir.path().join(".fanplan-2147483632-1.tmp");
        let live = dir
            .path()
            .join(format!(".fanplan-{}-ff.tmp", std::process::id()));
        let other = dir.path().join(".fanplan-x.tmp");
        for p in [&dead, &live, &other] {
            fs::write(p, b"x").expect("write");
        }
        remove_stale(dir.path());
        assert!(!dead.exists());
        assert!(live.exists() && other.exists());
    }

    #[test]
    fn stream_errors_name_the_stream_and_a_closed_pipe_is_quiet() {
        struct Failing(io::ErrorKind);
        impl Write for Failing {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::from(self.0))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut out = Stream::stdout(Failing(io::ErrorKind::BrokenPipe));
        assert!(out.write_all(b"x").is_ok());
        let mut out = Stream::stdout(Failing(io::ErrorKind::StorageFull));
        let e = out.write_all(b"x").expect_err("full");
        assert!(
            e.to_string().starts_with("cannot write standard output"),
            "{e}"
        );
        let mut err = Stream::stderr(Failing(io::ErrorKind::StorageFull));
        assert!(err.write_all(b"x").is_ok());
    }
}
