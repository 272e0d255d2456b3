//! Everything that can be wrong with a spec file, and how each problem is explained.

use std::path::PathBuf;

use crate::diagnostics::Diagnostic;
use crate::source::Span;

/// Largest spec file we read: far above any real motion, far below memory trouble.
pub const MAX_FILE_SIZE: u64 = 8 * 1024 * 1024;

/// A problem found while reading, merging or validating a spec.
#[derive(Debug, Clone, thiserror::Error)]
pub enum SpecError {
    #[error("cannot read `{path}`: {reason}")]
    Io { path: String, reason: String },
    #[error("`{path}` is {size} bytes, more than the {limit} bytes a spec may have")]
    TooLarge { path: String, size: u64, limit: u64 },
    #[error("`{path}` is not valid UTF-8")]
    InvalidUtf8 { path: String, span: Span },
    #[error("`{path}` is empty")]
    EmptyFile { path: String },
    #[error("TOML syntax error: {message}")]
    Syntax { message: String, span: Span },
    #[error("unknown key `{key}`{}", table.as_ref().map(|t| format!(" in `{t}`")).unwrap_or_default())]
    UnknownKey {
        key: String,
        table: Option<String>,
        span: Span,
        suggestion: Option<String>,
        expected: Vec<String>,
    },
    #[error("{message}")]
    WrongType { message: String, span: Span },
    #[error("cannot find the spec `{given}` named by `extends`")]
    ExtendsNotFound {
        given: String,
        resolved: PathBuf,
        span: Span,
    },
    #[error("cannot use {what} `{given}`: {reason}")]
    Unreadable {
        what: &'static str,
        given: String,
        reason: String,
        span: Span,
    },
    #[error("`extends` forms a cycle: {}", chain.join(" → "))]
    ExtendsCycle { chain: Vec<String>, span: Span },
    #[error("`extends` chain is deeper than {limit} files")]
    ExtendsTooDeep { limit: usize, span: Span },
    #[error("`remove = true` needs the `id` of the demand to drop")]
    RemoveWithoutId { span: Span },
    #[error("`remove = true` is only meaningful in a spec that `extends` another")]
    RemoveWithoutBase { span: Span },
    #[error("no demand with id `{id}` to remove in `{base}`")]
    RemoveNoMatch {
        id: String,
        base: String,
        known: Vec<String>,
        span: Span,
    },
    #[error("missing `{key}`")]
    Missing {
        key: String,
        span: Option<Span>,
        help: String,
    },
    #[error("`{key}` is empty")]
    EmptyValue { key: String, span: Span },
    #[error("`date` must be a TOML date, not {found}")]
    BadDate {
        found: String,
        suggestion: Option<String>,
        span: Span,
    },
    #[error("`date` is the session day: it takes no time of day")]
    DateWithTime { span: Span },
    #[error("demand id `{id}` is used twice")]
    DuplicateId { id: String, span: Span, first: Span },
    #[error("demand id `{id}` is not a slug")]
    BadId { id: String, span: Span },
    #[error("demand id `{id}` is reserved for considérants")]
    ReservedId { id: String, span: Span },
    #[error("a vote is recorded only for an adopted or rejected motion")]
    VoteOnProjet { span: Span },
    #[error(
        "{for_} for + {against} against + {abstain} abstentions = {total} votes, more than the {present} members present"
    )]
    VoteExceedsPresent {
        for_: u32,
        against: u32,
        abstain: u32,
        total: u64,
        present: u32,
        span: Span,
    },
    #[error("`unanimous = true` cannot be combined with votes against or abstentions")]
    UnanimousWithDissent { span: Span },
    #[error("`unanimous = true` means adopted, but `status` is \"{status}\"")]
    UnanimousNotAdopted { status: String, span: Span },
    #[error("`[vote]` needs `for` (or `unanimous = true`)")]
    VoteWithoutFor { span: Span },
    #[error(
        "{for_} for and {against} against means the {subject} was {outcome}, but `status` is \"{status}\""
    )]
    MajorityMismatch {
        /// `motion`, or `amendment` for an amendment's vote.
        subject: &'static str,
        for_: u32,
        against: u32,
        outcome: &'static str,
        status: &'static str,
        span: Span,
    },
    #[error("`session.item` is the agenda item: a number or a string like \"12bis\", not {found}")]
    BadItem { found: &'static str, span: Span },
    #[error("unknown presence `{given}`")]
    UnknownPresence {
        given: String,
        suggestion: Option<&'static str>,
        span: Span,
    },
    #[error("`{name}` is listed twice in the attendance")]
    AttendeeTwice {
        name: String,
        span: Span,
        first: Span,
    },
    #[error("`{name}` is named twice in the roll call")]
    VotesTwice {
        name: String,
        span: Span,
        first: Span,
    },
    #[error("`vote.names.{list}` has {names} {noun} but `{list} = {count}`", noun = if *names == 1 { "name" } else { "names" })]
    RollCallCount {
        list: &'static str,
        names: usize,
        count: u32,
        span: Span,
        count_span: Span,
    },
    #[error("`unanimous = true` with {present} present, but `vote.names.for` has {names} {noun}", noun = if *names == 1 { "name" } else { "names" })]
    UnanimousRollCall {
        names: usize,
        present: u32,
        span: Span,
        /// `present`, when written (else counted from the attendance).
        present_span: Option<Span>,
    },
    #[error("`{name}` votes but is not in the attendance")]
    NotAttending {
        name: String,
        suggestion: Option<String>,
        span: Span,
    },
    #[error("`{name}` votes but is marked {presence} in the attendance")]
    AbsentVoter {
        name: String,
        presence: &'static str,
        span: Span,
        attendee: Span,
    },
    #[error("`{name}` votes but has no vote in the attendance")]
    NonVoter {
        name: String,
        span: Span,
        attendee: Span,
    },
    #[error("`present = {present}` but the attendance marks {attending} voting {noun} present", noun = if *attending == 1 { "member" } else { "members" })]
    PresentMismatch {
        present: u32,
        attending: usize,
        span: Span,
    },
    #[error("a secret ballot has no roll call")]
    RollCallOnSecret { span: Span, secret: Span },
    #[error("unknown variable `{name}` in spec text")]
    UnknownVariable {
        name: String,
        suggestion: Option<String>,
        known: Vec<String>,
        span: Span,
    },
    #[error("template syntax error in spec text: {message}")]
    TextSyntax { message: String, span: Span },
    #[error("`{{{{ {name} }}}}` is used but `{field}` is not set")]
    UnsetVariable {
        name: String,
        field: &'static str,
        span: Span,
    },
    #[error("control character U+{code:04X} in spec text")]
    ForbiddenChar { code: u32, span: Span },
    #[error("emphasis and lists are nested more than {limit} levels deep")]
    TooDeep { limit: usize, span: Span },
    #[error("right-to-left text ({script}) is not supported")]
    RightToLeft { script: &'static str, span: Span },
    #[error("`{key}` is the council's name as written, not a template: it takes no `{{{{ … }}}}`")]
    TemplatedName { key: &'static str, span: Span },
    /// A difference between a spec and its translation, shown in both files.
    #[error("{message}")]
    Parity {
        message: String,
        span: Span,
        label: String,
        other: Span,
        other_label: String,
    },
    /// A problem of a session file (DESIGN.md §10), possibly with where it first occurred.
    #[error("{}", .0.message)]
    Session(Box<SessionProblem>),
    #[error("cannot find the {what} `{given}`")]
    PathNotFound {
        what: &'static str,
        given: String,
        resolved: PathBuf,
        span: Span,
    },
}

/// A problem of a session file, boxed: most spec errors are small.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionProblem {
    pub message: String,
    pub span: Span,
    pub label: String,
    pub help: String,
    /// Where the same thing first occurred.
    pub other: Option<(Span, String)>,
}

impl SpecError {
    /// Exit code class: 3 for I/O on the file itself, 1 for anything wrong in its content.
    pub fn is_io(&self) -> bool {
        matches!(self, SpecError::Io { .. })
    }

    /// The rustc-style diagnostic for this problem.
    pub fn diagnostic(&self) -> Diagnostic {
        use SpecError::*;
        let d = Diagnostic::error(self.to_string());
        match self {
            Io { .. } => d,
            TooLarge { .. } => d.with_help("a motion is a few kilobytes; is this the right file?"),
            InvalidUtf8 { span, .. } => d
                .with_label(span.clone(), "invalid byte sequence here")
                .with_help("save the file as UTF-8 (in LibreOffice or Notepad: « Save as… », encoding UTF-8)"),
            EmptyFile { path } => d.with_help(format!(
                "`motion new {path}` writes a commented starter spec"
            )),
            Syntax { span, .. } => d.with_label(span.clone(), "here"),
            UnknownKey {
                span,
                suggestion,
                expected,
                ..
            } => match suggestion {
                Some(s) => d
                    .with_label(span.clone(), format!("did you mean `{s}`?"))
                    .with_fix(s.clone(), false),
                None => d
                    .with_label(span.clone(), "unknown key")
                    .with_help(format!("expected one of {}", quote_list(expected))),
            },
            WrongType { span, .. } => d.with_label(span.clone(), "wrong value"),
            ExtendsNotFound { resolved, span, .. } => d
                .with_label(span.clone(), "no such file")
                .with_help(format!(
                    "`extends` is relative to the file that names it; looked for `{}`",
                    crate::source::display_name(resolved)
                )),
            Unreadable { span, .. } => d.with_label(span.clone(), "not a file motion can read"),
            ExtendsCycle { span, .. } => d
                .with_label(span.clone(), "this brings the cycle back")
                .with_help("a spec cannot extend itself, directly or through other specs"),
            ExtendsTooDeep { span, .. } => d.with_label(span.clone(), "too deep here"),
            RemoveWithoutId { span } => d
                .with_label(span.clone(), "which demand?")
                .with_help("add `id = \"…\"` naming the base's demand"),
            RemoveWithoutBase { span } => d
                .with_label(span.clone(), "nothing to remove from")
                .with_help("delete the demand instead, or add `extends = \"…\"`"),
            RemoveNoMatch {
                id, known, span, ..
            } => {
                let d = d.with_label(span.clone(), "no such demand");
                match crate::diagnostics::did_you_mean(id, known.iter().map(String::as_str)) {
                    Some(s) => d.with_help(format!("did you mean `{s}`?")),
                    None => d.with_help(format!("the base's demands are {}", quote_list(known))),
                }
            }
            Missing { span, help, .. } => {
                let d = match span {
                    Some(span) if span.range.is_empty() => d.with_label(span.clone(), ""),
                Some(span) => d.with_label(span.clone(), "in this table"),
                    None => d,
                };
                d.with_help(help.clone())
            }
            EmptyValue { span, .. } => d.with_label(span.clone(), "empty"),
            BadDate {
                suggestion, span, ..
            } => {
                let d = d.with_label(span.clone(), "expected a date like 2017-01-24");
                match suggestion {
                    Some(s) => d.with_help(format!("write `date = {s}` (year-month-day, without quotes)")),
                    None => d.with_help("write the date as year-month-day without quotes: `date = 2017-01-24`"),
                }
            }
            DateWithTime { span } => d
                .with_label(span.clone(), "has a time")
                .with_help("keep only the day: `date = 2017-01-24`"),
            DuplicateId { span, first, .. } => d
                .with_label(span.clone(), "used again here")
                .with_secondary(first.clone(), "first used here")
                .with_help("each demand needs its own id: amendments and translations refer to it"),
            BadId { span, .. } => d
                .with_label(span.clone(), "not a slug")
                .with_help("use lowercase ASCII letters, digits, `-` and `_`, starting with a letter: `garants`, `demande-2`"),
            ReservedId { span, .. } => d
                .with_label(span.clone(), "reserved")
                .with_help("considérants are `considerant-1`, `considerant-2` …; give the demand another id"),
            VoteOnProjet { span } => d
                .with_label(span.clone(), "vote on a draft")
                .with_help("set `status = \"adopte\"` or `\"rejete\"`, or remove `[vote]` until the council votes"),
            VoteExceedsPresent { span, .. } => d
                .with_label(span.clone(), "counts do not add up")
                .with_help("check `present`, `for`, `against` and `abstain`"),
            UnanimousWithDissent { span } => d
                .with_label(span.clone(), "unanimous here")
                .with_help("remove `against`/`abstain`, or `unanimous = true` and give the counts"),
            UnanimousNotAdopted { span, .. } => d
                .with_label(span.clone(), "unanimous")
                .with_help("set `status = \"adopte\"`"),
            VoteWithoutFor { span } => d
                .with_label(span.clone(), "in this table")
                .with_help("add `for = N`, or `unanimous = true`"),
            MajorityMismatch { span, .. } => d
                .with_label(span.clone(), "status disagrees with the vote")
                .with_note("a motion is adopted by a majority of the votes cast; abstentions do not count and a tie rejects it"),
            BadItem { span, .. } => d
                .with_label(span.clone(), "not an agenda item")
                .with_help("write `item = 12`, or `item = \"12bis\"`"),
            UnknownPresence { suggestion, span, .. } => {
                let d = match suggestion {
                    Some(s) => d.with_label(span.clone(), format!("did you mean `{s}`?")),
                    None => d.with_label(span.clone(), "unknown presence"),
                };
                d.with_help("a member is `present`, `excused` or `absent`")
            }
            AttendeeTwice { span, first, .. } => d
                .with_label(span.clone(), "listed again here")
                .with_secondary(first.clone(), "first listed here")
                .with_help("list each member once; two members with the same name need a distinguishing first name or initial"),
            VotesTwice { span, first, .. } => d
                .with_label(span.clone(), "votes again here")
                .with_secondary(first.clone(), "first vote here")
                .with_help("each member votes once: for, against or abstaining"),
            RollCallCount {
                span, count_span, ..
            } => d
                .with_label(span.clone(), "the names")
                .with_secondary(count_span.clone(), "the count")
                .with_help("the count is the number of names; drop the count and motion takes it from the list"),
            UnanimousRollCall {
                span, present_span, ..
            } => {
                let d = d.with_label(span.clone(), "the names");
                match present_span {
                    Some(p) => d.with_secondary(p.clone(), "members present"),
                    None => d.with_note("`present` is counted from the voting members present in `[[attendance]]`"),
                }
                .with_help("in a unanimous vote every member present votes for")
            }
            NotAttending {
                suggestion, span, ..
            } => {
                let d = d.with_label(span.clone(), "not in `[[attendance]]`");
                match suggestion {
                    Some(s) => d.with_help(format!("did you mean `{s}`?")),
                    None => d.with_help("add the member to `[[attendance]]`, spelt as in the roll call"),
                }
            }
            AbsentVoter { span, attendee, presence, .. } => d
                .with_label(span.clone(), "votes")
                .with_secondary(attendee.clone(), format!("marked {presence}"))
                .with_help("a member who votes is present: correct the presence or the roll call"),
            NonVoter { span, attendee, .. } => d
                .with_label(span.clone(), "votes")
                .with_secondary(attendee.clone(), "the clerk, or `votes = false`")
                .with_help("the clerk and members with an advisory voice do not vote; set `votes = true` on the member if they did"),
            PresentMismatch { span, .. } => d
                .with_label(span.clone(), "members present")
                .with_help("count the voting members with `presence = \"present\"` in `[[attendance]]` (not the clerk), or drop `present` and motion counts them"),
            RollCallOnSecret { span, secret } => d
                .with_label(span.clone(), "roll call")
                .with_secondary(secret.clone(), "secret ballot")
                .with_help("a secret ballot records only the counts: remove `[vote.names]`"),
            UnknownVariable {
                suggestion,
                known,
                span,
                ..
            } => {
                let d = match suggestion {
                    Some(s) => d.with_label(span.clone(), format!("did you mean `{s}`?")),
                    None => d.with_label(span.clone(), "unknown variable"),
                };
                d.with_help(format!("spec text can use {}", quote_list(known)))
            }
            TextSyntax { span, .. } => d
                .with_label(span.clone(), "here")
                .with_help("variables are written `{{ council.short }}`"),
            UnsetVariable { field, span, .. } => d
                .with_label(span.clone(), "would print nothing")
                .with_help(format!("set `{field}` in the spec, or write the text without the variable")),
            ForbiddenChar { span, .. } => d
                .with_label(span.clone(), "invisible control character")
                .with_help("delete it; it often comes from a copy and paste out of a PDF or a web page"),
            TooDeep { span, .. } => d
                .with_label(span.clone(), "too deep from here")
                .with_help("a motion needs a level or two: check the `*`, `_` and `-` of this text"),
            RightToLeft { span, .. } => d
                .with_label(span.clone(), "right-to-left")
                .with_help("motion sets French and Dutch, left to right; a quotation in another script would print backwards"),
            TemplatedName { span, .. } => d
                .with_label(span.clone(), "not expanded here")
                .with_help("write the name itself; spec text elsewhere can use `{{ council.short }}`"),
            Parity {
                span,
                label,
                other,
                other_label,
                ..
            } => d
                .with_label(span.clone(), label.clone())
                .with_secondary(other.clone(), other_label.clone())
                .with_help("the two language versions of a motion say the same thing: change one, or both"),
            Session(p) => {
                let d = d
                    .with_label(p.span.clone(), p.label.clone())
                    .with_help(p.help.clone());
                match &p.other {
                    Some((other, other_label)) => d.with_secondary(other.clone(), other_label.clone()),
                    None => d,
                }
            }
            PathNotFound { resolved, span, .. } => d
                .with_label(span.clone(), "no such file")
                .with_help(format!(
                    "paths are relative to the spec file; looked for `{}`",
                    crate::source::display_name(resolved)
                )),
        }
    }
}

/// `a`, `b` or `c` for help texts.
pub fn quote_list<S: AsRef<str>>(items: &[S]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("`{}`", s.as_ref())).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        n => format!("{} or {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}
