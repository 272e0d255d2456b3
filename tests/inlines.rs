//! One meaning per backend: nested emphasis and change marks come out the same in the PDF,
//! the DOCX, the HTML, the text and the JSON (one test document exercises every inline).

mod common;

use common::{docx_parts, fork_template, motion, repo, run};
use motion::document::{BlockKind, Inline};
use motion::layout::{ElementKind, Origin};

/// The inline test spec with a forked template whose body adds an inserted and a deleted word.
fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, tpl) = fork_template();
    let markup = tpl.join("document.xml.j2");
    let text = std::fs::read_to_string(&markup).unwrap();
    // The motion's title line (the last one: the amendment list has its own before it).
    let title = "<title role=\"title\" id=\"title\">{{ motion.title | inline }}</title>";
    let at = text
        .rfind(title)
        .expect("the default template has a title line")
        + title.len();
    let patched = format!(
        "{}\n  <p class=\"preamble\" role=\"preamble\">Avant <ins change=\"A1\" \
         author=\"Ecolo\" date=\"2017-01-24\">ajouté</ins> puis <del change=\"A2\" \
         author=\"PS\">supprimé</del>.</p>{}",
        &text[..at],
        &text[at..]
    );
    assert_ne!(patched, text, "the fork has the default title line");
    std::fs::write(&markup, patched).unwrap();
    (dir, tpl)
}

#[test]
fn every_inline_means_the_same_in_every_backend() {
    let (_keep, tpl) = setup();
    let spec = repo("tests/data/inlines/inlines.toml");
    let dir = tempfile::tempdir().unwrap();
    let out = run(motion()
        .arg("render")
        .arg(&spec)
        .arg("--template")
        .arg(&tpl)
        .args(["--format", "pdf,docx,html,txt,json", "-o"])
        .arg(dir.path()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let read = |ext: &str| std::fs::read_to_string(common::output(&dir, &spec, ext)).unwrap();

    // Text: change marks as [+…+] and [-…-], styles as plain text.
    let txt = read("txt");
    assert!(txt.contains("Avant [+ajouté+] puis [-supprimé-]."), "{txt}");
    assert!(
        common::normalize(&txt).contains("en italique, en gras italique et de nouveau en italique")
    );

    // HTML: <ins>/<del> with the change's id, author and date; nested <em><strong>.
    let html = read("html");
    assert!(
        html.contains(
            "<ins data-change=\"A1\" title=\"Ecolo\" datetime=\"2017-01-24\">ajouté</ins>"
        ),
        "{html}"
    );
    assert!(html.contains("<del data-change=\"A2\" title=\"PS\">supprimé</del>"));
    assert!(html.contains(
        "<em class=\"c-emphasis\">en italique, <strong class=\"c-strong\">en gras italique</strong>"
    ));

    // DOCX: real tracked changes; the nested run is italic by its style and bold directly.
    let document = &docx_parts(&common::output(&dir, &spec, "docx"))["word/document.xml"];
    assert!(
        document.contains("w:author=\"Ecolo\" w:date=\"2017-01-24T00:00:00Z\">"),
        "{document}"
    );
    assert!(document.contains("<w:delText xml:space=\"preserve\">supprimé</w:delText>"));
    let nested = document
        .split("<w:r>")
        .find(|r| r.contains(">en gras italique<"))
        .expect("the nested run");
    assert!(
        nested.contains("<w:rStyle w:val=\"Strong\"/>") && nested.contains("<w:i w:val=\"1\"/>"),
        "bold by its style, italic directly: {nested}"
    );

    // JSON: the same pieces.
    let json: serde_json::Value = serde_json::from_str(&read("json")).unwrap();
    let preamble = &json["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["role"] == "preamble")
        .unwrap()["inlines"];
    assert_eq!(preamble[1]["change"]["kind"], "insert");
    assert_eq!(preamble[1]["change"]["author"], "Ecolo");
    assert_eq!(preamble[3]["change"]["kind"], "delete");
    let demand = json["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["role"] == "demands")
        .unwrap();
    let styles: Vec<&serde_json::Value> = demand["items"][0]["inlines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["text"] == "en gras italique")
        .map(|p| &p["styles"])
        .collect();
    assert_eq!(styles, [&serde_json::json!(["emphasis", "strong"])]);
}

/// The PDF draws the nested run in the bold italic face, underlines the insertion and strikes
/// the deletion through (legible without colour).
#[test]
fn pdf_draws_nested_styles_and_change_marks() {
    let (_keep, tpl) = setup();
    let mut sources = motion::source::Sources::new();
    let spec = motion::spec::load(&repo("tests/data/inlines/inlines.toml"), &mut sources).unwrap();
    let template = motion::template::Template::open(&tpl, &mut sources).unwrap();
    let doc =
        motion::template::render(&spec, &template, &Default::default(), &mut sources).unwrap();
    let layout = motion::layout::layout(&doc).unwrap();
    let pages = layout.drawn_pages(&doc).unwrap();
    let elements: Vec<_> = pages.iter().flat_map(|p| &p.elements).collect();
    let runs: Vec<&motion::layout::Run> = elements
        .iter()
        .filter_map(|e| match &e.kind {
            ElementKind::Text { runs, .. } => Some(runs),
            _ => None,
        })
        .flatten()
        .collect();
    let face = |word: &str| runs.iter().find(|r| r.text.contains(word)).unwrap().face;
    assert_eq!(face("gras italique"), 3, "bold italic");
    assert_eq!(face("de nouveau"), 1, "italic");
    for (word, decoration) in [
        ("ajouté", motion::layout::Decoration::Underline),
        ("supprimé", motion::layout::Decoration::Strike),
    ] {
        let run = runs.iter().find(|r| r.text.contains(word)).unwrap();
        assert_eq!(run.decoration, Some(decoration), "{word}");
    }
    let rules = elements
        .iter()
        .filter(|e| {
            matches!(e.kind, ElementKind::Rule { .. }) && matches!(e.origin, Origin::Artifact(_))
        })
        .count();
    // The header rule, the two change marks and the ruled amendment room.
    assert!(rules >= 3, "{rules} rules");
    // The model itself: the demand's nested run is emphasis around strong.
    let items = doc
        .blocks
        .iter()
        .find_map(|b| match &b.kind {
            BlockKind::List { items, .. } => Some(items),
            _ => None,
        })
        .unwrap();
    assert!(
        items[0]
            .inlines
            .iter()
            .any(|i| matches!(i, Inline::Styled { style, .. } if style == "emphasis"))
    );
}
