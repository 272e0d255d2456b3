//! Where a word may be hyphenated: hypher's French and Dutch patterns, with the limits a
//! proofreader expects.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::vocab::Lang;

/// Where each word seen may be hyphenated.
type Known = HashMap<Box<str>, Box<[usize]>>;

thread_local! {
    /// Points found on this thread, per language (French, Dutch): a motion repeats its
    /// words, and `motion watch` and batches lay out the same words again and again.
    static KNOWN: RefCell<[Known; 2]> = RefCell::default();
}

/// Words kept per language; past this the memo starts again empty.
const WORDS_KEPT: usize = 20_000;

/// Byte offsets inside `piece` where a hyphen may go: within runs of letters of 5 or more,
/// leaving at least 2 letters before and 3 after (Imprimerie nationale). Proper names and
/// every capitalised word (« Carrefour », « Commission », « Gewest »), acronyms and words with
/// capitals inside are left whole, as a proofreader wants.
pub fn hyphenation_points(piece: &str, lang: Lang) -> Vec<usize> {
    let slot = usize::from(lang == Lang::Nl);
    let known = |piece: &str| {
        KNOWN
            .try_with(|k| k.borrow()[slot].get(piece).map(|p| p.to_vec()))
            .ok()
            .flatten()
    };
    if let Some(points) = known(piece) {
        return points;
    }
    let points = find_points(piece, lang);
    let _ = KNOWN.try_with(|k| {
        let words = &mut k.borrow_mut()[slot];
        if words.len() >= WORDS_KEPT {
            words.clear();
        }
        words.insert(piece.into(), points.clone().into_boxed_slice());
    });
    points
}

fn find_points(piece: &str, lang: Lang) -> Vec<usize> {
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
        if !(5..=60).contains(&letters) || word.chars().any(char::is_uppercase) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
        for name in ["Carrefour", "Commission", "Gewest", "Bruxelles"] {
            assert!(hyphenation_points(name, Lang::Fr).is_empty(), "{name}");
        }
    }
}
