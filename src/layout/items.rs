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

/// Cost of a break inside a name (two capitalised words), in centred titles and elsewhere;
/// of a title line ending on a short function word.
const NAME_PENALTY_CENTRED: f32 = 200.0;
const NAME_PENALTY: f32 = 120.0;
const SHORT_WORD_PENALTY_CENTRED: f32 = 120.0;

/// Particles inside a name: « Ville de Mons », « Hof van Cassatie », « Raad voor … ».
const PARTICLES: &[&str] = &[
    "de", "du", "des", "d’", "la", "le", "les", "l’", "van", "der", "den", "het", "ter", "voor",
    "von",
];

fn capital(word: &str) -> bool {
    word.trim_start_matches(['(', '«', '“', '"', '\u{202f}', '\u{a0}'])
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// Whether a break between `before` and the text starting at `after` falls inside a name:
/// two capitalised words (« Housing First »), or a particle between capitalised words
/// (« Ville de / Mons », « Ville / de Mons »); `earlier` is the word before `before`.
fn inside_name(earlier: &str, before: &str, after: &str) -> bool {
    let ends_clause = |w: &str| w.ends_with(['.', ',', ';', ':', '!', '?', '»', '”', ')', '…']);
    let next_word = after.split([' ', '\n']).next().unwrap_or("");
    let after_next = after.split([' ', '\n']).nth(1).unwrap_or("");
    let particle = |w: &str| PARTICLES.contains(&w);
    if ends_clause(before) {
        return false;
    }
    (capital(before) && capital(after))
        || (particle(before) && capital(earlier) && !ends_clause(earlier) && capital(after))
        || (capital(before) && particle(next_word) && capital(after_next))
}

/// Whether a centred line would end on a short function word (« de », « la », « à »): titles
/// read better with it carried to the next line.
fn ends_on_short_word(before: &str) -> bool {
    let w = before.trim_end_matches(['\u{a0}', '\u{202f}']);
    (1..=3).contains(&w.chars().count()) && w.chars().all(|c| c.is_lowercase() || c == '’')
}

/// Whether a segment holds words tied by a no-break space (a space between two letters or
/// digits), as opposed to a space before « ; » or inside « ».
fn tied(segment: &str) -> bool {
    let chars: Vec<char> = segment.chars().collect();
    chars.windows(3).any(|w| {
        matches!(w[1], '\u{a0}' | '\u{202f}') && w[0].is_alphanumeric() && w[2].is_alphanumeric()
    })
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
    // The word before the current one, for names with particles.
    let mut earlier = 0..0;
    for (pos, opportunity) in linebreaks(text) {
        let segment = &text[prev..pos];
        let word_len = segment.trim_end_matches([' ', '\n']).len();
        let word = prev..prev + word_len;
        let trailing = &segment[word_len..];
        // A word that has a hyphen breaks at that hyphen only (« arrière-/pays »); words
        // tied by a no-break space (« 1er janvier 2025 ») are not cut either.
        let compound = text[..word.start].ends_with(['-', '‐'])
            || text[word.clone()].contains(['-', '‐'])
            || tied(&text[word.clone()]);
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
            // Inside a name (« Housing First », « Europese Unie », « Ville de Mons ») a break
            // costs: taken only where no other is nearly as good; in a title, also after a
            // short function word.
            let centred = style.align == Align::Center;
            let in_name = inside_name(&text[earlier.clone()], &text[word.clone()], &text[pos..]);
            let short = centred && ends_on_short_word(&text[word.clone()]);
            if in_name || short {
                let cost = match (in_name, centred) {
                    (true, true) => NAME_PENALTY_CENTRED,
                    (true, false) => NAME_PENALTY,
                    (false, _) => SHORT_WORD_PENALTY_CENTRED,
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
        if !trailing.is_empty() {
            earlier = word;
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
