//! `motion extract`: the spec a PDF or DOCX carries, written back as TOML (DESIGN.md §11);
//! and the same reading for `adapt` and `diff`, which accept such documents.

use std::path::{Path, PathBuf};

use toml_edit::DocumentMut;

use super::{Exit, output, print_error, report_spec_errors};
use crate::document::{Attachment, Relation};
use crate::source::{Sources, display_name};
use crate::spec::{self, Spec};

/// Write back the spec a PDF or DOCX made by motion carries.
///
/// Example: `motion extract forest.pdf -o forest.toml`
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A PDF or DOCX rendered by motion.
    #[arg(value_name = "DOCUMENT")]
    document: PathBuf,
    /// Where to write the spec (default: its own name, next to DOCUMENT); `-` for standard
    /// output. Files the render also read (amendments, translation) go beside it.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Documents larger than this are not read (a PDF with a large logo is a few MB).
const MAX_DOCUMENT: u64 = 256 * 1024 * 1024;

/// Whether `path` names a document rather than a spec: by extension, as a clerk names them.
pub fn is_document(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf") || e.eq_ignore_ascii_case("docx"))
}

/// The files a document carries, the source first.
pub fn read_carried(path: &Path) -> Result<Vec<Attachment>, String> {
    let bytes = crate::files::read(path, MAX_DOCUMENT)
        .map_err(|e| format!("cannot read `{}`: {}", display_name(path), e.reason()))?;
    let damaged = |e: String| format!("cannot read `{}`: {e}", display_name(path));
    let mut found = if bytes.starts_with(b"%PDF") {
        crate::pdf::attachments::read(&bytes).map_err(|e| damaged(e.to_string()))?
    } else if bytes.starts_with(b"PK") {
        crate::docx::custom_xml::read(&bytes).map_err(|e| damaged(e.to_string()))?
    } else {
        return Err(damaged("it is neither a PDF nor a DOCX".into()));
    };
    found.sort_by_key(|a| a.relation != Relation::Source);
    if found.first().is_none_or(|a| a.relation != Relation::Source) {
        return Err(format!(
            "`{}` carries no motion spec: it was rendered with `--no-source`, as PDF/A-2b, \
             by another tool, or by an older version of motion",
            display_name(path)
        ));
    }
    Ok(found)
}

/// The spec a document carries, loaded and validated as `motion check` would, under the
/// name `forest.pdf#forest.toml` (its diagnostics point into the embedded text).
pub fn load_spec(path: &Path, sources: &mut Sources) -> Result<Spec, Exit> {
    let found = read_carried(path).map_err(|message| {
        print_error(&message);
        Exit::Invalid
    })?;
    let source = &found[0];
    let mut name = path.as_os_str().to_owned();
    name.push(format!("#{}", source.name));
    spec::load_bytes(
        &PathBuf::from(name),
        source.text.clone().into_bytes(),
        sources,
    )
    .map_err(|errors| report_spec_errors(sources, &errors))
}

/// What the document carries (DESIGN.md §11): the spec, self-contained; beside it the
/// amendment file (its `motion` renamed to the embedded spec) or the translation.
pub fn carried(
    spec: &spec::Spec,
    translation: Option<&spec::Spec>,
    amendment_file: Option<&Path>,
    sources: &Sources,
) -> Vec<Attachment> {
    let Some(text) = spec::self_contained(spec, sources) else {
        return Vec::new();
    };
    let name = spec::embedded_name(&spec.path);
    let mut found = vec![Attachment {
        name: name.clone(),
        text,
        relation: Relation::Source,
    }];
    if let Some(other) = translation.and_then(|t| Some((t, spec::self_contained(t, sources)?))) {
        let mut other_name = spec::embedded_name(&other.0.path);
        if other_name == name {
            other_name = format!(
                "{}.{}.toml",
                name.trim_end_matches(".toml"),
                other.0.lang.code()
            );
        }
        found.push(Attachment {
            name: other_name,
            text: other.1,
            relation: Relation::Supplement,
        });
    }
    let amendments = amendment_file.and_then(|path| sources.by_path(path));
    if let Some(file) = amendments {
        let mut doc: toml_edit::DocumentMut = match file.text.parse() {
            Ok(doc) => doc,
            Err(_) => return found,
        };
        doc["motion"] = toml_edit::value(name);
        found.push(Attachment {
            name: spec::embedded_name(&file.path),
            text: doc.to_string(),
            relation: Relation::Supplement,
        });
    }
    found
}

pub fn run(args: Args) -> Exit {
    let found = match read_carried(&args.document) {
        Ok(found) => found,
        Err(message) => {
            print_error(&message);
            return Exit::Invalid;
        }
    };
    if args.output.as_deref() == Some(Path::new("-")) {
        print!("{}", found[0].text);
        return Exit::Ok;
    }
    let target = args.output.clone().unwrap_or_else(|| {
        args.document
            .with_file_name(safe_name(&found[0].name, "motion.toml"))
    });
    match write(&target, &found) {
        Ok(written) => {
            let names: Vec<String> = written.iter().map(|p| display_name(p)).collect();
            println!("wrote {}", names.join(", "));
            Exit::Ok
        }
        Err(exit) => exit,
    }
}

/// Writes the source at `target` and the supplements beside it, every cross-reference
/// (an amendment file's `motion`, a translation pair) renamed to what was written.
/// Refuses to replace any existing file; writes nothing unless it can write everything.
pub fn write(target: &Path, found: &[Attachment]) -> Result<Vec<PathBuf>, Exit> {
    let dir = target.parent().map(Path::to_path_buf).unwrap_or_default();
    let source_file = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "motion.toml".into());
    let mut files: Vec<(PathBuf, String)> = vec![(target.to_path_buf(), found[0].text.clone())];
    // A session's bundle carries its motions as they are named in its `motions`.
    let session = crate::spec::FileKind::of_text(&found[0].text) == crate::spec::FileKind::Session;
    for supplement in &found[1..] {
        let name = safe_name(&supplement.name, "supplement.toml");
        let mut text = supplement.text.clone();
        if session {
            files.push((dir.join(name), text));
            continue;
        }
        if let Ok(mut doc) = text.parse::<DocumentMut>() {
            if doc.contains_key("motion") {
                doc["motion"] = toml_edit::value(source_file.clone());
            } else {
                doc["translation"] = toml_edit::value(source_file.clone());
                if let Ok(mut source) = files[0].1.parse::<DocumentMut>() {
                    source["translation"] = toml_edit::value(name.clone());
                    files[0].1 = source.to_string();
                }
            }
            text = doc.to_string();
        }
        files.push((dir.join(name), text));
    }
    // Two embedded files under one name (a hostile or damaged document) would overwrite
    // each other: the later ones get a number.
    let mut seen: Vec<PathBuf> = Vec::new();
    for (path, _) in files.iter_mut() {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut n = 2;
        while seen.contains(path) {
            *path = path.with_file_name(format!("{stem}-{n}.toml"));
            n += 1;
        }
        seen.push(path.clone());
    }
    if let Some((path, _)) = files.iter().find(|(p, _)| p.exists()) {
        print_error(&format!(
            "`{}` already exists; nothing was written",
            display_name(path)
        ));
        eprintln!("help: choose another name with `-o`, or move the existing file");
        return Err(Exit::Invalid);
    }
    // All the files or none (a full disk leaves nothing half-written).
    let bytes: Vec<(PathBuf, Vec<u8>)> = files
        .iter()
        .map(|(p, t)| (p.clone(), t.clone().into_bytes()))
        .collect();
    if let Err((path, e)) = output::write_all_atomic(&bytes) {
        print_error(&format!(
            "cannot write `{}`: {}; nothing was written",
            display_name(&path),
            spec::io_reason(&e)
        ));
        return Err(Exit::Io);
    }
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

/// An embedded name used as a file name: no folders, no hidden or empty names.
pub fn safe_name(name: &str, fallback: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    if base.is_empty() || base.starts_with('.') || base.contains('\0') {
        fallback.to_string()
    } else {
        base.to_string()
    }
}
