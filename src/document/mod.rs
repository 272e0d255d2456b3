//! The document model every backend consumes (DESIGN.md §4): blocks that say what they are
//! (a role, the clause id they come from, their language, the spec text they were made from)
//! and inlines that may carry change marks. What one backend shows, the others show.

pub mod bilingual;
pub mod changes;
pub mod inline;
pub mod markup;
mod role;
pub mod typography;

use crate::source::Span;
use crate::theme::Theme;
pub use crate::vocab::{Date, Lang};
pub use inline::{Change, ChangeKind, Field, Inline, Piece, PieceKind, pieces, plain_text};
pub use role::Role;

/// Which document is produced from a spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// A draft put to the council: no vote, room for amendments.
    Projet,
    /// The extract of the register: vote, « Fait à », signatures, « Pour extrait conforme ».
    Extrait,
    /// The list of amendments tabled to the motion, each worded and quoted.
    Amendements,
}

impl Variant {
    pub fn code(self) -> &'static str {
        match self {
            Variant::Projet => "projet",
            Variant::Extrait => "extrait",
            Variant::Amendements => "amendements",
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
    /// Files the document carries (the spec it was made from, DESIGN.md §11).
    pub attachments: Vec<Attachment>,
}

/// A file embedded in the PDF (an associated file) and the DOCX (a custom XML part).
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    /// The file's name, as `motion extract` writes it: `forest.toml`.
    pub name: String,
    pub text: String,
    pub relation: Relation,
}

/// How an attachment relates to the document (PDF/A-3 `AFRelationship`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// The spec the document was rendered from.
    Source,
    /// What else the render read: the amendment file, the translation.
    Supplement,
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

pub use crate::image::ImageFormat;

/// A page header or footer: three slots on one line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Marginal {
    pub style: String,
    /// Draw the council's logo at the start of this marginal (`<logo/>` in the markup).
    pub logo: bool,
    pub left: Vec<Inline>,
    pub center: Vec<Inline>,
    pub right: Vec<Inline>,
    /// The spec texts the marginal shows (the council's short name …).
    pub source: Vec<Span>,
}

impl Marginal {
    pub fn is_empty(&self) -> bool {
        self.left.is_empty() && self.center.is_empty() && self.right.is_empty()
    }
}

/// A block and what it is: its role, the clause it comes from, its language and the spec
/// texts it was made from.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// The clause id (`garants`, `considerant-2`), for blocks that are one clause.
    pub id: Option<String>,
    pub role: Role,
    pub lang: Lang,
    /// Where the block's text was written in the spec (through `extends`), for diagnostics
    /// and for the JSON output; empty for text the template wrote itself.
    pub source: Vec<Span>,
    pub kind: BlockKind,
}

impl Block {
    /// A block of a role, in a language, with no id and no source yet.
    pub fn new(role: Role, lang: Lang, kind: BlockKind) -> Block {
        Block {
            id: None,
            role,
            lang,
            source: Vec::new(),
            kind,
        }
    }

    /// The paragraph style key of the block (`demands`, `title` …).
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

    /// The block's text, fields left out (a list's items one per line).
    pub fn text(&self) -> String {
        match &self.kind {
            BlockKind::Heading { inlines, .. } | BlockKind::Paragraph { inlines, .. } => {
                plain_text(inlines)
            }
            BlockKind::List { items, .. } => items
                .iter()
                .map(|i| plain_text(&i.inlines))
                .collect::<Vec<_>>()
                .join("\n"),
            BlockKind::Signatures { signatures, .. } => signatures
                .iter()
                .map(|s| match &s.name {
                    Some(name) => format!("{} {name}", s.role),
                    None => s.role.clone(),
                })
                .collect::<Vec<_>>()
                .join("\n"),
            BlockKind::Blank { .. } | BlockKind::PageBreak => String::new(),
        }
    }
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
                crate::vocab::article_label(word, *start as usize + index, lang)
            }
        }
    }
}

/// One item of a list; a demand is an item of the demands list.
#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    pub id: Option<String>,
    pub role: Role,
    pub source: Vec<Span>,
    pub inlines: Vec<Inline>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Signature {
    pub role: String,
    pub name: Option<String>,
}
