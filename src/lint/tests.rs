//! One positive and one negative case per rule, in French and Dutch.

use super::*;

fn rules_in(text: &str, lang: Lang, kind: &Kind) -> Vec<&'static str> {
    check_text(text, lang, kind, &[])
        .into_iter()
        .map(|f| f.rule)
        .collect()
}

/// (language, text that breaks the rule, text that does not)
fn cases(rule: &str) -> Vec<(Lang, &'static str, &'static str)> {
    use Lang::{Fr, Nl};
    match rule {
        "fr-nbsp-before-colon" => vec![(
            Fr,
            "Vu la menace : la loi",
            "Vu la menace\u{a0}: la loi à 10:30",
        )],
        "fr-nbsp-before-semicolon" => vec![(Fr, "un ; deux", "un\u{202f}; deux")],
        "fr-nbsp-before-exclamation" => vec![(Fr, "Pandore !", "Pandore\u{202f}!")],
        "fr-nbsp-before-question" => vec![(Fr, "À quand ?", "À quand\u{a0}?")],
        "fr-nbsp-inside-guillemets" => vec![(Fr, "le « Front »", "le «\u{202f}Front\u{202f}»")],
        "nl-no-space-before-punctuation" => vec![(Nl, "Waarom ?", "Waarom? Daarom: zo.")],
        "no-space-before-comma" => vec![
            (Fr, "du CPAS , dont", "du CPAS, dont"),
            (Nl, "het OCMW , dat", "het OCMW, dat"),
        ],
        "no-space-before-period" => vec![
            (Fr, "la loi .", "la loi. Et 0.5"),
            (Nl, "de wet .", "de wet."),
        ],
        "no-space-inside-parentheses" => vec![
            (Fr, "(entre autres du CPAS )", "(entre autres du CPAS)"),
            (Nl, "( zie hoger)", "(zie hoger)"),
        ],
        "fr-quotes" => vec![(Fr, "le \"Front\"", "le «\u{202f}Front\u{202f}»")],
        "nl-quotes" => vec![(Nl, "het \"Front\"", "het “Front”")],
        "apostrophe" => vec![(Fr, "l'Action", "l’Action"), (Nl, "OCMW's", "OCMW’s")],
        "ellipsis" => vec![
            (Fr, "l’ADAS……", "l’ADAS…"),
            (Fr, "etc...", "etc."),
            (Nl, "enz...", "enz…"),
        ],
        "double-space" => vec![
            (Fr, "démocratie.  Le secret", "démocratie. Le secret"),
            (Nl, "de  wet", "de wet"),
        ],
        "trailing-space" => vec![
            (Fr, "la loi \nsuite", "la loi\nsuite"),
            (Nl, "de wet ", "de wet"),
        ],
        "space-after-comma" => vec![
            (Fr, "la CSC,Solidaris", "la CSC, Solidaris, 1,5 %"),
            (Nl, "de wet,het", "de wet, het"),
        ],
        "unbalanced" => vec![
            (
                Fr,
                "l’APPPsy (association des psychologues",
                "l’APPPsy (association)",
            ),
            (
                Fr,
                "« Écoles en Colère (qui",
                "«\u{202f}Écoles\u{202f}» (qui)",
            ),
            (Nl, "de wet)", "(de wet)"),
        ],
        "repeated-word" => vec![
            (Fr, "créer le le déséquilibre", "nous nous engageons"),
            (Nl, "de de wet", "weet dat dat klopt"),
        ],
        "conflicting-words" => vec![
            (Fr, "créer un une confusion", "créer une confusion"),
            (Nl, "de het wet", "de wet"),
        ],
        "fr-agreement" => vec![(Fr, "Un proposition de loi", "Une proposition de loi")],
        "fr-capital-accent" => vec![
            (Fr, "« Ecoles en Colère »", "Écoles, Emploi"),
            (Fr, "A quand le tour", "À quand le tour"),
        ],
        "fr-oe-ligature" => vec![(Fr, "mis en oeuvre", "mis en œuvre, Noël")],
        "fr-ordinal" => vec![
            (Fr, "le 2ème alinéa", "le 2e alinéa"),
            (Fr, "le 1°r alinéa", "le 1er alinéa"),
            (Fr, "le 1 janvier", "le 1er janvier, 1 000 euros"),
        ],
        _ => Vec::new(),
    }
}

#[test]
fn every_rule_has_a_positive_and_a_negative_case() {
    for (rule, _) in RULES {
        if ["operative-verb", "verb-repeated", "council-name-literal"].contains(rule) {
            continue;
        }
        let cases = cases(rule);
        assert!(!cases.is_empty(), "{rule} has no test case");
        for (lang, bad, good) in cases {
            assert!(
                rules_in(bad, lang, &Kind::Prose).contains(rule),
                "{rule} misses « {bad} »: {:?}",
                rules_in(bad, lang, &Kind::Prose)
            );
            assert!(
                !rules_in(good, lang, &Kind::Prose).contains(rule),
                "{rule} flags « {good} »"
            );
        }
    }
}

#[test]
fn operative_verbs() {
    for (lang, verb) in [
        (Lang::Fr, "dénonce"),
        (Lang::Fr, "s’engage à"),
        (Lang::Fr, "s'engage"),
        (Lang::Nl, "vraagt"),
        (Lang::Nl, "roept … op"),
    ] {
        assert!(
            !rules_in(verb, lang, &Kind::Verb).contains(&"operative-verb"),
            "{verb}"
        );
    }
    for (lang, verb) in [
        (Lang::Fr, "demander"),
        (Lang::Fr, "voilà"),
        (Lang::Nl, "vragen"),
    ] {
        assert!(
            rules_in(verb, lang, &Kind::Verb).contains(&"operative-verb"),
            "{verb}"
        );
    }
    let f = &check_text("demander", Lang::Fr, &Kind::Verb, &[])[0];
    assert!(f.message.contains("infinitive"));
}

#[test]
fn a_text_repeating_its_verb_is_an_error() {
    let kind = Kind::DemandText { verb: "demande" };
    let findings = check_text("demande que la loi soit retirée.", Lang::Fr, &kind, &[]);
    assert!(
        findings
            .iter()
            .any(|f| f.rule == "verb-repeated" && f.error)
    );
    assert!(check_text("que la loi soit retirée.", Lang::Fr, &kind, &[]).is_empty());
    let kind = Kind::DemandText { verb: "vraagt" };
    assert!(
        check_text("vraagt dat de wet", Lang::Nl, &kind, &[])
            .iter()
            .any(|f| f.rule == "verb-repeated")
    );
}

#[test]
fn safe_fixes_are_idempotent_and_leave_template_syntax_alone() {
    let seed = "Un proposition (entre autres du {{ council.short }} ) : « Ecoles en Colère (qui regroupe des écoles d'AS ), l'ADAS……  mis en oeuvre le 2ème jour ... À quand ?";
    let once = fix_text(seed, Lang::Fr, &Kind::Prose, &[]);
    assert_eq!(fix_text(&once, Lang::Fr, &Kind::Prose, &[]), once);
    assert!(once.contains("{{ council.short }})"), "{once}");
    assert!(
        once.contains("Un proposition"),
        "agreement is only suggested: {once}"
    );
    assert!(
        once.contains("« Ecoles") || once.contains("«\u{202f}Ecoles"),
        "accents are only suggested: {once}"
    );
    assert!(
        once.contains("d’AS)")
            && once.contains("l’ADAS…")
            && once.contains("œuvre")
            && once.contains("2e jour"),
        "{once}"
    );
    assert!(
        once.contains("quand\u{202f}?") && once.contains("\u{a0}: "),
        "{once}"
    );
    let safe_left: Vec<_> = check_text(&once, Lang::Fr, &Kind::Prose, &[])
        .into_iter()
        .filter(|f| f.safe)
        .collect();
    assert!(safe_left.is_empty(), "{safe_left:?}");
}

#[test]
fn ligatures_keep_capitals() {
    let fix = |t: &str| fix_text(t, Lang::Fr, &Kind::Prose, &[]);
    assert_eq!(fix("Coeur de la réforme"), "Cœur de la réforme");
    assert_eq!(fix("VOEUX"), "VŒUX");
    assert_eq!(fix("mis en oeuvre"), "mis en œuvre");
}

#[test]
fn allowed_rules_are_silent() {
    assert!(
        check_text(
            "Pandore !",
            Lang::Fr,
            &Kind::Prose,
            &["fr-nbsp-before-exclamation"]
        )
        .is_empty()
    );
}

#[test]
fn word_lists_load_for_both_languages() {
    assert!(words(Lang::Fr).verbs.iter().any(|v| v == "dénonce"));
    assert!(words(Lang::Nl).verbs.iter().any(|v| v == "vraagt"));
    assert!(words(Lang::Fr).feminine.iter().any(|v| v == "proposition"));
}
