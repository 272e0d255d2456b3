//! Blocks into chunks for the page flow: paragraphs and headings line by line, lists item by
//! item with their labels, signatures as one unsplittable unit, ruled blank lines.

use super::paginate::{self, Chunk, Flow};
use super::paragraph::{self, Decoration, Measure, Run};
use super::shape::Shaper;
use super::{At, Element, ElementKind, LayoutError, Origin, Part};
use crate::document::{Block, BlockKind, Document, Inline, ListItem, Marker, Signature};
use crate::theme::{Align, Style};

/// Room left for a handwritten signature.
const SIGNING_SPACE: f32 = 40.0;

/// Adds a block to the flow.
pub fn push_block(
    doc: &Document,
    shaper: &mut Shaper,
    index: usize,
    block: &Block,
    flow: &mut Flow,
) -> Result<(), LayoutError> {
    let theme = &doc.theme;
    match &block.kind {
        BlockKind::Heading { style, inlines, .. } | BlockKind::Paragraph { style, inlines } => {
            let style = theme.style(style);
            let mut lines = paragraph_lines(doc, shaper, block, index, style, inlines)?;
            let outline = match &block.kind {
                BlockKind::Heading { level, inlines, .. } => {
                    Some((*level, crate::document::plain_text(inlines)))
                }
                _ => None,
            };
            if let (Some(first), Some(id)) = (lines.first_mut(), &block.id) {
                first.anchors.push(id.clone());
            }
            flow.push_paragraph(lines, style, outline);
        }
        BlockKind::List {
            style,
            marker,
            items,
        } => {
            let style = theme.style(style);
            let mut all = Vec::with_capacity(items.len());
            for (j, item) in items.iter().enumerate() {
                let mut lines = list_item_lines(doc, shaper, block, index, style, marker, j, item)
                    .map_err(|e| e.at(At::Item(index, j)))?;
                if let Some(first) = lines.first_mut() {
                    if j == 0 {
                        first.anchors.extend(block.id.clone());
                    }
                    first.anchors.extend(item.id.clone());
                }
                all.push(lines);
            }
            flow.push_list(all, style);
        }
        BlockKind::Signatures { style, signatures } => {
            let style = theme.style(style);
            let mut chunk = signatures_chunk(doc, shaper, block, index, style, signatures)?;
            chunk.anchors.extend(block.id.clone());
            flow.push_unit(chunk, style);
        }
        BlockKind::Blank {
            style,
            lines,
            ruled,
        } => {
            let style = theme.style(style);
            flow.push_lines(blank_lines(doc, shaper, style, *lines, *ruled), style);
        }
        BlockKind::PageBreak => flow.page_break(),
    }
    Ok(())
}

/// Distance from the top of a line box to its baseline: the glyphs' extent centred in the leading.
pub fn baseline_offset(shaper: &Shaper, style: &Style) -> f32 {
    let (ascender, descender) = shaper.vertical_metrics();
    let content = (ascender - descender) * style.font_size;
    (style.leading() - content) / 2.0 + ascender * style.font_size
}

fn align_offset(align: Align, measure: f32, width: f32) -> f32 {
    match align {
        Align::Center => ((measure - width) / 2.0).max(0.0),
        Align::Right => (measure - width).max(0.0),
        Align::Left | Align::Justify => 0.0,
    }
}

/// A line of text as elements: the runs, then a rule under or through every decorated run.
pub fn text_elements(
    shaper: &Shaper,
    origin: Origin,
    x: f32,
    baseline: f32,
    runs: Vec<Run>,
) -> Vec<Element> {
    let mut rules = Vec::new();
    for run in &runs {
        let Some(decoration) = run.decoration else {
            continue;
        };
        let (offset, thickness) = shaper.decoration_metrics(run.face, decoration);
        // Through a superscript, the strike follows the raised glyphs.
        let size = run.size;
        let rise = if decoration == Decoration::Strike {
            run.rise
        } else {
            0.0
        };
        rules.push(Element {
            origin: Origin::Artifact(super::Artifact::Layout),
            kind: ElementKind::Rule {
                x0: x + run.x,
                x1: x + run.x + run.width(),
                y: baseline - rise + offset * size,
                thickness: (thickness * size).max(0.4),
                color: run.color,
            },
        });
    }
    let mut out = vec![Element {
        origin,
        kind: ElementKind::Text { x, baseline, runs },
    }];
    out.extend(rules);
    out
}

fn paragraph_lines(
    doc: &Document,
    shaper: &mut Shaper,
    block: &Block,
    index: usize,
    style: &Style,
    inlines: &[Inline],
) -> Result<Vec<Chunk>, LayoutError> {
    let theme = &doc.theme;
    let left = theme.page.margin_left.pt();
    let measure = theme.text_width() - style.indent_left - style.indent_right;
    let m = Measure {
        first: measure - style.indent_first,
        rest: measure,
    };
    let lines = paragraph::layout(shaper, inlines, style, theme, block.lang, m)?;
    let offset = baseline_offset(shaper, style);
    // Justified lines are full; their ragged last line starts at the left like the others.
    let align = if style.align == Align::Justify {
        Align::Left
    } else {
        style.align
    };
    let origin = Origin::Content {
        block: index,
        part: Part::Text,
    };
    Ok(lines
        .into_iter()
        .enumerate()
        .map(|(k, line)| {
            let (measure_k, indent) = if k == 0 {
                (m.first, style.indent_left + style.indent_first)
            } else {
                (m.rest, style.indent_left)
            };
            let x = left + indent + align_offset(align, measure_k, line.width);
            Chunk {
                height: style.leading(),
                elements: text_elements(shaper, origin, x, offset, line.runs),
                ..Default::default()
            }
        })
        .collect())
}

/// The lines of one list item, the first with its label in the hanging indent.
#[allow(clippy::too_many_arguments)]
fn list_item_lines(
    doc: &Document,
    shaper: &mut Shaper,
    block: &Block,
    index: usize,
    style: &Style,
    marker: &Marker,
    j: usize,
    item: &ListItem,
) -> Result<Vec<Chunk>, LayoutError> {
    let theme = &doc.theme;
    let left = theme.page.margin_left.pt();
    let measure = theme.text_width() - style.indent_left - style.indent_right;
    let offset = baseline_offset(shaper, style);
    let label_x = left + (style.indent_left - style.hanging).max(0.0);
    let reach = left + style.indent_left - label_x;
    // The label ends with a space glyph reaching the text, like a tab, so text extraction
    // reads « 1. dénonce » as one line. A label wider than the hanging indent
    // (« Article 1er ») pushes the first line's text to the right.
    let label = format!("{} ", marker.label(j, block.lang));
    let mut label_runs =
        paragraph::single_line(shaper, &[Inline::Text(label)], style, theme, block.lang)?;
    let natural: f32 = label_runs.iter().map(Run::width).sum();
    // A wide label is followed by a word space and a quarter em, so it reads as apart from
    // the text it precedes (also for text extraction).
    let gap = if natural > reach {
        style.font_size * 0.25
    } else {
        0.0
    };
    let shift = (natural - reach).max(0.0) + gap;
    if let Some(space) = label_runs.last_mut().and_then(|r| r.glyphs.last_mut()) {
        space.advance += (reach - natural).max(0.0) + gap;
    }
    let m = Measure {
        first: measure - shift,
        rest: measure,
    };
    let lines = paragraph::layout(shaper, &item.inlines, style, theme, block.lang, m)?;
    let body = Origin::Content {
        block: index,
        part: Part::Body(j),
    };
    let mut chunks = Vec::with_capacity(lines.len());
    for (k, line) in lines.into_iter().enumerate() {
        let mut elements = Vec::new();
        if k == 0 {
            elements.push(Element {
                origin: Origin::Content {
                    block: index,
                    part: Part::Label(j),
                },
                kind: ElementKind::Text {
                    x: label_x,
                    baseline: offset,
                    runs: label_runs.clone(),
                },
            });
        }
        let x = left + style.indent_left + if k == 0 { shift } else { 0.0 };
        elements.extend(text_elements(shaper, body, x, offset, line.runs));
        chunks.push(Chunk {
            height: style.leading(),
            elements,
            ..Default::default()
        });
    }
    Ok(chunks)
}

/// Signatures side by side, up to three a row; an incomplete last row is centred.
fn signatures_chunk(
    doc: &Document,
    shaper: &mut Shaper,
    block: &Block,
    index: usize,
    style: &Style,
    signatures: &[Signature],
) -> Result<Chunk, LayoutError> {
    let theme = &doc.theme;
    let left = theme.page.margin_left.pt();
    let text_width = theme.text_width();
    let offset = baseline_offset(shaper, style);
    let per_row = signatures.len().clamp(1, 3);
    let column = text_width / per_row as f32;
    let rows = signatures.len().div_ceil(per_row);
    let row_height = style.leading() * 2.0 + SIGNING_SPACE;
    let mut elements = Vec::new();
    for (i, s) in signatures.iter().enumerate() {
        let (row, col) = (i / per_row, i % per_row);
        let in_row = (signatures.len() - row * per_row).min(per_row);
        let shift = (per_row - in_row) as f32 * column / 2.0;
        let x0 = left + shift + col as f32 * column;
        let y0 = row as f32 * row_height;
        for (text, dy) in [
            (Some(&s.role), 0.0),
            (s.name.as_ref(), style.leading() + SIGNING_SPACE),
        ] {
            let Some(text) = text else { continue };
            let runs = paragraph::single_line(
                shaper,
                &[Inline::Text(text.clone())],
                style,
                theme,
                block.lang,
            )?;
            let width: f32 = runs.iter().map(Run::width).sum();
            elements.push(Element {
                origin: Origin::Content {
                    block: index,
                    part: Part::Signature(i),
                },
                kind: ElementKind::Text {
                    x: x0 + ((column - width) / 2.0).max(0.0),
                    baseline: y0 + dy + offset,
                    runs,
                },
            });
        }
    }
    Ok(paginate::Chunk {
        height: rows as f32 * row_height,
        elements,
        ..Default::default()
    })
}

/// Empty lines for handwritten amendments, ruled or not.
fn blank_lines(
    doc: &Document,
    shaper: &Shaper,
    style: &Style,
    lines: u32,
    ruled: bool,
) -> Vec<Chunk> {
    let theme = &doc.theme;
    let left = theme.page.margin_left.pt();
    let offset = baseline_offset(shaper, style);
    (0..lines)
        .map(|_| Chunk {
            height: style.leading(),
            elements: if ruled {
                vec![Element {
                    origin: Origin::Artifact(super::Artifact::Layout),
                    kind: ElementKind::Rule {
                        x0: left + style.indent_left,
                        x1: left + theme.text_width() - style.indent_right,
                        y: offset + 2.0,
                        thickness: 0.5,
                        color: style.color,
                    },
                }]
            } else {
                Vec::new()
            },
            ..Default::default()
        })
        .collect()
}
