//! Session bundles (DESIGN.md §10): `motion render seance.toml` — the agenda with true page
//! numbers, each motion from a new page, page numbers through the book, an outline entry
//! and named destinations per motion, one DOCX section per motion; `motion check` on a
//! session.

mod common;

use std::path::{Path, PathBuf};

use common::{motion, normalize, repo, run, validator};

fn render(spec: &Path, dir: &Path, extra: &[&str]) -> common::Output {
    run(motion()
        .arg("render")
        .arg(spec)
        .arg("-o")
        .arg(dir)
        .args(extra))
}

/// Each page's text (pdftotext, whitespace collapsed), or `None` without pdftotext.
fn pages(pdf: &Path) -> Option<Vec<String>> {
    let out = validator("pdftotext")?
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(normalize).collect();
    if pages.last().is_some_and(|p| p.is_empty()) {
        pages.pop();
    }
    Some(pages)
}

/// The agenda's lines: (item, title, page).
fn agenda(cover: &str) -> Vec<(String, String, usize)> {
    let mut out = Vec::new();
    let rest = cover.split("Ordre du jour").last().unwrap_or("");
    for piece in rest.split(" p. ").collect::<Vec<_>>().windows(2) {
        let (head, tail) = (piece[0], piece[1]);
        let page: usize = tail
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap()
            .parse()
            .unwrap();
        // « … 2. Title — » : the item number is the last « N. » before the title.
        let head = head.trim_end_matches(" —").trim_end_matches('—').trim();
        let start = head
            .rmatch_indices(". ")
            .map(|(i, _)| i)
            .find(|&i| {
                let before = &head[..i];
                let digits =
                    before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
                digits > 0
                    && before[..before.len() - digits]
                        .chars()
                        .last()
                        .is_none_or(|c| c == ' ')
            })
            .unwrap();
        let before = &head[..start];
        let number = before.rsplit(' ').next().unwrap().to_string();
        out.push((number, head[start + 2..].trim().to_string(), page));
    }
    out
}

#[test]
fn the_agenda_gives_the_page_where_each_motion_starts() {
    let dir = tempfile::tempdir().unwrap();
    let out = render(&repo("examples/seance.toml"), dir.path(), &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("seance.pdf") && out.stdout.contains("seance.docx"));
    let pdf = dir.path().join("seance.pdf");
    let Some(pages) = pages(&pdf) else { return };
    let items = agenda(&pages[0]);
    assert_eq!(items.len(), 4, "{}", pages[0]);
    let total = pages.len();
    for (number, title, page) in &items {
        let text = &pages[page - 1];
        assert!(
            text.contains(title.as_str()),
            "item {number} « {title} » is not on page {page}: {text}"
        );
        // Nowhere before: each motion starts on its page.
        assert!(
            !pages[page - 2].contains(title.as_str()) || *page == 2,
            "« {title} » already on page {}",
            page - 1
        );
    }
    // Items by position; the Dutch motion keeps its language.
    let numbers: Vec<&str> = items.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(numbers, ["1", "2", "3", "4"]);
    assert!(pages[items[3].2 - 1].contains("VOORSTEL VAN MOTIE"));
    // Page numbers run through the book; each motion keeps its own header.
    for (i, page) in pages.iter().enumerate() {
        let footer = if page.contains("Pagina ") {
            format!("Pagina {} / {total}", i + 1)
        } else {
            format!("Page {} / {total}", i + 1)
        };
        assert!(page.contains(&footer), "page {}: {page}", i + 1);
    }
    assert!(pages[items[1].2 - 1].starts_with("CPAS de Schaerbeek"));
    assert!(pages[items[3].2 - 1].starts_with("OCMW van Vorst"));
    // The extrait of a motion numbered by its position says so.
    assert!(
        pages[items[1].2 - 1].contains("Objet n° 2"),
        "{}",
        pages[items[1].2 - 1]
    );
}

#[test]
fn the_outline_and_destinations_name_each_motion() {
    let dir = tempfile::tempdir().unwrap();
    let out = render(
        &repo("examples/seance.toml"),
        dir.path(),
        &["--format", "pdf"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let pdf = lopdf::Document::load(dir.path().join("seance.pdf")).unwrap();
    let catalog = pdf.catalog().unwrap();
    // Outline: the cover's title, then « N. Title » per motion.
    let outlines = catalog.get(b"Outlines").unwrap().as_reference().unwrap();
    let mut titles = Vec::new();
    let mut node = pdf
        .get_dictionary(outlines)
        .unwrap()
        .get(b"First")
        .ok()
        .and_then(|o| o.as_reference().ok());
    while let Some(id) = node {
        let dict = pdf.get_dictionary(id).unwrap();
        titles.push(lopdf::decode_text_string(dict.get(b"Title").unwrap()).unwrap());
        node = dict.get(b"Next").ok().and_then(|o| o.as_reference().ok());
    }
    assert_eq!(
        titles,
        [
            "Séance du Conseil de l’Action sociale",
            "1. Non à l’abolition du secret professionnel des assistants sociaux",
            "2. Pour un plan communal de lutte contre la pauvreté et le non-recours aux droits",
            "3. Pour la suppression du statut de cohabitant",
            "4. Neen aan de afschaffing van het beroepsgeheim van de maatschappelijk werkers",
        ]
    );
    // Named destinations: one per motion and per clause of each.
    let names = catalog
        .get(b"Names")
        .and_then(|n| pdf.dereference(n))
        .map(|(_, n)| n.as_dict().unwrap().clone())
        .unwrap();
    let dests = names.get(b"Dests").unwrap();
    let (_, dests) = pdf.dereference(dests).unwrap();
    let mut keys = Vec::new();
    collect_names(&pdf, dests.as_dict().unwrap(), &mut keys);
    for expected in [
        "item-1",
        "item-1.garants",
        "item-2",
        "item-4",
        "item-4.garants",
        "agenda.session",
    ] {
        assert!(
            keys.iter().any(|k| k == expected),
            "no destination `{expected}` in {keys:?}"
        );
    }
}

fn collect_names(pdf: &lopdf::Document, node: &lopdf::Dictionary, out: &mut Vec<String>) {
    if let Ok(names) = node.get(b"Names").and_then(|n| n.as_array()) {
        for pair in names.chunks(2) {
            out.push(lopdf::decode_text_string(&pair[0]).unwrap());
        }
    }
    if let Ok(kids) = node.get(b"Kids").and_then(|k| k.as_array()) {
        for kid in kids {
            let (_, kid) = pdf.dereference(kid).unwrap();
            collect_names(pdf, kid.as_dict().unwrap(), out);
        }
    }
}

#[test]
fn the_docx_has_a_section_per_motion_and_libreoffice_agrees_on_pages() {
    let dir = tempfile::tempdir().unwrap();
    let out = render(&repo("examples/seance.toml"), dir.path(), &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let docx = dir.path().join("seance.docx");
    let parts = common::docx_parts(&docx);
    let document = &parts["word/document.xml"];
    // The cover and four motions: five sections, each with its own header and footer.
    assert_eq!(document.matches("<w:sectPr>").count(), 5);
    for n in 1..=5 {
        assert!(
            parts.contains_key(&format!("word/header{n}.xml")),
            "header{n}"
        );
        assert!(document.contains(&format!("r:id=\"rIdHeader{n}\"")));
        assert!(
            parts["word/_rels/document.xml.rels"].contains(&format!("Target=\"footer{n}.xml\""))
        );
    }
    assert!(parts["word/header5.xml"].contains("OCMW van Vorst"));
    assert!(parts["word/header3.xml"].contains("CPAS de Schaerbeek"));
    // Continuous page numbers: no section restarts them.
    assert!(!document.contains("w:pgNumType"));
    // LibreOffice, opening it, puts each motion on the page the agenda says.
    let Some(pdf_pages) = pages(&dir.path().join("seance.pdf")) else {
        return;
    };
    let lo = dir.path().join("lo");
    std::fs::create_dir(&lo).unwrap();
    if common::soffice_to_pdf_without_fonts(std::slice::from_ref(&docx), &lo).is_none() {
        return;
    }
    let Some(lo_pages) = pages(&lo.join("seance.pdf")) else {
        return;
    };
    assert_eq!(lo_pages.len(), pdf_pages.len());
    for (_, title, page) in agenda(&pdf_pages[0]) {
        let words: String = title
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            lo_pages[page - 1].contains(&words),
            "LibreOffice: « {words} » not on page {page}: {}",
            lo_pages[page - 1]
        );
    }
}

/// A session over copies of motions: returns the folder.
fn session_with(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let forest = std::fs::read_to_string(repo("motions/forest.toml"))
        .unwrap()
        .replace("translation = \"../examples/forest.nl.toml\"", "");
    std::fs::write(dir.path().join("forest.toml"), &forest).unwrap();
    let fork = std::fs::read_to_string(repo("examples/ixelles-fork.toml"))
        .unwrap()
        .replace("../motions/forest.toml", "forest.toml");
    std::fs::write(dir.path().join("ixelles.toml"), fork).unwrap();
    std::fs::copy(
        repo("examples/forest-register.toml"),
        dir.path().join("register.toml"),
    )
    .unwrap();
    let register = std::fs::read_to_string(dir.path().join("register.toml"))
        .unwrap()
        .replace("../motions/forest.toml", "forest.toml");
    std::fs::write(dir.path().join("register.toml"), register).unwrap();
    std::fs::write(dir.path().join("seance.toml"), text).unwrap();
    dir
}

#[test]
fn extracts_give_the_attendance_and_keep_a_motions_own() {
    let dir = session_with(
        "title = \"Séance\"\ndate = 2017-02-23\nvariant = \"extrait\"\n\
         motions = [\"forest.toml\", \"register.toml\", \"ixelles.toml\"]\n\n\
         [[attendance]]\nname = \"Anne Martin\"\nrole = \"Présidente\"\n\n\
         [[attendance]]\nname = \"Paul Durand\"\nrole = \"Conseiller\"\npresence = \"excused\"\n",
    );
    let check = run(motion().arg("check").arg(dir.path().join("seance.toml")));
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check
            .stdout
            .contains("seance.toml: ok (session, 3 motions on the agenda)")
    );
    let out = render(
        &dir.path().join("seance.toml"),
        dir.path(),
        &["--format", "pdf"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let Some(pages) = pages(&dir.path().join("seance.pdf")) else {
        return;
    };
    let items = agenda(&pages[0]);
    // register.toml sets `[session] item = 12`; the others take their position.
    let numbers: Vec<&str> = items.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(numbers, ["1", "12", "3"]);
    let forest = &pages[items[0].2 - 1];
    assert!(
        forest.contains("Présents : Anne Martin, Présidente."),
        "{forest}"
    );
    assert!(
        forest.contains("Excusés : Paul Durand, Conseiller."),
        "{forest}"
    );
    assert!(forest.contains("Objet n° 1"));
    let register = &pages[items[1].2 - 1];
    assert!(register.contains("Nadia El Amrani"), "{register}");
    assert!(!register.contains("Anne Martin"), "{register}");
    assert!(register.contains("Objet n° 12"));
}

#[test]
fn a_broken_motion_fails_the_session_and_nothing_is_written() {
    let dir = session_with("motions = [\"forest.toml\", \"ixelles.toml\"]\n");
    let ixelles = dir.path().join("ixelles.toml");
    let text = std::fs::read_to_string(&ixelles).unwrap();
    std::fs::write(&ixelles, text.replacen("[council]", "[concil]", 1)).unwrap();
    let session = dir.path().join("seance.toml");
    let check = run(motion().arg("check").arg(&session));
    assert_eq!(check.code, 1);
    assert!(check.stderr.contains("ixelles.toml:"), "{}", check.stderr);
    assert!(
        check.stderr.contains("of `") && check.stderr.contains("seance.toml` failed the check: "),
        "{}",
        check.stderr
    );
    assert!(
        check.stderr.contains("1 of the 2 motions of `"),
        "{}",
        check.stderr
    );
    let out = render(&session, dir.path(), &[]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("the session `")
            && out
                .stderr
                .contains("was not rendered: 1 of 2 motions has errors"),
        "{}",
        out.stderr
    );
    let written: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "pdf" || e == "docx" || e == "tmp")
        })
        .collect();
    assert!(written.is_empty(), "{written:?}");
}

#[test]
fn session_files_are_checked_at_their_keys() {
    let dir = session_with(
        "titel = \"Séance\"\nmotions = [\"forest.toml\", \"nope.toml\", \"forest.toml\"]\n",
    );
    let out = run(motion().arg("check").arg(dir.path().join("seance.toml")));
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("unknown key `titel`"), "{}", out.stderr);
    assert!(out.stderr.contains("did you mean `title`?"));
    std::fs::write(
        dir.path().join("seance.toml"),
        "motions = [\"forest.toml\", \"nope.toml\", \"forest.toml\"]\nvariant = \"draft\"\n",
    )
    .unwrap();
    let out = run(motion().arg("check").arg(dir.path().join("seance.toml")));
    assert_eq!(out.code, 1);
    for message in [
        "error: cannot find the motion `nope.toml`",
        "error: `forest.toml` is on the agenda twice",
        "error: unknown variant `draft` for a session",
        "seance.toml:1:",
    ] {
        assert!(
            out.stderr.contains(message),
            "« {message} » not in {}",
            out.stderr
        );
    }
    // The same item twice: both places shown.
    std::fs::write(
        dir.path().join("seance.toml"),
        "motions = [\"forest.toml\", \"register.toml\"]\n",
    )
    .unwrap();
    let register = dir.path().join("register.toml");
    let text = std::fs::read_to_string(&register).unwrap();
    std::fs::write(&register, text.replacen("item = 12", "item = 1", 1)).unwrap();
    let out = run(motion().arg("check").arg(dir.path().join("seance.toml")));
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("error: item 1 is on the agenda twice"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("item 1 first") && out.stderr.contains("item 1 again"));
}

#[test]
fn a_bundle_is_pdf_and_docx_and_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let out = render(
        &repo("examples/seance.toml"),
        dir.path(),
        &["--format", "txt"],
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("a session bundle is PDF and DOCX, not txt")
    );
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for d in [&a, &b] {
        assert_eq!(render(&repo("examples/seance.toml"), d.path(), &[]).code, 0);
    }
    for name in ["seance.pdf", "seance.docx"] {
        assert_eq!(
            std::fs::read(a.path().join(name)).unwrap(),
            std::fs::read(b.path().join(name)).unwrap(),
            "{name}"
        );
    }
    // The bundle carries the session and its motions: extracted, it renders the same.
    let back = a.path().join("back");
    std::fs::create_dir(&back).unwrap();
    let out = run(motion()
        .arg("extract")
        .arg(a.path().join("seance.pdf"))
        .arg("-o")
        .arg(back.join("seance.toml")));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(render(&back.join("seance.toml"), &back, &[]).code, 0);
    if let (Some(x), Some(y)) = (
        pages(&a.path().join("seance.pdf")),
        pages(&back.join("seance.pdf")),
    ) {
        assert_eq!(x, y);
    }
}

/// A motion named like its session: both carried, both written back.
#[test]
fn a_motion_named_like_its_session_is_carried_apart() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("points")).unwrap();
    let forest = std::fs::read_to_string(repo("motions/forest.toml"))
        .unwrap()
        .replace("translation = \"../examples/forest.nl.toml\"", "");
    std::fs::write(dir.path().join("points/budget.toml"), forest).unwrap();
    let session = dir.path().join("budget.toml");
    std::fs::write(
        &session,
        "title = \"Budget\"\nmotions = [\"points/budget.toml\"]\n",
    )
    .unwrap();
    let out = render(&session, dir.path(), &["--format", "pdf"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let back = dir.path().join("back");
    std::fs::create_dir(&back).unwrap();
    let out = run(motion()
        .arg("extract")
        .arg(dir.path().join("budget.pdf"))
        .arg("-o")
        .arg(back.join("budget.toml")));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(back.join("budget.toml")).unwrap();
    assert!(text.contains("motions = [\"budget-2.toml\"]"), "{text}");
    assert!(back.join("budget-2.toml").is_file());
    assert_eq!(
        render(&back.join("budget.toml"), &back, &["--format", "pdf"]).code,
        0
    );
}

/// A motion named like the bundle's output is never overwritten (as for a single render).
#[test]
fn a_bundle_never_overwrites_a_motion_it_reads() {
    let dir = tempfile::tempdir().unwrap();
    let forest = std::fs::read_to_string(repo("motions/forest.toml"))
        .unwrap()
        .replace("translation = \"../examples/forest.nl.toml\"", "");
    std::fs::write(dir.path().join("b.pdf"), &forest).unwrap();
    let session = dir.path().join("b.toml");
    std::fs::write(&session, "motions = [\"b.pdf\"]\n").unwrap();
    let out = run(motion()
        .arg("render")
        .arg(&session)
        .args(["--format", "pdf"]));
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("b.pdf` would overwrite `")
            && out.stderr.contains("which this render reads"),
        "{}",
        out.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("b.pdf")).unwrap(),
        forest
    );
}

/// A file that lists `motions` is a session file for `check` and `render` alike, even with a
/// `motion` key (which would make it an amendment file otherwise): both name the stray key.
#[test]
fn check_and_render_read_a_session_with_a_motion_key_alike() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("both.toml");
    let forest = repo("motions/forest.toml");
    std::fs::write(
        &session,
        format!(
            "motion = \"forest.toml\"\ntitle = \"Séance\"\ndate = 2024-03-21\nmotions = [{:?}]\n",
            forest.display().to_string()
        ),
    )
    .unwrap();
    let expected = "error: unknown key `motion`\n  --> both.toml:1:1";
    let check = run(motion()
        .current_dir(dir.path())
        .arg("check")
        .arg("both.toml"));
    let out = dir.path().join("out");
    let render = run(motion()
        .current_dir(dir.path())
        .arg("render")
        .arg("both.toml")
        .arg("-o")
        .arg(&out));
    for (command, output) in [("check", &check), ("render", &render)] {
        assert_eq!(output.code, 1, "{command}: {}", output.stderr);
        assert!(
            output.stderr.contains(expected),
            "{command}: {}",
            output.stderr
        );
        assert!(
            output.stderr.contains("did you mean `motions`?"),
            "{command}: {}",
            output.stderr
        );
    }
    assert!(!out.join("both.pdf").exists());
}
