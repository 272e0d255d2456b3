//! The validated spec: what templates and linters consume. Every text keeps its span.

use std::path::PathBuf;

use serde::Deserialize;

use super::sp::Sp;
pub use crate::vocab::{Date, Lang};

/// A piece of spec text and where it was written.
pub type Text = Sp<String>;

/// What the council adopts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
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
    pub lang: Lang,
    pub kind: Kind,
    pub title: Text,
    pub date: Option<Date>,
    pub status: Status,
    pub reference: Option<Text>,
    pub authors: Vec<Author>,
    pub preamble: Option<Text>,
    pub considerants: Vec<Considerant>,
    pub council: Council,
    pub demands: Vec<Demand>,
    pub vote: Option<Vote>,
    pub signatures: Vec<Signature>,
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

/// One numbered demand.
#[derive(Debug, Clone)]
pub struct Demand {
    /// Stable id (`denonce`, or `d1`, `d2` … by position).
    pub id: String,
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
