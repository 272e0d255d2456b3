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
            pages: layout.page_count(),
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
    let (section, marginals) = section_of(doc, &map, 1, 0, pages);
    let sections = [section];
    let parts = package::Parts {
        document: match edition {
            Some(e) => body::document_xml_bilingual(e, &map, &numbering, &sections),
            None => body::document_xml(doc, &map, &numbering, &sections),
        },
        styles: styles::styles_xml(doc, &map, &numbering),
        numbering: numbering.xml,
        logo: doc
            .logo
            .as_ref()
            .filter(|_| marginals.iter().any(|m| m.logo)),
        marginals,
        when: Timestamp::for_document(opts.source_date_epoch, doc.meta.date),
        fonts: fonts::plan(doc)?.embedded,
        pages,
        words: words(doc),
    };
    package::zip(doc, parts)
}

/// Section `n`, starting at block `start`, with the header and footer of `part` (the
/// document its blocks come from).
fn section_of(
    part: &Document,
    map: &styles::StyleMap,
    n: usize,
    start: usize,
    pages: usize,
) -> (body::Section, Vec<package::MarginalPart>) {
    let header_logo = part.header.logo && part.logo.is_some();
    let footer_logo = part.footer.logo && part.logo.is_some();
    let header = !part.header.is_empty() || header_logo;
    let footer = !part.footer.is_empty() || footer_logo;
    let mut marginals = Vec::new();
    if header {
        marginals.push(package::MarginalPart {
            footer: false,
            n,
            xml: marginals::marginal_xml(part, map, &part.header, "w:hdr", true, pages),
            logo: header_logo,
        });
    }
    if footer {
        marginals.push(package::MarginalPart {
            footer: true,
            n,
            xml: marginals::marginal_xml(part, map, &part.footer, "w:ftr", false, pages),
            logo: footer_logo,
        });
    }
    (
        body::Section {
            start,
            n,
            header,
            footer,
            line_numbers: part.line_numbers,
        },
        marginals,
    )
}

/// A session's bundle as one DOCX: the cover, then each motion in a section of its own,
/// with its own header and footer; page numbers run on through the sections and the
/// agenda's numbers are motion's pagination. `whole` holds every block in order (the
/// cover's, then each motion's) and the styles; `parts` says where each starts.
pub fn write_bundle(
    whole: &Document,
    parts: &[(&Document, usize)],
    pages: usize,
    opts: &DocxOptions,
) -> Result<Vec<u8>, DocxError> {
    let pages = pages.max(1);
    let map = styles::StyleMap::new(whole);
    let numbering = numbering::numbering(whole, &map);
    let mut sections = Vec::new();
    let mut marginals = Vec::new();
    for (n, (part, start)) in parts.iter().enumerate() {
        let (section, mut m) = section_of(part, &map, n + 1, *start, pages);
        sections.push(section);
        marginals.append(&mut m);
    }
    let logo = parts
        .iter()
        .find_map(|(p, _)| p.logo.as_ref())
        .filter(|_| marginals.iter().any(|m| m.logo));
    let package_parts = package::Parts {
        document: body::document_xml(whole, &map, &numbering, &sections),
        styles: styles::styles_xml(whole, &map, &numbering),
        numbering: numbering.xml,
        logo,
        marginals,
        when: Timestamp::for_document(opts.source_date_epoch, whole.meta.date),
        fonts: fonts::plan(whole)?.embedded,
        pages,
        words: words(whole),
    };
    package::zip(whole, package_parts)
}

/// Warnings about the DOCX of a document (a face that cannot be embedded).
pub fn warnings(doc: &Document) -> Vec<String> {
    fonts::warnings(doc)
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
