//! `motion schema`: the JSON Schema of a file format, for editors (Taplo, Even Better TOML).

use super::Exit;
use crate::spec::schema::{Format, json};

/// Print the JSON Schema of a file format (the files in `schemas/`).
///
/// Example: `motion schema spec > spec.schema.json`, then `#:schema ./spec.schema.json` at
/// the top of a spec
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which format.
    #[arg(value_enum, default_value = "spec")]
    format: Format,
}

pub fn run(args: Args) -> Exit {
    print!("{}", json(args.format));
    Exit::Ok
}
