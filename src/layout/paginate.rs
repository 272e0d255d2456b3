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
    /// A line that ends with a hyphen the break added.
    pub hyphenated: bool,
    /// Room that takes what the page has left: this chunk's elements are one line of it,
    /// repeated; `height` is its smallest size.
    pub fill: Option<Fill>,
    /// The block whose content the chunk draws, kept when a light flow drops the elements
    /// (an error names it).
    pub block: Option<usize>,
}

impl Chunk {
    fn content_block(&self) -> Option<usize> {
        self.block.or_else(|| {
            self.elements.iter().find_map(|e| match e.origin {
                super::Origin::Content { block, .. } => Some(block),
                _ => None,
            })
        })
    }
}

/// The elastic room for handwritten amendments: at least `min` lines of `line` points.
#[derive(Debug, Clone, Copy)]
pub struct Fill {
    pub line: f32,
    pub min: u32,
    /// The lowest ink of a line (its rule), from the line's top.
    pub ink: f32,
    /// The block it draws.
    pub block: usize,
}

/// Pages filled, with the outline entries and anchors found on them.
#[derive(Debug, Default)]
pub struct Flowed {
    pub pages: Vec<Page>,
    pub outline: Vec<OutlineEntry>,
    pub anchors: Vec<Anchor>,
    /// Lines each filling block (the amendment room) took, by block index.
    pub fills: Vec<(usize, u32)>,
    /// Where the pages break: what drawing the pages again needs.
    pub breaks: Breaks,
}

/// Where pages start (chunk indices, then the flow's end), and how many lines each filling
/// chunk takes, by chunk index.
#[derive(Debug, Clone, Default)]
pub struct Breaks {
    pub starts: Vec<usize>,
    pub fills: Vec<(usize, u32)>,
}

/// Breaks inside one paragraph: none in a kept-together block, none leaving fewer than
/// [`KEEP_LINES`] lines at either end.
/// A page never breaks after a hyphenated line (« né-/cessité » across two pages) unless the
/// paragraph leaves no other choice.
fn keep_lines(lines: &mut [Chunk], style: &Style) {
    let n = lines.len();
    for k in 1..n {
        let after_hyphen = lines[k - 1].hyphenated;
        lines[k].brk =
            if style.keep_together || k < KEEP_LINES || n - k < KEEP_LINES || after_hyphen {
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
    /// Chunks kept drawn at most: past it, the flow keeps only what pagination needs
    /// (heights, breaks, outline, anchors) and the pages are drawn again one at a time.
    keep_drawn: Option<usize>,
    /// The flow dropped what its chunks draw.
    light: bool,
}

impl Flow {
    /// A flow that stops keeping what its chunks draw once it holds more than `chunks`.
    pub fn keeping_drawn(chunks: usize) -> Flow {
        Flow {
            keep_drawn: Some(chunks),
            ..Flow::default()
        }
    }

    /// Whether the flow dropped what its chunks draw (a long document).
    pub fn is_light(&self) -> bool {
        self.light
    }

    /// Adds chunks, dropping what they draw in a light flow.
    fn extend(&mut self, chunks: Vec<Chunk>) {
        let mut from = self.chunks.len();
        self.chunks.extend(chunks);
        for chunk in &mut self.chunks[from..] {
            chunk.block = chunk.content_block();
        }
        if !self.light && self.keep_drawn.is_some_and(|n| self.chunks.len() > n) {
            // Turning light: what every chunk so far draws goes too.
            self.light = true;
            from = 0;
        }
        if self.light {
            for chunk in &mut self.chunks[from..] {
                chunk.elements = Vec::new();
            }
        }
    }

    /// The first `n` chunks, taken out of the flow (the pages drawn one at a time).
    pub fn take_front(&mut self, n: usize) -> Vec<Chunk> {
        self.chunks.drain(..n.min(self.chunks.len())).collect()
    }

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
        self.extend(lines);
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
            self.extend(lines);
        }
        if !first {
            self.close(style);
        }
    }

    /// Rows of a block (signatures), each never split, `gap` apart. A kept-together block
    /// breaks between rows only when it is taller than a page.
    pub fn push_rows(&mut self, mut rows: Vec<Chunk>, style: &Style, gap: f32) {
        let Some(first) = rows.first_mut() else {
            return;
        };
        self.open(first, style);
        for row in rows.iter_mut().skip(1) {
            row.space_before = gap;
            row.brk = if style.keep_together {
                Brk::Forbidden
            } else {
                Brk::Allowed
            };
        }
        self.extend(rows);
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
        self.extend(lines);
        self.close(style);
    }

    /// A room that fills what the last page has left, at least `min` lines, and never starts
    /// a page alone: it is kept with what precedes it.
    pub fn push_fill(&mut self, mut line: Chunk, min: u32, block: usize, style: &Style) {
        self.open(&mut line, style);
        line.brk = if line.brk == Brk::Forced {
            Brk::Forced
        } else {
            Brk::Forbidden
        };
        let min = min.max(1);
        let ink = line
            .elements
            .iter()
            .map(|e| match e.kind {
                ElementKind::Rule { y, thickness, .. } => y + thickness / 2.0,
                ElementKind::Text { baseline, .. } => baseline,
                ElementKind::Image { y, height, .. } => y + height,
            })
            .fold(0.0, f32::max)
            .min(line.height);
        line.fill = Some(Fill {
            line: line.height,
            min,
            ink,
            block,
        });
        line.height *= min as f32;
        self.extend(vec![line]);
        self.close(style);
    }

    pub fn page_break(&mut self) {
        self.forced = true;
    }

    /// Lets a page break after the last block although its style keeps it with the next.
    pub fn release_keep(&mut self) {
        self.keep_with_previous = false;
    }

    /// How many chunks the flow holds.
    pub fn len(&self) -> usize {
        self.chunks.len()
    }

    pub fn into_chunks(self) -> Vec<Chunk> {
        self.chunks
    }

    /// A flow of chunks already laid out and given their breaks.
    pub fn from_chunks(chunks: Vec<Chunk>) -> Flow {
        Flow {
            chunks,
            ..Flow::default()
        }
    }

    /// Fills pages of `body_height` points starting `top` points from the page's top edge.
    /// Greedy, but a page ends at the last chunk before which a break is allowed; a chain of
    /// kept chunks taller than a page is broken where it overflows. A chunk taller than a
    /// page is an error: nothing is ever drawn off the page.
    pub fn paginate(self, body_height: f32, top: f32) -> Result<Flowed, TooTall> {
        let chunks = self.chunks;
        if let Some(chunk) = chunks.iter().find(|c| c.height > body_height + 0.01) {
            return Err(TooTall {
                height: chunk.height,
                room: body_height,
                origin: chunk.content_block(),
            });
        }
        let (starts, fills) = break_pages(&chunks, body_height);
        let breaks = Breaks { starts, fills };
        let mut flowed = Flowed::default();
        let mut chunks = chunks.into_iter().enumerate();
        for pair in breaks.starts.windows(2) {
            let chunks = chunks.by_ref().take(pair[1] - pair[0]);
            let page = place_page(chunks, flowed.pages.len(), &breaks, top, &mut flowed);
            flowed.pages.push(page);
        }
        if flowed.pages.is_empty() {
            flowed.pages.push(Page::default());
        }
        flowed.breaks = breaks;
        Ok(flowed)
    }
}

/// A chunk that no page can hold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TooTall {
    pub height: f32,
    pub room: f32,
    /// The block it belongs to.
    pub origin: Option<usize>,
}

/// Where pages start (chunk indices, then the end), and how many lines each fill takes.
fn break_pages(chunks: &[Chunk], body_height: f32) -> (Vec<usize>, Vec<(usize, u32)>) {
    let mut breaks = vec![0];
    let mut fills: Vec<(usize, u32)> = Vec::new();
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
            if let Some(fill) = chunk.fill {
                // The room takes every line whose rule is on the page.
                let left = body_height - used - space;
                #[expect(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "non-negative (left ≥ ink) and at most a page of rules"
                )]
                let lines = if left >= fill.ink {
                    ((left - fill.ink + 0.01) / fill.line).floor() as u32 + 1
                } else {
                    0
                };
                let lines = lines.max(fill.min);
                fills.retain(|(k, _)| *k != i);
                fills.push((i, lines));
                used += space + lines as f32 * fill.line;
            } else {
                used += space + chunk.height;
            }
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
    (breaks, fills)
}

/// Places the chunks of one page (with their indices in the flow): y positions from `top`;
/// outline entries, anchors and the lines of fills go to `flowed`, on page `number`.
pub fn place_page(
    chunks: impl Iterator<Item = (usize, Chunk)>,
    number: usize,
    breaks: &Breaks,
    top: f32,
    flowed: &mut Flowed,
) -> Page {
    let mut page = Page::default();
    let mut y = top;
    for (k, (index, chunk)) in chunks.enumerate() {
        if k > 0 {
            y += chunk.space_before;
        }
        for id in chunk.anchors {
            flowed.anchors.push(Anchor {
                id,
                page: number,
                y,
            });
        }
        if let Some((level, title)) = chunk.outline {
            flowed.outline.push(OutlineEntry {
                level,
                title,
                page: number,
                y,
            });
        }
        let (repeat, step) = match chunk.fill {
            Some(fill) => {
                let lines = breaks
                    .fills
                    .iter()
                    .find(|(i, _)| *i == index)
                    .map_or(fill.min, |f| f.1);
                flowed.fills.push((fill.block, lines));
                (lines, fill.line)
            }
            None => (1, chunk.height),
        };
        for n in 0..repeat {
            let dy = y + n as f32 * step;
            for element in &chunk.elements {
                let mut element = element.clone();
                match &mut element.kind {
                    ElementKind::Text { baseline, .. } => *baseline += dy,
                    ElementKind::Rule { y: ry, .. } => *ry += dy,
                    ElementKind::Image { y: iy, .. } => *iy += dy,
                }
                page.elements.push(element);
            }
        }
        y += repeat as f32 * step;
    }
    page
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

    /// A light flow (a long document) breaks its pages as a full one does, keeps no
    /// element, and still names the block of a part too tall for a page.
    #[test]
    fn a_light_flow_breaks_as_a_full_one_and_names_the_block_too_tall() {
        let fill = |flow: &mut Flow| {
            flow.push_paragraph(lines(0, 9), &style(false, false), None);
            flow.push_paragraph(lines(1, 25), &style(false, false), None);
            flow.push_paragraph(lines(2, 3), &style(true, false), None);
            flow.push_paragraph(lines(3, 4), &style(false, false), None);
        };
        let (mut full, mut light) = (Flow::default(), Flow::keeping_drawn(5));
        fill(&mut full);
        fill(&mut light);
        assert!(light.is_light() && !full.is_light());
        let (full, light) = (
            full.paginate(100.0, 0.0).unwrap(),
            light.paginate(100.0, 0.0).unwrap(),
        );
        assert_eq!(full.breaks.starts, light.breaks.starts);
        assert!(full.breaks.starts.len() > 3);
        assert!(light.pages.iter().all(|p| p.elements.is_empty()));
        let mut tall = Flow::keeping_drawn(0);
        tall.push_paragraph(lines(0, 3), &style(false, false), None);
        let mut row = lines(7, 1);
        row[0].height = 500.0;
        tall.push_rows(row, &style(false, false), 0.0);
        let err = tall.paginate(100.0, 0.0).unwrap_err();
        assert_eq!(err.origin, Some(7));
    }

    #[test]
    fn no_orphan_at_the_bottom_of_a_page() {
        let mut flow = Flow::default();
        flow.push_paragraph(lines(0, 9), &style(false, false), None);
        flow.push_paragraph(lines(1, 5), &style(false, false), None);
        // Room for 10 lines: one line of paragraph 1 would be alone at the bottom.
        let pages = flow.paginate(100.0, 0.0).unwrap().pages;
        assert_eq!(blocks_per_page(&pages), vec![vec![0; 9], vec![1; 5]]);
    }

    #[test]
    fn no_widow_at_the_top_of_a_page() {
        let mut flow = Flow::default();
        flow.push_paragraph(lines(0, 11), &style(false, false), None);
        // 11 lines in room for 10: the last line alone would be a widow, so 9 + 2.
        let pages = flow.paginate(100.0, 0.0).unwrap().pages;
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
        flow.push_rows(vec![signatures], &style(false, true), 0.0);
        let pages = flow.paginate(100.0, 0.0).unwrap().pages;
        assert_eq!(blocks_per_page(&pages), vec![vec![0; 7], vec![1, 2, 3]]);
    }

    #[test]
    fn a_heading_is_kept_with_what_follows() {
        let mut flow = Flow::default();
        flow.push_paragraph(lines(0, 9), &style(false, false), None);
        flow.push_paragraph(lines(1, 1), &style(true, false), Some((2, "Titre".into())));
        flow.push_paragraph(lines(2, 4), &style(false, false), None);
        let Flowed { pages, outline, .. } = flow.paginate(100.0, 0.0).unwrap();
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
        let pages = flow.paginate(100.0, 0.0).unwrap().pages;
        assert_eq!(pages.len(), 2);
    }
}
