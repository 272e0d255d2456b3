//! JSON backend (`--format json`): the document model for councils' websites and other tools.
//! A stable, documented shape (README, « The JSON document »), versioned by `version`:
//! metadata, then the blocks in reading order with their role, clause id, language, style,
//! text, inline pieces and the place in the spec their text comes from.

use serde::Serialize;

use crate::document::{
    Block, BlockKind, ChangeKind, Document, Field, Inline, ListItem, Marginal, Marker, PieceKind,
    pieces, plain_text,
};
use crate::source::{Sources, Span};

/// The version of the JSON shape; bumped on any change that could break a reader.
pub const VERSION: u32 = 1;

/// Renders the document as pretty-printed JSON, spans resolved against `sources`.
pub fn write(doc: &Document, sources: &Sources) -> String {
    let out = JsonDocument {
        format: "motion-document",
        version: VERSION,
        meta: JsonMeta {
            title: &doc.meta.title,
            author: &doc.meta.author,
            subject: &doc.meta.subject,
            keywords: &doc.meta.keywords,
            lang: doc.meta.lang.code(),
            date: doc.meta.date.map(|d| d.to_string()),
            variant: doc.meta.variant.code(),
        },
        header: marginal(&doc.header),
        footer: marginal(&doc.footer),
        blocks: doc.blocks.iter().map(|b| block(b, sources)).collect(),
    };
    let mut text = serde_json::to_string_pretty(&out).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}

#[derive(Serialize)]
struct JsonDocument<'a> {
    format: &'static str,
    version: u32,
    meta: JsonMeta<'a>,
    header: Option<JsonMarginal>,
    footer: Option<JsonMarginal>,
    blocks: Vec<JsonBlock<'a>>,
}

#[derive(Serialize)]
struct JsonMeta<'a> {
    title: &'a str,
    author: &'a str,
    subject: &'a str,
    keywords: &'a [String],
    lang: &'static str,
    date: Option<String>,
    variant: &'static str,
}

#[derive(Serialize)]
struct JsonMarginal {
    left: Vec<JsonPiece>,
    center: Vec<JsonPiece>,
    right: Vec<JsonPiece>,
    logo: bool,
}

#[derive(Serialize)]
struct JsonBlock<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    role: &'static str,
    id: Option<&'a str>,
    lang: &'static str,
    style: Option<&'a str>,
    /// The text as it reads (deleted text left out), a list's items one per line.
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    level: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    inlines: Option<Vec<JsonPiece>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    marker: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    items: Option<Vec<JsonItem<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    signatures: Option<Vec<JsonSignature<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lines: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ruled: Option<bool>,
    source: Vec<JsonSource>,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    role: &'static str,
    id: Option<&'a str>,
    label: String,
    text: String,
    inlines: Vec<JsonPiece>,
    source: Vec<JsonSource>,
}

#[derive(Serialize)]
struct JsonSignature<'a> {
    role: &'a str,
    name: Option<&'a str>,
}

/// A run of inline content: text (or a line break, or a page field) and what applies to it.
#[derive(Serialize, Default)]
struct JsonPiece {
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(rename = "break", skip_serializing_if = "std::ops::Not::not")]
    line_break: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    styles: Vec<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    superscript: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    change: Option<JsonChange>,
}

#[derive(Serialize)]
struct JsonChange {
    kind: &'static str,
    id: String,
    author: Option<String>,
    date: Option<String>,
}

/// A place in a spec file: 1-based line and column (in characters) of both ends, and the
/// byte range.
#[derive(Serialize)]
struct JsonSource {
    file: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    start: usize,
    end: usize,
}

fn source(spans: &[Span], sources: &Sources) -> Vec<JsonSource> {
    spans
        .iter()
        .filter(|s| (s.file.0 as usize) < sources.len())
        .map(|s| {
            let file = sources.get(s.file);
            let (line, column) = file.line_col(s.range.start);
            let (end_line, end_column) = file.line_col(s.range.end);
            JsonSource {
                file: file.name.clone(),
                line,
                column,
                end_line,
                end_column,
                start: s.range.start,
                end: s.range.end,
            }
        })
        .collect()
}

fn json_pieces(inlines: &[Inline]) -> Vec<JsonPiece> {
    pieces(inlines)
        .into_iter()
        .map(|p| {
            let mut out = JsonPiece {
                styles: p.styles.iter().map(|s| s.to_string()).collect(),
                superscript: p.superscript,
                change: p.change.map(|c| JsonChange {
                    kind: match c.kind {
                        ChangeKind::Insert => "insert",
                        ChangeKind::Delete => "delete",
                    },
                    id: c.id.clone(),
                    author: c.author.clone(),
                    date: c.date.map(|d| d.to_string()),
                }),
                ..JsonPiece::default()
            };
            match p.kind {
                PieceKind::Text(t) => out.text = Some(t.to_string()),
                PieceKind::LineBreak => out.line_break = true,
                PieceKind::Field(Field::PageNumber) => out.field = Some("page-number"),
                PieceKind::Field(Field::PageCount) => out.field = Some("page-count"),
            }
            out
        })
        .collect()
}

fn marginal(m: &Marginal) -> Option<JsonMarginal> {
    (!m.is_empty() || m.logo).then(|| JsonMarginal {
        left: json_pieces(&m.left),
        center: json_pieces(&m.center),
        right: json_pieces(&m.right),
        logo: m.logo,
    })
}

fn item<'a>(
    block: &Block,
    marker: &Marker,
    i: usize,
    item: &'a ListItem,
    sources: &Sources,
) -> JsonItem<'a> {
    JsonItem {
        role: item.role.code(),
        id: item.id.as_deref(),
        label: marker.label(i, block.lang),
        text: plain_text(&item.inlines),
        inlines: json_pieces(&item.inlines),
        source: source(&item.source, sources),
    }
}

fn block<'a>(b: &'a Block, sources: &Sources) -> JsonBlock<'a> {
    let mut out = JsonBlock {
        kind: "paragraph",
        role: b.role.code(),
        id: b.id.as_deref(),
        lang: b.lang.code(),
        style: b.style(),
        text: b.text(),
        level: None,
        inlines: None,
        marker: None,
        items: None,
        signatures: None,
        lines: None,
        ruled: None,
        source: source(&b.source, sources),
    };
    match &b.kind {
        BlockKind::Heading { level, inlines, .. } => {
            out.kind = "heading";
            out.level = Some(*level);
            out.inlines = Some(json_pieces(inlines));
        }
        BlockKind::Paragraph { inlines, .. } => out.inlines = Some(json_pieces(inlines)),
        BlockKind::List { marker, items, .. } => {
            out.kind = "list";
            out.marker = Some(match marker {
                Marker::Bullet => "bullet",
                Marker::Decimal { .. } => "decimal",
                Marker::Article { .. } => "article",
            });
            out.items = Some(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, it)| item(b, marker, i, it, sources))
                    .collect(),
            );
        }
        BlockKind::Signatures { signatures, .. } => {
            out.kind = "signatures";
            out.signatures = Some(
                signatures
                    .iter()
                    .map(|s| JsonSignature {
                        role: &s.role,
                        name: s.name.as_deref(),
                    })
                    .collect(),
            );
        }
        BlockKind::Blank { lines, ruled, .. } => {
            out.kind = "blank";
            out.lines = Some(*lines);
            out.ruled = Some(*ruled);
        }
        BlockKind::PageBreak => out.kind = "page-break",
    }
    out
}
