//! Typography: `motion check` reports the founding text's defects, `motion fmt` fixes the safe
//! ones in place (keeping comments and layout), renderers space French punctuation.

mod common;

use common::{motion, repo, run};

/// (rule, line) of each warning or error `motion check` prints for a file.
fn findings(stderr: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut rule = None;
    for line in stderr.lines() {
        if let Some(rest) = line
            .strip_prefix("warning[")
            .or_else(|| line.strip_prefix("error["))
        {
            rule = rest.split(']').next().map(str::to_string);
        } else if let (Some(r), Some(loc)) = (&rule, line.trim().strip_prefix("--> ")) {
            let line_no = loc
                .split(':')
                .nth(1)
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            out.push((r.clone(), line_no));
            rule = None;
        }
    }
    out
}

#[test]
fn check_reports_every_defect_of_the_founding_text() {
    let out = run(motion().args(["check", "data/seed-verbatim.toml"]));
    assert_eq!(out.code, 0, "warnings only: {}", out.stderr);
    assert!(
        out.stdout.contains("ok (4 demands, 21 warnings)"),
        "{}",
        out.stdout
    );
    let found = findings(&out.stderr);
    let expected = [
        ("fr-agreement", 7),                 // « Un proposition »
        ("no-space-inside-parentheses", 7),  // « (entre autres du CPAS ) »
        ("fr-oe-ligature", 9),               // « mis en oeuvre »
        ("double-space", 11),                // « démocratie.  Le secret »
        ("conflicting-words", 11),           // « un une confusion »
        ("fr-nbsp-before-colon", 13),        // « Plus grave encore : »
        ("fr-nbsp-before-exclamation", 13),  // « Pandore ! »
        ("fr-capital-accent", 13),           // « A quand »
        ("fr-nbsp-before-question", 13),     // « culte… ? »
        ("fr-nbsp-inside-guillemets", 15),   // « Front peu Commun »
        ("unbalanced", 15),                  // « « Ecoles en Colère (qui … » never closed
        ("fr-capital-accent", 15),           // « Ecoles »
        ("no-space-inside-parentheses", 15), // « écoles d’AS ) »
        ("ellipsis", 15),                    // « l’ADAS…… »
        ("double-space", 23),                // « Conseil  de l’Action »
        ("double-space", 37),                // « CPAS,  la responsabilité »
        ("council-name-literal", 37),        // « du CPAS de Forest »
    ];
    for (rule, line) in expected {
        assert!(
            found.contains(&(rule.to_string(), line)),
            "{rule} at line {line} not in {found:?}\n{}",
            out.stderr
        );
    }
    // Both unclosed signs of line 15: « « » and « ( ».
    assert_eq!(
        found
            .iter()
            .filter(|f| *f == &("unbalanced".to_string(), 15))
            .count(),
        2
    );
}

#[test]
fn fmt_fixes_the_safe_defects_and_keeps_the_file_layout() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seed.toml");
    let original = std::fs::read_to_string(repo("tests/data/seed-verbatim.toml")).unwrap();
    std::fs::write(&path, &original).unwrap();

    let check = run(motion().arg("fmt").arg("--check").arg(&path));
    assert_eq!(check.code, 1, "--check fails when something would change");
    assert!(
        check
            .stdout
            .contains("-Plus grave encore : le vote de cette loi ouvrirait la boîte de Pandore !"),
        "{}",
        check.stdout
    );
    assert!(check.stdout.contains(
        "+Plus grave encore\u{a0}: le vote de cette loi ouvrirait la boîte de Pandore\u{202f}!"
    ));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        original,
        "--check writes nothing"
    );

    let out = run(motion().arg("fmt").arg(&path));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let formatted = std::fs::read_to_string(&path).unwrap();
    // Comments, key order and the multi-line string survive.
    assert!(formatted.starts_with(
        "# The founding motion of the CPAS de Forest transcribed WITH its typing defects"
    ));
    assert!(formatted.contains("preamble = \"\"\"\nUn proposition de loi"));
    let keys = |t: &str| {
        t.lines()
            .filter(|l| l.contains(" = "))
            .map(|l| l.split(" = ").next().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(keys(&formatted), keys(&original));
    for fixed in [
        "mis en œuvre",
        "démocratie. Le secret",
        "(entre autres du CPAS)",
        "d’AS)",
        "l’ADAS…\n",
        "Conseil de l’Action",
        "CPAS, la responsabilité",
    ] {
        assert!(formatted.contains(fixed), "« {fixed} » in\n{formatted}");
    }
    // Unsafe fixes are only suggested.
    assert!(
        formatted.contains("Un proposition")
            && formatted.contains("A quand")
            && formatted.contains("un une")
    );

    let after = run(motion().arg("check").arg(&path));
    assert_eq!(after.code, 0);
    assert!(
        !after.stderr.contains("`motion fmt` fixes this"),
        "no safe-fixable warning left:\n{}",
        after.stderr
    );
    assert!(after.stderr.contains("fr-agreement") && after.stderr.contains("unbalanced"));

    // Idempotent.
    let again = run(motion().arg("fmt").arg("--check").arg(&path));
    assert_eq!(again.code, 0, "{}", again.stdout);
    assert!(again.stdout.is_empty());
}

#[test]
fn the_founding_motion_is_lint_clean() {
    let out = run(motion().args(["check", "../motions/forest.toml"]));
    assert_eq!(out.code, 0);
    assert_eq!(out.stderr, "");
    assert_eq!(out.stdout, "../motions/forest.toml: ok (4 demands)\n");
    let out = run(motion().args(["fmt", "--check", "../motions/forest.toml"]));
    assert_eq!(out.code, 0, "{}", out.stdout);
}

fn spec_with(dir: &tempfile::TempDir, body: &str) -> std::path::PathBuf {
    let path = dir.path().join("m.toml");
    std::fs::write(&path, body).unwrap();
    path
}

#[test]
fn dutch_rules_and_their_fixes() {
    let dir = tempfile::tempdir().unwrap();
    let path = spec_with(
        &dir,
        "lang = \"nl\"\ntitle = \"Motie over het \\\"OCMW\\\"\"\n\n[council]\nname = \"Raad van het OCMW van Jette\"\n\n[[demands]]\nverb = \"vraagt\"\ntext = \"waarom de wet ? Het OCMW's budget...\"\n",
    );
    let out = run(motion().arg("check").arg(&path));
    assert_eq!(out.code, 0);
    let rules: Vec<String> = findings(&out.stderr).into_iter().map(|(r, _)| r).collect();
    for rule in [
        "nl-quotes",
        "nl-no-space-before-punctuation",
        "apostrophe",
        "ellipsis",
    ] {
        assert!(rules.contains(&rule.to_string()), "{rule}: {}", out.stderr);
    }
    assert!(
        !rules.iter().any(|r| r.starts_with("fr-")),
        "no French rule on Dutch text"
    );
    assert_eq!(run(motion().arg("fmt").arg(&path)).code, 0);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("Motie over het “OCMW”")
            && text.contains("waarom de wet? Het OCMW’s budget…"),
        "{text}"
    );
}

#[test]
fn rules_can_be_allowed_per_spec() {
    let dir = tempfile::tempdir().unwrap();
    let path = spec_with(
        &dir,
        "title = \"Motion\"\n\n[council]\nname = \"Conseil\"\n\n[[demands]]\nverb = \"approuver\"\ntext = \"la loi.\"\n\n[lint]\nallow = [\"operative-verb\", \"fr-nbsp-befor-colon\"]\n",
    );
    let out = run(motion().arg("check").arg(&path));
    assert_eq!(out.code, 0);
    assert!(
        !out.stderr.contains("warning[operative-verb]"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(
            "warning[unknown-lint-rule]: unknown lint rule `fr-nbsp-befor-colon` in `lint.allow`"
        ),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("did you mean `fr-nbsp-before-colon`?"));
}

#[test]
fn a_demand_repeating_its_verb_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = spec_with(
        &dir,
        "title = \"Motion\"\n\n[council]\nname = \"Conseil\"\n\n[[demands]]\nverb = \"demande\"\ntext = \"demande que la loi soit retirée.\"\n",
    );
    let out = run(motion().arg("check").arg(&path));
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("error[verb-repeated]: the text starts with its verb « demande » again"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("m.toml:8:9"), "{}", out.stderr);
    let out = run(motion().args(["render", "--format", "txt"]).arg(&path));
    assert_eq!(out.code, 1);
    assert!(!dir.path().join("m.txt").exists());
}

#[test]
fn operative_verbs_in_the_third_person() {
    let dir = tempfile::tempdir().unwrap();
    let path = spec_with(
        &dir,
        "title = \"Motion\"\n\n[council]\nname = \"Conseil\"\n\n[[demands]]\nverb = \"demander\"\ntext = \"que la loi soit retirée.\"\n",
    );
    let out = run(motion().arg("check").arg(&path));
    assert!(
        out.stderr
            .contains("warning[operative-verb]: « demander » looks like an infinitive"),
        "{}",
        out.stderr
    );
}

#[test]
fn rendering_spaces_french_punctuation_without_changing_words() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(motion()
        .args(["render", "--format", "txt", "-o"])
        .arg(dir.path())
        .arg("data/seed-verbatim.toml"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(dir.path().join("seed-verbatim.txt")).unwrap();
    assert!(text.contains("encore\u{a0}: le vote"), "{text}");
    assert!(text.contains("Pandore\u{202f}!"));
    assert!(text.contains("«\u{202f}Front peu Commun\u{202f}»"));
    // Words are not touched: the defects that are not spacing remain for the clerk to see.
    assert!(text.contains("mis en oeuvre") && text.contains("Un proposition"));
}

#[test]
fn the_rules_are_listed() {
    let out = run(motion().args(["check", "--rules"]));
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("fr-nbsp-before-colon") && out.stdout.contains("verb-repeated"));
}

/// Found by fuzzing (fuzz/corpus/render/crash-overlapping-nbsp.toml): an opening guillemet
/// followed by a space and a colon made two spacing rules claim the same space.
#[test]
fn a_guillemet_before_a_colon_renders_and_formats() {
    let dir = tempfile::tempdir().unwrap();
    let path = spec_with(
        &dir,
        "title = \"Le « : » du titre\"\n\n[council]\nname = \"Conseil\"\n\n[[demands]]\nverb = \"demande\"\ntext = \"que « ! » soit lu.\"\n",
    );
    let out = run(motion().args(["render", "--format", "txt,pdf"]).arg(&path));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(dir.path().join("m.txt")).unwrap();
    assert!(
        text.contains("«\u{202f}: »") || text.contains("«\u{202f}:\u{202f}»"),
        "{text}"
    );
    assert_eq!(run(motion().arg("fmt").arg(&path)).code, 0);
    assert_eq!(run(motion().arg("check").arg(&path)).code, 0);
}

#[test]
fn fmt_keeps_crlf_line_ends_and_literal_strings() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.toml");
    let original = "title = 'Motion'\r\npreamble = '''\r\nUn  texte : ici.\r\n'''\r\n\r\n[council]\r\nname = \"Conseil\"\r\n\r\n[[demands]]\r\nverb = \"demande\"\r\ntext = \"que la loi ... soit retirée.\"\r\n";
    std::fs::write(&path, original).unwrap();
    assert_eq!(run(motion().arg("fmt").arg(&path)).code, 0);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text,
        "title = 'Motion'\r\npreamble = '''\r\nUn texte\u{a0}: ici.\r\n'''\r\n\r\n[council]\r\nname = \"Conseil\"\r\n\r\n[[demands]]\r\nverb = \"demande\"\r\ntext = \"que la loi … soit retirée.\"\r\n"
    );
}

#[test]
fn a_markdown_hard_break_survives_fmt() {
    let dir = tempfile::tempdir().unwrap();
    let path = spec_with(
        &dir,
        "title = \"Motion\"\npreamble = \"\"\"\nPremière ligne,  \nseconde ligne. \nfin.\n\"\"\"\n\n[council]\nname = \"Conseil\"\n\n[[demands]]\nverb = \"demande\"\ntext = \"a.\"\n",
    );
    assert_eq!(run(motion().arg("fmt").arg(&path)).code, 0);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("Première ligne,  \nseconde ligne.\nfin."),
        "{text}"
    );
}

#[test]
fn variables_in_signatures_and_authors_are_expanded() {
    let dir = tempfile::tempdir().unwrap();
    let path = spec_with(
        &dir,
        "title = \"Motion\"\nstatus = \"adopte\"\nauthors = [{ name = \"Groupe du {{ council.short }}\" }]\n\n[council]\nname = \"Conseil de l’Action sociale du CPAS de Forest\"\nshort = \"CPAS de Forest\"\n\n[[demands]]\nverb = \"demande\"\ntext = \"a.\"\n\n[vote]\nunanimous = true\n\n[[signatures]]\nrole = \"Le Président du {{ council.short }}\"\n",
    );
    let out = run(motion().arg("check").arg(&path));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = run(motion().args(["render", "--format", "txt"]).arg(&path));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(dir.path().join("m.txt")).unwrap();
    assert!(
        text.contains("Le Président du CPAS de Forest")
            && text.contains("Groupe du CPAS de Forest"),
        "{text}"
    );
    assert!(!text.contains("{{"));
}

#[test]
fn four_signatures_in_text_stay_apart() {
    let dir = tempfile::tempdir().unwrap();
    let mut spec = String::from(
        "title = \"Motion\"\nstatus = \"adopte\"\n\n[council]\nname = \"Conseil\"\n\n[[demands]]\nverb = \"demande\"\ntext = \"a.\"\n\n[vote]\nunanimous = true\n",
    );
    for (role, name) in [
        ("L’Échevine déléguée", "Jean-Pierre Vandermeulen"),
        ("Le Président du CPAS", "Mariam El Boukili"),
        ("La Secrétaire", "Ann"),
        ("Le Bourgmestre", "Luc"),
    ] {
        spec.push_str(&format!(
            "\n[[signatures]]\nrole = \"{role}\"\nname = \"{name}\"\n"
        ));
    }
    let path = spec_with(&dir, &spec);
    let out = run(motion().args(["render", "--format", "txt"]).arg(&path));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(dir.path().join("m.txt")).unwrap();
    assert!(
        !text.contains("déléguéeLe") && !text.contains("VandermeulenMariam"),
        "{text}"
    );
    assert!(text.contains("Le Bourgmestre"));
}
