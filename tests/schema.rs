//! The JSON Schemas in `schemas/` are what `motion schema` prints (derived from the serde
//! types), every shipped spec and amendment file passes them, and a typo'd key is refused by
//! the schema and by `motion check` alike.

mod common;

use common::{motion, repo, run};

/// TOML as the JSON an editor's schema validator sees (dates become strings).
fn to_json(value: &toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => s.clone().into(),
        toml::Value::Integer(i) => (*i).into(),
        toml::Value::Float(f) => serde_json::json!(f),
        toml::Value::Boolean(b) => (*b).into(),
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(a) => a.iter().map(to_json).collect(),
        toml::Value::Table(t) => t
            .iter()
            .map(|(k, v)| (k.clone(), to_json(v)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
    }
}

fn validator(name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(repo(&format!("schemas/{name}.schema.json"))).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).expect("a valid schema")
}

fn instance(path: &std::path::Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    to_json(&toml::Value::Table(toml::from_str(&text).unwrap()))
}

#[test]
fn shipped_schemas_are_what_motion_prints() {
    for name in ["spec", "amendments", "session"] {
        let out = run(motion().args(["schema", name]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let shipped =
            std::fs::read_to_string(repo(&format!("schemas/{name}.schema.json"))).unwrap();
        assert_eq!(
            out.stdout, shipped,
            "schemas/{name}.schema.json is stale: run `motion schema {name} > schemas/{name}.schema.json`"
        );
    }
}

#[test]
fn every_shipped_file_passes_its_schema() {
    let mut files = vec![repo("motions/forest.toml")];
    files.extend(
        std::fs::read_dir(repo("examples"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml")),
    );
    let (spec, amendments, session) = (
        validator("spec"),
        validator("amendments"),
        validator("session"),
    );
    let (mut amendment_files, mut session_files) = (0, 0);
    for file in &files {
        let value = instance(file);
        let is_amendments = common::is_amendment_file(file);
        let is_session = value.get("motions").is_some();
        amendment_files += usize::from(is_amendments);
        session_files += usize::from(is_session);
        let validator = if is_amendments {
            &amendments
        } else if is_session {
            &session
        } else {
            &spec
        };
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
    }
    assert!(files.len() >= 9 && amendment_files >= 1 && session_files >= 1);
}

#[test]
fn a_typo_is_refused_by_the_schema_and_by_check() {
    let text = std::fs::read_to_string(repo("motions/forest.toml"))
        .unwrap()
        .replacen("considerants = [", "considerant = [", 1);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typo.toml");
    std::fs::write(&path, &text).unwrap();
    let errors: Vec<String> = validator("spec")
        .iter_errors(&instance(&path))
        .map(|e| e.to_string())
        .collect();
    assert!(
        errors.iter().any(|e| e.contains("considerant")),
        "{errors:?}"
    );
    let out = run(motion().arg("check").arg(&path));
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("did you mean `considerants`?"),
        "{}",
        out.stderr
    );
    // In a nested table too, and a wrong value type.
    let nested = text.replacen("short = ", "shrt = ", 1);
    std::fs::write(&path, &nested).unwrap();
    assert!(!validator("spec").is_valid(&instance(&path)));
    let wrong = std::fs::read_to_string(repo("motions/forest.toml"))
        .unwrap()
        .replacen("lang = \"fr\"", "lang = \"de\"", 1);
    std::fs::write(&path, &wrong).unwrap();
    assert!(!validator("spec").is_valid(&instance(&path)));
}

#[test]
fn motion_new_writes_the_schema_directive() {
    // Outside a checkout: the schema is written beside the spec.
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("ixelles.toml");
    let out = run(motion().arg("new").arg(&spec));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(&spec).unwrap();
    assert!(text.starts_with("#:schema ./spec.schema.json\n"), "{text}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("spec.schema.json")).unwrap(),
        std::fs::read_to_string(repo("schemas/spec.schema.json")).unwrap()
    );
    assert!(out.stdout.contains("spec.schema.json (editor completion)"));
    assert!(validator("spec").is_valid(&instance(&spec)));
    // Inside a folder that has `schemas/`: the directive points there, nothing else written.
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("schemas")).unwrap();
    std::fs::create_dir_all(root.path().join("motions")).unwrap();
    std::fs::copy(
        repo("schemas/spec.schema.json"),
        root.path().join("schemas/spec.schema.json"),
    )
    .unwrap();
    let spec = root.path().join("motions/jette.toml");
    let out = run(motion().arg("new").arg(&spec).args(["--lang", "nl"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(&spec).unwrap();
    assert!(
        text.starts_with("#:schema ../schemas/spec.schema.json\n"),
        "{text}"
    );
    assert!(!root.path().join("motions/spec.schema.json").exists());
    let check = run(motion().arg("check").arg(&spec));
    assert_eq!(check.code, 0, "{}", check.stderr);
}
