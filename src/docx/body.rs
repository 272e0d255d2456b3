//! `word/document.xml`: every block as paragraphs in its named style, numbered by the style,
//! with a bookmark per clause id; lines outside the motion's own text left out of line
//! numbering (as in the PDF); signatures in a table; the section's page setup.

use super::numbering::{ItemNumber, Numbering};
use super::runs::{AnnotationIds, runs};
use super::signatures::signatures_table;
use super::styles::{StyleMap, twips};
use super::xml::{Xml, val};
use crate::document::{Block, BlockKind, Document, Inline, Marker, Role};
use crate::theme::Theme;

/// The main document part.
/// A section of the document: from its first block on, with its own header and footer
/// (a session's bundle has one per motion; a motion is one section).
#[derive(Debug, Clone)]
pub struct Section {
    pub start: usize,
    /// Its number, from 1: `header2.xml`, `rIdHeader2`.
    pub n: usize,
    pub header: bool,
    pub footer: bool,
    pub line_numbers: bool,
}

pub fn document_xml(
    doc: &Document,
    map: &StyleMap,
    numbering: &Numbering,
    sections: &[Section],
) -> Vec<u8> {
    let mut x = Xml::new();
    x.open(
        "w:document",
        &[("xmlns:w", super::W_NS), ("xmlns:r", super::R_NS)],
    );
    x.open("w:body", &[]);
    let mut writer = BodyWriter {
        doc,
        map,
        numbering,
        bookmarks: Bookmarks::default(),
    };
    for (index, block) in doc.blocks.iter().enumerate() {
        // A section ends in the paragraph mark of an empty paragraph before the next one.
        if let Some(k) = sections.iter().skip(1).position(|s| s.start == index) {
            x.open("w:p", &[]);
            x.open("w:pPr", &[]);
            section(&mut x, &doc.theme, &sections[k]);
            x.close("w:pPr");
            x.close("w:p");
        }
        writer.block(&mut x, index, block);
    }
    if let Some(last) = sections.last() {
        section(&mut x, &doc.theme, last);
    }
    x.close("w:body");
    x.close("w:document");
    x.finish()
}

/// The main document part of a bilingual edition: a table of two columns, a row per clause,
/// each cell the paragraphs of one language in their styles. Rows may split across pages.
pub fn document_xml_bilingual(
    edition: &crate::document::bilingual::Edition,
    map: &StyleMap,
    numbering: &Numbering,
    sections: &[Section],
) -> Vec<u8> {
    let doc = &edition.doc;
    let mut x = Xml::new();
    x.open(
        "w:document",
        &[("xmlns:w", super::W_NS), ("xmlns:r", super::R_NS)],
    );
    x.open("w:body", &[]);
    let mut writer = BodyWriter {
        doc,
        map,
        numbering,
        bookmarks: Bookmarks::default(),
    };
    let width = doc.theme.text_width();
    let gutter = 22.68_f32;
    let column = twips((width - gutter) / 2.0 + gutter / 2.0);
    x.open("w:tbl", &[]);
    x.open("w:tblPr", &[]);
    x.empty("w:tblW", &[("w:w", &twips(width)), ("w:type", "dxa")]);
    x.empty("w:tblLayout", &[("w:type", "fixed")]);
    // The gutter as cell margins: half of it on each side of the middle.
    x.open("w:tblCellMar", &[]);
    for side in ["w:left", "w:right"] {
        x.empty(side, &[("w:w", &twips(gutter / 2.0)), ("w:type", "dxa")]);
    }
    x.close("w:tblCellMar");
    x.empty(
        "w:tblInd",
        &[("w:w", &twips(-gutter / 2.0)), ("w:type", "dxa")],
    );
    x.empty("w:tblLook", &[("w:val", "0000")]);
    x.close("w:tblPr");
    x.open("w:tblGrid", &[]);
    for _ in 0..2 {
        x.empty("w:gridCol", &[("w:w", &column)]);
    }
    x.close("w:tblGrid");
    for row in &edition.rows {
        x.open("w:tr", &[]);
        for cell in [&row.left, &row.right] {
            x.open("w:tc", &[]);
            x.open("w:tcPr", &[]);
            x.empty("w:tcW", &[("w:w", &column), ("w:type", "dxa")]);
            x.close("w:tcPr");
            for &index in cell {
                writer.block(&mut x, index, &doc.blocks[index]);
            }
            // A cell ends with a paragraph (after a nested table, or when empty).
            let ends_with_table = cell
                .last()
                .is_some_and(|&i| matches!(doc.blocks[i].kind, BlockKind::Signatures { .. }));
            if cell.is_empty() || ends_with_table {
                x.empty("w:p", &[]);
            }
            x.close("w:tc");
        }
        x.close("w:tr");
    }
    x.close("w:tbl");
    // A document ends with a paragraph after its last table.
    x.empty("w:p", &[]);
    if let Some(last) = sections.last() {
        section(
            &mut x,
            &doc.theme,
            &Section {
                line_numbers: false,
                ..last.clone()
            },
        );
    }
    x.close("w:body");
    x.close("w:document");
    x.finish()
}

/// Bookmarks for clause ids: numbered in document order, names made unique.
#[derive(Default)]
struct Bookmarks {
    ids: AnnotationIds,
    names: std::collections::BTreeSet<String>,
}

impl Bookmarks {
    /// The number and name of the bookmark for an id (`garants` → `_garants`).
    fn claim(&mut self, id: Option<&str>) -> Option<(u32, String)> {
        let id = id?;
        // Word allows letters, digits and underscores, 40 characters at most.
        let base: String = format!("_{}", id.replace(|c: char| !c.is_ascii_alphanumeric(), "_"))
            .chars()
            .take(36)
            .collect();
        let mut name = base.clone();
        let mut n = 2;
        while self.names.contains(&name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        self.names.insert(name.clone());
        Some((self.ids.next(), name))
    }
}

/// One paragraph to write: its style, what it adds to it, its text.
struct Para<'a> {
    style_id: String,
    style_key: &'a str,
    keep_with_next: bool,
    /// A restarted list's numbering instance.
    num: Option<u32>,
    /// Not counted by line numbering: not the motion's own text.
    no_line_numbers: bool,
    bookmark: Option<&'a str>,
    /// Text before the inlines (« Article 1er » written out).
    label: Vec<Inline>,
    inlines: &'a [Inline],
}

struct BodyWriter<'a> {
    doc: &'a Document,
    map: &'a StyleMap,
    numbering: &'a Numbering,
    bookmarks: Bookmarks,
}

impl BodyWriter<'_> {
    fn block(&mut self, x: &mut Xml, index: usize, block: &Block) {
        let theme = &self.doc.theme;
        let lang = block.lang.bcp47();
        let counted = block.role.is_motion_text();
        match &block.kind {
            BlockKind::Heading { style, inlines, .. } | BlockKind::Paragraph { style, inlines } => {
                self.paragraph(
                    x,
                    Para {
                        style_id: self.map.id(style).to_string(),
                        style_key: style,
                        keep_with_next: false,
                        num: None,
                        no_line_numbers: !counted,
                        bookmark: block.id.as_deref(),
                        label: Vec::new(),
                        inlines,
                    },
                    lang,
                );
            }
            BlockKind::List {
                style,
                marker,
                items,
            } => {
                let numbers = self.numbering.items.get(&index);
                let keep_last = theme.style(style).keep_with_next;
                for (i, item) in items.iter().enumerate() {
                    let number = numbers
                        .and_then(|n| n.get(i))
                        .copied()
                        .unwrap_or(ItemNumber::Style);
                    let (style_id, num, label) = match number {
                        ItemNumber::Style => (self.map.id(style).to_string(), None, Vec::new()),
                        ItemNumber::Direct(n) => {
                            (self.map.id(style).to_string(), Some(n), Vec::new())
                        }
                        ItemNumber::FirstArticle => (
                            self.map.first_article_id(style),
                            None,
                            first_article_label(marker, block.lang),
                        ),
                    };
                    self.paragraph(
                        x,
                        Para {
                            style_id,
                            style_key: style,
                            keep_with_next: keep_last && i + 1 == items.len(),
                            num,
                            no_line_numbers: !(counted || item.role.is_motion_text()),
                            bookmark: item.id.as_deref(),
                            label,
                            inlines: &item.inlines,
                        },
                        lang,
                    );
                }
            }
            BlockKind::Signatures { style, signatures } => {
                signatures_table(x, theme, style, self.map.id(style), signatures, lang);
            }
            BlockKind::Blank {
                style,
                lines,
                ruled,
            } => {
                // The room for amendments keeps its `lines` rules, together and with its
                // heading: Word lays out its own pages, and a room filled to the PDF's page end
                // would spill onto a page of its own wherever Word's lines differ.
                let room = block.role == Role::AmendmentRoom;
                blank_lines(x, theme, self.map.id(style), style, *lines, *ruled, room);
            }
            BlockKind::PageBreak => {
                x.open("w:p", &[]);
                x.open("w:r", &[]);
                x.empty("w:br", &[("w:type", "page")]);
                x.close("w:r");
                x.close("w:p");
            }
        }
    }

    /// A paragraph in a named style, with a bookmark for its clause id (a demand's id
    /// survives in the DOCX).
    fn paragraph(&mut self, x: &mut Xml, p: Para, lang: &str) {
        let theme = &self.doc.theme;
        x.open("w:p", &[]);
        x.open("w:pPr", &[]);
        x.empty("w:pStyle", &val(&p.style_id));
        if p.keep_with_next {
            x.empty("w:keepNext", &[]);
        }
        if let Some(num) = p.num {
            x.open("w:numPr", &[]);
            x.empty("w:ilvl", &val("0"));
            x.empty("w:numId", &val(&num.to_string()));
            x.close("w:numPr");
        }
        if p.no_line_numbers && self.doc.line_numbers {
            x.empty("w:suppressLineNumbers", &[]);
        }
        // A clause of the motion inserted or deleted whole: its paragraph mark too (not a
        // quotation of one, as the amendment list prints).
        let whole = (!p.no_line_numbers)
            .then(|| super::runs::whole_change(p.inlines).cloned())
            .flatten();
        if let Some(change) = &whole {
            let (tag, attrs) = super::runs::change_attributes(change, &mut self.bookmarks.ids);
            let attrs: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
            x.open("w:rPr", &[]);
            x.empty(tag, &attrs);
            x.close("w:rPr");
        }
        x.close("w:pPr");
        let bookmark = self.bookmarks.claim(p.bookmark);
        if let Some((n, name)) = &bookmark {
            x.empty(
                "w:bookmarkStart",
                &[("w:id", &n.to_string()), ("w:name", name)],
            );
        }
        let style = theme.style(p.style_key);
        if !p.label.is_empty() {
            let label = match whole {
                Some(change) => vec![Inline::Change {
                    change,
                    children: p.label.clone(),
                }],
                None => p.label.clone(),
            };
            runs(x, theme, style, &label, lang, &mut self.bookmarks.ids);
        }
        runs(x, theme, style, p.inlines, lang, &mut self.bookmarks.ids);
        if let Some((n, _)) = &bookmark {
            x.empty("w:bookmarkEnd", &[("w:id", &n.to_string())]);
        }
        x.close("w:p");
    }
}

/// « Article 1er » and a space, the suffix raised, as the first article's own text.
fn first_article_label(marker: &Marker, lang: crate::document::Lang) -> Vec<Inline> {
    let label = marker.label(0, lang);
    let (number, suffix) = match label.strip_suffix("er") {
        Some(number) => (number.to_string(), "er"),
        None => (label.clone(), ""),
    };
    let mut out = vec![Inline::Text(number)];
    if !suffix.is_empty() {
        out.push(Inline::Superscript(vec![Inline::Text(suffix.into())]));
    }
    out.push(Inline::Text(" ".into()));
    out
}

/// Empty lines for handwritten amendments; `between` borders draw a rule under each. A kept
/// room stays in one piece.
fn blank_lines(
    x: &mut Xml,
    theme: &Theme,
    style_id: &str,
    key: &str,
    lines: u32,
    ruled: bool,
    kept: bool,
) {
    let s = theme.style(key);
    for k in 0..lines {
        x.open("w:p", &[]);
        x.open("w:pPr", &[]);
        x.empty("w:pStyle", &val(style_id));
        if kept && k + 1 < lines {
            x.empty("w:keepNext", &[]);
        }
        x.empty("w:suppressLineNumbers", &[]);
        if ruled {
            x.open("w:pBdr", &[]);
            for side in ["w:bottom", "w:between"] {
                x.empty(
                    side,
                    &[
                        ("w:val", "single"),
                        ("w:sz", "4"),
                        ("w:space", "1"),
                        ("w:color", &s.color.hex()),
                    ],
                );
            }
            x.close("w:pBdr");
        }
        // Lines follow each other at the style's leading, as in the PDF: no space between.
        x.empty("w:spacing", &[("w:before", "0"), ("w:after", "0")]);
        x.close("w:pPr");
        x.close("w:p");
    }
}

/// Page size, margins, header and footer, optional line numbers.
fn section(x: &mut Xml, theme: &Theme, s: &Section) {
    let page = &theme.page;
    let line_numbers = s.line_numbers;
    x.open("w:sectPr", &[]);
    if s.header {
        let rid = super::package::MarginalPart::rid(false, s.n);
        x.empty(
            "w:headerReference",
            &[("w:type", "default"), ("r:id", &rid)],
        );
    }
    if s.footer {
        let rid = super::package::MarginalPart::rid(true, s.n);
        x.empty(
            "w:footerReference",
            &[("w:type", "default"), ("r:id", &rid)],
        );
    }
    // Each section starts on a new page (Word's default, said for other readers).
    x.empty("w:type", &[("w:val", "nextPage")]);
    x.empty(
        "w:pgSz",
        &[
            ("w:w", &twips(page.width.pt())),
            ("w:h", &twips(page.height.pt())),
        ],
    );
    // Word measures the header from the page edge to its top, the footer to its bottom; the
    // theme measures both to their baseline.
    let header_size = theme.style("header").font_size;
    let footer_size = theme.style("footer").font_size;
    x.empty(
        "w:pgMar",
        &[
            ("w:top", &twips(page.margin_top.pt())),
            ("w:right", &twips(page.margin_right.pt())),
            ("w:bottom", &twips(page.margin_bottom.pt())),
            ("w:left", &twips(page.margin_left.pt())),
            (
                "w:header",
                &twips((page.header_distance.pt() - header_size).max(0.0)),
            ),
            (
                "w:footer",
                &twips((page.footer_distance.pt() - footer_size * 0.3).max(0.0)),
            ),
            ("w:gutter", "0"),
        ],
    );
    if line_numbers {
        x.empty(
            "w:lnNumType",
            &[
                ("w:countBy", &theme.line_numbers.every.max(1).to_string()),
                ("w:distance", &twips(9.0)),
                ("w:restart", "newPage"),
            ],
        );
    }
    x.empty("w:cols", &[("w:space", "708")]);
    x.close("w:sectPr");
}
