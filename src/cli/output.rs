//! Writing output files atomically: a temporary file in the same folder, then a rename, so a
//! failure never leaves half a file and never harms the previous version.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_all_atomic(&[(path.to_path_buf(), bytes.to_vec())]).map_err(|(_, e)| e)
}

/// Writes several files as one: every temporary file is written first, and only when all
/// succeeded are they renamed into place. On failure nothing is replaced, and the error names
/// the file that could not be written.
pub fn write_all_atomic(
    files: &[(std::path::PathBuf, Vec<u8>)],
) -> Result<(), (std::path::PathBuf, std::io::Error)> {
    write_all_with(files, |file, bytes| file.write_all(bytes))
}

/// [`write_all_atomic`] with the write itself injected, so a full disk can be simulated.
fn write_all_with(
    files: &[(std::path::PathBuf, Vec<u8>)],
    write: impl Fn(&mut std::fs::File, &[u8]) -> std::io::Result<()>,
) -> Result<(), (std::path::PathBuf, std::io::Error)> {
    let mut staged = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        let fail = |e| (path.clone(), e);
        if path.is_dir() {
            return Err(fail(std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "a directory has that name",
            )));
        }
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".motion-").suffix(".tmp");
        // Temporary files are private (0600); the output is an ordinary file: rw-r--r-- (less
        // the umask) when new, the exact mode of the file it replaces otherwise.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o644));
        }
        let mut tmp = builder.tempfile_in(dir).map_err(fail)?;
        if let Ok(existing) = std::fs::metadata(path) {
            tmp.as_file()
                .set_permissions(existing.permissions())
                .map_err(fail)?;
        }
        write(tmp.as_file_mut(), bytes).map_err(fail)?;
        tmp.as_file().sync_all().map_err(fail)?;
        staged.push((path, tmp));
    }
    for (path, tmp) in staged {
        tmp.persist(path).map_err(|e| (path.clone(), e.error))?;
    }
    Ok(())
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
}
