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

use super::Failure;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// The temporary files this process has open, removed on SIGINT/SIGTERM.
static TEMP_FILES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Makes temporary names unique within the process.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

const TEMP_PREFIX: &str = ".fanplan-";
const TEMP_SUFFIX: &str = ".tmp";

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

/// Remove every temporary file of this process (the SIGINT/SIGTERM handler calls it before
/// exiting). The list stays locked, so no file is renamed into place afterwards.
pub fn remove_temp_files() {
    let list = match TEMP_FILES.lock() {
        Ok(l) => l,
        Err(poisoned) => poisoned.into_inner(),
    };
    for p in list.iter() {
        let _ = fs::remove_file(p);
    }
    std::mem::forget(list);
}

fn register(p: &Path) {
    if let Ok(mut l) = TEMP_FILES.lock() {
        l.push(p.to_path_buf());
    }
}

fn unregister(p: &Path) {
    if let Ok(mut l) = TEMP_FILES.lock() {
        l.retain(|x| x != p);
    }
}

/// The process id in a fanplan temporary name `.fanplan-<pid>-<n>.tmp`.
fn temp_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(TEMP_PREFIX)?.strip_suffix(TEMP_SUFFIX)?;
    let (pid, n) = rest.split_once('-')?;
    let hex = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit());
    if !(pid.bytes().all(|b| b.is_ascii_digit()) && hex(n.trim_end_matches('x'))) {
        return None;
    }
    pid.parse().ok()
}

/// Whether a process with this id is running (or may be: when unsure, it is). Linux shows
/// every process as `/proc/<pid>`; without a `/proc` nothing is known, so every process counts
/// as running and its files are kept.
fn alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

/// Remove the temporary files that fanplan processes killed outright (SIGKILL, power loss)
/// left in `dir`: only names of fanplan's own pattern whose process is gone.
fn remove_stale(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let me = std::process::id();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temp_pid) else {
            continue;
        };
        if pid != me && !alive(pid) && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// A new temporary name in `dir`, padded with `x` to at least `len` bytes.
fn temp_name(dir: &Path, len: usize) -> PathBuf {
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let mut name = format!("{TEMP_PREFIX}{}-{n:x}{nanos:08x}", std::process::id());
    while name.len() + TEMP_SUFFIX.len() < len {
        name.push('x');
    }
    name.push_str(TEMP_SUFFIX);
    dir.join(name)
}

/// Create a new temporary file in `dir` whose name is at least `len` bytes long, registered
/// for removal on a signal.
fn create_temp(dir: &Path, len: usize) -> io::Result<(File, PathBuf)> {
    loop {
        let path = temp_name(dir, len);
        let mut opts = OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o666);
        }
        match opts.open(&path) {
            Ok(f) => {
                register(&path);
                return Ok((f, path));
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The target behind a path: a symbolic link is followed, so the file it points to is
/// replaced and the link kept.
fn target_of(path: &Path) -> io::Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => match path.canonicalize() {
            Ok(p) => Ok(p),
            // A dangling link: write the file it names.
            Err(_) => {
                let to = fs::read_link(path)?;
                Ok(folder_of(path).join(to))
            }
        },
        _ => Ok(path.to_path_buf()),
    }
}

/// A file written to a temporary file beside its target and renamed into place by
/// [`AtomicFile::commit`]. Dropped without committing, it leaves nothing behind.
///
/// A target that exists and is not a regular file (a device such as `/dev/null`, a FIFO) is
/// written directly: renaming over it would replace it. A symbolic link is followed. The new
/// file keeps the permissions of the file it replaces. Every error names `what` (e.g.
/// `-o out.csv`), never the temporary name.
pub struct AtomicFile {
    what: String,
    target: Target,
}

enum Target {
    Temp {
        file: File,
        tmp: PathBuf,
        path: PathBuf,
    },
    Direct(File),
    Done,
}

impl AtomicFile {
    /// Start writing `path`; `what` names it in messages (`-o out.csv`).
    pub fn create(what: &str, path: &Path) -> io::Result<AtomicFile> {
        Self::open(what, path).map_err(|e| named(what, e))
    }

    fn open(what: &str, path: &Path) -> io::Result<AtomicFile> {
        let what = what.to_string();
        if let Ok(meta) = fs::metadata(path) {
            if !meta.is_file() && !meta.is_dir() {
                let file = OpenOptions::new().write(true).open(path)?;
                return Ok(AtomicFile {
                    what,
                    target: Target::Direct(file),
                });
            }
        }
        let path = target_of(path)?;
        let dir = folder_of(&path);
        remove_stale(dir);
        let (file, tmp) = create_temp(dir, 0)?;
        let out = AtomicFile {
            what,
            target: Target::Temp {
                file,
                tmp: tmp.clone(),
                path: path.clone(),
            },
        };
        if let Ok(meta) = fs::metadata(&path) {
            fs::set_permissions(&tmp, meta.permissions())?;
        }
        Ok(out)
    }

    /// Rename the finished file into place (or flush a device or pipe).
    pub fn commit(self) -> io::Result<()> {
        commit_all(vec![self])
    }

    /// Write out and sync everything written so far.
    fn finish(&mut self) -> io::Result<()> {
        let r = match &mut self.target {
            Target::Temp { file, .. } => file.flush().and_then(|()| file.sync_all()),
            Target::Direct(file) => file.flush(),
            Target::Done => Ok(()),
        };
        r.map_err(|e| named(&self.what, e))
    }

    /// Rename the temporary file over the target; `list` is the locked list of temporary files.
    fn rename_into_place(&mut self, list: &mut Vec<PathBuf>) -> io::Result<()> {
        if let Target::Temp { tmp, path, .. } = &self.target {
            fs::rename(tmp, path).map_err(|e| named(&self.what, e))?;
            list.retain(|x| x != tmp);
        }
        self.target = Target::Done;
        Ok(())
    }
}

/// Finish several files together: each is written out and synced first, then all are renamed
/// while the list of temporary files is locked, so SIGINT or SIGTERM waits for the renames and an
/// interruption leaves either every file in place or none. A failed rename leaves the files not
/// yet renamed unchanged.
pub fn commit_all(mut files: Vec<AtomicFile>) -> io::Result<()> {
    for f in &mut files {
        f.finish()?;
    }
    let mut list = match TEMP_FILES.lock() {
        Ok(l) => l,
        Err(poisoned) => poisoned.into_inner(),
    };
    let mut result = Ok(());
    for f in &mut files {
        if result.is_ok() {
            result = f.rename_into_place(&mut list);
        }
    }
    // Unlocked before the files left over are dropped (their drop removes their temporary file).
    drop(list);
    result
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if let Target::Temp { tmp, .. } = &self.target {
            let _ = fs::remove_file(tmp);
            unregister(tmp);
        }
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let r = match &mut self.target {
            Target::Temp { file, .. } | Target::Direct(file) => file.write(buf),
            Target::Done => Ok(buf.len()),
        };
        r.map_err(|e| named(&self.what, e))
    }
    fn flush(&mut self) -> io::Result<()> {
        let r = match &mut self.target {
            Target::Temp { file, .. } | Target::Direct(file) => file.flush(),
            Target::Done => Ok(()),
        };
        r.map_err(|e| named(&self.what, e))
    }
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

/// The absolute form of a path that may not exist yet: its deepest existing ancestor resolved
/// (following links), then the rest of the path applied by name (`.` skipped, `..` going up).
fn resolved(path: &Path) -> Option<PathBuf> {
    use std::path::Component;
    if let Ok(p) = path.canonicalize() {
        return Some(p);
    }
    let mut base = path;
    let mut rest = Vec::new();
    loop {
        let name = base.file_name()?;
        rest.push(name);
        base = folder_of(base);
        if let Ok(mut p) = base.canonicalize() {
            for name in rest.iter().rev() {
                match Path::new(name).components().next() {
                    Some(Component::ParentDir) => {
                        p.pop();
                    }
                    Some(Component::CurDir) | None => {}
                    Some(_) => p.push(name),
                }
            }
            return Some(p);
        }
        if base == Path::new(".") {
            return None;
        }
    }
}

/// Whether two paths name the same file (following links; hard links too when both exist).
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (fs::metadata(a), fs::metadata(b)) {
            if x.is_file() && y.is_file() {
                return x.dev() == y.dev() && x.ino() == y.ino();
            }
        }
    }
    match (resolved(a), resolved(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// A path as messages show it (cut and escaped like any echoed value).
pub fn path_shown(p: &Path) -> String {
    crate::report::fmt::shown(&p.to_string_lossy())
}

/// `-` (standard input or output) rather than a file.
pub fn is_dash(p: &Path) -> bool {
    p.as_os_str() == "-"
}

/// Every file a command reads and writes, checked before the work starts.
#[derive(Debug, Default)]
pub struct OutputPlan {
    inputs: Vec<(String, PathBuf)>,
    outputs: Vec<(String, PathBuf)>,
    folders: Vec<(String, PathBuf)>,
    force: bool,
}

impl OutputPlan {
    /// A plan; `force` replaces read-only outputs.
    pub fn new(force: bool) -> Self {
        OutputPlan {
            force,
            ..OutputPlan::default()
        }
    }

    /// A file the command reads, named by its flag (`-` is skipped).
    pub fn input(&mut self, flag: &str, path: &Path) {
        if !is_dash(path) {
            self.inputs.push((flag.to_string(), path.to_path_buf()));
        }
    }

    /// A file the command writes, named by its flag (`-` is skipped).
    pub fn output(&mut self, flag: &str, path: &Path) {
        if !is_dash(path) {
            self.outputs.push((flag.to_string(), path.to_path_buf()));
        }
    }

    /// A folder the command writes files in (created by [`OutputPlan::check`]), with the
    /// names of the files it writes there.
    pub fn folder(&mut self, flag: &str, dir: &Path, names: &[&str]) {
        self.folders.push((flag.to_string(), dir.to_path_buf()));
        for name in names {
            self.output(&format!("{flag} DIR/{name}"), &dir.join(name));
        }
    }

    /// Refuse overlaps (exit 2), create the folders, and prove every output writable (exit 1).
    pub fn check(&self) -> anyhow::Result<()> {
        for (i, (flag, path)) in self.outputs.iter().enumerate() {
            for (other_flag, other) in &self.inputs {
                if same_file(path, other) {
                    return Err(overlap_input(flag, path, other_flag).into());
                }
            }
            for (other_flag, other) in &self.outputs[..i] {
                if same_file(path, other) {
                    return Err(overlap_output(flag, other_flag, path).into());
                }
            }
        }
        for (flag, path) in &self.outputs {
            if path.is_dir() {
                return Err(is_folder(flag, path).into());
            }
        }
        for (flag, dir) in &self.folders {
            fs::create_dir_all(dir).map_err(|e| no_folder(flag, dir, e))?;
        }
        for (flag, path) in &self.outputs {
            self.prove_writable(flag, path)?;
        }
        Ok(())
    }

    /// Show, without writing anything, that `path` can be written and renamed into place.
    fn prove_writable(&self, flag: &str, path: &Path) -> anyhow::Result<()> {
        let meta = fs::metadata(path).ok();
        if meta.as_ref().is_some_and(|m| !m.is_file()) {
            // A device or pipe is written in place.
            return Ok(());
        }
        let target = target_of(path).map_err(|e| cannot_create(flag, path, e))?;
        if let Some(m) = &meta {
            if m.permissions().readonly() && !self.force {
                return Err(read_only(flag, path).into());
            }
        }
        let dir = folder_of(&target);
        let len = target.file_name().map_or(0, |n| n.len());
        let (probe, probe_path) =
            create_temp(dir, len).map_err(|e| cannot_create(flag, path, e))?;
        let check = sticky_check(dir, &probe, meta.as_ref());
        drop(probe);
        let _ = fs::remove_file(&probe_path);
        unregister(&probe_path);
        if !check {
            return Err(sticky(flag, path).into());
        }
        Ok(())
    }
}

/// Whether an existing file in `dir` may be replaced by this process: in a folder with the
/// sticky bit, only the file's owner, the folder's owner or root may (the probe file shows who
/// this process is).
fn sticky_check(dir: &Path, probe: &File, existing: Option<&fs::Metadata>) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let (Ok(d), Ok(me), Some(file)) = (fs::metadata(dir), probe.metadata(), existing) else {
            return true;
        };
        may_replace(d.mode(), d.uid(), file.uid(), me.uid())
    }
    #[cfg(not(unix))]
    {
        let _ = (dir, probe, existing);
        true
    }
}

/// In a folder with the sticky bit (mode 0o1000), only the file's owner, the folder's owner or
/// root may replace a file.
#[cfg(unix)]
fn may_replace(dir_mode: u32, dir_uid: u32, file_uid: u32, me: u32) -> bool {
    dir_mode & 0o1000 == 0 || me == 0 || me == file_uid || me == dir_uid
}

fn overlap_input(flag: &str, path: &Path, input: &str) -> Failure {
    Failure::invalid("error-output-is-input")
        .arg("flag", flag)
        .arg("path", path_shown(path))
        .arg(
            "input",
            if input.starts_with("--") {
                input
            } else {
                "none"
            },
        )
}

fn overlap_output(flag: &str, other: &str, path: &Path) -> Failure {
    Failure::invalid("error-outputs-same-file")
        .arg("flag", flag)
        .arg("other", other)
        .arg("path", path_shown(path))
}

fn is_folder(flag: &str, path: &Path) -> Failure {
    Failure::failed("error-output-is-folder")
        .arg("flag", flag)
        .arg("path", path_shown(path))
}

fn no_folder(flag: &str, dir: &Path, e: io::Error) -> Failure {
    Failure::io("error-create-folder", e)
        .arg("flag", flag)
        .arg("path", path_shown(dir))
}

fn cannot_create(flag: &str, path: &Path, e: io::Error) -> Failure {
    Failure::io("error-create-file", e)
        .arg("flag", flag)
        .arg("path", path_shown(path))
}

fn read_only(flag: &str, path: &Path) -> Failure {
    Failure::failed("error-output-read-only")
        .arg("flag", flag)
        .arg("path", path_shown(path))
}

fn sticky(flag: &str, path: &Path) -> Failure {
    Failure::failed("error-output-sticky")
        .arg("flag", flag)
        .arg("path", path_shown(path))
}

#[cfg(test)]
mod tests {
    use super::*;

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
