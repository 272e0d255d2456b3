//! Command-line interface: argument parsing, dispatch and exit codes (DESIGN.md §1).

mod adapt;
mod amendments;
mod bundle;
mod check;
mod diff;
pub mod extract;
mod fmt;
mod formats;
mod generate;
pub mod memory;
mod new;
pub mod output;
mod progress;
mod render;
mod schema;
mod skeleton;
mod template;
mod watch;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit codes: 0 ok, 1 invalid input, 2 usage error (clap's own), 3 I/O error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    Ok = 0,
    Invalid = 1,
    /// A usage error found after parsing (clap reports its own with 2).
    Usage = 2,
    Io = 3,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e as u8)
    }
}

/// Turns council motions written in TOML into formally laid-out resolutions.
#[derive(Debug, Parser)]
#[command(name = "motion", version = VERSION.as_str(), about, long_about = None)]
#[command(after_help = "Exit codes: 0 ok, 1 invalid input, 2 usage error, 3 I/O error.")]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Render(render::Args),
    /// Render, then render again each time a file the render reads is saved (Ctrl-C stops).
    ///
    /// Example: `motion watch motions/forest.toml --format pdf`; takes the options of `render`.
    Watch(render::Args),
    Check(check::Args),
    Diff(diff::Args),
    Fmt(fmt::Args),
    New(new::Args),
    Adapt(adapt::Args),
    Extract(extract::Args),
    Completions(generate::CompletionsArgs),
    Man(generate::ManArgs),
    Schema(schema::Args),
    Template(template::Args),
}

/// `motion 0.1.0 (template default 1.0.0)`: the binary and the template it embeds, which a
/// bug report needs both of.
static VERSION: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let default = crate::template::embedded::DEFAULT;
    match crate::template::embedded::manifest(default) {
        Some(m) => format!(
            "{} (template {default} {})",
            env!("CARGO_PKG_VERSION"),
            m.version
        ),
        None => env!("CARGO_PKG_VERSION").to_string(),
    }
});

/// Parses the command line, runs the command and returns its exit code.
pub fn main() -> ExitCode {
    memory::for_repeated_renders();
    let cli = Cli::parse();
    output::clean_up_on_signals();
    let exit = match cli.command {
        Command::Render(args) => render::run(args),
        Command::Watch(args) => watch::run(args),
        Command::Check(args) => check::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::New(args) => new::run(args),
        Command::Adapt(args) => adapt::run(args),
        Command::Extract(args) => extract::run(args),
        Command::Completions(args) => generate::completions(args),
        Command::Man(args) => generate::man(args),
        Command::Schema(args) => schema::run(args),
        Command::Template(args) => template::run(args),
    };
    exit.into()
}

/// Prints a result line: on stdout, or on stderr under `--message-format json`, where stdout
/// holds only JSON.
macro_rules! say {
    ($($arg:tt)*) => {
        if crate::diagnostics::is_json() {
            eprintln!($($arg)*);
        } else {
            println!($($arg)*);
        }
    };
}
pub(crate) use say;

/// Prints a problem that has no position in a file.
pub(crate) fn print_error(message: &str) {
    let text = crate::diagnostics::render_plain(
        &crate::source::Sources::new(),
        &[crate::diagnostics::Diagnostic::error(message)],
    );
    crate::diagnostics::write_messages(&text);
}

/// Prints the spec errors and returns the exit code they call for.
pub(crate) fn report_spec_errors(
    sources: &crate::source::Sources,
    errors: &[crate::spec::SpecError],
) -> Exit {
    let diagnostics: Vec<_> = errors.iter().map(|e| e.diagnostic()).collect();
    crate::diagnostics::emit(sources, &diagnostics);
    spec_exit(errors)
}

/// Spec errors as diagnostics, with the exit code they call for.
pub(crate) fn spec_failure(
    errors: &[crate::spec::SpecError],
) -> (Vec<crate::diagnostics::Diagnostic>, Exit) {
    (
        errors.iter().map(|e| e.diagnostic()).collect(),
        spec_exit(errors),
    )
}

/// The exit code spec errors call for: 3 when only the file could not be read, else 1.
pub(crate) fn spec_exit(errors: &[crate::spec::SpecError]) -> Exit {
    if errors.iter().all(|e| e.is_io()) {
        Exit::Io
    } else {
        Exit::Invalid
    }
}
