//! The outputs of a run, planned before any work: none may name an input or another output,
//! and each is proven writable, final name included.

use super::atomic::{create_temp, folder_of, target_of, unregister};
use crate::cli::Failure;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
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
    crate::fmt::shown(&p.to_string_lossy())
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
pub(super) fn may_replace(dir_mode: u32, dir_uid: u32, file_uid: u32, me: u32) -> bool {
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
