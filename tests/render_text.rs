//! `motion render` to text and HTML: golden files for every motion, both variants; forked
//! and broken templates.

mod common;

use std::path::{Path, PathBuf};

use common::{motion, run};

/// Every motion the repository ships: the founding one and each example.
fn motions() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = vec![root.join("motions/forest.toml")];
    let mut examples: Vec<PathBuf> = std::fs::read_dir(root.join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "toml")
                && !common::is_amendment_file(p)
                && !common::is_session_file(p)
        })
        .collect();
    examples.sort();
    out.extend(examples);
    out
}

fn render(spec: &Path, extra: &[&str]) -> (tempfile::TempDir, common::Output) {
    common::render_into(spec, extra)
}

fn read(dir: &tempfile::TempDir, spec: &Path, ext: &str) -> String {
    std::fs::read_to_string(common::output(dir, spec, ext)).unwrap()
}

#[test]
fn text_output_of_every_motion_in_both_variants_is_golden() {
    for spec in motions() {
        for variant in ["projet", "extrait"] {
            let (dir, out) = render(&spec, &["--format", "txt", "--variant", variant]);
            assert_eq!(out.code, 0, "{}: {}", spec.display(), out.stderr);
            let name = format!("{}-{variant}", spec.file_stem().unwrap().to_string_lossy());
            insta::assert_snapshot!(name, read(&dir, &spec, "txt"));
        }
    }
}

#[test]
fn forest_demands_are_numbered_in_order_with_their_verbs() {
    let forest = Path::new(env!("CARGO_MANIFEST_DIR")).join("motions/forest.toml");
    let (dir, out) = render(&forest, &["--format", "txt,html"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = read(&dir, &forest, "txt");
    let html = read(&dir, &forest, "html");
    let expected = [
        ("1.", "dénonce", "denonce"),
        ("2.", "refuse", "refuse"),
        ("3.", "demande", "garants"),
        ("4.", "demande", "revaloriser"),
    ];
    let mut last = 0;
    for (number, verb, _) in expected {
        let at = text[last..]
            .find(&format!(" {number} {verb}"))
            .unwrap_or_else(|| panic!("{number} {verb} after byte {last} in\n{text}"));
        last += at + 1;
    }
    let mut last = 0;
    for (number, verb, id) in expected {
        let item = format!(
            "<li id=\"{id}\" data-role=\"demand\"><span class=\"marker\">{number}</span> <span class=\"c-verb\">{verb}</span>"
        );
        let at = html[last..]
            .find(&item)
            .unwrap_or_else(|| panic!("{item} in order"));
        last += at + 1;
    }
    assert!(text.contains("3. demande, en cas de vote de la loi, que les responsables du"));
    assert!(
        text.contains("CPAS de Forest se portent garants"),
        "{{ council.short }} expanded"
    );
}

#[test]
fn html_is_a_standalone_page() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/jette-ocmw.toml");
    let (dir, out) = render(&spec, &["--format", "html"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = read(&dir, &spec, "html");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"nl-BE\">"));
    assert!(
        html.contains("<style>")
            && html.contains("@media print")
            && html.contains("@page { size: 595.3pt 841.9pt")
    );
    assert!(html.contains("<title>Motie tegen de opheffing"));
    assert!(
        !html.contains("<link") && !html.contains("<script"),
        "nothing external"
    );
    assert!(html.contains("Met") || html.contains("Eenparig wordt"));
}

#[test]
fn dutch_motions_have_no_french_label() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/jette-ocmw.toml");
    for variant in ["projet", "extrait"] {
        let (dir, out) = render(&spec, &["--format", "txt,html", "--variant", variant]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        for ext in ["txt", "html"] {
            let text = read(&dir, &spec, ext);
            for french in [
                "Projet",
                "Séance",
                "Extrait",
                "Fait à",
                "Pour extrait",
                "Amendements",
                "Page ",
                "voix",
                "unanimité",
                "Vu ",
                "Considérant",
                "présente motion",
                "Conseil",
                " le 15",
            ] {
                assert!(
                    !text.contains(french),
                    "{variant}.{ext} has « {french} »:\n{text}"
                );
            }
        }
        let text = common::normalize(&read(&dir, &spec, "txt"));
        if variant == "extrait" {
            for dutch in [
                "UITTREKSEL",
                "Zitting van 15 februari 2017",
                "MOTIE",
                "Eenparig wordt deze motie aangenomen.",
                "Aldus beslist in zitting van 15 februari 2017.",
                "Voor eensluidend uittreksel,",
            ] {
                assert!(text.contains(dutch), "missing « {dutch} »:\n{text}");
            }
        } else {
            assert!(
                text.contains("VOORSTEL VAN MOTIE") && text.contains("Amendementen"),
                "{text}"
            );
        }
    }
}

#[test]
fn the_extract_has_the_register_furniture() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/saint-gilles-adopted.toml");
    let (dir, out) = render(&spec, &["--format", "txt"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = read(&dir, &spec, "txt");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for part in [
        "EXTRAIT DU REGISTRE AUX DÉLIBÉRATIONS DU CONSEIL DE L’ACTION SOCIALE DU CPAS DE SAINT-GILLES",
        "Séance du 21 mars 2023",
        "Par 10 voix pour, 1 voix contre et 2 abstentions, la présente motion est adoptée.",
        "Fait à Saint-Gilles, le 21 mars 2023.",
        "Pour extrait conforme,",
        "Le Secrétaire général",
        "Marie Martin",
    ] {
        assert!(flat.contains(part), "missing « {part} »:\n{text}");
    }
    // Projet: no vote, no signatures, room for amendments.
    let (dir, out) = render(&spec, &["--format", "txt", "--variant", "projet"]);
    assert_eq!(out.code, 0);
    let text = read(&dir, &spec, "txt");
    assert!(text.contains("PROJET DE MOTION") && text.contains("Amendements"));
    assert!(!text.contains("voix") && !text.contains("Marie Martin"));
}

fn fork_template() -> tempfile::TempDir {
    common::fork_template().0
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_forked_template_changes_wording_and_order() {
    let dir = fork_template();
    let tpl = dir.path().join("tpl");
    edit(
        &tpl.join("labels/fr.toml"),
        "motion = \"Projet de motion\"",
        "motion = \"Proposition de motion du groupe\"",
    );
    // Move the considérants before the preamble.
    let doc = tpl.join("document.xml.j2");
    let text = std::fs::read_to_string(&doc).unwrap();
    let preamble = "{% if motion.preamble %}\n  {{ motion.preamble | markdown(\"preamble\", \"list\", \"preamble\") }}\n{% endif %}\n";
    let considerants = "{% for c in motion.considerants %}\n  <p class=\"considerant\" role=\"considerant\" id=\"{{ c.id }}\">{{ c.text | clause(\",\") | inline }}</p>\n{% endfor %}\n";
    assert!(text.contains(preamble) && text.contains(considerants));
    let text = text
        .replace(preamble, "PREAMBLE")
        .replace(considerants, preamble)
        .replace("PREAMBLE", considerants);
    std::fs::write(&doc, text).unwrap();

    let forest = Path::new(env!("CARGO_MANIFEST_DIR")).join("motions/forest.toml");
    let (out_dir, out) = render(
        &forest,
        &["--format", "txt", "--template", tpl.to_str().unwrap()],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = read(&out_dir, &forest, "txt");
    assert!(text.contains("PROPOSITION DE MOTION DU GROUPE"), "{text}");
    let vu = text.find("Vu la menace").unwrap();
    let preamble = text.find("Une proposition de loi").unwrap();
    assert!(vu < preamble, "considérants now come first:\n{text}");
}

#[test]
fn a_spec_can_name_its_template_folder() {
    let dir = fork_template();
    edit(
        &dir.path().join("tpl/labels/fr.toml"),
        "amendments = \"Amendements\"",
        "amendments = \"Propositions d’amendement\"",
    );
    let spec = dir.path().join("motion.toml");
    let forest = Path::new(env!("CARGO_MANIFEST_DIR")).join("motions/forest.toml");
    std::fs::write(
        &spec,
        format!("extends = {:?}\ntemplate = \"tpl\"\n", forest),
    )
    .unwrap();
    let out = run(motion().args(["render", "--format", "txt"]).arg(&spec));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(dir.path().join("motion.txt")).unwrap();
    assert!(text.contains("Propositions d’amendement"), "{text}");
}

/// Renders forest with a forked template broken by `edit`, returns stderr.
fn broken(file: &str, from: &str, to: &str) -> String {
    let dir = fork_template();
    let tpl = dir.path().join("tpl");
    edit(&tpl.join(file), from, to);
    let forest = Path::new(env!("CARGO_MANIFEST_DIR")).join("motions/forest.toml");
    let out_dir = tempfile::tempdir().unwrap();
    let out = run(motion()
        .args(["render", "--format", "txt", "--template"])
        .arg(&tpl)
        .arg("-o")
        .arg(out_dir.path())
        .arg(&forest));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        std::fs::read_dir(out_dir.path()).unwrap().count(),
        0,
        "no output written"
    );
    out.stderr.replace(&format!("{}/", tpl.display()), "TPL/")
}

/// The line of the default template where `needle` is written.
fn line_of(needle: &str) -> usize {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/default/document.xml.j2");
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .position(|l| l.contains(needle))
        .expect("the default template has the line")
        + 1
}

#[test]
fn template_syntax_error_names_file_line_and_column() {
    let stderr = broken(
        "document.xml.j2",
        "{% for c in motion.considerants %}",
        "{% for c in motion.considerants %",
    );
    assert!(
        stderr.contains(&format!(
            "--> TPL/document.xml.j2:{}:3",
            // The parser stops at the next line's `<`.
            line_of("{% for c in motion.considerants %}") + 1
        )),
        "{stderr}"
    );
    assert!(stderr.contains("syntax error"), "{stderr}");
}

#[test]
fn template_unknown_element_names_file_line_and_column() {
    let stderr = broken(
        "document.xml.j2",
        "<h2 class=\"heading\" role=\"heading\">{{ labels.amendments }}</h2>",
        "<heading>{{ labels.amendments }}</heading>",
    );
    assert!(
        stderr.contains("unknown element `<heading>` in `<body>`"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "--> TPL/document.xml.j2:{}:3",
            line_of("<h2 class=\"heading\"")
        )),
        "{stderr}"
    );
}

#[test]
fn template_invalid_xml_points_at_the_template_line() {
    let stderr = broken(
        "document.xml.j2",
        "<p class=\"acting\" role=\"acting\">",
        "<para class=\"acting\" role=\"acting\">",
    );
    assert!(
        stderr.contains("invalid XML: expected 'para' tag, not 'p'"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "--> TPL/document.xml.j2:{}:3",
            line_of("<p class=\"acting\"")
        )),
        "{stderr}"
    );
}

#[test]
fn template_undefined_variable_names_file_line_and_column() {
    let stderr = broken(
        "document.xml.j2",
        "{{ labels.amendments }}",
        "{{ labels.amendements }}",
    );
    assert!(stderr.contains("undefined"), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "--> TPL/document.xml.j2:{}:41",
            line_of("{{ labels.amendments }}")
        )),
        "{stderr}"
    );
}

#[test]
fn template_unknown_style_names_the_theme() {
    let stderr = broken(
        "document.xml.j2",
        "<p class=\"acting\" role=\"acting\">",
        "<p class=\"actin\" role=\"acting\">",
    );
    assert!(
        stderr.contains("unknown paragraph style `actin`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `acting`?"), "{stderr}");
}

#[test]
fn runaway_template_loops_are_stopped() {
    let stderr = broken(
        "document.xml.j2",
        "<body>",
        "<body>{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    );
    assert!(stderr.contains("ran too long"), "{stderr}");
}

#[test]
fn a_broken_theme_points_into_theme_toml() {
    let stderr = broken(
        "theme.toml",
        "margin-left = \"25mm\"",
        "margin-left = \"25 millimetres\"",
    );
    assert!(stderr.contains("--> TPL/theme.toml:10:15"), "{stderr}");
    assert!(stderr.contains("invalid length"), "{stderr}");
}

#[test]
fn template_list_shows_the_embedded_default() {
    let out = run(motion().args(["template", "list"]));
    assert_eq!(out.code, 0);
    assert!(out.stdout.starts_with("default  1.0.0"), "{}", out.stdout);
    assert!(out.stdout.contains("(fr, nl)"));
}

#[test]
fn fork_refuses_a_non_empty_folder() {
    let dir = fork_template();
    let out = run(motion()
        .args(["template", "fork"])
        .arg(dir.path().join("tpl")));
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("already exists and is not empty"));
}
