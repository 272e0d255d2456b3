//! DOCX backend: the same document model as the PDF, as WordprocessingML that clerks keep
//! editing in Word and LibreOffice: named styles, real numbering, page fields, language tags,
//! document properties; a deterministic package (fixed entry order and times).
//!
//! Written with quick-xml and zip rather than docx-rs: docx-rs 0.4 cannot set `w:lang`,
//! core properties (title, author), `w:lnNumType` or hyphenation, writes a fixed
//! Japanese-oriented compatibility block, numbers paragraphs from a thread-local counter and
//! stores parts uncompressed; closing those gaps meant rewriting most of its parts.

mod body;
pub mod custom_xml;
pub mod fonts;
mod marginals;
mod numbering;
mod package;
mod runs;
mod signatures;
mod styles;
mod xml;

use crate::document::{Document, plain_text};
use crate::timestamp::Timestamp;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const HEADER_RID: &str = "rIdHeader1";
const FOOTER_RID: &str = "rIdFooter1";
const LOGO_RID: &str = "rIdLogo1";

/// Options of the DOCX backend.
#[derive(Debug, Clone, Default)]
pub struct DocxOptions {
    /// `SOURCE_DATE_EPOCH`, if set: the created/modified date; else the motion's date.
    pub source_date_epoch: Option<i64>,
    /// What motion's own layout found, when already known (the PDF was laid out); else the
    /// DOCX lays the document out itself.
    pub layout: Option<LayoutSummary>,
}

/// What the DOCX takes from motion's own layout.
#[derive(Debug, Clone, Default)]
pub struct LayoutSummary {
    /// Pages, for `NUMPAGES`' cached result and `app.xml`.
    pub pages: usize,
}

impl LayoutSummary {
    pub fn of(layout: &crate::layout::Layout) -> LayoutSummary {
        LayoutSummary {
            pages: layout.pages.len(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("cannot write the DOCX package: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("cannot write the DOCX package: {0}")]
    Io(#[from] std::io::Error),
}

/// Writes a document as a DOCX package.
pub fn write(doc: &Document, opts: &DocxOptions) -> Result<Vec<u8>, DocxError> {
    write_with(doc, None, opts)
}

/// A bilingual edition as a DOCX: the two languages in a two-column table, a row per
/// clause, each column numbered on its own.
pub fn write_bilingual(
    edition: &crate::document::bilingual::Edition,
    opts: &DocxOptions,
) -> Result<Vec<u8>, DocxError> {
    write_with(&edition.doc, Some(edition), opts)
}

fn write_with(
    doc: &Document,
    edition: Option<&crate::document::bilingual::Edition>,
    opts: &DocxOptions,
) -> Result<Vec<u8>, DocxError> {
    let summary = match &opts.layout {
        Some(summary) => summary.clone(),
        None => crate::layout::layout(doc)
            .map(|l| LayoutSummary::of(&l))
            .unwrap_or_default(),
    };
    let pages = summary.pages.max(1);
    let map = styles::StyleMap::new(doc);
    let numbering = match edition {
        // Each column's demands are one list, wherever the rows split them.
        Some(e) => {
            let left = e
                .rows
                .iter()
                .flat_map(|r| r.left.iter())
                .copied()
                .collect::<Vec<_>>();
            let group = |index: usize| {
                matches!(doc.blocks[index].role, crate::document::Role::Demands)
                    .then(|| usize::from(!left.contains(&index)))
            };
            numbering::numbering_grouped(doc, &map, &group)
        }
        None => numbering::numbering(doc, &map),
    };
    let header_logo = doc.header.logo && doc.logo.is_some();
    let footer_logo = doc.footer.logo && doc.logo.is_some();
    let header = !doc.header.is_empty() || header_logo;
    let footer = !doc.footer.is_empty() || footer_logo;
    let parts = package::Parts {
        document: match edition {
            Some(e) => body::document_xml_bilingual(e, &map, &numbering, header, footer),
            None => body::document_xml(doc, &map, &numbering, header, footer),
        },
        styles: styles::styles_xml(doc, &map, &numbering),
        numbering: numbering.xml,
        header: header
            .then(|| marginals::marginal_xml(doc, &map, &doc.header, "w:hdr", true, pages)),
        footer: footer
            .then(|| marginals::marginal_xml(doc, &map, &doc.footer, "w:ftr", false, pages)),
        logo: doc.logo.as_ref().filter(|_| header_logo || footer_logo),
        header_logo,
        footer_logo,
        when: Timestamp::for_document(opts.source_date_epoch, doc.meta.date),
        fonts: fonts::plan(doc).embedded,
        pages,
        words: words(doc),
    };
    package::zip(doc, parts)
}

/// Warnings about the DOCX of a document (a face that cannot be embedded).
pub fn warnings(doc: &Document) -> Vec<String> {
    fonts::plan(doc).warnings
}

/// Words of the document's text, as Word counts them (runs of non-space characters).
fn words(doc: &Document) -> usize {
    doc.blocks
        .iter()
        .map(|b| b.text().split_whitespace().count())
        .sum::<usize>()
        + [&doc.header, &doc.footer]
            .iter()
            .flat_map(|m| [&m.left, &m.center, &m.right])
            .map(|s| plain_text(s).split_whitespace().count())
            .sum::<usize>()
}
