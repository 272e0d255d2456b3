//! What a cargo-world CLI offers beside its commands: completions, man pages, a version line
//! that names the embedded template.

mod common;

use common::{motion, run};

/// The subcommands, read from `motion --help`, so a new one is checked without editing here.
fn subcommands() -> Vec<String> {
    let help = run(motion().arg("--help")).stdout;
    let names: Vec<String> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        // A wrapped description is indented deeper than the names.
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|n| n != "help")
        .collect();
    assert!(names.len() >= 10, "{help}");
    names
}

#[test]
fn completions_mention_every_subcommand() {
    let commands = subcommands();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = run(motion().args(["completions", shell]));
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        for command in &commands {
            assert!(
                out.stdout.contains(command.as_str()),
                "{shell} lacks `{command}`"
            );
        }
        // Flags of subcommands too.
        assert!(
            out.stdout.contains("no-source"),
            "{shell} lacks --no-source"
        );
    }
    let out = run(motion().args(["completions", "tcsh"]));
    assert_eq!(out.code, 2);
}

#[test]
fn man_pages_cover_every_subcommand() {
    let out = run(motion().arg("man"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains(".TH motion 1"), "{}", out.stdout);
    let dir = tempfile::tempdir().unwrap();
    let out = run(motion().arg("man").arg("-o").arg(dir.path()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    for command in subcommands() {
        let page = dir.path().join(format!("motion-{command}.1"));
        let text = std::fs::read_to_string(&page)
            .unwrap_or_else(|_| panic!("{} not written", page.display()));
        assert!(text.contains(&format!(".TH motion-{command} 1")), "{text}");
    }
    let render = std::fs::read_to_string(dir.path().join("motion-render.1")).unwrap();
    assert!(render.contains("pdf\\-standard"), "{render}");
}

#[test]
fn version_names_the_embedded_template() {
    let manifest: toml::Table = toml::from_str(
        &std::fs::read_to_string(common::repo("templates/default/template.toml")).unwrap(),
    )
    .unwrap();
    let template = manifest["version"].as_str().unwrap();
    let out = run(motion().arg("--version"));
    assert_eq!(
        out.stdout.trim(),
        format!(
            "motion {} (template default {template})",
            env!("CARGO_PKG_VERSION")
        )
    );
    let list = run(motion().args(["template", "list"]));
    assert!(
        list.stdout.starts_with(&format!("default  {template} — ")),
        "{}",
        list.stdout
    );
}
