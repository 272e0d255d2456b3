//! The cover of a session's bundle: `session.xml.j2` with the agenda (each item's number,
//! title and first page), parsed into a document like a motion's.

use minijinja::value::Value;
use serde::Serialize;

use super::{Template, TemplateError, error, localized_theme};
use crate::document::{self, Document, Meta, Variant};
use crate::source::Sources;
use crate::vocab::{Date, Lang};

/// One line of the agenda.
#[derive(Debug, Clone, Serialize)]
pub struct AgendaItem {
    pub number: String,
    /// As it reads (the motion's title, its template syntax expanded).
    pub title: String,
    pub page: usize,
    #[serde(serialize_with = "lang_code")]
    pub lang: Lang,
}

fn lang_code<S: serde::Serializer>(lang: &Lang, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(lang.code())
}

/// What the session's cover shows.
pub struct Cover<'a> {
    pub lang: Lang,
    pub council_name: &'a str,
    pub council_short: &'a str,
    pub title: Option<&'a str>,
    pub date: Option<Date>,
    pub variant: Variant,
    pub items: &'a [AgendaItem],
}

#[derive(Serialize)]
struct Ctx<'a> {
    council: CouncilCtx<'a>,
    session: SessionCtx<'a>,
    items: &'a [AgendaItem],
    labels: &'a toml::Table,
    /// For the filters that read the language (`date`).
    motion: LangCtx,
    variant: &'a str,
}

#[derive(Serialize)]
struct CouncilCtx<'a> {
    name: &'a str,
    short: &'a str,
}

#[derive(Serialize)]
struct SessionCtx<'a> {
    title: Option<&'a str>,
    date: Option<String>,
}

#[derive(Serialize)]
struct LangCtx {
    lang: &'static str,
}

/// Renders the cover through the template's `session.xml.j2`.
pub fn cover(
    cover: &Cover,
    template: &Template,
    sources: &mut Sources,
) -> Result<Document, TemplateError> {
    let labels = template
        .labels(cover.lang)
        .ok_or_else(|| TemplateError::UnsupportedLang {
            template: template.name.clone(),
            lang: cover.lang.code().to_string(),
            supported: template.manifest.languages.clone(),
        })?;
    let ctx = Ctx {
        council: CouncilCtx {
            name: cover.council_name,
            short: cover.council_short,
        },
        session: SessionCtx {
            title: cover.title,
            date: cover.date.map(|d| d.to_string()),
        },
        items: cover.items,
        labels,
        motion: LangCtx {
            lang: cover.lang.code(),
        },
        variant: cover.variant.code(),
    };
    let markup = template
        .env
        .get_template("session.xml.j2")
        .and_then(|t| t.render(Value::from(minijinja::value::Serde(&ctx))))
        .map_err(|e| error::minijinja_error(&e, &template.root, sources))?;
    let parsed = document::markup::parse(&markup, &template.theme, cover.lang)
        .map_err(|e| error::markup_error(e, &markup, template, sources))?;
    let title = cover
        .title
        .unwrap_or(labels_str(labels, "agenda"))
        .to_string();
    let mut doc = Document {
        meta: Meta {
            title,
            author: cover.council_name.to_string(),
            subject: labels_str(labels, "agenda").to_string(),
            keywords: vec![cover.council_short.to_string()],
            lang: cover.lang,
            date: cover.date,
            variant: cover.variant,
            attachments: Vec::new(),
        },
        line_numbers: false,
        theme: localized_theme(&template.theme, labels),
        logo: None,
        header: parsed.header,
        footer: parsed.footer,
        blocks: parsed.blocks,
    };
    document::typography::apply(&mut doc);
    Ok(doc)
}

fn labels_str<'a>(labels: &'a toml::Table, key: &str) -> &'a str {
    labels.get(key).and_then(|v| v.as_str()).unwrap_or("")
}
