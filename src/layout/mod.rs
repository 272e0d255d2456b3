//! Document → pages: fonts, shaping, line breaking, hyphenation and pagination, down to
//! positioned glyph runs, rules and images that the PDF writer draws as they are.
//!
//! `blocks` turns each block into chunks, `paginate` fills pages with them, `furniture`
//! draws headers, footers and line numbers; `paragraph`, `items`, `linebreak`, `hyphenate`
//! and `shape` set the lines.

pub mod bilingual;
mod blocks;
mod furniture;
mod hyphenate;
mod items;
pub mod linebreak;
mod paginate;
pub mod paragraph;
pub mod shape;

use crate::document::Document;
use crate::theme::Color;
pub use furniture::clause_lines;
pub use paragraph::{Decoration, Glyph, Run};
use shape::Shaper;

/// Where in the document a layout problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    Block(usize),
    /// Item `1` of the list at block `0`.
    Item(usize, usize),
    Header,
    Footer,
}

/// Something the layout cannot do.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LayoutError {
    #[error("a font of the theme cannot be read")]
    Font,
    #[error("the font has no glyph for « {ch} » (U+{:04X})", *ch as u32)]
    MissingGlyph {
        ch: char,
        context: String,
        at: Option<At>,
    },
    #[error(
        "a part of the document is {height:.0} pt tall, more than the {room:.0} pt a page has for text"
    )]
    TooTall {
        height: f32,
        room: f32,
        at: Option<At>,
    },
    #[error("a line is {width:.0} pt wide, more than the {room:.0} pt the page has for it")]
    TooWide {
        width: f32,
        room: f32,
        at: Option<At>,
    },
}

impl LayoutError {
    /// The same error, located at `at` unless it already knows where it is.
    pub fn at(self, at: At) -> LayoutError {
        match self {
            LayoutError::MissingGlyph {
                ch,
                context,
                at: None,
            } => LayoutError::MissingGlyph {
                ch,
                context,
                at: Some(at),
            },
            LayoutError::TooWide {
                width,
                room,
                at: None,
            } => LayoutError::TooWide {
                width,
                room,
                at: Some(at),
            },
            other => other,
        }
    }

    /// Where the problem is, when known.
    pub fn location(&self) -> Option<At> {
        match self {
            LayoutError::MissingGlyph { at, .. }
            | LayoutError::TooTall { at, .. }
            | LayoutError::TooWide { at, .. } => *at,
            LayoutError::Font => None,
        }
    }
}

/// Pages ready to draw, coordinates in points from the top-left corner, y downwards.
#[derive(Debug, Clone)]
pub struct Layout {
    pub width: f32,
    pub height: f32,
    /// One per page; empty for a long document, whose pages [`Layout::each_page`] draws.
    pages: Vec<Page>,
    pub outline: Vec<OutlineEntry>,
    /// Where each clause id starts, for named destinations (`forest.pdf#garants`).
    pub anchors: Vec<Anchor>,
    /// Lines the amendment room (a filling block) took, by block index.
    pub fills: Vec<(usize, u32)>,
    /// A long document's pages are not kept drawn (`pages` holds empty pages, one per page):
    /// [`Layout::each_page`] lays them out again one at a time, so that memory does not grow
    /// with every glyph of the document.
    redraw: Option<Redraw>,
}

/// What drawing a long document's pages again needs.
#[derive(Debug, Clone)]
struct Redraw {
    breaks: paginate::Breaks,
    /// The number of the first page, and the count « Page X / Y » shows.
    first: usize,
    count: usize,
}

/// Lines (chunks) a layout keeps drawn: about 45 pages. A longer document is laid out a
/// second time, page by page, as it is written (BENCHMARKS « Memory »).
const KEEP_DRAWN: usize = 2000;

impl Layout {
    /// How many pages the document has.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Every page drawn, all at once: for short documents and tests; writers use
    /// [`Layout::each_page`], which holds one page at a time.
    pub fn drawn_pages(&self, doc: &Document) -> Result<Vec<Page>, LayoutError> {
        let mut pages = Vec::with_capacity(self.pages.len());
        self.each_page(doc, |_, page| -> Result<(), LayoutError> {
            pages.push(page.clone());
            Ok(())
        })?;
        Ok(pages)
    }

    /// Calls `f` with each page drawn, in order: the pages kept, or those of a long document
    /// laid out again one at a time.
    pub fn each_page<E: From<LayoutError>>(
        &self,
        doc: &Document,
        mut f: impl FnMut(usize, &Page) -> Result<(), E>,
    ) -> Result<(), E> {
        let Some(redraw) = &self.redraw else {
            for (n, page) in self.pages.iter().enumerate() {
                f(n, page)?;
            }
            return Ok(());
        };
        let mut shaper = Shaper::new(&doc.theme.fonts, doc.meta.lang.code())?;
        let mut flow = paginate::Flow::default();
        let mut at = Redrawn::default();
        for (index, block) in doc.blocks.iter().enumerate() {
            blocks::push_block(doc, &mut shaper, index, block, &mut flow)
                .map_err(|e| e.at(At::Block(index)))?;
            at.flush(doc, redraw, &mut flow, &mut shaper, &mut f)?;
        }
        at.flush(doc, redraw, &mut flow, &mut shaper, &mut f)
    }
}

/// How far [`Layout::each_page`] has drawn: the next page, the chunks already on pages.
#[derive(Default)]
struct Redrawn {
    next: usize,
    taken: usize,
}

impl Redrawn {
    /// Draws every page whose chunks are all in the flow.
    fn flush<E: From<LayoutError>>(
        &mut self,
        doc: &Document,
        redraw: &Redraw,
        flow: &mut paginate::Flow,
        shaper: &mut Shaper,
        f: &mut impl FnMut(usize, &Page) -> Result<(), E>,
    ) -> Result<(), E> {
        let starts = &redraw.breaks.starts;
        let top = doc.theme.page.margin_top.pt();
        while self.next + 1 < starts.len() && self.taken + flow.len() >= starts[self.next + 1] {
            let n = starts[self.next + 1] - starts[self.next];
            let base = self.taken;
            let chunks = flow
                .take_front(n)
                .into_iter()
                .enumerate()
                .map(|(k, c)| (base + k, c));
            let mut scratch = paginate::Flowed::default();
            let mut page =
                paginate::place_page(chunks, self.next, &redraw.breaks, top, &mut scratch);
            furniture::draw(
                doc,
                shaper,
                &mut page,
                redraw.first + self.next,
                redraw.count,
            )?;
            f(self.next, &page)?;
            self.taken += n;
            self.next += 1;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Default)]
pub struct Page {
    pub elements: Vec<Element>,
}

/// A heading for the document outline (bookmarks).
#[derive(Debug, Clone)]
pub struct OutlineEntry {
    pub level: u8,
    pub title: String,
    pub page: usize,
    pub y: f32,
}

/// The top of a block or list item that has an id.
#[derive(Debug, Clone, PartialEq)]
pub struct Anchor {
    pub id: String,
    pub page: usize,
    pub y: f32,
}

/// Something drawn, and what it is for the tag tree.
#[derive(Debug, Clone)]
pub struct Element {
    pub origin: Origin,
    pub kind: ElementKind,
}

#[derive(Debug, Clone)]
pub enum ElementKind {
    /// Runs on one baseline; run `x` values are relative to `x`.
    Text {
        x: f32,
        baseline: f32,
        runs: Vec<Run>,
    },
    Rule {
        x0: f32,
        x1: f32,
        y: f32,
        thickness: f32,
        color: Color,
    },
    Image {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
    },
}

/// Real content of a block, or page furniture (an artifact for tagged PDF).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Artifact(Artifact),
    Content { block: usize, part: Part },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Artifact {
    Header,
    Footer,
    LineNumber,
    Layout,
}

/// Which part of a block an element draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Text,
    /// The number of list item n.
    Label(usize),
    /// The text of list item n.
    Body(usize),
    /// Role and name of signature n.
    Signature(usize),
}

/// The width of a text set on one line in a style (a list label, to align numbers the same
/// way in the DOCX as in the PDF).
pub fn text_width(
    theme: &crate::theme::Theme,
    style: &crate::theme::Style,
    lang: crate::vocab::Lang,
    text: &str,
) -> Result<f32, LayoutError> {
    let mut shaper = Shaper::new(&theme.fonts, lang.code())?;
    let runs = paragraph::single_line(
        &mut shaper,
        &[crate::document::Inline::Text(text.to_string())],
        style,
        theme,
        lang,
    )?;
    Ok(runs.iter().map(Run::width).sum())
}

/// Lays out a document.
pub fn layout(doc: &Document) -> Result<Layout, LayoutError> {
    layout_numbered(doc, None)
}

/// Lays out a document whose pages are numbered from `first` of `total`, as a part of a
/// session's bundle (« Page 5 / 23 »); `None` numbers them 1 to their own count.
pub fn layout_numbered(
    doc: &Document,
    numbering: Option<(usize, usize)>,
) -> Result<Layout, LayoutError> {
    layout_keeping(doc, numbering, KEEP_DRAWN)
}

/// [`layout_numbered`], keeping at most `keep_drawn` chunks drawn.
fn layout_keeping(
    doc: &Document,
    numbering: Option<(usize, usize)>,
    keep_drawn: usize,
) -> Result<Layout, LayoutError> {
    let theme = &doc.theme;
    let mut shaper = Shaper::new(&theme.fonts, doc.meta.lang.code())?;
    let mut flow = paginate::Flow::keeping_drawn(keep_drawn);
    for (index, block) in doc.blocks.iter().enumerate() {
        blocks::push_block(doc, &mut shaper, index, block, &mut flow)
            .map_err(|e| e.at(At::Block(index)))?;
    }
    pages_of(doc, flow, &mut shaper, numbering)
}

/// A flow of chunks into pages, with their header, footer and margin notes.
fn pages_of(
    doc: &Document,
    flow: paginate::Flow,
    shaper: &mut Shaper,
    numbering: Option<(usize, usize)>,
) -> Result<Layout, LayoutError> {
    let page = &doc.theme.page;
    let body_height = page.height.pt() - page.margin_top.pt() - page.margin_bottom.pt();
    let light = flow.is_light();
    let flowed = flow
        .paginate(body_height, page.margin_top.pt())
        .map_err(|t| LayoutError::TooTall {
            height: t.height,
            room: t.room,
            at: t.origin.map(At::Block),
        })?;
    let mut pages = flowed.pages;
    let (first, count) = numbering.unwrap_or((1, pages.len()));
    for (n, p) in pages.iter_mut().enumerate() {
        // A long document's furniture is drawn again with its pages; drawn here, it shows
        // a header or footer that cannot be set before anything is written.
        furniture::draw(doc, shaper, p, first + n, count)?;
        if light {
            p.elements = Vec::new();
        }
    }
    Ok(Layout {
        width: page.width.pt(),
        height: page.height.pt(),
        pages,
        outline: flowed.outline,
        anchors: flowed.anchors,
        fills: flowed.fills,
        redraw: light.then_some(Redraw {
            breaks: flowed.breaks,
            first,
            count,
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Sources;
    use crate::template::{RenderOptions, Template};

    fn forest(line_numbers: bool) -> Document {
        let template = Template::embedded("default", &mut Sources::new()).unwrap();
        forest_with(&template, line_numbers)
    }

    /// Forest with a template already loaded: its fonts are the same fonts each time.
    fn forest_with(template: &Template, line_numbers: bool) -> Document {
        let mut sources = Sources::new();
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("motions/forest.toml");
        let spec = crate::spec::load(&path, &mut sources).unwrap();
        let opts = RenderOptions {
            line_numbers,
            ..RenderOptions::default()
        };
        crate::template::render(&spec, template, &opts, &mut sources).unwrap()
    }

    fn drawn(doc: &Document, layout: &Layout) -> Vec<String> {
        let mut pages = Vec::new();
        layout
            .each_page(doc, |n, page| -> Result<(), LayoutError> {
                assert_eq!(n, pages.len());
                pages.push(format!("{:?}", page.elements));
                Ok(())
            })
            .unwrap();
        pages
    }

    /// What a layout gives on a thread that has set paragraphs before (kept by the paragraph
    /// memo: the same, or edited since, or in another measure) is what a thread that never
    /// laid anything out gives.
    #[test]
    fn paragraphs_set_again_are_set_as_new() {
        fn edit(doc: &mut Document) {
            let text = doc.blocks.iter_mut().find_map(|b| match &mut b.kind {
                crate::document::BlockKind::Paragraph { inlines, .. } => {
                    inlines.iter_mut().find_map(|i| match i {
                        crate::document::Inline::Text(t) if t.contains("professionnel ") => Some(t),
                        _ => None,
                    })
                }
                _ => None,
            });
            // As long as it was (one letter changed): only the text tells the two apart.
            let text = text.expect("a paragraph about the professional secrecy");
            *text = text.replacen("professionnel ", "profissionnel ", 1);
        }
        fn narrow(doc: &mut Document) {
            doc.theme.page.margin_left =
                crate::theme::Length(doc.theme.page.margin_left.pt() + 30.0);
        }
        let fresh = |change: fn(&mut Document)| {
            std::thread::spawn(move || {
                let mut doc = forest(true);
                change(&mut doc);
                drawn(&doc, &layout(&doc).unwrap())
            })
            .join()
            .unwrap()
        };
        let (original, edited, narrowed) = (fresh(|_| {}), fresh(edit), fresh(narrow));
        assert_ne!(original, edited);
        assert_ne!(original, narrowed);
        std::thread::spawn(move || {
            let template = Template::embedded("default", &mut Sources::new()).unwrap();
            let mut doc = forest_with(&template, true);
            assert_eq!(drawn(&doc, &layout(&doc).unwrap()), original);
            assert_eq!(drawn(&doc, &layout(&doc).unwrap()), original);
            edit(&mut doc);
            assert_eq!(drawn(&doc, &layout(&doc).unwrap()), edited);
            let mut doc = forest_with(&template, true);
            narrow(&mut doc);
            assert_eq!(drawn(&doc, &layout(&doc).unwrap()), narrowed);
            let doc = forest_with(&template, true);
            assert_eq!(drawn(&doc, &layout(&doc).unwrap()), original);
        })
        .join()
        .unwrap();
    }

    /// A document laid out keeping only a few lines drawn gives, page by page, what it
    /// gives kept whole: the same glyphs at the same places, the same furniture, the same
    /// line numbers, outline, anchors and clause lines.
    #[test]
    fn pages_drawn_again_are_the_pages_kept() {
        for line_numbers in [false, true] {
            let doc = forest(line_numbers);
            let kept = layout_keeping(&doc, None, usize::MAX).unwrap();
            let light = layout_keeping(&doc, Some((3, 9)), 10).unwrap();
            assert!(kept.redraw.is_none() && light.redraw.is_some());
            assert!(light.pages.iter().all(|p| p.elements.is_empty()));
            assert_eq!(kept.pages.len(), light.pages.len());
            let numbered = layout_keeping(&doc, Some((3, 9)), usize::MAX).unwrap();
            assert_eq!(drawn(&doc, &numbered), drawn(&doc, &light));
            let light = layout_keeping(&doc, None, 10).unwrap();
            let (a, b) = (drawn(&doc, &kept), drawn(&doc, &light));
            assert!(a.len() >= 2 && a.iter().all(|p| p.len() > 100));
            assert_eq!(a, b);
            assert_eq!(
                format!("{:?}", kept.outline),
                format!("{:?}", light.outline)
            );
            assert_eq!(kept.anchors, light.anchors);
            assert_eq!(kept.fills, light.fills);
            let lines = clause_lines(&doc, &kept);
            assert!(!lines.is_empty());
            assert_eq!(lines, clause_lines(&doc, &light));
        }
    }
}
