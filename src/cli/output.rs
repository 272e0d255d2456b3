//! Writing output files atomically: a temporary file in the same folder, then a rename, so a
//! failure never leaves half a file and never harms the previous version.
//!
//! The outputs of one spec are replaced as a set: the renames happen under a lock on the
//! folder, so two processes rendering to the same names never leave the PDF
//! of one beside the DOCX of the other. Temporary files (`.motion-<pid>-….tmp`) are removed
//! when Ctrl-C, SIGTERM or SIGHUP stops the process, and a later run removes those a killed
//! process left behind.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Temporary files being written, removed by the signal handler.
static PENDING: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

/// Removes the temporary files being written and exits, on Ctrl-C, SIGTERM and SIGHUP.
pub fn clean_up_on_signals() {
    let _ = ctrlc::set_handler(|| {
        let pending = PENDING.lock().unwrap_or_else(|p| p.into_inner());
        for path in pending.iter() {
            let _ = std::fs::remove_file(path);
        }
        // 130: interrupted, as shells report it.
        std::process::exit(130);
    });
}

fn pending() -> std::sync::MutexGuard<'static, BTreeSet<PathBuf>> {
    PENDING.lock().unwrap_or_else(|p| p.into_inner())
}

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_all_atomic(&[(path.to_path_buf(), bytes.to_vec())]).map_err(|(_, e)| e)
}

/// Writes several files as one: every temporary file is written first, and only when all
/// succeeded are they renamed into place. On failure nothing is replaced, and the error names
/// the file that could not be written.
pub fn write_all_atomic(files: &[(PathBuf, Vec<u8>)]) -> Result<(), (PathBuf, std::io::Error)> {
    write_all_with(files, |file, bytes| file.write_all(bytes))
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// [`write_all_atomic`] with the write itself injected, so a full disk can be simulated.
fn write_all_with(
    files: &[(PathBuf, Vec<u8>)],
    write: impl Fn(&mut std::fs::File, &[u8]) -> std::io::Result<()>,
) -> Result<(), (PathBuf, std::io::Error)> {
    let mut staged = Vec::with_capacity(files.len());
    let mut folders: BTreeSet<&Path> = BTreeSet::new();
    for (path, bytes) in files {
        let fail = |e| (path.clone(), e);
        if path.is_dir() {
            return Err(fail(std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "a directory has that name",
            )));
        }
        let dir = folder_of(path);
        if folders.insert(dir) {
            remove_stale(dir);
        }
        let mut builder = tempfile::Builder::new();
        let prefix = format!(".motion-{}-", std::process::id());
        builder.prefix(&prefix).suffix(".tmp");
        // Temporary files are private (0600); the output is an ordinary file: rw-r--r-- (less
        // the umask) when new, the exact mode of the file it replaces otherwise.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o644));
        }
        let mut tmp = builder.tempfile_in(dir).map_err(fail)?;
        pending().insert(tmp.path().to_path_buf());
        let written = (|| {
            if let Ok(existing) = std::fs::metadata(path) {
                tmp.as_file().set_permissions(existing.permissions())?;
            }
            write(tmp.as_file_mut(), bytes)?;
            tmp.as_file().sync_all()
        })();
        if let Err(e) = written {
            pending().remove(tmp.path());
            return Err(fail(e));
        }
        staged.push((path, tmp));
    }
    // The set is replaced under the folders' locks, in a fixed order (no deadlock).
    let _locks: Vec<std::fs::File> = folders.iter().filter_map(|d| lock(d)).collect();
    let mut result = Ok(());
    for (path, tmp) in staged {
        let temp = tmp.path().to_path_buf();
        if result.is_ok()
            && let Err(e) = tmp.persist(path)
        {
            result = Err((path.clone(), e.error));
        }
        pending().remove(&temp);
    }
    result
}

/// An exclusive lock on a folder, held while a set of outputs is renamed into place; `None`
/// where locks are unavailable (the renames stay atomic one by one). On Unix the folder itself
/// is locked, so nothing is left in it; elsewhere a `.motion.lock` file beside the outputs.
fn lock(dir: &Path) -> Option<std::fs::File> {
    #[cfg(unix)]
    let file = std::fs::File::open(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    })
    .ok()?;
    #[cfg(not(unix))]
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(".motion.lock"))
        .ok()?;
    file.lock().ok()?;
    Some(file)
}

/// Removes the temporary files of motion processes that no longer run (killed before they
/// could clean up).
fn remove_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name
            .strip_prefix(".motion-")
            .and_then(|r| r.strip_suffix(".tmp"))
        else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        let old = || {
            entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 3600)
        };
        let stale = match pid.map(|p| (p, process_runs(p))) {
            Some((pid, _)) if pid == std::process::id() => false,
            Some((_, Some(runs))) => !runs,
            // Where processes cannot be looked up, or before the pid was in the name: stale
            // once an hour old.
            _ => old(),
        };
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether a process with this id runs, where the system says (`/proc` on Linux).
fn process_runs(pid: u32) -> Option<bool> {
    let proc = Path::new("/proc");
    proc.join("self")
        .exists()
        .then(|| proc.join(pid.to_string()).exists())
}

/// The error of a group write that failed: which file, why, and that none was written.
pub fn not_written(target: &Path, e: &std::io::Error) -> crate::diagnostics::Diagnostic {
    crate::diagnostics::Diagnostic::error(format!(
        "cannot write `{}`: {}",
        crate::source::display_name(target),
        crate::spec::io_reason(e)
    ))
    .with_note("nothing was written; earlier versions of the files are untouched")
}

/// Like [`write_atomic`], but refuses to replace an existing file.
pub fn create_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if path.exists() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "the file already exists; choose another name or delete it first",
        ));
    }
    write_atomic(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_leaves_no_partial_file_and_the_old_one_intact() {
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("forest.pdf");
        let docx = dir.path().join("forest.docx");
        std::fs::write(&pdf, b"previous").unwrap();
        let files = vec![
            (pdf.clone(), b"new pdf".to_vec()),
            (docx.clone(), b"new docx".to_vec()),
        ];
        // The second write fails as on a full disk.
        let calls = std::cell::Cell::new(0);
        let result = write_all_with(&files, |file, bytes| {
            calls.set(calls.get() + 1);
            if calls.get() == 2 {
                return Err(std::io::Error::from_raw_os_error(28)); // ENOSPC
            }
            file.write_all(bytes)
        });
        let (failed, _) = result.unwrap_err();
        assert_eq!(failed, docx);
        assert_eq!(
            std::fs::read(&pdf).unwrap(),
            b"previous",
            "nothing replaced"
        );
        assert!(!docx.exists());
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left.len(), 1, "no temporary file left behind: {left:?}");
    }

    #[test]
    fn temporary_files_of_dead_processes_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        // No process has pid 4 000 000 000 (above the kernel's limit).
        let dead = dir.path().join(".motion-4000000000-abc.tmp");
        let alive = dir
            .path()
            .join(format!(".motion-{}-abc.tmp", std::process::id()));
        let theirs = dir.path().join(".other.tmp");
        for p in [&dead, &alive, &theirs] {
            std::fs::write(p, b"x").unwrap();
        }
        remove_stale(dir.path());
        assert!(!dead.exists() && alive.exists() && theirs.exists());
    }
}
