//! Document → pages: fonts, shaping, line breaking, hyphenation and pagination, down to
//! positioned glyph runs, rules and images that the PDF writer draws as they are.

pub mod linebreak;
mod paginate;
pub mod paragraph;
pub mod shape;

use crate::document::{Block, BlockKind, Document, Field, Inline, Marginal};
use crate::theme::{Align, Color, Style};
pub use paragraph::{Glyph, Run};
use paragraph::{Measure, layout as layout_paragraph};
use shape::Shaper;

/// Something the layout cannot do.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LayoutError {
    #[error("a font of the theme cannot be read")]
    Font,
    #[error("the font has no glyph for « {ch} » (U+{:04X})", *ch as u32)]
    MissingGlyph { ch: char, context: String },
}

/// Pages ready to draw, coordinates in points from the top-left corner, y downwards.
#[derive(Debug, Clone)]
pub struct Layout {
    pub width: f32,
    pub height: f32,
    pub pages: Vec<Page>,
    pub outline: Vec<OutlineEntry>,
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

/// Something drawn, and what it is for the tag tree.
#[derive(Debug, Clone)]
pub struct Element {
    pub role: Role,
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
pub enum Role {
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

/// Room left for a handwritten signature.
const SIGNING_SPACE: f32 = 40.0;

/// Lays out a document.
pub fn layout(doc: &Document) -> Result<Layout, LayoutError> {
    let theme = &doc.theme;
    let mut shaper = Shaper::new(&theme.fonts, doc.meta.lang.code())?;
    let mut builder = paginate::Flow::default();
    for (index, block) in doc.blocks.iter().enumerate() {
        block_chunks(doc, &mut shaper, index, block, &mut builder)?;
    }
    let page = &theme.page;
    let body_height = page.height.pt() - page.margin_top.pt() - page.margin_bottom.pt();
    let (mut pages, outline) = builder.paginate(body_height, page.margin_top.pt());

    let count = pages.len();
    for (n, p) in pages.iter_mut().enumerate() {
        if doc.line_numbers {
            number_lines(doc, &mut shaper, p)?;
        }
        marginal(
            doc,
            &mut shaper,
            &doc.header,
            Artifact::Header,
            n + 1,
            count,
            p,
        )?;
        marginal(
            doc,
            &mut shaper,
            &doc.footer,
            Artifact::Footer,
            n + 1,
            count,
            p,
        )?;
    }
    Ok(Layout {
        width: page.width.pt(),
        height: page.height.pt(),
        pages,
        outline,
    })
}

/// Distance from the top of a line box to its baseline: the glyphs' extent centred in the leading.
fn baseline_offset(shaper: &Shaper, style: &Style) -> f32 {
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

fn block_chunks(
    doc: &Document,
    shaper: &mut Shaper,
    index: usize,
    block: &Block,
    flow: &mut paginate::Flow,
) -> Result<(), LayoutError> {
    let theme = &doc.theme;
    let left = theme.page.margin_left.pt();
    let text_width = theme.text_width();
    let lang = doc.meta.lang;
    match &block.kind {
        BlockKind::Heading { style, inlines, .. } | BlockKind::Paragraph { style, inlines } => {
            let style = theme.style(style);
            let measure = text_width - style.indent_left - style.indent_right;
            let m = Measure {
                first: measure - style.indent_first,
                rest: measure,
            };
            let lines = layout_paragraph(shaper, inlines, style, theme, lang, m)?;
            let offset = baseline_offset(shaper, style);
            let n = lines.len();
            let mut chunks = Vec::with_capacity(n);
            for (k, line) in lines.into_iter().enumerate() {
                let measure_k = if k == 0 { m.first } else { m.rest };
                let indent = style.indent_left + if k == 0 { style.indent_first } else { 0.0 };
                let align = if style.align == Align::Justify {
                    Align::Left
                } else {
                    style.align
                };
                let x = left + indent + align_offset(align, measure_k, line.width);
                chunks.push(paginate::Chunk {
                    height: style.leading(),
                    elements: vec![Element {
                        role: Role::Content {
                            block: index,
                            part: Part::Text,
                        },
                        kind: ElementKind::Text {
                            x,
                            baseline: offset,
                            runs: line.runs,
                        },
                    }],
                    ..Default::default()
                });
            }
            let outline = match &block.kind {
                BlockKind::Heading { level, inlines, .. } => {
                    Some((*level, crate::document::plain_text(inlines)))
                }
                _ => None,
            };
            flow.push_paragraph(chunks, style, outline);
        }
        BlockKind::List {
            style,
            marker,
            items,
        } => {
            let style = theme.style(style);
            let measure = text_width - style.indent_left - style.indent_right;
            let offset = baseline_offset(shaper, style);
            let label_x = left + (style.indent_left - style.hanging).max(0.0);
            let reach = left + style.indent_left - label_x;
            let mut all = Vec::new();
            for (j, item) in items.iter().enumerate() {
                // The label ends with a space glyph reaching the text, like a tab, so text
                // extraction reads « 1. dénonce » as one line. A label wider than the hanging
                // indent (« Article 1er ») pushes the first line's text to the right.
                let label = format!("{} ", marker.label(j, lang));
                let mut label_runs = single_line(shaper, &[Inline::Text(label)], style, doc)?;
                let natural: f32 = label_runs.iter().map(Run::width).sum();
                // A wide label is followed by a word space and a quarter em, so it reads as
                // apart from the text it precedes (also for text extraction).
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
                let lines = layout_paragraph(shaper, &item.inlines, style, theme, lang, m)?;
                let mut chunks = Vec::with_capacity(lines.len());
                for (k, line) in lines.into_iter().enumerate() {
                    let mut elements = Vec::new();
                    if k == 0 {
                        elements.push(Element {
                            role: Role::Content {
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
                    elements.push(Element {
                        role: Role::Content {
                            block: index,
                            part: Part::Body(j),
                        },
                        kind: ElementKind::Text {
                            x: left + style.indent_left + if k == 0 { shift } else { 0.0 },
                            baseline: offset,
                            runs: line.runs,
                        },
                    });
                    chunks.push(paginate::Chunk {
                        height: style.leading(),
                        elements,
                        ..Default::default()
                    });
                }
                all.push(chunks);
            }
            flow.push_list(all, style);
        }
        BlockKind::Signatures { style, signatures } => {
            let style = theme.style(style);
            let offset = baseline_offset(shaper, style);
            let per_row = signatures.len().clamp(1, 3);
            let column = text_width / per_row as f32;
            let mut elements = Vec::new();
            let rows = signatures.len().div_ceil(per_row);
            let row_height = style.leading() * 2.0 + SIGNING_SPACE;
            for (i, s) in signatures.iter().enumerate() {
                let (row, col) = (i / per_row, i % per_row);
                let in_row = (signatures.len() - row * per_row).min(per_row);
                // A last row with fewer signatures is centred.
                let shift = (per_row - in_row) as f32 * column / 2.0;
                let x0 = left + shift + col as f32 * column;
                let y0 = row as f32 * row_height;
                for (text, dy) in [
                    (Some(&s.role), 0.0),
                    (s.name.as_ref(), style.leading() + SIGNING_SPACE),
                ] {
                    let Some(text) = text else { continue };
                    let runs = single_line(shaper, &[Inline::Text(text.clone())], style, doc)?;
                    let width: f32 = runs.iter().map(Run::width).sum();
                    elements.push(Element {
                        role: Role::Content {
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
            flow.push_unit(
                paginate::Chunk {
                    height: rows as f32 * row_height,
                    elements,
                    ..Default::default()
                },
                style,
            );
        }
        BlockKind::Blank {
            style,
            lines,
            ruled,
        } => {
            let style = theme.style(style);
            let offset = baseline_offset(shaper, style);
            let chunks = (0..*lines)
                .map(|_| paginate::Chunk {
                    height: style.leading(),
                    elements: if *ruled {
                        vec![Element {
                            role: Role::Artifact(Artifact::Layout),
                            kind: ElementKind::Rule {
                                x0: left + style.indent_left,
                                x1: left + text_width - style.indent_right,
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
                .collect();
            flow.push_lines(chunks, style);
        }
        BlockKind::PageBreak => flow.page_break(),
    }
    Ok(())
}

/// Runs of a text that never breaks (header, footer, list label, signature).
fn single_line(
    shaper: &mut Shaper,
    inlines: &[Inline],
    style: &Style,
    doc: &Document,
) -> Result<Vec<Run>, LayoutError> {
    let unbreakable = Style {
        align: Align::Left,
        hyphenate: false,
        ..style.clone()
    };
    let m = Measure {
        first: 1e7,
        rest: 1e7,
    };
    let lines = layout_paragraph(shaper, inlines, &unbreakable, &doc.theme, doc.meta.lang, m)?;
    Ok(lines.into_iter().flat_map(|l| l.runs).collect())
}

/// Replaces page fields by their values.
fn fill_fields(inlines: &[Inline], page: usize, count: usize) -> Vec<Inline> {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Field(Field::PageNumber) => Inline::Text(page.to_string()),
            Inline::Field(Field::PageCount) => Inline::Text(count.to_string()),
            Inline::Styled { style, children } => Inline::Styled {
                style: style.clone(),
                children: fill_fields(children, page, count),
            },
            other => other.clone(),
        })
        .collect()
}

/// Draws a header or footer on a page.
fn marginal(
    doc: &Document,
    shaper: &mut Shaper,
    m: &Marginal,
    artifact: Artifact,
    page: usize,
    count: usize,
    out: &mut Page,
) -> Result<(), LayoutError> {
    if m.is_empty() && !(m.logo && doc.logo.is_some()) {
        return Ok(());
    }
    let theme = &doc.theme;
    let style = theme.style(&m.style);
    let geometry = &theme.page;
    let left = geometry.margin_left.pt();
    let right = geometry.width.pt() - geometry.margin_right.pt();
    let baseline = match artifact {
        Artifact::Header => geometry.header_distance.pt(),
        _ => geometry.height.pt() - geometry.footer_distance.pt(),
    };
    let mut text_left = left;
    if let (true, Some(logo)) = (m.logo, &doc.logo) {
        let height = (style.font_size * 2.8).min(30.0);
        let width = height * logo.width as f32 / logo.height as f32;
        let (ascender, _) = shaper.vertical_metrics();
        let middle = baseline - ascender * style.font_size * 0.35;
        out.elements.push(Element {
            role: Role::Artifact(artifact),
            kind: ElementKind::Image {
                x: left,
                y: middle - height / 2.0,
                width,
                height,
            },
        });
        text_left += width + style.font_size * 0.8;
    }
    for (slot, inlines) in [
        (Align::Left, &m.left),
        (Align::Center, &m.center),
        (Align::Right, &m.right),
    ] {
        if inlines.is_empty() {
            continue;
        }
        let runs = single_line(shaper, &fill_fields(inlines, page, count), style, doc)?;
        let width: f32 = runs.iter().map(Run::width).sum();
        let x = match slot {
            Align::Left | Align::Justify => text_left,
            Align::Center => (left + right - width) / 2.0,
            Align::Right => right - width,
        };
        out.elements.push(Element {
            role: Role::Artifact(artifact),
            kind: ElementKind::Text { x, baseline, runs },
        });
    }
    if artifact == Artifact::Header {
        out.elements.push(Element {
            role: Role::Artifact(artifact),
            kind: ElementKind::Rule {
                x0: left,
                x1: right,
                y: baseline + style.font_size * 0.55,
                thickness: 0.4,
                color: style.color,
            },
        });
    }
    Ok(())
}

/// Every n-th body line of the page gets its number in the left margin (counted per page).
fn number_lines(doc: &Document, shaper: &mut Shaper, page: &mut Page) -> Result<(), LayoutError> {
    let every = doc.theme.line_numbers.every.max(1) as usize;
    let style = Style {
        font_size: 7.5,
        color: Color([0x70, 0x70, 0x70]),
        bold: false,
        italic: false,
        uppercase: false,
        ..doc.theme.style("body").clone()
    };
    let right = doc.theme.page.margin_left.pt() - 9.0;
    let baselines: Vec<f32> = page
        .elements
        .iter()
        .filter_map(|e| match (&e.kind, e.role) {
            (
                ElementKind::Text { baseline, .. },
                Role::Content {
                    part: Part::Text | Part::Body(_),
                    ..
                },
            ) => Some(*baseline),
            _ => None,
        })
        .collect();
    let mut lines: Vec<f32> = baselines;
    lines.sort_by(f32::total_cmp);
    lines.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    for (n, y) in lines.iter().enumerate() {
        let number = n + 1;
        if number % every != 0 {
            continue;
        }
        let runs = single_line(shaper, &[Inline::Text(number.to_string())], &style, doc)?;
        let width: f32 = runs.iter().map(Run::width).sum();
        page.elements.push(Element {
            role: Role::Artifact(Artifact::LineNumber),
            kind: ElementKind::Text {
                x: right - width,
                baseline: *y,
                runs,
            },
        });
    }
    Ok(())
}
