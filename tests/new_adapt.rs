//! `motion new` and `motion adapt`: the files they write pass `motion check`.

mod common;

use common::{motion, run};

#[test]
fn new_writes_a_starter_that_passes_check_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    for lang in ["fr", "nl"] {
        let path = dir.path().join(format!("{lang}.toml"));
        let out = run(motion().arg("new").arg(&path).args(["--lang", lang]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(&format!("lang = \"{lang}\"")));
        assert!(
            text.lines().filter(|l| l.starts_with('#')).count() >= 3,
            "commented"
        );
        let out = run(motion().arg("check").arg(&path));
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
}

#[test]
fn new_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.toml");
    std::fs::write(&path, "title = \"mine\"\n").unwrap();
    let out = run(motion().arg("new").arg(&path));
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("already exists"), "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "title = \"mine\"\n"
    );
}

#[test]
fn adapt_writes_a_fork_that_extends_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let forest = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("motions/forest.toml");
    let output = dir.path().join("ixelles.toml");
    let out = run(motion()
        .arg("adapt")
        .arg(&forest)
        .args(["--council", "Conseil de l’Action sociale du CPAS d’Ixelles"])
        .args(["--short", "CPAS d’Ixelles"])
        .arg("-o")
        .arg(&output));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr, "",
        "forest names its CPAS through {{{{ council.short }}}}"
    );
    let text = std::fs::read_to_string(&output).unwrap();
    assert!(text.contains("extends = \""), "{text}");
    assert!(text.contains("short = \"CPAS d’Ixelles\""), "{text}");
    assert!(
        text.contains("place = \"Ixelles\""),
        "place guessed from the name: {text}"
    );
    let out = run(motion().arg("check").arg(&output));
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn adapt_warns_about_literal_council_names() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("anderlecht.toml");
    let out = run(motion()
        .args([
            "adapt",
            "data/adapt/literal.toml",
            "--council",
            "CPAS d’Anderlecht",
            "-o",
        ])
        .arg(&output));
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!(out.stderr);
    assert!(
        out.stdout
            .contains("(3 literal mentions of CPAS de Molenbeek in the original)"),
        "{}",
        out.stdout
    );
}

#[test]
fn adapt_refuses_a_broken_original() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(motion()
        .args([
            "adapt",
            "data/check/unknown-key.toml",
            "--council",
            "X",
            "-o",
        ])
        .arg(dir.path().join("x.toml")));
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("unknown key `considerant`"));
    assert!(!dir.path().join("x.toml").exists());
}
