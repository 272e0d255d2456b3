//! The register's part of a spec: the sitting (`[session]`), who sat (`[[attendance]]`) and
//! the roll call (`[vote.names]`), each checked against the others.

use super::error::SpecError;
use super::model::{Attendee, Presence, RollCall, Session, Text, Vote};
use super::raw::{RawAttendee, RawSession, RawVote, RawVoteNames};
use super::sp::Sp;
use crate::diagnostics::did_you_mean;
use crate::source::{Sources, Span};

/// `[session]`: the agenda item as a number or a string, public unless said otherwise.
pub fn session(raw: Option<Sp<RawSession>>, errors: &mut Vec<SpecError>) -> Option<Session> {
    let raw = raw?.value;
    let item = raw.item.and_then(|item| {
        let found = match &item.value {
            toml::Value::Integer(n) if *n >= 1 => {
                return Some(Sp::new(n.to_string(), item.span));
            }
            toml::Value::String(s) if !s.trim().is_empty() => {
                return Some(Sp::new(s.trim().to_string(), item.span));
            }
            toml::Value::Integer(_) => "a number below 1",
            toml::Value::String(_) => "an empty string",
            toml::Value::Float(_) => "a decimal number",
            toml::Value::Boolean(_) => "a boolean",
            toml::Value::Datetime(_) => "a date",
            toml::Value::Array(_) => "an array",
            toml::Value::Table(_) => "a table",
        };
        errors.push(SpecError::BadItem {
            found,
            span: item.span,
        });
        None
    });
    Some(Session {
        item,
        public: raw.public.is_none_or(|p| p.value),
    })
}

/// `[[attendance]]`, in the register's order: names required and listed once, a known
/// presence (present when not given).
pub fn attendance(
    raw: Option<Sp<Vec<Sp<RawAttendee>>>>,
    sources: &Sources,
    errors: &mut Vec<SpecError>,
) -> Vec<Attendee> {
    let mut out: Vec<Attendee> = Vec::new();
    for entry in raw.map(|r| r.value).unwrap_or_default() {
        let table = super::validate::first_line(sources, &entry.span);
        let a = entry.value;
        let presence = match a.presence {
            None => Some(Presence::Present),
            Some(p) => Presence::parse(&p.value).or_else(|| {
                let words = ["present", "excused", "absent"];
                errors.push(SpecError::UnknownPresence {
                    suggestion: did_you_mean(&p.value.to_lowercase(), words)
                        .and_then(|s| words.into_iter().find(|w| *w == s)),
                    given: p.value,
                    span: p.span,
                });
                None
            }),
        };
        let Some(name) = a.name else {
            errors.push(SpecError::Missing {
                key: "attendance.name".into(),
                span: Some(table),
                help: "add `name = \"…\"`, as the register writes it".into(),
            });
            continue;
        };
        if name.value.trim().is_empty() {
            errors.push(SpecError::EmptyValue {
                key: "attendance.name".into(),
                span: name.span.clone(),
            });
            continue;
        }
        let role = a.role.filter(|r| !r.value.trim().is_empty());
        if let Some(first) = out.iter().find(|o| same_name(&o.name.value, &name.value)) {
            errors.push(SpecError::AttendeeTwice {
                name: name.value.clone(),
                span: name.span.clone(),
                first: first.name.span.clone(),
            });
            continue;
        }
        let votes = a.votes.map_or_else(
            || {
                !role
                    .as_ref()
                    .is_some_and(|r| crate::vocab::is_clerk(&r.value))
            },
            |v| v.value,
        );
        if let Some(presence) = presence {
            out.push(Attendee {
                name,
                role,
                presence,
                votes,
            });
        }
    }
    out
}

/// Names compare as a clerk reads them: case, and runs of spaces, aside.
fn same_name(a: &str, b: &str) -> bool {
    let key = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    key(a) == key(b)
}

/// The roll call's lists as written, with the span of each list.
pub struct Lists {
    pub for_: Option<Sp<Vec<Text>>>,
    pub against: Option<Sp<Vec<Text>>>,
    pub abstain: Option<Sp<Vec<Text>>>,
    /// The `[vote.names]` table's first line.
    pub span: Span,
}

impl Lists {
    pub fn of(raw: Option<Sp<RawVoteNames>>, sources: &Sources) -> Option<Lists> {
        let raw = raw?;
        let span = super::validate::first_line(sources, &raw.span);
        let RawVoteNames {
            for_,
            against,
            abstain,
        } = raw.value;
        Some(Lists {
            for_,
            against,
            abstain,
            span,
        })
    }

    fn each(&self) -> [(&'static str, Option<&Sp<Vec<Text>>>); 3] {
        [
            ("for", self.for_.as_ref()),
            ("against", self.against.as_ref()),
            ("abstain", self.abstain.as_ref()),
        ]
    }
}

/// Checks the roll call against the counts, the attendance and itself; returns it.
pub fn roll_call(
    lists: Lists,
    raw: &RawVote,
    vote: &Vote,
    attendance: &[Attendee],
    errors: &mut Vec<SpecError>,
) -> Option<RollCall> {
    if let Some(secret) = raw.secret.as_ref().filter(|s| s.value) {
        errors.push(SpecError::RollCallOnSecret {
            span: lists.span.clone(),
            secret: secret.span.clone(),
        });
        return None;
    }
    let before = errors.len();
    // Each list against its count.
    for (list, names) in lists.each() {
        let Some(names) = names else { continue };
        let count = match list {
            "for" => &raw.for_,
            "against" => &raw.against,
            _ => &raw.abstain,
        };
        if let Some(count) = count
            && names.value.len() != count.value as usize
        {
            errors.push(SpecError::RollCallCount {
                list,
                names: names.value.len(),
                count: count.value,
                span: names.span.clone(),
                count_span: count.span.clone(),
            });
        }
    }
    if vote.unanimous {
        for (_, names) in &lists.each()[1..] {
            if let Some(names) = names.filter(|n| !n.value.is_empty()) {
                errors.push(SpecError::UnanimousWithDissent {
                    span: names.span.clone(),
                });
            }
        }
        // `present` as written, or counted from the attendance.
        if let (Some(names), Some(present)) = (&lists.for_, vote.present)
            && names.value.len() != present as usize
        {
            errors.push(SpecError::UnanimousRollCall {
                names: names.value.len(),
                present,
                span: names.span.clone(),
                present_span: raw.present.as_ref().map(|p| p.span.clone()),
            });
        }
    }
    // Each name once, and of a member who sat.
    let mut seen: Vec<&Text> = Vec::new();
    for (list, names) in lists.each() {
        for name in names.iter().flat_map(|n| n.value.iter()) {
            if name.value.trim().is_empty() {
                errors.push(SpecError::EmptyValue {
                    key: format!("vote.names.{list}"),
                    span: name.span.clone(),
                });
                continue;
            }
            if let Some(first) = seen.iter().find(|s| same_name(&s.value, &name.value)) {
                errors.push(SpecError::VotesTwice {
                    name: name.value.clone(),
                    span: name.span.clone(),
                    first: first.span.clone(),
                });
                continue;
            }
            seen.push(name);
            if attendance.is_empty() {
                continue;
            }
            match attendance
                .iter()
                .find(|a| same_name(&a.name.value, &name.value))
            {
                None => errors.push(SpecError::NotAttending {
                    name: name.value.clone(),
                    suggestion: did_you_mean(
                        &name.value,
                        attendance.iter().map(|a| a.name.value.as_str()),
                    )
                    .map(str::to_string),
                    span: name.span.clone(),
                }),
                Some(a) if a.presence != Presence::Present => errors.push(SpecError::AbsentVoter {
                    name: name.value.clone(),
                    presence: a.presence.code(),
                    span: name.span.clone(),
                    attendee: a.name.span.clone(),
                }),
                Some(a) if !a.votes => errors.push(SpecError::NonVoter {
                    name: name.value.clone(),
                    span: name.span.clone(),
                    attendee: a.name.span.clone(),
                }),
                Some(_) => {}
            }
        }
    }
    let take = |l: Option<Sp<Vec<Text>>>| l.map(|l| l.value).unwrap_or_default();
    (errors.len() == before).then(|| RollCall {
        for_: take(lists.for_),
        against: take(lists.against),
        abstain: take(lists.abstain),
    })
}

/// `present` against the attendance, when both are given.
pub fn check_present(raw: &RawVote, attendance: &[Attendee], errors: &mut Vec<SpecError>) {
    let Some(present) = &raw.present else { return };
    if attendance.is_empty() {
        return;
    }
    let attending = attending(attendance);
    if attending != present.value as usize {
        errors.push(SpecError::PresentMismatch {
            present: present.value,
            attending,
            span: present.span.clone(),
        });
    }
}

/// How many voting members the attendance marks present (the clerk is not one).
pub fn attending(attendance: &[Attendee]) -> usize {
    attendance
        .iter()
        .filter(|a| a.presence == Presence::Present && a.votes)
        .count()
}
