//! DOCX backend: the same document model as the PDF, as WordprocessingML that clerks keep
//! editing in Word and LibreOffice: named styles, real numbering, page fields, language tags,
//! document properties; a deterministic package (fixed entry order and times).
//!
//! Written with quick-xml and zip rather than docx-rs: docx-rs 0.4 cannot set `w:lang`,
//! core properties (title, author), `w:lnNumType` or hyphenation, writes a fixed
//! Japanese-oriented compatibility block, numbers paragraphs from a thread-local counter and
//! stores parts uncompressed; closing those gaps meant rewriting most of its parts.

mod body;
mod marginals;
mod numbering;
mod package;
mod styles;
mod xml;

use crate::document::{BlockKind, Document};
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
    let lang = doc.meta.lang.bcp47();
    let numbering = numbering::numbering(doc);
    // Heading styles carry an outline level, for Word's navigation pane.
    let levels: Vec<(String, u8)> = doc
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Heading { level, style, .. } => {
                Some((style.clone(), level.saturating_sub(1)))
            }
            _ => None,
        })
        .collect();
    let outline = |key: &str| levels.iter().find(|(s, _)| s == key).map(|(_, l)| *l);
    let lists: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::List { style, .. } => Some(style.as_str()),
            _ => None,
        })
        .collect();
    let header_logo = doc.header.logo && doc.logo.is_some();
    let footer_logo = doc.footer.logo && doc.logo.is_some();
    let header = !doc.header.is_empty() || header_logo;
    let footer = !doc.footer.is_empty() || footer_logo;
    let parts = package::Parts {
        document: body::document_xml(doc, &numbering, header, footer),
        styles: styles::styles_xml(&doc.theme, lang, &outline, &lists),
        numbering: numbering.xml,
        header: header.then(|| marginals::marginal_xml(doc, &doc.header, "w:hdr", true)),
        footer: footer.then(|| marginals::marginal_xml(doc, &doc.footer, "w:ftr", false)),
        logo: doc.logo.as_ref().filter(|_| header_logo || footer_logo),
        header_logo,
        footer_logo,
        when: Timestamp::for_document(opts.source_date_epoch, doc.meta.date),
    };
    package::zip(doc, parts)
}
