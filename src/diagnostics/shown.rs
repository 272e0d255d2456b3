//! The sources and diagnostics as a terminal may show them: no control character reaches it,
//! files that are not specs are located but never quoted, and a very long line is cut to the
//! part around its label.

use std::borrow::Cow;
use std::ops::Range;

use codespan_reporting::files::{Error, Files};

use super::{Diagnostic, Label};
use crate::source::{FileId, Sources, Span};

/// A labelled line longer than this many characters is shown as an excerpt.
const LONG_LINE: usize = 160;
/// Characters kept before a label's start in an excerpt, and in all.
const BEFORE: usize = 40;
const WIDTH: usize = 120;

/// Whether a character would act on a terminal or reorder what it shows (controls, bidi
/// overrides): never printed raw in a diagnostic.
fn unsafe_on_terminal(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{61c}' | '\u{feff}')
}

/// A message with such characters written as escapes (`\u{1b}`).
fn escape(text: &str) -> String {
    if !text.chars().any(unsafe_on_terminal) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if unsafe_on_terminal(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Files whose text a diagnostic may quote: motion's own formats. Anything else named by a
/// spec (`extends = "/etc/passwd"`) is located, never echoed.
fn quotable(name: &str) -> bool {
    name.ends_with(".toml") || name.ends_with(".j2") || name.starts_with('(')
}

/// Part of one long line, shown as a file of its own that reports the real line and columns.
struct Excerpt {
    file: FileId,
    /// The line's index in the real file.
    line: usize,
    text: String,
    /// Where `text` (after its leading ellipsis) starts in the real file.
    start: usize,
    /// The byte length of the leading ellipsis (0 when the excerpt starts the line).
    lead: usize,
}

/// The sources as diagnostics show them: control characters replaced by `?` of the same byte
/// length, so every span stays valid; excerpts of long lines after the real files.
pub struct Shown<'a> {
    sources: &'a Sources,
    texts: Vec<Cow<'a, str>>,
    excerpts: Vec<Excerpt>,
}

impl<'a> Shown<'a> {
    pub fn new(sources: &'a Sources) -> Shown<'a> {
        let texts = (0..sources.len())
            .map(|i| {
                let text = sources.get(FileId::nth(i)).text.as_str();
                if text.chars().any(unsafe_on_terminal) {
                    Cow::Owned(
                        text.chars()
                            .map(|c| {
                                if unsafe_on_terminal(c) && c != '\r' {
                                    "?".repeat(c.len_utf8())
                                } else {
                                    c.to_string()
                                }
                            })
                            .collect(),
                    )
                } else {
                    Cow::Borrowed(text)
                }
            })
            .collect();
        Shown {
            sources,
            texts,
            excerpts: Vec::new(),
        }
    }

    /// A diagnostic as shown: messages escaped, labels in files that may not be quoted turned
    /// into a « at file:line:column » note, labels on long lines moved to an excerpt.
    pub fn prepare(&mut self, diagnostic: &Diagnostic) -> Diagnostic {
        let mut out = Diagnostic {
            message: escape(&diagnostic.message),
            labels: Vec::new(),
            notes: Vec::new(),
            ..diagnostic.clone()
        };
        for label in &diagnostic.labels {
            if label.span.file.0 as usize >= self.sources.len() {
                continue;
            }
            if !quotable(&self.sources.get(label.span.file).name) {
                out.notes.push(format!(
                    "at {} (not a spec: its content is not shown)",
                    self.sources.location(&label.span)
                ));
                continue;
            }
            out.labels.push(Label {
                message: escape(&label.message),
                span: self
                    .excerpt(&label.span)
                    .unwrap_or_else(|| label.span.clone()),
                ..label.clone()
            });
        }
        out.notes.extend(diagnostic.notes.iter().map(|n| escape(n)));
        out
    }

    /// The span in a new excerpt when it starts on a line too long to show whole.
    fn excerpt(&mut self, span: &Span) -> Option<Span> {
        let index = span.file.0 as usize;
        let text: &str = &self.texts[index];
        let line = self.sources.line_index(span.file, span.range.start).ok()?;
        let range = self.sources.line_range(span.file, line).ok()?;
        let line_text = text.get(range.clone())?;
        if line_text.chars().count() <= LONG_LINE {
            return None;
        }
        // Character boundaries, as byte offsets in the file, of the part kept.
        let at = span.range.start.clamp(range.start, range.end);
        let before: Vec<usize> = text[range.start..at]
            .char_indices()
            .map(|(i, _)| range.start + i)
            .collect();
        let start = before
            .len()
            .checked_sub(BEFORE)
            .map_or(range.start, |i| before[i]);
        let end = text[start..range.end]
            .char_indices()
            .nth(WIDTH)
            .map_or(range.end, |(i, _)| start + i);
        let lead = if start > range.start { "…" } else { "" };
        let tail = if end < range.end.min(text.len()) && !text[end..range.end].trim().is_empty() {
            "…"
        } else {
            ""
        };
        let excerpt = Excerpt {
            file: span.file,
            line,
            text: format!("{lead}{}{tail}", &text[start..end]),
            start,
            lead: lead.len(),
        };
        let map = |offset: usize| offset.clamp(start, end) - start + excerpt.lead;
        let range = map(span.range.start)..map(span.range.end.max(span.range.start));
        let id = FileId::nth(self.texts.len() + self.excerpts.len());
        self.excerpts.push(excerpt);
        Some(Span { file: id, range })
    }

    fn excerpt_of(&self, id: FileId) -> Option<&Excerpt> {
        (id.0 as usize)
            .checked_sub(self.texts.len())
            .and_then(|i| self.excerpts.get(i))
    }
}

impl<'a> Files<'a> for Shown<'a> {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, Error> {
        let real = self.excerpt_of(id).map_or(id, |e| e.file);
        Ok(&self.sources.get(real).name)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, Error> {
        match self.excerpt_of(id) {
            Some(excerpt) => Ok(&excerpt.text),
            None => self
                .texts
                .get(id.0 as usize)
                .map(|t| &**t)
                .ok_or(Error::FileMissing),
        }
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, Error> {
        match self.excerpt_of(id) {
            Some(_) => Ok(0),
            None => self.sources.line_index(id, byte_index),
        }
    }

    fn line_number(&'a self, id: FileId, line_index: usize) -> Result<usize, Error> {
        Ok(self.excerpt_of(id).map_or(line_index, |e| e.line) + 1)
    }

    fn column_number(
        &'a self,
        id: FileId,
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        match self.excerpt_of(id) {
            Some(e) => {
                let real = (byte_index.saturating_sub(e.lead) + e.start).max(e.start);
                Ok(self.sources.get(e.file).line_col(real).1)
            }
            None => {
                let source = self.source(id)?;
                let range = self.line_range(id, line_index)?;
                Ok(codespan_reporting::files::column_index(source, range, byte_index) + 1)
            }
        }
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, Error> {
        match self.excerpt_of(id) {
            Some(e) => Ok(0..e.text.len()),
            None => self.sources.line_range(id, line_index),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn a_long_line_is_cut_around_its_label_with_the_real_column() {
        let mut sources = Sources::new();
        let line = format!("short = \"{}\"\n", "Conseil ".repeat(100));
        let id = sources.add(Path::new("a.toml"), format!("name = \"x\"\n{line}"));
        let at = 11 + 9 + 8 * 50;
        let diagnostic = Diagnostic::error("too long").with_label(
            Span {
                file: id,
                range: at..at + 7,
            },
            "here",
        );
        let text = super::super::render_plain(&sources, &[diagnostic]);
        assert!(text.contains("a.toml:2:410"), "{text}");
        let snippet = text.lines().find(|l| l.starts_with("2 |")).unwrap();
        assert!(snippet.starts_with("2 | …"), "{snippet}");
        assert!(snippet.ends_with('…'), "{snippet}");
        assert!(snippet.chars().count() < 140, "{snippet}");
        let caret = text.lines().find(|l| l.contains("^^^^^^^ here")).unwrap();
        // The caret sits under the label's text in the excerpt.
        let column = caret.find('^').unwrap();
        assert_eq!(
            &snippet[snippet.char_indices().nth(column).unwrap().0..][..7],
            "Conseil"
        );
    }
}
