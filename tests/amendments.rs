//! Amendments: the amendment file checked against its motion, the amendment list with its
//! formal wording (French and Dutch) and citations of the projet's lines, the consolidated
//! motion, the redline (PDF marks, DOCX tracked changes that « Accept all » turns into the
//! consolidated text) and `motion diff`. The check errors have snapshots in `check.rs`
//! (`data/check/amend-*.toml`).

mod common;

use std::path::{Path, PathBuf};

use common::{assert_in_order, docx_parts, motion, normalize, repo, run};

const EXAMPLE: &str = "examples/forest.amendements.toml";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Renders with `args` into a new folder; returns it and the named output's text.
fn render_text(args: &[&str], output: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = run(motion()
        .arg("render")
        .args(args)
        .args(["--format", "txt", "-o"])
        .arg(dir.path()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    normalize(&std::fs::read_to_string(dir.path().join(output)).unwrap())
}

#[test]
fn check_accepts_the_example_amendment_file() {
    let out = run(motion().arg("check").arg(repo(EXAMPLE)));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .ends_with("forest.amendements.toml: ok (6 amendments, 3 adopted)\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn the_amendment_list_is_golden() {
    let motion_path = repo("motions/forest.toml");
    let list = repo(EXAMPLE);
    let text = {
        let dir = tempfile::tempdir().unwrap();
        let out = run(motion()
            .arg("render")
            .arg(&motion_path)
            .arg("--amendments")
            .arg(&list)
            .args(["--variant", "amendements", "--format", "txt", "-o"])
            .arg(dir.path()));
        assert_eq!(out.code, 0, "{}", out.stderr);
        std::fs::read_to_string(dir.path().join("forest.amendements.txt")).unwrap()
    };
    insta::assert_snapshot!("forest-amendements", text);
    // The amendment file alone renders the same list.
    let alone = render_text(&[list.to_str().unwrap()], "forest.amendements.txt");
    assert_eq!(alone, normalize(&text));
}

/// The formal wording of each kind of amendment, as the list prints it.
fn wordings(motion_file: &str, amendments: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "a.toml",
        &format!(
            "motion = {:?}\n{amendments}",
            repo(motion_file).display().to_string()
        ),
    );
    render_text(&[file.to_str().unwrap()], "a.txt")
}

#[test]
fn french_wording_of_every_action() {
    let text = wordings(
        "motions/forest.toml",
        r#"
[[amendments]]
id = "A1"
target = "garants"
action = "replace"
find = "se portent garants"
text = "répondent"

[[amendments]]
id = "A2"
target = "refuse"
action = "replace"
text = "toute atteinte au secret professionnel."

[[amendments]]
id = "A3"
target = "denonce"
action = "replace"
verb = "condamne"

[[amendments]]
id = "A4"
target = "revaloriser"
action = "delete"

[[amendments]]
id = "A5"
target = "denonce"
action = "delete"
find = " inutile"

[[amendments]]
id = "A6"
target = "refuse"
action = "insert-after"
verb = "exige"
text = "le retrait du projet."
new_id = "retrait"

[[amendments]]
id = "A7"
target = "considerant-1"
action = "insert-before"
text = "Vu la loi organique du 8 juillet 1976 des centres publics d’action sociale"

[[amendments]]
id = "A8"
target = "considerant-1"
action = "replace"
find = "notre système démocratique"
text = "la démocratie"

[[amendments]]
id = "A9"
target = "title"
action = "replace"
find = "l’abolition"
text = "la levée"

[[amendments]]
id = "A10"
target = "retrait"
action = "replace"
find = "du projet"
text = "de l’avant-projet"

[[amendments]]
id = "A11"
target = "denonce"
action = "replace"
verb = "condamne"
find = "inutile"
text = "dangereux"
"#,
    );
    for wording in [
        "Au point 3, remplacer les mots « se portent garants » par les mots « répondent ».",
        "Remplacer le point 2 par le texte suivant : « refuse toute atteinte au secret professionnel. ».",
        "Au point 1, remplacer le mot « dénonce » par le mot « condamne ».",
        "Supprimer le point 4.",
        "Au point 1, supprimer les mots « inutile ».",
        "Après le point 2, insérer un point rédigé comme suit : « exige le retrait du projet. ».",
        "Avant le premier considérant, insérer un considérant rédigé comme suit : « Vu la loi organique du 8 juillet 1976 des centres publics d’action sociale ».",
        "Au premier considérant, remplacer les mots « notre système démocratique » par les mots « la démocratie ».",
        "Dans le titre, remplacer les mots « l’abolition » par les mots « la levée ».",
        "Au point inséré par l’amendement A6, remplacer les mots « du projet » par les mots « de l’avant-projet ».",
        "Au point 1, remplacer le mot « dénonce » par le mot « condamne » et les mots « inutile » par les mots « dangereux ».",
    ] {
        assert!(text.contains(wording), "« {wording} » in:\n{text}");
    }
    // Each amendment quotes its clause as it would read, the change marked.
    assert!(
        text.contains(
            "que les responsables du CPAS de Forest [-se portent garants-][+répondent+] du respect"
        ),
        "{text}"
    );
    assert!(text.contains("[+exige le retrait du projet.+]"), "{text}");
    assert!(text.contains("[-demande au gouvernement fédéral"), "{text}");
}

#[test]
fn dutch_wording_of_every_action() {
    let text = wordings(
        "examples/jette-ocmw.toml",
        r#"
[[amendments]]
id = "A1"
target = "veroordeelt"
action = "replace"
find = "nutteloze"
text = "gevaarlijke"

[[amendments]]
id = "A2"
target = "federaal"
action = "delete"

[[amendments]]
id = "A3"
target = "verzet"
action = "insert-after"
verb = "vraagt"
text = "dat de federale regering de OCMW’s raadpleegt."
new_id = "raadpleging"

[[amendments]]
id = "A4"
target = "considerant-2"
action = "replace"
find = "artikel 458"
text = "de artikelen 458 en 458bis"

[[amendments]]
id = "A5"
target = "verzet"
action = "replace"
text = "tegen elke aantasting van het beroepsgeheim."

[[amendments]]
id = "A6"
target = "garant"
action = "delete"
find = " volledige"

[[amendments]]
id = "A7"
target = "considerant-1"
action = "insert-before"
text = "Gelet op de Grondwet"
status = "adopte"

[amendments.vote]
for = 9
against = 2
"#,
    );
    for wording in [
        "In punt 1 de woorden “nutteloze” vervangen door de woorden “gevaarlijke”.",
        "Punt 4 schrappen.",
        "Na punt 2 een punt invoegen, luidend: “vraagt dat de federale regering de OCMW’s raadpleegt.”.",
        "In de tweede overweging de woorden “artikel 458” vervangen door de woorden “de artikelen 458 en 458bis”.",
        "Punt 2 vervangen door de volgende tekst: “verzet zich tegen elke aantasting van het beroepsgeheim.”.",
        "In punt 3 de woorden “volledige” schrappen.",
        "Vóór de eerste overweging een overweging invoegen, luidend: “Gelet op de Grondwet”.",
        "Het amendement wordt met 9 stemmen voor en 2 stemmen tegen aangenomen.",
    ] {
        assert!(text.contains(wording), "« {wording} » in:\n{text}");
    }
    for french in ["Amendement A1 (page", "Remplacer", "Déposé", "adopté"] {
        assert!(!text.contains(french), "« {french} » in a Dutch list");
    }
}

/// Pages of a PDF as rows of text (words on one baseline), with the number the margin
/// gives each row, counted from the printed line numbers (5, 10 …) — read back with
/// pdftotext's boxes, independently of motion's layout.
fn numbered_rows(pdf: &Path) -> Option<Vec<(usize, usize, String)>> {
    let all = common::pdf_lines(pdf)?;
    let mut rows = Vec::new();
    let pages = all.iter().map(|l| l.0).max().unwrap_or(0);
    for p in 1..=pages {
        // (y, x, text) of each line.
        let lines: Vec<(f32, f32, String)> = all
            .iter()
            .filter(|l| l.0 == p)
            .map(|(_, y, x, t)| (*y, *x, t.clone()))
            .collect();
        // The text column's rows; the margin's numbers (left of it) as anchors.
        let mut column: Vec<(f32, String)> = Vec::new();
        for (y, x, text) in lines.iter().filter(|(_, x, _)| *x > 66.0) {
            let _ = x;
            match column.iter_mut().find(|(cy, _)| (cy - y).abs() < 2.0) {
                Some((_, t)) => {
                    t.push(' ');
                    t.push_str(text);
                }
                None => column.push((*y, text.clone())),
            }
        }
        column.sort_by(|a, b| a.0.total_cmp(&b.0));
        let anchors: Vec<(f32, usize)> = lines
            .iter()
            .filter(|(_, x, t)| *x < 66.0 && t.chars().all(|c| c.is_ascii_digit()) && !t.is_empty())
            .map(|(y, _, t)| (*y, t.parse().unwrap()))
            .collect();
        let Some(first) = anchors.first() else {
            continue;
        };
        let Some(at) = column.iter().position(|(y, _)| (y - first.0).abs() < 4.0) else {
            continue;
        };
        for (i, (_, text)) in column.iter().enumerate().skip(at) {
            rows.push((p, first.1 + i - at, text.clone()));
        }
    }
    Some(rows)
}

#[test]
fn the_list_cites_the_lines_the_projet_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(motion()
        .arg("render")
        .arg(repo("motions/forest.toml"))
        .args(["--format", "pdf", "-o"])
        .arg(dir.path()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let Some(rows) = numbered_rows(&dir.path().join("forest.pdf")) else {
        return;
    };
    let row_of = |words: &str| {
        rows.iter()
            .find(|(_, _, t)| t.contains(words))
            .map(|(p, n, _)| (*p, *n))
            .unwrap_or_else(|| panic!("« {words} » in {rows:#?}"))
    };
    let (page, first) = row_of("demande, en cas de vote de la loi");
    let (last_page, last) = row_of("l’administration et non des travailleurs");
    let expected = if page == last_page {
        format!("Amendement A1 (page {page}, lignes {first} à {last})")
    } else {
        format!("Amendement A1 (page {page}, ligne {first}, à page {last_page}, ligne {last})")
    };
    let list = render_text(&[repo(EXAMPLE).to_str().unwrap()], "forest.amendements.txt");
    assert!(list.contains(&expected), "« {expected} » in:\n{list}");
    let (page, line) = row_of("Vu la menace");
    assert!(
        list.contains(&format!("Amendement A4 (page {page}, ligne {line})")),
        "{list}"
    );
}

#[test]
fn the_consolidated_motion_applies_the_adopted_amendments_only() {
    let text = render_text(
        &[
            repo("motions/forest.toml").to_str().unwrap(),
            "--amendments",
            repo(EXAMPLE).to_str().unwrap(),
        ],
        "forest.amende.txt",
    );
    assert_in_order(
        &text,
        &[
            "Vu la menace que cette loi fait peser sur notre système démocratique,",
            "Considérant que l’article 458 du Code pénal permet déjà",
            "1. dénonce ce projet de loi inutile qui compromet fondamentalement",
            "2. refuse toute nouvelle atteinte",
            "3. demande que toute modification future du secret professionnel fasse l’objet",
            "4. demande, en cas de vote de la loi, que le Bureau permanent du CPAS de Forest se porte garant du respect",
            "5. demande au gouvernement fédéral de revaloriser",
        ],
    );
    // The title of A6 is pending; the redline marks nothing of the rejected A3.
    assert!(text.contains("Non à l’abolition du secret"), "{text}");
    assert!(!text.contains("[+") && !text.contains("[-"), "{text}");
}

#[test]
fn the_redline_pdf_shows_both_versions_and_the_amendment_in_the_margin() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(motion()
        .arg("render")
        .arg(repo("motions/forest.toml"))
        .arg("--amendments")
        .arg(repo(EXAMPLE))
        .args(["--redline", "--format", "pdf,txt", "-o"])
        .arg(dir.path()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let txt = normalize(&std::fs::read_to_string(dir.path().join("forest.redline.txt")).unwrap());
    // Marks side by side may be split by a line end: compare without it.
    let joined = txt.replace("-] [+", "-][+");
    assert!(
        joined.contains(
            "que [-les responsables-][+le Bureau permanent+] du CPAS de Forest se [-portent garants-][+porte garant+] du respect"
        ),
        "{txt}"
    );
    let Some(pdf) = common::pdf_text(&dir.path().join("forest.redline.pdf")) else {
        return;
    };
    assert!(pdf.contains("les responsables"), "{pdf}");
    assert!(pdf.contains("le Bureau permanent"), "{pdf}");
    for id in ["A1", "A2", "A4"] {
        assert!(pdf.contains(id), "{id} in the margin: {pdf}");
    }
    for id in ["A3", "A5", "A6"] {
        assert!(!pdf.contains(id), "{id} is not adopted: {pdf}");
    }
}

#[test]
fn the_redline_docx_accepts_into_the_consolidated_text() {
    let dir = tempfile::tempdir().unwrap();
    for extra in [&["--redline"][..], &[]] {
        let out = run(motion()
            .arg("render")
            .arg(repo("motions/forest.toml"))
            .arg("--amendments")
            .arg(repo(EXAMPLE))
            .args(extra)
            .args(["--format", "docx", "-o"])
            .arg(dir.path()));
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    let redline = dir.path().join("forest.redline.docx");
    let document = &docx_parts(&redline)["word/document.xml"];
    // Word-level changes, attributed to the group, dated by the file.
    assert!(
        document.contains("<w:del w:id=")
            && document.contains("w:author=\"Ecolo\" w:date=\"2017-01-24T00:00:00Z\""),
        "{document}"
    );
    assert!(
        document.contains(">les responsables</w:delText>"),
        "{document}"
    );
    // The inserted demand's paragraph mark is inserted with it.
    assert!(
        document.contains("<w:rPr><w:ins w:id=") && document.contains("w:author=\"PS\""),
        "{document}"
    );
    let Some(mut python) = common::uno_python() else {
        return;
    };
    let profile = tempfile::tempdir().unwrap();
    let out = python
        .arg(repo("tests/uno/accept_changes.py"))
        .arg(&redline)
        .arg(dir.path().join("forest.amende.docx"))
        .arg(profile.path().join("lo"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let authors: Vec<&str> = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c[1].as_str().unwrap())
        .collect();
    for author in ["Ecolo", "PS", "Olivier Leclercq"] {
        assert!(authors.contains(&author), "{author} in {authors:?}");
    }
    assert_eq!(
        report["accepted"], report["consolidated"],
        "« Accept all » gives the consolidated text, numbers included"
    );
}

#[test]
fn a_fork_of_the_motion_is_compared_clause_by_clause() {
    let out = run(motion()
        .arg("diff")
        .arg(repo("motions/forest.toml"))
        .arg(repo("examples/ixelles-fork.toml")));
    assert_eq!(out.code, 1, "{}", out.stderr);
    let report = out
        .stdout
        .replace(&format!("{}/", env!("CARGO_MANIFEST_DIR")), "");
    insta::assert_snapshot!("diff-forest-ixelles", report);
    // Equal specs: exit 0.
    let out = run(motion()
        .arg("diff")
        .arg(repo("motions/forest.toml"))
        .arg(repo("motions/forest.toml")));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.ends_with("no differences\n"), "{}", out.stdout);
}

#[test]
fn diff_reports_moves_considerants_and_the_title() {
    let dir = tempfile::tempdir().unwrap();
    // Copied elsewhere, the motion leaves its translation behind.
    let base = std::fs::read_to_string(repo("motions/forest.toml"))
        .unwrap()
        .replace("translation = \"../examples/forest.nl.toml\"\n", "");
    let old = write(dir.path(), "old.toml", &base);
    // The last demand first, a considérant added, a word of the title changed.
    let moved = base
        .replace(
            "title = \"Non à l’abolition",
            "title = \"Non à la levée",
        )
        .replace(
            "  \"Vu la menace que cette loi fait peser sur notre système démocratique\",\n",
            "  \"Vu la menace que cette loi fait peser sur notre système démocratique\",\n  \"Vu l’article 458 du Code pénal\",\n",
        );
    let (head, tail) = moved.split_at(moved.find("[[demands]]\nid = \"revaloriser\"").unwrap());
    let (last, signatures) = tail.split_at(tail.find("[[signatures]]").unwrap());
    let first = head.find("[[demands]]").unwrap();
    let new_text = format!("{}{last}{}{signatures}", &head[..first], &head[first..]);
    let new = write(dir.path(), "new.toml", &new_text);
    let out = run(motion().arg("diff").arg(&old).arg(&new));
    assert_eq!(out.code, 1, "{}", out.stderr);
    for line in [
        "~ title: changed",
        "Non à [-l’abolition-]{+la levée+} du secret",
        "+ considerant-2: added",
        "> demand revaloriser: moved from 4 to 1",
    ] {
        assert!(out.stdout.contains(line), "« {line} » in:\n{}", out.stdout);
    }
    // -o writes NEW as a redline of OLD.
    let out = run(motion()
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .arg("-o")
        .arg(dir.path().join("out"))
        .args(["--format", "txt,docx"]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    let txt = normalize(&std::fs::read_to_string(dir.path().join("out/new.redline.txt")).unwrap());
    assert!(txt.contains("[+Vu l’article 458 du Code pénal,+]"), "{txt}");
    assert!(dir.path().join("out/new.redline.docx").is_file());
}

#[test]
fn diff_of_a_missing_or_broken_spec_says_so() {
    let out = run(motion()
        .arg("diff")
        .arg(repo("motions/forest.toml"))
        .arg("nowhere.toml"));
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("cannot read `nowhere.toml`: no such file"),
        "{}",
        out.stderr
    );
    let dir = tempfile::tempdir().unwrap();
    let broken = write(dir.path(), "b.toml", "title = 3\n");
    let out = run(motion()
        .arg("diff")
        .arg(repo("motions/forest.toml"))
        .arg(&broken));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
}

#[test]
fn amendments_are_refused_where_they_do_not_apply() {
    // Another motion than the file's.
    let out = run(motion()
        .arg("render")
        .arg(repo("examples/jette-ocmw.toml"))
        .arg("--amendments")
        .arg(repo(EXAMPLE)));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("amends `"), "{}", out.stderr);
    // --redline without amendments, the list without them.
    for args in [&["--redline"][..], &["--variant", "amendements"]] {
        let out = run(motion()
            .arg("render")
            .arg(repo("motions/forest.toml"))
            .args(args));
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(
            out.stderr.contains("needs the amendments"),
            "{}",
            out.stderr
        );
    }
}
