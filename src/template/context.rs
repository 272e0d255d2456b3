//! What templates see: the merged spec (texts already expanded), the council, the variant,
//! the labels of the motion's language and a few theme settings.

use minijinja::value::Value;
use serde::Serialize;

use super::{Template, TemplateError, register};
use crate::source::Sources;
use crate::spec::{Spec, Text, Vote, strspan::inner_span};

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
    /// The amendment list's entries (`--variant amendements`); empty otherwise.
    pub amendments: Vec<super::amendments::AmendmentCtx>,
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
    pub session: Option<register::SessionCtx>,
    pub attendance: Vec<register::AttendeeCtx>,
    pub presence: register::PresenceCtx,
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
    /// The roll call's non-empty parts (`kind`, `names`), empty without `[vote.names]`.
    pub roll_call: Vec<register::RollPartCtx>,
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
            roll_call: v
                .names
                .as_ref()
                .map(register::roll_call)
                .unwrap_or_default(),
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

impl<'a> MotionCtx<'a> {
    /// The motion as `document.xml.j2` sees it: every spec text expanded (`{{ council.short }}`).
    pub fn new(
        spec: &'a Spec,
        template: &Template,
        labels: &toml::Table,
        sources: &Sources,
    ) -> Result<MotionCtx<'a>, TemplateError> {
        let text_ctx = Value::from(minijinja::value::Serde(TextContext::new(spec)));
        let expand = |text: &Text| expand_text(template, text, &text_ctx, sources);
        let optional = |text: &Option<Text>| text.as_ref().map(expand).transpose();
        Ok(MotionCtx {
            title: expand(&spec.title)?,
            lang: spec.lang.code(),
            kind: spec.kind.code(),
            status: spec.status.code(),
            date: spec.date.map(|d| d.to_string()),
            reference: spec.reference.as_ref().map(|r| r.value.as_str()),
            preamble: optional(&spec.preamble)?,
            considerants: spec
                .considerants
                .iter()
                .map(|c| {
                    Ok(ClauseCtx {
                        id: &c.id,
                        text: expand(&c.text)?,
                    })
                })
                .collect::<Result<_, TemplateError>>()?,
            demands: spec
                .demands
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    Ok(DemandCtx {
                        id: &d.id,
                        number: i + 1,
                        verb: expand(&d.verb)?,
                        condition: optional(&d.condition)?,
                        text: expand(&d.text)?,
                    })
                })
                .collect::<Result<_, TemplateError>>()?,
            vote: spec.vote.as_ref().map(VoteCtx::from),
            signatures: spec
                .signatures
                .iter()
                .map(|s| {
                    Ok(SignatureCtx {
                        role: expand(&s.role)?,
                        name: optional(&s.name)?,
                    })
                })
                .collect::<Result<_, TemplateError>>()?,
            authors: spec
                .authors
                .iter()
                .map(|a| {
                    Ok(AuthorCtx {
                        name: expand(&a.name)?,
                        group: optional(&a.group)?,
                    })
                })
                .collect::<Result<_, TemplateError>>()?,
            session: register::session(spec),
            attendance: register::attendance(spec),
            presence: register::presence(spec, labels),
        })
    }
}

/// Renders one piece of spec text (`{{ council.short }}` …); errors point into the spec.
pub(super) fn expand_text(
    template: &Template,
    text: &Text,
    ctx: &Value,
    sources: &Sources,
) -> Result<String, TemplateError> {
    if !text.value.contains("{{") && !text.value.contains("{%") && !text.value.contains("{#") {
        return Ok(text.value.clone());
    }
    template
        .text_env
        .render_str(&text.value, ctx)
        .map_err(|e| TemplateError::Render {
            message: format!("in spec text: {}", super::env::message(&e)),
            span: Some(inner_span(
                sources,
                &text.span,
                &text.value,
                e.range().unwrap_or(0..text.value.len()),
            )),
            help: None,
        })
}
