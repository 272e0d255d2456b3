//! Spec → document: a minijinja template emits the markup, parsed into the document model.
//! The default template is embedded; a forked template folder replaces it file by file
//! (DESIGN.md §3).

mod context;
pub mod dates;
pub mod embedded;
mod error;
mod filters;
pub mod vote;

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use minijinja::value::Value;
use minijinja::{Environment, State, UndefinedBehavior};
use serde::Deserialize;

pub use error::TemplateError;

use crate::document::{self, Document, ImageFormat, Logo, Meta, Variant};
use crate::source::{Sources, Span, display_name};
use crate::spec::{Lang, Spec, Status, Text, strspan::inner_span};
use crate::theme::{FontBytes, Fonts, Numbering, Theme, ThemeSpec};
use context::*;

/// Template instructions a render may run: far above any real motion, a stop for runaway loops.
const FUEL: u64 = 2_000_000;

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

/// Where a template's files come from.
#[derive(Clone)]
enum Root {
    Embedded(&'static include_dir::Dir<'static>),
    Folder(PathBuf),
}

impl Root {
    /// Reads a file of the template; paths may not leave the template folder.
    fn read(&self, rel: &str) -> Result<Vec<u8>, TemplateError> {
        let outside = || TemplateError::OutsideFolder {
            path: rel.to_string(),
            span: None,
        };
        let rel_path = Path::new(rel);
        if rel_path
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
        {
            return Err(outside());
        }
        match self {
            Root::Embedded(dir) => dir
                .get_file(dir.path().join(rel_path))
                .map(|f| f.contents().to_vec())
                .ok_or_else(|| TemplateError::Io {
                    path: self.display(rel),
                    reason: "no such file in the embedded template".into(),
                }),
            Root::Folder(root) => {
                let path = root.join(rel_path);
                let io = |e: std::io::Error| TemplateError::Io {
                    path: display_name(&path),
                    reason: crate::spec::io_reason(&e),
                };
                // A symbolic link may not lead out of the folder either.
                let real = std::fs::canonicalize(&path).map_err(io)?;
                let real_root = std::fs::canonicalize(root).map_err(io)?;
                if !real.starts_with(&real_root) {
                    return Err(outside());
                }
                std::fs::read(&real).map_err(io)
            }
        }
    }

    fn read_text(&self, rel: &str) -> Result<String, TemplateError> {
        String::from_utf8(self.read(rel)?).map_err(|_| TemplateError::Io {
            path: self.display(rel),
            reason: "not valid UTF-8".into(),
        })
    }

    /// The name diagnostics show for a template file.
    fn display(&self, rel: &str) -> String {
        match self {
            Root::Embedded(dir) => format!("templates/{}/{rel}", dir.path().display()),
            Root::Folder(root) => display_name(&root.join(rel)),
        }
    }

    /// Font bytes: embedded fonts are shared, never copied.
    fn font(&self, rel: &str) -> Result<FontBytes, TemplateError> {
        if let Root::Embedded(dir) = self
            && let Some(file) = dir.get_file(dir.path().join(rel))
        {
            return Ok(Arc::new(file.contents()));
        }
        Ok(Arc::new(self.read(rel)?))
    }
}

/// A loaded template: manifest, theme with fonts, labels, and its minijinja environment.
pub struct Template {
    /// `default`, or the folder it was read from.
    pub name: String,
    root: Root,
    pub manifest: Manifest,
    pub theme: Theme,
    labels: BTreeMap<&'static str, toml::Table>,
    env: Environment<'static>,
    text_env: Environment<'static>,
}

impl Template {
    /// The embedded template `name`.
    pub fn embedded(name: &str, sources: &mut Sources) -> Result<Template, TemplateError> {
        let dir = embedded::get(name).ok_or_else(|| TemplateError::UnknownEmbedded {
            name: name.to_string(),
            known: embedded::names(),
        })?;
        Template::load(name.to_string(), Root::Embedded(dir), sources)
    }

    /// A template folder (a fork of the default).
    pub fn open(dir: &Path, sources: &mut Sources) -> Result<Template, TemplateError> {
        if !dir.join("template.toml").is_file() {
            return Err(if dir.is_dir() {
                TemplateError::NotATemplate {
                    path: display_name(dir),
                }
            } else {
                TemplateError::Io {
                    path: display_name(dir),
                    reason: "no such folder".into(),
                }
            });
        }
        Template::load(display_name(dir), Root::Folder(dir.to_path_buf()), sources)
    }

    fn load(name: String, root: Root, sources: &mut Sources) -> Result<Template, TemplateError> {
        let manifest: Manifest = parse_toml(&root, "template.toml", sources)?;
        let theme_spec: ThemeSpec = parse_toml(&root, "theme.toml", sources)?;
        let styles = theme_spec.resolve_styles().map_err(|message| {
            let file = add_file(&root, "theme.toml", sources);
            TemplateError::Toml {
                message,
                span: Span::new(file, 0..0),
            }
        })?;
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
        let f = &theme_spec.fonts;
        let fonts = Fonts {
            regular: font(&f.regular)?,
            italic: font(&f.italic)?,
            bold: font(&f.bold)?,
            bold_italic: font(&f.bold_italic)?,
        };
        let theme = Theme {
            page: theme_spec.page.clone(),
            font_family: theme_spec.fonts.family.clone(),
            fonts,
            numbering: theme_spec.numbering.demands,
            line_numbers: theme_spec.line_numbers.clone(),
            typography: theme_spec.typography.clone(),
            styles,
            char_styles: theme_spec.char_styles.clone(),
        };
        let mut labels = BTreeMap::new();
        for lang in [Lang::Fr, Lang::Nl] {
            if manifest.languages.iter().any(|l| l == lang.code()) {
                let rel = format!("labels/{}.toml", lang.code());
                labels.insert(
                    lang.code(),
                    parse_toml::<toml::Table>(&root, &rel, sources)?,
                );
            }
        }
        let env = document_env(root.clone());
        let text_env = text_env();
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
            text_env,
        })
    }
}

/// Adds a template file to `sources`, so a diagnostic can show it.
fn add_file(root: &Root, rel: &str, sources: &mut Sources) -> crate::source::FileId {
    let text = root.read_text(rel).unwrap_or_default();
    sources.add(Path::new(&root.display(rel)), text)
}

fn parse_toml<T: serde::de::DeserializeOwned>(
    root: &Root,
    rel: &str,
    sources: &mut Sources,
) -> Result<T, TemplateError> {
    let text = root.read_text(rel)?;
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

/// Options of one render.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// `None`: from the status (projet → projet, adopted or rejected → extrait).
    pub variant: Option<Variant>,
    /// Force line numbers on, whatever the theme says.
    pub line_numbers: bool,
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
    let labels =
        template
            .labels
            .get(lang.code())
            .ok_or_else(|| TemplateError::UnsupportedLang {
                template: template.name.clone(),
                lang: lang.code().to_string(),
                supported: template.manifest.languages.clone(),
            })?;
    let variant = opts.variant.unwrap_or_else(|| default_variant(spec));

    let text_ctx = Value::from(minijinja::value::Serde(TextContext::new(spec)));
    let expand = |text: &Text| -> Result<String, TemplateError> {
        expand_text(template, text, &text_ctx, sources)
    };
    let motion = MotionCtx {
        title: expand(&spec.title)?,
        lang: lang.code(),
        kind: spec.kind.code(),
        status: spec.status.code(),
        date: spec.date.map(|d| d.to_string()),
        reference: spec.reference.as_ref().map(|r| r.value.as_str()),
        preamble: spec.preamble.as_ref().map(expand).transpose()?,
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
                    condition: d.condition.as_ref().map(expand).transpose()?,
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
                    name: s.name.as_ref().map(expand).transpose()?,
                })
            })
            .collect::<Result<_, TemplateError>>()?,
        authors: spec
            .authors
            .iter()
            .map(|a| {
                Ok(AuthorCtx {
                    name: expand(&a.name)?,
                    group: a.group.as_ref().map(expand).transpose()?,
                })
            })
            .collect::<Result<_, TemplateError>>()?,
    };
    let title = motion.title.clone();
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
    };
    let markup = template
        .env
        .get_template("document.xml.j2")
        .and_then(|t| t.render(Value::from(minijinja::value::Serde(&ctx))))
        .map_err(|e| minijinja_error(&e, &template.root, sources))?;
    let parsed = document::markup::parse(&markup, &template.theme)
        .map_err(|e| markup_error(e, &markup, template, sources))?;

    let logo = match (&spec.council.logo, parsed.header.logo || parsed.footer.logo) {
        (Some(path), true) => Some(read_logo(path)?),
        _ => None,
    };
    let keywords = vec![
        spec.council.short.value.clone(),
        label_or(labels, spec.kind.code(), spec.kind.code()),
        variant.code().to_string(),
    ];
    let mut doc = Document {
        meta: Meta {
            title,
            author: spec.council.name.value.clone(),
            subject: format!(
                "{} — {}",
                label_or(labels, spec.kind.code(), spec.kind.code()),
                spec.council.short.value
            ),
            keywords,
            lang,
            date: spec.date,
            variant,
        },
        line_numbers: opts.line_numbers || template.theme.line_numbers_for(variant.code()),
        theme: template.theme.clone(),
        logo,
        header: parsed.header,
        footer: parsed.footer,
        blocks: parsed.blocks,
    };
    document::typography::apply(&mut doc);
    Ok(doc)
}

fn label_or(labels: &toml::Table, key: &str, default: &str) -> String {
    labels
        .get(key)
        .and_then(|v| v.as_str())
        .unwrap_or(default)
        .to_string()
}

/// Renders one piece of spec text (`{{ council.short }}` …); errors point into the spec.
fn expand_text(
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
            message: format!("in spec text: {}", minijinja_message(&e)),
            span: Some(inner_span(
                sources,
                &text.span,
                &text.value,
                e.range().unwrap_or(0..text.value.len()),
            )),
            help: None,
        })
}

fn minijinja_message(e: &minijinja::Error) -> String {
    match (e.kind(), e.detail()) {
        (minijinja::ErrorKind::OutOfFuel, _) => {
            "the template ran too long and was stopped (a loop that never ends?)".to_string()
        }
        (kind, Some(detail)) => format!("{kind}: {detail}"),
        (kind, None) => kind.to_string(),
    }
}

/// A minijinja error in a template file, with its file, line and column.
fn minijinja_error(e: &minijinja::Error, root: &Root, sources: &mut Sources) -> TemplateError {
    let help = match e.kind() {
        minijinja::ErrorKind::UndefinedError => Some(
            "templates see `motion`, `council`, `variant`, `labels` and `theme`; a label must exist in labels/<lang>.toml"
                .to_string(),
        ),
        minijinja::ErrorKind::UnknownFilter => Some(
            "filters: date, ordinal, vote, inline, markdown, clause, and minijinja's own".to_string(),
        ),
        _ => None,
    };
    let span = e.name().map(|name| {
        let file = add_file(root, name, sources);
        let range = match (e.range(), e.line()) {
            (Some(r), _) => r,
            (None, Some(line)) => {
                let f = sources.get(file);
                let start: usize = f
                    .text
                    .split_inclusive('\n')
                    .take(line - 1)
                    .map(str::len)
                    .sum();
                let len = f.text[start.min(f.text.len())..].find('\n').unwrap_or(0);
                start..start + len
            }
            _ => 0..0,
        };
        Span::new(file, range)
    });
    TemplateError::Render {
        message: format!(
            "template error in `{}`: {}",
            root.display(e.name().unwrap_or("document.xml.j2")),
            minijinja_message(e)
        ),
        span,
        help,
    }
}

/// A markup error, pointed at the template line that wrote it: the line holding the offending
/// element, else the template line that shares the longest start with the rendered line; the
/// rendered markup only when neither is found.
fn markup_error(
    e: document::markup::MarkupError,
    markup: &str,
    template: &Template,
    sources: &mut Sources,
) -> TemplateError {
    let source = template
        .root
        .read_text("document.xml.j2")
        .unwrap_or_default();
    let by_element = e
        .element
        .as_ref()
        .and_then(|el| source.find(el.as_str()).map(|at| at..at + el.len()));
    let by_line = || {
        let start = markup[..e.range.start.min(markup.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let end = markup[start..]
            .find('\n')
            .map_or(markup.len(), |i| start + i);
        similar_line(&source, markup[start..end].trim())
    };
    let span = match by_element.or_else(by_line) {
        Some(range) => Span::new(add_file(&template.root, "document.xml.j2", sources), range),
        None => {
            let file = sources.add(Path::new("(rendered document.xml)"), markup.to_string());
            Span::new(file, e.range.start..e.range.end.min(e.range.start + 40))
        }
    };
    TemplateError::Markup {
        message: e.message,
        span,
    }
}

/// The template line (as a byte range, indentation left out) that starts most like `rendered`.
fn similar_line(source: &str, rendered: &str) -> Option<std::ops::Range<usize>> {
    let mut best: Option<(usize, std::ops::Range<usize>)> = None;
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let trimmed = line.trim();
        let indent = line.len() - line.trim_start().len();
        let common = trimmed
            .chars()
            .zip(rendered.chars())
            .take_while(|(a, b)| a == b)
            .count();
        if common >= 8 && best.as_ref().is_none_or(|(n, _)| common > *n) {
            let start = offset + indent;
            best = Some((common, start..start + trimmed.len()));
        }
        offset += line.len();
    }
    best.map(|(_, range)| range)
}

fn read_logo(path: &Path) -> Result<Logo, TemplateError> {
    let bytes = std::fs::read(path).map_err(|e| TemplateError::Logo {
        path: display_name(path),
        reason: crate::spec::io_reason(&e),
    })?;
    let format = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        ImageFormat::Png
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        ImageFormat::Jpeg
    } else {
        return Err(TemplateError::Logo {
            path: display_name(path),
            reason: "it is neither PNG nor JPEG".into(),
        });
    };
    let size = imagesize::blob_size(&bytes).map_err(|e| TemplateError::Logo {
        path: display_name(path),
        reason: format!("unreadable image ({e})"),
    })?;
    if size.width == 0 || size.height == 0 || size.width > 20_000 || size.height > 20_000 {
        return Err(TemplateError::Logo {
            path: display_name(path),
            reason: format!("odd size {}×{} pixels", size.width, size.height),
        });
    }
    Ok(Logo {
        bytes: Arc::new(bytes),
        format,
        width: size.width as u32,
        height: size.height as u32,
    })
}

/// The language of the motion being rendered, for filters.
fn lang_of(state: &State) -> Lang {
    let lang = state
        .lookup("motion")
        .and_then(|m| m.get_attr("lang").ok())
        .map(|l| l.to_string());
    match lang.as_deref() {
        Some("nl") => Lang::Nl,
        _ => Lang::Fr,
    }
}

fn add_filters(env: &mut Environment<'static>) {
    env.add_filter("date", |state: &State, iso: &str| {
        filters::date(lang_of(state))(iso)
    });
    env.add_filter("ordinal", |state: &State, n: i64| {
        filters::ordinal(lang_of(state))(n)
    });
    env.add_filter("vote", |state: &State, v: Value| {
        filters::vote(lang_of(state))(v)
    });
    env.add_filter("inline", filters::inline);
    env.add_filter("markdown", filters::markdown);
    env.add_filter("clause", filters::clause);
}

/// The environment for `document.xml.j2`: strict, fuelled, loading only from the template.
fn document_env(root: Root) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(FUEL));
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    add_filters(&mut env);
    env.set_loader(move |name| match root.read_text(name) {
        Ok(text) => Ok(Some(text)),
        Err(TemplateError::Io { .. }) => Ok(None),
        Err(e) => Err(minijinja::Error::new(
            minijinja::ErrorKind::InvalidOperation,
            e.to_string(),
        )),
    });
    env
}

/// The environment for spec text: plain text, strict, fuelled.
fn text_env() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(FUEL));
    add_filters(&mut env);
    env
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every variable spec text may use is defined in the context the template stage builds.
    #[test]
    fn spec_variables_exist_in_the_text_context() {
        let mut sources = Sources::new();
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/saint-gilles-adopted.toml");
        let spec = crate::spec::load(&path, &mut sources).unwrap();
        let ctx = Value::from(minijinja::value::Serde(TextContext::new(&spec)));
        let env = text_env();
        for var in crate::spec::VARIABLES {
            let out = env.render_str(&format!("{{{{ {var} }}}}"), &ctx);
            assert!(out.is_ok(), "{var}: {out:?}");
        }
    }
}
