//! Ordinals: « 1er », « 2e » in French (Imprimerie nationale), « 1ste », « 2de » or « 2e » in
//! Dutch (Taalunie), and where their suffixes are in a text, to print them in superscript.

use std::ops::Range;

use super::Lang;

/// « 1er », « 2e » (French); « 1e », « 2e » (Dutch, the Taalunie's short form).
pub fn ordinal(n: i64, lang: Lang) -> String {
    match (lang, n) {
        (Lang::Fr, 1) => "1er".into(),
        _ => format!("{n}e"),
    }
}

/// The ordinal as a word, for « au deuxième considérant », « in de tweede overweging »;
/// beyond the twentieth, in figures (« 21e »).
pub fn ordinal_word(n: usize, lang: Lang) -> String {
    const FR: [&str; 20] = [
        "premier",
        "deuxième",
        "troisième",
        "quatrième",
        "cinquième",
        "sixième",
        "septième",
        "huitième",
        "neuvième",
        "dixième",
        "onzième",
        "douzième",
        "treizième",
        "quatorzième",
        "quinzième",
        "seizième",
        "dix-septième",
        "dix-huitième",
        "dix-neuvième",
        "vingtième",
    ];
    const NL: [&str; 20] = [
        "eerste",
        "tweede",
        "derde",
        "vierde",
        "vijfde",
        "zesde",
        "zevende",
        "achtste",
        "negende",
        "tiende",
        "elfde",
        "twaalfde",
        "dertiende",
        "veertiende",
        "vijftiende",
        "zestiende",
        "zeventiende",
        "achttiende",
        "negentiende",
        "twintigste",
    ];
    let words = match lang {
        Lang::Fr => &FR,
        Lang::Nl => &NL,
    };
    match n.checked_sub(1).and_then(|i| words.get(i)) {
        Some(w) => w.to_string(),
        None => ordinal(n as i64, lang),
    }
}

/// The label of an article: « Article 1er », « Article 2 », « Artikel 1 ». Belgian legal texts
/// make only the first French article an ordinal.
pub fn article_label(word: &str, n: usize, lang: Lang) -> String {
    match (lang, n) {
        (Lang::Fr, 1) => format!("{word} {}", ordinal(1, Lang::Fr)),
        _ => format!("{word} {n}"),
    }
}

/// Suffixes an ordinal number may take, longest first.
fn suffixes(lang: Lang) -> &'static [&'static str] {
    match lang {
        // « 1er », « 1re », « 1ers », « 2e », « 2es », « 2nd », « 2nde »
        Lang::Fr => &["ers", "res", "nde", "er", "re", "es", "nd", "e"],
        // « 1ste », « 2de », « 8ste », « 1e »
        Lang::Nl => &["ste", "de", "e"],
    }
}

/// Byte ranges of ordinal suffixes in `text`: a number (or, in French, an upper-case Roman
/// numeral up to XXXIX: « XIXe siècle », « Albert Ier ») directly followed by a suffix that
/// ends the word. « 2e » is found, « 2ex », « 12h » and « Vie » are not.
pub fn ordinal_suffixes(text: &str, lang: Lang) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (_, c) = chars[k];
        let word_start = k == 0 || !chars[k - 1].1.is_alphanumeric();
        let roman = |c: char| matches!(c, 'I' | 'V' | 'X');
        let digits = c.is_ascii_digit();
        if !word_start || !(digits || (lang == Lang::Fr && roman(c))) {
            k += 1;
            continue;
        }
        let is_number: fn(char) -> bool = if digits {
            |c| c.is_ascii_digit()
        } else {
            |c| matches!(c, 'I' | 'V' | 'X')
        };
        let mut j = k;
        while j < chars.len() && is_number(chars[j].1) {
            j += 1;
        }
        let suffix_start = chars.get(j).map_or(text.len(), |&(i, _)| i);
        let rest = &text[suffix_start..];
        let found = suffixes(lang).iter().find(|s| {
            rest.starts_with(**s)
                && !rest[s.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
        });
        if let Some(s) = found {
            // Roman numerals: only « Ier » takes « er »; « Ie » alone is no ordinal.
            let numeral = &text[chars[k].0..suffix_start];
            let plausible = digits || (numeral != "I" || s.starts_with("er"));
            if plausible {
                out.push(suffix_start..suffix_start + s.len());
            }
        }
        k = j.max(k + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, lang: Lang) -> Vec<&str> {
        ordinal_suffixes(text, lang)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn labels() {
        assert_eq!(ordinal(1, Lang::Fr), "1er");
        assert_eq!(ordinal(2, Lang::Fr), "2e");
        assert_eq!(ordinal(1, Lang::Nl), "1e");
        assert_eq!(article_label("Article", 1, Lang::Fr), "Article 1er");
        assert_eq!(article_label("Article", 2, Lang::Fr), "Article 2");
        assert_eq!(article_label("Artikel", 1, Lang::Nl), "Artikel 1");
    }

    #[test]
    fn french_suffixes() {
        assert_eq!(
            found(
                "le 1er mars, la 1re fois, le 2e, les 3es, XIXe siècle, Albert Ier",
                Lang::Fr
            ),
            ["er", "re", "e", "es", "e", "er"]
        );
        assert!(found("12h, 2ex, Vie, Ie, 2024, e2e, Le, De", Lang::Fr).is_empty());
    }

    #[test]
    fn dutch_suffixes() {
        assert_eq!(
            found("de 1ste keer, de 2de, de 3e, 20ste", Lang::Nl),
            ["ste", "de", "e", "ste"]
        );
        assert!(found("XIXe, 2der", Lang::Nl).is_empty());
    }
}
