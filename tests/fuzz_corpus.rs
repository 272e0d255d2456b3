//! The committed fuzz corpus (seeds and every crash found, minimised) replays through the fuzz
//! targets' own code: none may panic.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        run(&data);
        count += 1;
    }
    assert!(count > 0, "{} is empty", dir.display());
}

#[test]
fn spec_loader_corpus() {
    replay("spec_loader", motion::fuzzing::spec_loader);
}

#[test]
fn markup_corpus() {
    replay("markup", motion::fuzzing::markup);
}

#[test]
fn render_corpus() {
    replay("render", motion::fuzzing::render);
}

#[test]
fn theme_corpus() {
    replay("theme", motion::fuzzing::theme);
}
