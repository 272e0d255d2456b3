//! The validated spec: what templates and linters consume. Every text keeps its span.

use std::path::PathBuf;

use serde::Deserialize;

use super::sp::Sp;
pub use crate::vocab::{Date, Lang};

/// A piece of spec text and where it was written.
pub type Text = Sp<String>;

/// What the council adopts.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Motion,
    Resolution,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Motion => "motion",
            Kind::Resolution => "resolution",
        }
    }
}

/// Where the motion stands; drives the default variant and whether a vote is recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Projet,
    Adopte,
    Rejete,
}

impl<'de> Deserialize<'de> for Status {
    /// Accepts the accented forms a French speaker types (« adopté », « rejetée »).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match s.as_str() {
            "projet" => Ok(Status::Projet),
            "adopte" | "adopté" | "adoptee" | "adoptée" => Ok(Status::Adopte),
            "rejete" | "rejeté" | "rejetee" | "rejetée" => Ok(Status::Rejete),
            other => Err(serde::de::Error::custom(format!(
                "unknown status `{other}`, expected `projet`, `adopte` or `rejete`"
            ))),
        }
    }
}

impl schemars::JsonSchema for Status {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Status".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Where the motion stands: `projet` (a draft), `adopte` or `rejete` once voted.",
            "type": "string",
            "enum": ["projet", "adopte", "adopté", "adoptee", "adoptée", "rejete", "rejeté", "rejetee", "rejetée"]
        })
    }
}

impl serde::Serialize for Status {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Projet => "projet",
            Status::Adopte => "adopte",
            Status::Rejete => "rejete",
        }
    }
}

/// A validated motion.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The spec file named on the command line.
    pub path: PathBuf,
    /// A template folder named by the spec (`template = "…"`), resolved against its file.
    pub template: Option<PathBuf>,
    /// The same motion in the other language (`translation = "…"`), resolved, with where
    /// the key is written.
    pub translation: Option<(PathBuf, crate::source::Span)>,
    pub lang: Lang,
    pub kind: Kind,
    pub title: Text,
    pub date: Option<Date>,
    pub status: Status,
    pub reference: Option<Text>,
    /// Where `date`, `status` and `[vote]` are written, for diagnostics that compare specs.
    pub spans: KeySpans,
    pub authors: Vec<Author>,
    pub preamble: Option<Text>,
    pub considerants: Vec<Considerant>,
    pub council: Council,
    pub demands: Vec<Demand>,
    pub vote: Option<Vote>,
    pub signatures: Vec<Signature>,
    /// The sitting: agenda item, public or closed (`[session]`).
    pub session: Option<Session>,
    /// Who sat, in the register's order (`[[attendance]]`).
    pub attendance: Vec<Attendee>,
    /// Lint rule ids silenced for this spec.
    pub lint_allow: Vec<Text>,
}

/// A « Vu … » or « Considérant que … » entry, with its stable id (`considerant-1` …).
#[derive(Debug, Clone)]
pub struct Considerant {
    pub id: String,
    pub text: Text,
}

/// The acting body.
#[derive(Debug, Clone)]
pub struct Council {
    /// As it acts: « Conseil de l'Action Sociale du CPAS de Forest ».
    pub name: Text,
    /// As it is named in text: « CPAS de Forest » (defaults to `name`).
    pub short: Text,
    /// « Fait à <place> ».
    pub place: Option<Text>,
    /// Logo image, resolved against the file that names it.
    pub logo: Option<PathBuf>,
    /// Where `logo` is written.
    pub logo_span: Option<crate::source::Span>,
}

/// Where some keys of a spec are written (the first line of a table).
#[derive(Debug, Clone, Default)]
pub struct KeySpans {
    pub date: Option<crate::source::Span>,
    pub status: Option<crate::source::Span>,
    pub vote: Option<crate::source::Span>,
    pub preamble: Option<crate::source::Span>,
    /// The start of the file, for what is missing altogether.
    pub file: Option<crate::source::Span>,
}

/// One numbered demand.
#[derive(Debug, Clone)]
pub struct Demand {
    /// Stable id (`denonce`, or `d1`, `d2` … by position).
    pub id: String,
    /// The `[[demands]]` header where it is written.
    pub span: crate::source::Span,
    pub verb: Text,
    pub condition: Option<Text>,
    pub text: Text,
}

/// A recorded ballot, arithmetic already checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Vote {
    pub present: Option<u32>,
    pub for_: u32,
    pub against: u32,
    pub abstain: u32,
    pub unanimous: bool,
    pub secret: bool,
    /// The roll call, when the register records who voted how.
    pub names: Option<RollCall>,
}

/// `[vote.names]`: who voted for, against, and who abstained, each list checked against its
/// count and the attendance.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RollCall {
    pub for_: Vec<Text>,
    pub against: Vec<Text>,
    pub abstain: Vec<Text>,
}

/// `[session]`: the sitting a motion is put to.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// The agenda item as the register numbers it: « 12 », « 12bis ».
    pub item: Option<Text>,
    /// A public sitting (the default) or one behind closed doors (huis clos).
    pub public: bool,
}

/// Whether a member sat, was excused or was absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    Present,
    Excused,
    Absent,
}

impl Presence {
    pub const ALL: [Presence; 3] = [Presence::Present, Presence::Excused, Presence::Absent];

    /// The value written in the spec and the key of the template's labels.
    pub fn code(self) -> &'static str {
        match self {
            Presence::Present => "present",
            Presence::Excused => "excused",
            Presence::Absent => "absent",
        }
    }

    /// A presence as written: the spec's words, or the French and Dutch ones a clerk types.
    pub fn parse(s: &str) -> Option<Presence> {
        match s.trim().to_lowercase().as_str() {
            "present" | "présent" | "présente" | "aanwezig" => Some(Presence::Present),
            "excused" | "excusé" | "excusée" | "excuse" | "excusee" | "verontschuldigd" => {
                Some(Presence::Excused)
            }
            "absent" | "absente" | "afwezig" => Some(Presence::Absent),
            _ => None,
        }
    }
}

/// One member in the attendance.
#[derive(Debug, Clone, PartialEq)]
pub struct Attendee {
    pub name: Text,
    /// « Présidente », « Conseiller », « Directrice générale ».
    pub role: Option<Text>,
    pub presence: Presence,
    /// Whether the member has a vote: everyone but the clerk unless `votes` says otherwise.
    /// Only voting members present count in `[vote] present`.
    pub votes: bool,
}

impl Vote {
    /// What the vote sentence needs of the ballot.
    pub fn ballot(&self) -> crate::vocab::Ballot {
        crate::vocab::Ballot {
            for_: self.for_,
            against: self.against,
            abstain: self.abstain,
            unanimous: self.unanimous,
            secret: self.secret,
        }
    }
}

/// One signature line: a role (« La Présidente ») and optionally a name.
#[derive(Debug, Clone)]
pub struct Signature {
    pub role: Text,
    pub name: Option<Text>,
}

/// An author of the motion.
#[derive(Debug, Clone)]
pub struct Author {
    pub name: Text,
    pub group: Option<Text>,
}

impl Spec {
    /// The register's texts (names, roles, the agenda item): printed as written, never
    /// expanded, but checked for invisible characters like every text.
    pub fn register_texts(&self) -> impl Iterator<Item = &Text> {
        let attendance = self
            .attendance
            .iter()
            .flat_map(|a| std::iter::once(&a.name).chain(a.role.as_ref()));
        let item = self.session.as_ref().and_then(|s| s.item.as_ref());
        let roll_call = self
            .vote
            .iter()
            .flat_map(|v| v.names.iter())
            .flat_map(|n| n.for_.iter().chain(&n.against).chain(&n.abstain));
        attendance.chain(item).chain(roll_call)
    }

    /// Every text field that is rendered through the template engine, with a readable key path.
    pub fn texts(&self) -> Vec<(String, &Text)> {
        let mut out = vec![("title".to_string(), &self.title)];
        if let Some(p) = &self.preamble {
            out.push(("preamble".into(), p));
        }
        for (i, c) in self.considerants.iter().enumerate() {
            out.push((format!("considerants[{i}]"), &c.text));
        }
        for d in &self.demands {
            out.push((format!("demands.{}.verb", d.id), &d.verb));
            if let Some(c) = &d.condition {
                out.push((format!("demands.{}.condition", d.id), c));
            }
            out.push((format!("demands.{}.text", d.id), &d.text));
        }
        for (i, s) in self.signatures.iter().enumerate() {
            out.push((format!("signatures[{i}].role"), &s.role));
            if let Some(n) = &s.name {
                out.push((format!("signatures[{i}].name"), n));
            }
        }
        for (i, a) in self.authors.iter().enumerate() {
            out.push((format!("authors[{i}].name"), &a.name));
            if let Some(g) = &a.group {
                out.push((format!("authors[{i}].group"), g));
            }
        }
        out
    }
}
