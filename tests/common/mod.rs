//! Helpers shared by the CLI tests: run the real binary from `tests/`.
#![allow(dead_code)]

use std::process::Command;

/// The `motion` binary, run from the `tests/` folder so paths in messages are short.
pub fn motion() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_motion"));
    cmd.current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests"));
    cmd.env_remove("NO_COLOR");
    cmd.env("SOURCE_DATE_EPOCH", "1485216000");
    cmd
}

/// What a run printed and how it exited.
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("run motion");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// An external validator, or `None` with a loud message when it is not installed.
/// Under `MOTION_REQUIRE_VALIDATORS=1` (CI) a missing validator fails the test.
pub fn validator(program: &str) -> Option<Command> {
    let found = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()));
    if found {
        return Some(Command::new(program));
    }
    if std::env::var("MOTION_REQUIRE_VALIDATORS").as_deref() == Ok("1") {
        panic!("`{program}` is required (MOTION_REQUIRE_VALIDATORS=1) but is not installed");
    }
    use std::io::Write;
    // Written past the test harness's capture, so the skip is seen.
    let _ = writeln!(
        std::io::stderr(),
        "\n*** SKIPPED: `{program}` is not installed; install qpdf, poppler-utils and \
         libreoffice-writer to run this check (CI sets MOTION_REQUIRE_VALIDATORS=1) ***\n"
    );
    record_skip(program);
    None
}

/// The log of this `cargo test` run's skipped checks: one per run, named after the cargo
/// process that runs every test binary (`tests/zz_skipped.rs` reads it last).
pub fn skip_log() -> std::path::PathBuf {
    #[cfg(unix)]
    let run = std::os::unix::process::parent_id();
    #[cfg(not(unix))]
    let run = 0;
    std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("skipped-checks-{run}.log"))
}

fn record_skip(program: &str) {
    use std::io::Write;
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    let binary = std::env::current_exe()
        .ok()
        .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .map(|s| {
            s.rsplit_once('-')
                .map_or(s.clone(), |(name, _)| name.to_string())
        })
        .unwrap_or_default();
    if let Ok(mut log) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(skip_log())
    {
        let _ = writeln!(log, "{program}\t{binary}::{test}");
    }
}

/// Text of a PDF by pdftotext, with no-break spaces as spaces and whitespace collapsed.
pub fn pdf_text(pdf: &std::path::Path) -> Option<String> {
    let out = validator("pdftotext")?
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    Some(normalize(&String::from_utf8_lossy(&out.stdout)))
}

/// No-break spaces become spaces, runs of whitespace one space.
pub fn normalize(text: &str) -> String {
    text.replace(['\u{a0}', '\u{202f}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Asserts that the parts occur in `text` in this order.
pub fn assert_in_order(text: &str, parts: &[&str]) {
    let mut at = 0;
    for part in parts {
        match text[at..].find(part) {
            Some(i) => at += i + part.len(),
            None => panic!("« {part} » not found (in order) in:\n{text}"),
        }
    }
}

/// The repository's own path of a file.
pub fn repo(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The parts of a DOCX package, by name.
pub fn docx_parts(path: &std::path::Path) -> std::collections::BTreeMap<String, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).expect("open docx");
    let mut archive = zip::ZipArchive::new(file).expect("a zip archive");
    let mut parts = std::collections::BTreeMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        let name = entry.name().expect("a UTF-8 entry name").to_string();
        parts.insert(name, String::from_utf8_lossy(&bytes).into_owned());
    }
    parts
}

/// The parts of a DOCX package as bytes, by name.
pub fn docx_binary_parts(path: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path).expect("open docx");
    let mut archive = zip::ZipArchive::new(file).expect("a zip archive");
    let mut parts = std::collections::BTreeMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        parts.insert(entry.name().expect("a UTF-8 entry name").to_string(), bytes);
    }
    parts
}

/// LibreOffice headless converting to PDF with its own profile (so tests may run in
/// parallel), on a machine that has never seen the template's fonts: a private font
/// configuration that lists one sans-serif face and nothing else, no serif at all.
pub fn soffice_to_pdf_without_fonts(
    inputs: &[std::path::PathBuf],
    outdir: &std::path::Path,
) -> Option<()> {
    let mut cmd = validator("soffice")?;
    let fonts = outdir.join("fonts");
    std::fs::create_dir_all(&fonts).unwrap();
    // One sans face the system has (LibreOffice needs some font to start).
    let sans = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"]
        .iter()
        .map(std::path::PathBuf::from)
        .find(|p| p.is_file())
        .or_else(|| find_font(std::path::Path::new("/usr/share/fonts"), "Sans"));
    if let Some(sans) = sans {
        std::fs::copy(&sans, fonts.join(sans.file_name().unwrap())).unwrap();
    }
    let conf = outdir.join("fonts.conf");
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n\
             <dir>{}</dir>\n<cachedir>{}</cachedir>\n</fontconfig>\n",
            fonts.display(),
            outdir.join("fontcache").display()
        ),
    )
    .unwrap();
    let status = cmd
        .env("FONTCONFIG_FILE", &conf)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            outdir.join("profile").display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(outdir)
        .args(inputs)
        .output()
        .expect("run soffice");
    assert!(
        status.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    Some(())
}

/// A TrueType font file under `dir` whose name holds `part` but not « Serif ».
fn find_font(dir: &std::path::Path, part: &str) -> Option<std::path::PathBuf> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            if let Some(found) = find_font(&path, part) {
                return Some(found);
            }
        } else {
            let name = path.file_name()?.to_string_lossy().into_owned();
            if name.ends_with(".ttf") && name.contains(part) && !name.contains("Serif") {
                return Some(path);
            }
        }
    }
    None
}

/// Renders `spec` into a new temporary folder; returns the folder and what the run printed.
pub fn render_into(spec: &std::path::Path, extra: &[&str]) -> (tempfile::TempDir, Output) {
    let dir = tempfile::tempdir().unwrap();
    let out = run(motion()
        .arg("render")
        .arg(spec)
        .arg("-o")
        .arg(dir.path())
        .args(extra));
    (dir, out)
}

/// Renders `spec` successfully and returns the folder and the path of its `.ext` output.
pub fn rendered(
    spec: &std::path::Path,
    ext: &str,
    extra: &[&str],
) -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, out) = render_into(spec, extra);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let path = output(&dir, spec, ext);
    assert!(path.is_file(), "{} not written", path.display());
    (dir, path)
}

/// Where a render into `dir` writes the `.ext` output of `spec`.
pub fn output(dir: &tempfile::TempDir, spec: &std::path::Path, ext: &str) -> std::path::PathBuf {
    dir.path().join(format!(
        "{}.{ext}",
        spec.file_stem().unwrap().to_string_lossy()
    ))
}

/// A fork of the default template in a new temporary folder, at `<folder>/tpl`.
pub fn fork_template() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let tpl = dir.path().join("tpl");
    let out = run(motion().args(["template", "fork"]).arg(&tpl));
    assert_eq!(out.code, 0, "{}", out.stderr);
    (dir, tpl)
}

/// The system Python with LibreOffice's UNO bridge (Debian's python3-uno), or `None` with a
/// loud message; required under `MOTION_REQUIRE_VALIDATORS=1`.
pub fn uno_python() -> Option<Command> {
    validator("soffice")?;
    let works = Command::new("/usr/bin/python3")
        .args(["-c", "import uno"])
        .output()
        .is_ok_and(|o| o.status.success());
    if works {
        return Some(Command::new("/usr/bin/python3"));
    }
    if std::env::var("MOTION_REQUIRE_VALIDATORS").as_deref() == Ok("1") {
        panic!("python3-uno is required (MOTION_REQUIRE_VALIDATORS=1) but `import uno` fails");
    }
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "\n*** SKIPPED: python3-uno is not installed; install it to run the editing checks ***\n"
    );
    record_skip("python3-uno");
    None
}

/// Whether a `.toml` file is a session file (it lists `motions`): the tests that go over
/// every shipped motion leave those to `tests/session.rs`.
pub fn is_session_file(path: &std::path::Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|text| text.lines().any(|l| l.starts_with("motions =")))
}

/// Whether a `.toml` file is an amendment file (it names its `motion`), not a spec: the
/// tests that go over every shipped motion leave those to `tests/amendments.rs`.
pub fn is_amendment_file(path: &std::path::Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|text| {
        text.lines()
            .any(|l| l.starts_with("motion =") || l.starts_with("[[amendments]]"))
    })
}

/// Every line of a PDF as pdftotext's boxes read it: (page from 1, top, left, words), or
/// `None` (with a loud message) without pdftotext.
pub fn pdf_lines(pdf: &std::path::Path) -> Option<Vec<(usize, f32, f32, String)>> {
    let out = validator("pdftotext")?
        .arg("-bbox-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    let xml = String::from_utf8_lossy(&out.stdout).into_owned();
    let attr = |tag: &str, name: &str| -> f32 {
        let at = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[at..at + tag[at..].find('"').unwrap()].parse().unwrap()
    };
    let mut lines = Vec::new();
    for (p, page) in xml.split("<page ").skip(1).enumerate() {
        for line in page.split("<line ").skip(1) {
            let head = &line[..line.find('>').unwrap()];
            let words: Vec<&str> = line
                .split("<word ")
                .skip(1)
                .map(|w| &w[w.find('>').unwrap() + 1..w.find("</word>").unwrap()])
                .collect();
            lines.push((
                p + 1,
                attr(head, "yMin"),
                attr(head, "xMin"),
                words.join(" "),
            ));
        }
    }
    Some(lines)
}
