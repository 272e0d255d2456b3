//! `motion render --format json`: the document model as JSON, golden for every shipped motion
//! in both variants; every clause id present once with its role.

mod common;

use std::path::{Path, PathBuf};

use common::{motion, run};

/// Every motion the repository ships, as paths relative to `tests/` (where the binary runs),
/// so the JSON's `source.file` values are the same on every machine.
fn motions() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = vec![PathBuf::from("../motions/forest.toml")];
    let mut examples: Vec<PathBuf> = std::fs::read_dir(root.join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "toml")
                && !common::is_amendment_file(p)
                && !common::is_session_file(p)
        })
        .map(|p| Path::new("../examples").join(p.file_name().unwrap()))
        .collect();
    examples.sort();
    out.extend(examples);
    out
}

fn render_json(spec: &Path, variant: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let out = run(motion()
        .arg("render")
        .arg(spec)
        .args(["--format", "json", "--variant", variant, "-o"])
        .arg(dir.path()));
    assert_eq!(out.code, 0, "{}: {}", spec.display(), out.stderr);
    let path = common::output(&dir, spec, "json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn json_of_every_motion_in_both_variants_is_golden() {
    for spec in motions() {
        for variant in ["projet", "extrait"] {
            let json = render_json(&spec, variant);
            let name = format!("{}-{variant}", spec.file_stem().unwrap().to_string_lossy());
            insta::assert_json_snapshot!(name, json);
        }
    }
}

/// Every demand and considérant of the spec is one block or item with its role and id, and
/// its text is the spec's (variables expanded).
#[test]
fn every_clause_id_is_present_once_with_its_role() {
    let json = render_json(Path::new("../motions/forest.toml"), "projet");
    let mut seen: Vec<(String, String)> = Vec::new();
    for block in json["blocks"].as_array().unwrap() {
        if let Some(id) = block["id"].as_str() {
            seen.push((id.into(), block["role"].as_str().unwrap().into()));
        }
        for item in block["items"].as_array().into_iter().flatten() {
            if let Some(id) = item["id"].as_str() {
                seen.push((id.into(), item["role"].as_str().unwrap().into()));
            }
        }
    }
    let expected = [
        ("title", "title"),
        ("considerant-1", "considerant"),
        ("denonce", "demand"),
        ("refuse", "demand"),
        ("garants", "demand"),
        ("revaloriser", "demand"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(seen, expected);
    let demands = json["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["role"] == "demands")
        .unwrap();
    let garants = &demands["items"][2];
    assert_eq!(garants["label"], "3.");
    assert!(
        garants["text"].as_str().unwrap().starts_with(
            "demande, en cas de vote de la loi, que les responsables du CPAS de Forest"
        ),
        "{garants}"
    );
    // The demand points at its verb, condition and text in the spec.
    let lines: Vec<u64> = garants["source"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "{garants}");
    assert!(garants["source"][0]["file"] == "../motions/forest.toml");
}
