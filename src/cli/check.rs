//! `motion check`: parse and validate specs, print diagnostics, write nothing.

use std::path::PathBuf;

use super::Exit;
use crate::source::{Sources, display_name};
use crate::spec;

/// Check specs for errors without rendering anything.
///
/// Example: `motion check motions/forest.toml`
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Spec files to check.
    #[arg(required = true, value_name = "SPEC")]
    specs: Vec<PathBuf>,
}

pub fn run(args: Args) -> Exit {
    let mut worst = Exit::Ok;
    let mut ok = Vec::new();
    for path in &args.specs {
        let mut sources = Sources::new();
        match spec::load(path, &mut sources) {
            Ok(spec) => ok.push((display_name(path), spec.demands.len())),
            Err(errors) => worst = worst.max(super::report_spec_errors(&sources, &errors)),
        }
    }
    let total = args.specs.len();
    match (worst, total) {
        (Exit::Ok, 1) => {
            let (name, demands) = &ok[0];
            println!("{name}: ok ({demands} demand{})", plural(*demands));
        }
        (Exit::Ok, n) => println!("{n} specs ok"),
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
