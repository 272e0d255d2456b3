//! What can go wrong in a template, pointed at the template file, line and column.

use crate::diagnostics::Diagnostic;
use crate::source::Span;

#[derive(Debug, Clone, thiserror::Error)]
pub enum TemplateError {
    #[error("cannot read `{path}`: {reason}")]
    Io { path: String, reason: String },
    #[error("`{path}` is not a template folder: it has no `template.toml`")]
    NotATemplate { path: String },
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
    Logo { path: String, reason: String },
}

impl TemplateError {
    pub fn is_io(&self) -> bool {
        matches!(self, TemplateError::Io { .. })
    }

    pub fn diagnostic(&self) -> Diagnostic {
        let d = Diagnostic::error(self.to_string());
        match self {
            TemplateError::Io { .. } | TemplateError::Font { .. } => d,
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
            TemplateError::Logo { .. } => d.with_help("use a PNG or JPEG image"),
        }
    }
}
