//! Loading a template: manifest, theme and fonts, labels, and its compiled minijinja
//! environment; every error points into the template file at fault.

use std::collections::BTreeMap;
use std::path::Path;

use minijinja::Environment;
use serde::Deserialize;

use super::TemplateError;
use super::env::{document_env, text_env};
use super::error::minijinja_error;
use super::sandbox::Root;
use crate::source::{FileId, Sources, Span, display_name};
use crate::theme::{FontBytes, Fonts, Theme, ThemeSpec};
use crate::vocab::Lang;

/// `template.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub name: String,
    pub version: String,
    #[serde(default)]
    pub description: String,
    pub languages: Vec<String>,
}

/// A loaded template: manifest, theme with fonts, labels, and its minijinja environments.
pub struct Template {
    /// `default`, or the folder it was read from.
    pub name: String,
    pub(super) root: Root,
    pub manifest: Manifest,
    pub theme: Theme,
    pub(super) labels: BTreeMap<Lang, toml::Table>,
    pub(super) env: Environment<'static>,
    pub(super) text_env: Environment<'static>,
}

impl Template {
    /// The embedded template `name`.
    pub fn embedded(name: &str, sources: &mut Sources) -> Result<Template, TemplateError> {
        let dir = super::embedded::get(name).ok_or_else(|| TemplateError::UnknownEmbedded {
            name: name.to_string(),
            known: super::embedded::names(),
        })?;
        Template::load(name.to_string(), Root::Embedded(dir), sources)
    }

    /// A template folder (a fork of the default).
    pub fn open(dir: &Path, sources: &mut Sources) -> Result<Template, TemplateError> {
        if crate::files::check(&dir.join("template.toml")).is_err() {
            return Err(if dir.is_dir() {
                TemplateError::NotATemplate {
                    path: display_name(dir),
                }
            } else {
                TemplateError::NoSuchFolder {
                    path: display_name(dir),
                }
            });
        }
        Template::load(display_name(dir), Root::Folder(dir.to_path_buf()), sources)
    }

    /// This template with another `theme.toml` (its fonts read from this template): what a
    /// fork that edits only its theme gets.
    pub fn with_theme(&self, text: &str, sources: &mut Sources) -> Result<Template, TemplateError> {
        Ok(Template {
            name: self.name.clone(),
            root: self.root.clone(),
            manifest: self.manifest.clone(),
            theme: load_theme(&self.root, text.to_string(), sources)?,
            labels: self.labels.clone(),
            env: self.env.clone(),
            text_env: self.text_env.clone(),
        })
    }

    /// The labels of a language the template supports.
    pub fn labels(&self, lang: Lang) -> Option<&toml::Table> {
        self.labels.get(&lang)
    }

    fn load(name: String, root: Root, sources: &mut Sources) -> Result<Template, TemplateError> {
        let manifest: Manifest = parse_toml(&root, "template.toml", sources)?;
        let theme = load_theme(&root, root.read_text("theme.toml")?, sources)?;
        let mut labels = BTreeMap::new();
        for lang in Lang::ALL {
            if manifest.languages.iter().any(|l| l == lang.code()) {
                let rel = format!("labels/{}.toml", lang.code());
                labels.insert(lang, parse_toml::<toml::Table>(&root, &rel, sources)?);
            }
        }
        let env = document_env(root.clone());
        // Compile now, so a syntax error shows when the template is loaded.
        env.get_template("document.xml.j2")
            .map_err(|e| minijinja_error(&e, &root, sources))?;
        Ok(Template {
            name,
            root,
            manifest,
            theme,
            labels,
            env,
            text_env: text_env(),
        })
    }
}

/// The theme written in `text` (the template's `theme.toml`): parsed, its lengths checked
/// against the page, its styles resolved and its fonts read and checked.
fn load_theme(root: &Root, text: String, sources: &mut Sources) -> Result<Theme, TemplateError> {
    let spec: ThemeSpec = parse_toml_text(root, "theme.toml", text.clone(), sources)?;
    if let Some(problem) = super::theme_check::problems(&spec).into_iter().next() {
        let range = super::theme_check::span_of(&text, &problem.path);
        let file = sources.add(Path::new(&root.display("theme.toml")), text);
        return Err(TemplateError::Toml {
            message: format!("invalid `theme.toml`: {}", problem.message),
            span: Span::new(file, range),
        });
    }
    let font = |rel: &str| -> Result<FontBytes, TemplateError> {
        let bytes = root.font(rel)?;
        if rustybuzz::Face::from_slice((*bytes).as_ref(), 0).is_none() {
            return Err(TemplateError::Font {
                path: root.display(rel),
                reason: "not an OpenType or TrueType font".into(),
            });
        }
        Ok(bytes)
    };
    let f = &spec.fonts;
    let fonts = Fonts {
        regular: font(&f.regular)?,
        italic: font(&f.italic)?,
        bold: font(&f.bold)?,
        bold_italic: font(&f.bold_italic)?,
    };
    spec.theme(fonts).map_err(|message| {
        let file = add_file(root, "theme.toml", sources);
        TemplateError::Toml {
            message,
            span: Span::new(file, 0..0),
        }
    })
}

/// Adds a template file to `sources`, so a diagnostic can show it.
pub(super) fn add_file(root: &Root, rel: &str, sources: &mut Sources) -> FileId {
    let text = root.read_text(rel).unwrap_or_default();
    sources.add(Path::new(&root.display(rel)), text)
}

fn parse_toml<T: serde::de::DeserializeOwned>(
    root: &Root,
    rel: &str,
    sources: &mut Sources,
) -> Result<T, TemplateError> {
    parse_toml_text(root, rel, root.read_text(rel)?, sources)
}

fn parse_toml_text<T: serde::de::DeserializeOwned>(
    root: &Root,
    rel: &str,
    text: String,
    sources: &mut Sources,
) -> Result<T, TemplateError> {
    toml::from_str(&text).map_err(|e| {
        let range = e.span().unwrap_or(0..0);
        let file = sources.add(Path::new(&root.display(rel)), text.clone());
        TemplateError::Toml {
            message: format!(
                "invalid `{}`: {}",
                rel,
                e.message().lines().next().unwrap_or("").trim()
            ),
            span: Span::new(file, range),
        }
    })
}
