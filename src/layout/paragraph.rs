//! One paragraph: inlines → styled text ([`Span`]s) → Knuth–Plass items ([`items`]) → lines
//! chosen by [`linebreak`] → lines of positioned glyph runs.

use std::collections::HashMap;
use std::ops::Range;

use super::LayoutError;
use super::items::{self, Content, Items};
use super::linebreak::{self, Break, Item, Params};
use super::shape::{FaceId, Shaped, Shaper, face_id};
use crate::document::{ChangeKind, Inline, PieceKind, pieces};
use crate::theme::{Align, Color, Style, Theme};
use crate::vocab::Lang;

/// Superscript (ordinal suffixes): size and rise as fractions of the text size.
const SUPERSCRIPT_SIZE: f32 = 0.62;
const SUPERSCRIPT_RISE: f32 = 0.36;

/// A glyph ready to draw, in points; `range` indexes the run's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub id: u16,
    pub advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    pub range: Range<usize>,
}

/// A line drawn with text: under an insertion, through a deletion (legible without colour).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Decoration {
    Underline,
    Strike,
}

/// Glyphs of one face, size, colour and decoration, starting at `x` on the baseline (raised
/// by `rise` for superscript).
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub x: f32,
    pub face: FaceId,
    pub size: f32,
    pub rise: f32,
    pub color: Color,
    pub decoration: Option<Decoration>,
    /// The change (an amendment's id) the run's text belongs to: noted in the margin.
    pub change: Option<std::sync::Arc<str>>,
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

/// A stretch of the paragraph's text in one face, colour, size and decoration.
#[derive(Debug, Clone)]
pub struct Span {
    pub range: Range<usize>,
    pub face: FaceId,
    pub color: Color,
    pub size: f32,
    pub rise: f32,
    pub decoration: Option<Decoration>,
    pub change: Option<std::sync::Arc<str>>,
}

/// Measures of a paragraph.
#[derive(Debug, Clone, Copy)]
pub struct Measure {
    pub first: f32,
    pub rest: f32,
}

/// Flattens inlines into text and styled spans, applying the paragraph style.
fn flatten(inlines: &[Inline], style: &Style, theme: &Theme) -> (String, Vec<Span>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    for piece in pieces(inlines) {
        let look = theme.look(style, &piece.styles);
        let start = text.len();
        match piece.kind {
            PieceKind::Text(t) => {
                for c in t.chars() {
                    match c {
                        '\t' | '\r' => text.push(' '),
                        // Unicode line and paragraph separators break the line.
                        '\u{2028}' | '\u{2029}' => text.push('\n'),
                        '\u{ad}' => {}
                        c if c.is_control() && c != '\n' => {}
                        c if style.uppercase => text.extend(c.to_uppercase()),
                        c => text.push(c),
                    }
                }
            }
            PieceKind::LineBreak => text.push('\n'),
            PieceKind::Field(_) => {}
        }
        if text.len() > start {
            let (size, rise) = if piece.superscript {
                (
                    style.font_size * SUPERSCRIPT_SIZE,
                    style.font_size * SUPERSCRIPT_RISE,
                )
            } else {
                (style.font_size, 0.0)
            };
            spans.push(Span {
                range: start..text.len(),
                face: face_id(look.bold, look.italic),
                color: look.color,
                size,
                rise,
                decoration: piece.change.map(|c| match c.kind {
                    ChangeKind::Insert => Decoration::Underline,
                    ChangeKind::Delete => Decoration::Strike,
                }),
                change: piece.change.map(|c| std::sync::Arc::from(c.id.as_str())),
            });
        }
    }
    (text, spans)
}

/// Lays out a paragraph into lines no wider than the measure: again, or as the last layout
/// on this thread set the same text in the same style and measure ([`Memo`]).
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
    let key = Key::new(text, spans, style, lang, measure);
    if let Some(lines) = shaper.memo().get(&key) {
        return Ok(lines);
    }
    let lines = break_paragraph(shaper, &key.text, &key.spans, style, lang, measure)?;
    shaper.memo().keep(key, &lines);
    Ok(lines)
}

/// What sets a paragraph's lines, besides the fonts and the document's language (a
/// [`Shaper`] and its memo are for one set of fonts in one language): its text and spans,
/// the language of its hyphenation, its size, alignment and hyphenation, its measure.
/// Lengths are compared by their bits: the same computation gives the same bits.
pub(super) struct Key {
    text: String,
    spans: Vec<Span>,
    lang: Lang,
    size: f32,
    align: Align,
    hyphenate: bool,
    measure: Measure,
}

impl Key {
    fn new(text: String, spans: Vec<Span>, style: &Style, lang: Lang, measure: Measure) -> Key {
        Key {
            text,
            spans,
            lang,
            size: style.font_size,
            align: style.align,
            hyphenate: style.hyphenate,
            measure,
        }
    }

    /// Everything but the text and the spans, lengths as bits.
    fn settings(&self) -> (Lang, u32, Align, bool, u32, u32) {
        (
            self.lang,
            self.size.to_bits(),
            self.align,
            self.hyphenate,
            self.measure.first.to_bits(),
            self.measure.rest.to_bits(),
        )
    }
}

impl Span {
    /// The span as values compared and hashed at once, lengths as bits.
    fn bits(
        &self,
    ) -> (
        &Range<usize>,
        FaceId,
        Color,
        u32,
        u32,
        Option<Decoration>,
        Option<&str>,
    ) {
        (
            &self.range,
            self.face,
            self.color,
            self.size.to_bits(),
            self.rise.to_bits(),
            self.decoration,
            self.change.as_deref(),
        )
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.text == other.text
            && self.settings() == other.settings()
            && self.spans.len() == other.spans.len()
            && self
                .spans
                .iter()
                .zip(&other.spans)
                .all(|(a, b)| a.bits() == b.bits())
    }
}

impl Eq for Key {}

impl std::hash::Hash for Key {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.text.hash(state);
        self.settings().hash(state);
        self.spans.len().hash(state);
        for span in &self.spans {
            span.bits().hash(state);
        }
    }
}

/// Lines kept between layouts by the paragraph memo, at most: about 30 pages of text,
/// 5 MB. A draft in `motion watch` changes a paragraph or two between renders; the
/// others are set as they were. A longer document keeps its first paragraphs.
const LINES_KEPT: usize = 1500;

/// The paragraphs the last layout set on this thread (with these fonts, in this
/// language), with their lines.
#[derive(Default)]
pub(super) struct Memo {
    paragraphs: HashMap<Key, (Vec<Line>, bool)>,
    lines: usize,
    /// Whether this layout has set a paragraph (a shaper that measured a list label only
    /// leaves the memo as it found it).
    used: bool,
}

impl Memo {
    fn get(&mut self, key: &Key) -> Option<Vec<Line>> {
        self.used = true;
        let (lines, used) = self.paragraphs.get_mut(key)?;
        *used = true;
        Some(lines.clone())
    }

    fn keep(&mut self, key: Key, lines: &[Line]) {
        if self.lines + lines.len() <= LINES_KEPT {
            self.lines += lines.len();
            self.paragraphs.insert(key, (lines.to_vec(), true));
        }
    }

    /// At the end of a layout: the paragraphs it did not set are forgotten.
    pub(super) fn end_layout(&mut self) {
        if !std::mem::take(&mut self.used) {
            return;
        }
        self.paragraphs.retain(|_, (_, used)| std::mem::take(used));
        self.lines = self.paragraphs.values().map(|(lines, _)| lines.len()).sum();
    }
}

/// The lines of a paragraph's text, styled by its spans.
fn break_paragraph(
    shaper: &mut Shaper,
    text: &str,
    spans: &[Span],
    style: &Style,
    lang: Lang,
    measure: Measure,
) -> Result<Vec<Line>, LayoutError> {
    let justify = style.align == Align::Justify;
    let narrowest = measure.first.min(measure.rest).max(style.font_size);
    let items = items::build(shaper, text, spans, style, lang, narrowest)?;
    let params = Params {
        line_end_stretch: if justify { 0.0 } else { 3.0 * style.font_size },
        emergency_stretch: if justify { 1.5 * style.font_size } else { 0.0 },
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
    let breaks = linebreak::break_lines(&items.items, &width_of, &params);
    let mut lines = Vec::with_capacity(breaks.len());
    let mut start = 0;
    for (n, b) in breaks.iter().enumerate() {
        let last = n + 1 == breaks.len();
        let fit = Fit {
            measure: width_of(n),
            justify,
            last,
        };
        lines.push(set_line(shaper, text, spans, &items, start, b, fit)?);
        start = b.item + 1;
    }
    Ok(lines)
}

/// Runs of a text that never breaks (header, footer, list label, signature).
pub fn single_line(
    shaper: &mut Shaper,
    inlines: &[Inline],
    style: &Style,
    theme: &Theme,
    lang: Lang,
) -> Result<Vec<Run>, LayoutError> {
    let unbreakable = Style {
        align: Align::Left,
        hyphenate: false,
        ..style.clone()
    };
    let (text, spans) = flatten(inlines, &unbreakable, theme);
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    // No line breaker: the whole text is one line, set in one pass (linear in its length).
    let items = items::build(shaper, &text, &spans, &unbreakable, lang, f32::INFINITY)?;
    let end = Break {
        item: items.items.len() - 1,
        ratio: 0.0,
    };
    let fit = Fit {
        measure: f32::INFINITY,
        justify: false,
        last: true,
    };
    Ok(set_line(shaper, &text, &spans, &items, 0, &end, fit)?.runs)
}

/// Ends single-line runs with a space glyph `advance` wide, like a tab: text extraction then
/// reads a gap there (a list label before its text).
pub fn append_space(
    shaper: &mut Shaper,
    runs: &mut [Run],
    advance: f32,
) -> Result<(), LayoutError> {
    let Some(run) = runs.last_mut() else {
        return Ok(());
    };
    let space = shaper.shape(run.face, " ")?;
    let base = run.text.len();
    run.text.push(' ');
    run.glyphs.push(Glyph {
        id: space.glyphs.first().map_or(3, |g| g.id),
        advance,
        x_offset: 0.0,
        y_offset: 0.0,
        range: base..base + 1,
    });
    Ok(())
}

/// The glue ratio a line is set with, from its own spaces: justified lines fill the measure,
/// a line wider than it shrinks (also a last line, chosen *because* its spaces could shrink),
/// a last line or ragged text keeps its natural spaces. No line is set wider than its
/// measure unless its spaces cannot shrink enough (then they shrink all they can).
fn set_ratio(items: &[Item], end: &Item, measure: f32, justify: bool, last: bool) -> f32 {
    let (mut natural, mut stretch, mut shrink) = (0.0, 0.0, 0.0);
    for item in items {
        match *item {
            Item::Box { width } => natural += width,
            Item::Glue {
                width,
                stretch: st,
                shrink: sh,
            } => {
                natural += width;
                stretch += st;
                shrink += sh;
            }
            Item::Penalty { .. } => {}
        }
    }
    if let Item::Penalty { width, .. } = *end {
        natural += width;
    }
    if natural > measure {
        if shrink > 0.0 {
            ((measure - natural) / shrink).max(-1.0)
        } else {
            0.0
        }
    } else if justify && !last && stretch > 0.0 {
        (measure - natural) / stretch
    } else {
        0.0
    }
}

/// How a line is set: its measure, justified or not, the paragraph's last or not.
#[derive(Debug, Clone, Copy)]
struct Fit {
    measure: f32,
    justify: bool,
    last: bool,
}

/// One line: the items from `start` to the break, as glyph runs.
fn set_line(
    shaper: &mut Shaper,
    text: &str,
    spans: &[Span],
    items: &Items,
    mut start: usize,
    b: &Break,
    fit: Fit,
) -> Result<Line, LayoutError> {
    // Glue and penalties vanish at the start of a line.
    while start < b.item && !matches!(items.items[start], Item::Box { .. }) {
        start += 1;
    }
    // The last line's closing glue (its stretch takes the slack) is not a space.
    let spaces_end = if fit.last {
        b.item.saturating_sub(1)
    } else {
        b.item
    };
    let ratio = set_ratio(
        &items.items[start..spaces_end.max(start)],
        &items.items[b.item],
        fit.measure,
        fit.justify,
        fit.last,
    );
    let mut line = Line::default();
    let mut x = 0.0;
    for i in start..b.item {
        match (&items.items[i], &items.contents[i]) {
            (
                Item::Box { width },
                Content::Word {
                    span,
                    shaped,
                    glyphs,
                    text: range,
                },
            ) => {
                push_glyphs(
                    &mut line,
                    shaper,
                    x,
                    &spans[*span],
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
                push_space(&mut line, x, s, &space, w);
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
    ) = (&items.items[b.item], &items.contents[b.item])
    {
        let s = &spans[*span];
        let hyphen = shaper.shape(s.face, "-")?;
        // The hyphen a line break adds is a soft hyphen in the text layer, so the word copies
        // and searches whole (as Typst does); a hyphen the text has stays a hyphen.
        push_glyphs(
            &mut line,
            shaper,
            x,
            s,
            &hyphen,
            0..hyphen.glyphs.len(),
            "\u{ad}",
        );
        x += width;
        line.hyphenated = true;
    }
    line.width = x;
    Ok(line)
}

/// Appends glyphs to the line, merging with the previous run when their look agrees.
fn push_glyphs(
    line: &mut Line,
    shaper: &Shaper,
    x: f32,
    span: &Span,
    shaped: &Shaped,
    glyphs: Range<usize>,
    text: &str,
) {
    let scale = shaper.scale(span.face, span.size);
    let run = current_run(line, x, span);
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
fn push_space(line: &mut Line, x: f32, span: &Span, space: &Shaped, width: f32) {
    let run = current_run(line, x, span);
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

fn current_run<'l>(line: &'l mut Line, x: f32, span: &Span) -> &'l mut Run {
    let reuse = line.runs.last().is_some_and(|r| {
        r.face == span.face
            && r.color == span.color
            && r.size == span.size
            && r.rise == span.rise
            && r.decoration == span.decoration
            && r.change == span.change
            && (r.x + r.width() - x).abs() < 0.01
    });
    if !reuse {
        line.runs.push(Run {
            x,
            face: span.face,
            size: span.size,
            rise: span.rise,
            color: span.color,
            decoration: span.decoration,
            change: span.change.clone(),
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

    use crate::document::Inline;
    use crate::theme::{FontBytes, Fonts, Length, ThemeSpec};

    fn theme() -> Theme {
        let font = |name: &str| -> FontBytes {
            let path = format!(
                "{}/templates/default/fonts/LibertinusSerif-{name}.ttf",
                env!("CARGO_MANIFEST_DIR")
            );
            Arc::new(std::fs::read(path).unwrap())
        };
        let spec: ThemeSpec =
            toml::from_str(include_str!("../../templates/default/theme.toml")).unwrap();
        spec.theme(Fonts {
            regular: font("Regular"),
            italic: font("Italic"),
            bold: font("Bold"),
            bold_italic: font("BoldItalic"),
        })
        .unwrap()
    }

    fn lines_of(text: &str, width: f32) -> Vec<(String, f32, bool)> {
        lines_in("body", text, width)
    }

    fn lines_in(style: &str, text: &str, width: f32) -> Vec<(String, f32, bool)> {
        let theme = theme();
        let mut shaper = Shaper::new(&theme.fonts, "fr").unwrap();
        let style = theme.style(style).clone();
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

    /// The last line too: it keeps the shrink it was chosen for (it used to be set at its
    /// natural width, up to 10 pt into the margin).
    #[test]
    fn no_line_is_wider_than_its_measure_at_any_width() {
        let text = SEED.repeat(2);
        let mut width = 150.0;
        while width < 470.0 {
            for (line, w, _) in lines_of(&text, width) {
                assert!(w <= width + 0.01, "{w} > {width}: « {line} »");
            }
            width += 1.7;
        }
    }

    /// A paragraph never ends on a fragment of its last word (« wa-/ren, »).
    #[test]
    fn the_last_word_is_never_hyphenated() {
        let text = "Les assistants sociaux défendent le secret professionnel constitutionnellement";
        let mut width = 120.0;
        while width < 400.0 {
            let lines = lines_of(text, width);
            if let [.., before, last] = lines.as_slice() {
                assert!(
                    !before.2 || last.0.trim().contains(' '),
                    "at {width}: « {} » / « {} »",
                    before.0,
                    last.0
                );
            }
            width += 2.3;
        }
    }

    /// A centred title does not break between the words of a name when another break is
    /// nearly as good.
    #[test]
    fn titles_keep_names_together() {
        let title = "Pour un plan Housing First dans chacune des communes de la Région de Bruxelles-Capitale";
        // Title measures of real pages (A4 with the default margins is 465 pt).
        let mut width = 300.0;
        while width < 470.0 {
            let lines = lines_in("title", title, width);
            for pair in lines.windows(2) {
                assert!(
                    !pair[0].0.trim_end().ends_with("Housing"),
                    "at {width}: {lines:?}"
                );
            }
            width += 3.1;
        }
    }

    /// Capitalised words are never hyphenated, and a compound only at its hyphen.
    #[test]
    fn names_and_compounds_keep_their_letters_together() {
        let text =
            "la Banque-Carrefour de la Sécurité sociale et la Commission communautaire commune ";
        let mut width = 90.0;
        while width < 300.0 {
            for (line, _, hyphenated) in lines_of(&text.repeat(3), width) {
                if hyphenated {
                    let last = line.trim_end().trim_end_matches('\u{ad}');
                    let word = last.rsplit(' ').next().unwrap();
                    assert!(
                        !word.starts_with(char::is_uppercase) && !word.contains('-'),
                        "at {width}: « {line} »"
                    );
                }
            }
            width += 4.9;
        }
    }
}
