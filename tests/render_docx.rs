//! `motion render` to DOCX: real styles, numbering, fields, language, properties; what Word
//! and LibreOffice users get.

mod common;

use std::path::{Path, PathBuf};

use common::{assert_in_order, docx_parts, motion, pdf_text, repo, run, soffice_to_pdf, validator};

fn render(spec: &Path, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    common::rendered(spec, "docx", extra)
}

fn xml(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).expect("well-formed XML")
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Paragraphs of document.xml as (style id, numId, text).
fn paragraphs(document: &str) -> Vec<(String, Option<String>, String)> {
    let doc = xml(document);
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| {
            let style = p
                .descendants()
                .find(|n| n.has_tag_name((W, "pStyle")))
                .and_then(|n| n.attribute((W, "val")))
                .unwrap_or("")
                .to_string();
            let num = p
                .descendants()
                .find(|n| n.has_tag_name((W, "numId")))
                .and_then(|n| n.attribute((W, "val")))
                .map(str::to_string);
            let text: String = p
                .descendants()
                .filter(|n| n.has_tag_name((W, "t")))
                .filter_map(|n| n.text())
                .collect();
            (style, num, text)
        })
        .collect()
}

#[test]
fn render_writes_pdf_and_docx_next_to_the_spec_by_default() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo("examples/saint-gilles-adopted.toml"),
        dir.path().join("sg.toml"),
    )
    .unwrap();
    std::fs::copy(
        repo("examples/saint-gilles-logo.png"),
        dir.path().join("saint-gilles-logo.png"),
    )
    .unwrap();
    let out = run(motion().arg("render").arg(dir.path().join("sg.toml")));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(dir.path().join("sg.pdf").is_file() && dir.path().join("sg.docx").is_file());
    assert!(
        out.stdout.contains("sg.pdf") && out.stdout.contains("sg.docx"),
        "{}",
        out.stdout
    );
}

#[test]
fn demands_are_real_numbered_paragraphs_in_named_styles() {
    let (_dir, docx) = render(&repo("motions/forest.toml"), &["--format", "docx"]);
    let parts = docx_parts(&docx);
    let styles = &parts["word/styles.xml"];
    for name in [
        "Motion Title",
        "Preamble",
        "Considerant",
        "Acting Formula",
        "Demand",
        "Operative Verb",
        "Page Header",
        "Page Footer",
    ] {
        assert!(
            styles.contains(&format!("<w:name w:val=\"{name}\"/>")),
            "style {name}"
        );
    }
    let paragraphs = paragraphs(&parts["word/document.xml"]);
    let demands: Vec<_> = paragraphs
        .iter()
        .filter(|(s, _, _)| s == "Demand")
        .collect();
    assert_eq!(demands.len(), 4);
    let num = demands[0].1.clone().expect("demands reference a numbering");
    for (i, (_, n, text)) in demands.iter().enumerate() {
        assert_eq!(n.as_ref(), Some(&num), "one list");
        // The number comes from numbering.xml, never typed.
        assert!(
            !text.trim_start().starts_with(&format!("{}.", i + 1)),
            "typed number in « {text} »"
        );
    }
    assert!(demands[0].2.starts_with("dénonce ce projet de loi inutile"));
    assert!(
        demands[2].2.starts_with(
            "demande, en cas de vote de la loi, que les responsables du CPAS de Forest"
        )
    );
    let numbering = xml(&parts["word/numbering.xml"]);
    let num_node = numbering
        .descendants()
        .find(|n| n.has_tag_name((W, "num")) && n.attribute((W, "numId")) == Some(&num))
        .expect("the num exists");
    let abstract_id = num_node
        .children()
        .find(|n| n.has_tag_name((W, "abstractNumId")))
        .unwrap()
        .attribute((W, "val"))
        .unwrap();
    let abstract_num = numbering
        .descendants()
        .find(|n| {
            n.has_tag_name((W, "abstractNum"))
                && n.attribute((W, "abstractNumId")) == Some(abstract_id)
        })
        .unwrap();
    let level_text = abstract_num
        .descendants()
        .find(|n| n.has_tag_name((W, "lvlText")))
        .unwrap();
    assert_eq!(level_text.attribute((W, "val")), Some("%1."));
    let format = abstract_num
        .descendants()
        .find(|n| n.has_tag_name((W, "numFmt")))
        .unwrap();
    assert_eq!(format.attribute((W, "val")), Some("decimal"));
    // The verb is in its character style.
    assert!(parts["word/document.xml"].contains("<w:rStyle w:val=\"OperativeVerb\"/>"));
    // The title is a heading for Word's navigation pane.
    assert!(
        paragraphs
            .iter()
            .any(|(s, _, t)| s == "MotionTitle" && t.contains("Non à l’abolition"))
    );
}

#[test]
fn preamble_lists_are_real_bullet_lists() {
    let (_dir, docx) = render(
        &repo("examples/saint-gilles-adopted.toml"),
        &["--format", "docx"],
    );
    let parts = docx_parts(&docx);
    let paragraphs = paragraphs(&parts["word/document.xml"]);
    let bullets: Vec<_> = paragraphs
        .iter()
        .filter(|(s, _, _)| s == "PreambleList")
        .collect();
    assert_eq!(bullets.len(), 3);
    assert!(bullets.iter().all(|(_, n, _)| n.is_some()));
    assert!(parts["word/numbering.xml"].contains("<w:numFmt w:val=\"bullet\"/>"));
    assert!(
        bullets
            .iter()
            .all(|(_, _, t)| !t.starts_with('-') && !t.starts_with('–'))
    );
}

#[test]
fn page_setup_header_footer_fields() {
    let (_dir, docx) = render(
        &repo("examples/saint-gilles-adopted.toml"),
        &["--format", "docx"],
    );
    let parts = docx_parts(&docx);
    let document = &parts["word/document.xml"];
    assert!(
        document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"),
        "A4"
    );
    assert!(document.contains("w:left=\"1417\""), "25 mm left margin");
    assert!(document.contains("<w:headerReference w:type=\"default\""));
    assert!(document.contains("<w:footerReference w:type=\"default\""));
    let footer = &parts["word/footer1.xml"];
    assert!(footer.contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"));
    assert!(footer.contains("<w:instrText xml:space=\"preserve\"> NUMPAGES </w:instrText>"));
    assert_eq!(footer.matches("w:fldCharType=\"begin\"").count(), 2);
    assert!(footer.contains(">Page </w:t>") && footer.contains("> / </w:t>"));
    let header = &parts["word/header1.xml"];
    assert!(header.contains("CPAS de Saint-Gilles") && header.contains("Réf. CAS/2023/047"));
    // An extract has no line numbers unless asked.
    assert!(!document.contains("w:lnNumType"));
}

#[test]
fn line_numbers_restart_on_each_page() {
    let (_dir, docx) = render(&repo("motions/forest.toml"), &["--format", "docx"]);
    let document = &docx_parts(&docx)["word/document.xml"];
    assert!(
        document.contains("<w:lnNumType w:countBy=\"5\""),
        "the projet theme numbers lines"
    );
    assert!(document.contains("w:restart=\"newPage\""));
}

#[test]
fn language_and_document_properties() {
    let (_dir, docx) = render(&repo("examples/jette-ocmw.toml"), &["--format", "docx"]);
    let parts = docx_parts(&docx);
    assert!(parts["word/styles.xml"].contains("<w:lang w:val=\"nl-BE\""));
    assert!(parts["word/document.xml"].contains("<w:lang w:val=\"nl-BE\"/>"));
    assert!(!parts["word/document.xml"].contains("fr-BE"));
    let core = &parts["docProps/core.xml"];
    assert!(core.contains("<dc:title>Motie tegen de opheffing van het beroepsgeheim van de maatschappelijk werkers</dc:title>"));
    assert!(core.contains(
        "<dc:creator>Raad voor Maatschappelijk Welzijn van het OCMW van Jette</dc:creator>"
    ));
    assert!(core.contains("<dc:language>nl-BE</dc:language>"));
    assert!(
        core.contains("<cp:keywords>OCMW van Jette, Motie, extrait</cp:keywords>"),
        "{core}"
    );
    // SOURCE_DATE_EPOCH=1485216000 in the tests.
    assert!(
        core.contains(">2017-01-24T00:00:00Z</dcterms:created>"),
        "{core}"
    );
    assert!(parts["word/settings.xml"].contains("<w:autoHyphenation/>"));
}

#[test]
fn every_part_is_well_formed_and_declared() {
    for spec in [
        "motions/forest.toml",
        "examples/saint-gilles-adopted.toml",
        "examples/schaerbeek-long.toml",
    ] {
        let (_dir, docx) = render(&repo(spec), &["--format", "docx"]);
        let parts = docx_parts(&docx);
        let types = &parts["[Content_Types].xml"];
        for (name, text) in &parts {
            if name.ends_with(".xml") || name.ends_with(".rels") {
                xml(text);
            }
            if name.ends_with(".xml") && name != "[Content_Types].xml" {
                assert!(
                    types.contains(&format!("PartName=\"/{name}\"")),
                    "{name} undeclared"
                );
            }
        }
    }
}

#[test]
fn no_break_spaces_are_kept() {
    let (_dir, docx) = render(&repo("motions/forest.toml"), &["--format", "docx"]);
    let document = &docx_parts(&docx)["word/document.xml"];
    assert!(document.contains("encore\u{a0}: le vote"));
    assert!(document.contains("«\u{202f}Front peu Commun\u{202f}»"));
}

#[test]
fn same_input_same_bytes_also_in_a_batch() {
    let forest = repo("motions/forest.toml");
    let (_a, first) = render(&forest, &["--format", "docx"]);
    let (_b, second) = render(&forest, &["--format", "docx"]);
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap()
    );
    let dir = tempfile::tempdir().unwrap();
    let out = run(motion()
        .args(["render", "--format", "docx", "-o"])
        .arg(dir.path())
        .arg(repo("examples/saint-gilles-adopted.toml"))
        .arg(&forest));
    assert_eq!(out.code, 0);
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(dir.path().join("forest.docx")).unwrap()
    );
}

/// Every example converts in LibreOffice; its PDF has every demand, numbered, in order, and
/// about as many pages as ours.
#[test]
fn libreoffice_opens_every_example() {
    if validator("soffice").is_none() || validator("pdftotext").is_none() {
        return;
    }
    let out_dir = tempfile::tempdir().unwrap();
    let mut specs = vec![repo("motions/forest.toml")];
    let mut examples: Vec<PathBuf> = std::fs::read_dir(repo("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    examples.sort();
    specs.extend(examples);
    let out = run(motion()
        .args(["render", "-o"])
        .arg(out_dir.path())
        .args(&specs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let converted = out_dir.path().join("lo");
    std::fs::create_dir_all(&converted).unwrap();
    let docx: Vec<PathBuf> = specs
        .iter()
        .map(|s| {
            out_dir
                .path()
                .join(format!("{}.docx", s.file_stem().unwrap().to_string_lossy()))
        })
        .collect();
    soffice_to_pdf(&docx, &converted).unwrap();
    for spec in &specs {
        let stem = spec.file_stem().unwrap().to_string_lossy().into_owned();
        let mut sources = motion::source::Sources::new();
        let loaded = motion::spec::load(spec, &mut sources).unwrap();
        let lo_pdf = converted.join(format!("{stem}.pdf"));
        let text = pdf_text(&lo_pdf).unwrap();
        let verbs: Vec<String> = loaded
            .demands
            .iter()
            .enumerate()
            .map(|(i, d)| format!("{}. {}", i + 1, d.verb.value))
            .collect();
        let verbs: Vec<&str> = verbs.iter().map(String::as_str).collect();
        assert_in_order(&text, &verbs);
        let count = |pdf: &Path| {
            let info = std::process::Command::new("pdfinfo")
                .arg(pdf)
                .output()
                .unwrap();
            let info = String::from_utf8_lossy(&info.stdout).into_owned();
            let line = info
                .lines()
                .find(|l| l.starts_with("Pages:"))
                .unwrap()
                .to_string();
            line["Pages:".len()..].trim().parse::<i64>().unwrap()
        };
        let ours = count(&out_dir.path().join(format!("{stem}.pdf")));
        let theirs = count(&lo_pdf);
        assert!(
            (ours - theirs).abs() <= 1,
            "{stem}: our PDF {ours} pages, LibreOffice {theirs}"
        );
    }
}

/// `numbering = "article"` in a forked theme: « Article 1er », « Article 2 » in every format,
/// still real numbering in the DOCX.
#[test]
fn article_numbering_from_a_forked_theme() {
    let (dir, tpl) = common::fork_template();
    let theme = tpl.join("theme.toml");
    let text = std::fs::read_to_string(&theme)
        .unwrap()
        .replace("demands = \"decimal\"", "demands = \"article\"");
    std::fs::write(&theme, text).unwrap();
    let spec = dir.path().join("sg.toml");
    std::fs::write(
        &spec,
        format!(
            "extends = {:?}\ntemplate = \"tpl\"\n",
            repo("examples/saint-gilles-adopted.toml")
        ),
    )
    .unwrap();
    let out = run(motion()
        .args(["render", "--format", "pdf,docx,txt"])
        .arg(&spec));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let txt = std::fs::read_to_string(dir.path().join("sg.txt")).unwrap();
    assert!(
        txt.contains("Article 1er demande au gouvernement") && txt.contains("Article 2   exige"),
        "{txt}"
    );
    if let Some(pdf) = pdf_text(&dir.path().join("sg.pdf")) {
        assert_in_order(
            &pdf,
            &[
                "Article 1er demande au gouvernement",
                "Article 2 exige",
                "Article 3 charge",
            ],
        );
    }
    let parts = docx_parts(&dir.path().join("sg.docx"));
    let numbering = &parts["word/numbering.xml"];
    assert!(
        numbering.contains("<w:lvlText w:val=\"Article 1er\"/>")
            && numbering.contains("<w:lvlText w:val=\"Article %1\"/>")
    );
    assert!(
        numbering.contains("<w:startOverride w:val=\"2\"/>"),
        "the second article counts on from 2"
    );
    let demands: Vec<_> = paragraphs(&parts["word/document.xml"])
        .into_iter()
        .filter(|(s, _, _)| s == "Demand")
        .collect();
    assert!(
        demands
            .iter()
            .all(|(_, n, t)| n.is_some() && !t.starts_with("Article"))
    );
}

#[test]
fn the_logo_is_packaged_for_the_header_and_for_a_footer() {
    let (_dir, docx) = render(
        &repo("examples/saint-gilles-adopted.toml"),
        &["--format", "docx"],
    );
    let parts = docx_parts(&docx);
    assert!(parts.contains_key("word/media/logo.png"));
    assert!(parts["word/_rels/header1.xml.rels"].contains("Target=\"media/logo.png\""));
    assert!(parts["word/header1.xml"].contains("r:embed=\"rIdLogo1\""));
    assert!(parts["[Content_Types].xml"].contains("Extension=\"png\""));

    // A forked template that shows the logo in the footer instead.
    let (dir, tpl) = common::fork_template();
    let doc = tpl.join("document.xml.j2");
    let text = std::fs::read_to_string(&doc)
        .unwrap()
        .replace("<left>{% if council.logo %}<logo/>{% endif %}", "<left>")
        .replace(
            "<center>{{ labels.page }}",
            "<left>{% if council.logo %}<logo/>{% endif %}</left><center>{{ labels.page }}",
        );
    std::fs::write(&doc, text).unwrap();
    let spec = dir.path().join("sg.toml");
    std::fs::write(
        &spec,
        format!(
            "extends = {:?}\ntemplate = \"tpl\"\n",
            repo("examples/saint-gilles-adopted.toml")
        ),
    )
    .unwrap();
    let out = run(motion().args(["render", "--format", "docx,pdf"]).arg(&spec));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let parts = docx_parts(&dir.path().join("sg.docx"));
    assert!(parts["word/footer1.xml"].contains("r:embed=\"rIdLogo1\""));
    assert!(parts["word/_rels/footer1.xml.rels"].contains("Target=\"media/logo.png\""));
    assert!(!parts.contains_key("word/_rels/header1.xml.rels"));
    assert!(parts.contains_key("word/media/logo.png"));
}

#[test]
fn bookmarks_are_unique() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("m.toml");
    std::fs::write(
        &spec,
        "title = \"T\"\nconsiderants = [\"Vu la loi\"]\n\n[council]\nname = \"Conseil\"\n\n[[demands]]\nid = \"c-2\"\nverb = \"demande\"\ntext = \"a.\"\n\n[[demands]]\nid = \"c_2\"\nverb = \"exige\"\ntext = \"b.\"\n",
    )
    .unwrap();
    let (_out, docx) = render(&spec, &["--format", "docx"]);
    let document = &docx_parts(&docx)["word/document.xml"];
    let doc = xml(document);
    let starts: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "bookmarkStart")))
        .map(|n| {
            (
                n.attribute((W, "id")).unwrap().to_string(),
                n.attribute((W, "name")).unwrap().to_string(),
            )
        })
        .collect();
    // The title, the considérant and the two demands.
    assert_eq!(starts.len(), 4, "{starts:?}");
    let mut ids: Vec<_> = starts.iter().map(|s| &s.0).collect();
    let mut names: Vec<_> = starts.iter().map(|s| &s.1).collect();
    ids.sort();
    ids.dedup();
    names.sort();
    names.dedup();
    assert_eq!((ids.len(), names.len()), (4, 4), "{starts:?}");
}
