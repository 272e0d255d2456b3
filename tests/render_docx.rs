//! `motion render` to DOCX: real styles, numbering, fields, language, properties; what Word
//! and LibreOffice users get.
#![allow(
    clippy::cast_possible_truncation,
    reason = "test data: small generated numbers and byte values"
)]

mod common;

use std::path::{Path, PathBuf};

use common::{assert_in_order, docx_parts, motion, pdf_text, repo, run, validator};

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

/// A style of styles.xml by id.
fn style<'a>(styles: &'a roxmltree::Document, id: &str) -> roxmltree::Node<'a, 'a> {
    styles
        .descendants()
        .find(|n| n.has_tag_name((W, "style")) && n.attribute((W, "styleId")) == Some(id))
        .unwrap_or_else(|| panic!("no style {id}"))
}

/// The `w:val` of a style's child element (`basedOn`, `next`, `name`).
fn style_val(style: roxmltree::Node, element: &str) -> Option<String> {
    style
        .descendants()
        .find(|n| n.has_tag_name((W, element)))
        .and_then(|n| n.attribute((W, "val")))
        .map(str::to_string)
}

#[test]
fn demands_are_numbered_by_their_style_and_named_in_french() {
    let (_dir, docx) = render(&repo("motions/forest.toml"), &["--format", "docx"]);
    let parts = docx_parts(&docx);
    let styles_xml = &parts["word/styles.xml"];
    for name in [
        "Titre de la motion",
        "Exposé des motifs",
        "Considérant",
        "Formule de décision",
        "Demande",
        "Verbe",
        "header",
        "footer",
        "line number",
    ] {
        assert!(
            styles_xml.contains(&format!("<w:name w:val=\"{name}\"/>")),
            "style {name}"
        );
    }
    let styles = xml(styles_xml);
    // The demand style carries its numbering, and Enter after a demand gives a demand.
    let demand = style(&styles, "MotionDemands");
    assert_eq!(style_val(demand, "next").as_deref(), Some("MotionDemands"));
    let num = demand
        .descendants()
        .find(|n| n.has_tag_name((W, "numId")))
        .and_then(|n| n.attribute((W, "val")))
        .expect("the Demand style holds w:numPr")
        .to_string();
    let paragraphs = paragraphs(&parts["word/document.xml"]);
    let demands: Vec<_> = paragraphs
        .iter()
        .filter(|(s, _, _)| s == "MotionDemands")
        .collect();
    assert_eq!(demands.len(), 4);
    for (i, (_, n, text)) in demands.iter().enumerate() {
        assert_eq!(*n, None, "numbered by the style, not directly");
        assert!(
            !text.trim_start().starts_with(&format!("{}.", i + 1)),
            "typed number in « {text} »"
        );
    }
    assert!(demands[0].2.starts_with("dénonce ce projet de loi inutile"));
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
    let level = |element: &str| {
        abstract_num
            .descendants()
            .find(|n| n.has_tag_name((W, element)))
            .and_then(|n| n.attribute((W, "val")))
            .map(str::to_string)
    };
    assert_eq!(level("lvlText").as_deref(), Some("%1."));
    assert_eq!(level("numFmt").as_deref(), Some("decimal"));
    // The level names its style (applying the style numbers a paragraph), and numbers end
    // on their full stop, as in the PDF.
    assert_eq!(level("pStyle").as_deref(), Some("MotionDemands"));
    assert_eq!(level("lvlJc").as_deref(), Some("right"));
    // The verb is in its character style; the title is based on Word's Title.
    assert!(parts["word/document.xml"].contains("<w:rStyle w:val=\"MotionVerb\"/>"));
    assert_eq!(
        style_val(style(&styles, "MotionTitle"), "basedOn").as_deref(),
        Some("Title")
    );
    assert_eq!(
        style_val(style(&styles, "MotionHeading"), "basedOn").as_deref(),
        Some("Heading2")
    );
    assert!(
        paragraphs
            .iter()
            .any(|(s, _, t)| s == "MotionTitle" && t.contains("Non à l’abolition"))
    );
}

/// One change restyles the document: the document's font and language are set once, Normal
/// is the body, and no style restates what its base already gives.
#[test]
fn styles_inherit_instead_of_restating() {
    for spec in ["motions/forest.toml", "examples/saint-gilles-adopted.toml"] {
        let (_dir, docx) = render(&repo(spec), &["--format", "docx"]);
        let styles_xml = docx_parts(&docx)["word/styles.xml"].clone();
        let styles = xml(&styles_xml);
        let fonts = styles
            .descendants()
            .filter(|n| n.has_tag_name((W, "rFonts")))
            .count();
        assert_eq!(fonts, 1, "{spec}: the family is named once, in docDefaults");
        // The properties a style states, by element name, with their attributes.
        let props = |style: roxmltree::Node| -> Vec<(String, Vec<(String, String)>)> {
            style
                .children()
                .filter(|n| n.has_tag_name((W, "pPr")) || n.has_tag_name((W, "rPr")))
                .flat_map(|p| p.children().filter(|c| c.is_element()))
                .map(|c| {
                    let mut attrs: Vec<(String, String)> = c
                        .attributes()
                        .map(|a| (a.name().to_string(), a.value().to_string()))
                        .collect();
                    attrs.sort();
                    (c.tag_name().name().to_string(), attrs)
                })
                .collect()
        };
        let by_id = |id: &str| {
            styles
                .descendants()
                .find(|n| n.has_tag_name((W, "style")) && n.attribute((W, "styleId")) == Some(id))
        };
        for s in styles
            .descendants()
            .filter(|n| n.has_tag_name((W, "style")))
        {
            let id = s.attribute((W, "styleId")).unwrap();
            // What the base chain gives, nearest first.
            let mut inherited: Vec<(String, Vec<(String, String)>)> = Vec::new();
            let mut base = style_val(s, "basedOn");
            while let Some(b) = base {
                let node = by_id(&b).unwrap_or_else(|| panic!("{id} based on missing {b}"));
                for (name, attrs) in props(node) {
                    if !inherited.iter().any(|(n, _)| *n == name) {
                        inherited.push((name, attrs));
                    }
                }
                base = style_val(node, "basedOn");
            }
            for (name, attrs) in props(s) {
                if name == "numPr" {
                    continue;
                }
                let restated = inherited.iter().any(|(n, a)| *n == name && *a == attrs);
                assert!(!restated, "{spec}: {id} restates {name} {attrs:?}");
            }
        }
    }
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
        .filter(|(s, _, _)| s == "MotionList")
        .collect();
    assert_eq!(bullets.len(), 3);
    let styles = xml(&parts["word/styles.xml"]);
    assert!(
        style(&styles, "MotionList")
            .descendants()
            .any(|n| n.has_tag_name((W, "numId"))),
        "the list style carries its bullets"
    );
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
    assert!(footer.contains("<w:pStyle w:val=\"Footer\"/>"));
    // NUMPAGES shows motion's own page count until Word updates it: one page here.
    assert!(footer.contains("NUMPAGES </w:instrText>"));
    let app = &parts["docProps/app.xml"];
    assert!(app.contains("<Pages>1</Pages>"), "{app}");
    assert!(app.contains("<Company>Conseil de l’Action sociale du CPAS de Saint-Gilles</Company>"));
    let words: usize = app
        .split("<Words>")
        .nth(1)
        .and_then(|w| w.split('<').next())
        .and_then(|w| w.parse().ok())
        .unwrap();
    assert!(words > 150, "{words} words");
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
            // Custom XML items take the `xml` Default (application/xml), as Word writes them.
            let custom_item = name.starts_with("customXml/item") && !name.contains("Props");
            if custom_item {
                assert!(
                    types.contains(r#"<Default Extension="xml" ContentType="application/xml"/>"#)
                );
            }
            if name.ends_with(".xml") && name != "[Content_Types].xml" && !custom_item {
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

/// Pages of a PDF, by pdfinfo.
fn page_count(pdf: &Path) -> i64 {
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
}

/// Fonts a PDF uses, by pdffonts, subset prefixes removed.
fn pdf_fonts(pdf: &Path) -> Vec<String> {
    let out = std::process::Command::new("pdffonts")
        .arg(pdf)
        .output()
        .unwrap();
    let mut fonts: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        .map(|f| f.split('+').next_back().unwrap_or(f).to_string())
        .collect();
    fonts.sort();
    fonts.dedup();
    fonts
}

/// On a machine that has never had the template's fonts (a font environment with no serif
/// at all), LibreOffice shows the DOCX in the document's own typeface, embedded in it, and
/// lays it out on as many pages as motion's PDF; every demand is there, numbered, in order.
#[test]
fn libreoffice_shows_the_embedded_typeface_on_as_many_pages() {
    if validator("soffice").is_none()
        || validator("pdftotext").is_none()
        || validator("pdffonts").is_none()
    {
        return;
    }
    let out_dir = tempfile::tempdir().unwrap();
    let mut specs = vec![repo("motions/forest.toml")];
    let mut examples: Vec<PathBuf> = std::fs::read_dir(repo("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "toml")
                && !common::is_amendment_file(p)
                && !common::is_session_file(p)
        })
        .collect();
    examples.sort();
    specs.extend(examples);
    for variant in ["projet", "extrait"] {
        let dir = out_dir.path().join(variant);
        let out = run(motion()
            .args(["render", "--variant", variant, "-o"])
            .arg(&dir)
            .args(&specs));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let converted = dir.join("lo");
        std::fs::create_dir_all(&converted).unwrap();
        let docx: Vec<PathBuf> = specs
            .iter()
            .map(|s| dir.join(format!("{}.docx", s.file_stem().unwrap().to_string_lossy())))
            .collect();
        common::soffice_to_pdf_without_fonts(&docx, &converted).unwrap();
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
            let fonts = pdf_fonts(&lo_pdf);
            assert!(
                !fonts.is_empty() && fonts.iter().all(|f| f.starts_with("LibertinusSerif")),
                "{stem} {variant}: LibreOffice used {fonts:?}"
            );
            let ours = page_count(&dir.join(format!("{stem}.pdf")));
            let theirs = page_count(&lo_pdf);
            assert_eq!(
                ours, theirs,
                "{stem} {variant}: our PDF {ours} pages, LibreOffice {theirs}"
            );
        }
    }
}

/// The package holds every face the document uses, obfuscated with the key `w:fontKey`
/// names (ECMA-376 §17.8.1), and the de-obfuscated faces are the template's TrueType files.
#[test]
fn the_typeface_is_embedded_for_every_face_used() {
    let (_dir, docx) = render(
        &repo("examples/saint-gilles-adopted.toml"),
        &["--format", "docx"],
    );
    let parts = common::docx_binary_parts(&docx);
    let text = |name: &str| String::from_utf8_lossy(&parts[name]).into_owned();
    let table = text("word/fontTable.xml");
    let rels = text("word/_rels/fontTable.xml.rels");
    assert!(text("word/settings.xml").contains("<w:embedTrueTypeFonts/>"));
    assert!(
        text("[Content_Types].xml")
            .contains("application/vnd.openxmlformats-officedocument.obfuscatedFont")
    );
    let table_doc = xml(&table);
    let rels_doc = xml(&rels);
    let mut faces = Vec::new();
    for element in table_doc
        .descendants()
        .filter(|n| n.tag_name().name().starts_with("embed"))
    {
        let face = element.tag_name().name().to_string();
        let rid = element
            .attribute((
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                "id",
            ))
            .unwrap();
        let key = element.attribute((W, "fontKey")).unwrap();
        assert!(key.starts_with('{') && key.ends_with('}') && key == key.to_uppercase());
        let target = rels_doc
            .descendants()
            .find(|n| n.attribute("Id") == Some(rid))
            .and_then(|n| n.attribute("Target"))
            .unwrap();
        let mut bytes = parts[&format!("word/{target}")].clone();
        // The key: the GUID's 32 hex digits as 16 bytes, in reverse order.
        let digits: Vec<u8> = key
            .chars()
            .filter_map(|c| c.to_digit(16))
            .map(|d| d as u8)
            .collect();
        let key: Vec<u8> = digits.chunks(2).map(|p| (p[0] << 4) | p[1]).rev().collect();
        for (i, b) in bytes.iter_mut().take(32).enumerate() {
            *b ^= key[i % 16];
        }
        assert_eq!(&bytes[..4], &[0, 1, 0, 0], "{face}: TrueType outlines");
        let file = match face.as_str() {
            "embedRegular" => "Regular",
            "embedBold" => "Bold",
            "embedItalic" => "Italic",
            _ => "BoldItalic",
        };
        let shipped = std::fs::read(repo(&format!(
            "templates/default/fonts/LibertinusSerif-{file}.ttf"
        )))
        .unwrap();
        assert!(bytes == shipped, "{face} is the template's face");
        faces.push(face);
    }
    // The extract sets text in regular, bold (title, verbs) and italic (session, conforme).
    assert_eq!(faces, ["embedRegular", "embedBold", "embedItalic"]);
}

/// A forked template whose fonts are PostScript-flavoured (CFF) cannot be embedded: the
/// render says so, and still writes the DOCX.
#[test]
fn a_font_that_cannot_be_embedded_is_a_warning() {
    let (dir, tpl) = common::fork_template();
    // Any CFF font the machine has will do; without one, the test has nothing to prove.
    let Some(cff) = ["/usr/share/fonts/opentype", "/usr/share/fonts"]
        .iter()
        .flat_map(|d| walk(Path::new(d)))
        .find(|p| {
            p.extension().is_some_and(|e| e == "otf")
                && std::fs::read(p).is_ok_and(|b| b.starts_with(b"OTTO"))
        })
    else {
        eprintln!("no CFF font on this machine: skipped");
        return;
    };
    std::fs::copy(&cff, tpl.join("fonts/cff.otf")).unwrap();
    let theme = tpl.join("theme.toml");
    let text = std::fs::read_to_string(&theme)
        .unwrap()
        .replace("fonts/LibertinusSerif-Regular.ttf", "fonts/cff.otf");
    std::fs::write(&theme, text).unwrap();
    let spec = dir.path().join("m.toml");
    std::fs::write(&spec, "title = \"Motion\"\n\n[council]\nname = \"Conseil\"\n\n[[demands]]\nverb = \"demande\"\ntext = \"que.\"\n").unwrap();
    let out = run(motion()
        .args(["render", "--format", "docx", "--template"])
        .arg(&tpl)
        .arg(&spec));
    if out.code != 0 {
        // The system font lacks a glyph the motion uses: nothing to check here.
        assert!(out.stderr.contains("no glyph"), "{}", out.stderr);
        return;
    }
    assert!(
        out.stderr.contains("warning: the regular face of « Libertinus Serif » is not embedded in the DOCX: it has PostScript (CFF) outlines"),
        "{}",
        out.stderr
    );
    assert!(dir.path().join("m.docx").is_file());
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// `numbering = "article"` in a forked theme: « Article 1er », « Article 2 » in every format.
/// In the DOCX, « Article 1er » is the text of a paragraph in its own style whose next style
/// is the numbered one (from 2), so Enter after the first article gives « Article 2 ».
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
    assert!(numbering.contains("<w:lvlText w:val=\"Article %1\"/>"));
    assert!(
        numbering.contains("<w:start w:val=\"2\"/>"),
        "the numbered articles start at 2"
    );
    let paragraphs = paragraphs(&parts["word/document.xml"]);
    let first = paragraphs
        .iter()
        .find(|(s, _, _)| s == "MotionDemandsFirst")
        .expect("the first article's own style");
    assert!(first.2.starts_with("Article 1er demande"), "{first:?}");
    let rest: Vec<_> = paragraphs
        .iter()
        .filter(|(s, _, _)| s == "MotionDemands")
        .collect();
    assert_eq!(rest.len(), 2);
    assert!(
        rest.iter()
            .all(|(_, n, t)| n.is_none() && !t.starts_with("Article"))
    );
    let styles = xml(&parts["word/styles.xml"]);
    assert_eq!(
        style_val(style(&styles, "MotionDemandsFirst"), "next").as_deref(),
        Some("MotionDemands")
    );
}

/// Five signatures: rows of three and two, the second centred on a grid of half columns,
/// rows that never split and stay together, names in a row of their own under their roles.
#[test]
fn an_uneven_signature_grid_is_centred() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("m.toml");
    let mut text = String::from(
        "title = \"Motion\"\nstatus = \"adopte\"\ndate = 2024-03-21\n\n[council]\nname = \"Conseil\"\n\n[[demands]]\nverb = \"demande\"\ntext = \"que.\"\n\n[vote]\nunanimous = true\n",
    );
    for i in 1..=5 {
        text.push_str(&format!(
            "\n[[signatures]]\nrole = \"Rôle {i}\"\nname = \"Nom {i}\"\n"
        ));
    }
    std::fs::write(&spec, text).unwrap();
    let (_out, docx) = render(&spec, &["--format", "docx"]);
    let parts = docx_parts(&docx);
    let document = xml(&parts["word/document.xml"]);
    let table = document
        .descendants()
        .find(|n| n.has_tag_name((W, "tbl")))
        .unwrap();
    let grid = table
        .descendants()
        .filter(|n| n.has_tag_name((W, "gridCol")))
        .count();
    assert_eq!(grid, 6, "half columns");
    let rows: Vec<_> = table
        .children()
        .filter(|n| n.has_tag_name((W, "tr")))
        .collect();
    assert_eq!(rows.len(), 4, "roles and names, two groups");
    for row in &rows {
        assert!(row.descendants().any(|n| n.has_tag_name((W, "cantSplit"))));
    }
    let before = |row: &roxmltree::Node| {
        row.descendants()
            .find(|n| n.has_tag_name((W, "gridBefore")))
            .and_then(|n| n.attribute((W, "val")))
            .map(str::to_string)
    };
    assert_eq!(before(&rows[0]), None);
    assert_eq!(
        before(&rows[2]).as_deref(),
        Some("1"),
        "the last group is centred"
    );
    assert_eq!(before(&rows[3]).as_deref(), Some("1"));
    // Every row but the last keeps with the next.
    for row in &rows[..3] {
        assert!(row.descendants().any(|n| n.has_tag_name((W, "keepNext"))));
    }
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
    // The logo is anchored above the header rule: no line height can clip it.
    let header = xml(&parts["word/header1.xml"]);
    assert!(!parts["word/header1.xml"].contains("<wp:inline"));
    let anchor = header
        .descendants()
        .find(|n| n.tag_name().name() == "anchor")
        .expect("an anchored picture");
    let extent = anchor
        .children()
        .find(|n| n.tag_name().name() == "extent")
        .unwrap();
    let cy: f32 = extent.attribute("cy").unwrap().parse().unwrap();
    let top: f32 = anchor
        .descendants()
        .find(|n| n.tag_name().name() == "positionV")
        .and_then(|p| p.children().find(|n| n.tag_name().name() == "posOffset"))
        .and_then(|n| n.text())
        .unwrap()
        .parse()
        .unwrap();
    // The theme: header baseline 14 mm from the top, 9 pt text; the rule 0.55 em under it.
    let rule = (14.0 * 72.0 / 25.4 + 9.0 * 0.55) * 12_700.0;
    assert!(
        top > 0.0 && top + cy < rule,
        "logo {top}+{cy} EMU, rule at {rule}"
    );

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

/// What Writer shows after a clerk's edits (tests/uno/edit_numbering.py): the numbered
/// paragraphs' labels and styles, loaded, after Enter and typing, after applying the style.
fn edit_in_libreoffice(docx: &Path, style: &str) -> Option<serde_json::Value> {
    let mut python = common::uno_python()?;
    let profile = tempfile::tempdir().unwrap();
    let out = python
        .arg(repo("tests/uno/edit_numbering.py"))
        .arg(docx)
        .arg(profile.path().join("lo"))
        .arg(style)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

/// The labels of one step of an edit.
fn labels(report: &serde_json::Value, step: &str) -> Vec<String> {
    report[step]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p[0].as_str().unwrap().to_string())
        .collect()
}

/// Enter after the second demand and typing gives a third, numbered demand, and the ones
/// after it renumber; applying « Demande » to the next paragraph numbers it.
#[test]
fn editing_in_libreoffice_keeps_the_demands_numbered() {
    let (_dir, docx) = render(&repo("motions/forest.toml"), &["--format", "docx"]);
    let Some(report) = edit_in_libreoffice(&docx, "Demande") else {
        return;
    };
    assert_eq!(labels(&report, "loaded"), ["1.", "2.", "3.", "4."]);
    assert_eq!(
        labels(&report, "after_enter"),
        ["1.", "2.", "3.", "4.", "5."]
    );
    assert_eq!(
        report["after_enter"][2][2], "exige un nouveau point.",
        "{report}"
    );
    assert_eq!(
        labels(&report, "after_style"),
        ["1.", "2.", "3.", "4.", "5.", "6."]
    );
}

/// « Article 1er », « Article 2 »: Enter after the first article gives « Article 2 » and
/// renumbers the others.
#[test]
fn editing_in_libreoffice_keeps_the_articles_numbered() {
    let (dir, tpl) = common::fork_template();
    let theme = tpl.join("theme.toml");
    let text = std::fs::read_to_string(&theme)
        .unwrap()
        .replace("demands = \"decimal\"", "demands = \"article\"");
    std::fs::write(&theme, text).unwrap();
    let out = run(motion()
        .args(["render", "--format", "docx", "--template"])
        .arg(&tpl)
        .arg("-o")
        .arg(dir.path())
        .arg(repo("examples/saint-gilles-adopted.toml")));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let Some(report) =
        edit_in_libreoffice(&dir.path().join("saint-gilles-adopted.docx"), "Demande")
    else {
        return;
    };
    assert_eq!(labels(&report, "loaded"), ["", "Article 2", "Article 3"]);
    assert_eq!(
        labels(&report, "after_enter"),
        ["", "Article 2", "Article 3", "Article 4"]
    );
    assert!(
        report["after_enter"][0][2]
            .as_str()
            .unwrap()
            .starts_with("Article 1er"),
        "{report}"
    );
    assert_eq!(report["after_enter"][1][2], "exige un nouveau point.");
}
