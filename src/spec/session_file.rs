//! Session files (DESIGN.md §10): a sitting's agenda, `motions = [...]` in agenda order, with
//! the title and date of the session and an attendance given to the motions that have none.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::de::DeValue;

use super::error::{SessionProblem, SpecError};
use super::keys::check_table;
use super::model::{Date, Spec, Text};
use super::raw::{RawAttendee, fields_of};
use super::read::{parse_toml, read_file};
use super::sp::{Sp, with_file};
use crate::source::{Sources, Span};

/// A session file as written.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSessionFile {
    #[schemars(description = "The session's title: « Séance du Conseil de l’Action sociale ».")]
    pub title: Option<Sp<String>>,
    #[schemars(
        description = "The session date, without quotes: 2024-03-21.",
        with = "Option<super::schema::TomlDate>"
    )]
    pub date: Option<Sp<toml::Value>>,
    #[schemars(
        description = "The motions, in agenda order, relative to this file; the position is the item number unless a motion sets `[session] item`."
    )]
    pub motions: Option<Sp<Vec<Sp<String>>>>,
    #[schemars(
        description = "`projet` (the councillors' file) or `extrait` (the register's extracts)."
    )]
    pub variant: Option<Sp<String>>,
    #[schemars(
        description = "Who sat: given to every motion that has no `[[attendance]]` of its own."
    )]
    pub attendance: Option<Sp<Vec<Sp<RawAttendee>>>>,
}

/// A checked session file.
#[derive(Debug, Clone)]
pub struct SessionFile {
    pub path: PathBuf,
    pub title: Option<Text>,
    pub date: Option<Date>,
    /// Each motion's path (resolved against the session file) and where it is listed.
    pub motions: Vec<(PathBuf, Span)>,
    /// `projet` or `extrait`, when the session says.
    pub variant: Option<String>,
    pub attendance: Option<Sp<Vec<Sp<RawAttendee>>>>,
    /// The start of the file, for what is missing altogether.
    pub file: Span,
}

/// Reads and checks a session file; the motions are loaded by [`load_motion`].
pub fn load(path: &Path, sources: &mut Sources) -> Result<SessionFile, Vec<SpecError>> {
    let file = read_file(path, sources).map_err(|e| vec![e])?;
    let text = &sources.get(file).text;
    let table = parse_toml(text, file).map_err(|e| vec![e])?;
    let mut errors = Vec::new();
    check_table(
        table.get_ref(),
        fields_of::<RawSessionFile>(),
        None,
        file,
        &mut errors,
    );
    if let Some(DeValue::Array(items)) = table.get_ref().get("attendance").map(|v| v.get_ref()) {
        for item in items.iter() {
            if let DeValue::Table(t) = item.get_ref() {
                check_table(
                    t,
                    fields_of::<RawAttendee>(),
                    Some("attendance"),
                    file,
                    &mut errors,
                );
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let deserializer = toml::de::Deserializer::from(table);
    let raw = with_file(file, || RawSessionFile::deserialize(deserializer)).map_err(|e| {
        let range = e.span().unwrap_or(0..0);
        vec![SpecError::WrongType {
            message: super::extends::friendly_type_error(e.message(), text, &range),
            span: Span::new(file, range),
        }]
    })?;
    let start = Span::new(file, 0..0);
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let date = raw.date.and_then(|d| super::validate::date(d, &mut errors));
    let variant = raw.variant.and_then(|v| match v.value.as_str() {
        "projet" | "extrait" => Some(v.value),
        other => {
            errors.push(SpecError::Session(Box::new(SessionProblem {
                message: format!("unknown variant `{other}` for a session"),
                span: v.span,
                label: "expected `projet` or `extrait`".into(),
                help: "`projet` gives the councillors' file, `extrait` the register's extracts"
                    .into(),
                other: None,
            })));
            None
        }
    });
    let mut motions: Vec<(PathBuf, Span)> = Vec::new();
    match raw.motions {
        Some(list) if !list.value.is_empty() => {
            for entry in list.value {
                let resolved = dir.join(&entry.value);
                let canonical = std::fs::canonicalize(&resolved).ok();
                if let Some((_, first)) = motions.iter().find(|(p, _)| {
                    canonical.is_some() && std::fs::canonicalize(p).ok() == canonical
                }) {
                    errors.push(SpecError::Session(Box::new(SessionProblem {
                        message: format!("`{}` is on the agenda twice", entry.value),
                        span: entry.span.clone(),
                        label: "listed again here".into(),
                        help: "each motion is one item of the agenda".into(),
                        other: Some((first.clone(), "first listed here".into())),
                    })));
                    continue;
                }
                match crate::files::check(&resolved) {
                    Ok(()) => motions.push((resolved, entry.span)),
                    Err(crate::files::ReadError::NotFound) => {
                        errors.push(SpecError::PathNotFound {
                            what: "motion",
                            given: entry.value.clone(),
                            resolved,
                            span: entry.span,
                        });
                    }
                    Err(e) => errors.push(SpecError::Unreadable {
                        what: "the motion",
                        given: entry.value.clone(),
                        reason: e.reason(),
                        span: entry.span,
                    }),
                }
            }
        }
        Some(list) => errors.push(SpecError::Session(Box::new(SessionProblem {
            message: "the session lists no motion".into(),
            span: list.span,
            label: "empty".into(),
            help:
                "list the motions in agenda order: `motions = [\"forest.toml\", \"energie.toml\"]`"
                    .into(),
            other: None,
        }))),
        None => missing_motions(&mut errors, &start),
    }
    if errors.is_empty() {
        Ok(SessionFile {
            path: path.to_path_buf(),
            title: raw.title,
            date,
            motions,
            variant,
            attendance: raw.attendance,
            file: start,
        })
    } else {
        Err(errors)
    }
}

/// A session file is recognised by its `motions`; one loaded without is a usage mistake.
fn missing_motions(errors: &mut Vec<SpecError>, start: &Span) {
    errors.push(SpecError::Session(Box::new(SessionProblem {
        message: "a session file lists its motions".into(),
        span: start.clone(),
        label: "no `motions` here".into(),
        help: "add `motions = [\"forest.toml\"]`, in agenda order".into(),
        other: None,
    })));
}

/// A motion of the session, loaded as `motion check` would, with the session's attendance
/// when it has none of its own.
pub fn load_motion(
    session: &SessionFile,
    path: &Path,
    sources: &mut Sources,
) -> Result<Spec, Vec<SpecError>> {
    super::load_with_attendance(path, session.attendance.as_ref(), sources)
}

/// The item number of each motion: its own `[session] item`, else its position; the same
/// number twice is an error pointing at both.
pub fn item_numbers(session: &SessionFile, specs: &[Spec]) -> Result<Vec<String>, Vec<SpecError>> {
    let mut numbers: Vec<(String, Span)> = Vec::new();
    let mut errors = Vec::new();
    for (position, (spec, (_, listed))) in specs.iter().zip(&session.motions).enumerate() {
        let (number, span) = match spec.session.as_ref().and_then(|s| s.item.as_ref()) {
            Some(item) => (item.value.clone(), item.span.clone()),
            None => ((position + 1).to_string(), listed.clone()),
        };
        if let Some((_, first)) = numbers.iter().find(|(n, _)| *n == number) {
            errors.push(SpecError::Session(Box::new(SessionProblem {
                message: format!("item {number} is on the agenda twice"),
                span: span.clone(),
                label: format!("item {number} again"),
                help: "give each motion its own `[session] item`, or leave them to follow the \
                       order of `motions`"
                    .into(),
                other: Some((first.clone(), format!("item {number} first"))),
            })));
        }
        numbers.push((number, span));
    }
    if errors.is_empty() {
        Ok(numbers.into_iter().map(|(n, _)| n).collect())
    } else {
        Err(errors)
    }
}
