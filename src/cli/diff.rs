//! `motion diff OLD NEW`: what changed from one version of a motion to another, clause by
//! clause and word by word; with `-o DIR`, NEW as a redline of OLD.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::formats::{Backends, Format};
use super::{Exit, output};
use crate::diagnostics::{self, Diagnostic};
use crate::diff::{Change, Entry, compare};
use crate::document::Variant;
use crate::docx::DocxOptions;
use crate::pdf::PdfOptions;
use crate::redline::{Op, Revision, tokens};
use crate::source::{Sources, display_name};
use crate::spec;
use crate::template::{self, RenderOptions, Template};
use crate::timestamp::Timestamp;

/// Words of unchanged text kept on each side of a change.
const CONTEXT: usize = 6;

/// Compare two versions of a motion, clause by clause (exit 0 when equal, 1 when not).
///
/// Example: `motion diff motions/forest.toml examples/ixelles-fork.toml`
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The earlier version.
    #[arg(value_name = "OLD")]
    old: PathBuf,
    /// The later version (a fork, an amended text).
    #[arg(value_name = "NEW")]
    new: PathBuf,
    /// Also write NEW as a redline of OLD into this folder (`<new>.redline.pdf` …).
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Formats of the redline, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_values = ["pdf", "docx"])]
    format: Vec<Format>,
    /// A template folder for the redline, instead of NEW's own.
    #[arg(long, value_name = "DIR")]
    template: Option<PathBuf>,
}

pub fn run(args: Args) -> Exit {
    let mut sources = Sources::new();
    let mut specs = Vec::new();
    let mut worst = Exit::Ok;
    for path in [&args.old, &args.new] {
        // A PDF or DOCX stands for the spec it carries.
        if super::extract::is_document(path) {
            match super::extract::load_spec(path, &mut sources) {
                Ok(spec) => specs.push(spec),
                Err(exit) => worst = worst.max(exit),
            }
            continue;
        }
        match spec::load(path, &mut sources) {
            Ok(spec) => specs.push(spec),
            Err(errors) => worst = worst.max(super::report_spec_errors(&sources, &errors)),
        }
    }
    let [old, new] = specs.as_slice() else {
        return worst;
    };
    let entries = compare(old, new);
    let colour = diagnostics::use_colour(std::io::stdout().is_terminal());
    print!("{}", report(&args.old, &args.new, &entries, colour));
    if let Some(dir) = &args.output {
        match write_redline(&args, dir, old, new, &mut sources) {
            Ok(files) => {
                let names: Vec<String> = files.iter().map(|f| display_name(f)).collect();
                eprintln!("redline → {}", names.join(", "));
            }
            Err((diagnostics, exit)) => {
                diagnostics::emit(&sources, &diagnostics);
                return exit;
            }
        }
    }
    if entries.is_empty() {
        Exit::Ok
    } else {
        Exit::Invalid
    }
}

/// The changes as text: a line per clause, the words that changed with some context.
pub fn report(old: &Path, new: &Path, entries: &[Entry], colour: bool) -> String {
    let paint = |code: &str, text: &str| {
        if colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    };
    let mut out = format!(
        "{}\n{}\n",
        paint("1", &format!("--- {}", display_name(old))),
        paint("1", &format!("+++ {}", display_name(new)))
    );
    if entries.is_empty() {
        out.push_str("no differences\n");
        return out;
    }
    let (mut changed, mut added, mut removed, mut moved) = (0, 0, 0, 0);
    for e in entries {
        let (sign, what) = match &e.change {
            Change::Added => {
                added += 1;
                ("+", "added".to_string())
            }
            Change::Removed => {
                removed += 1;
                ("-", "removed".to_string())
            }
            Change::Changed => {
                changed += 1;
                ("~", "changed".to_string())
            }
            Change::Moved { from, to } => {
                moved += 1;
                (">", format!("moved from {from} to {to}"))
            }
            Change::ChangedAndMoved { from, to } => {
                moved += 1;
                changed += 1;
                ("~", format!("changed, moved from {from} to {to}"))
            }
        };
        out.push_str(&format!("{sign} {}: {what}\n", paint("1", &e.clause)));
        if matches!(e.change, Change::Moved { .. }) {
            continue;
        }
        out.push_str("    ");
        out.push_str(&words(&e.ops(), colour));
        out.push('\n');
    }
    let mut summary = Vec::new();
    for (n, word) in [
        (changed, "changed"),
        (added, "added"),
        (removed, "removed"),
        (moved, "moved"),
    ] {
        if n > 0 {
            summary.push(format!("{n} {word}"));
        }
    }
    out.push_str(&format!("{}\n", summary.join(", ")));
    out
}

/// A word diff on one line: `[-deleted-]{+inserted+}` (red and green on a terminal), unchanged
/// stretches cut to a few words around the changes.
fn words(ops: &[Op], colour: bool) -> String {
    let mut out = String::new();
    let last = ops.len().saturating_sub(1);
    for (i, op) in ops.iter().enumerate() {
        match op {
            Op::Equal(text) => out.push_str(&context(text, i == 0, i == last)),
            Op::Delete(text) if colour => out.push_str(&format!("\x1b[31;9m{text}\x1b[0m")),
            Op::Insert(text) if colour => out.push_str(&format!("\x1b[32;4m{text}\x1b[0m")),
            Op::Delete(text) => out.push_str(&format!("[-{text}-]")),
            Op::Insert(text) => out.push_str(&format!("{{+{text}+}}")),
        }
    }
    out.replace('\n', " ")
}

/// Unchanged text between changes, at most [`CONTEXT`] words on the side of each.
fn context(text: &str, first: bool, last: bool) -> String {
    let t = tokens(text);
    let words = |slice: &[&str]| {
        slice
            .iter()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    };
    let keep = |from_end: bool| -> usize {
        // How many tokens hold CONTEXT words, from the start or from the end.
        let mut n = 0;
        let mut count = 0;
        let iter: Box<dyn Iterator<Item = &&str>> = if from_end {
            Box::new(t.iter().rev())
        } else {
            Box::new(t.iter())
        };
        for tok in iter {
            if tok.chars().any(char::is_alphanumeric) {
                if count == CONTEXT {
                    break;
                }
                count += 1;
            }
            n += 1;
        }
        n
    };
    let total = words(&t);
    match (first, last) {
        (true, true) => text.to_string(),
        (true, false) if total > CONTEXT => format!("…{}", t[t.len() - keep(true)..].concat()),
        (false, true) if total > CONTEXT => format!("{}…", t[..keep(false)].concat()),
        (false, false) if total > 2 * CONTEXT => format!(
            "{} … {}",
            t[..keep(false)].concat().trim_end(),
            t[t.len() - keep(true)..].concat().trim_start()
        ),
        _ => text.to_string(),
    }
}

/// NEW rendered as a redline of OLD, with NEW's template, into `dir`.
fn write_redline(
    args: &Args,
    dir: &Path,
    old: &spec::Spec,
    new: &spec::Spec,
    sources: &mut Sources,
) -> Result<Vec<PathBuf>, (Vec<Diagnostic>, Exit)> {
    let io = |message: String| (vec![Diagnostic::error(message)], Exit::Io);
    std::fs::create_dir_all(dir).map_err(|e| {
        io(format!(
            "cannot create `{}`: {}",
            display_name(dir),
            spec::io_reason(&e)
        ))
    })?;
    let epoch =
        Timestamp::source_date_epoch().map_err(|m| (vec![Diagnostic::error(m)], Exit::Invalid))?;
    let revision = Revision {
        id: new.council.short.value.clone(),
        author: Some(new.council.short.value.clone()),
        date: new.date,
    };
    let (spec, redline) = crate::diff::redline(old, new, revision);
    let invalid = |d: Diagnostic| (vec![d], Exit::Invalid);
    let template_dir = args.template.as_deref().or(new.template.as_deref());
    let template = match template_dir {
        Some(dir) => Template::open(dir, sources),
        None => Template::embedded(template::embedded::DEFAULT, sources),
    }
    .map_err(|e| invalid(e.diagnostic()))?;
    let opts = RenderOptions {
        variant: Some(match template::default_variant(new) {
            Variant::Extrait => Variant::Extrait,
            _ => Variant::Projet,
        }),
        redline: Some(std::sync::Arc::new(redline)),
        ..RenderOptions::default()
    };
    let mut doc =
        template::render(&spec, &template, &opts, sources).map_err(|e| invalid(e.diagnostic()))?;
    doc.meta.attachments = super::extract::carried(new, None, None, sources);
    let backends = Backends {
        pdf: PdfOptions {
            source_date_epoch: epoch,
            ..PdfOptions::default()
        },
        docx: DocxOptions {
            source_date_epoch: epoch,
            layout: None,
        },
    };
    let mut formats = args.format.clone();
    formats.sort();
    formats.dedup();
    let layout = if formats.iter().any(|f| f.needs_layout()) {
        Some(crate::layout::layout(&doc).map_err(|e| {
            invalid(
                super::formats::BackendError::Pdf(crate::pdf::PdfError::Layout(e))
                    .diagnostic(sources, &doc),
            )
        })?)
    } else {
        None
    };
    // `forest.pdf#forest.toml`, the spec a document carries, is named after that spec.
    let embedded = spec::embedded_name(&new.path);
    let stem = embedded.trim_end_matches(".toml");
    let mut outputs = Vec::new();
    for format in formats {
        let bytes = format
            .write(&doc, None, layout.as_ref(), &backends, sources)
            .map_err(|e| invalid(e.diagnostic(sources, &doc)))?;
        outputs.push((
            dir.join(format!("{stem}.redline.{}", format.extension())),
            bytes,
        ));
    }
    output::write_all_atomic(&outputs).map_err(|(target, e)| {
        io(format!(
            "cannot write `{}`: {}",
            display_name(&target),
            spec::io_reason(&e)
        ))
    })?;
    Ok(outputs.into_iter().map(|(p, _)| p).collect())
}
