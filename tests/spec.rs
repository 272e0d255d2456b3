//! The spec loader as a library: `extends` merging semantics and robustness on arbitrary bytes.
#![allow(
    clippy::cast_possible_truncation,
    reason = "test data: small generated numbers and byte values"
)]

use std::path::Path;

use motion::source::Sources;
use motion::spec::{self, Spec, Status};

fn load(path: &str) -> Spec {
    let mut sources = Sources::new();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    match spec::load(&path, &mut sources) {
        Ok(spec) => spec,
        Err(e) => panic!("{path:?}: {e:?}"),
    }
}

fn ids(spec: &Spec) -> Vec<&str> {
    spec.demands.iter().map(|d| d.id.as_str()).collect()
}

#[test]
fn fork_replaces_removes_and_appends_demands_by_id() {
    let fork = load("examples/ixelles-fork.toml");
    assert_eq!(
        ids(&fork),
        ["denonce", "garants", "revaloriser", "transmission"]
    );
    let revaloriser = &fork.demands[2];
    assert!(
        revaloriser
            .text
            .value
            .starts_with("au gouvernement fédéral de renoncer")
    );
    assert_eq!(fork.council.short.value, "CPAS d’Ixelles");
    assert_eq!(fork.council.place.as_ref().unwrap().value, "Ixelles");
    // Inherited from forest.toml, untouched.
    let forest = load("motions/forest.toml");
    assert_eq!(fork.title.value, forest.title.value);
    assert_eq!(
        fork.preamble.as_ref().unwrap().value,
        forest.preamble.as_ref().unwrap().value
    );
    assert_eq!(fork.signatures.len(), 2);
    assert_eq!(
        fork.demands[1].condition.as_ref().unwrap().value,
        "en cas de vote de la loi"
    );
}

#[test]
fn forest_transcribes_the_founding_motion() {
    let forest = load("motions/forest.toml");
    assert_eq!(
        forest.title.value,
        "Non à l’abolition du secret professionnel des assistants sociaux"
    );
    assert_eq!(forest.status, Status::Projet);
    assert_eq!(
        forest.council.name.value,
        "Conseil de l’Action Sociale du CPAS de Forest"
    );
    let preamble = &forest.preamble.as_ref().unwrap().value;
    assert_eq!(
        preamble.trim().split("\n\n").count(),
        5,
        "five preamble paragraphs"
    );
    assert!(preamble.contains("«\u{202f}Front peu Commun\u{202f}»"));
    assert!(
        preamble.contains("encore\u{a0}: le vote"),
        "no-break spaces as `motion fmt` writes them"
    );
    assert_eq!(
        forest.considerants[0].text.value,
        "Vu la menace que cette loi fait peser sur notre système démocratique"
    );
    let verbs: Vec<&str> = forest
        .demands
        .iter()
        .map(|d| d.verb.value.as_str())
        .collect();
    assert_eq!(verbs, ["dénonce", "refuse", "demande", "demande"]);
    assert!(forest.demands[2].text.value.contains("{{ council.short }}"));
    assert!(
        forest.demands[3]
            .text
            .value
            .starts_with("au gouvernement fédéral")
    );
    for defect in [
        "Un proposition",
        "un une",
        "……",
        "  ",
        "A quand",
        "« Ecoles",
        "oeuvre",
    ] {
        for (key, text) in forest.texts() {
            assert!(!text.value.contains(defect), "{key} still has {defect:?}");
        }
    }
}

#[test]
fn a_fork_that_sets_its_status_does_not_inherit_the_vote() {
    let dir = tempfile::tempdir().unwrap();
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/saint-gilles-adopted.toml");
    let fork = dir.path().join("fork.toml");
    std::fs::write(
        &fork,
        format!(
            "extends = {:?}\nstatus = \"projet\"\n\n[council]\nname = \"CPAS de Jette\"\n",
            base
        ),
    )
    .unwrap();
    let mut sources = Sources::new();
    let spec = spec::load(&fork, &mut sources).unwrap();
    assert!(spec.vote.is_none());
    assert!(spec.date.is_none());
    assert!(spec.reference.is_none());
    assert_eq!(spec.council.short.value, "CPAS de Jette");
}

#[test]
fn missing_ids_default_to_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.toml");
    std::fs::write(
        &path,
        "title = \"T\"\n[council]\nname = \"C\"\n[[demands]]\nverb = \"a\"\ntext = \"x\"\n[[demands]]\nid = \"b\"\nverb = \"b\"\ntext = \"y\"\n[[demands]]\nverb = \"c\"\ntext = \"z\"\n",
    )
    .unwrap();
    let spec = spec::load(&path, &mut Sources::new()).unwrap();
    assert_eq!(ids(&spec), ["d1", "b", "d3"]);
    assert_eq!(spec.council.short.value, "C", "short defaults to name");
}

/// Arbitrary bytes and mutations of real specs never make the loader panic.
#[test]
fn arbitrary_input_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fuzz.toml");
    let seeds: Vec<Vec<u8>> = [
        "motions/forest.toml",
        "examples/saint-gilles-adopted.toml",
        "examples/jette-ocmw.toml",
    ]
    .iter()
    .map(|p| std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(p)).unwrap())
    .collect();
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let tokens: &[&[u8]] = &[
        b"[",
        b"]",
        b"\"",
        b"'''",
        b"{{",
        b"}}",
        b"=",
        b"\n",
        b"[[demands]]",
        b"extends = \"fuzz.toml\"",
        b"\xff",
        b"\xc3",
        b"1979-05-27",
        b"remove = true",
    ];
    for round in 0..3000 {
        let mut bytes = if round % 5 == 0 {
            (0..next() % 200).map(|_| next() as u8).collect()
        } else {
            seeds[round % seeds.len()].clone()
        };
        for _ in 0..1 + next() % 8 {
            if bytes.is_empty() {
                break;
            }
            let at = (next() as usize) % bytes.len();
            match next() % 3 {
                0 => {
                    let end = (at + (next() as usize % 40)).min(bytes.len());
                    bytes.drain(at..end);
                }
                1 => {
                    let token = tokens[next() as usize % tokens.len()];
                    bytes.splice(at..at, token.iter().copied());
                }
                _ => bytes[at] = next() as u8,
            }
        }
        std::fs::write(&path, &bytes).unwrap();
        let mut sources = Sources::new();
        if let Err(errors) = spec::load(&path, &mut sources) {
            // Rendering the diagnostics must not panic either.
            let diagnostics: Vec<_> = errors.iter().map(|e| e.diagnostic()).collect();
            let text = motion::diagnostics::render_plain(&sources, &diagnostics);
            assert!(text.starts_with("error"), "{text}");
        }
    }
}

#[test]
fn default_ids_skip_ids_in_use() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("base.toml"),
        "title = \"T\"\n[council]\nname = \"C\"\n[[demands]]\nverb = \"a\"\ntext = \"x\"\n[[demands]]\nverb = \"b\"\ntext = \"y\"\n",
    )
    .unwrap();
    let fork = dir.path().join("fork.toml");
    std::fs::write(&fork, "extends = \"base.toml\"\n[[demands]]\nid = \"d1\"\nremove = true\n[[demands]]\nverb = \"c\"\ntext = \"z\"\n").unwrap();
    let spec = spec::load(&fork, &mut Sources::new()).unwrap();
    assert_eq!(ids(&spec), ["d2", "d3"]);
}

#[test]
fn adapt_writes_a_valid_fork_of_a_multi_line_title() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.toml");
    std::fs::write(&base, "title = \"\"\"Non à l’abolition\ndes assistants sociaux\"\"\"\n[council]\nname = \"C\"\n[[demands]]\nverb = \"demande\"\ntext = \"x\"\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_motion"))
        .arg("adapt")
        .arg(&base)
        .args(["--council", "CPAS d’Ixelles", "-o"])
        .arg(dir.path().join("fork.toml"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(spec::load(&dir.path().join("fork.toml"), &mut Sources::new()).is_ok());
}
