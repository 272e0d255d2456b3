//! Clause ids reach every backend: each demand and considérant id of every shipped motion is a
//! PDF named destination (`forest.pdf#garants`), a DOCX bookmark, an HTML `id` and a PDF
//! structure element id carrying its role.

mod common;

use std::path::{Path, PathBuf};

use common::{docx_parts, motion, repo, run, validator};

fn shipped() -> Vec<PathBuf> {
    let mut out = vec![repo("motions/forest.toml")];
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
    out.extend(examples);
    out
}

/// The clause ids of a spec, with the role each must carry, read from its JSON rendering.
fn clause_ids(json: &serde_json::Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for block in json["blocks"].as_array().unwrap() {
        let role = block["role"].as_str().unwrap();
        if let Some(id) = block["id"].as_str()
            && matches!(role, "considerant" | "demand")
        {
            out.push((id.to_string(), role.to_string()));
        }
        for item in block["items"].as_array().into_iter().flatten() {
            if let Some(id) = item["id"].as_str() {
                out.push((id.to_string(), item["role"].as_str().unwrap().to_string()));
            }
        }
    }
    out
}

/// Named destinations and structure element ids of a PDF, by qpdf.
fn pdf_names(pdf: &Path) -> Option<(Vec<String>, Vec<String>)> {
    let out = validator("qpdf")?.arg("--json").arg(pdf).output().unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let objects = json["qpdf"][1].as_object().unwrap();
    let text = |v: &serde_json::Value| v.as_str().map(|s| s.trim_start_matches("u:").to_string());
    let mut dests = Vec::new();
    let mut struct_ids = Vec::new();
    for object in objects.values() {
        let value = &object["value"];
        if let Some(names) = value["/Names"]["/Dests"]["/Names"].as_array() {
            dests.extend(names.iter().step_by(2).filter_map(text));
        }
        // krilla prefixes the ids it is given with `U` (its own ones with `N`).
        if value["/Type"] == "/StructElem"
            && let Some(id) = text(&value["/ID"])
        {
            struct_ids.push(id.strip_prefix('U').unwrap_or(&id).to_string());
        }
    }
    Some((dests, struct_ids))
}

#[test]
fn every_clause_id_is_a_destination_a_bookmark_and_an_html_id() {
    for spec in shipped() {
        let dir = tempfile::tempdir().unwrap();
        let out = run(motion()
            .arg("render")
            .arg(&spec)
            .args(["--format", "pdf,docx,html,json", "-o"])
            .arg(dir.path()));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let read = |ext: &str| common::output(&dir, &spec, ext);
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(read("json")).unwrap()).unwrap();
        let ids = clause_ids(&json);
        assert!(!ids.is_empty(), "{}", spec.display());
        let html = std::fs::read_to_string(read("html")).unwrap();
        let document = &docx_parts(&read("docx"))["word/document.xml"];
        let pdf = pdf_names(&read("pdf"));
        for (id, role) in &ids {
            assert!(
                html.contains(&format!(" id=\"{id}\" data-role=\"{role}\"")),
                "{}: HTML id {id}",
                spec.display()
            );
            let bookmark = format!("w:name=\"_{}\"", id.replace('-', "_"));
            assert!(
                document.contains(&bookmark),
                "{}: bookmark {bookmark}",
                spec.display()
            );
            if let Some((dests, struct_ids)) = &pdf {
                assert!(
                    dests.contains(id),
                    "{}: no named destination {id} in {dests:?}",
                    spec.display()
                );
                assert!(
                    struct_ids.contains(&format!("{role}:{id}")),
                    "{}: no structure element {role}:{id} in {struct_ids:?}",
                    spec.display()
                );
            }
        }
    }
}
