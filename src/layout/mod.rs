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
    pub pages: Vec<Page>,
    pub outline: Vec<OutlineEntry>,
    /// Where each clause id starts, for named destinations (`forest.pdf#garants`).
    pub anchors: Vec<Anchor>,
    /// Lines the amendment room (a filling block) took, by block index.
    pub fills: Vec<(usize, u32)>,
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
    let theme = &doc.theme;
    let mut shaper = Shaper::new(&theme.fonts, doc.meta.lang.code())?;
    let mut flow = paginate::Flow::default();
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
        furniture::draw(doc, shaper, p, first + n, count)?;
    }
    Ok(Layout {
        width: page.width.pt(),
        height: page.height.pt(),
        pages,
        outline: flowed.outline,
        anchors: flowed.anchors,
        fills: flowed.fills,
    })
}
