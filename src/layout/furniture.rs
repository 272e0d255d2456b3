//! Page furniture drawn on every page once pages are known: the header (council, logo, rule),
//! the footer (« Page X / Y ») and line numbers in the margin.

use super::paragraph::{self, Run};
use super::shape::Shaper;
use super::{Artifact, At, Element, ElementKind, LayoutError, Origin, Page, Part};
use crate::document::{Document, Field, Inline, Marginal};
use crate::theme::{Align, Color, Style};

/// The smallest size a header or footer is set in to fit its line.
const MIN_MARGINAL_SIZE: f32 = 6.0;

/// Header, footer and line numbers of page `number` of `count`.
pub fn draw(
    doc: &Document,
    shaper: &mut Shaper,
    page: &mut Page,
    number: usize,
    count: usize,
) -> Result<(), LayoutError> {
    if doc.line_numbers {
        number_lines(doc, shaper, page)?;
    }
    note_changes(doc, shaper, page)?;
    marginal(
        doc,
        shaper,
        &doc.header,
        Artifact::Header,
        number,
        count,
        page,
    )
    .map_err(|e| e.at(At::Header))?;
    marginal(
        doc,
        shaper,
        &doc.footer,
        Artifact::Footer,
        number,
        count,
        page,
    )
    .map_err(|e| e.at(At::Footer))
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
            Inline::Superscript(children) => {
                Inline::Superscript(fill_fields(children, page, count))
            }
            Inline::Change { change, children } => Inline::Change {
                change: change.clone(),
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
    let paper = &theme.page;
    let left = paper.margin_left.pt();
    let right = paper.width.pt() - paper.margin_right.pt();
    let baseline = match artifact {
        Artifact::Header => paper.header_distance.pt(),
        _ => paper.height.pt() - paper.footer_distance.pt(),
    };
    let geometry = theme.header_geometry(doc.logo.as_ref().map(|l| (l.width, l.height)));
    let mut text_left = left;
    if let (true, Some(_)) = (m.logo, &doc.logo) {
        let top = match artifact {
            Artifact::Header => geometry.logo_top,
            // In the footer, the logo stands on the footer's baseline.
            _ => baseline - geometry.logo_height,
        };
        out.elements.push(Element {
            origin: Origin::Artifact(artifact),
            kind: ElementKind::Image {
                x: left,
                y: top,
                width: geometry.logo_width,
                height: geometry.logo_height,
            },
        });
        text_left += geometry.logo_width + style.font_size * 0.8;
    }
    let slots = [
        (Align::Left, &m.left),
        (Align::Center, &m.center),
        (Align::Right, &m.right),
    ];
    let set = |shaper: &mut Shaper, style: &Style| -> Result<Vec<(Align, Vec<Run>)>, LayoutError> {
        let mut out = Vec::new();
        for (slot, inlines) in slots {
            if !inlines.is_empty() {
                let filled = fill_fields(inlines, page, count);
                out.push((
                    slot,
                    paragraph::single_line(shaper, &filled, style, theme, doc.meta.lang)?,
                ));
            }
        }
        Ok(out)
    };
    let mut laid = set(shaper, style)?;
    // A header too long for its line is set smaller, down to 6 pt; beyond, it is an error.
    let gap = style.font_size;
    let needed = |laid: &[(Align, Vec<Run>)]| -> f32 {
        laid.iter()
            .map(|(_, runs)| runs.iter().map(Run::width).sum::<f32>())
            .sum::<f32>()
            + gap * laid.len().saturating_sub(1) as f32
    };
    let room = right - text_left;
    let natural = needed(&laid);
    if natural > room {
        let size = style.font_size * room / natural;
        if size < MIN_MARGINAL_SIZE {
            return Err(LayoutError::TooWide {
                width: natural,
                room,
                at: None,
            });
        }
        let smaller = Style {
            font_size: size,
            ..style.clone()
        };
        laid = set(shaper, &smaller)?;
    }
    for (slot, runs) in laid {
        let width: f32 = runs.iter().map(Run::width).sum();
        let x = match slot {
            Align::Left | Align::Justify => text_left,
            Align::Center => (left + right - width) / 2.0,
            Align::Right => right - width,
        };
        out.elements.push(Element {
            origin: Origin::Artifact(artifact),
            kind: ElementKind::Text { x, baseline, runs },
        });
    }
    if artifact == Artifact::Header {
        out.elements.push(Element {
            origin: Origin::Artifact(artifact),
            kind: ElementKind::Rule {
                x0: left,
                x1: right,
                y: geometry.rule,
                thickness: 0.4,
                color: style.color,
            },
        });
    }
    Ok(())
}

/// Every n-th line of the motion's own text (preamble, considérants, formula, demands, vote:
/// the lines an amendment cites) gets its number in the left margin, counted per page; the
/// kicker, title, headings and ruled lines are not counted.
fn number_lines(doc: &Document, shaper: &mut Shaper, page: &mut Page) -> Result<(), LayoutError> {
    let every = doc.theme.line_numbers.every.max(1) as usize;
    let lines: Vec<f32> = numbered_lines(doc, page)
        .into_iter()
        .map(|(y, _)| y)
        .collect();
    let style = Style {
        font_size: 7.5,
        color: Color([0x70, 0x70, 0x70]),
        bold: false,
        italic: false,
        uppercase: false,
        ..doc.theme.style("body").clone()
    };
    let right = doc.theme.page.margin_left.pt() - 9.0;
    for (n, y) in lines.iter().enumerate() {
        let number = n + 1;
        if number % every != 0 {
            continue;
        }
        let runs = paragraph::single_line(
            shaper,
            &[Inline::Text(number.to_string())],
            &style,
            &doc.theme,
            doc.meta.lang,
        )?;
        let width: f32 = runs.iter().map(Run::width).sum();
        page.elements.push(Element {
            origin: Origin::Artifact(Artifact::LineNumber),
            kind: ElementKind::Text {
                x: right - width,
                baseline: *y,
                runs,
            },
        });
    }
    Ok(())
}

/// The lines of the motion's own text on a page, top to bottom, with where each comes from:
/// the lines line numbers count.
fn numbered_lines(doc: &Document, page: &Page) -> Vec<(f32, Origin)> {
    let mut lines: Vec<(f32, Origin)> = page
        .elements
        .iter()
        .filter_map(|e| match (&e.kind, e.origin) {
            (
                ElementKind::Text { baseline, .. },
                origin @ Origin::Content {
                    block,
                    part: Part::Text | Part::Body(_),
                },
            ) if doc
                .blocks
                .get(block)
                .is_some_and(|b| b.role.is_motion_text()) =>
            {
                Some((*baseline, origin))
            }
            _ => None,
        })
        .collect();
    lines.sort_by(|a, b| a.0.total_cmp(&b.0));
    lines.dedup_by(|a, b| (a.0 - b.0).abs() < 0.5);
    lines
}

/// For each clause id (a demand's, `considerant-2` …), the page and number of each of its
/// lines as the margin numbers them: what an amendment cites (« page 2, lignes 14–16 »).
pub fn clause_lines(
    doc: &Document,
    layout: &super::Layout,
) -> std::collections::BTreeMap<String, Vec<(usize, usize)>> {
    let mut out: std::collections::BTreeMap<String, Vec<(usize, usize)>> = Default::default();
    // Drawing the pages again cannot fail where the layout did not.
    let _ = layout.each_page(doc, |p, page| -> Result<(), super::LayoutError> {
        for (n, (_, origin)) in numbered_lines(doc, page).into_iter().enumerate() {
            let Origin::Content { block, part } = origin else {
                continue;
            };
            let Some(b) = doc.blocks.get(block) else {
                continue;
            };
            let id = match (part, &b.kind) {
                (Part::Body(j), crate::document::BlockKind::List { items, .. }) => {
                    items.get(j).and_then(|i| i.id.clone())
                }
                _ => b.id.clone(),
            };
            if let Some(id) = id {
                out.entry(id).or_default().push((p + 1, n + 1));
            }
        }
        Ok(())
    });
    out
}

/// Beside each line that carries a change, the change's id in the right margin (« A1 »,
/// « A1, A3 »): who changed what reads without colour, as the marks themselves do.
fn note_changes(doc: &Document, shaper: &mut Shaper, page: &mut Page) -> Result<(), LayoutError> {
    let mut lines: Vec<(f32, Vec<std::sync::Arc<str>>)> = Vec::new();
    for e in &page.elements {
        let (ElementKind::Text { baseline, runs, .. }, Origin::Content { .. }) =
            (&e.kind, e.origin)
        else {
            continue;
        };
        for id in runs.iter().filter_map(|r| r.change.clone()) {
            match lines.iter_mut().find(|(y, _)| (y - baseline).abs() < 0.5) {
                Some((_, ids)) if ids.contains(&id) => {}
                Some((_, ids)) => ids.push(id),
                None => lines.push((*baseline, vec![id])),
            }
        }
    }
    if lines.is_empty() {
        return Ok(());
    }
    let style = Style {
        font_size: 7.5,
        color: Color([0x40, 0x40, 0x40]),
        bold: true,
        italic: false,
        uppercase: false,
        ..doc.theme.style("body").clone()
    };
    let x = doc.theme.page.width.pt() - doc.theme.page.margin_right.pt() + 6.0;
    let room = (doc.theme.page.width.pt() - x - 4.0).max(1.0);
    for (baseline, ids) in lines {
        let label = ids
            .iter()
            .map(|i| i.as_ref())
            .collect::<Vec<_>>()
            .join(", ");
        let set = |shaper: &mut Shaper, style: &Style| {
            paragraph::single_line(
                shaper,
                &[Inline::Text(label.clone())],
                style,
                &doc.theme,
                doc.meta.lang,
            )
        };
        let mut runs = set(shaper, &style)?;
        // A long id (a council's name in a diff) is set smaller to stay in the margin.
        let width: f32 = runs.iter().map(Run::width).sum();
        if width > room {
            let smaller = Style {
                font_size: (style.font_size * room / width).max(3.0),
                ..style.clone()
            };
            runs = set(shaper, &smaller)?;
        }
        page.elements.push(Element {
            origin: Origin::Artifact(Artifact::LineNumber),
            kind: ElementKind::Text { x, baseline, runs },
        });
    }
    Ok(())
}
