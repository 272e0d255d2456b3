//! `motion template`: list the embedded templates, fork one into a folder to edit.

use std::path::PathBuf;

use super::{Exit, output, print_error};
use crate::source::display_name;
use crate::template::embedded;

/// Work with templates.
///
/// Example: `motion template fork templates/ixelles`
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// List the templates embedded in motion.
    List,
    /// Write an embedded template into a new folder, to edit and use with `--template DIR`.
    Fork {
        /// The folder to create (must not exist, or be empty).
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// Which embedded template to fork.
        #[arg(long, default_value = embedded::DEFAULT)]
        from: String,
    },
}

pub fn run(args: Args) -> Exit {
    match args.command {
        Command::List => {
            for name in embedded::names() {
                let description = embedded::manifest(&name)
                    .map(|m| {
                        format!(
                            "{} — {} ({})",
                            m.version,
                            m.description,
                            m.languages.join(", ")
                        )
                    })
                    .unwrap_or_default();
                println!("{name}  {description}");
            }
            Exit::Ok
        }
        Command::Fork { dir, from } => fork(&dir, &from),
    }
}

fn fork(dir: &std::path::Path, from: &str) -> Exit {
    let files = embedded::files(from);
    if files.is_empty() {
        print_error(&format!(
            "no embedded template named `{from}`; `motion template list` shows them"
        ));
        return Exit::Invalid;
    }
    if dir.exists()
        && std::fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        print_error(&format!(
            "`{}` already exists and is not empty; fork into a new folder",
            display_name(dir)
        ));
        return Exit::Invalid;
    }
    for (rel, bytes) in &files {
        let target = dir.join(rel);
        let result = target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|_| output::write_atomic(&target, bytes));
        if let Err(e) = result {
            print_error(&format!(
                "cannot write `{}`: {}",
                display_name(&target),
                crate::spec::io_reason(&e)
            ));
            return Exit::Io;
        }
    }
    println!(
        "forked `{from}` into {} ({} files); render with --template {}",
        display_name(dir),
        files.len(),
        display_name(dir)
    );
    Exit::Ok
}
