//! `motion check`: parse, validate and lint specs, print diagnostics, write nothing.

use std::path::{Path, PathBuf};

use super::Exit;
use crate::diagnostics;
use crate::lint;
use crate::source::{Sources, display_name};
use crate::spec;

/// Check specs for errors and typography without rendering anything.
///
/// Example: `motion check motions/forest.toml`
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Spec files to check.
    #[arg(required_unless_present = "rules", value_name = "SPEC")]
    specs: Vec<PathBuf>,
    /// List the typography rules (their ids go in `[lint] allow`).
    #[arg(long)]
    rules: bool,
    /// How diagnostics are printed: `json` writes one object per line on stdout.
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "human")]
    message_format: crate::diagnostics::MessageFormat,
}

pub fn run(args: Args) -> Exit {
    diagnostics::set_format(args.message_format);
    if args.rules {
        for (id, description) in lint::RULES {
            println!("{id:32} {description}");
        }
        return Exit::Ok;
    }
    let mut worst = Exit::Ok;
    let mut ok = Vec::new();
    let mut warnings = 0;
    for path in &args.specs {
        let mut sources = Sources::new();
        let kind = spec::FileKind::of_file(path);
        // An amendment file is checked against the motion it names.
        if kind == spec::FileKind::Amendments {
            match super::amendments::load(path, &mut sources) {
                Ok((_, amendments)) => {
                    let n = amendments.list.len();
                    let adopted = amendments
                        .list
                        .iter()
                        .filter(|a| a.status == crate::spec::amendment::Status::Adopte)
                        .count();
                    ok.push((
                        display_name(path),
                        format!("{n} amendment{}, {adopted} adopted", plural(n)),
                    ));
                }
                Err((diagnostics, exit)) => {
                    diagnostics::emit(&sources, &diagnostics);
                    worst = worst.max(exit);
                }
            }
            continue;
        }
        // A session file: every motion of its agenda, each error in its own file.
        if kind == spec::FileKind::Session {
            match check_session(path, &mut sources, &mut warnings) {
                Ok(summary) => ok.push((display_name(path), summary)),
                Err(exit) => worst = worst.max(exit),
            }
            continue;
        }
        match spec::load(path, &mut sources) {
            Ok(spec) => match check_loaded(&spec, &mut sources, &mut warnings) {
                Exit::Ok => {
                    let n = spec.demands.len();
                    ok.push((display_name(path), format!("{n} demand{}", plural(n))));
                }
                exit => worst = worst.max(exit),
            },
            Err(errors) => worst = worst.max(super::report_spec_errors(&sources, &errors)),
        }
    }
    let total = args.specs.len();
    let warned = match warnings {
        0 => String::new(),
        n => format!(", {n} warning{}", plural(n)),
    };
    match (worst, total) {
        (Exit::Ok, 1) => {
            let (name, summary) = &ok[0];
            super::say!("{name}: ok ({summary}{warned})");
        }
        (Exit::Ok, n) => super::say!(
            "{n} specs ok{}",
            if warned.is_empty() {
                String::new()
            } else {
                format!(" ({})", &warned[2..])
            }
        ),
        (_, n) => eprintln!(
            "error: {} of {n} spec{} failed the check",
            n - ok.len(),
            plural(n)
        ),
    }
    worst
}

/// Lint and translation parity of a loaded spec; warnings are counted, errors decide.
fn check_loaded(spec: &spec::Spec, sources: &mut Sources, warnings: &mut usize) -> Exit {
    let findings = lint::lint(spec, sources);
    diagnostics::emit(sources, &findings);
    *warnings += findings.iter().filter(|d| !d.is_error()).count();
    // A named translation is loaded and must say the same thing.
    let parity = match spec::load_translation(spec, sources) {
        Some(Err(errors)) => super::report_spec_errors(sources, &errors),
        _ => Exit::Ok,
    };
    if findings.iter().any(|d| d.is_error()) {
        Exit::Invalid.max(parity)
    } else {
        parity
    }
}

/// Every motion of a session, then the agenda's item numbers; a summary when all pass.
fn check_session(path: &Path, sources: &mut Sources, warnings: &mut usize) -> Result<String, Exit> {
    use crate::spec::session_file;
    let session = session_file::load(path, sources)
        .map_err(|errors| super::report_spec_errors(sources, &errors))?;
    let mut specs = Vec::new();
    let mut broken = Vec::new();
    let mut worst = Exit::Ok;
    for (motion, _) in &session.motions {
        match session_file::load_motion(&session, motion, sources) {
            Ok(spec) => {
                let exit = check_loaded(&spec, sources, warnings);
                if exit != Exit::Ok {
                    broken.push(display_name(motion));
                    worst = worst.max(exit);
                }
                specs.push(spec);
            }
            Err(errors) => {
                worst = worst.max(super::report_spec_errors(sources, &errors));
                broken.push(display_name(motion));
            }
        }
    }
    if !broken.is_empty() {
        super::print_error(&format!(
            "{} of the {} motions of `{}` failed the check: {}",
            broken.len(),
            session.motions.len(),
            display_name(path),
            broken.join(", ")
        ));
        return Err(worst);
    }
    let numbers = session_file::item_numbers(&session, &specs)
        .map_err(|errors| super::report_spec_errors(sources, &errors))?;
    let n = numbers.len();
    Ok(format!("session, {n} motion{} on the agenda", plural(n)))
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
