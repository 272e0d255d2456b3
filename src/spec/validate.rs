//! From the merged raw layer to a [`Spec`]: required keys, dates, ids, vote arithmetic, paths.
//! Every problem is collected, so a clerk fixes a file in one go.

use std::path::{Path, PathBuf};

use super::error::SpecError;
use super::model::*;
use super::raw::{RawSpec, RawVote};
use super::register;
use super::sp::Sp;
use crate::source::{FileId, Sources, Span};

/// Checks the merged layer and builds the spec.
pub fn validate(raw: RawSpec, root: FileId, sources: &Sources) -> Result<Spec, Vec<SpecError>> {
    let mut errors = Vec::new();
    let path = sources.get(root).path.clone();
    let file_start = Span::new(root, 0..0);

    let title = required_text(
        raw.title,
        "title",
        None,
        &file_start,
        "add `title = \"…\"` at the top of the spec",
        &mut errors,
    );
    let status_span = raw.status.as_ref().map(|s| s.span.clone());
    let status = raw.status.map_or(Status::Projet, |s| s.value);
    let spans = KeySpans {
        date: raw.date.as_ref().map(|d| d.span.clone()),
        status: status_span.clone(),
        vote: raw.vote.as_ref().map(|v| first_line(sources, &v.span)),
        preamble: raw.preamble.as_ref().map(|p| first_line(sources, &p.span)),
        file: Some(file_start.clone()),
    };
    let date = raw.date.and_then(|d| date(d, &mut errors));

    let council = match raw.council {
        Some(c) => {
            let table = first_line(sources, &c.span);
            let c = c.value;
            let name = required_text(
                c.name,
                "council.name",
                Some(&table),
                &table,
                "add `name = \"Conseil de l'Action Sociale du CPAS de …\"` under `[council]`",
                &mut errors,
            );
            let short = match c.short {
                Some(s) => Some(non_empty(s, "council.short", &mut errors)),
                None => name.clone(),
            };
            let place = c.place.map(|p| non_empty(p, "council.place", &mut errors));
            let logo_span = c.logo.as_ref().map(|l| l.span.clone());
            let logo = c.logo.filter(|l| !l.value.is_empty()).and_then(|l| {
                let span = l.span.clone();
                let given = l.value.clone();
                let path = existing_path(l, "logo", false, sources, &mut errors)?;
                // The image itself, as the render will read it: `check` passes only a
                // logo `render` accepts.
                match crate::image::read(&path) {
                    Ok(_) => Some(path),
                    Err(reason) => {
                        errors.push(SpecError::Unreadable {
                            what: "the logo",
                            given,
                            reason,
                            span,
                        });
                        None
                    }
                }
            });
            match (name, short) {
                (Some(name), Some(short)) => Some(Council {
                    name,
                    short,
                    place,
                    logo,
                    logo_span,
                }),
                _ => None,
            }
        }
        None => {
            errors.push(SpecError::Missing {
                key: "[council]".into(),
                span: Some(file_start.clone()),
                help: "add a `[council]` table with `name = \"…\"` (the acting body)".into(),
            });
            None
        }
    };

    let demands = demands(raw.demands, &file_start, sources, &mut errors);
    let session = register::session(raw.session, &mut errors);
    let attendance = register::attendance(raw.attendance, sources, &mut errors);
    let vote = raw.vote.and_then(|v| {
        vote(
            v,
            status,
            status_span.as_ref(),
            &attendance,
            sources,
            &mut errors,
        )
    });

    let considerants = raw
        .considerants
        .map(|list| list.value)
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(i, text)| Considerant {
            id: format!("considerant-{}", i + 1),
            text: non_empty(text, "considerants", &mut errors),
        })
        .collect();

    let signatures = raw
        .signatures
        .map(|s| s.value)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|s| {
            let span = first_line(sources, &s.span);
            let role = required_text(
                s.value.role,
                "signatures.role",
                Some(&span),
                &span,
                "add `role = \"Le Secrétaire\"`",
                &mut errors,
            )?;
            Some(Signature {
                role,
                name: s.value.name,
            })
        })
        .collect();

    let authors = raw
        .authors
        .map(|s| s.value)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|a| {
            let span = first_line(sources, &a.span);
            let name = required_text(
                a.value.name,
                "authors.name",
                Some(&span),
                &span,
                "add `name = \"…\"`",
                &mut errors,
            )?;
            Some(Author {
                name,
                group: a.value.group,
            })
        })
        .collect();

    let template = raw
        .template
        .and_then(|t| existing_path(t, "template folder", true, sources, &mut errors));
    let translation = raw.translation.and_then(|t| {
        let span = t.span.clone();
        existing_path(t, "translation", false, sources, &mut errors).map(|p| (p, span))
    });
    let preamble = raw.preamble.filter(|p| !p.value.trim().is_empty());

    if !errors.is_empty() {
        return Err(errors);
    }
    let (Some(title), Some(council)) = (title, council) else {
        return Err(errors);
    };
    Ok(Spec {
        path,
        template,
        translation,
        spans,
        lang: raw.lang.map_or(Lang::Fr, |l| l.value),
        kind: raw.kind.map_or(Kind::Motion, |k| k.value),
        title,
        date,
        status,
        reference: raw.reference.filter(|r| !r.value.trim().is_empty()),
        authors,
        preamble,
        considerants,
        council,
        demands,
        vote,
        signatures,
        session,
        attendance,
        lint_allow: raw
            .lint
            .and_then(|l| l.value.allow)
            .map(|a| a.value)
            .unwrap_or_default(),
    })
}

/// The first line of a span: a table's header rather than its whole body.
pub(super) fn first_line(sources: &Sources, span: &Span) -> Span {
    let text = sources.text(span);
    let len = text.find('\n').unwrap_or(text.len());
    Span::new(span.file, span.range.start..span.range.start + len)
}

pub(super) fn non_empty(text: Sp<String>, key: &str, errors: &mut Vec<SpecError>) -> Text {
    if text.value.trim().is_empty() {
        errors.push(SpecError::EmptyValue {
            key: key.to_string(),
            span: text.span.clone(),
        });
    }
    text
}

pub(super) fn required_text(
    text: Option<Sp<String>>,
    key: &str,
    table: Option<&Span>,
    fallback: &Span,
    help: &str,
    errors: &mut Vec<SpecError>,
) -> Option<Text> {
    match text {
        Some(t) => Some(non_empty(t, key, errors)),
        None => {
            errors.push(SpecError::Missing {
                key: key.to_string(),
                span: Some(table.unwrap_or(fallback).clone()),
                help: help.to_string(),
            });
            None
        }
    }
}

pub(super) fn date(value: Sp<toml::Value>, errors: &mut Vec<SpecError>) -> Option<Date> {
    let found = match &value.value {
        toml::Value::Datetime(dt) => match (dt.date, dt.time) {
            (Some(d), None) => {
                return Some(Date {
                    year: d.year,
                    month: d.month,
                    day: d.day,
                });
            }
            (Some(_), Some(_)) => {
                errors.push(SpecError::DateWithTime { span: value.span });
                return None;
            }
            (None, _) => "a time of day",
        },
        toml::Value::String(_) => "a string",
        toml::Value::Integer(_) => "a number",
        toml::Value::Float(_) => "a number",
        toml::Value::Boolean(_) => "a boolean",
        toml::Value::Array(_) => "an array",
        toml::Value::Table(_) => "a table",
    };
    let suggestion = match &value.value {
        toml::Value::String(s) => suggest_date(s),
        _ => None,
    };
    errors.push(SpecError::BadDate {
        found: found.to_string(),
        suggestion,
        span: value.span,
    });
    None
}

/// « 24/01/2017 », « 24-1-2017 », « 24.01.2017 » or « 2017-01-24 » as a TOML date.
fn suggest_date(s: &str) -> Option<String> {
    let parts: Vec<&str> = s.trim().split(['/', '-', '.']).collect();
    let nums: Vec<u32> = parts
        .iter()
        .map(|p| p.trim().parse().ok())
        .collect::<Option<_>>()?;
    let (y, m, d) = match (parts.len(), parts.first().map(|p| p.len())) {
        (3, Some(4)) => (nums[0], nums[1], nums[2]),
        (3, _) if parts[2].len() == 4 => (nums[2], nums[1], nums[0]),
        _ => return None,
    };
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

pub(super) fn is_slug(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

fn demands(
    raw: Option<Sp<Vec<Sp<super::raw::RawDemand>>>>,
    file_start: &Span,
    sources: &Sources,
    errors: &mut Vec<SpecError>,
) -> Vec<Demand> {
    let list = raw.map(|d| d.value).unwrap_or_default();
    if list.is_empty() {
        errors.push(SpecError::Missing {
            key: "demands".into(),
            span: Some(file_start.clone()),
            help: "add at least one `[[demands]]` with `verb = \"demande\"` and `text = \"…\"`"
                .into(),
        });
    }
    let mut seen: Vec<(String, Span)> = Vec::new();
    let mut out = Vec::new();
    for d in list {
        let table = first_line(sources, &d.span);
        let d = d.value;
        // Ids are assigned by position during loading; a missing one cannot happen.
        let Some(id) = d.id else { continue };
        if id.value.starts_with("considerant-") {
            errors.push(SpecError::ReservedId {
                id: id.value.clone(),
                span: id.span.clone(),
            });
        } else if !is_slug(&id.value) {
            errors.push(SpecError::BadId {
                id: id.value.clone(),
                span: id.span.clone(),
            });
        }
        match seen.iter().find(|(s, _)| *s == id.value) {
            Some((_, first)) => errors.push(SpecError::DuplicateId {
                id: id.value.clone(),
                span: id.span.clone(),
                first: first.clone(),
            }),
            None => seen.push((id.value.clone(), id.span.clone())),
        }
        let verb = required_text(
            d.verb,
            "verb",
            Some(&table),
            &table,
            "add the operative verb: `verb = \"demande\"`",
            errors,
        );
        let text = required_text(
            d.text,
            "text",
            Some(&table),
            &table,
            "add what the council demands: `text = \"que …\"`",
            errors,
        );
        let condition = d.condition.map(|c| non_empty(c, "condition", errors));
        if let (Some(verb), Some(text)) = (verb, text) {
            out.push(Demand {
                span: table.clone(),
                id: id.value,
                verb,
                condition,
                text,
            });
        }
    }
    out
}

pub(super) fn vote(
    raw: Sp<RawVote>,
    status: Status,
    status_span: Option<&Span>,
    attendance: &[Attendee],
    sources: &Sources,
    errors: &mut Vec<SpecError>,
) -> Option<Vote> {
    let span = first_line(sources, &raw.span);
    let mut v = raw.value;
    if status == Status::Projet {
        errors.push(SpecError::VoteOnProjet { span });
        return None;
    }
    let lists = register::Lists::of(v.names.take(), sources);
    // A count left out is the length of its roll-call list.
    let listed = |pick: fn(&register::Lists) -> Option<&Sp<Vec<Text>>>| {
        lists
            .as_ref()
            .and_then(pick)
            .map(|l| u32::try_from(l.value.len()).unwrap_or(u32::MAX))
    };
    let count = |n: &Option<Sp<u32>>, listed: Option<u32>| {
        n.as_ref().map(|n| n.value).or(listed).unwrap_or(0)
    };
    let for_listed = listed(|l| l.for_.as_ref());
    let mut vote = Vote {
        // Without `present`, the attendance says who sat.
        present: v.present.as_ref().map(|p| p.value).or_else(|| {
            (!attendance.is_empty())
                .then(|| u32::try_from(register::attending(attendance)).unwrap_or(u32::MAX))
        }),
        for_: count(&v.for_, for_listed),
        against: count(&v.against, listed(|l| l.against.as_ref())),
        abstain: count(&v.abstain, listed(|l| l.abstain.as_ref())),
        unanimous: v.unanimous.as_ref().is_some_and(|u| u.value),
        secret: v.secret.as_ref().is_some_and(|s| s.value),
        names: None,
    };
    let before = errors.len();
    let status_span = status_span.cloned().unwrap_or_else(|| span.clone());
    if vote.unanimous {
        if let Some(dissent) = v
            .against
            .as_ref()
            .filter(|a| a.value > 0)
            .or(v.abstain.as_ref().filter(|a| a.value > 0))
        {
            errors.push(SpecError::UnanimousWithDissent {
                span: dissent.span.clone(),
            });
        }
        if status != Status::Adopte {
            errors.push(SpecError::UnanimousNotAdopted {
                status: status.code().to_string(),
                span: status_span,
            });
        }
    } else if v.for_.is_none() && for_listed.is_none() {
        errors.push(SpecError::VoteWithoutFor { span: span.clone() });
    } else {
        // Art. 100 of the Nouvelle loi communale: majority of votes cast; a tie rejects.
        let adopted = vote.for_ > vote.against;
        let outcome_status = if adopted {
            Status::Adopte
        } else {
            Status::Rejete
        };
        if outcome_status != status {
            errors.push(SpecError::MajorityMismatch {
                subject: "motion",
                for_: vote.for_,
                against: vote.against,
                outcome: if adopted { "adopted" } else { "rejected" },
                status: status.code(),
                span: status_span,
            });
        }
    }
    if let Some(present) = vote.present {
        // Summed in u64: three u32 counts cannot overflow it.
        let total = u64::from(vote.for_) + u64::from(vote.against) + u64::from(vote.abstain);
        if total > u64::from(present) {
            errors.push(SpecError::VoteExceedsPresent {
                for_: vote.for_,
                against: vote.against,
                abstain: vote.abstain,
                total,
                present,
                span: v.present.as_ref().map_or(span.clone(), |p| p.span.clone()),
            });
        }
    }
    register::check_present(&v, attendance, errors);
    if let Some(lists) = lists {
        vote.names = register::roll_call(lists, &v, &vote, attendance, errors);
    }
    (errors.len() == before).then_some(vote)
}

fn existing_path(
    path: Sp<String>,
    what: &'static str,
    dir: bool,
    sources: &Sources,
    errors: &mut Vec<SpecError>,
) -> Option<PathBuf> {
    let resolved = PathBuf::from(&path.value);
    let given = sources
        .text(&path.span)
        .trim_matches(['"', '\''])
        .to_string();
    let problem = if dir {
        match std::fs::metadata(&resolved) {
            Ok(m) if m.is_dir() => None,
            Ok(_) => Some(crate::files::ReadError::Other(
                "it is a file, not a folder".into(),
            )),
            Err(_) => Some(crate::files::ReadError::NotFound),
        }
    } else {
        crate::files::check(&resolved).err()
    };
    match problem {
        None => return Some(resolved),
        Some(crate::files::ReadError::NotFound) => {}
        Some(e) => {
            errors.push(SpecError::Unreadable {
                what: match what {
                    "logo" => "the logo",
                    "translation" => "the translation",
                    _ => "the template folder",
                },
                given,
                reason: e.reason(),
                span: path.span,
            });
            return None;
        }
    }
    errors.push(SpecError::PathNotFound {
        what,
        given,
        resolved: Path::new(&path.value).to_path_buf(),
        span: path.span,
    });
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_iso_dates() {
        assert_eq!(suggest_date("24/01/2017").as_deref(), Some("2017-01-24"));
        assert_eq!(suggest_date("1.3.2017").as_deref(), Some("2017-03-01"));
        assert_eq!(suggest_date("2017-01-24").as_deref(), Some("2017-01-24"));
        assert_eq!(suggest_date("mardi"), None);
        assert_eq!(suggest_date("40/13/2017"), None);
    }

    #[test]
    fn slugs() {
        assert!(is_slug("garants"));
        assert!(is_slug("d-2_b"));
        assert!(!is_slug("Garants"));
        assert!(!is_slug("2a"));
        assert!(!is_slug("dé"));
        assert!(!is_slug(""));
    }
}
