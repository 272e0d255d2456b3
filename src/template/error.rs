//! What can go wrong in a template, pointed at the template file, line and column.

use std::path::Path;

use super::Template;
use super::sandbox::Root;
use crate::diagnostics::Diagnostic;
use crate::document;
use crate::source::{Sources, Span};

#[derive(Debug, Clone, thiserror::Error)]
pub enum TemplateError {
    #[error("cannot read `{path}`: {reason}")]
    Io { path: String, reason: String },
    #[error("`{path}` is not a template folder: it has no `template.toml`")]
    NotATemplate { path: String },
    #[error("cannot find the template folder `{path}`")]
    NoSuchFolder { path: String },
    #[error("no embedded template named `{name}`")]
    UnknownEmbedded { name: String, known: Vec<String> },
    #[error("`{path}` is outside the template folder")]
    OutsideFolder { path: String, span: Option<Span> },
    #[error("{message}")]
    Toml { message: String, span: Span },
    #[error("template `{template}` does not support `lang = \"{lang}\"`")]
    UnsupportedLang {
        template: String,
        lang: String,
        supported: Vec<String>,
    },
    #[error("{message}")]
    Render {
        message: String,
        span: Option<Span>,
        help: Option<String>,
    },
    #[error("{message}")]
    Markup { message: String, span: Span },
    #[error("cannot use the font `{path}`: {reason}")]
    Font { path: String, reason: String },
    #[error("cannot use the logo `{path}`: {reason}")]
    Logo {
        path: String,
        reason: String,
        span: Option<Span>,
    },
}

impl TemplateError {
    pub fn is_io(&self) -> bool {
        matches!(self, TemplateError::Io { .. })
    }

    pub fn diagnostic(&self) -> Diagnostic {
        let d = Diagnostic::error(self.to_string());
        match self {
            TemplateError::Io { .. } | TemplateError::Font { .. } => d,
            TemplateError::NoSuchFolder { .. } => {
                d.with_help("give the folder of a template made with `motion template fork DIR`")
            }
            TemplateError::NotATemplate { .. } => {
                d.with_help("`motion template fork DIR` writes a complete template to edit")
            }
            TemplateError::UnknownEmbedded { known, .. } => d.with_help(format!(
                "embedded templates: {}",
                crate::spec::quote_list(known)
            )),
            TemplateError::OutsideFolder { span, .. } => {
                let d = match span {
                    Some(s) => d.with_label(s.clone(), "outside the template"),
                    None => d,
                };
                d.with_help("a template reads only files inside its own folder")
            }
            TemplateError::Toml { span, .. } => d.with_label(span.clone(), "here"),
            TemplateError::UnsupportedLang { supported, .. } => d.with_help(format!(
                "it supports {}; add `labels/<lang>.toml` and the language to `template.toml`",
                crate::spec::quote_list(supported)
            )),
            TemplateError::Render { span, help, .. } => {
                let d = match span {
                    Some(s) => d.with_label(s.clone(), "here"),
                    None => d,
                };
                match help {
                    Some(h) => d.with_help(h.clone()),
                    None => d,
                }
            }
            TemplateError::Markup { span, .. } => d.with_label(span.clone(), "here"),
            TemplateError::Logo { span, .. } => {
                let d = match span {
                    Some(s) => d.with_label(s.clone(), "this logo"),
                    None => d,
                };
                d.with_help("use a PNG or JPEG image")
            }
        }
    }
}

/// A minijinja error in a template file, with its file, line and column.
pub(super) fn minijinja_error(
    e: &minijinja::Error,
    root: &Root,
    sources: &mut Sources,
) -> TemplateError {
    let help = match e.kind() {
        minijinja::ErrorKind::UndefinedError => Some(
            "templates see `motion`, `council`, `variant`, `labels` and `theme`; a label must exist in labels/<lang>.toml"
                .to_string(),
        ),
        minijinja::ErrorKind::UnknownFilter => Some(
            "filters: date, ordinal, vote, inline, markdown, clause, fill, and minijinja's own".to_string(),
        ),
        _ => None,
    };
    let span = e.name().map(|name| {
        let file = super::load::add_file(root, name, sources);
        let range = match (e.range(), e.line()) {
            (Some(r), _) => r,
            (None, Some(line)) => {
                let f = sources.get(file);
                let start: usize = f
                    .text
                    .split_inclusive('\n')
                    .take(line - 1)
                    .map(str::len)
                    .sum();
                let len = f.text[start.min(f.text.len())..].find('\n').unwrap_or(0);
                start..start + len
            }
            _ => 0..0,
        };
        Span::new(file, range)
    });
    TemplateError::Render {
        message: format!(
            "template error in `{}`: {}",
            root.display(e.name().unwrap_or("document.xml.j2")),
            super::env::message(e)
        ),
        span,
        help,
    }
}

/// A markup error, pointed at the template line that wrote it: the line holding the offending
/// element, else the template line that shares the longest start with the rendered line; the
/// rendered markup only when neither is found.
pub(super) fn markup_error(
    e: document::markup::MarkupError,
    markup: &str,
    template: &Template,
    sources: &mut Sources,
) -> TemplateError {
    let source = template
        .root
        .read_text("document.xml.j2")
        .unwrap_or_default();
    // The element itself when the template writes it once; else the template line that
    // wrote the rendered one (a `<logo/>` misused in the body is not the header's).
    let occurrences = |el: &str| source.matches(el).count();
    let by_element = e
        .element
        .as_ref()
        .filter(|el| occurrences(el) == 1)
        .and_then(|el| source.find(el.as_str()).map(|at| at..at + el.len()));
    let first_element = || {
        e.element
            .as_ref()
            .and_then(|el| source.find(el.as_str()).map(|at| at..at + el.len()))
    };
    let by_line = || {
        let start = markup[..e.range.start.min(markup.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let end = markup[start..]
            .find('\n')
            .map_or(markup.len(), |i| start + i);
        similar_line(&source, markup[start..end].trim())
    };
    let span = match by_element.or_else(by_line).or_else(first_element) {
        Some(range) => Span::new(
            super::load::add_file(&template.root, "document.xml.j2", sources),
            range,
        ),
        None => {
            let file = sources.add(Path::new("(rendered document.xml)"), markup.to_string());
            Span::new(file, e.range.start..e.range.end.min(e.range.start + 40))
        }
    };
    TemplateError::Markup {
        message: e.message,
        span,
    }
}

/// The template line (as a byte range, indentation left out) that starts most like `rendered`.
fn similar_line(source: &str, rendered: &str) -> Option<std::ops::Range<usize>> {
    let mut best: Option<(usize, std::ops::Range<usize>)> = None;
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let trimmed = line.trim();
        let indent = line.len() - line.trim_start().len();
        let common = trimmed
            .chars()
            .zip(rendered.chars())
            .take_while(|(a, b)| a == b)
            .count();
        if common >= 8 && best.as_ref().is_none_or(|(n, _)| common > *n) {
            let start = offset + indent;
            best = Some((common, start..start + trimmed.len()));
        }
        offset += line.len();
    }
    best.map(|(_, range)| range)
}
