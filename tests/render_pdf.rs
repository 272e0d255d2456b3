//! `motion render` to PDF: text, fonts, structure, metadata, determinism, standards.

mod common;

use std::path::{Path, PathBuf};

use common::{assert_in_order, motion, normalize, pdf_text, repo, run, validator};

fn render_pdf(spec: &Path, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let mut args = vec!["--format", "pdf"];
    args.extend_from_slice(extra);
    common::rendered(spec, "pdf", &args)
}

fn pdfinfo(pdf: &Path) -> Option<String> {
    let out = validator("pdfinfo")?.arg(pdf).output().unwrap();
    assert!(out.status.success());
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn pages(pdf: &Path) -> Option<usize> {
    let info = pdfinfo(pdf)?;
    let line = info.lines().find(|l| l.starts_with("Pages:"))?;
    line["Pages:".len()..].trim().parse().ok()
}

#[test]
fn forest_pdf_says_what_the_motion_says() {
    let (_dir, pdf) = render_pdf(&repo("motions/forest.toml"), &[]);
    let Some(text) = pdf_text(&pdf) else { return };
    assert_in_order(
        &text,
        &[
            "PROJET DE MOTION",
            "Non à l’abolition du secret professionnel des assistants sociaux",
            "Une proposition de loi modifiant le code d’instruction criminelle",
            "« Front peu Commun » notamment : la Fédération des CPAS wallons et bruxellois",
            "Solidaris, l’APPPsy",
            "Vu la menace que cette loi fait peser sur notre système démocratique,",
            "le Conseil de l’Action Sociale du CPAS de Forest",
            "1. dénonce ce projet de loi inutile",
            "2. refuse toute nouvelle atteinte",
            "3. demande, en cas de vote de la loi, que les responsables du CPAS de Forest",
            "4. demande au gouvernement fédéral de revaloriser le travail social",
            "Amendements",
        ],
    );
    assert!(text.contains("Page 1 / 2"), "{text}");
    assert!(text.contains("Page 2 / 2"));
}

#[test]
fn extract_pdf_has_vote_place_and_signatures() {
    let (_dir, pdf) = render_pdf(&repo("examples/saint-gilles-adopted.toml"), &[]);
    let Some(text) = pdf_text(&pdf) else { return };
    assert_in_order(
        &text,
        &[
            "EXTRAIT DU REGISTRE AUX DÉLIBÉRATIONS DU CONSEIL DE L’ACTION SOCIALE DU CPAS DE SAINT-GILLES",
            "Séance du 21 mars 2023",
            "1. demande au gouvernement fédéral",
            "3. charge sa Présidente",
            "Par 10 voix pour, 1 voix contre et 2 abstentions, la présente motion est adoptée.",
            "Fait à Saint-Gilles, le 21 mars 2023.",
            "Pour extrait conforme,",
            "Le Secrétaire général",
            "La Présidente",
            "Page 1 / 1",
        ],
    );
}

#[test]
fn dutch_pdf_uses_dutch_furniture() {
    let (_dir, pdf) = render_pdf(&repo("examples/jette-ocmw.toml"), &[]);
    let Some(text) = pdf_text(&pdf) else { return };
    assert_in_order(
        &text,
        &[
            "Zitting van 15 februari 2017",
            "1. veroordeelt",
            "Pagina 1 / 2",
            "4. verzoekt",
            "Eenparig wordt deze motie aangenomen.",
            "Aldus beslist in zitting van 15 februari 2017.",
            "Pagina 2 / 2",
        ],
    );
    for french in ["Page ", "Séance", "Fait à", "voix"] {
        assert!(!text.contains(french), "{french}");
    }
}

#[test]
fn fonts_are_embedded_and_subset() {
    let (_dir, pdf) = render_pdf(&repo("examples/saint-gilles-adopted.toml"), &[]);
    let Some(mut pdffonts) = validator("pdffonts") else {
        return;
    };
    let out = pdffonts.arg(&pdf).output().unwrap();
    let listing = String::from_utf8_lossy(&out.stdout);
    let fonts: Vec<&str> = listing.lines().skip(2).collect();
    assert!(
        fonts.len() >= 3,
        "regular, italic and bold are used:\n{listing}"
    );
    for line in fonts {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let name = cols[0];
        assert!(name.contains("LibertinusSerif"), "{line}");
        // Subset fonts carry a six-letter tag: ABCDEF+Name.
        assert!(
            name.len() > 7 && name.as_bytes()[6] == b'+',
            "not subset: {line}"
        );
        let n = cols.len();
        // emb sub uni columns.
        assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{line}");
    }
}

#[test]
fn qpdf_finds_no_structural_error() {
    for spec in [
        "motions/forest.toml",
        "examples/saint-gilles-adopted.toml",
        "examples/jette-ocmw.toml",
    ] {
        let (_dir, pdf) = render_pdf(&repo(spec), &[]);
        let Some(mut qpdf) = validator("qpdf") else {
            return;
        };
        let out = qpdf.arg("--check").arg(&pdf).output().unwrap();
        assert!(
            out.status.success(),
            "{spec}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("No syntax or stream encoding errors")
        );
    }
}

#[test]
fn the_long_example_runs_over_three_pages_and_more() {
    let (_dir, pdf) = render_pdf(&repo("examples/schaerbeek-long.toml"), &[]);
    let Some(n) = pages(&pdf) else { return };
    assert!(n >= 3, "{n} pages");
    let text = pdf_text(&pdf).unwrap();
    assert!(text.contains(&format!("Page {n} / {n}")));
    // Signatures are never alone: the last page also holds the vote and « Fait à ».
    let last_page = text
        .rsplit(&format!("Page {} / {n}", n - 1))
        .next()
        .unwrap();
    assert!(
        last_page.contains("Par 11 voix pour, 2 voix contre et 2 abstentions"),
        "{last_page}"
    );
    assert!(last_page.contains("Fait à Schaerbeek"));
}

/// A motion too long to keep every page drawn (its pages are laid out again one at a time
/// as the PDF is written) loses nothing: every page numbered in order, every repetition of
/// its preamble there, the demands on the last page; the DOCX counts the same
/// pages.
#[test]
fn a_very_long_motion_keeps_every_page_and_every_line() {
    let forest = std::fs::read_to_string(repo("motions/forest.toml")).unwrap();
    let forest: String = forest
        .lines()
        .filter(|l| !l.starts_with("translation ="))
        .map(|l| format!("{l}\n"))
        .collect();
    let start = forest.find("preamble = \"\"\"").unwrap() + "preamble = \"\"\"".len();
    let end = start + forest[start..].find("\"\"\"").unwrap();
    let preamble = forest[start..end].trim();
    const TIMES: usize = 100;
    let long = vec![preamble; TIMES].join("\n\n");
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("long.toml");
    std::fs::write(
        &spec,
        format!("{}\n{long}\n{}", &forest[..start], &forest[end..]),
    )
    .unwrap();
    let (out, pdf) = common::rendered(&spec, "pdf", &["--format", "pdf,docx"]);
    let docx = common::docx_parts(&common::output(&out, &spec, "docx"));
    let Some(n) = pages(&pdf) else {
        return;
    };
    assert!(
        n > 50,
        "{n} pages: the layout did not run past what it keeps drawn"
    );
    let app = &docx["docProps/app.xml"];
    assert!(app.contains(&format!("<Pages>{n}</Pages>")), "{app}");
    let text = normalize(&pdf_text(&pdf).unwrap());
    let numbers: Vec<String> = (1..=n).map(|p| format!("Page {p} / {n}")).collect();
    let numbers: Vec<&str> = numbers.iter().map(String::as_str).collect();
    assert_in_order(&text, &numbers);
    // The preamble's last words end each repetition, wherever the pages break.
    let last_words: String = normalize(preamble)
        .split_whitespace()
        .rev()
        .take(3)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(text.matches(&last_words).count(), TIMES, "« {last_words} »");
    let last = text.rsplit(numbers[n - 2]).next().unwrap();
    assert!(
        last.contains("4. demande au gouvernement fédéral de revaloriser le travail social"),
        "{last}"
    );
}

#[test]
fn metadata_language_dates_and_tags() {
    let (_dir, pdf) = render_pdf(&repo("examples/saint-gilles-adopted.toml"), &[]);
    let Some(info) = pdfinfo(&pdf) else { return };
    let field = |name: &str| {
        info.lines()
            .find(|l| l.starts_with(&format!("{name}:")))
            .map(|l| l[name.len() + 1..].trim().to_string())
            .unwrap_or_default()
    };
    assert_eq!(
        field("Title"),
        "Pour la suppression du statut de cohabitant"
    );
    assert_eq!(
        field("Author"),
        "Conseil de l’Action sociale du CPAS de Saint-Gilles"
    );
    assert_eq!(field("Subject"), "Motion — CPAS de Saint-Gilles");
    assert!(field("Keywords").contains("CPAS de Saint-Gilles"));
    assert_eq!(field("Tagged"), "yes");
    assert_eq!(field("Page size"), "595.276 x 841.89 pts (A4)");
    // SOURCE_DATE_EPOCH=1485216000 in the tests: 2017-01-24.
    assert!(
        field("CreationDate").contains("2017"),
        "{}",
        field("CreationDate")
    );
    let raw = std::fs::read(&pdf).unwrap();
    let raw = String::from_utf8_lossy(&raw);
    assert!(raw.contains("fr-BE"), "document language");
    assert!(raw.contains("/StructTreeRoot"));
    assert!(raw.contains("/Outlines"));
}

#[test]
fn the_session_date_is_used_without_source_date_epoch() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(motion()
        .env_remove("SOURCE_DATE_EPOCH")
        .args(["render", "--format", "pdf", "-o"])
        .arg(dir.path())
        .arg(repo("examples/saint-gilles-adopted.toml")));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let Some(info) = pdfinfo(&dir.path().join("saint-gilles-adopted.pdf")) else {
        return;
    };
    let date = info
        .lines()
        .find(|l| l.starts_with("CreationDate:"))
        .unwrap();
    assert!(date.contains("Mar 21") && date.contains("2023"), "{date}");
}

/// An undated projet without SOURCE_DATE_EPOCH says nothing of when it was made, rather
/// than 1970-01-01: no date in the PDF's Info and XMP, none in the DOCX's core properties;
/// PDF/A, which needs one, is refused with the way out.
#[test]
fn an_undated_projet_has_no_1970_date() {
    let dir = tempfile::tempdir().unwrap();
    let forest = repo("motions/forest.toml");
    let out = run(motion()
        .env_remove("SOURCE_DATE_EPOCH")
        .args(["render", "-o"])
        .arg(dir.path())
        .arg(&forest));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let raw = std::fs::read(dir.path().join("forest.pdf")).unwrap();
    let raw = String::from_utf8_lossy(&raw);
    assert!(
        !raw.contains("1970") && !raw.contains("CreationDate"),
        "no date"
    );
    let core = &common::docx_parts(&dir.path().join("forest.docx"))["docProps/core.xml"];
    assert!(
        !core.contains("1970") && !core.contains("dcterms:created"),
        "{core}"
    );
    let out = run(motion()
        .env_remove("SOURCE_DATE_EPOCH")
        .args(["render", "--format", "pdf", "--pdf-standard", "a-2b", "-o"])
        .arg(dir.path())
        .arg(&forest));
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("PDF/A needs a creation date"),
        "{}",
        out.stderr
    );
    // A bad SOURCE_DATE_EPOCH is an error, not 1970.
    let out = run(motion()
        .env("SOURCE_DATE_EPOCH", "demain")
        .args(["render", "-o"])
        .arg(dir.path())
        .arg(&forest));
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("SOURCE_DATE_EPOCH is `demain`"),
        "{}",
        out.stderr
    );
}

#[test]
fn same_input_same_bytes_also_in_a_batch() {
    let forest = repo("motions/forest.toml");
    let (_a, first) = render_pdf(&forest, &[]);
    let (_b, second) = render_pdf(&forest, &[]);
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap()
    );
    let dir = tempfile::tempdir().unwrap();
    let out = run(motion()
        .args(["render", "--format", "pdf", "-o"])
        .arg(dir.path())
        .arg(repo("examples/jette-ocmw.toml"))
        .arg(&forest)
        .arg(repo("examples/saint-gilles-adopted.toml")));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(dir.path().join("forest.pdf")).unwrap()
    );
}

#[test]
fn pdf_a_2b_passes_krillas_validator() {
    for spec in ["motions/forest.toml", "examples/saint-gilles-adopted.toml"] {
        let (_dir, pdf) = render_pdf(&repo(spec), &["--pdf-standard", "a-2b"]);
        let raw = std::fs::read(&pdf).unwrap();
        let raw = String::from_utf8_lossy(&raw);
        assert!(
            raw.contains("pdfaid:part") && raw.contains("/OutputIntents"),
            "{spec}"
        );
    }
    let (_dir, _pdf) = render_pdf(
        &repo("motions/forest.toml"),
        &["--pdf-standard", "a-2b+ua-1"],
    );
}

#[test]
fn line_numbers_on_request() {
    let spec = repo("examples/saint-gilles-adopted.toml");
    let (_a, plain) = render_pdf(&spec, &[]);
    let (_b, numbered) = render_pdf(&spec, &["--line-numbers"]);
    let (Some(plain), Some(numbered)) = (pdf_text(&plain), pdf_text(&numbered)) else {
        return;
    };
    let numbers = |t: &str| {
        t.split(' ')
            .filter(|w| ["5", "10", "15", "20", "25"].contains(w))
            .count()
    };
    // « 10 voix pour » is in the text itself; the margin adds 5, 10, 15 … counting the
    // motion's own lines only.
    assert!(numbers(&numbered) >= numbers(&plain) + 3, "{numbered}");
}

#[test]
fn a_character_the_font_lacks_is_an_error_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("glyph.toml");
    std::fs::write(
        &spec,
        "title = \"Motion\"\n\n[council]\nname = \"Conseil\"\n\n[[demands]]\nverb = \"demande\"\ntext = \"que le cœur ✓ reste.\"\n",
    )
    .unwrap();
    let out = run(motion()
        .args(["render", "--format", "pdf", "-o"])
        .arg(dir.path())
        .arg(&spec));
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("error: the font has no glyph for « ✓ » (U+2713)"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("glyph.toml:8:21"), "{}", out.stderr);
    assert!(
        !dir.path().join("glyph.pdf").exists(),
        "no half-written PDF"
    );
}

/// The error points where the character is used, not where it is first written: here a
/// comment and the title name it before the demand (of a base file) prints it.
#[test]
fn a_missing_glyph_points_at_its_use_through_extends() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("base.toml"),
        "# Un ✓ dans un commentaire ne s’imprime pas.\ntitle = \"Motion\"\n\n[council]\n\
         name = \"Conseil\"\n\n[[demands]]\nid = \"coeur\"\nverb = \"demande\"\n\
         text = \"que le cœur ✓ reste.\"\n",
    )
    .unwrap();
    let fork = dir.path().join("fork.toml");
    std::fs::write(
        &fork,
        "# ✓ encore un commentaire\nextends = \"base.toml\"\ntitle = \"Motion (✓ en commentaire de titre ?)\"\n",
    )
    .unwrap();
    // The title uses ✓ too: the title block is laid out first and is where it is reported.
    let out = run(motion()
        .args(["render", "--format", "pdf", "-o"])
        .arg(dir.path())
        .arg(&fork));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("fork.toml:3:"), "{}", out.stderr);
    // Without it in the title, the demand of the base file is where the glyph is used.
    std::fs::write(
        &fork,
        "# ✓ encore un commentaire\nextends = \"base.toml\"\n",
    )
    .unwrap();
    let out = run(motion()
        .args(["render", "--format", "pdf", "-o"])
        .arg(dir.path())
        .arg(&fork));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("base.toml:10:21"),
        "points at the demand, not a comment: {}",
        out.stderr
    );
}

#[test]
fn pdf_text_matches_the_text_output_word_for_word() {
    let spec = repo("examples/saint-gilles-adopted.toml");
    let (dir, pdf) = render_pdf(&spec, &[]);
    let Some(pdf) = pdf_text(&pdf) else { return };
    let out = run(motion()
        .args(["render", "--format", "txt", "-o"])
        .arg(dir.path())
        .arg(&spec));
    assert_eq!(out.code, 0);
    let text =
        normalize(&std::fs::read_to_string(dir.path().join("saint-gilles-adopted.txt")).unwrap());
    // Every demand's words appear in the PDF as in the text output.
    for line in [
        "supprimer le statut de cohabitant dans la loi du 26 mai 2002.",
        "intégralement financée par l’État fédéral.",
    ] {
        assert!(text.contains(line) && pdf.contains(line), "{line}");
    }
}
