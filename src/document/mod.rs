//! The document model every backend consumes: blocks and inlines with style names and ids
//! (DESIGN.md §4). What one backend shows, the others show.

pub mod markup;
pub mod typography;

use crate::spec::{Date, Lang};
use crate::theme::Theme;

/// Which document is produced from a spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// A draft put to the council: no vote, room for amendments.
    Projet,
    /// The extract of the register: vote, « Fait à », signatures, « Pour extrait conforme ».
    Extrait,
}

impl Variant {
    pub fn code(self) -> &'static str {
        match self {
            Variant::Projet => "projet",
            Variant::Extrait => "extrait",
        }
    }
}

/// A finished document: metadata, page furniture and body.
#[derive(Debug, Clone)]
pub struct Document {
    pub meta: Meta,
    pub theme: Theme,
    pub logo: Option<Logo>,
    pub header: Marginal,
    pub footer: Marginal,
    pub blocks: Vec<Block>,
    /// Line numbers in the margin (theme setting for this variant, or `--line-numbers`).
    pub line_numbers: bool,
}

/// Document properties written into PDF and DOCX metadata.
#[derive(Debug, Clone)]
pub struct Meta {
    pub title: String,
    /// The council, as author.
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    pub lang: Lang,
    /// The session date, used as creation date unless `SOURCE_DATE_EPOCH` is set.
    pub date: Option<Date>,
    pub variant: Variant,
}

/// An image for the page header, already read.
#[derive(Debug, Clone)]
pub struct Logo {
    pub bytes: std::sync::Arc<Vec<u8>>,
    pub format: ImageFormat,
    /// Pixel size, for the aspect ratio.
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Jpeg,
}

impl ImageFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpeg",
        }
    }
}

/// A page header or footer: three slots on one line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Marginal {
    pub style: String,
    /// Draw the council's logo at the start of this marginal (`<logo/>` in the markup).
    pub logo: bool,
    pub left: Vec<Inline>,
    pub center: Vec<Inline>,
    pub right: Vec<Inline>,
}

impl Marginal {
    pub fn is_empty(&self) -> bool {
        self.left.is_empty() && self.center.is_empty() && self.right.is_empty()
    }
}

/// A block with its stable id (demand id, `c1` for a considérant …).
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub id: Option<String>,
    pub kind: BlockKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum BlockKind {
    Heading {
        level: u8,
        style: String,
        inlines: Vec<Inline>,
    },
    Paragraph {
        style: String,
        inlines: Vec<Inline>,
    },
    List {
        style: String,
        marker: Marker,
        items: Vec<ListItem>,
    },
    /// Signatures side by side, by role.
    Signatures {
        style: String,
        signatures: Vec<Signature>,
    },
    /// Empty lines (ruled or not), for amendments written by hand.
    Blank {
        style: String,
        lines: u32,
        ruled: bool,
    },
    PageBreak,
}

impl Block {
    /// The paragraph style key of the block (`demand`, `title` …).
    pub fn style(&self) -> Option<&str> {
        match &self.kind {
            BlockKind::Heading { style, .. }
            | BlockKind::Paragraph { style, .. }
            | BlockKind::List { style, .. }
            | BlockKind::Signatures { style, .. }
            | BlockKind::Blank { style, .. } => Some(style),
            BlockKind::PageBreak => None,
        }
    }
}

/// How list items are marked.
#[derive(Debug, Clone, PartialEq)]
pub enum Marker {
    Bullet,
    /// « 1. », « 2. » … from `start`.
    Decimal {
        start: u32,
    },
    /// « Article 1er », « Artikel 1 » …
    Article {
        word: String,
        start: u32,
    },
}

impl Marker {
    /// The marker text of the item at `index` (0-based).
    pub fn label(&self, index: usize, lang: Lang) -> String {
        match self {
            Marker::Bullet => "–".to_string(),
            Marker::Decimal { start } => format!("{}.", *start as usize + index),
            Marker::Article { word, start } => {
                let n = *start as usize + index;
                match (lang, n) {
                    (Lang::Fr, 1) => format!("{word} 1er"),
                    _ => format!("{word} {n}"),
                }
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    pub id: Option<String>,
    pub inlines: Vec<Inline>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Signature {
    pub role: String,
    pub name: Option<String>,
}

/// Inline content.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    /// Text in a character style (`strong`, `emphasis`, `verb` …).
    Styled {
        style: String,
        children: Vec<Inline>,
    },
    LineBreak,
    Field(Field),
}

/// A value the page layout fills in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    PageNumber,
    PageCount,
}

/// The text of inlines, fields left out.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(t) => out.push_str(t),
            Inline::Styled { children, .. } => out.push_str(&plain_text(children)),
            Inline::LineBreak => out.push('\n'),
            Inline::Field(_) => {}
        }
    }
    out
}
