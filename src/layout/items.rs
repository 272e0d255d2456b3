//! A paragraph's text as Knuth–Plass items: a box per word (or hyphenation fragment), glue
//! per space, penalties at hyphens and break opportunities (UAX #14, unicode-linebreak: never
//! at U+00A0 or U+202F). `contents` says what each item draws.

use std::ops::Range;
use std::rc::Rc;

use unicode_linebreak::{BreakOpportunity, linebreaks};

use super::LayoutError;
use super::hyphenate::hyphenation_points;
use super::linebreak::{FORCED, Item};
use super::paragraph::Span;
use super::shape::{Shaped, Shaper};
use crate::theme::{Align, Style};
use crate::vocab::Lang;

/// Cost of a break inside a name (two capitalised words), in centred titles and elsewhere.
const NAME_PENALTY_CENTRED: f32 = 200.0;
const NAME_PENALTY: f32 = 60.0;

/// Whether `before` and the text starting at `after` are two words of one name: both start
/// with a capital, and `before` does not end a clause.
fn name_continues(before: &str, after: &str) -> bool {
    let capital = |w: &str| {
        w.trim_start_matches(['(', '«', '“', '"', '\u{202f}', '\u{a0}'])
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    };
    capital(before)
        && capital(after)
        && !before.ends_with(['.', ',', ';', ':', '!', '?', '»', '”', ')', '…'])
}

/// Cost of breaking a word with a hyphen: twice TeX's \hyphenpenalty, as French typesetting
/// prefers a slightly looser line to a cut word.
const HYPHEN_PENALTY: f32 = 100.0;

/// What a box, glue or penalty draws.
#[derive(Debug, Clone)]
pub enum Content {
    /// Glyphs `glyphs` of `shaped`, spelling `text` of the paragraph.
    Word {
        span: usize,
        shaped: Rc<Shaped>,
        glyphs: Range<usize>,
        text: Range<usize>,
    },
    Space {
        span: usize,
    },
    Hyphen {
        span: usize,
    },
    Nothing,
}

/// The items of a paragraph and what each draws.
#[derive(Debug, Default)]
pub struct Items {
    pub items: Vec<Item>,
    pub contents: Vec<Content>,
}

impl Items {
    fn push(&mut self, item: Item, content: Content) {
        self.items.push(item);
        self.contents.push(content);
    }

    /// A forced line end: glue that takes the line's slack, then a break that must be taken.
    fn end_line(&mut self, stretch: f32) {
        self.push(
            Item::Glue {
                width: 0.0,
                stretch,
                shrink: 0.0,
            },
            Content::Nothing,
        );
        self.push(
            Item::Penalty {
                width: 0.0,
                cost: FORCED,
                flagged: false,
            },
            Content::Nothing,
        );
    }
}

/// Builds the items of `text` (styled by `spans`). `narrowest` is the narrowest line: a token
/// wider than it is split anywhere.
pub fn build(
    shaper: &mut Shaper,
    text: &str,
    spans: &[Span],
    style: &Style,
    lang: Lang,
    narrowest: f32,
) -> Result<Items, LayoutError> {
    let justify = style.align == Align::Justify;
    // The last line of a paragraph may be short, except in centred text (titles), where
    // lines are balanced: « Non à l’abolition du secret / professionnel des assistants sociaux ».
    let final_stretch = if style.align == Align::Center {
        0.0
    } else {
        1e5
    };
    // Spans are sorted and contiguous: binary search keeps long paragraphs linear.
    let span_at = |pos: usize| {
        spans
            .partition_point(|s| s.range.end <= pos)
            .min(spans.len().saturating_sub(1))
    };
    let mut out = Items::default();
    let mut prev = 0;
    for (pos, opportunity) in linebreaks(text) {
        let segment = &text[prev..pos];
        let word_len = segment.trim_end_matches([' ', '\n']).len();
        let word = prev..prev + word_len;
        let trailing = &segment[word_len..];
        // A word that has a hyphen breaks at that hyphen only (« arrière-/pays »).
        let compound =
            text[..word.start].ends_with(['-', '‐']) || text[word.clone()].contains(['-', '‐']);
        push_word(
            shaper,
            text,
            spans,
            word.clone(),
            style.hyphenate && !compound,
            lang,
            narrowest,
            &mut out,
        )?;
        let last_span = span_at(word.end.saturating_sub(1).max(prev));
        if trailing.contains('\n')
            || (opportunity == BreakOpportunity::Mandatory && pos == text.len())
        {
            out.end_line(final_stretch);
        } else if !trailing.is_empty() {
            let span = &spans[last_span];
            let space = shaper.shape(span.face, " ")?;
            let width =
                space.advance(0..space.glyphs.len()) as f32 * shaper.scale(span.face, span.size);
            let (stretch, shrink) = if justify {
                (width * 0.5, width * 0.33)
            } else {
                (0.0, 0.0)
            };
            // Between two capitalised words of a name (« Housing First », « Europese Unie »)
            // a break costs: taken only where no other is nearly as good.
            if name_continues(&text[word.clone()], &text[pos..]) {
                let cost = if style.align == Align::Center {
                    NAME_PENALTY_CENTRED
                } else {
                    NAME_PENALTY
                };
                out.push(
                    Item::Penalty {
                        width: 0.0,
                        cost,
                        flagged: false,
                    },
                    Content::Nothing,
                );
            }
            out.push(
                Item::Glue {
                    width,
                    stretch,
                    shrink,
                },
                Content::Space { span: last_span },
            );
        } else if pos < text.len() && word_len > 0 {
            // A break with no space: after a hyphen or dash, or between ideographs.
            let hyphen = text[..word.end].ends_with(['-', '‐', '–', '—', '/']);
            out.push(
                Item::Penalty {
                    width: 0.0,
                    cost: if hyphen { 50.0 } else { 0.0 },
                    flagged: hyphen,
                },
                Content::Nothing,
            );
        }
        prev = pos;
    }
    if !matches!(out.items.last(), Some(Item::Penalty { cost, .. }) if *cost == FORCED) {
        out.end_line(final_stretch);
    }
    keep_last_words_whole(&mut out);
    Ok(out)
}

/// The last word of each paragraph (up to a forced break) is never hyphenated, so no
/// paragraph ends on a fragment of a few letters (« wa-/ren, »).
fn keep_last_words_whole(out: &mut Items) {
    let mut in_last_word = true;
    for (item, content) in out.items.iter_mut().zip(&out.contents).rev() {
        match (item, content) {
            (Item::Penalty { cost, .. }, Content::Nothing) if *cost == FORCED => {
                in_last_word = true;
            }
            (Item::Glue { .. }, Content::Space { .. }) => in_last_word = false,
            (Item::Penalty { cost, .. }, Content::Hyphen { .. }) if in_last_word => {
                *cost = super::linebreak::FORBIDDEN;
            }
            _ => {}
        }
    }
}

/// Boxes (and hyphenation penalties) for one word, which may cross style boundaries.
#[allow(clippy::too_many_arguments)]
fn push_word(
    shaper: &mut Shaper,
    text: &str,
    spans: &[Span],
    word: Range<usize>,
    hyphenate: bool,
    lang: Lang,
    narrowest: f32,
    out: &mut Items,
) -> Result<(), LayoutError> {
    if word.is_empty() {
        return Ok(());
    }
    let first = spans.partition_point(|s| s.range.end <= word.start);
    for (index, span) in spans.iter().enumerate().skip(first) {
        if span.range.start >= word.end {
            break;
        }
        let start = span.range.start.max(word.start);
        let end = span.range.end.min(word.end);
        if start >= end {
            continue;
        }
        let piece = &text[start..end];
        let shaped = shaper.shape(span.face, piece)?;
        let scale = shaper.scale(span.face, span.size);
        // Where the piece may be hyphenated, as offsets into the piece on glyph cluster starts.
        let mut cuts: Vec<usize> = if hyphenate && span.rise == 0.0 {
            hyphenation_points(piece, lang)
        } else {
            Vec::new()
        };
        cuts.retain(|&c| shaped.glyphs.iter().any(|g| g.cluster as usize == c));
        let hyphen_width = if cuts.is_empty() {
            0.0
        } else {
            let h = shaper.shape(span.face, "-")?;
            h.advance(0..h.glyphs.len()) as f32 * scale
        };
        let mut bounds = vec![0];
        bounds.extend(cuts.iter().copied());
        bounds.push(piece.len());
        for (k, pair) in bounds.windows(2).enumerate() {
            let (a, b) = (pair[0], pair[1]);
            let glyphs = glyph_range(&shaped, a, b);
            let width = shaped.advance(glyphs.clone()) as f32 * scale;
            if k > 0 {
                out.push(
                    Item::Penalty {
                        width: hyphen_width,
                        cost: HYPHEN_PENALTY,
                        flagged: true,
                    },
                    Content::Hyphen { span: index },
                );
            }
            if width > narrowest {
                // A token wider than the measure (a URL, a long number): split it anywhere.
                push_split(&shaped, glyphs, start, start + b, scale, index, out);
            } else {
                out.push(
                    Item::Box { width },
                    Content::Word {
                        span: index,
                        shaped: shaped.clone(),
                        glyphs,
                        text: start + a..start + b,
                    },
                );
            }
        }
    }
    Ok(())
}

/// A too-wide fragment as one box per glyph cluster, breakable between any two.
/// `piece_start` is the paragraph offset of the shaped text, `fragment_end` where this
/// fragment's text ends.
fn push_split(
    shaped: &Rc<Shaped>,
    glyphs: Range<usize>,
    piece_start: usize,
    fragment_end: usize,
    scale: f32,
    span: usize,
    out: &mut Items,
) {
    let mut i = glyphs.start;
    while i < glyphs.end {
        let cluster = shaped.glyphs[i].cluster;
        let mut j = i + 1;
        while j < glyphs.end && shaped.glyphs[j].cluster == cluster {
            j += 1;
        }
        if i > glyphs.start {
            out.push(
                Item::Penalty {
                    width: 0.0,
                    cost: 1000.0,
                    flagged: false,
                },
                Content::Nothing,
            );
        }
        let a = piece_start + cluster as usize;
        let b = if j < glyphs.end {
            piece_start + shaped.glyphs[j].cluster as usize
        } else {
            fragment_end
        };
        out.push(
            Item::Box {
                width: shaped.advance(i..j) as f32 * scale,
            },
            Content::Word {
                span,
                shaped: shaped.clone(),
                glyphs: i..j,
                text: a..b.max(a),
            },
        );
        i = j;
    }
}

/// The glyphs whose clusters start in `a..b` (offsets into the shaped text).
fn glyph_range(shaped: &Shaped, a: usize, b: usize) -> Range<usize> {
    let start = shaped
        .glyphs
        .iter()
        .position(|g| g.cluster as usize >= a)
        .unwrap_or(shaped.glyphs.len());
    let end = shaped
        .glyphs
        .iter()
        .position(|g| g.cluster as usize >= b)
        .unwrap_or(shaped.glyphs.len());
    start..end.max(start)
}
