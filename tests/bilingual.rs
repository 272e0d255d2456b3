//! Bilingual editions: a spec and its `translation`, checked for parity (the rules have
//! their two-file snapshots in `check.rs`, `data/check/parity-*.toml`) and set side by side —
//! each demand's two versions on the same page, in the same row — in the PDF and in a DOCX
//! table whose cells keep their language and their own numbering.

mod common;

use common::{docx_parts, motion, repo, run};

#[test]
fn the_example_pair_checks_both_ways() {
    let out = run(motion()
        .arg("check")
        .arg(repo("motions/forest.toml"))
        .arg(repo("examples/forest.nl.toml")));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "2 specs ok\n");
}

#[test]
fn each_clause_and_its_translation_share_a_row() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(motion()
        .arg("render")
        .arg(repo("motions/forest.toml"))
        .args(["--bilingual", "--variant", "extrait", "-o"])
        .arg(dir.path()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("forest.fr-nl.pdf, "), "{}", out.stdout);
    let Some(lines) = common::pdf_lines(&dir.path().join("forest.fr-nl.pdf")) else {
        return;
    };
    let find = |words: &str| {
        lines
            .iter()
            .find(|(_, _, _, t)| t.contains(words))
            .unwrap_or_else(|| panic!("« {words} » in {lines:#?}"))
    };
    // The first line of each pair: the same page, the same height; French left, Dutch right.
    for (fr, nl) in [
        ("Non à l’abolition", "Neen aan de afschaffing"),
        ("Une proposition de loi", "Een wetsvoorstel"),
        ("Vu la menace", "Gelet op de dreiging"),
        ("dénonce ce projet", "veroordeelt dit"),
        ("refuse toute nouvelle", "weigert elke nieuwe"),
        ("demande, en cas de vote", "vraagt, indien de wet"),
        ("demande au gouvernement", "vraagt de federale"),
        ("Fait à Forest", "Aldus beslist"),
        ("Pour extrait conforme", "Voor eensluidend"),
        ("Le Secrétaire", "De Secretaris"),
    ] {
        let (a, b) = (find(fr), find(nl));
        assert_eq!(a.0, b.0, "« {fr} » and « {nl} » on one page");
        assert!(
            (a.1 - b.1).abs() < 1.5,
            "« {fr} » at {} and « {nl} » at {}",
            a.1,
            b.1
        );
        assert!(a.2 < b.2, "« {fr} » left of « {nl} »");
    }
    // Header and footer in both languages.
    assert!(find("CPAS de Forest — OCMW van Vorst").0 == 1);
    assert!(find("Page 1 / ").3.contains("Pagina 1 / "));
}

#[test]
fn the_pdf_tags_each_column_with_its_language() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(motion()
        .arg("render")
        .arg(repo("motions/forest.toml"))
        .args(["--bilingual", "--format", "pdf", "-o"])
        .arg(dir.path()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let Some(mut qpdf) = common::validator("qpdf") else {
        return;
    };
    let out = qpdf
        .args(["--qdf", "--object-streams=disable"])
        .arg(dir.path().join("forest.fr-nl.pdf"))
        .arg(dir.path().join("q.pdf"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let raw =
        String::from_utf8_lossy(&std::fs::read(dir.path().join("q.pdf")).unwrap()).into_owned();
    assert!(raw.contains("/Lang (nl-BE)"), "a Dutch structure element");
    assert!(
        raw.contains("/Lang (fr-BE)") || raw.contains("/Lang (fr-BE)"),
        "French"
    );
}

#[test]
fn the_docx_is_a_table_of_rows_numbered_per_column() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(motion()
        .arg("render")
        .arg(repo("motions/forest.toml"))
        .args([
            "--bilingual",
            "--variant",
            "extrait",
            "--format",
            "docx",
            "-o",
        ])
        .arg(dir.path()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let parts = docx_parts(&dir.path().join("forest.fr-nl.docx"));
    let document = &parts["word/document.xml"];
    let body = &document[document.find("<w:tbl>").unwrap()..];
    // Rows: kicker, session, kicker, title, 5 preamble paragraphs, 1 considérant, acting
    // formula, 4 demands, vote-less place and date, « pour extrait conforme », signatures.
    let rows = top_level(body, "w:tbl", "w:tr");
    assert!(rows.len() >= 16, "{} rows", rows.len());
    for row in &rows {
        let cells = top_level(row, "w:tr", "w:tc");
        assert_eq!(cells.len(), 2, "two cells a row");
        let langs = |cell: &str| -> Vec<String> {
            cell.split("w:lang w:val=\"")
                .skip(1)
                .map(|s| s[..s.find('"').unwrap()].to_string())
                .collect()
        };
        assert!(
            langs(cells[0]).iter().all(|l| l == "fr-BE"),
            "{:?}",
            langs(cells[0])
        );
        assert!(
            langs(cells[1]).iter().all(|l| l == "nl-BE"),
            "{:?}",
            langs(cells[1])
        );
    }
    // Demands: the French ones numbered by their style, the Dutch ones by one numbering of
    // their own, the same for all four (so each column counts 1, 2, 3, 4).
    let demand_rows: Vec<&str> = rows
        .iter()
        .filter(|r| r.contains("<w:pStyle w:val=\"MotionDemands\"/>"))
        .copied()
        .collect();
    assert_eq!(demand_rows.len(), 4);
    let mut right_nums = Vec::new();
    for row in demand_rows {
        let cells = top_level(row, "w:tr", "w:tc");
        assert!(
            !cells[0].contains("<w:numId "),
            "French: the style's numbering"
        );
        let at = cells[1]
            .find("<w:numId w:val=\"")
            .expect("Dutch: a numbering of its own");
        let rest = &cells[1][at + 16..];
        right_nums.push(rest[..rest.find('"').unwrap()].to_string());
    }
    right_nums.dedup();
    assert_eq!(right_nums.len(), 1, "one Dutch list: {right_nums:?}");
}

#[test]
fn a_bilingual_edition_needs_a_translation_in_pdf_or_docx() {
    let out = run(motion()
        .arg("render")
        .arg(repo("examples/jette-ocmw.toml"))
        .arg("--bilingual"));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("`--bilingual` needs the spec's translation"),
        "{}",
        out.stderr
    );
    let out = run(motion()
        .arg("render")
        .arg(repo("motions/forest.toml"))
        .args(["--bilingual", "--format", "txt"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("a bilingual edition is PDF and DOCX"),
        "{}",
        out.stderr
    );
    // A pair that differs is refused before anything is laid out.
    let dir = tempfile::tempdir().unwrap();
    let nl = std::fs::read_to_string(repo("tests/data/check/parity-missing-demand.toml")).unwrap();
    let nl = nl.replace(
        "../../../motions/forest.toml",
        &repo("motions/forest.toml").display().to_string(),
    );
    let spec = dir.path().join("vorst.toml");
    std::fs::write(&spec, nl).unwrap();
    let out = run(motion()
        .arg("render")
        .arg(&spec)
        .arg("--bilingual")
        .arg("-o")
        .arg(dir.path()));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("demand `herwaarderen` has no translation"),
        "{}",
        out.stderr
    );
    assert!(!dir.path().join("vorst.nl-fr.pdf").exists());
}

#[test]
fn the_dutch_spec_renders_its_own_edition_nl_first() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(motion()
        .arg("render")
        .arg(repo("examples/forest.nl.toml"))
        .args(["--bilingual", "--format", "pdf", "-o"])
        .arg(dir.path()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let Some(text) = common::pdf_text(&dir.path().join("forest.nl.nl-fr.pdf")) else {
        return;
    };
    assert!(
        text.starts_with("OCMW van Vorst — CPAS de Forest"),
        "{text}"
    );
}

#[test]
fn a_translation_skeleton_has_the_same_ids_and_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("vorst.toml");
    let out = run(motion()
        .arg("new")
        .arg(&file)
        .args(["--lang", "nl", "--translation-of"])
        .arg(repo("examples/forest-register.toml")));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(&file).unwrap();
    for id in ["denonce", "refuse", "garants", "revaloriser"] {
        assert!(text.contains(&format!("id = \"{id}\"")), "{id}");
    }
    assert!(
        text.contains("# Une proposition de loi modifiant"),
        "originals in comments"
    );
    assert!(text.contains("name = \"Bernard Collard\""), "names kept");
    let out = run(motion().arg("check").arg(&file));
    assert_eq!(out.code, 0, "{}", out.stderr);
    // Not in the language it translates from.
    let out = run(motion()
        .arg("new")
        .arg(dir.path().join("fr.toml"))
        .args(["--lang", "fr", "--translation-of"])
        .arg(repo("motions/forest.toml")));
    assert_eq!(out.code, 2, "{}", out.stderr);
}

#[test]
fn diff_and_adapt_work_on_each_language_file() {
    let out = run(motion()
        .arg("diff")
        .arg(repo("motions/forest.toml"))
        .arg(repo("examples/forest.nl.toml")));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stdout.contains("~ demand garants: changed"),
        "{}",
        out.stdout
    );
    let dir = tempfile::tempdir().unwrap();
    let fork = dir.path().join("jette.toml");
    let out = run(motion()
        .arg("adapt")
        .arg(repo("examples/forest.nl.toml"))
        .args([
            "--council",
            "Raad voor Maatschappelijk Welzijn van het OCMW van Jette",
            "--short",
            "OCMW van Jette",
            "-o",
        ])
        .arg(&fork));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = run(motion().arg("check").arg(&fork));
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// The `<child>` elements directly inside the first `<parent>` of `xml` (not those of a table
/// nested in a cell).
fn top_level<'a>(xml: &'a str, parent: &str, child: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{child}>"), format!("</{child}>"));
    let start = xml
        .find(&format!("<{parent}>"))
        .map_or(0, |i| i + parent.len() + 2);
    let mut out = Vec::new();
    let mut depth = 0;
    let mut at = start;
    let mut begin = 0;
    while at < xml.len() {
        let rest = &xml[at..];
        if rest.starts_with(&open) {
            if depth == 0 {
                begin = at;
            }
            depth += 1;
            at += open.len();
        } else if rest.starts_with(&close) {
            depth -= 1;
            at += close.len();
            if depth == 0 {
                out.push(&xml[begin..at]);
            }
        } else if rest.starts_with(&format!("</{parent}>")) && depth == 0 {
            break;
        } else {
            at += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}
