//! Output formats of `motion render`: each a backend call over a finished document.

use crate::diagnostics::Diagnostic;
use crate::document::{BlockKind, Document};
use crate::docx::{DocxError, DocxOptions};
use crate::layout::{At, Layout, LayoutError};
use crate::pdf::{PdfError, PdfOptions};
use crate::source::{Sources, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Format {
    Pdf,
    Docx,
    Html,
    Txt,
    /// The document model as JSON (README, « The JSON document »).
    Json,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Txt => "txt",
            Format::Html => "html",
            Format::Json => "json",
        }
    }

    /// Whether the format needs motion's page layout (the PDF draws it, the DOCX counts its
    /// pages).
    pub fn needs_layout(self) -> bool {
        matches!(self, Format::Pdf | Format::Docx)
    }

    /// The bytes of the document in this format; `layout` is the document's, laid out once
    /// for the PDF and the DOCX, `sources` resolves spans for JSON.
    /// With `edition`, `doc` is its document and the DOCX sets the two columns as a table.
    pub fn write(
        self,
        doc: &Document,
        edition: Option<&crate::document::bilingual::Edition>,
        layout: Option<&Layout>,
        backends: &Backends,
        sources: &Sources,
    ) -> Result<Vec<u8>, BackendError> {
        match self {
            Format::Docx if edition.is_some() => {
                let opts = DocxOptions {
                    layout: layout.map(crate::docx::LayoutSummary::of),
                    ..backends.docx.clone()
                };
                crate::docx::write_bilingual(edition.expect("checked"), &opts)
                    .map_err(BackendError::Docx)
            }
            Format::Pdf => match layout {
                Some(layout) => crate::pdf::write_layout(doc, layout, &backends.pdf),
                None => crate::pdf::write(doc, &backends.pdf),
            }
            .map_err(BackendError::Pdf),
            Format::Docx => {
                let opts = DocxOptions {
                    layout: layout.map(crate::docx::LayoutSummary::of),
                    ..backends.docx.clone()
                };
                crate::docx::write(doc, &opts).map_err(BackendError::Docx)
            }
            Format::Txt => Ok(crate::text::write(doc).into_bytes()),
            Format::Html => Ok(crate::html::write(doc).into_bytes()),
            Format::Json => Ok(crate::json::write(doc, sources).into_bytes()),
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
    /// The diagnostic, pointing at the spec text where the problem occurs: the block's own
    /// source first (through `extends`), then any other file read.
    pub fn diagnostic(&self, sources: &Sources, doc: &Document) -> Diagnostic {
        match self {
            BackendError::Pdf(PdfError::Layout(
                e @ LayoutError::MissingGlyph { ch, context, at },
            )) => {
                let d = Diagnostic::error(e.to_string())
                    .with_help("use another character, or a template whose fonts have it (theme.toml, [fonts])");
                let spans = at.map(|at| source_of(doc, at)).unwrap_or_default();
                match sources
                    .find_char_in(spans, *ch)
                    .or_else(|| sources.find_char(*ch))
                {
                    Some(span) => d.with_label(span, "not in the font"),
                    None => d.with_note(format!("it occurs in « {} »", context.trim())),
                }
            }
            BackendError::Pdf(PdfError::Layout(
                e @ (LayoutError::TooTall { at, .. } | LayoutError::TooWide { at, .. }),
            )) => {
                let d = Diagnostic::error(e.to_string()).with_help(
                    "shorten this text, or give the page more room (theme.toml, [page] margins)",
                );
                match at.map(|at| source_of(doc, at)).and_then(|s| s.first()) {
                    Some(span) => d.with_label(span.clone(), "this text does not fit on a page"),
                    None => d,
                }
            }
            BackendError::Pdf(e) => Diagnostic::error(e.to_string()),
            BackendError::Docx(e) => Diagnostic::error(e.to_string()),
        }
    }
}

/// The spec texts a located part of the document was made from.
fn source_of(doc: &Document, at: At) -> &[Span] {
    let block = |i: usize| doc.blocks.get(i);
    match at {
        At::Block(i) => block(i).map_or(&[], |b| b.source.as_slice()),
        At::Item(i, j) => match block(i).map(|b| &b.kind) {
            Some(BlockKind::List { items, .. }) => match items.get(j) {
                Some(item) if !item.source.is_empty() => &item.source,
                _ => source_of(doc, At::Block(i)),
            },
            _ => &[],
        },
        At::Header => &doc.header.source,
        At::Footer => &doc.footer.source,
    }
}
