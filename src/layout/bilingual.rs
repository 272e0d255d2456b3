//! The two-column layout of a bilingual edition: each column set in its own language at half
//! the text width, row by row; the lines of a row sit side by side, so a page breaks between
//! lines of both columns at once and no language runs a page ahead of the other.

use super::paginate::{Brk, Chunk, Flow};
use super::shape::Shaper;
use super::{At, Layout, LayoutError, blocks};
use crate::document::Document;
use crate::document::bilingual::Edition;
use crate::theme::Length;

/// Space between the two columns.
const GUTTER: f32 = 22.68; // 8 mm

/// Lays out a bilingual edition.
pub fn layout(edition: &Edition) -> Result<Layout, LayoutError> {
    let doc = &edition.doc;
    let page = &doc.theme.page;
    let column = ((doc.theme.text_width() - GUTTER) / 2.0).max(1.0);
    // Each column is the page with the other column added to one margin.
    let side = |left: bool| {
        let mut d = Document {
            blocks: Vec::new(),
            ..doc.clone()
        };
        if left {
            d.theme.page.margin_right = Length(page.margin_right.pt() + column + GUTTER);
        } else {
            d.theme.page.margin_left = Length(page.margin_left.pt() + column + GUTTER);
        }
        d
    };
    let columns = [side(true), side(false)];
    let lang_of = |rows: &dyn Fn(&crate::document::bilingual::Row) -> &Vec<usize>| {
        edition
            .rows
            .iter()
            .flat_map(|r| rows(r).iter())
            .next()
            .map_or(doc.meta.lang, |&b| doc.blocks[b].lang)
    };
    let langs = [lang_of(&|r| &r.left), lang_of(&|r| &r.right)];
    let mut flows = [Flow::default(), Flow::default()];
    let mut spans: Vec<[(usize, usize); 2]> = Vec::with_capacity(edition.rows.len());
    for (c, column) in columns.iter().enumerate() {
        let mut shaper = Shaper::new(&doc.theme.fonts, langs[c].code())?;
        for (r, row) in edition.rows.iter().enumerate() {
            let blocks = if c == 0 { &row.left } else { &row.right };
            let start = flows[c].len();
            for &b in blocks {
                blocks::push_block(column, &mut shaper, b, &doc.blocks[b], &mut flows[c])
                    .map_err(|e| e.at(At::Block(b)))?;
                if edition.released.contains(&b) {
                    flows[c].release_keep();
                }
            }
            if c == 0 {
                spans.push([(start, flows[c].len()), (0, 0)]);
            } else {
                spans[r][1] = (start, flows[c].len());
            }
        }
    }
    let [left, right] = flows.map(Flow::into_chunks);
    let mut left = left.into_iter().map(Some).collect::<Vec<_>>();
    let mut right = right.into_iter().map(Some).collect::<Vec<_>>();
    let mut chunks = Vec::new();
    for [(l0, l1), (r0, r1)] in spans {
        let n = (l1 - l0).max(r1 - r0);
        for k in 0..n {
            let a = (l0 + k < l1).then(|| left[l0 + k].take()).flatten();
            let b = (r0 + k < r1).then(|| right[r0 + k].take()).flatten();
            let lang = langs[1].code();
            chunks.push(beside(a, b, lang));
        }
    }
    let mut shaper = Shaper::new(&doc.theme.fonts, doc.meta.lang.code())?;
    super::pages_of(doc, Flow::from_chunks(chunks), &mut shaper, None)
}

/// Two lines side by side: as tall as the taller, breaking only where both may. The second
/// column's clause ids are prefixed by its language (`nl:garants`), so each is a destination.
fn beside(a: Option<Chunk>, b: Option<Chunk>, lang: &str) -> Chunk {
    let b = b.map(|mut b| {
        b.anchors = b.anchors.iter().map(|id| format!("{lang}:{id}")).collect();
        b
    });
    match (a, b) {
        (Some(a), None) => a,
        (None, Some(b)) => b,
        (None, None) => Chunk::default(),
        (Some(mut a), Some(b)) => {
            a.height = a.height.max(b.height);
            a.space_before = a.space_before.max(b.space_before);
            a.brk = match (a.brk, b.brk) {
                (Brk::Forced, _) | (_, Brk::Forced) => Brk::Forced,
                (Brk::Forbidden, _) | (_, Brk::Forbidden) => Brk::Forbidden,
                _ => Brk::Allowed,
            };
            a.elements.extend(b.elements);
            a.outline = a.outline.or(b.outline);
            a.anchors.extend(b.anchors);
            a.hyphenated |= b.hyphenated;
            a.fill = None;
            a
        }
    }
}
