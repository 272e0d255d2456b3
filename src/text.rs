//! Plain-text backend: UTF-8, wrapped at 72 columns, for e-mail and diffs.

use crate::document::{
    Block, BlockKind, Change, ChangeKind, Document, Inline, Marginal, PieceKind, pieces, plain_text,
};
use crate::theme::{Align, Style};

/// Width of the text, in columns.
pub const WIDTH: usize = 72;

/// Renders the document as plain text.
pub fn write(doc: &Document) -> String {
    let mut out = String::new();
    if let Some(line) = marginal_line(&doc.header) {
        out.push_str(&line);
        out.push_str("\n\n");
    }
    let mut first = true;
    for block in &doc.blocks {
        let text = block_text(doc, block);
        if text.is_empty() {
            continue;
        }
        if !first {
            out.push('\n');
        }
        first = false;
        out.push_str(&text);
    }
    out
}

/// Points to columns: a monospaced character is about 6pt wide at body size.
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "clamped at 0, and a page is a few hundred columns"
)]
fn cols(pt: f32) -> usize {
    (pt / 6.0).round().max(0.0) as usize
}

/// The text of inlines with change marks as `[+inserted+]` and `[-deleted-]`.
fn marked_text(inlines: &[Inline]) -> String {
    let mark = |c: &Change| match c.kind {
        ChangeKind::Insert => '+',
        ChangeKind::Delete => '-',
    };
    let mut out = String::new();
    let mut open: Option<&Change> = None;
    for piece in pieces(inlines) {
        if piece.change != open {
            if let Some(c) = open {
                out.push(mark(c));
                out.push(']');
            }
            if let Some(c) = piece.change {
                out.push('[');
                out.push(mark(c));
            }
            open = piece.change;
        }
        match piece.kind {
            PieceKind::Text(t) => out.push_str(t),
            PieceKind::LineBreak => out.push('\n'),
            PieceKind::Field(_) => {}
        }
    }
    if let Some(c) = open {
        out.push(mark(c));
        out.push(']');
    }
    out
}

fn styled_text(style: &Style, inlines: &[Inline]) -> String {
    let text = marked_text(inlines);
    if style.uppercase {
        text.to_uppercase()
    } else {
        text
    }
}

fn block_text(doc: &Document, block: &Block) -> String {
    let theme = &doc.theme;
    match &block.kind {
        BlockKind::Heading { style, inlines, .. } | BlockKind::Paragraph { style, inlines } => {
            let style = theme.style(style);
            let indent = " ".repeat(cols(style.indent_left));
            let first = " ".repeat(cols(style.indent_left + style.indent_first.max(0.0)));
            paragraph(&styled_text(style, inlines), style.align, &first, &indent)
        }
        BlockKind::List {
            style,
            marker,
            items,
        } => {
            let style = theme.style(style);
            let labels: Vec<String> = (0..items.len())
                .map(|i| marker.label(i, block.lang))
                .collect();
            let label_width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) + 1;
            let indent = cols((style.indent_left - style.hanging).max(0.0));
            let mut out = String::new();
            for (item, label) in items.iter().zip(&labels) {
                let first = format!("{}{label:<label_width$}", " ".repeat(indent));
                let rest = " ".repeat(indent + label_width);
                out.push_str(&paragraph(
                    &styled_text(style, &item.inlines),
                    Align::Left,
                    &first,
                    &rest,
                ));
            }
            out
        }
        BlockKind::Signatures { signatures, .. } => {
            // Up to three side by side, as on the page; each column keeps a space to its right.
            let mut out = String::new();
            for (r, row) in signatures.chunks(3).enumerate() {
                if r > 0 {
                    out.push('\n');
                }
                let width = WIDTH / row.len();
                let cell = |s: &str| {
                    let s: String = s.chars().take(width.saturating_sub(1)).collect();
                    center(&s, width - 1) + " "
                };
                for line in [
                    row.iter().map(|s| cell(&s.role)).collect::<String>(),
                    row.iter()
                        .map(|s| cell(s.name.as_deref().unwrap_or("")))
                        .collect::<String>(),
                ] {
                    let line = line.trim_end();
                    if !line.is_empty() {
                        out.push_str(line);
                        out.push('\n');
                    }
                }
            }
            out
        }
        BlockKind::Blank { lines, ruled, .. } => {
            let line = if *ruled {
                "_".repeat(WIDTH)
            } else {
                String::new()
            };
            let n = (*lines as usize).min(3);
            format!("{line}\n").repeat(n)
        }
        BlockKind::PageBreak => String::new(),
    }
}

/// Wraps and aligns a paragraph; explicit line breaks are kept.
fn paragraph(text: &str, align: Align, first_indent: &str, indent: &str) -> String {
    let mut out = String::new();
    let mut first = true;
    for segment in text.split('\n') {
        let options = textwrap::Options::new(WIDTH)
            .initial_indent(if first { first_indent } else { indent })
            .subsequent_indent(indent)
            .break_words(false);
        first = false;
        for line in textwrap::wrap(segment, options) {
            let line = match align {
                Align::Center => center(line.trim(), WIDTH),
                Align::Right => format!("{:>WIDTH$}", line.trim()),
                _ => line.into_owned(),
            };
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out
}

fn center(text: &str, width: usize) -> String {
    let len = text.chars().count();
    let pad = width.saturating_sub(len) / 2;
    format!(
        "{}{text}{}",
        " ".repeat(pad),
        " ".repeat(width.saturating_sub(len + pad))
    )
}

/// The header as one line: left text, right text pushed to the right margin.
fn marginal_line(m: &Marginal) -> Option<String> {
    if m.is_empty() {
        return None;
    }
    let left = plain_text(&m.left);
    let right = plain_text(&m.right);
    let center_text = plain_text(&m.center);
    let used = left.chars().count() + right.chars().count();
    let line = if center_text.is_empty() {
        format!(
            "{left}{}{right}",
            " ".repeat(WIDTH.saturating_sub(used).max(1))
        )
    } else {
        format!("{left}  {center_text}  {right}")
    };
    let line = line.trim().to_string();
    (!line.is_empty()).then_some(line)
}
