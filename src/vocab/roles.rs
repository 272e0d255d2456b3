//! What a role says about its holder: the clerk (directeur général, secrétaire, greffier;
//! algemeen directeur, secretaris) sits and signs but does not vote, and registers list them
//! last.

/// Roles of a clerk, compared by their start, lowercase, without a leading article, in
/// French and in Dutch (Brussels registers use both).
const CLERKS: &[&str] = &[
    "directeur général",
    "directrice générale",
    "secrétaire",
    "greffier",
    "greffière",
    "algemeen directeur",
    "adjunct-algemeen directeur",
    "secretaris",
    "adjunct-secretaris",
    "griffier",
];

/// A role without its article and case: « La Directrice générale » → « directrice générale ».
fn normalize(role: &str) -> String {
    let lower = role.trim().to_lowercase();
    for article in ["le ", "la ", "l'", "l’", "de ", "het "] {
        if let Some(rest) = lower.strip_prefix(article) {
            return rest.trim_start().to_string();
        }
    }
    lower
}

/// Whether `role` is the clerk's.
pub fn is_clerk(role: &str) -> bool {
    let role = normalize(role);
    CLERKS.iter().any(|c| role.starts_with(c))
}

/// The key under which a French role and its feminine form are one group: « Conseillère »
/// and « Conseiller » are listed together, as « Conseillers ». Dutch roles have one form.
pub fn gender_key(role: &str) -> String {
    const ENDINGS: &[(&str, &str)] = &[
        ("ère", "er"),
        ("rice", "eur"),
        ("euse", "eur"),
        ("ente", "ent"),
        ("ante", "ant"),
        ("ienne", "ien"),
        ("onne", "on"),
        ("ine", "in"),
        ("ale", "al"),
        ("ée", "é"),
    ];
    normalize(role)
        .split(' ')
        .map(|word| {
            ENDINGS
                .iter()
                .find_map(|(f, m)| word.strip_suffix(f).map(|stem| format!("{stem}{m}")))
                .unwrap_or_else(|| word.to_string())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clerks_in_both_languages() {
        assert!(is_clerk("Directrice générale"));
        assert!(is_clerk("La Directrice générale f.f."));
        assert!(is_clerk("Secrétaire du CPAS"));
        assert!(is_clerk("algemeen directeur"));
        assert!(is_clerk("De Secretaris"));
        assert!(!is_clerk("Présidente"));
        assert!(!is_clerk("Conseiller"));
        assert!(!is_clerk("raadslid"));
    }

    #[test]
    fn feminine_roles_share_the_masculine_key() {
        assert_eq!(gender_key("Conseillère"), gender_key("Conseiller"));
        assert_eq!(gender_key("Présidente"), gender_key("Président"));
        assert_eq!(
            gender_key("Directrice générale"),
            gender_key("Directeur général")
        );
        assert_eq!(gender_key("Échevine"), gender_key("Échevin"));
        assert_ne!(gender_key("Conseillère"), gender_key("Présidente"));
        assert_eq!(gender_key("raadslid"), "raadslid");
    }
}
