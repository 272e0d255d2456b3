//! Source files read during one run, and byte spans into them for diagnostics.

use std::ops::Range;
use std::path::{Component, Path, PathBuf};

/// Index of a file in [`Sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

impl FileId {
    /// The id of the `i`-th file: ids are indices, and a run reads far fewer than 2³² files.
    pub fn nth(i: usize) -> FileId {
        FileId(u32::try_from(i).unwrap_or(u32::MAX))
    }
}

/// A byte range inside one source file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub file: FileId,
    pub range: Range<usize>,
}

impl Span {
    pub fn new(file: FileId, range: Range<usize>) -> Self {
        Span { file, range }
    }
}

/// One file's text and the name diagnostics show for it.
#[derive(Debug)]
pub struct SourceFile {
    /// Path used to read the file.
    pub path: PathBuf,
    /// Name shown in diagnostics: the path as the user wrote it, normalised.
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, col + 1)
    }
}

/// Every file read for one spec (the spec, its `extends` chain, template files).
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers a file's text and returns its id.
    pub fn add(&mut self, path: &Path, text: String) -> FileId {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let id = FileId::nth(self.files.len());
        self.files.push(SourceFile {
            path: path.to_path_buf(),
            name: display_name(path),
            text,
            line_starts,
        });
        id
    }

    /// How many files were read.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Every file read, in the order read.
    pub fn files(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter()
    }

    /// The file read from `path`, if it was.
    pub fn by_path(&self, path: &std::path::Path) -> Option<&SourceFile> {
        self.files.iter().find(|f| f.path == path)
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn text(&self, span: &Span) -> &str {
        let text = &self.get(span.file).text;
        text.get(span.range.clone()).unwrap_or("")
    }

    /// Where a character is written inside one of `spans` (a block's spec texts), as is or as
    /// a TOML escape (`\u2713`, `\U00002713`): the place a problem found after the text left
    /// the spec (a glyph the font lacks) is reported at.
    pub fn find_char_in(&self, spans: &[Span], ch: char) -> Option<Span> {
        let forms = char_forms(ch);
        spans.iter().find_map(|span| {
            let text = self.text(span);
            forms.iter().find_map(|form| {
                text.find(form.as_str()).map(|at| {
                    let start = span.range.start + at;
                    Span::new(span.file, start..start + form.len())
                })
            })
        })
    }

    /// The first place a character is written in any file outside TOML comments: for text
    /// that reached the document from elsewhere than the spec (a template's labels).
    pub fn find_char(&self, ch: char) -> Option<Span> {
        let forms = char_forms(ch);
        self.files.iter().enumerate().find_map(|(i, f)| {
            forms.iter().find_map(|form| {
                f.text
                    .match_indices(form.as_str())
                    .find(|(at, _)| !in_toml_comment(&f.text, *at))
                    .map(|(at, _)| Span::new(FileId::nth(i), at..at + form.len()))
            })
        })
    }

    /// `file:line:column` of the start of a span.
    pub fn location(&self, span: &Span) -> String {
        let file = self.get(span.file);
        let (line, col) = file.line_col(span.range.start);
        format!("{}:{}:{}", file.name, line, col)
    }
}

/// A character as written in TOML: itself, or an escape in either case.
fn char_forms(ch: char) -> [String; 5] {
    let code = ch as u32;
    [
        ch.to_string(),
        format!("\\u{code:04X}"),
        format!("\\u{code:04x}"),
        format!("\\U{code:08X}"),
        format!("\\U{code:08x}"),
    ]
}

/// Whether byte `at` of a TOML text is inside a comment: a `#` before it on its line, outside
/// any quoted string.
fn in_toml_comment(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in text[line_start..at].chars() {
        match (quote, c) {
            (Some('"'), '\\') if !escaped => {
                escaped = true;
                continue;
            }
            (Some(q), c) if c == q && !escaped => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') => return true,
            _ => {}
        }
        escaped = false;
    }
    false
}

/// Lexically normalised path for display: `motions/../motions/a.toml` → `motions/a.toml`.
pub fn display_name(path: &Path) -> String {
    normalize(path).to_string_lossy().replace('\\', "/")
}

/// Removes `.` and resolves `..` against preceding normal components, without touching the disk.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out: Vec<Component> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(component),
            },
            other => out.push(other),
        }
    }
    if out.is_empty() {
        return PathBuf::from(".");
    }
    out.iter().collect()
}

impl<'a> codespan_reporting::files::Files<'a> for Sources {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.get(id).name)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.get(id).text)
    }

    fn line_index(
        &'a self,
        id: FileId,
        byte_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        let starts = &self.get(id).line_starts;
        Ok(starts.partition_point(|&start| start <= byte_index) - 1)
    }

    fn line_range(
        &'a self,
        id: FileId,
        line_index: usize,
    ) -> Result<Range<usize>, codespan_reporting::files::Error> {
        let file = self.get(id);
        let starts = &file.line_starts;
        let start =
            *starts
                .get(line_index)
                .ok_or(codespan_reporting::files::Error::LineTooLarge {
                    given: line_index,
                    max: starts.len() - 1,
                })?;
        let end = starts
            .get(line_index + 1)
            .copied()
            .unwrap_or(file.text.len());
        Ok(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let mut sources = Sources::new();
        let id = sources.add(Path::new("a.toml"), "é = 1\nxy = 2\n".into());
        assert_eq!(sources.get(id).line_col(0), (1, 1));
        assert_eq!(sources.get(id).line_col(3), (1, 3));
        assert_eq!(sources.get(id).line_col(7), (2, 1));
    }

    #[test]
    fn normalize_resolves_parent_components() {
        assert_eq!(
            display_name(Path::new("motions/../examples/./a.toml")),
            "examples/a.toml"
        );
        assert_eq!(display_name(Path::new("../a.toml")), "../a.toml");
    }
}
