//! Batch output (SPEC §4): the forecast CSV columns, the error CSV, and files written whole or
//! not at all.
//!
//! Cells holding the user's text (ids, rejected values) that Excel would run as a formula are
//! written with a leading apostrophe ([`formula_guard`]).
//!
//! An output file is written to a temporary file in the same folder and renamed over the
//! target only when everything succeeded ([`AtomicFile`]); dropping it unfinished deletes the
//! temporary file, so after an error the target path holds no partial file.

use super::forecast::RowResult;
use super::RowError;
use crate::excel::formula_guard;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The forecast columns, in order (SPEC §4).
pub const COLUMNS: [&str; 18] = [
    "id",
    "allowed",
    "route",
    "violations",
    "runs",
    "retention_p50",
    "retained_mean",
    "retained_p5",
    "retained_p50",
    "retained_p95",
    "final_audience_p50",
    "transfer_date_p50",
    "settled_date_p50",
    "settled_date_p90",
    "cost_p50",
    "cost_p95",
    "cost_per_retained_p50",
    "lost_value_p50",
];

/// The extra columns written with `--at-least`: the chance and its standard error.
pub const AT_LEAST_COLUMNS: [&str; 2] = ["probability_at_least", "probability_at_least_se"];

/// The error CSV columns.
pub const ERROR_COLUMNS: [&str; 5] = ["line", "id", "column", "value", "reason"];

/// The UTF-8 byte-order mark (for Excel).
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Write the forecast header.
pub fn write_header<W: Write>(w: &mut csv::Writer<W>, at_least: bool) -> csv::Result<()> {
    if at_least {
        w.write_record(COLUMNS.iter().chain(&AT_LEAST_COLUMNS))
    } else {
        w.write_record(COLUMNS)
    }
}

/// A whole number, halves rounded away from zero (as the tables do).
fn whole(v: f64) -> String {
    format!("{:.0}", v.round())
}

/// Write one forecast row. Forbidden rows leave the numeric cells empty.
pub fn write_row<W: Write>(
    w: &mut csv::Writer<W>,
    id: &str,
    result: &RowResult,
    at_least: bool,
) -> csv::Result<()> {
    match result {
        RowResult::Forbidden(rules) => {
            w.write_field(formula_guard(id).as_bytes())?;
            w.write_field("false")?;
            w.write_field("")?;
            w.write_field(rules)?;
            let empty = COLUMNS.len() - 4 + if at_least { AT_LEAST_COLUMNS.len() } else { 0 };
            for _ in 0..empty {
                w.write_field("")?;
            }
            w.write_record(None::<&[u8]>)
        }
        RowResult::Allowed(f) => {
            let mut cells = vec![
                formula_guard(id).into_owned(),
                "true".to_string(),
                f.route.name().to_string(),
                String::new(),
                f.runs.to_string(),
                format!("{:.4}", f.retention_p50),
                format!("{:.1}", f.retained_mean),
                whole(f.retained_p5),
                whole(f.retained_p50),
                whole(f.retained_p95),
                whole(f.final_audience_p50),
                f.transfer_date_p50.to_string(),
                f.settled_date_p50.to_string(),
                f.settled_date_p90.to_string(),
                format!("{:.2}", f.cost_p50),
                format!("{:.2}", f.cost_p95),
                f.cost_per_retained_p50
                    .map_or(String::new(), |c| format!("{c:.4}")),
                format!("{:.2}", f.lost_value_p50),
            ];
            if at_least {
                let (p, se) = f
                    .p_at_least
                    .map_or((String::new(), String::new()), |(p, se)| {
                        (format!("{p:.4}"), format!("{se:.4}"))
                    });
                cells.push(p);
                cells.push(se);
            }
            w.write_record(&cells)
        }
    }
}

/// Write the error CSV header.
pub fn write_error_header<W: Write>(w: &mut csv::Writer<W>) -> csv::Result<()> {
    w.write_record(ERROR_COLUMNS)
}

/// Write one error row.
pub fn write_error<W: Write>(w: &mut csv::Writer<W>, e: &RowError) -> csv::Result<()> {
    w.write_record([
        e.line.to_string().as_str(),
        &formula_guard(&e.id),
        e.column.as_str(),
        &formula_guard(&e.value),
        &e.reason(),
    ])
}

/// A file written to a temporary file beside its target and renamed into place by
/// [`AtomicFile::commit`]. Dropped without committing, it leaves nothing behind.
///
/// A target that exists and is not a regular file (a device such as `/dev/null`, a FIFO) is
/// written directly: renaming over it would replace it. A symbolic link is followed, so the file
/// it points to is replaced and the link kept.
pub struct AtomicFile {
    target: Target,
}

enum Target {
    Temp {
        tmp: tempfile::NamedTempFile,
        path: PathBuf,
    },
    Direct(std::fs::File),
}

impl AtomicFile {
    /// Start writing `path`.
    pub fn create(path: &Path) -> io::Result<AtomicFile> {
        if let Ok(meta) = std::fs::metadata(path) {
            if !meta.is_file() && !meta.is_dir() {
                let file = std::fs::OpenOptions::new().write(true).open(path)?;
                return Ok(AtomicFile {
                    target: Target::Direct(file),
                });
            }
        }
        let path = match std::fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => path.canonicalize()?,
            _ => path.to_path_buf(),
        };
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".fanplan-").suffix(".tmp");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o644));
        }
        let tmp = builder.tempfile_in(dir)?;
        Ok(AtomicFile {
            target: Target::Temp { tmp, path },
        })
    }

    /// Rename the finished file into place (or flush a device or pipe).
    pub fn commit(self) -> io::Result<()> {
        match self.target {
            Target::Temp { mut tmp, path } => {
                tmp.flush()?;
                tmp.as_file().sync_all()?;
                tmp.persist(&path).map_err(|e| e.error)?;
            }
            Target::Direct(mut file) => file.flush()?,
        }
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.target {
            Target::Temp { tmp, .. } => tmp.write(buf),
            Target::Direct(file) => file.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match &mut self.target {
            Target::Temp { tmp, .. } => tmp.flush(),
            Target::Direct(file) => file.flush(),
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
        base = match base.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
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

/// Whether two paths name the same file (following links).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (resolved(a), resolved(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unfinished_file_leaves_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("out.csv");
        {
            let mut f = AtomicFile::create(&path).expect("create");
            f.write_all(b"half").expect("write");
        }
        assert!(!path.exists());
        assert_eq!(
            std::fs::read_dir(dir.path())
                .map(|d| d.count())
                .unwrap_or(9),
            0
        );
        let mut f = AtomicFile::create(&path).expect("create");
        f.write_all(b"whole").expect("write");
        f.commit().expect("commit");
        assert_eq!(std::fs::read(&path).unwrap_or_default(), b"whole");
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_and_devices_written_in_place() {
        let dir = tempfile::tempdir().expect("temp dir");
        let real = dir.path().join("real.csv");
        let link = dir.path().join("link.csv");
        std::fs::write(&real, b"old").expect("write");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        let mut f = AtomicFile::create(&link).expect("create");
        f.write_all(b"new").expect("write");
        f.commit().expect("commit");
        assert!(std::fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read(&real).unwrap_or_default(), b"new");
        let null = Path::new("/dev/null");
        let mut f = AtomicFile::create(null).expect("create");
        f.write_all(b"gone").expect("write");
        f.commit().expect("commit");
        let meta = std::fs::metadata(null).expect("/dev/null");
        assert!(!meta.is_file(), "/dev/null must stay a device");
    }

    #[test]
    fn same_file_sees_through_relative_paths() {
        let dir = tempfile::tempdir().expect("temp dir");
        let a = dir.path().join("in.csv");
        std::fs::write(&a, "x").expect("write");
        let b = dir.path().join(".").join("in.csv");
        assert!(same_file(&a, &b));
        assert!(!same_file(&a, &dir.path().join("new.csv")));
        let new = dir.path().join("charts").join("portfolio.png");
        let also = dir.path().join("charts").join(".").join("portfolio.png");
        assert!(same_file(&new, &also));
        assert!(!same_file(&new, &dir.path().join("charts")));
    }

    #[test]
    fn forbidden_rows_have_empty_numbers() {
        let mut w = csv::Writer::from_writer(Vec::new());
        write_row(&mut w, "a,b", &RowResult::Forbidden("M1;M3".into()), false).expect("write");
        let text = String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
        assert_eq!(text, "\"a,b\",false,,M1;M3,,,,,,,,,,,,,,\n");
    }
}
