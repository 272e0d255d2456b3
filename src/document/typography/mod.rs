//! Typography applied at render time to every block, in the block's language, without
//! changing a word: typographic apostrophes, no-break ties, French spacing and ordinal
//! suffixes in superscript. `motion check` reports the same defects in the spec (the lint
//! shares [`spacing`]), and `motion fmt` fixes the safe ones there.

pub mod spacing;
mod ties;

pub use spacing::{
    NBSP, NNBSP, SpaceEdit, SpaceRule, address_ranges, french_spacing, spacing_edits,
};
pub use ties::ties;

use super::inline::Inline;
use super::{BlockKind, Document};
use crate::vocab::{Lang, ordinal_suffixes};

/// Applies the rules of each block's language; the marginals follow the document's language.
pub fn apply(doc: &mut Document) {
    let narrow = doc.theme.typography.narrow_nbsp;
    for block in &mut doc.blocks {
        let lang = block.lang;
        match &mut block.kind {
            BlockKind::Heading { inlines, .. } | BlockKind::Paragraph { inlines, .. } => {
                *inlines = fix_inlines(std::mem::take(inlines), lang, narrow);
            }
            BlockKind::List { items, .. } => {
                for item in items {
                    item.inlines = fix_inlines(std::mem::take(&mut item.inlines), lang, narrow);
                }
            }
            BlockKind::Signatures { signatures, .. } => {
                for s in signatures {
                    s.role = fix_text(&s.role, lang, narrow);
                    if let Some(name) = s.name.as_mut() {
                        *name = fix_text(name, lang, narrow);
                    }
                }
            }
            BlockKind::Blank { .. } | BlockKind::PageBreak => {}
        }
    }
    let lang = doc.meta.lang;
    // The metadata shows the same words as the page.
    let meta = &mut doc.meta;
    for text in [&mut meta.title, &mut meta.author, &mut meta.subject]
        .into_iter()
        .chain(meta.keywords.iter_mut())
    {
        *text = apostrophes(text);
    }
    for m in [&mut doc.header, &mut doc.footer] {
        for slot in [&mut m.left, &mut m.center, &mut m.right] {
            *slot = fix_inlines(std::mem::take(slot), lang, narrow);
        }
    }
}

/// The apostrophe, ties and spacing rules on one text.
pub fn fix_text(text: &str, lang: Lang, narrow: bool) -> String {
    let text = apostrophes(text);
    let text = ties(&text, lang, narrow);
    if lang.spaces_high_punctuation() {
        french_spacing(&text, narrow)
    } else {
        text
    }
}

/// A typed `'` is the typographic apostrophe ’ in French and Dutch (« l’article », « zo’n »),
/// except inside web and mail addresses.
pub fn apostrophes(text: &str) -> String {
    if !text.contains('\'') {
        return text.to_string();
    }
    let addresses = address_ranges(text);
    text.char_indices()
        .map(|(i, c)| {
            if c == '\'' && !addresses.iter().any(|a| a.contains(&i)) {
                '’'
            } else {
                c
            }
        })
        .collect()
}

/// Texts fixed, then ordinal suffixes raised: « 1er » → 1 + superscript « er ».
fn fix_inlines(inlines: Vec<Inline>, lang: Lang, narrow: bool) -> Vec<Inline> {
    let mut out = Vec::with_capacity(inlines.len());
    for inline in inlines {
        match inline {
            Inline::Text(t) => {
                let fixed = fix_text(&t, lang, narrow);
                raise_ordinals(fixed, lang, &mut out);
            }
            // Already raised by the template: fixed, not raised twice.
            Inline::Superscript(children) => {
                let mut children = children;
                super::inline::map_text(&mut children, &mut |t| *t = fix_text(t, lang, narrow));
                out.push(Inline::Superscript(children));
            }
            other => match other.into_container() {
                Ok((wrapper, children)) => {
                    out.push(wrapper.wrap(fix_inlines(children, lang, narrow)));
                }
                Err(leaf) => out.push(leaf),
            },
        }
    }
    out
}

/// Splits a text around its ordinal suffixes, which become superscript.
fn raise_ordinals(text: String, lang: Lang, out: &mut Vec<Inline>) {
    let addresses = address_ranges(&text);
    let suffixes: Vec<_> = ordinal_suffixes(&text, lang)
        .into_iter()
        .filter(|r| !addresses.iter().any(|a| a.contains(&r.start)))
        .collect();
    if suffixes.is_empty() {
        out.push(Inline::Text(text));
        return;
    }
    let mut at = 0;
    for range in suffixes {
        if range.start > at {
            out.push(Inline::Text(text[at..range.start].to_string()));
        }
        out.push(Inline::Superscript(vec![Inline::Text(
            text[range.clone()].to_string(),
        )]));
        at = range.end;
    }
    if at < text.len() {
        out.push(Inline::Text(text[at..].to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apostrophes_become_typographic_outside_addresses() {
        assert_eq!(apostrophes("l'article d'un zo'n"), "l’article d’un zo’n");
        assert_eq!(
            apostrophes("voir https://x.be/l'a et l'b"),
            "voir https://x.be/l'a et l’b"
        );
    }

    #[test]
    fn ordinals_are_raised() {
        let mut out = Vec::new();
        raise_ordinals("le 1er mars et le 2e".into(), Lang::Fr, &mut out);
        assert_eq!(
            out,
            vec![
                Inline::Text("le 1".into()),
                Inline::Superscript(vec![Inline::Text("er".into())]),
                Inline::Text(" mars et le 2".into()),
                Inline::Superscript(vec![Inline::Text("e".into())]),
            ]
        );
    }
}
