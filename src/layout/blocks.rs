//! Blocks into chunks for the page flow: paragraphs and headings line by line, lists item by
//! item with their labels, signatures as one unsplittable unit, ruled blank lines.

use super::paginate::{Chunk, Flow};
use super::paragraph::{self, Decoration, Measure, Run};
use super::shape::{Shaper, face_id};
use super::{At, Element, ElementKind, LayoutError, Origin, Part};
use crate::document::{Block, BlockKind, Document, Inline, ListItem, Marker, Role, Signature};
use crate::theme::{Align, Style};

/// Room left for a handwritten signature.
const SIGNING_SPACE: f32 = 40.0;
/// Space between two rows of signatures, in lines: a row's names never sit under the next
/// row's roles.
const SIGNATURE_ROW_GAP: f32 = 1.5;

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
            let mut rows = signature_rows(doc, shaper, block, index, style, signatures)?;
            if let Some(first) = rows.first_mut() {
                first.anchors.extend(block.id.clone());
            }
            flow.push_rows(rows, style, SIGNATURE_ROW_GAP * style.leading());
        }
        BlockKind::Blank {
            style,
            lines,
            ruled,
        } => {
            let style = theme.style(style);
            let mut lines = blank_lines(doc, shaper, style, *lines, *ruled);
            if block.role == Role::AmendmentRoom {
                // The room takes what the last page has left, at least `lines` rules.
                let min = u32::try_from(lines.len()).unwrap_or(u32::MAX);
                if let Some(line) = lines.drain(..).next() {
                    flow.push_fill(line, min, index, style);
                }
            } else {
                flow.push_lines(lines, style);
            }
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
                hyphenated: line.hyphenated,
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
    let (label_x, label_runs, shift) = list_label(doc, shaper, block, style, marker, j, left)?;
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
        let hyphenated = line.hyphenated;
        elements.extend(text_elements(shaper, body, x, offset, line.runs));
        chunks.push(Chunk {
            height: style.leading(),
            hyphenated,
            elements,
            ..Default::default()
        });
    }
    Ok(chunks)
}

/// The label of list item `j`: where it starts, its runs (ending with a space glyph that
/// reaches the text, like a tab, so text extraction reads « 1. dénonce » as one line) and how
/// far it pushes the first line's text to the right.
///
/// Numbers are right-aligned on their full stop (« 9. » and « 10. » end at the same place,
/// the gap to the verb unchanged); a label wider than the hanging indent (« Article 1er »)
/// pushes the text right; no label starts in the margin.
fn list_label(
    doc: &Document,
    shaper: &mut Shaper,
    block: &Block,
    style: &Style,
    marker: &Marker,
    j: usize,
    left: f32,
) -> Result<(f32, Vec<Run>, f32), LayoutError> {
    let theme = &doc.theme;
    let label = marker.label(j, block.lang);
    let mut runs =
        paragraph::single_line(shaper, &[Inline::Text(label)], style, theme, block.lang)?;
    let width = |runs: &[Run]| runs.iter().map(Run::width).sum::<f32>();
    let natural = width(&runs);
    let space = {
        let face = face_id(style.bold, style.italic);
        let shaped = shaper.shape(face, " ")?;
        shaped.advance(0..shaped.glyphs.len()) as f32 * shaper.scale(face, style.font_size)
    };
    let text_x = left + style.indent_left;
    let start = left + (style.indent_left - style.hanging).max(0.0);
    let (x, advance) = match marker {
        Marker::Decimal { .. } => {
            // The right edge of a one-digit number sets the column all numbers end at.
            let reference = width(&paragraph::single_line(
                shaper,
                &[Inline::Text("0.".into())],
                style,
                theme,
                block.lang,
            )?);
            let gap = (style.hanging - reference).max(space);
            let x = (text_x - gap - natural).max(left);
            (x, (text_x - x - natural).max(space))
        }
        Marker::Bullet | Marker::Article { .. } => {
            let reach = text_x - start;
            // A wide label is followed by a word space and a quarter em.
            let gap = if natural + space > reach {
                style.font_size * 0.25 + space
            } else {
                reach - natural
            };
            (start, gap)
        }
    };
    paragraph::append_space(shaper, &mut runs, advance)?;
    let shift = (x + natural + advance - text_x).max(0.0);
    Ok((x, runs, shift))
}

/// Signatures side by side, up to three a row, each row one unsplittable chunk; an incomplete
/// last row is centred. A role or name wider than its column wraps inside it.
fn signature_rows(
    doc: &Document,
    shaper: &mut Shaper,
    block: &Block,
    index: usize,
    style: &Style,
    signatures: &[Signature],
) -> Result<Vec<Chunk>, LayoutError> {
    let theme = &doc.theme;
    let left = theme.page.margin_left.pt();
    let text_width = theme.text_width();
    let offset = baseline_offset(shaper, style);
    let per_row = signatures.len().clamp(1, 3);
    let column = text_width / per_row as f32;
    // A little air between columns, so two long roles never touch.
    let measure = Measure {
        first: column - style.font_size * 0.5,
        rest: column - style.font_size * 0.5,
    };
    let centred = Style {
        align: Align::Center,
        ..style.clone()
    };
    let lay = |shaper: &mut Shaper, text: &str, measure: Measure| {
        paragraph::layout(
            shaper,
            &[Inline::Text(text.to_string())],
            &centred,
            theme,
            block.lang,
            measure,
        )
    };
    let mut rows = Vec::new();
    for (row, group) in signatures.chunks(per_row).enumerate() {
        let shift = (per_row - group.len()) as f32 * column / 2.0;
        // An incomplete row is centred: its signatures may spread into the room it leaves.
        let spread = if group.len() < per_row {
            let wide = text_width / group.len() as f32 - style.font_size;
            Measure {
                first: wide.min(column * 1.5),
                rest: wide.min(column * 1.5),
            }
        } else {
            measure
        };
        let mut laid = Vec::with_capacity(group.len());
        for s in group {
            let role = lay(shaper, &s.role, spread)?;
            let name = match &s.name {
                Some(name) => lay(shaper, name, spread)?,
                None => Vec::new(),
            };
            laid.push((role, name));
        }
        // The names of a row share a baseline, under the longest role and the room to sign.
        let role_lines = laid.iter().map(|(r, _)| r.len()).max().unwrap_or(0).max(1);
        let name_lines = laid.iter().map(|(_, n)| n.len()).max().unwrap_or(0).max(1);
        let names_top = role_lines as f32 * style.leading() + SIGNING_SPACE;
        let mut elements = Vec::new();
        for (col, (role, name)) in laid.into_iter().enumerate() {
            let x0 = left + shift + col as f32 * column;
            let origin = Origin::Content {
                block: index,
                part: Part::Signature(row * per_row + col),
            };
            for (lines, top) in [(role, 0.0), (name, names_top)] {
                for (k, line) in lines.into_iter().enumerate() {
                    let x = x0 + ((column - line.width) / 2.0).max(0.0);
                    let baseline = top + k as f32 * style.leading() + offset;
                    elements.extend(text_elements(shaper, origin, x, baseline, line.runs));
                }
            }
        }
        rows.push(Chunk {
            height: names_top + name_lines as f32 * style.leading(),
            elements,
            ..Default::default()
        });
    }
    Ok(rows)
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
