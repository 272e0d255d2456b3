//! `motion watch`: render, then render again whenever a file the render read changes (the
//! spec, what it extends, its translation or amendments, its logo, its template folder).
//! The template cache stays warm between renders; a broken spec prints its diagnostics and
//! leaves the last good outputs in place (renders write atomically, all or nothing).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, new_debouncer};

use super::render::{self, Outcome};
use super::{Exit, print_error};
use crate::diagnostics;
use crate::source::display_name;

/// Saves arrive as several events (write, rename, chmod): one render per burst.
const DEBOUNCE: Duration = Duration::from_millis(120);

pub fn run(args: render::Args) -> Exit {
    diagnostics::set_format(args.message_format);
    let job = match render::job(&args) {
        Ok(job) => job,
        Err(exit) => return exit,
    };
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = match new_debouncer(DEBOUNCE, tx) {
        Ok(d) => d,
        Err(e) => {
            print_error(&format!("cannot watch files: {e}"));
            return Exit::Io;
        }
    };
    // Every file any render has read, canonical, with its modification time and size when
    // last rendered; the folders holding them are watched.
    let mut inputs: BTreeMap<PathBuf, Option<Stamp>> = BTreeMap::new();
    let mut watched: BTreeSet<PathBuf> = BTreeSet::new();
    loop {
        // What the files were before this render: a save made while it runs is a change.
        for (path, seen) in inputs.iter_mut() {
            *seen = stamp(path);
        }
        let started = Instant::now();
        let outcomes = render::render_all(&job);
        print_round(&outcomes, started.elapsed());
        let mut wanted: Vec<PathBuf> = args.specs.clone();
        wanted.extend(outcomes.iter().flat_map(|o| o.inputs.iter().cloned()));
        for path in wanted {
            let real = std::fs::canonicalize(&path).unwrap_or(path);
            let dir = real.parent().map(Path::to_path_buf).unwrap_or_default();
            if watched.insert(dir.clone()) {
                let _ = debouncer.watcher().watch(&dir, RecursiveMode::NonRecursive);
            }
            // A file first read by this render: as it is now.
            inputs.entry(real.clone()).or_insert_with(|| stamp(&real));
        }
        for folder in job.templates.folders() {
            let real = std::fs::canonicalize(&folder).unwrap_or(folder);
            if watched.insert(real.clone()) {
                let _ = debouncer.watcher().watch(&real, RecursiveMode::Recursive);
            }
        }
        // Wait for a change to something read; other files in the same folders (the outputs
        // themselves, an editor's swap file) are ignored.
        loop {
            let Ok(events) = rx.recv() else {
                return Exit::Io;
            };
            let Ok(events) = events else { continue };
            let folders = job.templates.folders();
            let mut relevant = false;
            let mut template = false;
            for event in events {
                let real = std::fs::canonicalize(&event.path).unwrap_or(event.path);
                if folders
                    .iter()
                    .any(|f| std::fs::canonicalize(f).is_ok_and(|f| real.starts_with(f)))
                {
                    template = true;
                    relevant = true;
                } else if let Some(seen) = inputs.get(&real) {
                    // Reading a file is an event too (the render's own reads): only a
                    // change of its time or size counts.
                    relevant |= stamp(&real) != *seen;
                }
            }
            if template {
                job.templates.clear();
            }
            if relevant {
                break;
            }
        }
    }
}

/// When a file was last written, and its size.
type Stamp = (std::time::SystemTime, u64);

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// One line per render: what was written and how long it took, or the diagnostics.
fn print_round(outcomes: &[Outcome], took: Duration) {
    let ms = took.as_secs_f64() * 1000.0;
    for outcome in outcomes {
        diagnostics::write_messages(&outcome.messages);
    }
    let written: Vec<String> = outcomes
        .iter()
        .flat_map(|o| o.files.iter().map(|p| display_name(p)))
        .collect();
    let failed = outcomes.iter().filter(|o| o.exit != Exit::Ok).count();
    if failed == 0 {
        super::say!("rendered in {ms:.0} ms → {}", written.join(", "));
    } else {
        eprintln!(
            "{failed} of {} spec{} not rendered ({ms:.0} ms); the last good outputs are kept; \
             watching for the next save",
            outcomes.len(),
            if outcomes.len() == 1 { "" } else { "s" }
        );
    }
}
