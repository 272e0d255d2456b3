//! `word/document.xml`: every block as a paragraph in its named style, lists with real
//! numbering, signatures in a borderless table, and the section's page setup.

use super::numbering::Numbering;
use super::styles::{char_style_id, style_id, twips};
use super::xml::{Xml, val};
use crate::document::{Block, BlockKind, ChangeKind, Document, Inline, Piece, PieceKind, pieces};
use crate::theme::{Style, Theme};

/// Room left for a handwritten signature, as in the PDF.
const SIGNING_SPACE: f32 = 40.0;

/// The main document part.
pub fn document_xml(doc: &Document, numbering: &Numbering, header: bool, footer: bool) -> Vec<u8> {
    let mut x = Xml::new();
    x.open(
        "w:document",
        &[("xmlns:w", super::W_NS), ("xmlns:r", super::R_NS)],
    );
    x.open("w:body", &[]);
    let mut bookmarks = Bookmarks::default();
    for (index, block) in doc.blocks.iter().enumerate() {
        write_block(&mut x, doc, index, block, numbering, &mut bookmarks);
    }
    section(&mut x, &doc.theme, doc.line_numbers, header, footer);
    x.close("w:body");
    x.close("w:document");
    x.finish()
}

/// Bookmarks for block ids: numbered in document order, names made unique.
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

#[allow(clippy::too_many_arguments)]
fn write_block(
    x: &mut Xml,
    doc: &Document,
    index: usize,
    block: &Block,
    numbering: &Numbering,
    bookmarks: &mut Bookmarks,
) {
    let theme = &doc.theme;
    let lang = block.lang.bcp47();
    match &block.kind {
        BlockKind::Heading { style, inlines, .. } | BlockKind::Paragraph { style, inlines } => {
            let bookmark = bookmarks.claim(block.id.as_deref());
            paragraph(
                x,
                theme,
                style,
                None,
                false,
                bookmark,
                inlines,
                lang,
                &mut bookmarks.ids,
            );
        }
        BlockKind::List { style, items, .. } => {
            let ids = numbering.items.get(&index);
            let keep_last = theme.style(style).keep_with_next;
            for (i, item) in items.iter().enumerate() {
                let num = ids.and_then(|ids| ids.get(i)).copied();
                let keep = keep_last && i + 1 == items.len();
                let bookmark = bookmarks.claim(item.id.as_deref());
                paragraph(
                    x,
                    theme,
                    style,
                    num,
                    keep,
                    bookmark,
                    &item.inlines,
                    lang,
                    &mut bookmarks.ids,
                );
            }
        }
        BlockKind::Signatures { style, signatures } => {
            signatures_table(x, theme, style, signatures, lang)
        }
        BlockKind::Blank {
            style,
            lines,
            ruled,
        } => {
            let s = theme.style(style);
            for _ in 0..*lines {
                x.open("w:p", &[]);
                x.open("w:pPr", &[]);
                x.empty("w:pStyle", &val(&style_id(s)));
                if *ruled {
                    // `between` draws the rule between paragraphs that share the border.
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
                x.close("w:pPr");
                x.close("w:p");
            }
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

/// A paragraph in a named style, numbered when `num` is given, with a bookmark for its id
/// (a demand's or considérant's id survives in the DOCX).
#[allow(clippy::too_many_arguments)]
fn paragraph(
    x: &mut Xml,
    theme: &Theme,
    style: &str,
    num: Option<u32>,
    keep_with_next: bool,
    bookmark: Option<(u32, String)>,
    inlines: &[Inline],
    lang: &str,
    ids: &mut AnnotationIds,
) {
    x.open("w:p", &[]);
    x.open("w:pPr", &[]);
    x.empty("w:pStyle", &val(&style_id(theme.style(style))));
    if keep_with_next {
        x.empty("w:keepNext", &[]);
    }
    if let Some(num) = num {
        x.open("w:numPr", &[]);
        x.empty("w:ilvl", &val("0"));
        x.empty("w:numId", &val(&num.to_string()));
        x.close("w:numPr");
    }
    x.close("w:pPr");
    if let Some((n, name)) = &bookmark {
        x.empty(
            "w:bookmarkStart",
            &[("w:id", &n.to_string()), ("w:name", name)],
        );
    }
    runs(x, theme, theme.style(style), inlines, lang, ids);
    if let Some((n, _)) = &bookmark {
        x.empty("w:bookmarkEnd", &[("w:id", &n.to_string())]);
    }
    x.close("w:p");
}

/// Annotation ids (`w:id` of bookmarks and tracked changes), unique in a part.
#[derive(Default)]
pub struct AnnotationIds {
    next: u32,
}

impl AnnotationIds {
    pub fn next(&mut self) -> u32 {
        self.next += 1;
        self.next
    }
}

/// Runs for inlines in a paragraph of `style`. Character styles become `w:rStyle` (the
/// innermost) plus direct formatting for what an outer one adds, so nested styles look as in
/// the PDF; change marks become tracked changes (`w:ins`, `w:del`).
pub fn runs(
    x: &mut Xml,
    theme: &Theme,
    style: &Style,
    inlines: &[Inline],
    lang: &str,
    ids: &mut AnnotationIds,
) {
    let pieces = pieces(inlines);
    let mut k = 0;
    while k < pieces.len() {
        let change = pieces[k].change;
        let mut end = k + 1;
        while end < pieces.len() && pieces[end].change == change {
            end += 1;
        }
        match change {
            None => {
                for piece in &pieces[k..end] {
                    run(x, theme, style, piece, lang, false);
                }
            }
            Some(c) => {
                let (tag, deleted) = match c.kind {
                    ChangeKind::Insert => ("w:ins", false),
                    ChangeKind::Delete => ("w:del", true),
                };
                let id = ids.next().to_string();
                let author = c.author.clone().unwrap_or_else(|| c.id.clone());
                let date = c.date.map(|d| format!("{d}T00:00:00Z"));
                let mut attrs = vec![("w:id", id.as_str()), ("w:author", author.as_str())];
                if let Some(date) = &date {
                    attrs.push(("w:date", date));
                }
                x.open(tag, &attrs);
                for piece in &pieces[k..end] {
                    run(x, theme, style, piece, lang, deleted);
                }
                x.close(tag);
            }
        }
        k = end;
    }
}

/// One run: its character style, what the style hierarchy misses, superscript, language.
fn run(x: &mut Xml, theme: &Theme, style: &Style, piece: &Piece, lang: &str, deleted: bool) {
    if let PieceKind::Field(field) = piece.kind {
        super::marginals::field(x, field, lang);
        return;
    }
    x.open("w:r", &[]);
    x.open("w:rPr", &[]);
    let inner = piece
        .styles
        .last()
        .and_then(|key| theme.char_styles.get(*key).map(|cs| (*key, cs)));
    if let Some((key, cs)) = inner {
        x.empty("w:rStyle", &val(&char_style_id(key, cs)));
    }
    // Bold and italic toggle between paragraph and character styles (ECMA-376 §17.7.3);
    // direct formatting states the look outright where the two would not give it.
    let look = theme.look(style, &piece.styles);
    let (cs_bold, cs_italic, cs_color) = inner.map_or((false, false, None), |(_, cs)| {
        (cs.bold, cs.italic, cs.color)
    });
    if look.bold != (style.bold ^ cs_bold) {
        x.empty("w:b", &val(if look.bold { "1" } else { "0" }));
    }
    if look.italic != (style.italic ^ cs_italic) {
        x.empty("w:i", &val(if look.italic { "1" } else { "0" }));
    }
    if look.color != cs_color.unwrap_or(style.color) {
        x.empty("w:color", &val(&look.color.hex()));
    }
    if piece.superscript {
        x.empty("w:vertAlign", &val("superscript"));
    }
    x.empty("w:lang", &[("w:val", lang)]);
    x.close("w:rPr");
    match piece.kind {
        PieceKind::Text(t) => text_with_ties(x, t, deleted),
        PieceKind::LineBreak => x.empty("w:br", &[]),
        PieceKind::Field(_) => {}
    }
    x.close("w:r");
}

/// Text of a run; a hyphen inside a reference (« L1122-20 », « 2016/679-3 ») becomes Word's
/// non-breaking hyphen, so Word never breaks the line there (the PDF's line breaker already
/// keeps a hyphen with the number after it, UAX #14 rule LB25).
fn text_with_ties(x: &mut Xml, text: &str, deleted: bool) {
    let tag = if deleted { "w:delText" } else { "w:t" };
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut start = 0;
    for (k, &(i, c)) in chars.iter().enumerate() {
        let tied = c == '-'
            && k > 0
            && chars[k - 1].1.is_alphanumeric()
            && chars.get(k + 1).is_some_and(|(_, n)| n.is_ascii_digit());
        if tied {
            if i > start {
                x.leaf(tag, &[("xml:space", "preserve")], &text[start..i]);
            }
            x.empty("w:noBreakHyphen", &[]);
            start = i + 1;
        }
    }
    if start < text.len() || text.is_empty() {
        x.leaf(tag, &[("xml:space", "preserve")], &text[start..]);
    }
}

/// A run of plain text in a paragraph's own style (signatures).
fn plain_run(x: &mut Xml, theme: &Theme, style: &Style, text: &str, lang: &str) {
    runs(
        x,
        theme,
        style,
        &[Inline::Text(text.to_string())],
        lang,
        &mut AnnotationIds::default(),
    );
}

/// Signatures side by side: a borderless table, up to three per row, never split.
fn signatures_table(
    x: &mut Xml,
    theme: &Theme,
    style: &str,
    signatures: &[crate::document::Signature],
    lang: &str,
) {
    if signatures.is_empty() {
        return;
    }
    let s = theme.style(style);
    let id = style_id(s);
    let per_row = signatures.len().clamp(1, 3);
    let width = theme.text_width();
    let column = twips(width / per_row as f32);
    x.open("w:tbl", &[]);
    x.open("w:tblPr", &[]);
    x.empty("w:tblW", &[("w:w", &twips(width)), ("w:type", "dxa")]);
    x.empty("w:jc", &val("center"));
    x.open("w:tblBorders", &[]);
    for side in [
        "w:top",
        "w:left",
        "w:bottom",
        "w:right",
        "w:insideH",
        "w:insideV",
    ] {
        x.empty(side, &[("w:val", "nil")]);
    }
    x.close("w:tblBorders");
    x.empty("w:tblLayout", &[("w:type", "fixed")]);
    x.empty(
        "w:tblLook",
        &[
            ("w:val", "0000"),
            ("w:firstRow", "0"),
            ("w:lastRow", "0"),
            ("w:firstColumn", "0"),
            ("w:lastColumn", "0"),
            ("w:noHBand", "1"),
            ("w:noVBand", "1"),
        ],
    );
    x.close("w:tblPr");
    x.open("w:tblGrid", &[]);
    for _ in 0..per_row {
        x.empty("w:gridCol", &[("w:w", &column)]);
    }
    x.close("w:tblGrid");
    for row in signatures.chunks(per_row) {
        x.open("w:tr", &[]);
        x.open("w:trPr", &[]);
        x.empty("w:cantSplit", &[]);
        x.empty("w:jc", &val("center"));
        x.close("w:trPr");
        for signature in row {
            x.open("w:tc", &[]);
            x.open("w:tcPr", &[]);
            x.empty("w:tcW", &[("w:w", &column), ("w:type", "dxa")]);
            x.close("w:tcPr");
            // The role, room to sign, then the name.
            x.open("w:p", &[]);
            x.open("w:pPr", &[]);
            x.empty("w:pStyle", &val(&id));
            x.empty("w:keepNext", &[]);
            x.empty("w:spacing", &[("w:after", &twips(SIGNING_SPACE))]);
            x.close("w:pPr");
            plain_run(x, theme, s, &signature.role, lang);
            x.close("w:p");
            x.open("w:p", &[]);
            x.open("w:pPr", &[]);
            x.empty("w:pStyle", &val(&id));
            x.empty("w:spacing", &[("w:before", "0")]);
            x.close("w:pPr");
            if let Some(name) = &signature.name {
                plain_run(x, theme, s, name, lang);
            }
            x.close("w:p");
            x.close("w:tc");
        }
        x.close("w:tr");
    }
    x.close("w:tbl");
    // Word needs a paragraph after a table; keep it invisible.
    x.open("w:p", &[]);
    x.open("w:pPr", &[]);
    x.empty(
        "w:spacing",
        &[
            ("w:before", "0"),
            ("w:after", "0"),
            ("w:line", "20"),
            ("w:lineRule", "exact"),
        ],
    );
    x.close("w:pPr");
    x.close("w:p");
}

/// Page size, margins, header and footer, optional line numbers.
fn section(x: &mut Xml, theme: &Theme, line_numbers: bool, header: bool, footer: bool) {
    let page = &theme.page;
    x.open("w:sectPr", &[]);
    if header {
        x.empty(
            "w:headerReference",
            &[("w:type", "default"), ("r:id", super::HEADER_RID)],
        );
    }
    if footer {
        x.empty(
            "w:footerReference",
            &[("w:type", "default"), ("r:id", super::FOOTER_RID)],
        );
    }
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
