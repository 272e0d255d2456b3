//! What can be wrong with an amendment file, each at its place in the file.

use crate::diagnostics::Diagnostic;
use crate::source::Span;
use crate::spec::{SpecError, quote_list};

/// A problem of an amendment file (or of the motion it names).
#[derive(Debug, Clone, thiserror::Error)]
pub enum AmendmentError {
    /// Reading, TOML, keys, types, dates and votes: as in a spec.
    #[error(transparent)]
    Spec(Box<SpecError>),
    #[error("`{given}` is not a clause of the motion")]
    UnknownTarget {
        given: String,
        suggestion: Option<String>,
        known: Vec<String>,
        span: Span,
    },
    #[error("unknown action `{given}`")]
    UnknownAction {
        given: String,
        suggestion: Option<&'static str>,
        span: Span,
    },
    #[error("unknown status `{given}`")]
    UnknownStatus {
        given: String,
        suggestion: Option<&'static str>,
        span: Span,
    },
    #[error("amendment id `{id}` is used twice")]
    DuplicateId { id: String, span: Span, first: Span },
    #[error("amendment id `{id}` is not a short name")]
    BadId { id: String, span: Span },
    #[error("the words of `find` occur {count} times in {clause}")]
    FindCount {
        count: usize,
        clause: String,
        text: String,
        span: Span,
    },
    #[error("`find` cuts a `{{{{ … }}}}` variable of {clause} in two")]
    FindCutsVariable { clause: String, span: Span },
    #[error("a new demand needs its operative `verb`")]
    InsertWithoutVerb { span: Span },
    #[error("`{action}` needs `text`")]
    MissingText { action: &'static str, span: Span },
    #[error("`replace` needs `text` or `verb`")]
    NothingToReplace { span: Span },
    #[error("`{key}` has no meaning with `action = \"{action}\"` on {clause}")]
    Useless {
        key: &'static str,
        action: &'static str,
        clause: String,
        span: Span,
    },
    #[error("the title cannot be {what}")]
    TitleAction { what: &'static str, span: Span },
    #[error("`new_id = \"{id}\"` is already a demand's id")]
    NewIdTaken {
        id: String,
        span: Span,
        first: Option<Span>,
    },
    #[error("`new_id = \"{id}\"` is not a slug")]
    BadNewId { id: String, span: Span },
    #[error("a vote is recorded only for an adopted or rejected amendment")]
    VoteNotVoted { span: Span },
    #[error("amendments {earlier} and {id}, both adopted, conflict: {reason}")]
    Conflict {
        id: String,
        earlier: String,
        reason: String,
        span: Span,
        earlier_span: Span,
    },
    #[error(
        "amendment {id} is adopted but amends `{target}`, which {inserted_by} inserts and was not adopted"
    )]
    TargetNotInserted {
        id: String,
        target: String,
        inserted_by: String,
        span: Span,
    },
}

impl From<SpecError> for AmendmentError {
    fn from(e: SpecError) -> Self {
        AmendmentError::Spec(Box::new(e))
    }
}

impl AmendmentError {
    /// Exit code class, as for specs: 3 when a file cannot be read.
    pub fn is_io(&self) -> bool {
        matches!(self, AmendmentError::Spec(e) if e.is_io())
    }

    pub fn diagnostic(&self) -> Diagnostic {
        use AmendmentError::*;
        let d = Diagnostic::error(self.to_string());
        match self {
            Spec(e) => e.diagnostic(),
            UnknownTarget {
                suggestion,
                known,
                span,
                ..
            } => {
                let d = match suggestion {
                    Some(s) => d.with_label(span.clone(), format!("did you mean `{s}`?")),
                    None => d.with_label(span.clone(), "no such clause"),
                };
                d.with_help(format!(
                    "a target is `title`, `considerant-N` or a demand id: {}",
                    quote_list(known)
                ))
            }
            UnknownAction {
                suggestion, span, ..
            } => {
                let d = match suggestion {
                    Some(s) => d.with_label(span.clone(), format!("did you mean `{s}`?")),
                    None => d.with_label(span.clone(), "unknown action"),
                };
                d.with_help("`action` is `replace`, `delete`, `insert-after` or `insert-before`")
            }
            UnknownStatus {
                suggestion, span, ..
            } => {
                let d = match suggestion {
                    Some(s) => d.with_label(span.clone(), format!("did you mean `{s}`?")),
                    None => d.with_label(span.clone(), "unknown status"),
                };
                d.with_help("`status` is `depose`, `adopte`, `rejete` or `retire`")
            }
            DuplicateId { span, first, .. } => d
                .with_label(span.clone(), "used again here")
                .with_secondary(first.clone(), "first used here")
                .with_help("number the amendments: `A1`, `A2` …"),
            BadId { span, .. } => d
                .with_label(span.clone(), "not a short name")
                .with_help("letters, digits, `-`, `_` and `.`, at most 32: `A1`, `MR-2`, `3bis`"),
            FindCount {
                count, text, span, ..
            } => {
                let d = d.with_label(
                    span.clone(),
                    if *count == 0 { "not found" } else { "found more than once" },
                );
                let d = d.with_note(format!("the clause reads: « {text} »"));
                if *count == 0 {
                    d.with_help("copy the words exactly as the clause writes them (spaces, apostrophes, accents)")
                } else {
                    d.with_help("quote a few more words, so that they occur once")
                }
            }
            FindCutsVariable { span, .. } => d
                .with_label(span.clone(), "ends inside `{{ … }}`")
                .with_help("quote the variable whole, or words around it"),
            InsertWithoutVerb { span } => d
                .with_label(span.clone(), "this amendment inserts a demand")
                .with_help("add `verb = \"demande\"` (the verb the new demand opens with)"),
            MissingText { span, .. } => d
                .with_label(span.clone(), "in this amendment")
                .with_help("add `text = \"…\"`: the clause to insert"),
            NothingToReplace { span } => d
                .with_label(span.clone(), "in this amendment")
                .with_help("add `text = \"…\"` (the new words or the new text), or `verb = \"…\"`"),
            Useless { span, .. } => d.with_label(span.clone(), "not used").with_help("remove it"),
            TitleAction { span, .. } => d
                .with_label(span.clone(), "the title")
                .with_help("the title can only be replaced: `action = \"replace\"`"),
            NewIdTaken { span, first, .. } => {
                let d = d.with_label(span.clone(), "taken");
                match first {
                    Some(f) => d.with_secondary(f.clone(), "first given here"),
                    None => d,
                }
                .with_help("give the new demand an id of its own")
            }
            BadNewId { span, .. } => d
                .with_label(span.clone(), "not a slug")
                .with_help("use lowercase ASCII letters, digits, `-` and `_`, starting with a letter"),
            VoteNotVoted { span } => d
                .with_label(span.clone(), "vote on a pending amendment")
                .with_help("set `status = \"adopte\"` or `\"rejete\"`, or remove the vote"),
            Conflict {
                span,
                earlier_span,
                earlier,
                ..
            } => d
                .with_label(span.clone(), "no longer applies")
                .with_secondary(earlier_span.clone(), format!("{earlier} changed the clause first"))
                .with_help("adopted amendments apply in the file's order: reword this one against the text as amended, or reject one"),
            TargetNotInserted { span, .. } => d
                .with_label(span.clone(), "the clause does not exist")
                .with_help("adopt the amendment that inserts it first, or do not adopt this one"),
        }
    }
}
