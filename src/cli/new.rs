//! `motion new`: write a commented starter spec that passes `motion check`.

use std::path::PathBuf;

use super::{Exit, output, print_error};
use crate::source::display_name;
use crate::spec::Lang;

/// Write a commented starter spec.
///
/// Example: `motion new motions/ixelles.toml --lang fr`
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write the new spec (must not exist yet).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Language of the motion.
    #[arg(long, value_enum, default_value = "fr")]
    lang: LangArg,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum LangArg {
    Fr,
    Nl,
}

/// The starter text for a language.
pub fn starter(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => include_str!("starter/fr.toml"),
        Lang::Nl => include_str!("starter/nl.toml"),
    }
}

pub fn run(args: Args) -> Exit {
    let lang = match args.lang {
        LangArg::Fr => Lang::Fr,
        LangArg::Nl => Lang::Nl,
    };
    match output::create_new(&args.file, starter(lang).as_bytes()) {
        Ok(()) => {
            println!("wrote {}", display_name(&args.file));
            Exit::Ok
        }
        Err(e) => {
            print_error(&format!(
                "cannot write `{}`: {}",
                display_name(&args.file),
                crate::spec::io_reason(&e)
            ));
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Exit::Invalid
            } else {
                Exit::Io
            }
        }
    }
}
