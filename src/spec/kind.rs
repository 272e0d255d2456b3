//! What a TOML file given to `motion` is, from its top-level keys: a session file lists
//! `motions`, an amendment file names its `motion` or holds `[[amendments]]`, anything else
//! is a motion's spec. One parse answers both questions.

use std::path::Path;

use toml::de::DeTable;

use super::MAX_FILE_SIZE;

/// The kinds of file `motion render` and `motion check` take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Motion,
    Amendments,
    Session,
}

impl FileKind {
    /// The kind of a file's text; a text that does not parse is a motion's spec, whose
    /// loader says what is wrong with it.
    pub fn of_text(text: &str) -> FileKind {
        let Ok(table) = DeTable::parse(text) else {
            return FileKind::Motion;
        };
        let top = table.get_ref();
        if top.contains_key("motions") {
            FileKind::Session
        } else if top.contains_key("amendments") || top.contains_key("motion") {
            FileKind::Amendments
        } else {
            FileKind::Motion
        }
    }

    /// The kind of the file at `path` (read cheaply; a file that cannot be read is left to
    /// the spec's loader, which says why).
    pub fn of_file(path: &Path) -> FileKind {
        crate::files::read(path, MAX_FILE_SIZE)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .map_or(FileKind::Motion, |text| FileKind::of_text(&text))
    }
}
