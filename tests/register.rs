//! The register in the extrait: agenda item, public or closed sitting, attendance and roll
//! call, in the PDF, the DOCX and the text; merged through `extends`; moved by a fork of the
//! template. The check rules have their snapshots in `check.rs` (`data/check/register-*`).

mod common;

use std::path::{Path, PathBuf};

use common::{assert_in_order, motion, normalize, repo, run};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn text_of(spec: &Path, extra: &[&str]) -> String {
    let mut args = vec!["--format", "txt"];
    args.extend_from_slice(extra);
    let (dir, path) = common::rendered(spec, "txt", &args);
    let text = std::fs::read_to_string(path).unwrap();
    drop(dir);
    normalize(&text)
}

#[test]
fn the_pdf_extrait_prints_item_sitting_attendance_and_roll_call_in_french() {
    let (_dir, pdf) = common::rendered(&repo("examples/forest-register.toml"), "pdf", &[]);
    let Some(text) = common::pdf_text(&pdf) else {
        return;
    };
    assert_in_order(
        &text,
        &[
            "Séance publique du 24 janvier 2017",
            "Présents : Nadia El Amrani, Présidente ; Jean-Marc Delvaux, Sophie Lambert,",
            "Anne Meunier, Conseillers ; Bernard Collard, Secrétaire.",
            "Excusés : Hélène Wauters, Conseillère.",
            "Absents : Youssef Amrani, Conseiller.",
            "Objet n° 12",
            "Non à l’abolition",
            "Par 10 voix pour, 1 voix contre et 2 abstentions, la présente motion est adoptée.",
            "Ont voté pour : Nadia El Amrani,",
            "Anne Meunier ; a voté contre : Pierre Dumont ; se sont abstenus : Thomas Hermans, Olivier Leclercq.",
            "Fait à Forest",
        ],
    );
}

#[test]
fn the_pdf_extrait_prints_the_register_in_dutch() {
    let (_dir, pdf) = common::rendered(&repo("examples/jette-register.toml"), "pdf", &[]);
    let Some(text) = common::pdf_text(&pdf) else {
        return;
    };
    assert_in_order(
        &text,
        &[
            "Besloten zitting van 15 februari 2017",
            "Aanwezig: An Claes, voorzitter; Jan Wouters,",
            "Yasmina Haddad, raadsleden; Marc Peeters, algemeen directeur.",
            "Verontschuldigd: Peter Claessens, raadslid.",
            "Punt 7bis",
            "Met 9 stemmen voor, 1 stem tegen en 1 onthouding wordt deze motie aangenomen.",
            "Stemden voor: An Claes,",
            "stemde tegen: Bart Willems; onthield zich: Dirk Mertens.",
        ],
    );
    for french in ["Présents", "Objet", "voté", "Séance"] {
        assert!(!text.contains(french), "« {french} » in a Dutch extrait");
    }
}

#[test]
fn the_docx_carries_the_register_in_named_styles() {
    let (_dir, docx) = common::rendered(&repo("examples/forest-register.toml"), "docx", &[]);
    let parts = common::docx_parts(&docx);
    let document = &parts["word/document.xml"];
    let styles = &parts["word/styles.xml"];
    for (id, name) in [
        ("MotionAttendance", "Présences"),
        ("MotionAgendaItem", "Point de l’ordre du jour"),
        ("MotionRollCall", "Vote nominatif"),
    ] {
        assert!(
            styles.contains(&format!("w:styleId=\"{id}\"")),
            "style {id} in styles.xml"
        );
        assert!(
            styles.contains(&format!("<w:name w:val=\"{name}\"/>")),
            "{name}"
        );
        assert!(
            document.contains(&format!("<w:pStyle w:val=\"{id}\"/>")),
            "a paragraph in {id}"
        );
    }
    // The three presences are one paragraph, broken into lines a clerk can edit.
    let attendance = paragraph_with(document, "MotionAttendance");
    assert_eq!(attendance.matches("<w:br/>").count(), 2, "{attendance}");
    assert!(
        attendance.contains("Bernard Collard, Secrétaire."),
        "{attendance}"
    );
    let roll_call = paragraph_with(document, "MotionRollCall");
    assert!(roll_call.contains("Ont voté pour"), "{roll_call}");
}

/// The XML of the first paragraph in style `id`.
fn paragraph_with<'a>(document: &'a str, id: &str) -> &'a str {
    let at = document
        .find(&format!("<w:pStyle w:val=\"{id}\"/>"))
        .unwrap_or_else(|| panic!("no paragraph in {id}"));
    let start = document[..at]
        .rfind("<w:p>")
        .or_else(|| document[..at].rfind("<w:p "))
        .unwrap();
    let end = at + document[at..].find("</w:p>").unwrap();
    &document[start..end]
}

#[test]
fn the_projet_shows_none_of_the_register() {
    for spec in [
        "examples/forest-register.toml",
        "examples/jette-register.toml",
    ] {
        let text = text_of(&repo(spec), &["--variant", "projet"]);
        for register in [
            "Présents",
            "Excusés",
            "Objet n°",
            "voté",
            "Aanwezig",
            "Punt 7bis",
            "Stemden",
            "publique",
            "Besloten",
        ] {
            assert!(
                !text.contains(register),
                "{spec}: « {register} » in the projet"
            );
        }
    }
}

#[test]
fn a_closed_sitting_and_a_string_item_are_printed_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let base = repo("examples/saint-gilles-adopted.toml");
    let text = format!(
        "extends = {:?}\n\n[session]\nitem = \"12bis\"\npublic = false\n",
        base.display().to_string()
    );
    let spec = write(dir.path(), "m.toml", &text);
    let text = text_of(&spec, &[]);
    assert!(text.contains("Séance à huis clos du"), "{text}");
    assert!(text.contains("Objet n° 12bis"), "{text}");
    assert!(!text.contains("Présents"), "no attendance given: {text}");
}

const BASE: &str = r#"title = "Motion"
status = "adopte"
date = 2024-03-12

[council]
name = "Conseil communal de Testville"
place = "Testville"

[[demands]]
verb = "demande"
text = "que la motion soit lue."

[session]
item = 4

[[attendance]]
name = "Marie Martin"
role = "Bourgmestre"

[[attendance]]
name = "Jean Dupont"
role = "Échevin"

[[attendance]]
name = "Luc Roux"
role = "Conseiller"

[vote]
for = 2
against = 1

[vote.names]
for = ["Marie Martin", "Jean Dupont"]
against = ["Luc Roux"]
"#;

#[test]
fn the_register_merges_through_extends() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "base.toml", BASE);
    // The fork keeps the attendance, changes the item and one list of the roll call.
    let fork = write(
        dir.path(),
        "fork.toml",
        "extends = \"base.toml\"\n\n[session]\nitem = 5\n\n[vote]\nagainst = 0\nabstain = 1\n\n\
         [vote.names]\nagainst = []\nabstain = [\"Luc Roux\"]\n",
    );
    let text = text_of(&fork, &[]);
    assert!(text.contains("Objet n° 5"), "{text}");
    assert!(
        text.contains(
            "Présents : Marie Martin, Bourgmestre ; Jean Dupont, Échevin ; Luc Roux, Conseiller."
        ),
        "{text}"
    );
    assert!(
        text.contains("Ont voté pour : Marie Martin, Jean Dupont ; s’est abstenu : Luc Roux."),
        "{text}"
    );
    // Another council's fork: its members are not the base's.
    let other = write(
        dir.path(),
        "other.toml",
        "extends = \"base.toml\"\n\n[council]\nname = \"Conseil communal d’Ailleurs\"\n",
    );
    let text = text_of(&other, &[]);
    assert!(!text.contains("Présents"), "{text}");
    assert!(!text.contains("Objet n°"), "{text}");
    assert!(!text.contains("voté"), "{text}");
    // A fork replacing the attendance is checked against the base's roll call.
    let broken = write(
        dir.path(),
        "broken.toml",
        "extends = \"base.toml\"\n\n[[attendance]]\nname = \"Marie Martin\"\n\n\
         [[attendance]]\nname = \"Jean Dupont\"\npresence = \"excused\"\n",
    );
    let out = run(motion().arg("check").arg(&broken));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("`Jean Dupont` votes but is marked excused in the attendance"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("`Luc Roux` votes but is not in the attendance"),
        "{}",
        out.stderr
    );
}

#[test]
fn counts_and_present_can_be_left_to_the_lists() {
    let dir = tempfile::tempdir().unwrap();
    let spec = write(
        dir.path(),
        "m.toml",
        &BASE.replace("[vote]\nfor = 2\nagainst = 1\n", "[vote]\n"),
    );
    let out = run(motion()
        .args(["render", "--format", "json", "-o"])
        .arg(dir.path())
        .arg(&spec));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = text_of(&spec, &[]);
    assert!(
        text.contains("Par 2 voix pour et 1 voix contre, la présente motion est adoptée."),
        "{text}"
    );
    // More votes than members present is caught with counts taken from the attendance.
    let spec = write(
        dir.path(),
        "too-many.toml",
        &BASE.replace("[vote]\nfor = 2\n", "[vote]\nfor = 2\nabstain = 1\n"),
    );
    let out = run(motion().arg("check").arg(&spec));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("= 4 votes, more than the 3 members present"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_clerk_is_listed_last_and_does_not_count_as_present() {
    let dir = tempfile::tempdir().unwrap();
    let spec = write(
        dir.path(),
        "m.toml",
        &BASE
            .replace(
                "[[attendance]]\nname = \"Marie Martin\"",
                "[[attendance]]\nname = \"Anne Lambert\"\nrole = \"Directrice générale\"\n\n\
             [[attendance]]\nname = \"Marie Martin\"",
            )
            .replace("[vote]\n", "[vote]\npresent = 3\n"),
    );
    let text = text_of(&spec, &[]);
    assert!(
        text.contains("Luc Roux, Conseiller ; Anne Lambert, Directrice générale."),
        "{text}"
    );
    // A member who does not vote cannot appear in the roll call.
    let spec = write(
        dir.path(),
        "guest.toml",
        &BASE.replace(
            "role = \"Conseiller\"",
            "role = \"Conseiller\"\nvotes = false",
        ),
    );
    let out = run(motion().arg("check").arg(&spec));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("`Luc Roux` votes but has no vote in the attendance"),
        "{}",
        out.stderr
    );
}

/// A council that prints the attendance at the end of the extrait moves one block of
/// `document.xml.j2`.
#[test]
fn a_forked_template_moves_the_attendance_to_the_end() {
    let (_dir, tpl) = common::fork_template();
    let path = tpl.join("document.xml.j2");
    let template = std::fs::read_to_string(&path).unwrap();
    let start = template.find("{% if motion.attendance %}").unwrap();
    let end = start + template[start..].find("{% endif %}\n").unwrap() + "{% endif %}\n".len();
    let block = template[start..end].to_string();
    let moved = template.replacen(&block, "", 1).replacen(
        "  <p class=\"conforme\"",
        &format!("{block}  <p class=\"conforme\""),
        1,
    );
    std::fs::write(&path, moved).unwrap();
    let text = text_of(
        &repo("examples/forest-register.toml"),
        &["--template", tpl.to_str().unwrap()],
    );
    assert_in_order(
        &text,
        &[
            "Séance publique",
            "Non à l’abolition",
            "Ont voté pour",
            "Fait à Forest",
            "Présents :",
            "Pour extrait conforme",
        ],
    );
}

#[test]
fn motion_new_shows_the_register_keys_commented() {
    for lang in ["fr", "nl"] {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("m.toml");
        let out = run(motion().arg("new").arg(&file).args(["--lang", lang]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let text = std::fs::read_to_string(&file).unwrap();
        for key in [
            "# [session]",
            "# item = 12",
            "# [[attendance]]",
            "# presence = ",
            "# [vote.names]",
        ] {
            assert!(text.contains(key), "{lang}: {key}");
        }
        // Uncommented, adopted and with counts that agree, the keys are a valid spec.
        let uncommented: String = text
            .lines()
            .map(|l| {
                let keep = [
                    "# [session]",
                    "# item",
                    "# public",
                    "# [[attendance]]",
                    "# name",
                    "# role",
                    "# presence",
                ];
                if keep.iter().any(|k| l.starts_with(k)) {
                    format!("{}\n", &l[2..])
                } else {
                    format!("{l}\n")
                }
            })
            .collect::<String>()
            .replace(
                "status = \"projet\"",
                "status = \"adopte\"\ndate = 2026-01-27",
            )
            + "\n[vote]\nfor = 1\n";
        let spec = write(dir.path(), "adopted.toml", &uncommented);
        let out = run(motion()
            .args(["render", "--format", "txt", "-o"])
            .arg(dir.path())
            .arg(&spec));
        assert_eq!(out.code, 0, "{lang}: {}", out.stderr);
        let rendered = normalize(&std::fs::read_to_string(dir.path().join("adopted.txt")).unwrap());
        let heading = if lang == "fr" {
            "Présents :"
        } else {
            "Aanwezig:"
        };
        assert!(rendered.contains(heading), "{lang}: {rendered}");
    }
}
