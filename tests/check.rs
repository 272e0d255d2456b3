//! `motion check`: exit codes and the exact diagnostics, one bad spec per rule.

mod common;

use common::{motion, run};

#[test]
fn forest_passes_with_a_one_line_summary() {
    let out = run(motion().args(["check", "../motions/forest.toml"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "../motions/forest.toml: ok (4 demands)\n");
    assert_eq!(out.stderr, "");
}

#[test]
fn several_specs_are_summarised_in_one_line() {
    let out = run(motion().args([
        "check",
        "../motions/forest.toml",
        "../examples/jette-ocmw.toml",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "2 specs ok\n");
}

#[test]
fn every_bad_spec_is_explained() {
    insta::glob!("data/check/*.toml", |path| {
        let relative = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap();
        let relative = relative.strip_prefix("tests").unwrap();
        let out = run(motion().arg("check").arg(relative));
        assert_eq!(out.code, 1, "{}: {}", relative.display(), out.stderr);
        assert!(out.stdout.is_empty());
        insta::assert_snapshot!(out.stderr);
    });
}

#[test]
fn a_missing_file_is_an_io_error() {
    let out = run(motion().args(["check", "data/check/does-not-exist.toml"]));
    assert_eq!(out.code, 3);
    assert_eq!(
        out.stderr,
        "error: cannot read `data/check/does-not-exist.toml`: no such file\n\n\
         error: 1 of 1 spec failed the check\n"
    );
}

#[test]
fn a_directory_is_an_io_error() {
    let out = run(motion().args(["check", "data"]));
    assert_eq!(out.code, 3);
    assert!(
        out.stderr
            .starts_with("error: cannot read `data`: it is a folder, not a file"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_huge_file_is_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.toml");
    let line = "# padding padding padding padding padding padding padding padding\n";
    std::fs::write(&path, line.repeat(9 * 1024 * 1024 / line.len())).unwrap();
    let out = run(motion().arg("check").arg(&path));
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("bytes, more than the 8388608 bytes a spec may have"),
        "{}",
        out.stderr
    );
}

#[test]
fn usage_errors_exit_with_2() {
    let out = run(motion().args(["check"]));
    assert_eq!(out.code, 2);
    let out = run(motion().args(["frobnicate"]));
    assert_eq!(out.code, 2);
}

#[test]
fn diagnostics_are_not_coloured_in_a_pipe() {
    let out = run(motion().args(["check", "data/check/unknown-key.toml"]));
    assert!(!out.stderr.contains('\x1b'));
}
