//! A template's files: the embedded default or a folder on disk, read only inside it.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use super::TemplateError;
use crate::source::display_name;
use crate::theme::FontBytes;

/// The most a template file may weigh: fonts are large, text files are not.
fn limit_for(rel: &str) -> u64 {
    let font = [".ttf", ".otf", ".ttc", ".woff"]
        .iter()
        .any(|ext| rel.to_ascii_lowercase().ends_with(ext));
    if font { 32 << 20 } else { 2 << 20 }
}

/// Where a template's files come from.
#[derive(Clone)]
pub enum Root {
    Embedded(&'static include_dir::Dir<'static>),
    Folder(PathBuf),
}

impl Root {
    /// Reads a file of the template; paths may not leave the template folder.
    pub fn read(&self, rel: &str) -> Result<Vec<u8>, TemplateError> {
        let outside = || TemplateError::OutsideFolder {
            path: rel.to_string(),
            span: None,
        };
        let rel_path = Path::new(rel);
        if rel_path
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
        {
            return Err(outside());
        }
        match self {
            Root::Embedded(dir) => dir
                .get_file(dir.path().join(rel_path))
                .map(|f| f.contents().to_vec())
                .ok_or_else(|| TemplateError::Io {
                    path: self.display(rel),
                    reason: "no such file in the embedded template".into(),
                }),
            Root::Folder(root) => {
                let path = root.join(rel_path);
                let io = |e: std::io::Error| TemplateError::Io {
                    path: display_name(&path),
                    reason: crate::spec::io_reason(&e),
                };
                // A symbolic link may not lead out of the folder either.
                let real = std::fs::canonicalize(&path).map_err(io)?;
                let real_root = std::fs::canonicalize(root).map_err(io)?;
                if !real.starts_with(&real_root) {
                    return Err(outside());
                }
                crate::files::read(&real, limit_for(rel)).map_err(|e| {
                    let path = display_name(&path);
                    let reason = e.reason();
                    if e.is_content() {
                        TemplateError::Font { path, reason }
                    } else {
                        TemplateError::Io { path, reason }
                    }
                })
            }
        }
    }

    pub fn read_text(&self, rel: &str) -> Result<String, TemplateError> {
        String::from_utf8(self.read(rel)?).map_err(|_| TemplateError::Io {
            path: self.display(rel),
            reason: "not valid UTF-8".into(),
        })
    }

    /// Whether the template has an entry (of any kind) at this path.
    pub fn has(&self, rel: &str) -> bool {
        match self {
            Root::Embedded(dir) => dir.get_file(dir.path().join(rel)).is_some(),
            Root::Folder(root) => std::fs::symlink_metadata(root.join(rel)).is_ok(),
        }
    }

    /// The name diagnostics show for a template file.
    pub fn display(&self, rel: &str) -> String {
        match self {
            Root::Embedded(dir) => format!("templates/{}/{rel}", dir.path().display()),
            Root::Folder(root) => display_name(&root.join(rel)),
        }
    }

    /// Font bytes: embedded fonts are shared, never copied.
    pub fn font(&self, rel: &str) -> Result<FontBytes, TemplateError> {
        if let Root::Embedded(dir) = self
            && let Some(file) = dir.get_file(dir.path().join(rel))
        {
            return Ok(Arc::new(file.contents()));
        }
        Ok(Arc::new(self.read(rel)?))
    }
}
