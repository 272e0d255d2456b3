//! What templates see: the merged spec (texts already expanded), the council, the variant,
//! the labels of the motion's language and a few theme settings.

use serde::Serialize;

use crate::spec::{Spec, Vote};

/// Variables available inside spec text (`{{ council.short }}`), matching `spec::VARIABLES`.
#[derive(Debug, Serialize)]
pub struct TextContext<'a> {
    pub council: CouncilCtx<'a>,
    pub motion: MotionHead<'a>,
}

#[derive(Debug, Serialize)]
pub struct CouncilCtx<'a> {
    pub name: &'a str,
    pub short: &'a str,
    pub place: Option<&'a str>,
    pub logo: bool,
}

#[derive(Debug, Serialize)]
pub struct MotionHead<'a> {
    pub title: &'a str,
    pub lang: &'static str,
    pub date: Option<String>,
    pub reference: Option<&'a str>,
    pub kind: &'static str,
    pub status: &'static str,
}

/// The whole context of `document.xml.j2`.
#[derive(Debug, Serialize)]
pub struct DocContext<'a> {
    pub council: CouncilCtx<'a>,
    pub motion: MotionCtx<'a>,
    pub variant: &'static str,
    pub labels: &'a toml::Table,
    pub theme: ThemeCtx,
}

#[derive(Debug, Serialize)]
pub struct MotionCtx<'a> {
    pub title: String,
    pub lang: &'static str,
    pub kind: &'static str,
    pub status: &'static str,
    pub date: Option<String>,
    pub reference: Option<&'a str>,
    pub preamble: Option<String>,
    pub considerants: Vec<ClauseCtx<'a>>,
    pub demands: Vec<DemandCtx<'a>>,
    pub vote: Option<VoteCtx>,
    pub signatures: Vec<SignatureCtx>,
    pub authors: Vec<AuthorCtx>,
}

#[derive(Debug, Serialize)]
pub struct ClauseCtx<'a> {
    pub id: &'a str,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct DemandCtx<'a> {
    pub id: &'a str,
    pub number: usize,
    pub verb: String,
    pub condition: Option<String>,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct VoteCtx {
    pub present: Option<u32>,
    #[serde(rename = "for")]
    pub for_: u32,
    pub against: u32,
    pub abstain: u32,
    pub unanimous: bool,
    pub secret: bool,
}

impl From<&Vote> for VoteCtx {
    fn from(v: &Vote) -> Self {
        VoteCtx {
            present: v.present,
            for_: v.for_,
            against: v.against,
            abstain: v.abstain,
            unanimous: v.unanimous,
            secret: v.secret,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct SignatureCtx {
    pub role: String,
    pub name: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct AuthorCtx {
    pub name: String,
    pub group: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ThemeCtx {
    pub numbering: &'static str,
}

impl<'a> TextContext<'a> {
    pub fn new(spec: &'a Spec) -> Self {
        TextContext {
            council: CouncilCtx::new(spec),
            motion: MotionHead {
                title: &spec.title.value,
                lang: spec.lang.code(),
                date: spec.date.map(|d| d.to_string()),
                reference: spec.reference.as_ref().map(|r| r.value.as_str()),
                kind: spec.kind.code(),
                status: spec.status.code(),
            },
        }
    }
}

impl<'a> CouncilCtx<'a> {
    pub fn new(spec: &'a Spec) -> Self {
        CouncilCtx {
            name: &spec.council.name.value,
            short: &spec.council.short.value,
            place: spec.council.place.as_ref().map(|p| p.value.as_str()),
            logo: spec.council.logo.is_some(),
        }
    }
}
