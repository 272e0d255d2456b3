//! `motion new`: write a commented starter spec that passes `motion check`.

use std::path::PathBuf;

use super::{Exit, output, print_error};
use crate::source::display_name;
use crate::spec::Lang;
use crate::spec::schema::Format;

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
    /// Write the skeleton of this spec's translation instead: the same ids, counts, vote and
    /// names, each text to translate shown in a comment above its key.
    #[arg(long, value_name = "SPEC")]
    translation_of: Option<PathBuf>,
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
    let text = match &args.translation_of {
        None => starter(lang).to_string(),
        Some(original) => {
            let mut sources = crate::source::Sources::new();
            let spec = match crate::spec::load(original, &mut sources) {
                Ok(spec) => spec,
                Err(errors) => return super::report_spec_errors(&sources, &errors),
            };
            if spec.lang == lang {
                print_error(&format!(
                    "`{}` is already in {}: give the other language with `--lang`",
                    display_name(original),
                    lang.code()
                ));
                return Exit::Usage;
            }
            let dir = args.file.parent().unwrap_or(std::path::Path::new(""));
            super::skeleton::translation(&spec, lang, &relative(dir, original))
        }
    };
    let dir = args.file.parent().unwrap_or(std::path::Path::new(""));
    let (schema, write_schema) = schema_for(dir);
    let text = format!("#:schema {schema}\n{text}");
    match output::create_new(&args.file, text.as_bytes()) {
        Ok(()) => {
            let mut wrote = display_name(&args.file);
            if let Some(path) = write_schema {
                // Only helps editors: a failure here leaves a spec that works.
                if output::create_new(&path, crate::spec::schema::json(Format::Spec).as_bytes())
                    .is_ok()
                {
                    wrote.push_str(&format!(" and {} (editor completion)", display_name(&path)));
                }
            }
            println!("wrote {wrote}");
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

/// `to` as a path relative to the folder `from` (what `translation = "…"` takes).
/// The `#:schema` target (Taplo, Even Better TOML): the repository's `schemas/spec.schema.json`
/// when the folder or one above it has one, else a `spec.schema.json` beside the spec (to be
/// written when it does not exist yet).
fn schema_for(dir: &std::path::Path) -> (String, Option<PathBuf>) {
    let start = std::fs::canonicalize(if dir.as_os_str().is_empty() {
        std::path::Path::new(".")
    } else {
        dir
    })
    .unwrap_or_else(|_| dir.to_path_buf());
    for folder in start.ancestors() {
        for candidate in [
            folder.join("schemas/spec.schema.json"),
            folder.join("spec.schema.json"),
        ] {
            if candidate.is_file() {
                return (relative(dir, &candidate), None);
            }
        }
    }
    (
        "./spec.schema.json".into(),
        Some(dir.join("spec.schema.json")),
    )
}

fn relative(from: &std::path::Path, to: &std::path::Path) -> String {
    let absolute = |p: &std::path::Path| {
        std::fs::canonicalize(if p.as_os_str().is_empty() {
            std::path::Path::new(".")
        } else {
            p
        })
        .unwrap_or_else(|_| p.to_path_buf())
    };
    let (from, to) = (absolute(from), absolute(to));
    let a: Vec<_> = from.components().collect();
    let b: Vec<_> = to.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in common..a.len() {
        out.push("..");
    }
    for c in &b[common..] {
        out.push(c);
    }
    out.to_string_lossy().replace('\\', "/")
}
