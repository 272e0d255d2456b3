//! One paragraph: inlines → shaped pieces → boxes, glue and penalties → lines of glyph runs.
//! Break opportunities follow UAX #14 (unicode-linebreak: never at U+00A0 or U+202F), French
//! and Dutch words are hyphenated with hypher, and lines are chosen by [`linebreak`].

use std::ops::Range;
use std::rc::Rc;

use unicode_linebreak::{BreakOpportunity, linebreaks};

use super::LayoutError;
use super::linebreak::{self, FORCED, Item, Params};
use super::shape::{FaceId, Shaped, Shaper, face_id};
use crate::document::Inline;
use crate::spec::Lang;
use crate::theme::{Align, Color, Style, Theme};

/// Cost of breaking a word with a hyphen: twice TeX's \hyphenpenalty, as French typesetting
/// prefers a slightly looser line to a cut word.
const HYPHEN_PENALTY: f32 = 100.0;

/// A glyph ready to draw, in points; `range` indexes the run's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub id: u16,
    pub advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    pub range: Range<usize>,
}

/// Glyphs of one face, size and colour, starting at `x` on the baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub x: f32,
    pub face: FaceId,
    pub size: f32,
    pub color: Color,
    pub text: String,
    pub glyphs: Vec<Glyph>,
}

impl Run {
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum()
    }
}

/// A laid-out line: runs positioned from the line's start, and its natural width.
#[derive(Debug, Clone, Default)]
pub struct Line {
    pub runs: Vec<Run>,
    pub width: f32,
    pub hyphenated: bool,
}

/// A stretch of text in one face and colour.
#[derive(Debug, Clone)]
struct Span {
    range: Range<usize>,
    face: FaceId,
    color: Color,
}

/// What a box, glue or penalty draws.
#[derive(Debug, Clone)]
enum Content {
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

/// Measures of a paragraph.
#[derive(Debug, Clone, Copy)]
pub struct Measure {
    pub first: f32,
    pub rest: f32,
}

/// Face and colour inherited down the inline tree.
#[derive(Debug, Clone, Copy)]
struct Look {
    bold: bool,
    italic: bool,
    color: Color,
}

/// Flattens inlines into text and styled spans, applying the paragraph style.
fn flatten(inlines: &[Inline], style: &Style, theme: &Theme) -> (String, Vec<Span>) {
    struct Out<'t> {
        theme: &'t Theme,
        upper: bool,
        text: String,
        spans: Vec<Span>,
    }
    fn walk(inlines: &[Inline], look: Look, out: &mut Out) {
        for inline in inlines {
            match inline {
                Inline::Text(t) => {
                    let start = out.text.len();
                    for c in t.chars() {
                        match c {
                            '\t' | '\r' => out.text.push(' '),
                            // Unicode line and paragraph separators break the line.
                            '\u{2028}' | '\u{2029}' => out.text.push('\n'),
                            '\u{ad}' => {}
                            c if c.is_control() && c != '\n' => {}
                            c if out.upper => out.text.extend(c.to_uppercase()),
                            c => out.text.push(c),
                        }
                    }
                    if out.text.len() > start {
                        let range = start..out.text.len();
                        out.spans.push(Span {
                            range,
                            face: face_id(look.bold, look.italic),
                            color: look.color,
                        });
                    }
                }
                Inline::Styled { style, children } => {
                    let cs = out.theme.char_styles.get(style);
                    let inner = Look {
                        bold: look.bold || cs.is_some_and(|c| c.bold),
                        italic: look.italic || cs.is_some_and(|c| c.italic),
                        color: cs.and_then(|c| c.color).unwrap_or(look.color),
                    };
                    walk(children, inner, out);
                }
                Inline::LineBreak => {
                    let start = out.text.len();
                    out.text.push('\n');
                    let range = start..out.text.len();
                    out.spans.push(Span {
                        range,
                        face: face_id(look.bold, look.italic),
                        color: look.color,
                    });
                }
                Inline::Field(_) => {}
            }
        }
    }
    let mut out = Out {
        theme,
        upper: style.uppercase,
        text: String::new(),
        spans: Vec::new(),
    };
    let look = Look {
        bold: style.bold,
        italic: style.italic,
        color: style.color,
    };
    walk(inlines, look, &mut out);
    (out.text, out.spans)
}

/// Lays out a paragraph into lines no wider than the measure.
pub fn layout(
    shaper: &mut Shaper,
    inlines: &[Inline],
    style: &Style,
    theme: &Theme,
    lang: Lang,
    measure: Measure,
) -> Result<Vec<Line>, LayoutError> {
    let (text, spans) = flatten(inlines, style, theme);
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let size = style.font_size;
    let justify = style.align == Align::Justify;
    let narrowest = measure.first.min(measure.rest).max(size);
    let mut items: Vec<Item> = Vec::new();
    let mut contents: Vec<Content> = Vec::new();
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

    let mut prev = 0;
    for (pos, opportunity) in linebreaks(&text) {
        let segment = &text[prev..pos];
        let word_len = segment.trim_end_matches([' ', '\n']).len();
        let word = prev..prev + word_len;
        let trailing = &segment[word_len..];
        push_word(
            shaper,
            &text,
            &spans,
            word.clone(),
            style,
            lang,
            size,
            narrowest,
            &mut items,
            &mut contents,
        )?;
        let last_span = span_at(word.end.saturating_sub(1).max(prev));
        if trailing.contains('\n')
            || (opportunity == BreakOpportunity::Mandatory && pos == text.len())
        {
            end_line(&mut items, &mut contents, final_stretch);
        } else if !trailing.is_empty() {
            let space = shaper.shape(spans[last_span].face, " ")?;
            let width = space.advance(0..space.glyphs.len()) as f32
                * shaper.scale(spans[last_span].face, size);
            let (stretch, shrink) = if justify {
                (width * 0.5, width * 0.33)
            } else {
                (0.0, 0.0)
            };
            items.push(Item::Glue {
                width,
                stretch,
                shrink,
            });
            contents.push(Content::Space { span: last_span });
        } else if pos < text.len() && word_len > 0 {
            // A break with no space: after a hyphen or dash, or between ideographs.
            let hyphen = text[..word.end].ends_with(['-', '‐', '–', '—', '/']);
            items.push(Item::Penalty {
                width: 0.0,
                cost: if hyphen { 50.0 } else { 0.0 },
                flagged: hyphen,
            });
            contents.push(Content::Nothing);
        }
        prev = pos;
    }
    if !matches!(items.last(), Some(Item::Penalty { cost, .. }) if *cost == FORCED) {
        end_line(&mut items, &mut contents, final_stretch);
    }

    let params = Params {
        line_end_stretch: if justify { 0.0 } else { 3.0 * size },
        hyphenate: style.hyphenate,
        ..Params::default()
    };
    let width_of = |line: usize| {
        if line == 0 {
            measure.first
        } else {
            measure.rest
        }
    };
    let breaks = linebreak::break_lines(&items, &width_of, &params);

    let mut lines = Vec::with_capacity(breaks.len());
    let mut start = 0;
    let last_break = breaks.len().saturating_sub(1);
    for (n, b) in breaks.iter().enumerate() {
        // Glue and penalties vanish at the start of a line.
        while start < b.item && !matches!(items[start], Item::Box { .. }) {
            start += 1;
        }
        let ratio = if justify && n != last_break && b.ratio.is_finite() {
            b.ratio
        } else {
            0.0
        };
        let mut line = Line::default();
        let mut x = 0.0;
        for i in start..b.item {
            match (&items[i], &contents[i]) {
                (
                    Item::Box { width },
                    Content::Word {
                        span,
                        shaped,
                        glyphs,
                        text: range,
                    },
                ) => {
                    let s = &spans[*span];
                    push_glyphs(
                        &mut line,
                        shaper,
                        x,
                        s,
                        size,
                        shaped,
                        glyphs.clone(),
                        &text[range.clone()],
                    );
                    x += width;
                }
                (
                    Item::Glue {
                        width,
                        stretch,
                        shrink,
                    },
                    Content::Space { span },
                ) => {
                    let w = if ratio >= 0.0 {
                        width + ratio * stretch
                    } else {
                        width + ratio * shrink
                    };
                    let s = &spans[*span];
                    let space = shaper.shape(s.face, " ")?;
                    push_space(&mut line, x, s, size, &space, w);
                    x += w;
                }
                (Item::Glue { width, .. }, _) => x += width,
                _ => {}
            }
        }
        if let (
            Item::Penalty {
                width,
                flagged: true,
                ..
            },
            Content::Hyphen { span },
        ) = (&items[b.item], &contents[b.item])
        {
            let s = &spans[*span];
            let hyphen = shaper.shape(s.face, "-")?;
            push_glyphs(
                &mut line,
                shaper,
                x,
                s,
                size,
                &hyphen,
                0..hyphen.glyphs.len(),
                "-",
            );
            x += width;
            line.hyphenated = true;
        }
        line.width = x;
        lines.push(line);
        start = b.item + 1;
    }
    Ok(lines)
}

/// A forced line end: glue that takes the line's slack, then a break that must be taken.
fn end_line(items: &mut Vec<Item>, contents: &mut Vec<Content>, stretch: f32) {
    items.push(Item::Glue {
        width: 0.0,
        stretch,
        shrink: 0.0,
    });
    contents.push(Content::Nothing);
    items.push(Item::Penalty {
        width: 0.0,
        cost: FORCED,
        flagged: false,
    });
    contents.push(Content::Nothing);
}

/// Boxes (and hyphenation penalties) for one word, which may cross style boundaries.
#[allow(clippy::too_many_arguments)]
fn push_word(
    shaper: &mut Shaper,
    text: &str,
    spans: &[Span],
    word: Range<usize>,
    style: &Style,
    lang: Lang,
    size: f32,
    narrowest: f32,
    items: &mut Vec<Item>,
    contents: &mut Vec<Content>,
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
        let scale = shaper.scale(span.face, size);
        // Where the piece may be hyphenated, as offsets into the piece on glyph cluster starts.
        let mut cuts: Vec<usize> = if style.hyphenate {
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
                items.push(Item::Penalty {
                    width: hyphen_width,
                    cost: HYPHEN_PENALTY,
                    flagged: true,
                });
                contents.push(Content::Hyphen { span: index });
            }
            if width > narrowest {
                // A token wider than the measure (a URL, a long number): split it anywhere.
                push_split(
                    &shaped,
                    glyphs,
                    start,
                    start + b,
                    scale,
                    index,
                    items,
                    contents,
                );
            } else {
                items.push(Item::Box { width });
                contents.push(Content::Word {
                    span: index,
                    shaped: shaped.clone(),
                    glyphs,
                    text: start + a..start + b,
                });
            }
        }
    }
    Ok(())
}

/// A too-wide fragment as one box per glyph cluster, breakable between any two.
/// `piece_start` is the paragraph offset of the shaped text, `fragment_end` where this
/// fragment's text ends.
#[allow(clippy::too_many_arguments)]
fn push_split(
    shaped: &Rc<Shaped>,
    glyphs: Range<usize>,
    piece_start: usize,
    fragment_end: usize,
    scale: f32,
    span: usize,
    items: &mut Vec<Item>,
    contents: &mut Vec<Content>,
) {
    let mut i = glyphs.start;
    while i < glyphs.end {
        let cluster = shaped.glyphs[i].cluster;
        let mut j = i + 1;
        while j < glyphs.end && shaped.glyphs[j].cluster == cluster {
            j += 1;
        }
        if i > glyphs.start {
            items.push(Item::Penalty {
                width: 0.0,
                cost: 1000.0,
                flagged: false,
            });
            contents.push(Content::Nothing);
        }
        let a = piece_start + cluster as usize;
        let b = if j < glyphs.end {
            piece_start + shaped.glyphs[j].cluster as usize
        } else {
            fragment_end
        };
        items.push(Item::Box {
            width: shaped.advance(i..j) as f32 * scale,
        });
        contents.push(Content::Word {
            span,
            shaped: shaped.clone(),
            glyphs: i..j,
            text: a..b.max(a),
        });
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

/// Byte offsets inside `piece` where a hyphen may go: within runs of letters of 5 or more,
/// leaving at least 2 letters before and 3 after (Imprimerie nationale). Acronyms and words
/// with capitals inside are left alone.
fn hyphenation_points(piece: &str, lang: Lang) -> Vec<usize> {
    let hl = match lang {
        Lang::Fr => hypher::Lang::French,
        Lang::Nl => hypher::Lang::Dutch,
    };
    let mut out = Vec::new();
    let mut run_start: Option<usize> = None;
    let mut boundaries: Vec<(usize, usize)> = Vec::new();
    for (i, c) in piece
        .char_indices()
        .chain(std::iter::once((piece.len(), ' ')))
    {
        if c.is_alphabetic() {
            run_start.get_or_insert(i);
        } else if let Some(s) = run_start.take() {
            boundaries.push((s, i));
        }
    }
    for (s, e) in boundaries {
        let word = &piece[s..e];
        let letters = word.chars().count();
        if !(5..=60).contains(&letters) || word.chars().skip(1).any(char::is_uppercase) {
            continue;
        }
        let mut at = s;
        let syllables: Vec<&str> = hypher::hyphenate_bounded(word, hl, 2, 3).collect();
        for syllable in &syllables[..syllables.len().saturating_sub(1)] {
            at += syllable.len();
            out.push(at);
        }
    }
    out
}

/// Appends glyphs to the line, merging with the previous run when face and colour agree.
#[allow(clippy::too_many_arguments)]
fn push_glyphs(
    line: &mut Line,
    shaper: &Shaper,
    x: f32,
    span: &Span,
    size: f32,
    shaped: &Shaped,
    glyphs: Range<usize>,
    text: &str,
) {
    let scale = shaper.scale(span.face, size);
    let run = current_run(line, x, span, size);
    let base = run.text.len();
    let first_cluster = shaped
        .glyphs
        .get(glyphs.start)
        .map_or(0, |g| g.cluster as usize);
    run.text.push_str(text);
    let slice = &shaped.glyphs[glyphs.clone()];
    for (k, g) in slice.iter().enumerate() {
        let start = g.cluster as usize - first_cluster;
        // The cluster ends where the next larger cluster starts.
        let end = slice[k + 1..]
            .iter()
            .map(|n| n.cluster as usize - first_cluster)
            .find(|&c| c > start)
            .unwrap_or(text.len());
        run.glyphs.push(Glyph {
            id: g.id,
            advance: g.advance as f32 * scale,
            x_offset: g.x_offset as f32 * scale,
            y_offset: g.y_offset as f32 * scale,
            range: base + start.min(text.len())..base + end.min(text.len()),
        });
    }
}

/// A word space as a real space glyph (so text extraction sees words), stretched to `width`.
fn push_space(line: &mut Line, x: f32, span: &Span, size: f32, space: &Shaped, width: f32) {
    let run = current_run(line, x, span, size);
    let base = run.text.len();
    run.text.push(' ');
    let id = space.glyphs.first().map_or(3, |g| g.id);
    run.glyphs.push(Glyph {
        id,
        advance: width,
        x_offset: 0.0,
        y_offset: 0.0,
        range: base..base + 1,
    });
}

fn current_run<'l>(line: &'l mut Line, x: f32, span: &Span, size: f32) -> &'l mut Run {
    let reuse = line.runs.last().is_some_and(|r| {
        r.face == span.face && r.color == span.color && (r.x + r.width() - x).abs() < 0.01
    });
    if !reuse {
        line.runs.push(Run {
            x,
            face: span.face,
            size,
            color: span.color,
            text: String::new(),
            glyphs: Vec::new(),
        });
    }
    line.runs.last_mut().expect("a run was just ensured")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    use crate::theme::{FontBytes, Fonts, Length, ThemeSpec};

    fn theme() -> Theme {
        let font = |name: &str| -> FontBytes {
            let path = format!(
                "{}/templates/default/fonts/LibertinusSerif-{name}.otf",
                env!("CARGO_MANIFEST_DIR")
            );
            Arc::new(std::fs::read(path).unwrap())
        };
        let spec: ThemeSpec =
            toml::from_str(include_str!("../../templates/default/theme.toml")).unwrap();
        Theme {
            page: spec.page.clone(),
            font_family: spec.fonts.family.clone(),
            fonts: Fonts {
                regular: font("Regular"),
                italic: font("Italic"),
                bold: font("Bold"),
                bold_italic: font("BoldItalic"),
            },
            numbering: spec.numbering.demands,
            line_numbers: spec.line_numbers.clone(),
            typography: spec.typography.clone(),
            styles: spec.resolve_styles().unwrap(),
            char_styles: spec.char_styles.clone(),
        }
    }

    fn lines_of(text: &str, width: f32) -> Vec<(String, f32, bool)> {
        let theme = theme();
        let mut shaper = Shaper::new(&theme.fonts, "fr").unwrap();
        let style = theme.style("body").clone();
        let m = Measure {
            first: width,
            rest: width,
        };
        layout(
            &mut shaper,
            &[Inline::Text(text.into())],
            &style,
            &theme,
            Lang::Fr,
            m,
        )
        .unwrap()
        .into_iter()
        .map(|l| {
            (
                l.runs.iter().map(|r| r.text.as_str()).collect::<String>(),
                l.width,
                l.hyphenated,
            )
        })
        .collect()
    }

    const SEED: &str = "Cette loi est également dangereuse pour la démocratie. Le secret professionnel est une règle de principe qui tend à protéger la confiance que le citoyen doit nécessairement avoir envers certaines professions dont l’exercice implique le recueil de données personnelles. Casser le secret professionnel, c’est casser la relation professionnelle des travailleurs sociaux, c’est rendre impossible du coup l’action préventive de première ligne des travailleurs sociaux.";

    #[test]
    fn justified_lines_fill_the_measure_and_never_overflow() {
        for width in [Length::parse("60mm").unwrap().pt(), 250.0, 400.0] {
            let lines = lines_of(SEED, width);
            assert!(lines.len() > 2);
            let (last, rest) = lines.split_last().unwrap();
            for (text, w, _) in rest {
                assert!(
                    (w - width).abs() < 0.05,
                    "justified to {width}: {w} « {text} »"
                );
            }
            assert!(last.1 < width, "ragged last line");
        }
    }

    #[test]
    fn no_break_spaces_hold() {
        let text = "vote\u{a0}: mot\u{202f}! ".repeat(30);
        for (line, _, _) in lines_of(&text, 150.0) {
            let line = line.trim();
            assert!(
                !line.starts_with(':') && !line.starts_with('!'),
                "« {line} »"
            );
        }
    }

    #[test]
    fn hyphenated_lines_split_two_letters_or_more() {
        let lines = lines_of(SEED, 150.0);
        assert!(lines.iter().any(|l| l.2), "a narrow measure hyphenates");
        for pair in lines.windows(2) {
            let (first, _, hyphenated) = &pair[0];
            if !hyphenated {
                continue;
            }
            let before = first
                .trim_end_matches('-')
                .rsplit([' ', '’'])
                .next()
                .unwrap();
            let after = pair[1].0.split([' ', ',', '.']).next().unwrap();
            assert!(
                before.chars().count() >= 2 && after.chars().count() >= 3,
                "{before}- {after}"
            );
        }
        // Two hyphenated lines in a row cost 20 000 demerits: they remain only where every
        // other choice breaks the tolerance, which at body measures is rare.
        for width in [250.0, 330.0, 430.0] {
            let lines = lines_of(&SEED.repeat(3), width);
            let pairs = lines.windows(2).filter(|w| w[0].2 && w[1].2).count();
            assert!(
                pairs * 20 <= lines.len(),
                "{pairs} pairs in {} lines at {width}",
                lines.len()
            );
            assert!(
                lines.windows(3).all(|w| !(w[0].2 && w[1].2 && w[2].2)),
                "{lines:#?}"
            );
        }
    }

    #[test]
    fn a_token_wider_than_the_measure_is_split_not_overflowing() {
        let url = "https://www.example.org/".to_string() + &"abcdefghij".repeat(20);
        for (line, width, _) in lines_of(&format!("Voir {url} pour le texte."), 120.0) {
            assert!(width <= 120.05, "{width}: {line}");
        }
    }

    #[test]
    fn hyphenation_keeps_two_letters_before_and_three_after() {
        let points = hyphenation_points("déontologie", Lang::Fr);
        assert!(!points.is_empty());
        for p in &points {
            let before = "déontologie"[..*p].chars().count();
            let after = "déontologie"[*p..].chars().count();
            assert!(before >= 2 && after >= 3, "{p}");
        }
        assert!(
            hyphenation_points("FEWASC", Lang::Fr).is_empty(),
            "acronyms stay whole"
        );
        assert!(hyphenation_points("loi", Lang::Fr).is_empty());
        let points = hyphenation_points("l’administration,", Lang::Fr);
        assert!(
            points
                .iter()
                .all(|&p| p > "l’".len() && p < "l’administration".len())
        );
        assert!(!hyphenation_points("beroepsgeheim", Lang::Nl).is_empty());
    }
}
