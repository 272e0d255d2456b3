//! Every kind of bad input: a clear message (with its place when there is one), a non-zero
//! exit, no panic, no partial output, and the previous output left intact. One test per row
//! of the README's table.

mod common;

use std::path::{Path, PathBuf};

use common::{motion, repo, run};

/// Renders `spec` into a folder that already holds a previous render of it, and checks the
/// refusal left that previous render untouched and no temporary file behind.
fn refused(spec: &Path, code: i32, message: &str) -> String {
    let out_dir = tempfile::tempdir().unwrap();
    let stem = spec.file_stem().unwrap().to_string_lossy().into_owned();
    let previous = [
        out_dir.path().join(format!("{stem}.pdf")),
        out_dir.path().join(format!("{stem}.docx")),
    ];
    for p in &previous {
        std::fs::write(p, b"previous render").unwrap();
    }
    let out = run(motion()
        .arg("render")
        .arg(spec)
        .arg("-o")
        .arg(out_dir.path()));
    assert_eq!(out.code, code, "{}", out.stderr);
    assert!(
        out.stderr.contains(message),
        "expected « {message} » in:\n{}",
        out.stderr
    );
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    for p in &previous {
        assert_eq!(
            std::fs::read(p).unwrap(),
            b"previous render",
            "{} was touched",
            p.display()
        );
    }
    let names: Vec<String> = std::fs::read_dir(out_dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "nothing else written: {names:?}");
    out.stderr
}

fn data(name: &str) -> PathBuf {
    repo(&format!("tests/data/check/{name}"))
}

#[test]
fn toml_syntax_error() {
    let stderr = refused(
        &data("syntax-error.toml"),
        1,
        "error: TOML syntax error: invalid basic string",
    );
    assert!(stderr.contains("syntax-error.toml:12:21"), "{stderr}");
}

#[test]
fn unknown_key() {
    let stderr = refused(&data("unknown-key.toml"), 1, "unknown key `considerant`");
    assert!(stderr.contains("did you mean `considerants`?"));
}

#[test]
fn wrong_type() {
    refused(
        &data("vote-wrong-type.toml"),
        1,
        "`present` expects a whole number (0 or more), found string \"13\"",
    );
}

#[test]
fn invalid_utf8() {
    let stderr = refused(&data("latin1.toml"), 1, "is not valid UTF-8");
    assert!(stderr.contains("latin1.toml:10:30"));
}

#[test]
fn empty_file() {
    refused(&data("empty.toml"), 1, "is empty");
}

#[test]
fn huge_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.toml");
    std::fs::write(&path, "# x\n".repeat(3 * 1024 * 1024)).unwrap();
    refused(&path, 1, "more than the 8388608 bytes a spec may have");
}

#[test]
fn missing_extends() {
    refused(
        &data("extends-missing.toml"),
        1,
        "cannot find the spec `absent.toml` named by `extends`",
    );
}

#[test]
fn cyclic_extends() {
    refused(&data("extends-cycle-a.toml"), 1, "`extends` forms a cycle");
}

#[test]
fn missing_logo() {
    refused(
        &data("missing-logo.toml"),
        1,
        "cannot find the logo `logo-absent.png`",
    );
}

#[test]
fn unknown_variable() {
    refused(
        &data("unknown-variable.toml"),
        1,
        "unknown variable `council.shrt` in spec text",
    );
}

#[test]
fn a_missing_spec_file_is_an_io_error() {
    refused(&data("no-such-spec.toml"), 3, "cannot read");
}

#[test]
fn broken_forked_template() {
    let (dir, tpl) = common::fork_template();
    let doc = tpl.join("document.xml.j2");
    let text = std::fs::read_to_string(&doc)
        .unwrap()
        .replace("{% endfor %}", "{% endfr %}");
    std::fs::write(&doc, text).unwrap();
    let spec = dir.path().join("m.toml");
    std::fs::write(
        &spec,
        format!(
            "extends = {:?}\ntemplate = \"tpl\"\n",
            repo("motions/forest.toml")
        ),
    )
    .unwrap();
    let stderr = refused(&spec, 1, "template error in `");
    assert!(stderr.contains("tpl/document.xml.j2:"), "{stderr}");
}

#[test]
fn output_folder_that_cannot_be_created() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    let out = run(motion()
        .arg("render")
        .arg(repo("motions/forest.toml"))
        .arg("-o")
        .arg(file.join("out")));
    assert_eq!(out.code, 3);
    assert!(
        out.stderr.contains("error: cannot create `"),
        "{}",
        out.stderr
    );
}

#[cfg(unix)]
#[test]
fn output_folder_not_writable() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root writes anywhere: then there is nothing to test.
    if std::fs::write(dir.path().join("probe"), "x").is_ok() {
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        return;
    }
    let out = run(motion()
        .arg("render")
        .arg(repo("motions/forest.toml"))
        .arg("-o")
        .arg(dir.path()));
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.code, 3);
    assert!(out.stderr.contains("permission denied"), "{}", out.stderr);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn output_file_that_is_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("forest.docx")).unwrap();
    let out = run(motion()
        .arg("render")
        .arg(repo("motions/forest.toml"))
        .arg("-o")
        .arg(dir.path()));
    assert_eq!(out.code, 3);
    assert!(
        out.stderr
            .contains("forest.docx`: a directory has that name"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("nothing was written"));
    assert!(
        !dir.path().join("forest.pdf").exists(),
        "the PDF is not written without its DOCX"
    );
    assert!(dir.path().join("forest.docx").is_dir());
}

/// A file open in a viewer is replaced atomically: the viewer keeps reading the old version.
#[test]
fn output_file_open_elsewhere() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("forest.pdf");
    std::fs::write(&pdf, b"old version").unwrap();
    let mut held = std::fs::File::open(&pdf).unwrap();
    let out = run(motion()
        .arg("render")
        .arg(repo("motions/forest.toml"))
        .arg("-o")
        .arg(dir.path()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut old = String::new();
    held.read_to_string(&mut old).unwrap();
    assert_eq!(old, "old version");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn a_batch_goes_on_after_a_failing_spec() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(motion()
        .args(["render", "--format", "pdf", "-o"])
        .arg(dir.path())
        .arg(repo("motions/forest.toml"))
        .arg(data("unknown-key.toml"))
        .arg(repo("examples/jette-ocmw.toml")));
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("unknown key `considerant`"));
    assert!(
        out.stderr
            .ends_with("error: 1 of 3 specs could not be rendered; 2 rendered\n"),
        "{}",
        out.stderr
    );
    assert!(dir.path().join("forest.pdf").is_file() && dir.path().join("jette-ocmw.pdf").is_file());
}

/// The same bytes on one core or many, and from any working directory.
#[test]
fn batches_are_deterministic_across_jobs_and_folders() {
    let specs = [
        "motions/forest.toml",
        "examples/jette-ocmw.toml",
        "examples/saint-gilles-adopted.toml",
        "examples/ixelles-fork.toml",
    ];
    let render = |jobs: &str, cwd: &Path, paths: Vec<PathBuf>| {
        let dir = tempfile::tempdir().unwrap();
        let out = run(motion()
            .current_dir(cwd)
            .args(["render", "-j", jobs, "-o"])
            .arg(dir.path())
            .args(&paths));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    };
    let root = repo("");
    let relative: Vec<PathBuf> = specs.iter().map(PathBuf::from).collect();
    let absolute: Vec<PathBuf> = specs.iter().map(|s| repo(s)).collect();
    let one = render("1", &root, relative.clone());
    assert_eq!(one.len(), 8);
    assert_eq!(one, render("4", &root, relative));
    assert_eq!(one, render("2", &repo("tests/data"), absolute));
}

#[test]
fn batches_are_quiet_in_pipes() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(motion()
        .args(["render", "-o"])
        .arg(dir.path())
        .arg(repo("motions/forest.toml"))
        .arg(repo("examples/jette-ocmw.toml")));
    assert_eq!(out.code, 0);
    assert_eq!(out.stderr, "", "no progress bar in a pipe");
    assert_eq!(out.stdout, "rendered 2 specs (4 files)\n");
}

/// Outputs are ordinary files (not the private mode of temporary files), and keep the mode of
/// the file they replace.
#[cfg(unix)]
#[test]
fn outputs_have_ordinary_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("forest.docx");
    std::fs::write(&docx, "old").unwrap();
    std::fs::set_permissions(&docx, std::fs::Permissions::from_mode(0o664)).unwrap();
    let out = run(motion()
        .arg("render")
        .arg(repo("motions/forest.toml"))
        .arg("-o")
        .arg(dir.path()));
    assert_eq!(out.code, 0);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&docx), 0o664);
    assert_eq!(
        mode(&dir.path().join("forest.pdf")) & 0o044,
        0o044,
        "readable by group and others"
    );
}

/// Two specs with the same name in one batch would write the same files: the second is
/// refused instead of overwriting the first at random.
#[test]
fn a_batch_refuses_two_specs_writing_the_same_files() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a", "b"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        std::fs::copy(
            repo("examples/jette-ocmw.toml"),
            dir.path().join(sub).join("m.toml"),
        )
        .unwrap();
    }
    let out = run(motion().current_dir(dir.path()).args([
        "render", "a/m.toml", "b/m.toml", "--format", "txt", "-o", "out",
    ]));
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("error: `b/m.toml` would write the same files as `a/m.toml`"),
        "{}",
        out.stderr
    );
    assert!(dir.path().join("out/m.txt").is_file());
}
