//! Runs last (cargo runs test binaries in name order): says how many checks of this
//! `cargo test` run were skipped for a missing external validator, so that a green local
//! run is not taken for a full one.

mod common;

use std::collections::BTreeMap;

#[test]
fn summary_of_skipped_checks() {
    use std::io::Write;
    let log = common::skip_log();
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    let _ = std::fs::remove_file(&log);
    let mut by_program: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for line in text.lines() {
        if let Some((program, test)) = line.split_once('\t') {
            let tests = by_program.entry(program).or_default();
            if !tests.contains(&test) {
                tests.push(test);
            }
        }
    }
    let total: usize = by_program.values().map(Vec::len).sum();
    let message = if total == 0 {
        "external validators: every check ran (none skipped)".to_string()
    } else {
        let parts: Vec<String> = by_program
            .iter()
            .map(|(program, tests)| format!("{} without `{program}`", tests.len()))
            .collect();
        format!(
            "*** {total} check{} SKIPPED: {}; install qpdf, poppler-utils, libreoffice-writer \
             and python3-uno for a full run (CI sets MOTION_REQUIRE_VALIDATORS=1) ***",
            if total == 1 { "" } else { "s" },
            parts.join(", ")
        )
    };
    // Past the harness's capture, so it shows at the end of `cargo test`.
    let _ = writeln!(std::io::stderr(), "\n{message}\n");
}
