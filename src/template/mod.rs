//! Spec → document: a minijinja template emits the markup, parsed into the document model,
//! then each block learns where its text was written. The default template is embedded; a
//! forked template folder replaces it file by file (DESIGN.md §3).
//!
//! `sandbox` reads the template's files, `load` builds a [`Template`], `env` holds the
//! minijinja environments and filters, `context` what templates see, `provenance` the spans,
//! `error` the diagnostics.

mod amendments;
mod context;
pub mod embedded;
mod env;
mod error;
mod filters;
mod load;
mod logo;
mod provenance;
mod register;
mod sandbox;
pub mod session;
mod theme_check;

use minijinja::value::Value;

pub use error::TemplateError;
pub use load::{Manifest, Template};

use crate::document::{self, Document, Meta, Variant};
use crate::source::Sources;
use crate::spec::{Spec, Status};
use crate::theme::Numbering;
use context::{CouncilCtx, DocContext, MotionCtx, ThemeCtx};

/// Options of one render.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// `None`: from the status (projet → projet, adopted or rejected → extrait).
    pub variant: Option<Variant>,
    /// Force line numbers on, whatever the theme says.
    pub line_numbers: bool,
    /// What the changes encoded in the spec's texts refer to (a redline, an amendment list):
    /// they become change marks. Without it, encoded changes are accepted.
    pub redline: Option<std::sync::Arc<crate::redline::Redline>>,
    /// The amendments the `amendements` variant lists.
    pub amendments: Option<std::sync::Arc<crate::amend::AmendmentList>>,
}

/// The variant a spec renders as by default.
pub fn default_variant(spec: &Spec) -> Variant {
    match spec.status {
        Status::Projet => Variant::Projet,
        Status::Adopte | Status::Rejete => Variant::Extrait,
    }
}

/// Renders a spec through a template into a document.
pub fn render(
    spec: &Spec,
    template: &Template,
    opts: &RenderOptions,
    sources: &mut Sources,
) -> Result<Document, TemplateError> {
    let lang = spec.lang;
    let labels = template
        .labels(lang)
        .ok_or_else(|| TemplateError::UnsupportedLang {
            template: template.name.clone(),
            lang: lang.code().to_string(),
            supported: template.manifest.languages.clone(),
        })?;
    let variant = opts.variant.unwrap_or_else(|| default_variant(spec));
    let motion = MotionCtx::new(spec, template, labels, sources)?;
    // Metadata carry the title as it reads, changes accepted.
    let title = crate::redline::accepted(&motion.title);
    let amendments = match (&opts.amendments, variant) {
        (Some(list), Variant::Amendements) => {
            amendments::context(list, spec, template, labels, sources)?
        }
        (None, Variant::Amendements) => {
            return Err(TemplateError::Render {
                message: "the amendment list needs the amendments".into(),
                span: None,
                help: Some("give them with `--amendments FILE`".into()),
            });
        }
        _ => Vec::new(),
    };
    let ctx = DocContext {
        council: CouncilCtx::new(spec),
        motion,
        variant: variant.code(),
        labels,
        theme: ThemeCtx {
            numbering: match template.theme.numbering {
                Numbering::Decimal => "decimal",
                Numbering::Article => "article",
            },
        },
        amendments,
    };
    let markup = template
        .env
        .get_template("document.xml.j2")
        .and_then(|t| t.render(Value::from(minijinja::value::Serde(&ctx))))
        .map_err(|e| error::minijinja_error(&e, &template.root, sources))?;
    let mut parsed = document::markup::parse(&markup, &template.theme, lang)
        .map_err(|e| error::markup_error(e, &markup, template, sources))?;
    match &opts.redline {
        Some(redline) => document::changes::apply(&mut parsed.blocks, redline),
        None => document::changes::accept(&mut parsed.blocks),
    }
    provenance::attach(
        &mut parsed.blocks,
        &mut parsed.header,
        &mut parsed.footer,
        spec,
    );

    let logo = match (&spec.council.logo, parsed.header.logo || parsed.footer.logo) {
        (Some(path), true) => Some(logo::read_logo(path, spec.council.logo_span.clone())?),
        _ => None,
    };
    let kind_label = label_or(labels, spec.kind.code(), spec.kind.code());
    let mut doc = Document {
        meta: Meta {
            title,
            author: spec.council.name.value.clone(),
            subject: format!("{kind_label} — {}", spec.council.short.value),
            keywords: vec![
                spec.council.short.value.clone(),
                kind_label,
                variant.code().to_string(),
            ],
            lang,
            date: spec.date,
            variant,
            // The CLI attaches the source: it knows what the render read.
            attachments: Vec::new(),
        },
        line_numbers: opts.line_numbers || template.theme.line_numbers_for(variant.code()),
        theme: localized_theme(&template.theme, labels),
        logo,
        header: parsed.header,
        footer: parsed.footer,
        blocks: parsed.blocks,
    };
    document::typography::apply(&mut doc);
    Ok(doc)
}

/// The theme with its style names in the motion's language (`[style-names]` of the labels),
/// as Word and LibreOffice list them.
fn localized_theme(theme: &crate::theme::Theme, labels: &toml::Table) -> crate::theme::Theme {
    let mut theme = theme.clone();
    if let Some(names) = labels.get("style-names").and_then(|v| v.as_table()) {
        for (key, style) in theme.styles.iter_mut() {
            if let Some(name) = names.get(key).and_then(|v| v.as_str()) {
                style.name = name.to_string();
            }
        }
        for (key, style) in theme.char_styles.iter_mut() {
            if let Some(name) = names.get(key).and_then(|v| v.as_str()) {
                style.name = Some(name.to_string());
            }
        }
    }
    theme
}

fn label_or(labels: &toml::Table, key: &str, default: &str) -> String {
    labels
        .get(key)
        .and_then(|v| v.as_str())
        .unwrap_or(default)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// Every variable spec text may use is defined in the context the template stage builds.
    #[test]
    fn spec_variables_exist_in_the_text_context() {
        let mut sources = Sources::new();
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/saint-gilles-adopted.toml");
        let spec = crate::spec::load(&path, &mut sources).unwrap();
        let ctx = Value::from(minijinja::value::Serde(context::TextContext::new(&spec)));
        let env = env::text_env();
        for var in crate::spec::VARIABLES {
            let out = env.render_str(&format!("{{{{ {var} }}}}"), &ctx);
            assert!(out.is_ok(), "{var}: {out:?}");
        }
    }
}
