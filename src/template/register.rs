//! What `document.xml.j2` sees of the register: the sitting, the attendance as listed and
//! grouped as a register writes it (« Jean Dupont, Paul Durand, Conseillers »), the roll call.

use serde::Serialize;

use crate::spec::{Attendee, Lang, Presence, RollCall, Spec};
use crate::vocab::{gender_key, plural};

#[derive(Debug, Serialize)]
pub struct SessionCtx {
    pub item: Option<String>,
    pub public: bool,
}

#[derive(Debug, Serialize)]
pub struct AttendeeCtx {
    pub name: String,
    pub role: Option<String>,
    pub presence: &'static str,
    pub votes: bool,
}

/// Members who share a role, in the order given; `role` in the plural when several do.
#[derive(Debug, Serialize)]
pub struct GroupCtx {
    pub role: Option<String>,
    pub names: Vec<String>,
}

/// The attendance by presence, each grouped by role with the clerk last.
#[derive(Debug, Serialize)]
pub struct PresenceCtx {
    pub present: Vec<GroupCtx>,
    pub excused: Vec<GroupCtx>,
    pub absent: Vec<GroupCtx>,
}

/// One part of the roll call: who voted `kind` (`for`, `against`, `abstain`).
#[derive(Debug, Serialize)]
pub struct RollPartCtx {
    pub kind: &'static str,
    pub names: Vec<String>,
}

pub fn session(spec: &Spec) -> Option<SessionCtx> {
    spec.session.as_ref().map(|s| SessionCtx {
        item: s.item.as_ref().map(|i| i.value.clone()),
        public: s.public,
    })
}

pub fn attendance(spec: &Spec) -> Vec<AttendeeCtx> {
    spec.attendance
        .iter()
        .map(|a| AttendeeCtx {
            name: a.name.value.clone(),
            role: a.role.as_ref().map(|r| r.value.clone()),
            presence: a.presence.code(),
            votes: a.votes,
        })
        .collect()
}

/// The attendance grouped for « Présents : … », the clerk last; `labels` gives irregular
/// plurals (`[plurals]`).
pub fn presence(spec: &Spec, labels: &toml::Table) -> PresenceCtx {
    let of = |presence| groups(&spec.attendance, presence, spec.lang, labels);
    PresenceCtx {
        present: of(Presence::Present),
        excused: of(Presence::Excused),
        absent: of(Presence::Absent),
    }
}

fn groups(
    attendance: &[Attendee],
    presence: Presence,
    lang: Lang,
    labels: &toml::Table,
) -> Vec<GroupCtx> {
    let mut groups: Vec<Group> = Vec::new();
    for a in attendance.iter().filter(|a| a.presence == presence) {
        let role = a.role.as_ref().map(|r| r.value.as_str());
        // French registers list « Conseiller » and « Conseillère » as one group.
        let key = role.map(|r| match lang {
            Lang::Fr => gender_key(r),
            Lang::Nl => r.to_lowercase(),
        });
        let name = a.name.value.clone();
        match groups
            .iter_mut()
            .find(|g| g.key == key && g.votes == a.votes)
        {
            Some(g) => {
                g.names.push(name);
                if let Some(role) = role
                    && !g.roles.contains(&role)
                {
                    g.roles.push(role);
                }
            }
            None => groups.push(Group {
                key,
                roles: role.into_iter().collect(),
                names: vec![name],
                votes: a.votes,
            }),
        }
    }
    // A stable sort: the clerk's group (members without a vote) moves to the end.
    groups.sort_by_key(|g| !g.votes);
    let plurals = labels.get("plurals").and_then(|v| v.as_table());
    groups
        .into_iter()
        .map(|g| {
            // Mixed genders take the masculine form, the one that is its own key.
            let role = match g.roles.as_slice() {
                [] => None,
                [only] => Some(*only),
                several => several
                    .iter()
                    .find(|r| gender_key(r) == r.to_lowercase())
                    .or(several.first())
                    .copied(),
            };
            GroupCtx {
                role: role.map(|r| {
                    if g.names.len() < 2 {
                        r.to_string()
                    } else {
                        plurals
                            .and_then(|p| p.get(r))
                            .and_then(|v| v.as_str())
                            .map_or_else(|| plural(r, lang), str::to_string)
                    }
                }),
                names: g.names,
            }
        })
        .collect()
}

/// Members gathered under one role (its spellings, by gender, as written).
struct Group<'a> {
    key: Option<String>,
    roles: Vec<&'a str>,
    names: Vec<String>,
    votes: bool,
}

/// The roll call's non-empty parts, in the register's order: for, against, abstaining.
pub fn roll_call(names: &RollCall) -> Vec<RollPartCtx> {
    [
        ("for", &names.for_),
        ("against", &names.against),
        ("abstain", &names.abstain),
    ]
    .into_iter()
    .filter(|(_, list)| !list.is_empty())
    .map(|(kind, list)| RollPartCtx {
        kind,
        names: list.iter().map(|n| n.value.clone()).collect(),
    })
    .collect()
}
