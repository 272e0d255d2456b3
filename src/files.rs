//! One rule for every file motion reads (specs, bases, template files, fonts, labels, logos):
//! a regular file, opened without blocking (a named pipe never hangs a render), read up to a
//! limit (a 1 GB file is refused, not read), with a reason a clerk understands when it fails.

use std::io::Read;
use std::path::Path;

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    NotFound,
    IsDir,
    /// A named pipe, a device or a socket.
    Special(&'static str),
    TooLarge {
        size: u64,
        limit: u64,
    },
    Denied,
    Other(String),
}

impl ReadError {
    /// The reason, as it follows « cannot read `x`: ».
    pub fn reason(&self) -> String {
        match self {
            ReadError::NotFound => "no such file".into(),
            ReadError::IsDir => "it is a folder, not a file".into(),
            ReadError::Special(kind) => format!("it is {kind}, not a file"),
            ReadError::TooLarge { size, limit } => {
                format!("it is {size} bytes, more than the {limit} bytes allowed")
            }
            ReadError::Denied => "permission denied".into(),
            ReadError::Other(reason) => reason.clone(),
        }
    }

    /// Whether the file's content is at fault (too large), rather than reading it.
    pub fn is_content(&self) -> bool {
        matches!(self, ReadError::TooLarge { .. })
    }

    fn of(e: &std::io::Error) -> ReadError {
        match e.kind() {
            std::io::ErrorKind::NotFound => ReadError::NotFound,
            std::io::ErrorKind::PermissionDenied => ReadError::Denied,
            std::io::ErrorKind::IsADirectory => ReadError::IsDir,
            _ => {
                let s = e.to_string();
                ReadError::Other(match s.find(" (os error") {
                    Some(i) => s[..i].to_string(),
                    None => s,
                })
            }
        }
    }
}

/// What kind of non-regular file a file type is, if it is one.
fn special(kind: std::fs::FileType) -> Option<&'static str> {
    if kind.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
    }
    (!kind.is_file()).then_some("not a regular file")
}

/// Checks that `path` names a regular file (following symbolic links), without opening it.
pub fn check(path: &Path) -> Result<(), ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| ReadError::of(&e))?;
    match special(meta.file_type()) {
        Some("a folder") => Err(ReadError::IsDir),
        Some(kind) => Err(ReadError::Special(kind)),
        None => Ok(()),
    }
}

/// Reads a regular file of at most `limit` bytes.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    check(path)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    // Opened without blocking: a file swapped for a named pipe after the check still
    // cannot hang the render.
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| ReadError::of(&e))?;
    let meta = file.metadata().map_err(|e| ReadError::of(&e))?;
    match special(meta.file_type()) {
        Some("a folder") => return Err(ReadError::IsDir),
        Some(kind) => return Err(ReadError::Special(kind)),
        None => {}
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len().min(limit)).unwrap_or(0));
    // `take` guards against a file that grows while it is read (and /proc files, whose
    // size is 0).
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::of(&e))?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_only() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.toml");
        std::fs::write(&file, b"title = 1").unwrap();
        assert_eq!(read(&file, 100).unwrap(), b"title = 1");
        assert_eq!(
            read(&file, 3),
            Err(ReadError::TooLarge { size: 9, limit: 3 })
        );
        assert_eq!(read(dir.path(), 100), Err(ReadError::IsDir));
        assert_eq!(read(&dir.path().join("b"), 100), Err(ReadError::NotFound));
        #[cfg(unix)]
        {
            let fifo = dir.path().join("fifo");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|s| s.success()) {
                assert_eq!(
                    read(&fifo, 100),
                    Err(ReadError::Special("a named pipe (FIFO)"))
                );
            }
            if Path::new("/dev/null").exists() {
                assert_eq!(
                    read(Path::new("/dev/null"), 100),
                    Err(ReadError::Special("a device"))
                );
            }
        }
    }
}
