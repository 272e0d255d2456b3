//! The document carries its source (DESIGN.md §11): the spec inside every PDF and DOCX,
//! `motion extract`, `adapt` and `diff` from a document, `--no-source`, PDF/A-3b.

mod common;

use std::path::{Path, PathBuf};

use common::{motion, repo, run, validator};

/// Renders `spec` with `extra` flags into `dir`; panics with the messages if it fails.
fn render(spec: &Path, dir: &Path, extra: &[&str]) {
    let out = run(motion()
        .arg("render")
        .arg(spec)
        .arg("-o")
        .arg(dir)
        .args(extra));
    assert_eq!(out.code, 0, "{}", out.stderr);
}

fn extract(document: &Path, target: &Path) -> common::Output {
    run(motion().arg("extract").arg(document).arg("-o").arg(target))
}

/// The text rendering of a spec: what its PDF and DOCX say.
fn text_of(spec: &Path, extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    render(spec, dir.path(), &[&["--format", "txt"], extra].concat());
    let file = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "txt"))
        .expect("a txt output");
    std::fs::read_to_string(file).unwrap()
}

/// Every shipped motion and example, rendered, extracted from its PDF and from its DOCX,
/// rendered again: the same text; the extracted spec passes `motion check`.
#[test]
fn every_shipped_spec_round_trips_through_its_pdf_and_docx() {
    let mut specs: Vec<PathBuf> = vec![repo("motions/forest.toml")];
    specs.extend(
        std::fs::read_dir(repo("examples"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == "toml")
                    && !common::is_amendment_file(p)
                    && !common::is_session_file(p)
            }),
    );
    specs.sort();
    assert!(specs.len() >= 8, "{specs:?}");
    for spec in &specs {
        let dir = tempfile::tempdir().unwrap();
        render(spec, dir.path(), &[]);
        let expected = text_of(spec, &[]);
        let stem = spec.file_stem().unwrap().to_string_lossy().into_owned();
        for ext in ["pdf", "docx"] {
            let document = dir.path().join(format!("{stem}.{ext}"));
            let back = dir
                .path()
                .join(format!("back-{ext}"))
                .join(format!("{stem}.toml"));
            std::fs::create_dir_all(back.parent().unwrap()).unwrap();
            let out = extract(&document, &back);
            assert_eq!(out.code, 0, "{}: {}", document.display(), out.stderr);
            let check = run(motion().arg("check").arg(&back));
            assert_eq!(check.code, 0, "{}: {}", back.display(), check.stderr);
            assert_eq!(
                text_of(&back, &[]),
                expected,
                "{} extracted from its {ext}",
                spec.display()
            );
        }
    }
}

/// A fork's embedded spec stands alone: no `extends`, no path, the fork's own comments kept.
#[test]
fn a_forks_embedded_spec_is_self_contained() {
    let dir = tempfile::tempdir().unwrap();
    render(
        &repo("examples/ixelles-fork.toml"),
        dir.path(),
        &["--format", "pdf"],
    );
    let out = run(motion()
        .arg("extract")
        .arg(dir.path().join("ixelles-fork.pdf"))
        .args(["-o", "-"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = out.stdout;
    assert!(!text.lines().any(|l| l.starts_with("extends")), "{text}");
    assert!(
        text.contains("# A fork of the Forest motion by another CPAS"),
        "{text}"
    );
    assert!(text.contains("# Self-contained: merged with the spec it extends."));
    // The base's demands, the fork's replacement and addition; the removed one is gone.
    common::assert_in_order(
        &text,
        &[
            "id = \"denonce\"",
            "id = \"garants\"",
            "id = \"revaloriser\"",
            "renoncer à ce projet",
            "id = \"transmission\"",
        ],
    );
    assert!(!text.contains("id = \"refuse\""), "{text}");
    assert!(text.contains("short = \"CPAS d’Ixelles\""));
    // The extracted fork, alone in a folder, renders what the fork renders.
    let alone = tempfile::tempdir().unwrap();
    let spec = alone.path().join("ixelles-fork.toml");
    std::fs::write(&spec, &text).unwrap();
    assert_eq!(
        text_of(&spec, &[]),
        text_of(&repo("examples/ixelles-fork.toml"), &[])
    );
}

/// Files the receiver lacks are named in a comment, not kept as keys; the spec's own
/// opening comment survives.
#[test]
fn paths_are_left_out_and_said_so() {
    let dir = tempfile::tempdir().unwrap();
    render(
        &repo("motions/forest.toml"),
        dir.path(),
        &["--format", "pdf"],
    );
    let out = run(motion()
        .arg("extract")
        .arg(dir.path().join("forest.pdf"))
        .args(["-o", "-"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = out.stdout;
    assert!(
        text.starts_with("# forest.toml, embedded by motion"),
        "{text}"
    );
    assert!(text.contains(
        "# Left out, as files the receiver does not have: translation = \"../examples/forest.nl.toml\"."
    ));
    assert!(!text.contains("\ntranslation ="), "{text}");
    assert!(text.contains("# CPAS de Forest — motion against lifting"));

    render(
        &repo("examples/saint-gilles-adopted.toml"),
        dir.path(),
        &["--format", "docx"],
    );
    let out = run(motion()
        .arg("extract")
        .arg(dir.path().join("saint-gilles-adopted.docx"))
        .args(["-o", "-"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("logo = \"saint-gilles-logo.png\""));
    assert!(!out.stdout.contains("\nlogo ="), "{}", out.stdout);
}

#[test]
fn no_source_leaves_it_out_and_extract_says_so() {
    let dir = tempfile::tempdir().unwrap();
    render(&repo("motions/forest.toml"), dir.path(), &["--no-source"]);
    for ext in ["pdf", "docx"] {
        let document = dir.path().join(format!("forest.{ext}"));
        let out = run(motion().arg("extract").arg(&document));
        assert_eq!(out.code, 1);
        assert!(
            out.stderr.contains(&format!(
                "forest.{ext}` carries no motion spec: it was rendered with `--no-source`, as \
                 PDF/A-2b, by another tool, or by an older version of motion"
            )),
            "{}",
            out.stderr
        );
        assert!(!dir.path().join("forest.toml").exists());
    }
    let parts = common::docx_parts(&dir.path().join("forest.docx"));
    assert!(!parts.keys().any(|k| k.starts_with("customXml/")));
}

#[test]
fn extract_never_overwrites_and_refuses_what_is_not_a_document() {
    let dir = tempfile::tempdir().unwrap();
    render(
        &repo("motions/forest.toml"),
        dir.path(),
        &["--format", "pdf"],
    );
    let pdf = dir.path().join("forest.pdf");
    let out = run(motion().arg("extract").arg(&pdf));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let written = dir.path().join("forest.toml");
    assert!(out.stdout.contains("wrote"), "{}", out.stdout);
    let before = std::fs::read(&written).unwrap();
    let again = run(motion().arg("extract").arg(&pdf));
    assert_eq!(again.code, 1);
    assert!(
        again
            .stderr
            .contains("forest.toml` already exists; nothing was written"),
        "{}",
        again.stderr
    );
    assert_eq!(std::fs::read(&written).unwrap(), before);

    let fake = dir.path().join("fake.pdf");
    std::fs::write(&fake, "title = \"not a PDF\"\n").unwrap();
    let out = run(motion().arg("extract").arg(&fake));
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("fake.pdf`: it is neither a PDF nor a DOCX"),
        "{}",
        out.stderr
    );
    let truncated = dir.path().join("cut.pdf");
    std::fs::write(&truncated, &std::fs::read(&pdf).unwrap()[..4000]).unwrap();
    let out = run(motion().arg("extract").arg(&truncated));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("cannot read `"), "{}", out.stderr);
}

/// The amended motion carries the motion and its amendment file; extracted, they render
/// the same amended text.
#[test]
fn an_amended_document_carries_its_amendments() {
    let dir = tempfile::tempdir().unwrap();
    let args = ["--amendments", "../examples/forest.amendements.toml"];
    render(&repo("motions/forest.toml"), dir.path(), &args);
    let back = dir.path().join("back");
    std::fs::create_dir(&back).unwrap();
    let out = extract(&dir.path().join("forest.amende.docx"), &back.join("m.toml"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("m.toml") && out.stdout.contains("forest.amendements.toml"),
        "{}",
        out.stdout
    );
    let amendments = std::fs::read_to_string(back.join("forest.amendements.toml")).unwrap();
    assert!(amendments.contains("motion = \"m.toml\""), "{amendments}");
    let again = text_of(
        &back.join("m.toml"),
        &[
            "--amendments",
            back.join("forest.amendements.toml").to_str().unwrap(),
        ],
    );
    assert_eq!(again, text_of(&repo("motions/forest.toml"), &args));
}

/// A bilingual edition carries both specs, paired again when extracted.
#[test]
fn a_bilingual_edition_carries_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    render(&repo("motions/forest.toml"), dir.path(), &["--bilingual"]);
    let back = dir.path().join("back");
    std::fs::create_dir(&back).unwrap();
    let out = extract(
        &dir.path().join("forest.fr-nl.pdf"),
        &back.join("forest.toml"),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let fr = std::fs::read_to_string(back.join("forest.toml")).unwrap();
    let nl = std::fs::read_to_string(back.join("forest.nl.toml")).unwrap();
    assert!(fr.contains("translation = \"forest.nl.toml\""), "{fr}");
    assert!(nl.contains("translation = \"forest.toml\""), "{nl}");
    assert!(nl.contains("lang = \"nl\""));
    let check = run(motion().arg("check").arg(back.join("forest.toml")));
    assert_eq!(check.code, 0, "{}", check.stderr);
    render(&back.join("forest.toml"), &back, &["--bilingual"]);
    assert!(back.join("forest.fr-nl.pdf").is_file());
}

#[test]
fn adapt_and_diff_accept_a_document() {
    let dir = tempfile::tempdir().unwrap();
    render(
        &repo("motions/forest.toml"),
        dir.path(),
        &["--format", "pdf"],
    );
    let pdf = dir.path().join("forest.pdf");
    let out = run(motion().arg("adapt").arg(&pdf).args([
        "--council",
        "Conseil de l’Action sociale du CPAS d’Ixelles",
        "--short",
        "CPAS d’Ixelles",
        "--place",
        "Ixelles",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("extracted "), "{}", out.stderr);
    let fork = dir.path().join("ixelles.toml");
    let text = std::fs::read_to_string(&fork).unwrap();
    assert!(text.contains("extends = \"forest.toml\""), "{text}");
    assert!(dir.path().join("forest.toml").is_file());
    let check = run(motion().arg("check").arg(&fork));
    assert_eq!(check.code, 0, "{}", check.stderr);

    // diff: the PDF stands for its spec; identical → exit 0, the fork → exit 1.
    let same = run(motion()
        .arg("diff")
        .arg(&pdf)
        .arg(dir.path().join("forest.toml")));
    assert_eq!(same.code, 0, "{}{}", same.stdout, same.stderr);
    assert!(same.stdout.contains("no differences"));
    let changed = run(motion().arg("diff").arg(&pdf).arg(&fork));
    assert_eq!(changed.code, 1, "{}", changed.stderr);
    assert!(
        changed.stdout.contains("CPAS [-de Forest-]{+d’Ixelles+}"),
        "{}",
        changed.stdout
    );
}

/// PDF/A-2b allows no attachment: a warning, no source. PDF/A-3b: an associated file.
#[test]
fn archival_standards_and_the_source() {
    let dir = tempfile::tempdir().unwrap();
    let spec = repo("examples/saint-gilles-adopted.toml");
    let out = run(motion()
        .arg("render")
        .arg(&spec)
        .arg("-o")
        .arg(dir.path().join("a2"))
        .args(["--pdf-standard", "a-2b"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "warning: PDF/A-2b allows no embedded spec: the PDF does not carry its source (the DOCX does)"
        ),
        "{}",
        out.stderr
    );
    render(
        &spec,
        &dir.path().join("a3"),
        &["--pdf-standard", "a-3b", "--format", "pdf"],
    );
    let pdf = dir.path().join("a3/saint-gilles-adopted.pdf");
    let back = dir.path().join("back.toml");
    assert_eq!(extract(&pdf, &back).code, 0);
    let Some(mut qpdf) = validator("qpdf") else {
        return;
    };
    let qdf = dir.path().join("q.pdf");
    let status = qpdf
        .args(["--qdf", "--object-streams=disable"])
        .arg(&pdf)
        .arg(&qdf)
        .status()
        .unwrap();
    assert!(status.success());
    let raw = String::from_utf8_lossy(&std::fs::read(&qdf).unwrap()).into_owned();
    assert!(raw.contains("/AFRelationship /Source"), "no AFRelationship");
    assert!(raw.contains("/AF ["), "no /AF in the catalog");
    assert!(raw.contains("/Subtype /application#2ftoml"), "no MIME type");
    // Re-saved by another tool (qpdf, uncompressed): still read back.
    let again = dir.path().join("again.toml");
    let out = extract(&qdf, &again);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(&again).unwrap(),
        std::fs::read_to_string(&back).unwrap()
    );
}

/// LibreOffice re-saves the DOCX (as a clerk editing it would): the source is still there.
#[test]
fn a_libreoffice_resave_keeps_the_docx_source() {
    let Some(mut soffice) = validator("soffice") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    render(
        &repo("motions/forest.toml"),
        dir.path(),
        &["--format", "docx"],
    );
    let resaved = dir.path().join("resaved");
    let status = soffice
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("profile").display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
        ])
        .arg(&resaved)
        .arg(dir.path().join("forest.docx"))
        .output()
        .unwrap();
    assert!(status.status.success());
    let back = dir.path().join("back.toml");
    let out = extract(&resaved.join("forest.docx"), &back);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        text_of(&back, &[]),
        text_of(&repo("motions/forest.toml"), &[])
    );
}

/// The same input gives the same bytes, source included.
#[test]
fn documents_with_their_source_stay_deterministic() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for dir in [&a, &b] {
        render(&repo("examples/ixelles-fork.toml"), dir.path(), &[]);
    }
    for ext in ["pdf", "docx"] {
        let name = format!("ixelles-fork.{ext}");
        assert_eq!(
            std::fs::read(a.path().join(&name)).unwrap(),
            std::fs::read(b.path().join(&name)).unwrap(),
            "{name}"
        );
    }
}

/// An inline `council` table loses its logo too; a file without a final newline gets one.
#[test]
fn an_inline_council_loses_its_logo_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo("examples/saint-gilles-logo.png"),
        dir.path().join("logo.png"),
    )
    .unwrap();
    let spec = dir.path().join("m.toml");
    std::fs::write(
        &spec,
        "title = \"Motion pour la paix\"\nlang = \"fr\"\ncouncil = { name = \"Conseil communal de Jette\", \
         short = \"Jette\", place = \"Jette\", logo = \"logo.png\" }\n\n[[demands]]\nverb = \"demande\"\n\
         text = \"la paix.\"",
    )
    .unwrap();
    render(&spec, dir.path(), &["--format", "pdf"]);
    let out = run(motion()
        .arg("extract")
        .arg(dir.path().join("m.pdf"))
        .args(["-o", "-"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains(
            "council = { name = \"Conseil communal de Jette\", short = \"Jette\", place = \"Jette\" }\n"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("# Left out, as files the receiver does not have: logo = \"logo.png\".")
    );
    assert!(out.stdout.ends_with("text = \"la paix.\"\n"));
}
