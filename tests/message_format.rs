//! `--message-format json` on `check`, `render` and `fmt --check`: one JSON object per
//! diagnostic and per line on stdout, the human summary on stderr. Golden files in
//! `tests/snapshots/`.

mod common;

use common::{motion, run};

/// Every stdout line is one JSON diagnostic; returns them.
fn json_lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|line| {
            let v: serde_json::Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
            assert_eq!(v["type"], "diagnostic", "{line}");
            for key in [
                "severity",
                "code",
                "message",
                "file",
                "line",
                "column",
                "byte_start",
                "byte_end",
                "labels",
                "help",
                "notes",
                "replacement",
            ] {
                assert!(v.get(key).is_some(), "`{key}` missing in {line}");
            }
            v
        })
        .collect()
}

#[test]
fn check_writes_json_diagnostics() {
    let out = run(motion().args([
        "check",
        "--message-format",
        "json",
        "data/check/unknown-key.toml",
        "data/check/unknown-key-in-council.toml",
        "data/seed-verbatim.toml",
    ]));
    assert_eq!(out.code, 1);
    let lines = json_lines(&out.stdout);
    assert!(lines.len() > 3);
    let typo = &lines[0];
    assert_eq!(typo["message"], "unknown key `considerant`");
    assert_eq!(typo["file"], "data/check/unknown-key.toml");
    assert_eq!(
        (typo["line"].as_u64(), typo["column"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(typo["replacement"]["text"], "considerants");
    assert_eq!(typo["replacement"]["applicability"], "maybe-incorrect");
    // A lint warning carries its rule id and, when `motion fmt` would fix it, the fix.
    let lint = lines
        .iter()
        .find(|l| l["code"] == "fr-oe-ligature")
        .expect("the ligature warning");
    assert_eq!(lint["severity"], "warning");
    assert_eq!(lint["replacement"]["text"], "œuvre");
    assert_eq!(lint["replacement"]["applicability"], "machine-applicable");
    // The summary stays human, on stderr.
    assert!(out.stderr.contains("failed the check"), "{}", out.stderr);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn a_clean_check_prints_no_json_and_its_summary_on_stderr() {
    let out = run(motion().args([
        "check",
        "--message-format",
        "json",
        "../motions/forest.toml",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("forest.toml: ok"), "{}", out.stderr);
}

#[test]
fn render_writes_json_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(motion()
        .args([
            "render",
            "--message-format",
            "json",
            "data/check/unknown-key.toml",
            "-o",
        ])
        .arg(dir.path()));
    assert_eq!(out.code, 1);
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["message"], "unknown key `considerant`");
    assert!(out.stderr.contains("could not be rendered"));
    // A message without a place in a file has null positions.
    let out = run(motion()
        .args([
            "render",
            "--message-format",
            "json",
            "data/no-such.toml",
            "-o",
        ])
        .arg(dir.path()));
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 1, "{}", out.stdout);
    assert!(
        lines[0]["message"]
            .as_str()
            .unwrap()
            .contains("no-such.toml")
    );
}

#[test]
fn fmt_check_writes_each_fix_as_json() {
    let out = run(motion().args([
        "fmt",
        "--check",
        "--message-format",
        "json",
        "data/seed-verbatim.toml",
    ]));
    assert_eq!(out.code, 1);
    let lines = json_lines(&out.stdout);
    assert!(!lines.is_empty());
    for l in &lines {
        assert_eq!(
            l["replacement"]["applicability"], "machine-applicable",
            "{l}"
        );
    }
    assert!(out.stderr.contains("would be reformatted"));
    insta::assert_snapshot!(out.stdout);
}
