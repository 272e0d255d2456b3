//! French spacing, one implementation for the renderers (applied silently at render time,
//! without changing any word) and for `motion check` (reported as lint warnings, fixed by
//! `motion fmt`): a no-break space before `; : ! ?` and inside « », so a line never starts with
//! a colon or ends with an open quote. Spaces after Imprimerie nationale, *Lexique des règles
//! typographiques*: thin no-break (U+202F) before `; ! ?` and inside « », word-width (U+00A0)
//! before `:`; either no-break space is accepted where one is due.

use std::ops::Range;

pub const NBSP: char = '\u{a0}';
pub const NNBSP: char = '\u{202f}';

/// Which spacing rule an edit applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpaceRule {
    BeforeColon,
    BeforeSemicolon,
    BeforeExclamation,
    BeforeQuestion,
    InsideGuillemets,
}

impl SpaceRule {
    /// The lint rule id.
    pub fn id(self) -> &'static str {
        match self {
            SpaceRule::BeforeColon => "fr-nbsp-before-colon",
            SpaceRule::BeforeSemicolon => "fr-nbsp-before-semicolon",
            SpaceRule::BeforeExclamation => "fr-nbsp-before-exclamation",
            SpaceRule::BeforeQuestion => "fr-nbsp-before-question",
            SpaceRule::InsideGuillemets => "fr-nbsp-inside-guillemets",
        }
    }
}

/// One change: `range` of the text (empty for an insertion) becomes `space`.
#[derive(Debug, Clone, PartialEq)]
pub struct SpaceEdit {
    pub range: Range<usize>,
    pub space: char,
    pub rule: SpaceRule,
}

fn is_space(c: char) -> bool {
    c == NBSP || c == NNBSP
}

/// Byte ranges of web and mail addresses (`https://…`, `www.…`, `mailto:…`), where
/// punctuation belongs to the address.
pub fn address_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if !(text.contains("://") || text.contains("www.") || text.contains("mailto:")) {
        return out;
    }
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                let token: &str = &text[s..i];
                let token = token.trim_start_matches(['(', '«', '"', '<']);
                if token.contains("://")
                    || token.starts_with("www.")
                    || token.starts_with("mailto:")
                {
                    out.push(s..i);
                }
            }
        } else {
            start.get_or_insert(i);
        }
    }
    out
}

/// The spacing edits French typography calls for in `text`. Never inside numbers (`10:30`)
/// or addresses (`https://…?a=b`), never between `?` and `!`.
pub fn spacing_edits(text: &str, narrow: bool) -> Vec<SpaceEdit> {
    let thin = if narrow { NNBSP } else { NBSP };
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let addresses = address_ranges(text);
    let mut edits = Vec::new();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if addresses.iter().any(|a| a.contains(&i)) {
            continue;
        }
        let prev = k.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let (rule, space) = match c {
            ';' => (SpaceRule::BeforeSemicolon, thin),
            '!' => (SpaceRule::BeforeExclamation, thin),
            '?' => (SpaceRule::BeforeQuestion, thin),
            ':' if !next.is_some_and(|n| n == '/' || n.is_ascii_digit()) => {
                (SpaceRule::BeforeColon, NBSP)
            }
            '»' => (SpaceRule::InsideGuillemets, thin),
            '«' => {
                match next {
                    Some(' ') => edits.push(SpaceEdit {
                        range: i + 2..i + 3,
                        space: thin,
                        rule: SpaceRule::InsideGuillemets,
                    }),
                    Some(n) if !is_space(n) && !n.is_whitespace() => edits.push(SpaceEdit {
                        range: i + 2..i + 2,
                        space: thin,
                        rule: SpaceRule::InsideGuillemets,
                    }),
                    _ => {}
                }
                continue;
            }
            _ => continue,
        };
        // A space already claimed by « (in « « : ») is not replaced twice.
        let claimed = |start: usize| {
            edits
                .last()
                .is_some_and(|e: &SpaceEdit| e.range.end > start)
        };
        match prev {
            Some((p, ' ')) if claimed(p) => {}
            Some((p, ' ')) => edits.push(SpaceEdit {
                range: p..i,
                space,
                rule,
            }),
            Some((_, p))
                if (p.is_alphanumeric() || p == '»' || p == ')' || p == '…')
                    && !(c == ':' && p.is_ascii_digit()) =>
            {
                edits.push(SpaceEdit {
                    range: i..i,
                    space,
                    rule,
                });
            }
            _ => {}
        }
    }
    edits
}

/// `text` with every spacing edit applied.
pub fn french_spacing(text: &str, narrow: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut at = 0;
    for edit in spacing_edits(text, narrow) {
        out.push_str(&text[at..edit.range.start]);
        out.push(edit.space);
        at = edit.range.end;
    }
    out.push_str(&text[at..]);
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
        let s = "culte…\u{202f}? «\u{202f}Front\u{202f}» encore\u{a0}: oui ; non\u{a0}!";
        assert_eq!(french_spacing(s, true), s.replace(" ;", "\u{202f};"));
        assert!(
            spacing_edits("culte…\u{202f}? «\u{a0}Front\u{a0}»", true).is_empty(),
            "either no-break space is accepted"
        );
    }

    #[test]
    fn addresses_keep_their_punctuation() {
        let url = "voir https://www.lachambre.be/showpage.cfm?section=/flwb&language=fr ; merci !";
        assert_eq!(
            french_spacing(url, true),
            "voir https://www.lachambre.be/showpage.cfm?section=/flwb&language=fr\u{202f}; merci\u{202f}!"
        );
        assert_eq!(
            french_spacing("écrire à mailto:cpas@forest.be ?", true),
            "écrire à mailto:cpas@forest.be\u{202f}?"
        );
    }

    /// Found by fuzzing: « then a space then « : » claimed the same space twice.
    #[test]
    fn overlapping_claims_on_one_space() {
        assert_eq!(french_spacing("« : x", true), "«\u{202f}: x");
        assert_eq!(french_spacing("« ! « ?", true), "«\u{202f}! «\u{202f}?");
        assert_eq!(french_spacing("«:", true), "«\u{202f}:");
    }

    #[test]
    fn edits_name_their_rule() {
        let edits = spacing_edits("Plus grave encore : le vote !", true);
        let rules: Vec<&str> = edits.iter().map(|e| e.rule.id()).collect();
        assert_eq!(
            rules,
            ["fr-nbsp-before-colon", "fr-nbsp-before-exclamation"]
        );
        assert_eq!(edits[0].range, 17..18);
    }
}
