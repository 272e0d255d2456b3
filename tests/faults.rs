//! Hostile input and faults, second round (README, « Bad input »): an output never replaces
//! an input, nothing laid out is lost, themes without room are refused at their key, special
//! files never hang a render, limits are applied before reading, outputs are replaced as a
//! set, diagnostics never echo what is not a spec nor raw control characters, and one rule
//! refuses invisible and right-to-left characters everywhere.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::{motion, pdf_text, repo, run};

const MINIMAL: &str = "title = \"Motion\"\n\n[council]\nname = \"Conseil\"\n\n[[demands]]\nverb = \"demande\"\ntext = \"que.\"\n";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Files in a folder, temporary files included.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Runs a command that must finish within `limit` (a FIFO must not hang it).
fn run_within(cmd: &mut Command, limit: Duration) -> common::Output {
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("still running after {limit:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    common::Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn an_output_never_replaces_the_spec_it_renders() {
    let dir = tempfile::tempdir().unwrap();
    for (name, format) in [("motion.txt", "txt"), ("m.docx", "docx"), ("m.pdf", "pdf")] {
        let spec = write(dir.path(), name, MINIMAL);
        let out = run(motion().args(["render", "--format", format]).arg(&spec));
        assert_eq!(out.code, 1, "{name}: {}", out.stderr);
        assert!(
            out.stderr.contains("which this render reads"),
            "{name}: {}",
            out.stderr
        );
        assert_eq!(
            std::fs::read_to_string(&spec).unwrap(),
            MINIMAL,
            "{name} kept"
        );
    }
    // Nor a base it extends, nor its logo.
    let base = write(dir.path(), "base.txt", MINIMAL);
    let fork = write(dir.path(), "base.toml", "extends = \"base.txt\"\n");
    let out = run(motion().args(["render", "--format", "txt"]).arg(&fork));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&base).unwrap(), MINIMAL);
    let no_tmp = names(dir.path()).iter().all(|n| !n.ends_with(".tmp"));
    assert!(no_tmp, "{:?}", names(dir.path()));
}

#[test]
fn forty_signatures_are_all_on_the_pages() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(
        "title = \"Motion\"\nstatus = \"adopte\"\ndate = 2024-03-21\n\n[council]\nname = \"Conseil\"\n\n[[demands]]\nverb = \"demande\"\ntext = \"que.\"\n\n[vote]\nunanimous = true\n",
    );
    for i in 1..=40 {
        text.push_str(&format!(
            "\n[[signatures]]\nrole = \"Conseiller {i}\"\nname = \"Nom{i:02} Signataire\"\n"
        ));
    }
    let spec = write(dir.path(), "m.toml", &text);
    let out = run(motion()
        .args(["render", "--format", "pdf", "-o"])
        .arg(dir.path())
        .arg(&spec));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let Some(pdf) = pdf_text(&dir.path().join("m.pdf")) else {
        return;
    };
    for i in 1..=40 {
        assert!(
            pdf.contains(&format!("Nom{i:02} Signataire")),
            "signature {i} lost"
        );
    }
}

#[test]
fn a_theme_without_room_for_text_is_refused_at_its_key() {
    for (from, to, key) in [
        (
            "margin-left = \"25mm\"",
            "margin-left = \"200mm\"",
            "margin-left",
        ),
        (
            "margin-left = \"25mm\"",
            "margin-left = \"-5mm\"",
            "margin-left",
        ),
        ("width = \"210mm\"", "width = \"1mm\"", "width"),
        ("width = \"210mm\"", "width = \"100000mm\"", "width"),
        (
            "indent-left = \"10mm\"",
            "indent-left = \"500mm\"",
            "indent-left",
        ),
    ] {
        let (dir, tpl) = common::fork_template();
        let theme = tpl.join("theme.toml");
        let text = std::fs::read_to_string(&theme).unwrap();
        let line = text
            .lines()
            .position(|l| l.starts_with(from))
            .expect("the default theme has the key")
            + 1;
        std::fs::write(&theme, text.replacen(from, to, 1)).unwrap();
        let spec = write(dir.path(), "m.toml", MINIMAL);
        let out = run(motion().args(["render", "--template"]).arg(&tpl).arg(&spec));
        assert_eq!(out.code, 1, "{to}: {}", out.stderr);
        assert!(
            out.stderr.contains("invalid `theme.toml`")
                && out.stderr.contains(&format!("theme.toml:{line}:")),
            "{to} at line {line}: {}",
            out.stderr
        );
        assert!(out.stderr.contains(key), "{}", out.stderr);
        assert!(!dir.path().join("m.pdf").exists());
    }
}

/// A bad size in `[styles.body]` is reported there, not at the first style inheriting it.
#[test]
fn a_bad_inherited_size_is_reported_where_it_is_written() {
    let (dir, tpl) = common::fork_template();
    let theme = tpl.join("theme.toml");
    let text =
        std::fs::read_to_string(&theme)
            .unwrap()
            .replacen("font-size = 11.5", "font-size = 500", 1);
    std::fs::write(&theme, text).unwrap();
    let spec = write(dir.path(), "m.toml", MINIMAL);
    let out = run(motion().args(["render", "--template"]).arg(&tpl).arg(&spec));
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("`[styles.body]` font-size 500.0pt is outside 4–96pt"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("theme.toml:1:1"), "{}", out.stderr);
}

#[cfg(unix)]
fn mkfifo(path: &Path) -> bool {
    Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

#[cfg(unix)]
#[test]
fn a_named_pipe_never_hangs_a_render() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("spec.toml");
    if !mkfifo(&fifo) {
        return;
    }
    let out = run_within(motion().args(["check"]).arg(&fifo), Duration::from_secs(20));
    assert_eq!(out.code, 3);
    assert!(
        out.stderr.contains("it is a named pipe (FIFO), not a file"),
        "{}",
        out.stderr
    );
    // A fork's font, labels file or template include.
    for (file, edit) in [
        ("fonts/LibertinusSerif-Bold.ttf", None),
        ("labels/fr.toml", None),
        (
            "part.j2",
            Some(("<body>", "<body>{% include \"part.j2\" %}")),
        ),
    ] {
        let (tdir, tpl) = common::fork_template();
        let target = tpl.join(file);
        let _ = std::fs::remove_file(&target);
        assert!(mkfifo(&target), "mkfifo {file}");
        if let Some((from, to)) = edit {
            let doc = tpl.join("document.xml.j2");
            let text = std::fs::read_to_string(&doc).unwrap().replacen(from, to, 1);
            std::fs::write(&doc, text).unwrap();
        }
        let spec = write(tdir.path(), "m.toml", MINIMAL);
        let out = run_within(
            motion().args(["render", "--template"]).arg(&tpl).arg(&spec),
            Duration::from_secs(20),
        );
        assert_ne!(out.code, 0, "{file}");
        assert!(out.stderr.contains("named pipe"), "{file}: {}", out.stderr);
    }
}

#[test]
fn devices_and_folders_are_named_for_what_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(motion().args(["check"]).arg(dir.path()));
    assert_eq!(out.code, 3);
    assert!(
        out.stderr.contains("it is a folder, not a file"),
        "{}",
        out.stderr
    );
    if Path::new("/dev/null").exists() {
        let out = run(motion().args(["check", "/dev/null"]));
        assert_eq!(out.code, 3);
        assert!(
            out.stderr.contains("it is a device, not a file"),
            "{}",
            out.stderr
        );
        let spec = write(dir.path(), "m.toml", "extends = \"/dev/null\"\n");
        let out = run(motion().args(["check"]).arg(&spec));
        assert_eq!(out.code, 1);
        assert!(
            out.stderr.contains("it is a device, not a file"),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn too_many_jobs_are_capped() {
    let dir = tempfile::tempdir().unwrap();
    let specs: Vec<PathBuf> = (0..30)
        .map(|i| write(dir.path(), &format!("m{i}.toml"), MINIMAL))
        .collect();
    let out = run(motion()
        .args(["render", "--format", "txt", "-j", "10000", "-o"])
        .arg(dir.path().join("out"))
        .args(&specs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("rendered 30 specs"), "{}", out.stdout);
}

#[test]
fn stale_temporary_files_are_removed_on_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    // Left by a process that was killed (no process has this id) and by an older motion.
    let killed = write(dir.path(), ".motion-4000000000-abc.tmp", "half a PDF");
    let spec = write(dir.path(), "m.toml", MINIMAL);
    let out = run(motion().args(["render"]).arg(&spec));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!killed.exists(), "{:?}", names(dir.path()));
    assert!(names(dir.path()).iter().all(|n| !n.ends_with(".tmp")));
}

/// SIGTERM while rendering a large motion: whenever it lands, no temporary file survives.
#[cfg(unix)]
#[test]
fn a_terminated_render_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let paragraph =
        "Le conseil constate une dégradation continue des conditions de vie. ".repeat(40);
    let preamble = format!("{paragraph}\n\n").repeat(150);
    let spec = write(
        dir.path(),
        "m.toml",
        &format!(
            "title = \"Motion\"\npreamble = \"\"\"\n{preamble}\"\"\"\n\n[council]\nname = \"Conseil\"\n\n[[demands]]\nverb = \"demande\"\ntext = \"que.\"\n"
        ),
    );
    for delay in [50, 150, 400, 800] {
        let child = motion()
            .args(["render"])
            .arg(&spec)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
        let _ = child.wait_with_output();
        let left: Vec<String> = names(dir.path())
            .into_iter()
            .filter(|n| n.starts_with(".motion-") && n.ends_with(".tmp"))
            .collect();
        assert!(left.is_empty(), "after {delay} ms: {left:?}");
    }
}

#[test]
fn huge_images_are_refused_before_they_are_read() {
    let dir = tempfile::tempdir().unwrap();
    // A PNG header claiming 20 000 × 20 000 pixels (3.1 GB decoded).
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend_from_slice(&20_000u32.to_be_bytes());
    png.extend_from_slice(&20_000u32.to_be_bytes());
    png.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
    std::fs::write(dir.path().join("bomb.png"), &png).unwrap();
    // A 1 GB file (sparse: it costs nothing to make, and must cost nothing to refuse).
    let big = std::fs::File::create(dir.path().join("big.png")).unwrap();
    big.set_len(1 << 30).unwrap();
    for (logo, message) in [
        (
            "bomb.png",
            "20000×20000 pixels, more than the 25 megapixels",
        ),
        ("big.png", "more than the 8388608 bytes allowed"),
    ] {
        let spec = write(
            dir.path(),
            "m.toml",
            &MINIMAL.replace(
                "name = \"Conseil\"",
                &format!("name = \"Conseil\"\nlogo = \"{logo}\""),
            ),
        );
        let start = Instant::now();
        let out = run(motion().args(["check"]).arg(&spec));
        assert_eq!(out.code, 1, "{logo}: {}", out.stderr);
        assert!(out.stderr.contains(message), "{logo}: {}", out.stderr);
        // Where the logo is named.
        assert!(out.stderr.contains("m.toml:5:"), "{}", out.stderr);
        assert!(start.elapsed() < Duration::from_secs(20));
    }
}

/// A 300 KB signature role and a 50 KB short name: laid out in linear time, and refused with
/// the reason when no page can hold them (never drawn into the body or off the page).
#[test]
fn enormous_names_are_refused_not_overflowing() {
    let dir = tempfile::tempdir().unwrap();
    let short = "Conseil ".repeat(6_000);
    let spec = write(
        dir.path(),
        "short.toml",
        &MINIMAL.replace(
            "name = \"Conseil\"",
            &format!("name = \"Conseil\"\nshort = \"{short}\""),
        ),
    );
    let out = run(motion().args(["render", "--format", "pdf"]).arg(&spec));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("more than the"), "{}", out.stderr);
    assert!(
        out.stderr.contains("short.toml:5:"),
        "points at `short`: {}",
        out.stderr
    );
    // The 50 KB line is quoted as an excerpt around the label, not whole.
    assert!(out.stderr.len() < 2_000, "{}", out.stderr.len());
    assert!(
        out.stderr.contains("short = \"Conseil Conseil"),
        "{}",
        out.stderr
    );
    let role = "Présidente ".repeat(27_000);
    let text = format!("{MINIMAL}\n[[signatures]]\nrole = \"{role}\"\nname = \"Nom\"\n").replace(
        "title = \"Motion\"",
        "title = \"Motion\"\nstatus = \"adopte\"\ndate = 2024-01-01",
    ) + "\n[vote]\nunanimous = true\n";
    let spec = write(dir.path(), "role.toml", &text);
    let out = run(motion().args(["render", "--format", "pdf"]).arg(&spec));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("tall, more than the"), "{}", out.stderr);
    assert!(!dir.path().join("role.pdf").exists());
}

/// Two processes rendering different specs to the same names: the PDF and the DOCX always
/// come from the same spec.
#[test]
fn outputs_are_replaced_as_a_set() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    let spec_a = write(&a, "m.toml", &MINIMAL.replace("Motion", "Motion Alpha"));
    let spec_b = write(&b, "m.toml", &MINIMAL.replace("Motion", "Motion Bravo"));
    let out_dir = dir.path().join("out");
    for round in 0..12 {
        let spawn = |spec: &Path| {
            motion()
                .args(["render", "--format", "pdf,docx", "-o"])
                .arg(&out_dir)
                .arg(spec)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap()
        };
        let first = spawn(&spec_a);
        let second = spawn(&spec_b);
        assert!(first.wait_with_output().unwrap().status.success());
        assert!(second.wait_with_output().unwrap().status.success());
        let pdf =
            String::from_utf8_lossy(&std::fs::read(out_dir.join("m.pdf")).unwrap()).into_owned();
        let docx = &common::docx_parts(&out_dir.join("m.docx"))["docProps/core.xml"];
        let pdf_alpha = pdf.contains("Alpha");
        let docx_alpha = docx.contains("Alpha");
        assert_eq!(
            pdf_alpha, docx_alpha,
            "round {round}: a PDF and a DOCX of different specs"
        );
    }
}

#[test]
fn a_file_that_is_not_a_spec_is_located_not_echoed() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "PASSWORD=hunter2 and more\n").unwrap();
    let spec = write(dir.path(), "m.toml", "extends = \"secret.txt\"\n");
    let out = run(motion().args(["check"]).arg(&spec));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(!out.stderr.contains("hunter2"), "{}", out.stderr);
    assert!(out.stderr.contains("secret.txt:1:"), "{}", out.stderr);
    if Path::new("/proc/self/environ").exists() {
        let spec = write(dir.path(), "p.toml", "extends = \"/proc/self/environ\"\n");
        let out = run(motion()
            .env("MOTION_TEST_SECRET", "do-not-print-me")
            .args(["check"])
            .arg(&spec));
        assert_ne!(out.code, 0);
        assert!(!out.stderr.contains("do-not-print-me"), "{}", out.stderr);
    }
}

#[test]
fn control_bytes_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let spec = write(
        dir.path(),
        "m.toml",
        "title = \"Motion \u{1b}[31mrouge\u{7}\"\nconsiderant = 1\n\n[council]\nname = \"Conseil\"\n\n[[demands]]\nverb = \"demande\"\ntext = \"que.\"\n",
    );
    let out = run(motion().args(["check"]).arg(&spec));
    assert_eq!(out.code, 1);
    assert!(
        !out.stderr.contains('\u{1b}') && !out.stderr.contains('\u{7}'),
        "{:?}",
        out.stderr
    );
}

#[test]
fn invisible_and_right_to_left_characters_are_refused_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    for (field, value, message) in [
        (
            "preamble",
            "Un texte \u{202e}inversé",
            "control character U+202E",
        ),
        (
            "preamble",
            "Un texte &#x202E;inversé",
            "control character U+202E",
        ),
        (
            "preamble",
            "Un texte &#x85; caché",
            "control character U+0085",
        ),
        ("title", "Motion &rlm;", "control character U+200F"),
        (
            "preamble",
            "שלום",
            "right-to-left text (Hebrew) is not supported",
        ),
    ] {
        let text = MINIMAL.replace(
            "title = \"Motion\"",
            &format!("title = \"Motion\"\n{field} = \"{value}\"").replacen(
                "title = \"Motion\"\ntitle",
                "title",
                1,
            ),
        );
        let spec = write(dir.path(), "m.toml", &text);
        let out = run(motion().args(["check"]).arg(&spec));
        assert_eq!(out.code, 1, "{value}: {}", out.stderr);
        assert!(out.stderr.contains(message), "{value}: {}", out.stderr);
    }
    // The same in a demand.
    let spec = write(
        dir.path(),
        "m.toml",
        &MINIMAL.replace("que.", "que &#x202E;ceci."),
    );
    let out = run(motion().args(["check"]).arg(&spec));
    assert!(
        out.stderr.contains("control character U+202E"),
        "{}",
        out.stderr
    );
}

#[test]
fn council_names_are_not_templates() {
    let dir = tempfile::tempdir().unwrap();
    let spec = write(
        dir.path(),
        "m.toml",
        &MINIMAL.replace(
            "name = \"Conseil\"",
            "name = \"Conseil\"\nshort = \"{{ council.name }}\"",
        ),
    );
    let out = run(motion().args(["check"]).arg(&spec));
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("`council.short` is the council's name as written, not a template"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_missing_template_folder_is_invalid_input_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let spec = write(dir.path(), "m.toml", MINIMAL);
    let out = run(motion()
        .args(["render", "--template", "/nonexistent/tpl"])
        .arg(&spec));
    assert_eq!(out.code, 1, "{}", out.stderr);
    let named = write(
        dir.path(),
        "n.toml",
        &format!("template = \"missing\"\n{MINIMAL}"),
    );
    let out = run(motion().args(["render"]).arg(&named));
    assert_eq!(out.code, 1, "{}", out.stderr);
}

#[test]
fn adapt_refuses_an_empty_council() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(motion()
        .args(["adapt", "--council", "", "-o"])
        .arg(dir.path().join("fork.toml"))
        .arg(repo("motions/forest.toml")));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("`--council` is empty"),
        "{}",
        out.stderr
    );
    assert!(!dir.path().join("fork.toml").exists());
}

#[cfg(unix)]
#[test]
fn fmt_keeps_a_symlinked_spec_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let real = write(
        dir.path(),
        "real.toml",
        &MINIMAL.replace("que.", "que , vite."),
    );
    let link = dir.path().join("link.toml");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let out = run(motion().args(["fmt"]).arg(&link));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&real)
            .unwrap()
            .contains("que, vite.")
    );
}

#[test]
fn repeated_page_breaks_make_no_empty_pages() {
    let (dir, tpl) = common::fork_template();
    let doc = tpl.join("document.xml.j2");
    let text = std::fs::read_to_string(&doc).unwrap().replacen(
        "<body>",
        "<body>{% for i in range(4000) %}<pagebreak/>{% endfor %}",
        1,
    );
    std::fs::write(&doc, text).unwrap();
    let spec = write(dir.path(), "m.toml", MINIMAL);
    let out = run(motion()
        .args(["render", "--format", "pdf,docx", "--template"])
        .arg(&tpl)
        .arg(&spec));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let pdf = std::fs::read(dir.path().join("m.pdf")).unwrap();
    let pages = String::from_utf8_lossy(&pdf)
        .matches("/Type /Page\n")
        .count()
        + String::from_utf8_lossy(&pdf)
            .matches("/Type /Page ")
            .count();
    assert!(pages <= 2, "{pages} pages");
    let document = &common::docx_parts(&dir.path().join("m.docx"))["word/document.xml"];
    assert!(document.matches("w:type=\"page\"").count() <= 1);
}

#[test]
fn deep_nesting_is_refused_not_overflowing_the_stack() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!("{}x{}", "*".repeat(100_000), "*".repeat(100_000));
    let spec = write(dir.path(), "m.toml", &MINIMAL.replace("que.", &deep));
    let out = run(motion().args(["render", "--format", "txt"]).arg(&spec));
    assert_eq!(out.code, 1, "{}", &out.stderr[..out.stderr.len().min(500)]);
    assert!(
        out.stderr.contains("nested more than"),
        "{}",
        &out.stderr[..300]
    );
    // And in a template's markup.
    let (tdir, tpl) = common::fork_template();
    let doc = tpl.join("document.xml.j2");
    let nested = format!(
        "<p>{}x{}</p>",
        "<em>".repeat(100_000),
        "</em>".repeat(100_000)
    );
    let text =
        std::fs::read_to_string(&doc)
            .unwrap()
            .replacen("<body>", &format!("<body>{nested}"), 1);
    std::fs::write(&doc, text).unwrap();
    let spec = write(tdir.path(), "m.toml", MINIMAL);
    let out = run(motion()
        .args(["render", "--format", "txt", "--template"])
        .arg(&tpl)
        .arg(&spec));
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("nested more than 64 levels"),
        "{}",
        &out.stderr[..out.stderr.len().min(300)]
    );
}
