//! A checked amendment file: every amendment resolved against its motion.

use std::path::PathBuf;

use crate::source::Span;
use crate::spec::{Author, Date, Text, Vote};

/// The amendments tabled to one motion.
#[derive(Debug, Clone)]
pub struct Amendments {
    /// The amendment file.
    pub path: PathBuf,
    /// The motion it amends, resolved against the file.
    pub motion: PathBuf,
    /// When they were tabled: the date of their tracked changes.
    pub date: Option<Date>,
    pub list: Vec<Amendment>,
}

/// One amendment.
#[derive(Debug, Clone)]
pub struct Amendment {
    /// `A1`: unique in the file.
    pub id: Text,
    pub authors: Vec<Author>,
    /// The clause amended, as written (`garants`, `considerant-2`, `title`).
    pub target: Text,
    pub clause: Clause,
    pub action: Action,
    /// Replace or delete only these words of the clause.
    pub find: Option<Text>,
    /// The new words, the new text, or the inserted clause.
    pub text: Option<Text>,
    /// A demand's new operative verb (replace), or the inserted demand's.
    pub verb: Option<Text>,
    /// The id of an inserted demand.
    pub new_id: Option<String>,
    pub justification: Option<Text>,
    pub status: Status,
    pub vote: Option<Vote>,
    /// The `[[amendments]]` header.
    pub span: Span,
}

impl Amendment {
    /// Who a tracked change is attributed to: the first author's group, else their name.
    pub fn author(&self) -> Option<String> {
        let first = self.authors.first()?;
        Some(
            first
                .group
                .as_ref()
                .map_or_else(|| first.name.value.clone(), |g| g.value.clone()),
        )
    }
}

/// What an amendment targets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    Title,
    /// The n-th considérant of the motion, from 1.
    Considerant(usize),
    /// A demand by id: the motion's, or one an earlier amendment inserts.
    Demand(String),
}

/// What an amendment does to its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Replace,
    Delete,
    InsertAfter,
    InsertBefore,
}

impl Action {
    pub const ALL: [(&'static str, Action); 4] = [
        ("replace", Action::Replace),
        ("delete", Action::Delete),
        ("insert-after", Action::InsertAfter),
        ("insert-before", Action::InsertBefore),
    ];

    pub fn code(self) -> &'static str {
        Action::ALL
            .iter()
            .find(|(_, a)| *a == self)
            .map_or("replace", |(c, _)| c)
    }

    pub fn inserts(self) -> bool {
        matches!(self, Action::InsertAfter | Action::InsertBefore)
    }
}

/// Where an amendment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Tabled, not yet voted.
    Depose,
    Adopte,
    Rejete,
    /// Withdrawn by its authors.
    Retire,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Depose => "depose",
            Status::Adopte => "adopte",
            Status::Rejete => "rejete",
            Status::Retire => "retire",
        }
    }

    /// As written, accents and feminine forms accepted (« adopté », « retirée »).
    pub fn parse(s: &str) -> Option<Status> {
        match s.trim().to_lowercase().as_str() {
            "depose" | "déposé" | "deposee" | "déposée" => Some(Status::Depose),
            "adopte" | "adopté" | "adoptee" | "adoptée" => Some(Status::Adopte),
            "rejete" | "rejeté" | "rejetee" | "rejetée" => Some(Status::Rejete),
            "retire" | "retiré" | "retiree" | "retirée" => Some(Status::Retire),
            _ => None,
        }
    }
}
