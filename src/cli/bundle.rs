//! `motion render seance.toml`: a session's bundle (DESIGN.md §10) — the agenda with the page
//! where each item starts, then every motion from a new page, laid out as when rendered
//! alone, with page numbers running through the whole book; one PDF and one DOCX.

use std::path::Path;

use rayon::prelude::*;

use super::Exit;
use super::formats::Format;
use super::output;
use super::render::{Job, Outcome, output_stem, overwrite_refused, overwrites_input};
use crate::diagnostics::{self, Diagnostic};
use crate::document::{Attachment, Document, Relation, Variant};
use crate::layout::{self, Layout};
use crate::source::{Sources, display_name};
use crate::spec::session_file::{self, SessionFile};
use crate::spec::{self, Sp, Spec};
use crate::template::session::{AgendaItem, Cover};
use crate::template::{self, RenderOptions};

/// Renders the session at `path` into `<session>.pdf` and `<session>.docx`.
pub fn render(path: &Path, job: &Job) -> Outcome {
    let mut sources = Sources::new();
    match bundle(path, job, &mut sources) {
        Ok((files, warnings)) => Outcome {
            files,
            messages: diagnostics::render(&sources, &warnings, job.colour),
            exit: Exit::Ok,
            inputs: super::render::read_files(&sources),
        },
        Err((diagnostics, exit)) => Outcome {
            files: Vec::new(),
            messages: diagnostics::render(&sources, &diagnostics, job.colour),
            exit,
            inputs: super::render::read_files(&sources),
        },
    }
}

type Failure = (Vec<Diagnostic>, Exit);

/// The session's motions, each loaded and checked in its own file; one broken motion
/// fails the session, with a note naming every broken one.
pub fn load_motions(session: &SessionFile, sources: &mut Sources) -> Result<Vec<Spec>, Failure> {
    let mut specs = Vec::new();
    let mut diagnostics = Vec::new();
    let mut exit = Exit::Ok;
    let mut broken = Vec::new();
    for (path, _) in &session.motions {
        match session_file::load_motion(session, path, sources) {
            Ok(spec) => {
                let lint = crate::lint::errors(&spec, sources);
                if lint.is_empty() {
                    specs.push(spec);
                } else {
                    diagnostics.extend(lint);
                    exit = exit.max(Exit::Invalid);
                    broken.push(display_name(path));
                }
            }
            Err(errors) => {
                let (mut d, e) = super::spec_failure(&errors);
                diagnostics.append(&mut d);
                exit = exit.max(e);
                broken.push(display_name(path));
            }
        }
    }
    if broken.is_empty() {
        Ok(specs)
    } else {
        diagnostics.push(Diagnostic::error(format!(
            "the session `{}` was not rendered: {} of {} motion{} {} errors ({})",
            display_name(&session.path),
            broken.len(),
            session.motions.len(),
            if session.motions.len() == 1 { "" } else { "s" },
            if broken.len() == 1 { "has" } else { "have" },
            broken.join(", ")
        )));
        Err((diagnostics, exit))
    }
}

/// A motion's item number, as its extrait prints it (« Objet n° 3 »).
fn number_item(spec: &mut Spec, number: &str, listed: &crate::source::Span) {
    let session = spec.session.get_or_insert(spec::Session {
        item: None,
        public: true,
    });
    if session.item.is_none() {
        session.item = Some(Sp::new(number.to_string(), listed.clone()));
    }
}

/// What a bundle carries: the session file, its `motions` renamed to the specs beside it,
/// each motion self-contained (`motion extract seance.pdf` writes them all back).
fn carried(session: &SessionFile, specs: &[Spec], sources: &Sources) -> Vec<Attachment> {
    // The session's own name is taken first: a motion named like it gets another.
    let mut names: Vec<String> = vec![spec::embedded_name(&session.path)];
    let mut supplements = Vec::new();
    for spec in specs {
        let Some(text) = spec::self_contained(spec, sources) else {
            return Vec::new();
        };
        let base = spec::embedded_name(&spec.path);
        let mut name = base.clone();
        let mut n = 2;
        while names.contains(&name) {
            name = format!("{}-{n}.toml", base.trim_end_matches(".toml"));
            n += 1;
        }
        names.push(name.clone());
        supplements.push(Attachment {
            name,
            text,
            relation: Relation::Supplement,
        });
    }
    let file = sources.by_path(&session.path);
    let Some(mut doc) = file.and_then(|f| f.text.parse::<toml_edit::DocumentMut>().ok()) else {
        return Vec::new();
    };
    let mut list = toml_edit::Array::new();
    for name in &names[1..] {
        list.push(name.as_str());
    }
    doc["motions"] = toml_edit::value(list);
    let mut found = vec![Attachment {
        name: spec::embedded_name(&session.path),
        text: doc.to_string(),
        relation: Relation::Source,
    }];
    found.extend(supplements);
    found
}

fn bundle(
    path: &Path,
    job: &Job,
    sources: &mut Sources,
) -> Result<(Vec<std::path::PathBuf>, Vec<Diagnostic>), Failure> {
    let invalid = |d: Diagnostic| (vec![d], Exit::Invalid);
    if let Some(f) = job.formats.iter().find(|f| !f.needs_layout()) {
        return Err((
            vec![
                Diagnostic::error(format!(
                    "a session bundle is PDF and DOCX, not {}",
                    f.extension()
                ))
                .with_help("use `--format pdf,docx`, or render each motion on its own"),
            ],
            Exit::Usage,
        ));
    }
    if job.args.bilingual || job.args.amendments.is_some() {
        return Err((
            vec![Diagnostic::error(
                "a session bundle renders each motion as it is; `--bilingual` and amendments apply to one motion",
            )],
            Exit::Usage,
        ));
    }
    let session = session_file::load(path, sources).map_err(|e| super::spec_failure(&e))?;
    let mut specs = load_motions(&session, sources)?;
    let numbers =
        session_file::item_numbers(&session, &specs).map_err(|e| super::spec_failure(&e))?;
    for (spec, (number, (_, listed))) in specs.iter_mut().zip(numbers.iter().zip(&session.motions))
    {
        number_item(spec, number, listed);
    }

    // Each motion rendered as alone, in the session's variant when it names one.
    // `--variant` on the command line wins over the session file's.
    let variant = job.opts.variant.or(match session.variant.as_deref() {
        Some("extrait") => Some(Variant::Extrait),
        Some(_) => Some(Variant::Projet),
        None => None,
    });
    let mut docs = Vec::new();
    let mut templates = Vec::new();
    for spec in &specs {
        let dir = job.args.template.as_deref().or(spec.template.as_deref());
        let template = job
            .templates
            .get(dir, sources)
            .map_err(|e| invalid(e.diagnostic()))?;
        let opts = RenderOptions {
            variant,
            ..job.opts.clone()
        };
        let doc = template::render(spec, &template, &opts, sources)
            .map_err(|e| invalid(e.diagnostic()))?;
        docs.push(doc);
        templates.push(template);
    }
    // No output may replace a file the bundle reads (a motion named `seance.pdf`, a logo, a
    // template file), as for a single render.
    let stem = output_stem(job.args, path);
    let targets: Vec<std::path::PathBuf> = job
        .formats
        .iter()
        .map(|format| {
            let mut target = stem.clone().into_os_string();
            target.push(format!(".{}", format.extension()));
            std::path::PathBuf::from(target)
        })
        .collect();
    let mut inputs: Vec<std::path::PathBuf> = sources.files().map(|f| f.path.clone()).collect();
    inputs.extend(specs.iter().filter_map(|s| s.council.logo.clone()));
    for spec in &specs {
        let template = job.args.template.as_deref().or(spec.template.as_deref());
        if let Some((target, input)) = overwrites_input(&targets, &inputs, template) {
            return Err((vec![overwrite_refused(&target, &input)], Exit::Invalid));
        }
    }
    let lay = |doc: &Document, numbering: Option<(usize, usize)>, sources: &Sources| {
        layout::layout_numbered(doc, numbering).map_err(|e| {
            invalid(
                super::formats::BackendError::Pdf(crate::pdf::PdfError::Layout(e))
                    .diagnostic(sources, doc),
            )
        })
    };
    // Motions are laid out on every core; errors are reported in agenda order.
    let laid_alone: Vec<Result<Layout, layout::LayoutError>> = docs
        .par_iter()
        .map(|d| layout::layout_numbered(d, None))
        .collect();
    let mut counts = Vec::new();
    for (doc, laid) in docs.iter().zip(laid_alone) {
        match laid {
            Ok(l) => counts.push(l.page_count()),
            Err(_) => {
                lay(doc, None, sources)?;
            }
        }
    }

    // The cover, in the first motion's language and template; laid out until the pages it
    // announces are the pages it takes (a long agenda can take two).
    let first = &specs[0];
    let cover_lang = first.lang;
    let mut cover_pages = 1;
    let (cover, cover_layout, starts) = loop {
        let mut starts = Vec::new();
        let mut next = cover_pages + 1;
        for count in &counts {
            starts.push(next);
            next += count;
        }
        let items: Vec<AgendaItem> = docs
            .iter()
            .zip(&numbers)
            .zip(&starts)
            .map(|((doc, number), start)| AgendaItem {
                number: number.clone(),
                title: doc.meta.title.clone(),
                page: *start,
                lang: doc.meta.lang,
            })
            .collect();
        let cover = template::session::cover(
            &Cover {
                lang: cover_lang,
                council_name: &first.council.name.value,
                council_short: &first.council.short.value,
                title: session.title.as_ref().map(|t| t.value.as_str()),
                date: session.date,
                variant: variant.unwrap_or_else(|| template::default_variant(first)),
                items: &items,
            },
            &templates[0],
            sources,
        )
        .map_err(|e| invalid(e.diagnostic()))?;
        let total = next - 1;
        let laid = lay(&cover, Some((1, total)), sources)?;
        if laid.page_count() == cover_pages {
            break (cover, laid, starts);
        }
        cover_pages = laid.page_count();
    };
    let total = cover_pages + counts.iter().sum::<usize>();
    let numbered: Vec<Result<Layout, layout::LayoutError>> = docs
        .par_iter()
        .zip(&starts)
        .map(|(doc, start)| layout::layout_numbered(doc, Some((*start, total))))
        .collect();
    let mut layouts = Vec::with_capacity(docs.len());
    for (doc, laid) in docs.iter().zip(numbered) {
        // A footer that fits « 1 / 3 » may not fit « 12 / 140 »: reported in its motion.
        layouts.push(laid.map_err(|e| {
            invalid(
                super::formats::BackendError::Pdf(crate::pdf::PdfError::Layout(e))
                    .diagnostic(sources, doc),
            )
        })?);
    }

    let mut cover = cover;
    // The book's metadata date: the session's, else its first dated motion's (PDF/A and
    // the DOCX properties want one; the cover shows only the session's own).
    if cover.meta.date.is_none() {
        cover.meta.date = specs.iter().find_map(|s| s.date);
    }
    if !job.args.no_source {
        cover.meta.attachments = carried(&session, &specs, sources);
    }
    let cover = cover;
    let mut outputs = Vec::new();
    for (format, target) in job.formats.iter().zip(targets) {
        let bytes = match format {
            Format::Pdf => {
                let mut parts = vec![crate::pdf::Part {
                    doc: &cover,
                    layout: &cover_layout,
                    name: Some("agenda".into()),
                    title: None,
                }];
                for ((doc, laid), number) in docs.iter().zip(&layouts).zip(&numbers) {
                    parts.push(crate::pdf::Part {
                        doc,
                        layout: laid,
                        name: Some(format!("item-{number}")),
                        title: Some(format!("{number}. {}", doc.meta.title)),
                    });
                }
                crate::pdf::write_parts(&cover, &parts, &job.backends.pdf).map_err(|e| {
                    invalid(super::formats::BackendError::Pdf(e).diagnostic(sources, &cover))
                })?
            }
            Format::Docx => {
                let mut whole = cover.clone();
                // Sections number their lines as their motion does; paragraphs that are
                // not counted say so wherever some section counts.
                whole.line_numbers = docs.iter().any(|d| d.line_numbers);
                let mut parts = vec![(&cover, 0)];
                for doc in &docs {
                    parts.push((doc, whole.blocks.len()));
                    whole.blocks.extend(doc.blocks.iter().cloned());
                }
                let opts = crate::docx::DocxOptions {
                    layout: None,
                    ..job.backends.docx.clone()
                };
                crate::docx::write_bundle(&whole, &parts, total, &opts).map_err(|e| {
                    invalid(Diagnostic::error(format!("cannot write the DOCX: {e}")))
                })?
            }
            // Refused above: a bundle is PDF and DOCX.
            _ => continue,
        };
        outputs.push((target, bytes));
    }
    output::write_all_atomic(&outputs)
        .map_err(|(target, e)| (vec![output::not_written(&target, &e)], Exit::Io))?;
    let mut warnings = Vec::new();
    if job.formats.contains(&Format::Docx)
        && templates
            .iter()
            .any(|t| !std::sync::Arc::ptr_eq(t, &templates[0]))
    {
        warnings.push(
            Diagnostic::warning(
                "the motions of this session use different templates: the DOCX takes the styles and page of the first one's",
            )
            .with_note("the PDF lays out each motion with its own template"),
        );
    }
    Ok((outputs.into_iter().map(|(p, _)| p).collect(), warnings))
}
