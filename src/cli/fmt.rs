//! `motion fmt`: apply the safe typography fixes to spec files in place, keeping their comments,
//! layout and key order (toml_edit), atomically; `--check` prints a diff instead and fails.

use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, Item, Value};

use super::{Exit, output, print_error, report_spec_errors};
use crate::lint::{self, Kind};
use crate::source::{Sources, display_name};
use crate::spec::{self, Lang};

/// Fix French and Dutch typography in specs (spaces, quotes, apostrophes, ellipses …).
///
/// Example: `motion fmt motions/*.toml` or `motion fmt --check motions/forest.toml`
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Spec files to format in place.
    #[arg(required = true, value_name = "SPEC")]
    specs: Vec<PathBuf>,
    /// Change nothing; print what would change and exit with 1 if anything would.
    #[arg(long)]
    check: bool,
    /// How diagnostics are printed: `json` writes one object per line on stdout.
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "human")]
    message_format: crate::diagnostics::MessageFormat,
}

pub fn run(args: Args) -> Exit {
    crate::diagnostics::set_format(args.message_format);
    let mut worst = Exit::Ok;
    let mut changed = Vec::new();
    for path in &args.specs {
        match format_file(path) {
            Ok(Some((old, new))) => {
                if args.check && crate::diagnostics::is_json() {
                    fixes_as_json(path);
                    worst = worst.max(Exit::Invalid);
                } else if args.check {
                    print!("{}", diff(path, &old, &new));
                    worst = worst.max(Exit::Invalid);
                } else if let Err(e) = output::write_atomic(
                    // A symlinked spec is rewritten where it really is: the link stays a link.
                    &std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()),
                    new.as_bytes(),
                ) {
                    print_error(&format!(
                        "cannot write `{}`: {}",
                        display_name(path),
                        spec::io_reason(&e)
                    ));
                    worst = worst.max(Exit::Io);
                    continue;
                }
                changed.push(display_name(path));
            }
            Ok(None) => {}
            Err(exit) => worst = worst.max(exit),
        }
    }
    match (args.check, changed.len()) {
        (_, 0) if worst == Exit::Ok => {}
        (true, n) if n > 0 => eprintln!(
            "{n} spec{} would be reformatted: run `motion fmt`",
            if n == 1 { "" } else { "s" }
        ),
        (false, n) if n > 0 => super::say!("formatted {}", changed.join(", ")),
        _ => {}
    }
    worst
}

/// What `motion fmt` would change, as diagnostics with their machine-applicable replacement.
fn fixes_as_json(path: &Path) {
    let mut sources = Sources::new();
    if let Ok(spec) = spec::load(path, &mut sources) {
        let fixes: Vec<_> = lint::lint(&spec, &sources)
            .into_iter()
            .filter(|d| d.fix.as_ref().is_some_and(|f| f.safe))
            .collect();
        crate::diagnostics::emit(&sources, &fixes);
    }
}

/// The file's text and its formatted text, if they differ.
fn format_file(path: &Path) -> Result<Option<(String, String)>, Exit> {
    let mut sources = Sources::new();
    // Only a valid spec is reformatted: its language and lint settings come from the merge.
    let spec =
        spec::load(path, &mut sources).map_err(|errors| report_spec_errors(&sources, &errors))?;
    let original = sources.get(crate::source::FileId(0)).text.clone();
    // Edited with LF line ends, written back with the file's own (CRLF from Windows editors).
    let crlf = original.contains("\r\n");
    let lf = if crlf {
        original.replace("\r\n", "\n")
    } else {
        original.clone()
    };
    let mut doc: DocumentMut = lf.parse().map_err(|e: toml_edit::TomlError| {
        print_error(&format!("cannot edit `{}`: {e}", display_name(path)));
        Exit::Invalid
    })?;
    let allow: Vec<&str> = spec.lint_allow.iter().map(|a| a.value.as_str()).collect();
    fix_document(doc.as_table_mut(), spec.lang, &allow);
    let formatted = doc.to_string();
    let formatted = if crlf {
        formatted.replace("\n", "\r\n")
    } else {
        formatted
    };
    Ok((formatted != original).then_some((original, formatted)))
}

/// Keys whose strings are motion text, with the rules they get.
fn kind_of<'a>(path: &[&str], siblings: Option<&'a str>) -> Option<Kind<'a>> {
    match path {
        ["title"] | ["preamble"] | ["considerants"] => Some(Kind::Prose),
        ["council", "name" | "short" | "place"] => Some(Kind::Prose),
        ["demands", "condition"] => Some(Kind::Prose),
        ["demands", "verb"] => Some(Kind::Verb),
        ["demands", "text"] => Some(Kind::DemandText {
            verb: siblings.unwrap_or(""),
        }),
        ["signatures", "role" | "name"] | ["authors", "name" | "group"] => Some(Kind::Prose),
        _ => None,
    }
}

fn fix_document(root: &mut toml_edit::Table, lang: Lang, allow: &[&str]) {
    for (key, item) in root.iter_mut() {
        let key = key.get().to_string();
        fix_item(item, &[key.as_str()], lang, allow, None);
    }
}

fn fix_item(item: &mut Item, path: &[&str], lang: Lang, allow: &[&str], verb: Option<&str>) {
    match item {
        Item::Value(value) => fix_value(value, path, lang, allow, verb),
        Item::Table(table) => fix_table(table, path, lang, allow),
        Item::ArrayOfTables(tables) => {
            for table in tables.iter_mut() {
                fix_table(table, path, lang, allow);
            }
        }
        Item::None => {}
    }
}

fn fix_table(table: &mut dyn toml_edit::TableLike, path: &[&str], lang: Lang, allow: &[&str]) {
    let verb = table
        .get("verb")
        .and_then(|v| v.as_str())
        .map(str::to_string);
    for (key, item) in table.iter_mut() {
        let key = key.get().to_string();
        let mut sub = path.to_vec();
        sub.push(&key);
        fix_item(item, &sub, lang, allow, verb.as_deref());
    }
}

fn fix_value(value: &mut Value, path: &[&str], lang: Lang, allow: &[&str], verb: Option<&str>) {
    match value {
        Value::String(s) => {
            let Some(kind) = kind_of(path, verb) else {
                return;
            };
            let fixed = lint::fix_text(s.value(), lang, &kind, allow);
            if fixed != *s.value() {
                let decor = s.decor().clone();
                let raw = s
                    .as_repr()
                    .and_then(|r| r.as_raw().as_str())
                    .unwrap_or("")
                    .to_string();
                *value = same_style(&raw, &fixed);
                *value.decor_mut() = decor;
            }
        }
        Value::Array(array) => {
            for v in array.iter_mut() {
                fix_value(v, path, lang, allow, verb);
            }
        }
        Value::InlineTable(table) => fix_table(table, path, lang, allow),
        _ => {}
    }
}

/// A string value written in the same kind of literal as `raw` (`"…"`, `'…'`, `"""…"""`,
/// `'''…'''`) when it can be, parsed back by toml_edit so the literal is valid; else toml_edit's
/// own choice.
fn same_style(raw: &str, value: &str) -> Value {
    let basic = |s: &str, multiline: bool| {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '"' if !multiline => out.push_str("\\\""),
                '\n' if multiline => out.push('\n'),
                '\t' => out.push('\t'),
                c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
                c => out.push(c),
            }
        }
        // No run of three quotes, nor a quote against the closing delimiter.
        if multiline {
            out = out.replace("\"\"\"", "\"\"\\\"");
            if out.ends_with('"') {
                out.pop();
                out.push_str("\\\"");
            }
        }
        out
    };
    let newline = if raw.starts_with("\"\"\"\r\n") || raw.starts_with("\'\'\'\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let candidate = if let Some(rest) = raw.strip_prefix("\"\"\"") {
        let lead = if rest.starts_with(['\n', '\r']) {
            newline
        } else {
            ""
        };
        Some(format!("\"\"\"{lead}{}\"\"\"", basic(value, true)))
    } else if let Some(rest) = raw.strip_prefix("\'\'\'") {
        let lead = if rest.starts_with(['\n', '\r']) {
            newline
        } else {
            ""
        };
        (!value.contains("\'\'\'") && !value.ends_with('\''))
            .then(|| format!("\'\'\'{lead}{value}\'\'\'"))
    } else if raw.starts_with('\'') {
        (!value.contains(['\'', '\n', '\r'])).then(|| format!("'{value}'"))
    } else {
        Some(format!(
            "\"{}\"",
            basic(value, false)
                .replace('\n', "\\n")
                .replace('\r', "\\r")
        ))
    };
    candidate
        .and_then(|literal| literal.parse::<Value>().ok())
        .filter(|parsed| parsed.as_str() == Some(value))
        .unwrap_or_else(|| Value::from(value))
}

/// A unified diff, as `git diff` shows it.
fn diff(path: &Path, old: &str, new: &str) -> String {
    let name = display_name(path);
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}
