//! `motion adapt`: write a small spec that `extends` another council's motion and names the
//! adapting council, and warn where the original names its council literally.

use std::path::{Component, Path, PathBuf};

use super::{Exit, output, print_error, report_spec_errors};
use crate::diagnostics::{self, Diagnostic};
use crate::source::{Sources, display_name};
use crate::spec::{self, Spec, strspan::inner_span};

/// Adapt another council's motion: write a spec that extends it with your council.
///
/// Example: `motion adapt motions/forest.toml --council "Conseil de l'Action Sociale du CPAS d'Ixelles" --short "CPAS d'Ixelles" --place Ixelles`
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The spec to adapt.
    #[arg(value_name = "SPEC")]
    spec: PathBuf,
    /// The acting body, as it acts: « Conseil de l'Action Sociale du CPAS d'Ixelles ».
    #[arg(long, value_name = "NAME")]
    council: String,
    /// How the text names the council: « CPAS d'Ixelles » (default: the full name).
    #[arg(long, value_name = "S")]
    short: Option<String>,
    /// Where the motion is signed: « Fait à Ixelles » (default: guessed from the name).
    #[arg(long, value_name = "P")]
    place: Option<String>,
    /// Where to write the new spec (default: next to SPEC, named after the place).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(args: Args) -> Exit {
    for (flag, value) in [
        ("--council", Some(&args.council)),
        ("--short", args.short.as_ref()),
        ("--place", args.place.as_ref()),
    ] {
        if value.is_some_and(|v| v.trim().is_empty()) {
            print_error(&format!(
                "`{flag}` is empty: give the council's name as it is written"
            ));
            return Exit::Usage;
        }
    }
    // A PDF or DOCX received by e-mail: its spec is extracted first, beside the new one.
    let args = if super::extract::is_document(&args.spec) {
        match extracted_original(&args) {
            Ok(spec) => Args { spec, ..args },
            Err(exit) => return exit,
        }
    } else {
        args
    };
    let mut sources = Sources::new();
    let original = match spec::load(&args.spec, &mut sources) {
        Ok(spec) => spec,
        Err(errors) => return report_spec_errors(&sources, &errors),
    };
    let short = args.short.clone().unwrap_or_else(|| args.council.clone());
    let place = args.place.clone().or_else(|| guess_place(&short));
    let output = args.output.clone().unwrap_or_else(|| {
        let stem = slug(place.as_deref().unwrap_or(&short));
        args.spec.with_file_name(format!("{stem}.toml"))
    });
    let extends = match relative_path(&output, &args.spec) {
        Ok(p) => p,
        Err(e) => {
            print_error(&format!(
                "cannot resolve `{}`: {e}",
                display_name(&args.spec)
            ));
            return Exit::Io;
        }
    };
    let text = fork_text(&original, &extends, &args.council, &short, place.as_deref());
    // The fork is checked as `motion check` would, before it is written: adapt never writes a
    // spec that does not pass.
    let mut fork_sources = Sources::new();
    if let Err(errors) = spec::load_bytes(&output, text.clone().into_bytes(), &mut fork_sources) {
        report_spec_errors(&fork_sources, &errors);
        print_error("the adapted spec would not pass `motion check`; nothing was written");
        return Exit::Invalid;
    }
    if let Err(e) = output::create_new(&output, text.as_bytes()) {
        print_error(&format!(
            "cannot write `{}`: {}",
            display_name(&output),
            spec::io_reason(&e)
        ));
        return if e.kind() == std::io::ErrorKind::AlreadyExists {
            Exit::Invalid
        } else {
            Exit::Io
        };
    }
    let warnings = literal_council_names(&original, &sources);
    diagnostics::emit(&sources, &warnings);
    let mut summary = format!("wrote {}", display_name(&output));
    if !warnings.is_empty() {
        summary.push_str(&format!(
            " ({} literal mention{} of {} in the original)",
            warnings.len(),
            if warnings.len() == 1 { "" } else { "s" },
            original.council.short.value
        ));
    }
    println!("{summary}");
    Exit::Ok
}

/// Writes the spec a document carries where the fork will be (or reuses the same file
/// already there) and returns its path.
fn extracted_original(args: &Args) -> Result<PathBuf, Exit> {
    let found = super::extract::read_carried(&args.spec).map_err(|message| {
        print_error(&message);
        Exit::Invalid
    })?;
    let dir = match &args.output {
        Some(output) => output.parent().map(Path::to_path_buf).unwrap_or_default(),
        None => args
            .spec
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default(),
    };
    let target = dir.join(super::extract::safe_name(&found[0].name, "original.toml"));
    if std::fs::read(&target).is_ok_and(|bytes| bytes == found[0].text.as_bytes()) {
        return Ok(target);
    }
    super::extract::write(&target, &found[..1])?;
    eprintln!(
        "extracted {} from {}",
        display_name(&target),
        display_name(&args.spec)
    );
    Ok(target)
}

fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The fork's TOML: `extends`, a new session, and the adapting council.
fn fork_text(
    original: &Spec,
    extends: &str,
    name: &str,
    short: &str,
    place: Option<&str>,
) -> String {
    let mut t = String::new();
    t.push_str(&format!(
        "# {}: adaptation of « {} » ({}), written by `motion adapt`.\n",
        one_line(short),
        one_line(&original.title.value),
        one_line(&original.council.short.value)
    ));
    t.push_str(
        "# Everything not set here comes from the original. Change a demand by repeating its\n",
    );
    t.push_str(
        "# `id` under [[demands]], drop one with `remove = true`, add one with a new id.\n\n",
    );
    t.push_str(&format!("extends = {}\n\n", quoted(extends)));
    t.push_str("# Setting `status` starts this council's own session: the original's date,\n");
    t.push_str("# reference and vote do not carry over.\n");
    t.push_str("status = \"projet\"\n");
    t.push_str("# date = 2026-01-27\n\n");
    t.push_str("[council]\n");
    t.push_str(&format!("name = {}\n", quoted(name)));
    t.push_str(&format!("short = {}\n", quoted(short)));
    match place {
        Some(p) => t.push_str(&format!("place = {}\n", quoted(p))),
        None => {
            t.push_str("# place = \"…\"   # « Fait à … »: could not be guessed from the name\n");
        }
    }
    t.push_str("# logo = \"logo.png\"   # relative to this file\n");
    for d in &original.demands {
        t.push_str(&format!(
            "\n# [[demands]] id = {} ({} …)",
            quoted(&d.id),
            d.verb.value
        ));
    }
    t.push('\n');
    t
}

/// Text fit for a one-line comment.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Warnings for each literal mention of the original council's name in its texts.
fn literal_council_names(spec: &Spec, sources: &Sources) -> Vec<Diagnostic> {
    let mut names = vec![spec.council.name.value.clone()];
    if spec.council.short.value != spec.council.name.value {
        names.push(spec.council.short.value.clone());
    }
    let mut out = Vec::new();
    for (key, text) in spec.texts() {
        let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
        for name in &names {
            for (at, _) in text.value.match_indices(name.as_str()) {
                let range = at..at + name.len();
                if taken
                    .iter()
                    .any(|r| r.start < range.end && range.start < r.end)
                {
                    continue;
                }
                taken.push(range.clone());
                let variable = if *name == spec.council.name.value {
                    "council.name"
                } else {
                    "council.short"
                };
                out.push(
                    Diagnostic::warning(format!("`{key}` names the original council literally"))
                        .with_label(
                            inner_span(sources, &text.span, &text.value, range),
                            format!("the fork would still say « {name} »"),
                        )
                        .with_help(format!(
                            "write `{{{{ {variable} }}}}` in the original so that every fork names its own council"
                        )),
                );
            }
        }
    }
    out
}

/// « CPAS d'Ixelles » → « Ixelles »; « OCMW van Jette » → « Jette ».
fn guess_place(short: &str) -> Option<String> {
    let markers = [" d'", " d’", " de ", " du ", " van ", " te "];
    let (at, marker) = markers
        .iter()
        .filter_map(|m| short.rfind(m).map(|i| (i, *m)))
        .max_by_key(|(i, _)| *i)?;
    let place = short[at + marker.len()..].trim();
    (!place.is_empty()).then(|| place.to_string())
}

/// File name from a place: « Saint-Josse-ten-Noode » → `saint-josse-ten-noode`.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.to_lowercase().chars() {
        let c = match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "adaptation".into()
    } else {
        out
    }
}

/// `target` as seen from the folder of `from` (both may be relative to the cwd).
fn relative_path(from: &Path, target: &Path) -> std::io::Result<String> {
    let cwd = std::env::current_dir()?;
    let from_dir = crate::source::normalize(&cwd.join(from.parent().unwrap_or(Path::new(""))));
    let target = crate::source::normalize(&cwd.join(target));
    let a: Vec<Component> = from_dir.components().collect();
    let b: Vec<Component> = target.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut rel = PathBuf::new();
    for _ in common..a.len() {
        rel.push("..");
    }
    for c in &b[common..] {
        rel.push(c);
    }
    Ok(rel.to_string_lossy().replace('\\', "/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_places() {
        assert_eq!(guess_place("CPAS d'Ixelles").as_deref(), Some("Ixelles"));
        assert_eq!(
            guess_place("CPAS de Saint-Gilles").as_deref(),
            Some("Saint-Gilles")
        );
        assert_eq!(guess_place("OCMW van Jette").as_deref(), Some("Jette"));
        assert_eq!(guess_place("CPAS"), None);
    }

    #[test]
    fn slugs_file_names() {
        assert_eq!(slug("Saint-Josse-ten-Noode"), "saint-josse-ten-noode");
        assert_eq!(slug("Évere"), "evere");
        assert_eq!(slug("Ixelles"), "ixelles");
    }

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative_path(
                Path::new("out/ixelles.toml"),
                Path::new("motions/forest.toml")
            )
            .unwrap(),
            "../motions/forest.toml"
        );
        assert_eq!(
            relative_path(
                Path::new("motions/ixelles.toml"),
                Path::new("motions/forest.toml")
            )
            .unwrap(),
            "forest.toml"
        );
    }
}
