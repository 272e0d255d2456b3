//! `--message-format json`: one JSON object per diagnostic and per line, in the spirit of
//! cargo's, for editors and CI (the fields are listed in the README).

use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::{Value, json};

use super::{Diagnostic, Severity};
use crate::source::{Sources, Span};

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum MessageFormat {
    /// rustc-style text with the source line and a caret.
    #[default]
    Human,
    /// One JSON object per line, on stdout.
    Json,
}

static JSON: AtomicBool = AtomicBool::new(false);

/// Chooses the format for the rest of the run (set once, from the command line).
pub fn set_format(format: MessageFormat) {
    JSON.store(format == MessageFormat::Json, Ordering::Relaxed);
}

pub fn is_json() -> bool {
    JSON.load(Ordering::Relaxed)
}

/// The diagnostics as JSON lines.
pub fn lines(sources: &Sources, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&object(sources, d).to_string());
        out.push('\n');
    }
    out
}

fn position(sources: &Sources, span: &Span) -> Value {
    let file = sources.get(span.file);
    let (line, column) = file.line_col(span.range.start);
    let (end_line, end_column) = file.line_col(span.range.end);
    json!({
        "file": file.name,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "byte_start": span.range.start,
        "byte_end": span.range.end,
    })
}

/// One diagnostic: where its primary label points (`file`, `line`, `column` 1-based in
/// characters, `byte_start`/`byte_end` in the file), every label, help and notes apart.
pub fn object(sources: &Sources, d: &Diagnostic) -> Value {
    let primary = d.labels.iter().find(|l| l.primary).or(d.labels.first());
    let mut o = json!({
        "type": "diagnostic",
        "severity": match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        "code": d.code,
        "message": d.message,
    });
    let map = o.as_object_mut().expect("an object");
    if let Some(label) = primary {
        if let Value::Object(pos) = position(sources, &label.span) {
            map.extend(pos);
        }
    } else {
        for key in [
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "byte_start",
            "byte_end",
        ] {
            map.insert(key.into(), Value::Null);
        }
    }
    let labels: Vec<Value> = d
        .labels
        .iter()
        .map(|l| {
            let mut v = position(sources, &l.span);
            v["message"] = json!(l.message);
            v["primary"] = json!(l.primary);
            v
        })
        .collect();
    map.insert("labels".into(), json!(labels));
    let (help, notes): (Vec<&String>, Vec<&String>) =
        d.notes.iter().partition(|n| n.starts_with("help: "));
    map.insert(
        "help".into(),
        json!(
            help.iter()
                .map(|h| h.trim_start_matches("help: "))
                .collect::<Vec<_>>()
        ),
    );
    map.insert(
        "notes".into(),
        json!(
            notes
                .iter()
                .map(|n| n.trim_start_matches("note: "))
                .collect::<Vec<_>>()
        ),
    );
    map.insert(
        "replacement".into(),
        match &d.fix {
            Some(fix) => json!({
                "text": fix.replacement,
                "applicability": if fix.safe { "machine-applicable" } else { "maybe-incorrect" },
            }),
            None => Value::Null,
        },
    );
    o
}
