//! Lines into pages: orphans and widows (no single line of a paragraph alone at the top or
//! bottom of a page), keep-with-next for headings, the acting formula and the closing chain
//! (vote, « Fait à », signatures), unsplittable blocks, forced page breaks.

use super::{Anchor, Element, ElementKind, OutlineEntry, Page};
use crate::theme::Style;

/// Lines a paragraph keeps together at its start and its end (orphans and widows).
const KEEP_LINES: usize = 2;

/// Whether a page may break before a chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Brk {
    #[default]
    Allowed,
    Forbidden,
    Forced,
}

/// A vertical slice placed as a whole: a line, a signature block. Element y values are
/// relative to the chunk's top.
#[derive(Debug, Clone, Default)]
pub struct Chunk {
    pub height: f32,
    pub space_before: f32,
    pub elements: Vec<Element>,
    pub brk: Brk,
    pub outline: Option<(u8, String)>,
    /// Clause ids that start at this chunk.
    pub anchors: Vec<String>,
}

/// Pages filled, with the outline entries and anchors found on them.
#[derive(Debug, Default)]
pub struct Flowed {
    pub pages: Vec<Page>,
    pub outline: Vec<OutlineEntry>,
    pub anchors: Vec<Anchor>,
}

/// Breaks inside one paragraph: none in a kept-together block, none leaving fewer than
/// [`KEEP_LINES`] lines at either end.
fn keep_lines(lines: &mut [Chunk], style: &Style) {
    let n = lines.len();
    for (k, line) in lines.iter_mut().enumerate().skip(1) {
        line.brk = if style.keep_together || k < KEEP_LINES || n - k < KEEP_LINES {
            Brk::Forbidden
        } else {
            Brk::Allowed
        };
    }
}

/// Blocks as a flow of chunks, with the rules of where pages may break.
#[derive(Debug, Default)]
pub struct Flow {
    chunks: Vec<Chunk>,
    space_after: f32,
    keep_with_previous: bool,
    forced: bool,
}

impl Flow {
    /// Starts a block: the break before its first chunk honours the previous block.
    fn open(&mut self, chunk: &mut Chunk, style: &Style) {
        chunk.space_before = self.space_after + style.space_before;
        chunk.brk = if self.forced {
            Brk::Forced
        } else if self.keep_with_previous {
            Brk::Forbidden
        } else {
            Brk::Allowed
        };
        self.forced = false;
    }

    fn close(&mut self, style: &Style) {
        self.space_after = style.space_after;
        self.keep_with_previous = style.keep_with_next;
    }

    /// Lines of one paragraph or heading.
    pub fn push_paragraph(
        &mut self,
        mut lines: Vec<Chunk>,
        style: &Style,
        outline: Option<(u8, String)>,
    ) {
        if lines.is_empty() {
            return;
        }
        self.open(&mut lines[0], style);
        lines[0].outline = outline;
        keep_lines(&mut lines, style);
        self.chunks.extend(lines);
        self.close(style);
    }

    /// Items of a list, each a paragraph; `space_after` separates items.
    pub fn push_list(&mut self, items: Vec<Vec<Chunk>>, style: &Style) {
        let mut first = true;
        for mut lines in items {
            if lines.is_empty() {
                continue;
            }
            if first {
                self.open(&mut lines[0], style);
                first = false;
            } else {
                lines[0].space_before = style.space_after;
                lines[0].brk = if style.keep_together {
                    Brk::Forbidden
                } else {
                    Brk::Allowed
                };
            }
            keep_lines(&mut lines, style);
            self.chunks.extend(lines);
        }
        if !first {
            self.close(style);
        }
    }

    /// A block that is never split.
    pub fn push_unit(&mut self, mut chunk: Chunk, style: &Style) {
        self.open(&mut chunk, style);
        self.chunks.push(chunk);
        self.close(style);
    }

    /// Lines that may break anywhere (blank lines for amendments).
    pub fn push_lines(&mut self, mut lines: Vec<Chunk>, style: &Style) {
        if lines.is_empty() {
            return;
        }
        self.open(&mut lines[0], style);
        if style.keep_together {
            for line in lines.iter_mut().skip(1) {
                line.brk = Brk::Forbidden;
            }
        }
        self.chunks.extend(lines);
        self.close(style);
    }

    pub fn page_break(&mut self) {
        self.forced = true;
    }

    /// Fills pages of `body_height` points starting `top` points from the page's top edge.
    /// Greedy, but a page ends at the last chunk before which a break is allowed; a chain of
    /// kept chunks taller than a page is broken where it overflows.
    pub fn paginate(self, body_height: f32, top: f32) -> Flowed {
        let chunks = self.chunks;
        let mut breaks = vec![0];
        let mut start = 0;
        let mut used = 0.0;
        let mut i = 0;
        while i < chunks.len() {
            let chunk = &chunks[i];
            if i > start && chunk.brk == Brk::Forced {
                breaks.push(i);
                start = i;
                used = 0.0;
                continue;
            }
            let space = if i == start { 0.0 } else { chunk.space_before };
            if i == start || used + space + chunk.height <= body_height + 0.01 {
                used += space + chunk.height;
                i += 1;
                continue;
            }
            let end = (start + 1..=i)
                .rev()
                .find(|&j| chunks[j].brk != Brk::Forbidden)
                .unwrap_or(i);
            breaks.push(end);
            start = end;
            used = 0.0;
            i = end;
        }
        breaks.push(chunks.len());

        let mut pages = Vec::new();
        let mut outline = Vec::new();
        let mut anchors = Vec::new();
        let mut chunks = chunks.into_iter();
        for pair in breaks.windows(2) {
            let mut page = Page::default();
            let mut y = top;
            for (k, chunk) in chunks.by_ref().take(pair[1] - pair[0]).enumerate() {
                if k > 0 {
                    y += chunk.space_before;
                }
                for id in chunk.anchors {
                    anchors.push(Anchor {
                        id,
                        page: pages.len(),
                        y,
                    });
                }
                if let Some((level, title)) = chunk.outline {
                    outline.push(OutlineEntry {
                        level,
                        title,
                        page: pages.len(),
                        y,
                    });
                }
                for mut element in chunk.elements {
                    match &mut element.kind {
                        ElementKind::Text { baseline, .. } => *baseline += y,
                        ElementKind::Rule { y: ry, .. } => *ry += y,
                        ElementKind::Image { y: iy, .. } => *iy += y,
                    }
                    page.elements.push(element);
                }
                y += chunk.height;
            }
            pages.push(page);
        }
        if pages.is_empty() {
            pages.push(Page::default());
        }
        Flowed {
            pages,
            outline,
            anchors,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Origin, Part};

    fn style(keep_with_next: bool, keep_together: bool) -> Style {
        Style {
            key: "t".into(),
            name: "T".into(),
            font_size: 10.0,
            line_height: 1.0,
            align: crate::theme::Align::Left,
            space_before: 0.0,
            space_after: 0.0,
            indent_left: 0.0,
            indent_right: 0.0,
            indent_first: 0.0,
            hanging: 0.0,
            bold: false,
            italic: false,
            uppercase: false,
            color: crate::theme::Color::default(),
            keep_with_next,
            keep_together,
            hyphenate: true,
        }
    }

    /// `n` lines of height 10 belonging to block `block`.
    fn lines(block: usize, n: usize) -> Vec<Chunk> {
        (0..n)
            .map(|_| Chunk {
                height: 10.0,
                elements: vec![Element {
                    origin: Origin::Content {
                        block,
                        part: Part::Text,
                    },
                    kind: ElementKind::Text {
                        x: 0.0,
                        baseline: 8.0,
                        runs: Vec::new(),
                    },
                }],
                ..Chunk::default()
            })
            .collect()
    }

    /// Per page, the block of each line.
    fn blocks_per_page(pages: &[Page]) -> Vec<Vec<usize>> {
        pages
            .iter()
            .map(|p| {
                p.elements
                    .iter()
                    .filter_map(|e| match e.origin {
                        Origin::Content { block, .. } => Some(block),
                        _ => None,
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn no_orphan_at_the_bottom_of_a_page() {
        let mut flow = Flow::default();
        flow.push_paragraph(lines(0, 9), &style(false, false), None);
        flow.push_paragraph(lines(1, 5), &style(false, false), None);
        // Room for 10 lines: one line of paragraph 1 would be alone at the bottom.
        let pages = flow.paginate(100.0, 0.0).pages;
        assert_eq!(blocks_per_page(&pages), vec![vec![0; 9], vec![1; 5]]);
    }

    #[test]
    fn no_widow_at_the_top_of_a_page() {
        let mut flow = Flow::default();
        flow.push_paragraph(lines(0, 11), &style(false, false), None);
        // 11 lines in room for 10: the last line alone would be a widow, so 9 + 2.
        let pages = flow.paginate(100.0, 0.0).pages;
        assert_eq!(blocks_per_page(&pages), vec![vec![0; 9], vec![0; 2]]);
    }

    #[test]
    fn the_closing_chain_and_signatures_stay_together() {
        let mut flow = Flow::default();
        flow.push_paragraph(lines(0, 7), &style(false, false), None);
        flow.push_paragraph(lines(1, 1), &style(true, false), None); // vote
        flow.push_paragraph(lines(2, 1), &style(true, false), None); // « Fait à »
        let signatures = Chunk {
            height: 30.0,
            ..lines(3, 1).remove(0)
        };
        flow.push_unit(signatures, &style(false, true));
        let pages = flow.paginate(100.0, 0.0).pages;
        assert_eq!(blocks_per_page(&pages), vec![vec![0; 7], vec![1, 2, 3]]);
    }

    #[test]
    fn a_heading_is_kept_with_what_follows() {
        let mut flow = Flow::default();
        flow.push_paragraph(lines(0, 9), &style(false, false), None);
        flow.push_paragraph(lines(1, 1), &style(true, false), Some((2, "Titre".into())));
        flow.push_paragraph(lines(2, 4), &style(false, false), None);
        let Flowed { pages, outline, .. } = flow.paginate(100.0, 0.0);
        assert_eq!(
            blocks_per_page(&pages),
            vec![vec![0; 9], vec![1, 2, 2, 2, 2]]
        );
        assert_eq!(outline[0].page, 1);
    }

    #[test]
    fn forced_page_breaks() {
        let mut flow = Flow::default();
        flow.push_paragraph(lines(0, 2), &style(false, false), None);
        flow.page_break();
        flow.push_paragraph(lines(1, 2), &style(false, false), None);
        let pages = flow.paginate(100.0, 0.0).pages;
        assert_eq!(pages.len(), 2);
    }
}
