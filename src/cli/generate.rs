//! `motion completions` and `motion man`: shell completions and man pages generated from the
//! clap definition, so they always list the commands and flags the binary has.

use std::path::PathBuf;

use clap::CommandFactory;

use super::{Cli, Exit, output, print_error};
use crate::source::display_name;

/// Print shell completions for motion.
///
/// Example: `motion completions bash > ~/.local/share/bash-completion/completions/motion`
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

/// Print the man page, or write one per command into a folder.
///
/// Example: `motion man > motion.1` or `motion man -o man/` (motion.1, motion-render.1 …)
#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Write `motion.1` and a page per subcommand into this folder.
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
}

pub fn completions(args: CompletionsArgs) -> Exit {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "motion", &mut std::io::stdout());
    Exit::Ok
}

pub fn man(args: ManArgs) -> Exit {
    let command = Cli::command();
    let Some(dir) = args.output else {
        let mut page = Vec::new();
        if let Err(e) = clap_mangen::Man::new(command).render(&mut page) {
            print_error(&format!("cannot write the man page: {e}"));
            return Exit::Io;
        }
        print!("{}", String::from_utf8_lossy(&page));
        return Exit::Ok;
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        print_error(&format!("cannot create `{}`: {e}", display_name(&dir)));
        return Exit::Io;
    }
    let mut pages = vec![("motion.1".to_string(), command.clone())];
    for sub in command.get_subcommands() {
        // A page's name is `motion-render`; clap names take a static string, and the run
        // ends right after.
        let name: &'static str = format!("motion-{}", sub.get_name()).leak();
        pages.push((format!("{name}.1"), sub.clone().name(name)));
    }
    let mut files = Vec::new();
    for (file, page) in pages {
        let mut bytes = Vec::new();
        if let Err(e) = clap_mangen::Man::new(page).render(&mut bytes) {
            print_error(&format!("cannot write the man page `{file}`: {e}"));
            return Exit::Io;
        }
        files.push((dir.join(file), bytes));
    }
    if let Err((path, e)) = output::write_all_atomic(&files) {
        print_error(&format!("cannot write `{}`: {e}", display_name(&path)));
        return Exit::Io;
    }
    let names: Vec<String> = files.iter().map(|(p, _)| display_name(p)).collect();
    println!("wrote {}", names.join(", "));
    Exit::Ok
}
