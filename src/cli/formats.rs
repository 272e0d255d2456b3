//! Output formats of `motion render`: each a backend call over a finished document.

use crate::diagnostics::Diagnostic;
use crate::document::Document;
use crate::docx::{DocxError, DocxOptions};
use crate::layout::LayoutError;
use crate::pdf::{PdfError, PdfOptions};
use crate::source::Sources;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Format {
    Pdf,
    Docx,
    Html,
    Txt,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Txt => "txt",
            Format::Html => "html",
        }
    }

    pub fn write(self, doc: &Document, backends: &Backends) -> Result<Vec<u8>, BackendError> {
        match self {
            Format::Pdf => crate::pdf::write(doc, &backends.pdf).map_err(BackendError::Pdf),
            Format::Docx => crate::docx::write(doc, &backends.docx).map_err(BackendError::Docx),
            Format::Txt => Ok(crate::text::write(doc).into_bytes()),
            Format::Html => Ok(crate::html::write(doc).into_bytes()),
        }
    }
}

/// Options of every backend, read once per run.
#[derive(Debug, Clone, Default)]
pub struct Backends {
    pub pdf: PdfOptions,
    pub docx: DocxOptions,
}

#[derive(Debug)]
pub enum BackendError {
    Pdf(PdfError),
    Docx(DocxError),
}

impl BackendError {
    /// The diagnostic, pointing at the spec where the problem can be traced back to it.
    pub fn diagnostic(&self, sources: &Sources) -> Diagnostic {
        match self {
            BackendError::Pdf(PdfError::Layout(e @ LayoutError::MissingGlyph { ch, context })) => {
                let d = Diagnostic::error(e.to_string())
                    .with_help("use another character, or a template whose fonts have it (theme.toml, [fonts])");
                match sources.find_char(*ch) {
                    Some(span) => d.with_label(span, "not in the font"),
                    None => d.with_note(format!("it occurs in « {} »", context.trim())),
                }
            }
            BackendError::Pdf(e) => Diagnostic::error(e.to_string()),
            BackendError::Docx(e) => Diagnostic::error(e.to_string()),
        }
    }
}
