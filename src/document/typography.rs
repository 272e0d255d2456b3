//! French spacing applied at render time, without changing any word: a no-break space before
//! `; : ! ?` and inside « », so a line never starts with a colon or ends with an open quote.
//! Spaces after Imprimerie nationale, *Lexique des règles typographiques*: a thin no-break
//! space (U+202F) before `; ! ?` and inside « », a word-width one (U+00A0) before `:`.

use super::{Block, BlockKind, Document, Inline, Marginal};
use crate::spec::Lang;

const NBSP: char = '\u{a0}';
const NNBSP: char = '\u{202f}';

/// Applies the spacing rules of the document's language to every text run.
pub fn apply(doc: &mut Document) {
    if doc.meta.lang != Lang::Fr {
        return;
    }
    let narrow = doc.theme.typography.narrow_nbsp;
    for block in &mut doc.blocks {
        apply_block(block, narrow);
    }
    for m in [&mut doc.header, &mut doc.footer] {
        apply_marginal(m, narrow);
    }
}

fn apply_marginal(m: &mut Marginal, narrow: bool) {
    for slot in [&mut m.left, &mut m.center, &mut m.right] {
        apply_inlines(slot, narrow);
    }
}

fn apply_block(block: &mut Block, narrow: bool) {
    match &mut block.kind {
        BlockKind::Heading { inlines, .. } | BlockKind::Paragraph { inlines, .. } => {
            apply_inlines(inlines, narrow)
        }
        BlockKind::List { items, .. } => {
            for item in items {
                apply_inlines(&mut item.inlines, narrow);
            }
        }
        BlockKind::Signatures { signatures, .. } => {
            for s in signatures {
                s.role = french_spacing(&s.role, narrow);
                s.name = s.name.as_deref().map(|n| french_spacing(n, narrow));
            }
        }
        BlockKind::Blank { .. } | BlockKind::PageBreak => {}
    }
}

fn apply_inlines(inlines: &mut [Inline], narrow: bool) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => *t = french_spacing(t, narrow),
            Inline::Styled { children, .. } => apply_inlines(children, narrow),
            Inline::LineBreak | Inline::Field(_) => {}
        }
    }
}

/// The French spacing of `text`: plain spaces around `; : ! ? « »` become no-break, and a
/// missing one is added after a letter. Never inside numbers (`10:30`) or URLs (`https://`).
pub fn french_spacing(text: &str, narrow: bool) -> String {
    let thin = if narrow { NNBSP } else { NBSP };
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let prev = out.chars().last();
        let next = chars.get(i + 1).copied();
        let space_before = match c {
            ';' | '!' | '?' => Some(thin),
            ':' if !next.is_some_and(|n| n == '/' || n.is_ascii_digit()) => Some(NBSP),
            '»' => Some(thin),
            _ => None,
        };
        if let Some(space) = space_before {
            match prev {
                Some(' ') => {
                    out.pop();
                    out.push(space);
                }
                // `?!` and `!!` stay together; only add a space after a word, never in `10:30`.
                Some(p)
                    if (p.is_alphanumeric() || p == '»' || p == ')' || p == '…')
                        && !(c == ':' && p.is_ascii_digit()) =>
                {
                    out.push(space);
                }
                _ => {}
            }
            out.push(c);
            continue;
        }
        if prev == Some('«') {
            out.pop();
            out.push('«');
            out.push(thin);
            if c == ' ' || c == NBSP || c == NNBSP {
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_become_no_break() {
        assert_eq!(
            french_spacing("Vu la menace : la loi", true),
            "Vu la menace\u{a0}: la loi"
        );
        assert_eq!(french_spacing("Pourquoi ?", true), "Pourquoi\u{202f}?");
        assert_eq!(french_spacing("Pourquoi ?", false), "Pourquoi\u{a0}?");
        assert_eq!(
            french_spacing("« Front peu Commun »", true),
            "«\u{202f}Front peu Commun\u{202f}»"
        );
    }

    #[test]
    fn missing_spaces_are_added_after_words() {
        assert_eq!(
            french_spacing("encore: le vote!", true),
            "encore\u{a0}: le vote\u{202f}!"
        );
        assert_eq!(french_spacing("«Écoles»", true), "«\u{202f}Écoles\u{202f}»");
    }

    #[test]
    fn numbers_and_urls_are_left_alone() {
        assert_eq!(french_spacing("à 10:30", true), "à 10:30");
        assert_eq!(
            french_spacing("https://example.org", true),
            "https://example.org"
        );
        assert_eq!(french_spacing("Quoi ?!", true), "Quoi\u{202f}?!");
    }

    #[test]
    fn already_correct_text_is_unchanged() {
        let s = "culte…\u{202f}? «\u{202f}Front\u{202f}» encore\u{a0}: oui";
        assert_eq!(french_spacing(s, true), s);
    }
}
