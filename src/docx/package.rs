//! The package around the parts: content types, relationships, document properties,
//! settings, font table, zipped with a fixed entry order and fixed entry times.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use super::custom_xml;
use super::fonts::Embedded;
use super::xml::{Xml, val};
use super::{DocxError, LOGO_RID, R_NS, W_NS};
use crate::document::{Document, ImageFormat, Logo};
use crate::timestamp::Timestamp;

/// The parts that depend on the document.
pub struct Parts<'d> {
    pub document: Vec<u8>,
    pub styles: Vec<u8>,
    pub numbering: Vec<u8>,
    /// Headers and footers: one of each per section.
    pub marginals: Vec<MarginalPart>,
    /// The logo, when a header or footer shows it.
    pub logo: Option<&'d Logo>,
    /// Created and modified date; none for an undated projet.
    pub when: Option<Timestamp>,
    /// The faces embedded (`word/fonts/fontN.odttf`).
    pub fonts: Vec<Embedded>,
    /// For `docProps/app.xml`: pages by motion's own pagination, words of the text.
    pub pages: usize,
    pub words: usize,
}

/// `word/header2.xml` or `word/footer1.xml`, and whether it shows the logo.
pub struct MarginalPart {
    pub footer: bool,
    /// From 1, the section's number.
    pub n: usize,
    pub xml: Vec<u8>,
    pub logo: bool,
}

impl MarginalPart {
    pub fn name(footer: bool, n: usize) -> String {
        format!("{}{n}.xml", if footer { "footer" } else { "header" })
    }

    /// The main document's relationship id of this part (`rIdHeader1`).
    pub fn rid(footer: bool, n: usize) -> String {
        format!("rId{}{n}", if footer { "Footer" } else { "Header" })
    }
}

pub(super) const REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
pub(super) const OFFICE_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Assembles the package.
pub fn zip(doc: &Document, parts: Parts) -> Result<Vec<u8>, DocxError> {
    let mut entries: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), content_types(doc, &parts)),
        ("_rels/.rels".into(), root_rels()),
        (
            "docProps/app.xml".into(),
            app(doc, parts.pages, parts.words),
        ),
        ("docProps/core.xml".into(), core(doc, parts.when)),
        ("word/document.xml".into(), parts.document),
        (
            "word/_rels/document.xml.rels".into(),
            document_rels(&parts.marginals, doc.meta.attachments.len()),
        ),
        ("word/styles.xml".into(), parts.styles),
        ("word/numbering.xml".into(), parts.numbering),
        ("word/settings.xml".into(), settings(doc)),
        (
            "word/fontTable.xml".into(),
            font_table(&doc.theme.font_family, &parts.fonts),
        ),
    ];
    if !parts.fonts.is_empty() {
        entries.push((
            "word/_rels/fontTable.xml.rels".into(),
            font_rels(parts.fonts.len()),
        ));
    }
    for m in parts.marginals {
        let name = MarginalPart::name(m.footer, m.n);
        if let (Some(logo), true) = (parts.logo, m.logo) {
            entries.push((format!("word/_rels/{name}.rels"), logo_rels(logo)));
        }
        entries.push((format!("word/{name}"), m.xml));
    }
    for (n, attachment) in doc.meta.attachments.iter().enumerate() {
        let n = n + 1;
        entries.push((
            format!("customXml/item{n}.xml"),
            custom_xml::item(attachment),
        ));
        entries.push((
            format!("customXml/itemProps{n}.xml"),
            custom_xml::props(attachment),
        ));
        entries.push((
            format!("customXml/_rels/item{n}.xml.rels"),
            custom_xml::item_rels(n),
        ));
    }
    if let Some(logo) = parts.logo {
        entries.push((
            format!("word/media/logo.{}", logo.format.extension()),
            logo.bytes.as_ref().clone(),
        ));
    }

    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let deflated = deflated();
    // Parts under 2 KiB are stored: deflating them gains a few hundred bytes for the cost of
    // a compressor each.
    let stored = deflated
        .compression_method(CompressionMethod::Stored)
        .compression_level(None);
    for (name, bytes) in entries {
        let options = if bytes.len() < 2048 { stored } else { deflated };
        zip.start_file(name, options)?;
        zip.write_all(&bytes)?;
    }
    // The faces last, copied deflated as `pack_face` made them.
    for (n, font) in parts.fonts.iter().enumerate() {
        let mut archive = ZipArchive::new(Cursor::new(font.face.archive.as_slice()))?;
        let entry = archive.by_index_raw(0)?;
        zip.raw_copy_file_rename(entry, format!("word/fonts/font{}.odttf", n + 1))?;
    }
    Ok(zip.finish()?.into_inner())
}

/// Options of a deflated part; 1980-01-01 for every entry: the same document gives the
/// same bytes.
fn deflated() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644)
}

/// An obfuscated face as the one entry of a zip archive, for the package to copy.
/// The embedded faces are most of the package: deflate level 3 takes a fifth less CPU than
/// level 6 for 2 % more bytes (level 1: a third less, 23 % more; BENCHMARKS « The DOCX's
/// fonts »).
pub(super) fn pack_face(obfuscated: &[u8]) -> Result<Vec<u8>, DocxError> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("face.odttf", deflated().compression_level(Some(3)))?;
    zip.write_all(obfuscated)?;
    Ok(zip.finish()?.into_inner())
}

fn content_types(doc: &Document, parts: &Parts) -> Vec<u8> {
    let mut x = Xml::new();
    x.open(
        "Types",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/package/2006/content-types",
        )],
    );
    x.empty(
        "Default",
        &[
            ("Extension", "rels"),
            (
                "ContentType",
                "application/vnd.openxmlformats-package.relationships+xml",
            ),
        ],
    );
    x.empty(
        "Default",
        &[("Extension", "xml"), ("ContentType", "application/xml")],
    );
    if !parts.fonts.is_empty() {
        x.empty(
            "Default",
            &[
                ("Extension", "odttf"),
                (
                    "ContentType",
                    "application/vnd.openxmlformats-officedocument.obfuscatedFont",
                ),
            ],
        );
    }
    if let Some(logo) = parts.logo {
        let (ext, mime) = match logo.format {
            ImageFormat::Png => ("png", "image/png"),
            ImageFormat::Jpeg => ("jpeg", "image/jpeg"),
        };
        x.empty("Default", &[("Extension", ext), ("ContentType", mime)]);
    }
    let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let mut overrides = vec![
        (
            "/word/document.xml".to_string(),
            format!("{wml}.document.main+xml"),
        ),
        ("/word/styles.xml".into(), format!("{wml}.styles+xml")),
        ("/word/numbering.xml".into(), format!("{wml}.numbering+xml")),
        ("/word/settings.xml".into(), format!("{wml}.settings+xml")),
        ("/word/fontTable.xml".into(), format!("{wml}.fontTable+xml")),
        (
            "/docProps/core.xml".into(),
            "application/vnd.openxmlformats-package.core-properties+xml".into(),
        ),
        (
            "/docProps/app.xml".into(),
            "application/vnd.openxmlformats-officedocument.extended-properties+xml".into(),
        ),
    ];
    for m in &parts.marginals {
        overrides.push((
            format!("/word/{}", MarginalPart::name(m.footer, m.n)),
            format!("{wml}.{}+xml", if m.footer { "footer" } else { "header" }),
        ));
    }
    for n in 1..=doc.meta.attachments.len() {
        overrides.push((
            format!("/customXml/itemProps{n}.xml"),
            custom_xml::PROPS_TYPE.into(),
        ));
    }
    for (part, ty) in overrides {
        x.empty("Override", &[("PartName", &part), ("ContentType", &ty)]);
    }
    x.close("Types");
    x.finish()
}

pub(super) fn relationship(x: &mut Xml, id: &str, kind: &str, target: &str) {
    x.empty(
        "Relationship",
        &[("Id", id), ("Type", kind), ("Target", target)],
    );
}

fn root_rels() -> Vec<u8> {
    let mut x = Xml::new();
    x.open("Relationships", &[("xmlns", REL_NS)]);
    relationship(
        &mut x,
        "rId1",
        &format!("{OFFICE_REL}/officeDocument"),
        "word/document.xml",
    );
    relationship(
        &mut x,
        "rId2",
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
        "docProps/core.xml",
    );
    relationship(
        &mut x,
        "rId3",
        &format!("{OFFICE_REL}/extended-properties"),
        "docProps/app.xml",
    );
    x.close("Relationships");
    x.finish()
}

fn document_rels(marginals: &[MarginalPart], attachments: usize) -> Vec<u8> {
    let mut x = Xml::new();
    x.open("Relationships", &[("xmlns", REL_NS)]);
    relationship(
        &mut x,
        "rIdStyles",
        &format!("{OFFICE_REL}/styles"),
        "styles.xml",
    );
    relationship(
        &mut x,
        "rIdNumbering",
        &format!("{OFFICE_REL}/numbering"),
        "numbering.xml",
    );
    relationship(
        &mut x,
        "rIdSettings",
        &format!("{OFFICE_REL}/settings"),
        "settings.xml",
    );
    relationship(
        &mut x,
        "rIdFontTable",
        &format!("{OFFICE_REL}/fontTable"),
        "fontTable.xml",
    );
    for m in marginals {
        let kind = if m.footer { "footer" } else { "header" };
        relationship(
            &mut x,
            &MarginalPart::rid(m.footer, m.n),
            &format!("{OFFICE_REL}/{kind}"),
            &MarginalPart::name(m.footer, m.n),
        );
    }
    for n in 1..=attachments {
        relationship(
            &mut x,
            &format!("rIdCustomXml{n}"),
            &format!("{OFFICE_REL}/customXml"),
            &format!("../customXml/item{n}.xml"),
        );
    }
    x.close("Relationships");
    x.finish()
}

/// The relationship of a header or footer to the logo image.
fn logo_rels(logo: &Logo) -> Vec<u8> {
    let mut x = Xml::new();
    x.open("Relationships", &[("xmlns", REL_NS)]);
    relationship(
        &mut x,
        LOGO_RID,
        &format!("{OFFICE_REL}/image"),
        &format!("media/logo.{}", logo.format.extension()),
    );
    x.close("Relationships");
    x.finish()
}

/// Title, author (the council), subject, keywords, language, dates.
fn core(doc: &Document, when: Option<Timestamp>) -> Vec<u8> {
    let meta = &doc.meta;
    let mut x = Xml::new();
    x.open(
        "cp:coreProperties",
        &[
            (
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
            ("xmlns:dcmitype", "http://purl.org/dc/dcmitype/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ],
    );
    x.leaf("dc:title", &[], &meta.title);
    x.leaf("dc:subject", &[], &meta.subject);
    x.leaf("dc:creator", &[], &meta.author);
    x.leaf("cp:keywords", &[], &meta.keywords.join(", "));
    x.leaf("dc:language", &[], meta.lang.bcp47());
    x.leaf("cp:lastModifiedBy", &[], &meta.author);
    x.leaf("cp:revision", &[], "1");
    // An undated projet has no dates rather than a false 1970-01-01.
    if let Some(when) = when {
        for element in ["dcterms:created", "dcterms:modified"] {
            x.leaf(element, &[("xsi:type", "dcterms:W3CDTF")], &when.iso());
        }
    }
    x.close("cp:coreProperties");
    x.finish()
}

/// Application, the council as company, pages by motion's own pagination, words.
fn app(doc: &Document, pages: usize, words: usize) -> Vec<u8> {
    let mut x = Xml::new();
    x.open(
        "Properties",
        &[
            (
                "xmlns",
                "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
            ),
            (
                "xmlns:vt",
                "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
            ),
        ],
    );
    x.leaf("Company", &[], &doc.meta.author);
    x.leaf("Pages", &[], &pages.to_string());
    x.leaf("Words", &[], &words.to_string());
    x.leaf(
        "Application",
        &[],
        concat!("motion ", env!("CARGO_PKG_VERSION")),
    );
    x.leaf("DocSecurity", &[], "0");
    x.close("Properties");
    x.finish()
}

/// Automatic hyphenation (as in the PDF), the document's language, French decimal comma.
fn settings(doc: &Document) -> Vec<u8> {
    let lang = doc.meta.lang.bcp47();
    let mut x = Xml::new();
    x.open("w:settings", &[("xmlns:w", W_NS)]);
    x.empty("w:zoom", &[("w:percent", "100")]);
    // Word keeps the document's fonts inside it when a clerk saves it again.
    x.empty("w:embedTrueTypeFonts", &[]);
    x.empty("w:defaultTabStop", &val("709"));
    x.empty("w:autoHyphenation", &[]);
    x.empty("w:consecutiveHyphenLimit", &val("2"));
    x.empty("w:hyphenationZone", &val("357"));
    x.empty("w:characterSpacingControl", &val("doNotCompress"));
    x.open("w:compat", &[]);
    // Space after a paragraph and space before the next add up, as in the PDF (LibreOffice
    // otherwise takes the larger of the two, as HTML does).
    x.empty("w:doNotUseHTMLParagraphAutoSpacing", &[]);
    x.empty(
        "w:compatSetting",
        &[
            ("w:name", "compatibilityMode"),
            ("w:uri", "http://schemas.microsoft.com/office/word"),
            ("w:val", "15"),
        ],
    );
    x.close("w:compat");
    x.empty("w:themeFontLang", &[("w:val", lang)]);
    x.empty("w:decimalSymbol", &val(","));
    x.empty("w:listSeparator", &val(";"));
    x.close("w:settings");
    x.finish()
}

/// The theme's family and its embedded faces; the predecessor's name to look for when it is
/// missing.
fn font_table(family: &str, fonts: &[Embedded]) -> Vec<u8> {
    let mut x = Xml::new();
    x.open("w:fonts", &[("xmlns:w", W_NS), ("xmlns:r", R_NS)]);
    x.open("w:font", &[("w:name", family)]);
    if family == "Libertinus Serif" {
        x.empty("w:altName", &val("Linux Libertine O"));
    }
    x.empty("w:charset", &val("00"));
    x.empty("w:family", &val("roman"));
    x.empty("w:pitch", &val("variable"));
    for (n, font) in fonts.iter().enumerate() {
        x.empty(
            &format!("w:{}", font.element),
            &[
                ("r:id", &format!("rIdFont{}", n + 1)),
                ("w:fontKey", &font.face.key),
                ("w:subsetted", "1"),
            ],
        );
    }
    x.close("w:font");
    x.close("w:fonts");
    x.finish()
}

/// The relationships of the font table to its embedded faces.
fn font_rels(count: usize) -> Vec<u8> {
    let mut x = Xml::new();
    x.open("Relationships", &[("xmlns", REL_NS)]);
    for n in 1..=count {
        relationship(
            &mut x,
            &format!("rIdFont{n}"),
            &format!("{OFFICE_REL}/font"),
            &format!("fonts/font{n}.odttf"),
        );
    }
    x.close("Relationships");
    x.finish()
}
