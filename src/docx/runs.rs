//! Runs: inline content as `w:r` elements. Character styles become `w:rStyle` (the innermost)
//! plus direct formatting for what an outer one adds, so nested styles look as in the PDF;
//! change marks become tracked changes (`w:ins`, `w:del`); superscript is `w:vertAlign`.

use super::styles::char_style_id;
use super::xml::{Xml, val};
use crate::document::{Change, ChangeKind, Inline, Piece, PieceKind, pieces};
use crate::theme::{Style, Theme};

/// What runs of a part share: annotation ids (`w:id` of bookmarks and tracked changes, unique
/// in a part) and the page count cached in `NUMPAGES` fields.
pub struct AnnotationIds {
    next: u32,
    pub page_count: usize,
}

impl Default for AnnotationIds {
    fn default() -> Self {
        AnnotationIds {
            next: 0,
            page_count: 1,
        }
    }
}

impl AnnotationIds {
    pub fn next(&mut self) -> u32 {
        self.next += 1;
        self.next
    }
}

/// Runs for inlines in a paragraph of `style`.
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
                    run(x, theme, style, piece, lang, false, ids.page_count);
                }
            }
            Some(c) => {
                let (tag, attrs) = change_attributes(c, ids);
                let deleted = c.kind == ChangeKind::Delete;
                let attrs: Vec<(&str, &str)> =
                    attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
                x.open(tag, &attrs);
                for piece in &pieces[k..end] {
                    run(x, theme, style, piece, lang, deleted, ids.page_count);
                }
                x.close(tag);
            }
        }
        k = end;
    }
}

/// The element and attributes of a tracked change: `w:ins` or `w:del`, a unique id, the
/// author (the amendment's group, else its id) and the date.
pub fn change_attributes(
    c: &Change,
    ids: &mut AnnotationIds,
) -> (&'static str, Vec<(&'static str, String)>) {
    let tag = match c.kind {
        ChangeKind::Insert => "w:ins",
        ChangeKind::Delete => "w:del",
    };
    let mut attrs = vec![
        ("w:id", ids.next().to_string()),
        ("w:author", c.author.clone().unwrap_or_else(|| c.id.clone())),
    ];
    if let Some(d) = c.date {
        attrs.push(("w:date", format!("{d}T00:00:00Z")));
    }
    (tag, attrs)
}

/// The change a paragraph's whole content carries, if one does: its paragraph mark is
/// inserted or deleted with it, so that accepting a deletion removes the paragraph.
pub fn whole_change(inlines: &[Inline]) -> Option<&Change> {
    let pieces = pieces(inlines);
    let first = pieces.first()?.change?;
    pieces
        .iter()
        .all(|p| p.change.is_some_and(|c| c == first))
        .then_some(first)
}

/// One run: its character style, what the style hierarchy misses, superscript, language.
fn run(
    x: &mut Xml,
    theme: &Theme,
    style: &Style,
    piece: &Piece,
    lang: &str,
    deleted: bool,
    page_count: usize,
) {
    if let PieceKind::Field(field) = piece.kind {
        super::marginals::field(x, field, lang, page_count);
        return;
    }
    x.open("w:r", &[]);
    x.open("w:rPr", &[]);
    let inner = piece
        .styles
        .last()
        .and_then(|key| theme.char_styles.get(*key).map(|cs| (*key, cs)));
    if let Some((key, _)) = inner {
        x.empty("w:rStyle", &val(&char_style_id(key)));
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
pub fn plain_run(x: &mut Xml, theme: &Theme, style: &Style, text: &str, lang: &str) {
    runs(
        x,
        theme,
        style,
        &[Inline::Text(text.to_string())],
        lang,
        &mut AnnotationIds::default(),
    );
}
