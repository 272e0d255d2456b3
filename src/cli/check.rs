//! `motion check`: parse, validate and lint specs, print diagnostics, write nothing.

use std::path::PathBuf;

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
        // An amendment file is checked against the motion it names.
        if super::amendments::is_amendment_file(path) {
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
        match spec::load(path, &mut sources) {
            Ok(spec) => {
                let findings = lint::lint(&spec, &sources);
                diagnostics::emit(&sources, &findings);
                warnings += findings.iter().filter(|d| !d.is_error()).count();
                // A named translation is loaded and must say the same thing.
                let parity = match spec::load_translation(&spec, &mut sources) {
                    Some(Err(errors)) => {
                        worst = worst.max(super::report_spec_errors(&sources, &errors));
                        false
                    }
                    _ => true,
                };
                if findings.iter().any(|d| d.is_error()) {
                    worst = worst.max(Exit::Invalid);
                } else if parity {
                    let n = spec.demands.len();
                    ok.push((display_name(path), format!("{n} demand{}", plural(n))));
                }
            }
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

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
