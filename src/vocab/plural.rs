//! The plural of a role, for a register's « Jean Dupont, Paul Durand, Conseillers ».
//!
//! Roles are short noun phrases: the head noun and its adjectives agree, what follows a
//! preposition does not (« Présidents du CPAS »). The rules cover the regular forms; a
//! template's labels (`[plurals]`) give the irregular ones.

use super::Lang;

/// Words after which nothing agrees: prepositions, articles, « f.f. ».
const FR_STOPS: &[&str] = &[
    "de", "du", "des", "d'", "d’", "à", "au", "aux", "en", "pour", "chargé", "chargée", "f.f.",
    "ff", "ff.", "faisant",
];
const NL_STOPS: &[&str] = &[
    "van", "voor", "der", "de", "het", "bij", "wnd.", "wnd", "a.i.",
];

/// The plural of `role` in `lang`.
pub fn plural(role: &str, lang: Lang) -> String {
    let mut out: Vec<String> = role.split(' ').map(str::to_string).collect();
    // A leading article: « La Présidente » → « Les Présidentes », « de voorzitter ».
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let mut start = 0;
    if let Some(first) = out.first().cloned() {
        let lower = first.to_lowercase();
        let les = if capital(&first) { "Les" } else { "les" };
        match (lang, lower.as_str()) {
            (Lang::Fr, "le" | "la" | "les") => {
                out[0] = les.to_string();
                start = 1;
            }
            (Lang::Fr, _) if lower.starts_with("l'") || lower.starts_with("l’") => {
                let rest = first[first.find(['\'', '’']).map_or(0, |i| i + 1)..]
                    .trim_start_matches(['\'', '’'])
                    .to_string();
                out.splice(0..1, [les.to_string(), rest]);
                start = 1;
            }
            (Lang::Nl, "de" | "het") => {
                out[0] = if capital(&first) { "De" } else { "de" }.to_string();
                start = 1;
            }
            _ => {}
        }
    }
    let stops = match lang {
        Lang::Fr => FR_STOPS,
        Lang::Nl => NL_STOPS,
    };
    let end = out[start..]
        .iter()
        .position(|w| {
            let lower = w.to_lowercase();
            stops.contains(&lower.as_str()) || lower.starts_with("d'") || lower.starts_with("d’")
        })
        .map_or(out.len(), |i| start + i);
    match lang {
        // Every word of the head agrees: « Directrices générales ».
        Lang::Fr => {
            for word in &mut out[start..end] {
                *word = french_word(word);
            }
        }
        // Only the noun, the last word of the head, takes the plural: « algemeen directeurs ».
        Lang::Nl => {
            if end > start {
                out[end - 1] = dutch_word(&out[end - 1]);
            }
        }
    }
    out.join(" ")
}

/// Whether a word is left as it is: an abbreviation (CPAS, OCMW) or not a word.
fn invariable(word: &str) -> bool {
    !word.chars().any(char::is_alphabetic)
        || word.contains('.')
        || (word.chars().filter(|c| c.is_alphabetic()).count() > 1
            && word.chars().all(|c| !c.is_lowercase()))
}

fn french_word(word: &str) -> String {
    if invariable(word) {
        return word.to_string();
    }
    let lower = word.to_lowercase();
    if lower.ends_with(['s', 'x', 'z']) {
        word.to_string()
    } else if lower.ends_with("al") && !matches!(lower.as_str(), "bal" | "festival" | "récital") {
        format!("{}aux", &word[..word.len() - 2])
    } else if lower.ends_with("eau") || lower.ends_with("eu") {
        format!("{word}x")
    } else {
        format!("{word}s")
    }
}

fn dutch_word(word: &str) -> String {
    if invariable(word) {
        return word.to_string();
    }
    let lower = word.to_lowercase();
    // Compounds inherit their last part's plural: « gemeenteraadslid », « OCMW-raadslid ».
    if lower.ends_with("lid") {
        return format!("{}leden", &word[..word.len() - 3]);
    }
    if lower.ends_with("schepen") {
        return format!("{word}en");
    }
    if lower.ends_with("is") {
        // « secretaris » → « secretarissen »
        return format!("{word}sen");
    }
    let last = lower.chars().last().unwrap_or(' ');
    if matches!(last, 'a' | 'i' | 'o' | 'u' | 'y') {
        return format!("{word}'s");
    }
    // Unstressed endings and loanwords take -s: voorzitter, directeur, burgemeester.
    if ["er", "el", "em", "en", "je", "ie", "eur", "e"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        return format!("{word}s");
    }
    format!("{word}en")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_roles() {
        let fr = |r| plural(r, Lang::Fr);
        assert_eq!(fr("Conseiller"), "Conseillers");
        assert_eq!(fr("Conseillère"), "Conseillères");
        assert_eq!(fr("Directeur général"), "Directeurs généraux");
        assert_eq!(fr("Directrice générale"), "Directrices générales");
        assert_eq!(fr("Conseiller communal"), "Conseillers communaux");
        assert_eq!(fr("Président du CPAS"), "Présidents du CPAS");
        assert_eq!(
            fr("Membre du Bureau permanent"),
            "Membres du Bureau permanent"
        );
        assert_eq!(fr("Bourgmestre f.f."), "Bourgmestres f.f.");
        assert_eq!(fr("Échevin des Finances"), "Échevins des Finances");
        assert_eq!(fr("conseillers"), "conseillers");
        assert_eq!(fr("La Présidente"), "Les Présidentes");
        assert_eq!(fr("l'Échevine"), "les Échevines");
    }

    #[test]
    fn dutch_roles() {
        let nl = |r| plural(r, Lang::Nl);
        assert_eq!(nl("raadslid"), "raadsleden");
        assert_eq!(nl("OCMW-raadslid"), "OCMW-raadsleden");
        assert_eq!(nl("schepen"), "schepenen");
        assert_eq!(nl("voorzitter"), "voorzitters");
        assert_eq!(nl("secretaris"), "secretarissen");
        assert_eq!(nl("algemeen directeur"), "algemeen directeurs");
        assert_eq!(nl("burgemeester"), "burgemeesters");
        assert_eq!(nl("lid van het vast bureau"), "leden van het vast bureau");
        assert_eq!(nl("de voorzitter"), "de voorzitters");
    }
}
