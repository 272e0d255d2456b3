//! Ties: spaces that must not break a line, made no-break at render time (Imprimerie
//! nationale, *Lexique*, « espaces insécables »): a day and its month, a month and its year
//! (« 26 mai 2002 »), after « article », « art. », « § », « n° », « p. » (« artikel », « nr. »,
//! « blz. » in Dutch), inside a number (« 3 500 »), before « % », « € » or a unit.

use super::spacing::{NBSP, NNBSP, address_ranges};
use crate::vocab::Lang;

/// Words after which a number or reference follows that must stay on the same line.
fn leading_words(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Fr => &[
            "article", "articles", "art.", "§", "§§", "n°", "nº", "no", "nos", "p.", "pp.",
            "chapitre", "titre", "livre", "annexe", "alinéa",
        ],
        Lang::Nl => &[
            "artikel",
            "artikels",
            "artikelen",
            "art.",
            "§",
            "§§",
            "nr.",
            "nrs.",
            "n°",
            "blz.",
            "p.",
            "pp.",
            "hoofdstuk",
            "titel",
            "boek",
            "bijlage",
            "lid",
        ],
    }
}

/// Units and signs that follow a number: « 10 % », « 15 € », « 12 km ».
const UNITS: &[&str] = &[
    "%", "‰", "€", "$", "£", "EUR", "euros", "euro", "km", "km²", "m", "m²", "m³", "cm", "mm",
    "ha", "kg", "kWh", "MWh", "GWh", "°C", "°",
];

/// Signs set after a thin no-break space rather than a word space.
const THIN_UNITS: &[&str] = &["%", "‰"];

fn is_number(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

/// A day of the month as written before its month: « 26 », « 1er », « 1 ».
fn is_day(word: &str, lang: Lang) -> bool {
    let digits = word
        .strip_suffix("er")
        .filter(|_| lang == Lang::Fr)
        .unwrap_or(word);
    digits.len() <= 2
        && !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
        && digits.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
}

fn is_month(word: &str, lang: Lang) -> bool {
    lang.months().contains(&word)
}

fn is_year(word: &str) -> bool {
    let digits = word.trim_end_matches([',', '.', ';', ':', ')']);
    digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit())
}

/// The no-break space a space between `before` and `after` becomes, if any.
fn tie(before: &str, after: &str, lang: Lang, narrow: bool) -> Option<char> {
    let thin = if narrow { NNBSP } else { NBSP };
    // « (l’article » is « article »: opening signs and an elided article do not count.
    let bare = |w: &str| {
        let w = w.trim_start_matches(['(', '«', '“', '[', '\u{202f}', '\u{a0}']);
        w.rsplit(['’', '\'']).next().unwrap_or(w).to_string()
    };
    let before = bare(before);
    let after_word = after.trim_end_matches([',', '.', ';', ':', ')', '»', '”', '!', '?']);
    let lower = before.to_lowercase();
    if leading_words(lang).contains(&lower.as_str())
        && after.chars().next().is_some_and(|c| c.is_alphanumeric())
    {
        return Some(NBSP);
    }
    if is_day(&before, lang) && is_month(after_word, lang) {
        return Some(NBSP);
    }
    if is_month(&before, lang) && is_year(after) {
        return Some(NBSP);
    }
    if is_number(&before) && UNITS.contains(&after_word) {
        return Some(if THIN_UNITS.contains(&after_word) {
            thin
        } else {
            NBSP
        });
    }
    // Thousands in groups of three: « 3 500 euros », « 12 000 ».
    // A group of three digits, maybe with decimals: « 3 500 », « 1 263,59 ».
    let group = |w: &str| {
        let int = w.split([',', '.']).next().unwrap_or(w);
        let decimals = &w[int.len()..];
        int.len() == 3
            && int.chars().all(|c| c.is_ascii_digit())
            && (decimals.is_empty()
                || (decimals.len() > 1 && decimals[1..].chars().all(|c| c.is_ascii_digit())))
    };
    if before.len() <= 3
        && !before.is_empty()
        && before.chars().all(|c| c.is_ascii_digit())
        && group(after.trim_end_matches([',', '.', ';', ':', ')']))
    {
        return Some(thin);
    }
    None
}

/// `text` with the spaces that must not break made no-break. Addresses are left alone.
pub fn ties(text: &str, lang: Lang, narrow: bool) -> String {
    if !text.contains(' ') {
        return text.to_string();
    }
    let addresses = address_ranges(text);
    let mut out = String::with_capacity(text.len());
    let mut words = text.split(' ').peekable();
    let mut at = 0;
    while let Some(word) = words.next() {
        out.push_str(word);
        at += word.len();
        let Some(next) = words.peek() else { break };
        // The words on each side of the space, on their own lines.
        let before = word.rsplit('\n').next().unwrap_or("");
        let after = next.split('\n').next().unwrap_or("");
        let inside_address = addresses.iter().any(|a| a.contains(&at));
        let choice = (!before.is_empty() && !after.is_empty() && !inside_address)
            .then(|| tie(before, after, lang, narrow))
            .flatten();
        out.push(choice.unwrap_or(' '));
        at += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fr(text: &str) -> String {
        ties(text, Lang::Fr, true)
            .replace(NBSP, "~")
            .replace(NNBSP, "^")
    }

    fn nl(text: &str) -> String {
        ties(text, Lang::Nl, true)
            .replace(NBSP, "~")
            .replace(NNBSP, "^")
    }

    #[test]
    fn dates_are_tied() {
        assert_eq!(fr("la loi du 26 mai 2002 est"), "la loi du 26~mai~2002 est");
        assert_eq!(fr("le 1er septembre 2024,"), "le 1er~septembre~2024,");
        assert_eq!(nl("op 1 januari 2025."), "op 1~januari~2025.");
        assert_eq!(fr("en mai nous"), "en mai nous");
    }

    #[test]
    fn references_are_tied() {
        assert_eq!(
            fr("l’article L1122-20 et l’art. 57, § 2, p. 34 et n° 12"),
            "l’article~L1122-20 et l’art.~57, §~2, p.~34 et n°~12"
        );
        assert_eq!(
            nl("artikel 5 en nr. 12, blz. 3"),
            "artikel~5 en nr.~12, blz.~3"
        );
    }

    #[test]
    fn numbers_and_units_are_tied() {
        assert_eq!(
            fr("10 % de 3 500 euros, 15 € et 12 km."),
            "10^% de 3^500~euros, 15~€ et 12~km."
        );
        assert_eq!(fr("en 2002 500 personnes"), "en 2002 500 personnes");
    }

    #[test]
    fn other_spaces_and_addresses_stay() {
        assert_eq!(
            fr("voir  https://x.be/article 5"),
            "voir  https://x.be/article 5"
        );
        assert_eq!(fr("un\narticle 5"), "un\narticle~5");
        assert_eq!(fr("la mai son"), "la mai son");
    }
}
