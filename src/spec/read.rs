//! Reading a spec file from disk: size limit, UTF-8, and the TOML syntax check.

use std::path::Path;

use toml::de::DeTable;

use super::error::{MAX_FILE_SIZE, SpecError};
use crate::source::{FileId, Sources, Span, display_name};

/// Reads `path` into `sources`, refusing folders, pipes and devices, huge files and invalid
/// UTF-8.
pub fn read_file(path: &Path, sources: &mut Sources) -> Result<FileId, SpecError> {
    let name = display_name(path);
    let bytes = crate::files::read(path, MAX_FILE_SIZE).map_err(|e| match e {
        crate::files::ReadError::TooLarge { size, limit } => SpecError::TooLarge {
            path: name.clone(),
            size,
            limit,
        },
        other => SpecError::Io {
            path: name.clone(),
            reason: other.reason(),
        },
    })?;
    add_bytes(path, bytes, sources)
}

/// Checks a spec's bytes (size, UTF-8, not empty) and adds them to `sources`.
pub fn add_bytes(path: &Path, bytes: Vec<u8>, sources: &mut Sources) -> Result<FileId, SpecError> {
    let name = display_name(path);
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(SpecError::TooLarge {
            path: name,
            size: bytes.len() as u64,
            limit: MAX_FILE_SIZE,
        });
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            if text.trim().is_empty() {
                return Err(SpecError::EmptyFile { path: name });
            }
            Ok(sources.add(path, text))
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            // The lossy text is identical up to `at`, where U+FFFD (3 bytes) now stands.
            let file = sources.add(path, text);
            Err(SpecError::InvalidUtf8 {
                path: name,
                span: Span::new(file, at..at + '\u{FFFD}'.len_utf8()),
            })
        }
    }
}

/// The system's reason without the `(os error 2)` suffix.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

/// Parses TOML with spans, turning a syntax error into a pointed diagnostic.
pub fn parse_toml<'a>(
    text: &'a str,
    file: FileId,
) -> Result<toml::Spanned<DeTable<'a>>, SpecError> {
    DeTable::parse(text).map_err(|e| SpecError::Syntax {
        message: first_line(e.message()),
        span: Span::new(file, e.span().unwrap_or(0..0)),
    })
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or("").trim().to_string()
}
