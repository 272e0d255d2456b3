//! `motion watch`: renders, renders again on save, keeps the last good outputs when the spec
//! breaks, stops on Ctrl-C leaving no temporary file. Waits are bounded; nothing is timed.

mod common;

use std::io::Read;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Collects a child's stream as it comes.
fn collect(mut stream: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let text = Arc::new(Mutex::new(String::new()));
    let sink = text.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = stream.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    text
}

/// Waits (at most a minute) until `done` holds.
fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn watch_renders_again_on_save_and_keeps_the_last_good_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("forest.toml");
    let text = std::fs::read_to_string(common::repo("motions/forest.toml"))
        .unwrap()
        .replace("translation = \"../examples/forest.nl.toml\"", "");
    std::fs::write(&spec, &text).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_motion"))
        .current_dir(dir.path())
        .env("SOURCE_DATE_EPOCH", "1485216000")
        .args(["watch", "forest.toml", "--format", "pdf,txt"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = collect(child.stdout.take().unwrap());
    let stderr = collect(child.stderr.take().unwrap());
    let renders = || stdout.lock().unwrap().matches("rendered in ").count();
    let txt = dir.path().join("forest.txt");
    let pdf = dir.path().join("forest.pdf");

    wait_for("the first render", || renders() >= 1);
    assert!(pdf.is_file() && txt.is_file());
    assert!(
        std::fs::read_to_string(&txt)
            .unwrap()
            .contains("Non à l’abolition")
    );

    // A save: rendered again, with the new title.
    std::thread::sleep(Duration::from_millis(300));
    std::fs::write(
        &spec,
        text.replacen("title = \"Non à", "title = \"Oui à", 1),
    )
    .unwrap();
    wait_for("the second render", || renders() >= 2);
    assert!(
        std::fs::read_to_string(&txt)
            .unwrap()
            .contains("Oui à l’abolition")
    );
    let good = std::fs::read(&pdf).unwrap();
    // Reading files is not a change: no render until the next save.
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(renders(), 2, "{}", stdout.lock().unwrap());

    // A broken save: the diagnostic, and the last good outputs stay.
    std::fs::write(&spec, text.replacen("title = ", "titl = ", 1)).unwrap();
    wait_for("the diagnostic", || {
        stderr.lock().unwrap().contains("did you mean `title`?")
    });
    assert!(
        stderr
            .lock()
            .unwrap()
            .contains("the last good outputs are kept")
    );
    assert_eq!(std::fs::read(&pdf).unwrap(), good);
    assert!(
        std::fs::read_to_string(&txt)
            .unwrap()
            .contains("Oui à l’abolition")
    );

    // Fixed again: rendered.
    std::fs::write(&spec, &text).unwrap();
    wait_for("the render after the fix", || renders() >= 3);

    // Ctrl-C: stops, and leaves no temporary file.
    #[cfg(unix)]
    {
        let status = std::process::Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let start = Instant::now();
        let code = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status.code();
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "watch did not stop"
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        assert_eq!(code, Some(130));
    }
    #[cfg(not(unix))]
    {
        let _ = child.kill();
        let _ = child.wait();
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
