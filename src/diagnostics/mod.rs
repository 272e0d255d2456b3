//! One place that turns errors and warnings with spans into rustc-style messages.

use std::io::{IsTerminal, Write};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label as CsLabel};
use codespan_reporting::term::{self, Chars, Config};

use crate::source::{Sources, Span};
use shown::Shown;

mod json;
mod shown;

pub use json::{MessageFormat, is_json, set_format};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// A message about the input, optionally pointing at spans in source files.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable rule id for lint warnings (`fr-nbsp-before-colon`).
    pub code: Option<String>,
    pub message: String,
    pub labels: Vec<Label>,
    /// `help: …` and `note: …` lines shown under the snippet.
    pub notes: Vec<String>,
    /// What the primary span should become, for editors and `--message-format json`.
    pub fix: Option<Box<Fix>>,
}

/// A suggested replacement of the primary span.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    pub replacement: String,
    /// `motion fmt` applies it unasked (cargo's « machine-applicable »), else it is a guess.
    pub safe: bool,
}

/// A span with the text printed beside its caret.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub span: Span,
    pub message: String,
    pub primary: bool,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code: None,
            message: message.into(),
            labels: Vec::new(),
            notes: Vec::new(),
            fix: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    /// Points at the offending span, with a short text beside the caret.
    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
            primary: true,
        });
        self
    }

    /// Points at a related span (for instance the first definition of a duplicate).
    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
            primary: false,
        });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.notes.push(format!("help: {}", help.into()));
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(format!("note: {}", note.into()));
        self
    }

    pub fn with_fix(mut self, replacement: impl Into<String>, safe: bool) -> Self {
        self.fix = Some(Box::new(Fix {
            replacement: replacement.into(),
            safe,
        }));
        self
    }

    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The primary span, if any.
    pub fn span(&self) -> Option<&Span> {
        self.labels.iter().find(|l| l.primary).map(|l| &l.span)
    }

    fn to_codespan(&self) -> CsDiagnostic<crate::source::FileId> {
        let base = match self.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
        };
        let labels = self
            .labels
            .iter()
            .map(|label| {
                let make = if label.primary {
                    CsLabel::primary
                } else {
                    CsLabel::secondary
                };
                make(label.span.file, label.span.range.clone()).with_message(&label.message)
            })
            .collect();
        let mut diagnostic = base
            .with_message(&self.message)
            .with_labels(labels)
            .with_notes(self.notes.clone());
        if let Some(code) = &self.code {
            diagnostic = diagnostic.with_code(code);
        }
        diagnostic
    }
}

/// Whether diagnostics are coloured: only on a terminal, never with `NO_COLOR`.
pub fn use_colour(stream_is_terminal: bool) -> bool {
    stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn config() -> Config {
    Config {
        chars: Chars::ascii(),
        ..Config::default()
    }
}

/// Renders diagnostics as plain text (no colour), as they appear in a pipe.
pub fn render_plain(sources: &Sources, diagnostics: &[Diagnostic]) -> String {
    render(sources, diagnostics, false)
}

/// Renders diagnostics, with ANSI colours when `colour` is set.
pub fn render(sources: &Sources, diagnostics: &[Diagnostic], colour: bool) -> String {
    if is_json() {
        return json::lines(sources, diagnostics);
    }
    let mut shown_sources = Shown::new(sources);
    let diagnostics: Vec<Diagnostic> = diagnostics
        .iter()
        .map(|d| shown_sources.prepare(d))
        .collect();
    let sources = &shown_sources;
    if colour {
        use codespan_reporting::term::termcolor::Buffer;
        let mut buffer = Buffer::ansi();
        let styles = term::Styles::default();
        {
            let mut writer = term::StylesWriter::new(&mut buffer, &styles);
            for diagnostic in diagnostics {
                let _ = term::emit_to_write_style(
                    &mut writer,
                    &config(),
                    sources,
                    &diagnostic.to_codespan(),
                );
            }
        }
        return String::from_utf8_lossy(buffer.as_slice()).into_owned();
    }
    let mut out = String::new();
    for diagnostic in diagnostics {
        // Spans always come from `sources`, so emitting cannot fail; fall back to the message.
        if term::emit_to_string(&mut out, &config(), sources, &diagnostic.to_codespan()).is_err() {
            out.push_str(&format!("error: {}\n\n", diagnostic.message));
        }
    }
    out
}

/// Whether diagnostics on stderr are coloured.
pub fn stderr_colour() -> bool {
    use_colour(std::io::stderr().is_terminal())
}

/// Prints diagnostics to stderr, coloured when stderr is a terminal.
pub fn emit(sources: &Sources, diagnostics: &[Diagnostic]) {
    let text = render(sources, diagnostics, stderr_colour());
    write_messages(&text);
}

/// Writes rendered diagnostics where they go: stderr, or stdout as JSON lines (as cargo's
/// `--message-format json`), human summaries staying on stderr.
pub fn write_messages(text: &str) {
    let _ = if is_json() {
        std::io::stdout().lock().write_all(text.as_bytes())
    } else {
        std::io::stderr().lock().write_all(text.as_bytes())
    };
}

/// Closest candidate to a misspelt name, if one is close enough to be a plausible typo.
pub fn did_you_mean<'a>(
    given: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(given, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let keys = ["considerants", "council", "demands"];
        assert_eq!(did_you_mean("considerant", keys), Some("considerants"));
        assert_eq!(did_you_mean("demand", keys), Some("demands"));
        assert_eq!(did_you_mean("xyz", keys), None);
    }
}
