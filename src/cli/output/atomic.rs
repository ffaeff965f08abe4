//! Files written whole or not at all: a temporary `.fanplan-<pid>-<n>.tmp` beside the target,
//! renamed into place by [`AtomicFile::commit`]; the temporary files of this process are removed
//! on SIGINT/SIGTERM and those of dead fanplan processes by the next run.

use super::named;
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

pub(super) fn unregister(p: &Path) {
    if let Ok(mut l) = TEMP_FILES.lock() {
        l.retain(|x| x != p);
    }
}

/// The process id in a fanplan temporary name `.fanplan-<pid>-<n>.tmp`.
pub(super) fn temp_pid(name: &str) -> Option<u32> {
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
pub(super) fn remove_stale(dir: &Path) {
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
pub(super) fn create_temp(dir: &Path, len: usize) -> io::Result<(File, PathBuf)> {
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

pub(super) fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The target behind a path: a symbolic link is followed, so the file it points to is
/// replaced and the link kept.
pub(super) fn target_of(path: &Path) -> io::Result<PathBuf> {
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
