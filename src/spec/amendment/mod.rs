//! Amendment files (DESIGN.md §7): the amendments groups table to a motion, in a file of
//! their own that names the motion. Loading checks every amendment against the motion as
//! merged through `extends`: its target exists, its `find` occurs once, its keys make sense
//! for its action, its vote adds up. Applying them is `crate::amend`'s work.

mod error;
mod model;
mod raw;

use std::path::Path;

use serde::Deserialize;
use toml::de::DeValue;

pub use error::AmendmentError;
pub use model::{Action, Amendment, Amendments, Clause, Status};
pub(crate) use raw::RawFile;

use super::error::SpecError;
use super::model::{Author, Spec, Status as MotionStatus, Text};
use super::raw::{RawAuthor, RawVote, RawVoteNames, fields_of};
use super::sp::{Sp, with_file};
use crate::diagnostics::did_you_mean;
use crate::source::{FileId, Sources, Span};
use raw::RawAmendment;

/// Reads an amendment file and the motion it names, and checks the one against the other.
pub fn load(path: &Path, sources: &mut Sources) -> Result<(Spec, Amendments), Vec<AmendmentError>> {
    let wrap = |errors: Vec<SpecError>| errors.into_iter().map(AmendmentError::from).collect();
    let file = super::read::read_file(path, sources).map_err(|e| wrap(vec![e]))?;
    let raw = parse(file, sources).map_err(wrap)?;
    let header = Span::new(file, 0..0);
    let Some(motion) = raw.motion.clone() else {
        return Err(wrap(vec![SpecError::Missing {
            key: "motion".into(),
            span: Some(header),
            help: "name the motion these amendments change: `motion = \"forest.toml\"`".into(),
        }]));
    };
    let dir = path.parent().unwrap_or(Path::new(""));
    let motion_path = dir.join(&motion.value);
    match crate::files::check(&motion_path) {
        Ok(()) => {}
        Err(crate::files::ReadError::NotFound) => {
            return Err(wrap(vec![SpecError::PathNotFound {
                what: "motion",
                given: motion.value.clone(),
                resolved: motion_path,
                span: motion.span.clone(),
            }]));
        }
        Err(e) => {
            return Err(wrap(vec![SpecError::Unreadable {
                what: "the motion",
                given: motion.value.clone(),
                reason: e.reason(),
                span: motion.span.clone(),
            }]));
        }
    }
    let spec = super::load(&motion_path, sources).map_err(wrap)?;
    let amendments = check(raw, &spec, path, &motion_path, header, sources)?;
    Ok((spec, amendments))
}

/// TOML, keys (with « did you mean ») and types of the file.
fn parse(file: FileId, sources: &Sources) -> Result<RawFile, Vec<SpecError>> {
    let text = &sources.get(file).text;
    let table = super::read::parse_toml(text, file).map_err(|e| vec![e])?;
    let mut errors = Vec::new();
    let check = super::keys::check_table;
    check(
        table.get_ref(),
        fields_of::<RawFile>(),
        None,
        file,
        &mut errors,
    );
    if let Some(list) = table.get_ref().get("amendments")
        && let DeValue::Array(items) = list.get_ref()
    {
        for item in items.iter() {
            let DeValue::Table(t) = item.get_ref() else {
                continue;
            };
            check(
                t,
                fields_of::<RawAmendment>(),
                Some("amendments"),
                file,
                &mut errors,
            );
            for (key, fields, name) in [
                ("authors", fields_of::<RawAuthor>(), "amendments.authors"),
                ("vote", fields_of::<RawVote>(), "amendments.vote"),
            ] {
                match t.get(key).map(|v| v.get_ref()) {
                    Some(DeValue::Table(inner)) => {
                        check(inner, fields, Some(name), file, &mut errors);
                        if let Some(DeValue::Table(names)) = inner.get("names").map(|v| v.get_ref())
                        {
                            let fields = fields_of::<RawVoteNames>();
                            check(
                                names,
                                fields,
                                Some("amendments.vote.names"),
                                file,
                                &mut errors,
                            );
                        }
                    }
                    Some(DeValue::Array(list)) => {
                        for entry in list.iter() {
                            if let DeValue::Table(inner) = entry.get_ref() {
                                check(inner, fields, Some(name), file, &mut errors);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let deserializer = toml::de::Deserializer::from(table);
    with_file(file, || RawFile::deserialize(deserializer)).map_err(|e| {
        let range = e.span().unwrap_or(0..0);
        vec![SpecError::WrongType {
            message: super::extends::friendly_type_error(e.message(), text, &range),
            span: Span::new(file, range),
        }]
    })
}

/// A clause as messages name it.
pub fn clause_name(clause: &Clause) -> String {
    match clause {
        Clause::Title => "the title".into(),
        Clause::Considerant(n) => format!("`considerant-{n}`"),
        Clause::Demand(id) => format!("demand `{id}`"),
    }
}

/// The text of a clause of the motion an amendment's `find` is looked for in.
pub fn clause_text<'a>(spec: &'a Spec, clause: &Clause) -> Option<&'a Text> {
    match clause {
        Clause::Title => Some(&spec.title),
        Clause::Considerant(n) => spec.considerants.get(n.checked_sub(1)?).map(|c| &c.text),
        Clause::Demand(id) => spec.demands.iter().find(|d| &d.id == id).map(|d| &d.text),
    }
}

/// The council's variables as spec text writes them (`{{ council.short }}`, with or without
/// inner spaces) and their values.
pub fn council_variables(spec: &Spec) -> Vec<(String, String)> {
    let c = &spec.council;
    let mut out = Vec::new();
    for (name, value) in [
        ("council.short", Some(&c.short.value)),
        ("council.name", Some(&c.name.value)),
        ("council.place", c.place.as_ref().map(|p| &p.value)),
    ] {
        if let Some(value) = value {
            out.push((format!("{{{{ {name} }}}}"), value.clone()));
            out.push((format!("{{{{{name}}}}}"), value.clone()));
        }
    }
    out
}

/// The text as a councillor reads it in the PDF, where `find` may quote it: the council's
/// variables replaced by their values.
pub fn with_council(text: &str, spec: &Spec) -> String {
    council_variables(spec)
        .into_iter()
        .fold(text.to_string(), |out, (pattern, value)| {
            out.replace(&pattern, &value)
        })
}

/// Where `find` stands in `text`: every occurrence's byte range.
pub fn occurrences(text: &str, find: &str) -> Vec<std::ops::Range<usize>> {
    if find.is_empty() {
        return Vec::new();
    }
    text.match_indices(find)
        .map(|(at, m)| at..at + m.len())
        .collect()
}

/// Whether a range cuts a `{{ … }}` of `text` in two.
pub fn cuts_variable(text: &str, range: &std::ops::Range<usize>) -> bool {
    let mut at = 0;
    while let Some(start) = text[at..].find("{{").map(|i| at + i) {
        let end = text[start..]
            .find("}}")
            .map_or(text.len(), |i| start + i + 2);
        let inside = |p: usize| p > start && p < end;
        if inside(range.start) || inside(range.end) {
            return true;
        }
        at = end;
    }
    false
}

fn is_amendment_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 32
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn check(
    raw: RawFile,
    spec: &Spec,
    path: &Path,
    motion: &Path,
    header: Span,
    sources: &Sources,
) -> Result<Amendments, Vec<AmendmentError>> {
    let mut errors: Vec<AmendmentError> = Vec::new();
    let mut spec_errors: Vec<SpecError> = Vec::new();
    let date = raw
        .date
        .and_then(|d| super::validate::date(d, &mut spec_errors));
    let list = raw.amendments.map(|a| a.value).unwrap_or_default();
    if list.is_empty() {
        spec_errors.push(SpecError::Missing {
            key: "amendments".into(),
            span: Some(header.clone()),
            help: "add an `[[amendments]]` table per amendment, with `id`, `target` and `action`"
                .into(),
        });
    }
    let env = minijinja::Environment::new();
    let mut out: Vec<Amendment> = Vec::new();
    let mut seen: Vec<Text> = Vec::new();
    // Demand ids the motion has, and those earlier amendments insert (with where).
    let mut demand_ids: Vec<(String, Option<Span>)> =
        spec.demands.iter().map(|d| (d.id.clone(), None)).collect();
    for entry in list {
        let table = super::validate::first_line(sources, &entry.span);
        let a = entry.value;
        let mut required = |value: Option<Sp<String>>, key: &str, help: &str| {
            super::validate::required_text(value, key, Some(&table), &table, help, &mut spec_errors)
        };
        let id = required(a.id, "id", "add `id = \"A1\"`: amendments are cited by it");
        let target = required(
            a.target,
            "target",
            "add `target = \"…\"`: a demand id, `considerant-N` or `title`",
        );
        let action = required(
            a.action,
            "action",
            "add `action = \"replace\"` (or `delete`, `insert-after`, `insert-before`)",
        );
        let (Some(id), Some(target), Some(action_text)) = (id, target, action) else {
            continue;
        };
        if !is_amendment_id(&id.value) {
            errors.push(AmendmentError::BadId {
                id: id.value.clone(),
                span: id.span.clone(),
            });
        }
        if let Some(first) = seen.iter().find(|s| s.value == id.value) {
            errors.push(AmendmentError::DuplicateId {
                id: id.value.clone(),
                span: id.span.clone(),
                first: first.span.clone(),
            });
        } else {
            seen.push(id.clone());
        }
        let codes: Vec<&str> = Action::ALL.iter().map(|(c, _)| *c).collect();
        let Some(action) = Action::ALL
            .iter()
            .find(|(c, _)| *c == action_text.value.trim())
            .map(|(_, a)| *a)
        else {
            errors.push(AmendmentError::UnknownAction {
                suggestion: did_you_mean(&action_text.value, codes.iter().copied())
                    .or_else(|| french_action(&action_text.value))
                    .and_then(|s| codes.iter().copied().find(|c| *c == s)),
                given: action_text.value.clone(),
                span: action_text.span.clone(),
            });
            continue;
        };
        let status = match &a.status {
            None => Status::Depose,
            Some(s) => match Status::parse(&s.value) {
                Some(status) => status,
                None => {
                    let words = ["depose", "adopte", "rejete", "retire"];
                    errors.push(AmendmentError::UnknownStatus {
                        suggestion: did_you_mean(&s.value, words)
                            .and_then(|m| words.into_iter().find(|w| *w == m)),
                        given: s.value.clone(),
                        span: s.span.clone(),
                    });
                    continue;
                }
            },
        };
        let Some(clause) = resolve_target(&target, spec, &demand_ids, &mut errors) else {
            continue;
        };
        let name = clause_name(&clause);
        let useless = |key: &'static str, value: &Option<Sp<String>>, errors: &mut Vec<_>| {
            if let Some(v) = value {
                errors.push(AmendmentError::Useless {
                    key,
                    action: action.code(),
                    clause: name.clone(),
                    span: v.span.clone(),
                });
            }
        };
        match (action, &clause) {
            (Action::Delete, Clause::Title) => errors.push(AmendmentError::TitleAction {
                what: "deleted",
                span: target.span.clone(),
            }),
            (Action::InsertAfter | Action::InsertBefore, Clause::Title) => {
                errors.push(AmendmentError::TitleAction {
                    what: "the place of an insertion",
                    span: target.span.clone(),
                });
            }
            (Action::Replace, _) => {
                if a.text.is_none() && a.verb.is_none() {
                    errors.push(AmendmentError::NothingToReplace {
                        span: table.clone(),
                    });
                }
                if !matches!(clause, Clause::Demand(_)) {
                    useless("verb", &a.verb, &mut errors);
                }
                useless("new_id", &a.new_id, &mut errors);
            }
            (Action::Delete, _) => {
                useless("text", &a.text, &mut errors);
                useless("verb", &a.verb, &mut errors);
                useless("new_id", &a.new_id, &mut errors);
            }
            (Action::InsertAfter | Action::InsertBefore, _) => {
                useless("find", &a.find, &mut errors);
                if a.text.is_none() {
                    errors.push(AmendmentError::MissingText {
                        action: action.code(),
                        span: table.clone(),
                    });
                }
                match clause {
                    Clause::Demand(_) if a.verb.is_none() => {
                        errors.push(AmendmentError::InsertWithoutVerb {
                            span: table.clone(),
                        });
                    }
                    Clause::Considerant(_) => {
                        useless("verb", &a.verb, &mut errors);
                        useless("new_id", &a.new_id, &mut errors);
                    }
                    _ => {}
                }
            }
        }
        // `find`: once, in the clause as the motion writes it or as it reads.
        if let Some(find) = &a.find
            && let Some(text) = clause_text(spec, &clause)
        {
            let raw_hits = occurrences(&text.value, &find.value);
            let read = with_council(&text.value, spec);
            let hits = if raw_hits.is_empty() {
                occurrences(&read, &find.value)
            } else {
                raw_hits.clone()
            };
            if hits.len() != 1 {
                errors.push(AmendmentError::FindCount {
                    count: hits.len(),
                    clause: name.clone(),
                    text: read,
                    span: find.span.clone(),
                });
            } else if !raw_hits.is_empty() && cuts_variable(&text.value, &raw_hits[0]) {
                errors.push(AmendmentError::FindCutsVariable {
                    clause: name.clone(),
                    span: find.span.clone(),
                });
            }
        }
        // An inserted demand's id: a slug no other demand has.
        let new_id = if action.inserts() && matches!(clause, Clause::Demand(_)) {
            let (value, span) = match &a.new_id {
                Some(n) => (n.value.clone(), n.span.clone()),
                None => (id.value.to_lowercase(), id.span.clone()),
            };
            if !super::validate::is_slug(&value) {
                errors.push(AmendmentError::BadNewId {
                    id: value.clone(),
                    span: span.clone(),
                });
            } else if let Some((_, first)) = demand_ids.iter().find(|(d, _)| *d == value) {
                errors.push(AmendmentError::NewIdTaken {
                    id: value.clone(),
                    span: span.clone(),
                    first: first.clone(),
                });
            } else {
                demand_ids.push((value.clone(), Some(span)));
            }
            Some(value)
        } else {
            None
        };
        let texts = [&a.find, &a.text, &a.verb, &a.justification];
        for text in texts.into_iter().flatten() {
            spec_errors.extend(super::vars::character_error(text, sources));
        }
        for text in [&a.text, &a.verb].into_iter().flatten() {
            spec_errors.extend(super::vars::text_errors(spec, &env, text, sources));
        }
        let authors = a
            .authors
            .map(|l| l.value)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|author| {
                let span = super::validate::first_line(sources, &author.span);
                let name = super::validate::required_text(
                    author.value.name,
                    "authors.name",
                    Some(&span),
                    &span,
                    "add `name = \"…\"`",
                    &mut spec_errors,
                )?;
                Some(Author {
                    name,
                    group: author.value.group,
                })
            })
            .collect();
        let vote = a.vote.and_then(|v| {
            let motion_status = match status {
                Status::Adopte => MotionStatus::Adopte,
                Status::Rejete => MotionStatus::Rejete,
                Status::Depose | Status::Retire => {
                    errors.push(AmendmentError::VoteNotVoted {
                        span: super::validate::first_line(sources, &v.span),
                    });
                    return None;
                }
            };
            let before = spec_errors.len();
            let vote = super::validate::vote(
                v,
                motion_status,
                a.status.as_ref().map(|s| &s.span),
                &spec.attendance,
                sources,
                &mut spec_errors,
            );
            for e in &mut spec_errors[before..] {
                if let SpecError::MajorityMismatch { subject, .. } = e {
                    *subject = "amendment";
                }
            }
            vote
        });
        out.push(Amendment {
            id,
            authors,
            target,
            clause,
            action,
            find: a.find,
            text: a.text,
            verb: a.verb,
            new_id,
            justification: a.justification.filter(|j| !j.value.trim().is_empty()),
            status,
            vote,
            span: table,
        });
    }
    errors.extend(spec_errors.into_iter().map(AmendmentError::from));
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Amendments {
        path: path.to_path_buf(),
        motion: motion.to_path_buf(),
        date,
        list: out,
    })
}

/// The English action a French word means.
fn french_action(word: &str) -> Option<&'static str> {
    let word = word.trim().to_lowercase();
    if word.starts_with("rempla") || word.starts_with("vervang") {
        Some("replace")
    } else if word.starts_with("suppr") || word.starts_with("schrap") {
        Some("delete")
    } else if ["après", "apres", "after", "na "]
        .iter()
        .any(|w| word.contains(w))
    {
        Some("insert-after")
    } else if ["avant", "before", "voor", "vóór"]
        .iter()
        .any(|w| word.contains(w))
    {
        Some("insert-before")
    } else {
        None
    }
}

/// `title`, `considerant-N` (within the motion's), or a demand id (the motion's or an
/// earlier amendment's `new_id`).
fn resolve_target(
    target: &Text,
    spec: &Spec,
    demand_ids: &[(String, Option<Span>)],
    errors: &mut Vec<AmendmentError>,
) -> Option<Clause> {
    let given = target.value.trim();
    if given == "title" {
        return Some(Clause::Title);
    }
    if let Some(n) = given
        .strip_prefix("considerant-")
        .and_then(|n| n.parse::<usize>().ok())
        && (1..=spec.considerants.len()).contains(&n)
    {
        return Some(Clause::Considerant(n));
    }
    if demand_ids.iter().any(|(id, _)| id == given) {
        return Some(Clause::Demand(given.to_string()));
    }
    let mut known: Vec<String> = demand_ids.iter().map(|(id, _)| id.clone()).collect();
    known.extend((1..=spec.considerants.len()).map(|n| format!("considerant-{n}")));
    known.push("title".into());
    errors.push(AmendmentError::UnknownTarget {
        given: given.to_string(),
        suggestion: did_you_mean(given, known.iter().map(String::as_str)).map(str::to_string),
        known,
        span: target.span.clone(),
    });
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_are_not_cut() {
        let text = "les responsables du {{ council.short }} se portent";
        let at = text.find("{{").unwrap();
        assert!(cuts_variable(text, &(at + 3..at + 10)));
        assert!(!cuts_variable(text, &(0..at + "{{ council.short }}".len())));
        assert!(!cuts_variable(text, &(0..4)));
    }
}
