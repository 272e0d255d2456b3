//! `motion render`: spec → template → document → output files. Many specs render in parallel
//! (rayon); one failing spec does not stop the others; messages come out in input order, so
//! a batch's output is the same on one core or many.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::formats::{Backends, Format};
use super::{Exit, output};
use crate::diagnostics::{self, Diagnostic};
use crate::document::Variant;
use crate::docx::DocxOptions;
use crate::pdf::{PdfOptions, Standard};
use crate::source::{Sources, display_name};
use crate::spec;
use crate::template::{self, RenderOptions, Template, TemplateError};
use crate::timestamp::Timestamp;

/// Render specs to documents (PDF and DOCX by default).
///
/// Example: `motion render motions/forest.toml` or `motion render motions/*.toml -o out/`
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Spec files to render.
    #[arg(required = true, value_name = "SPEC")]
    pub(super) specs: Vec<PathBuf>,
    /// Folder for the output files (default: next to each spec).
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Output formats, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_values = ["pdf", "docx"])]
    format: Vec<Format>,
    /// A template folder (a fork made with `motion template fork`), instead of the spec's own.
    #[arg(long, value_name = "DIR")]
    pub(super) template: Option<PathBuf>,
    /// Which document to produce (default: projet for a draft, extrait once voted).
    #[arg(long, value_enum)]
    variant: Option<VariantArg>,
    /// Number every fifth line in the margin, whatever the theme says.
    #[arg(long)]
    line_numbers: bool,
    /// An amendment file for the motion: its adopted amendments are applied (the output is
    /// `<motion>.amende.pdf`); with `--variant amendements`, the list of all of them.
    #[arg(long, value_name = "FILE")]
    pub(super) amendments: Option<PathBuf>,
    /// Keep the adopted amendments visible (`<motion>.redline.pdf`): insertions underlined,
    /// deletions struck through, the amendment in the margin; tracked changes in the DOCX.
    #[arg(long)]
    redline: bool,
    /// The spec and its `translation` side by side, a row per clause (`<spec>.fr-nl.pdf`).
    #[arg(long)]
    pub(super) bilingual: bool,
    /// Validate the PDF against an archival or accessibility standard (`a-3b` archives it
    /// with its source; PDF/A-2b allows no embedded spec).
    #[arg(long, value_enum, value_name = "STANDARD")]
    pdf_standard: Option<StandardArg>,
    /// Leave the spec out of the PDF and DOCX (by default they carry it, for
    /// `motion extract`): for drafting notes not meant to be published.
    #[arg(long)]
    pub(super) no_source: bool,
    /// How diagnostics are printed: `json` writes one object per line on stdout.
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "human")]
    pub(super) message_format: crate::diagnostics::MessageFormat,
    /// Specs rendered at once (default: one per core).
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum StandardArg {
    /// PDF/A-2b, for archives.
    #[value(name = "a-2b")]
    A2b,
    /// PDF/UA-1, for screen readers.
    #[value(name = "ua-1")]
    Ua1,
    /// Both.
    #[value(name = "a-2b+ua-1")]
    A2bUa1,
    /// PDF/A-3b, for archives, with the spec as associated file.
    #[value(name = "a-3b")]
    A3b,
    /// PDF/A-3b and PDF/UA-1.
    #[value(name = "a-3b+ua-1")]
    A3bUa1,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum VariantArg {
    Projet,
    Extrait,
    /// The amendment list (needs `--amendments`, or an amendment file as SPEC).
    Amendements,
}

/// Templates loaded once per run and shared by the threads, by folder (`None`: the default).
#[derive(Default)]
pub(super) struct Templates {
    loaded: Mutex<BTreeMap<Option<PathBuf>, Arc<Template>>>,
    /// The embedded default, being loaded on another core while the first spec is read.
    early: Mutex<Option<std::sync::mpsc::Receiver<Template>>>,
}

impl Templates {
    /// Starts loading the embedded default on a thread of its own: a cold render reads and
    /// checks its spec meanwhile (BENCHMARKS « Cold render »). A spec that names its own
    /// template leaves it unused.
    pub(super) fn loading_default() -> Templates {
        let (send, receive) = std::sync::mpsc::sync_channel(1);
        let started = std::thread::Builder::new()
            .name("template".into())
            .spawn(move || {
                // Loaded into sources of its own: the embedded default has no error to show
                // (should it fail, `get` loads it again into the render's sources).
                let Ok(template) =
                    Template::embedded(template::embedded::DEFAULT, &mut Sources::new())
                else {
                    return;
                };
                let _ = send.send(template);
            });
        Templates {
            early: Mutex::new(started.ok().map(|_| receive)),
            ..Templates::default()
        }
    }

    /// The template folders loaded (not the embedded default).
    pub(super) fn folders(&self) -> Vec<PathBuf> {
        let loaded = self
            .loaded
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        loaded.keys().flatten().cloned().collect()
    }

    /// Forgets the loaded templates: the next render reads them again.
    pub(super) fn clear(&self) {
        self.loaded
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clear();
    }

    pub(super) fn get(
        &self,
        dir: Option<&Path>,
        sources: &mut Sources,
    ) -> Result<Arc<Template>, TemplateError> {
        let key = dir.map(Path::to_path_buf);
        // Held while loading, so a template is read once even when many specs need it.
        let mut loaded = self
            .loaded
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(template) = loaded.get(&key) {
            return Ok(template.clone());
        }
        let early = match dir {
            Some(_) => None,
            None => self
                .early
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .take()
                .and_then(|loading| loading.recv().ok()),
        };
        let template = Arc::new(match (dir, early) {
            (_, Some(template)) => template,
            (Some(dir), None) => Template::open(dir, sources)?,
            (None, None) => Template::embedded(template::embedded::DEFAULT, sources)?,
        });
        loaded.insert(key, template.clone());
        Ok(template)
    }
}

/// What rendering one spec gave: the files written, or the messages and exit code.
pub(super) struct Outcome {
    pub(super) files: Vec<PathBuf>,
    pub(super) messages: String,
    pub(super) exit: Exit,
    /// The files the render read (spec, bases, translation, amendments, logo, template
    /// files), as far as it got: what `motion watch` watches.
    pub(super) inputs: Vec<PathBuf>,
}

/// Everything a render needs besides the spec.
pub(super) struct Job<'a> {
    pub(super) args: &'a Args,
    pub(super) formats: Vec<Format>,
    pub(super) opts: RenderOptions,
    pub(super) backends: Backends,
    pub(super) templates: Templates,
    pub(super) colour: bool,
}

pub fn run(args: Args) -> Exit {
    diagnostics::set_format(args.message_format);
    let job = match job(&args) {
        Ok(job) => job,
        Err(exit) => return exit,
    };
    let outcomes = render_all(&job);
    report(&args, &outcomes)
}

/// Everything the renders of one command line share: formats, options, the template cache.
pub(super) fn job(args: &Args) -> Result<Job<'_>, Exit> {
    let mut formats = args.format.clone();
    formats.sort();
    formats.dedup();
    if let Some(dir) = &args.output
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        super::print_error(&format!(
            "cannot create `{}`: {}",
            display_name(dir),
            spec::io_reason(&e)
        ));
        return Err(Exit::Io);
    }
    let epoch = match Timestamp::source_date_epoch() {
        Ok(epoch) => epoch,
        Err(message) => {
            super::print_error(&message);
            return Err(Exit::Invalid);
        }
    };
    Ok(Job {
        args,
        formats,
        opts: RenderOptions {
            variant: args.variant.map(|v| match v {
                VariantArg::Projet => Variant::Projet,
                VariantArg::Extrait => Variant::Extrait,
                VariantArg::Amendements => Variant::Amendements,
            }),
            line_numbers: args.line_numbers,
            redline: None,
            amendments: None,
        },
        backends: Backends {
            pdf: PdfOptions {
                standard: match args.pdf_standard {
                    None => Standard::None,
                    Some(StandardArg::A2b) => Standard::A2b,
                    Some(StandardArg::Ua1) => Standard::Ua1,
                    Some(StandardArg::A2bUa1) => Standard::A2bUa1,
                    Some(StandardArg::A3b) => Standard::A3b,
                    Some(StandardArg::A3bUa1) => Standard::A3bUa1,
                },
                source_date_epoch: epoch,
            },
            docx: DocxOptions {
                source_date_epoch: epoch,
                layout: None,
            },
        },
        templates: match &args.template {
            None => Templates::loading_default(),
            Some(_) => Templates::default(),
        },
        colour: diagnostics::stderr_colour(),
    })
}

/// Renders every spec of the job (in parallel), outcomes in input order.
pub(super) fn render_all(job: &Job) -> Vec<Outcome> {
    let args = job.args;
    // Two specs with the same name would write the same files; the later ones are refused.
    let mut claimed: BTreeMap<PathBuf, &Path> = BTreeMap::new();
    let clash: Vec<Option<&Path>> = args
        .specs
        .iter()
        .map(|path| {
            let target = output_stem(args, path);
            let key = crate::source::normalize(
                &std::env::current_dir().unwrap_or_default().join(&target),
            );
            match claimed.get(&key) {
                Some(first) => Some(*first),
                None => {
                    claimed.insert(key, path);
                    None
                }
            }
        })
        .collect();
    let progress = super::progress::bar(args.specs.len());
    let render = |(path, clash): (&PathBuf, &Option<&Path>)| {
        let outcome = match clash {
            Some(first) => Outcome {
                files: Vec::new(),
                messages: diagnostics::render(
                    &Sources::new(),
                    &[Diagnostic::error(format!(
                        "`{}` would write the same files as `{}`",
                        display_name(path),
                        display_name(first)
                    ))
                    .with_help("render them into different folders (-o), or rename one")],
                    job.colour,
                ),
                exit: Exit::Invalid,
                inputs: Vec::new(),
            },
            None => render_one(path, job),
        };
        progress.inc(1);
        outcome
    };
    // More threads than cores (or than specs) only costs: `-j 10000` runs as `-j 8` would.
    let jobs = args.jobs.map(|j| {
        j.clamp(
            1,
            (std::thread::available_parallelism().map_or(1, |n| n.get()) * 4)
                .min(args.specs.len())
                .max(1),
        )
    });
    let outcomes: Vec<Outcome> = match jobs {
        // One spec, or one job: no thread pool to start.
        _ if args.specs.len() == 1 => args.specs.iter().zip(&clash).map(render).collect(),
        Some(1) => args.specs.iter().zip(&clash).map(render).collect(),
        jobs => match rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.unwrap_or(0))
            .build()
        {
            Ok(pool) => pool.install(|| args.specs.par_iter().zip(&clash).map(render).collect()),
            Err(_) => args.specs.iter().zip(&clash).map(render).collect(),
        },
    };
    progress.finish_and_clear();
    outcomes
}

/// Prints each outcome's messages and a summary; the exit code of the worst.
pub(super) fn report(args: &Args, outcomes: &[Outcome]) -> Exit {
    let mut worst = Exit::Ok;
    let mut written = Vec::new();
    let mut failed = 0;
    for outcome in outcomes {
        diagnostics::write_messages(&outcome.messages);
        if outcome.exit != Exit::Ok {
            failed += 1;
        }
        worst = worst.max(outcome.exit);
        written.extend(outcome.files.iter().map(|p| display_name(p)));
    }
    match (failed, args.specs.len()) {
        (0, 1) => super::say!("{} → {}", display_name(&args.specs[0]), written.join(", ")),
        (0, n) => super::say!("rendered {n} specs ({} files)", written.len()),
        (failed, n) => eprintln!(
            "error: {failed} of {n} spec{} could not be rendered{}",
            if n == 1 { "" } else { "s" },
            if n > failed {
                format!("; {} rendered", n - failed)
            } else {
                String::new()
            }
        ),
    }
    worst
}

/// The files a render read, as the sources hold them (embedded template files have no path
/// on disk and are left out).
pub(super) fn read_files(sources: &Sources) -> Vec<PathBuf> {
    sources
        .files()
        .map(|f| f.path.clone())
        .filter(|p| p.is_file())
        .collect()
}

/// An output that would replace a file the render reads.
pub(super) fn overwrite_refused(target: &Path, input: &Path) -> Diagnostic {
    Diagnostic::error(format!(
        "`{}` would overwrite `{}`, which this render reads",
        display_name(target),
        display_name(input)
    ))
    .with_help("render into another folder (-o DIR), or give the spec a `.toml` name")
}

/// The first output that is an input of the same render (or lies in its template folder), and
/// that input. Paths are compared once resolved (symbolic links, `..`), outputs by their
/// folder since they may not exist yet.
pub(super) fn overwrites_input(
    targets: &[PathBuf],
    inputs: &[PathBuf],
    template: Option<&Path>,
) -> Option<(PathBuf, PathBuf)> {
    let resolve = |p: &Path| -> Option<PathBuf> {
        if let Ok(real) = std::fs::canonicalize(p) {
            return Some(real);
        }
        let parent = match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        Some(std::fs::canonicalize(parent).ok()?.join(p.file_name()?))
    };
    let inputs: Vec<(PathBuf, &PathBuf)> = inputs
        .iter()
        .filter_map(|i| Some((std::fs::canonicalize(i).ok()?, i)))
        .collect();
    let template = template.and_then(|t| std::fs::canonicalize(t).ok());
    for target in targets {
        let Some(real) = resolve(target) else {
            continue;
        };
        if let Some((_, input)) = inputs.iter().find(|(r, _)| *r == real) {
            return Some((target.clone(), (*input).clone()));
        }
        if let Some(t) = &template
            && real.starts_with(t)
        {
            return Some((target.clone(), t.clone()));
        }
    }
    None
}

/// Where a spec's outputs go, without extension: `-o DIR` or the spec's folder, its stem.
pub(super) fn output_stem(args: &Args, path: &Path) -> PathBuf {
    let dir = match &args.output {
        Some(dir) => dir.clone(),
        None => path.parent().map(Path::to_path_buf).unwrap_or_default(),
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "motion".into());
    dir.join(stem)
}

/// The stem with a suffix: `forest.amende`, `forest.redline`.
fn with_suffix(stem: &Path, suffix: &str) -> PathBuf {
    let mut s = stem.as_os_str().to_os_string();
    s.push(format!(".{suffix}"));
    PathBuf::from(s)
}

/// What one render produces: the spec to render (consolidated when amended), the options,
/// where the outputs go.
struct Plan {
    spec: spec::Spec,
    /// The other language's spec, for a bilingual edition.
    translation: Option<spec::Spec>,
    opts: RenderOptions,
    stem: PathBuf,
    /// The amendment list, which needs the projet's line numbers once the template is known.
    list: Option<crate::spec::amendment::Amendments>,
    /// The amendment file read, carried by the document beside the spec.
    amendment_file: Option<PathBuf>,
}

/// Reads the spec, or the motion and its amendments, and decides what to render;
/// `given_file` says `path` is an amendment file.
fn plan(
    path: &Path,
    given_file: bool,
    job: &Job,
    sources: &mut Sources,
) -> Result<Plan, (Vec<Diagnostic>, Exit)> {
    let usage = |message: String, help: &str| {
        (
            vec![Diagnostic::error(message).with_help(help.to_string())],
            Exit::Usage,
        )
    };
    let amendments_path = if given_file {
        Some(path)
    } else {
        job.args.amendments.as_deref()
    };
    if job.args.bilingual {
        if amendments_path.is_some() {
            return Err(usage(
                "`--bilingual` and amendments do not combine".into(),
                "render the amended motion of each language, then pair the consolidated specs",
            ));
        }
        if let Some(f) = job.formats.iter().find(|f| !f.needs_layout()) {
            return Err(usage(
                format!("a bilingual edition is PDF and DOCX, not {}", f.extension()),
                "use `--format pdf,docx`",
            ));
        }
        let spec = spec::load(path, sources).map_err(|e| super::spec_failure(&e))?;
        let translation = match spec::load_translation(&spec, sources) {
            Some(Ok(t)) => t,
            Some(Err(errors)) => return Err(super::spec_failure(&errors)),
            None => {
                let d = Diagnostic::error("`--bilingual` needs the spec's translation")
                    .with_help("name it in the spec: `translation = \"forest.nl.toml\"`");
                let d = match &spec.spans.file {
                    Some(span) => d.with_label(span.clone(), "no `translation` in this spec"),
                    None => d,
                };
                return Err((vec![d], Exit::Invalid));
            }
        };
        let pair = format!("{}-{}", spec.lang.code(), translation.lang.code());
        return Ok(Plan {
            spec,
            translation: Some(translation),
            opts: job.opts.clone(),
            stem: with_suffix(&output_stem(job.args, path), &pair),
            list: None,
            amendment_file: None,
        });
    }
    let Some(amendments_path) = amendments_path else {
        if job.args.redline || job.opts.variant == Some(Variant::Amendements) {
            return Err(usage(
                format!(
                    "{} needs the amendments",
                    if job.args.redline {
                        "`--redline`"
                    } else {
                        "`--variant amendements`"
                    }
                ),
                "give the amendment file: `--amendments forest.amendements.toml`",
            ));
        }
        let spec = spec::load(path, sources).map_err(|e| super::spec_failure(&e))?;
        return Ok(Plan {
            spec,
            translation: None,
            opts: job.opts.clone(),
            stem: output_stem(job.args, path),
            list: None,
            amendment_file: None,
        });
    };
    let (spec, amendments) = super::amendments::load(amendments_path, sources)?;
    if !given_file {
        let same = match (
            std::fs::canonicalize(path),
            std::fs::canonicalize(&amendments.motion),
        ) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if !same {
            return Err(usage(
                format!(
                    "`{}` amends `{}`, not `{}`",
                    display_name(amendments_path),
                    display_name(&amendments.motion),
                    display_name(path)
                ),
                "render the motion the amendment file names, or give that file alone",
            ));
        }
    }
    let variant = job
        .opts
        .variant
        .unwrap_or(if given_file && !job.args.redline {
            Variant::Amendements
        } else {
            template::default_variant(&spec)
        });
    if variant == Variant::Amendements {
        if job.args.redline {
            return Err(usage(
                "`--redline` marks the adopted amendments in the motion, not in their list".into(),
                "drop `--redline`, or render the motion (`--variant projet` or `extrait`)",
            ));
        }
        return Ok(Plan {
            spec,
            translation: None,
            opts: RenderOptions {
                variant: Some(variant),
                ..job.opts.clone()
            },
            stem: output_stem(job.args, amendments_path),
            list: Some(amendments),
            amendment_file: Some(amendments_path.to_path_buf()),
        });
    }
    let consolidated =
        crate::amend::consolidate(&spec, &amendments, job.args.redline).map_err(|errors| {
            (
                errors.iter().map(|e| e.diagnostic()).collect(),
                Exit::Invalid,
            )
        })?;
    let motion_stem = output_stem(
        job.args,
        &if given_file {
            amendments_path.with_file_name(amendments.motion.file_name().unwrap_or_default())
        } else {
            path.to_path_buf()
        },
    );
    Ok(Plan {
        spec: consolidated.spec,
        translation: None,
        opts: RenderOptions {
            variant: Some(variant),
            redline: job
                .args
                .redline
                .then(|| std::sync::Arc::new(consolidated.redline)),
            ..job.opts.clone()
        },
        stem: with_suffix(
            &motion_stem,
            if job.args.redline {
                "redline"
            } else {
                "amende"
            },
        ),
        list: None,
        amendment_file: Some(amendments_path.to_path_buf()),
    })
}

/// The amendment list with the lines it cites: the projet is laid out as it is printed for
/// the session, and each amendment's target located in its numbered lines.
fn amendment_list(
    spec: &spec::Spec,
    amendments: crate::spec::amendment::Amendments,
    template: &Template,
    job: &Job,
    sources: &mut Sources,
) -> Result<crate::amend::AmendmentList, Diagnostic> {
    let projet = RenderOptions {
        variant: Some(Variant::Projet),
        line_numbers: job.args.line_numbers,
        ..RenderOptions::default()
    };
    let doc = template::render(spec, template, &projet, sources).map_err(|e| e.diagnostic())?;
    let lines = if doc.line_numbers {
        let layout = crate::layout::layout(&doc).map_err(|e| {
            super::formats::BackendError::Pdf(crate::pdf::PdfError::Layout(e))
                .diagnostic(sources, &doc)
        })?;
        crate::layout::clause_lines(&doc, &layout)
    } else {
        Default::default()
    };
    Ok(crate::amend::AmendmentList::new(spec, amendments, &lines))
}

fn render_one(path: &Path, job: &Job) -> Outcome {
    // A session file renders its whole agenda into one bundle.
    let kind = spec::FileKind::of_file(path);
    if kind == spec::FileKind::Session {
        return super::bundle::render(path, job);
    }
    let mut sources = Sources::new();
    let fail = |sources: &Sources, diagnostics: Vec<Diagnostic>, exit: Exit| Outcome {
        files: Vec::new(),
        messages: diagnostics::render(sources, &diagnostics, job.colour),
        exit,
        inputs: read_files(sources),
    };
    let Plan {
        spec,
        translation,
        mut opts,
        stem,
        list,
        amendment_file,
    } = match plan(path, kind == spec::FileKind::Amendments, job, &mut sources) {
        Ok(plan) => plan,
        Err((diagnostics, exit)) => return fail(&sources, diagnostics, exit),
    };
    if sources.files().map(|f| f.text.len()).sum::<usize>() > super::memory::LONG_INPUT {
        super::memory::for_long_documents();
    }
    // Lint errors (a demand repeating its verb) would print wrongly; warnings are for `check`.
    // Amended texts carry their changes encoded: the motion was linted as drafted.
    let lint_errors = if opts.redline.is_some() || list.is_some() {
        Vec::new()
    } else {
        crate::lint::errors(&spec, &sources)
    };
    if !lint_errors.is_empty() {
        return fail(&sources, lint_errors, Exit::Invalid);
    }
    let template_dir = job.args.template.as_deref().or(spec.template.as_deref());
    let targets: Vec<PathBuf> = job
        .formats
        .iter()
        .map(|format| {
            // Appended, not `with_extension`: `motion.2024` keeps its dot.
            let mut target = stem.clone().into_os_string();
            target.push(format!(".{}", format.extension()));
            PathBuf::from(target)
        })
        .collect();
    // An output may never replace a file this render reads: the spec itself (`m.txt` with
    // `--format txt`), a base it extends, its logo, a file of its template.
    let mut inputs: Vec<PathBuf> = sources.files().map(|f| f.path.clone()).collect();
    inputs.extend(spec.council.logo.clone());
    if let Some((target, input)) = overwrites_input(&targets, &inputs, template_dir) {
        return fail(
            &sources,
            vec![overwrite_refused(&target, &input)],
            Exit::Invalid,
        );
    }
    let template_exit = |e: &TemplateError| if e.is_io() { Exit::Io } else { Exit::Invalid };
    let template = match job.templates.get(template_dir, &mut sources) {
        Ok(t) => t,
        Err(e) => return fail(&sources, vec![e.diagnostic()], template_exit(&e)),
    };
    if let Some(amendments) = list {
        match amendment_list(&spec, amendments, &template, job, &mut sources) {
            Ok(list) => {
                opts.redline = Some(std::sync::Arc::new(list.redline()));
                opts.amendments = Some(std::sync::Arc::new(list));
            }
            Err(d) => return fail(&sources, vec![d], Exit::Invalid),
        }
    }
    let mut doc = match template::render(&spec, &template, &opts, &mut sources) {
        Ok(doc) => doc,
        Err(e) => return fail(&sources, vec![e.diagnostic()], template_exit(&e)),
    };

    let mut warnings = Vec::new();
    if !job.args.no_source {
        doc.meta.attachments = super::extract::carried(
            &spec,
            translation.as_ref(),
            amendment_file.as_deref(),
            &sources,
        );
        if job.backends.pdf.standard.forbids_attachments() && job.formats.contains(&Format::Pdf) {
            warnings.push(
                Diagnostic::warning(
                    "PDF/A-2b allows no embedded spec: the PDF does not carry its source (the DOCX does)",
                )
                .with_help("archive with `--pdf-standard a-3b` to keep it, or say `--no-source`"),
            );
        }
    }
    // A bilingual edition: the translation rendered the same way, the two side by side.
    let (doc, edition) = match &translation {
        Some(other) => {
            let opts = RenderOptions {
                variant: Some(
                    opts.variant
                        .unwrap_or_else(|| template::default_variant(&spec)),
                ),
                ..opts.clone()
            };
            match template::render(other, &template, &opts, &mut sources) {
                Ok(second) => {
                    let edition = crate::document::bilingual::edition(doc, second);
                    (edition.doc.clone(), Some(edition))
                }
                Err(e) => return fail(&sources, vec![e.diagnostic()], template_exit(&e)),
            }
        }
        None => (doc, None),
    };
    // A cold render packs the DOCX's faces (most of its cost) on another core while the
    // layout and the PDF are made; the DOCX waits for them.
    let packing = if job.formats.contains(&Format::Docx) {
        let faces = crate::docx::fonts::unpacked(&doc);
        (!faces.is_empty()).then(|| std::thread::spawn(move || crate::docx::fonts::pack(&faces)))
    } else {
        None
    };
    let packing = Mutex::new(packing);
    // The PDF and the DOCX share one layout (the DOCX takes its page count from it).
    let layout = if job.formats.iter().any(|f| f.needs_layout()) {
        let laid = match &edition {
            Some(edition) => crate::layout::bilingual::layout(edition),
            None => crate::layout::layout(&doc),
        };
        match laid {
            Ok(layout) => Some(layout),
            Err(e) => {
                let e = super::formats::BackendError::Pdf(crate::pdf::PdfError::Layout(e));
                return fail(&sources, vec![e.diagnostic(&sources, &doc)], Exit::Invalid);
            }
        }
    } else {
        None
    };
    if job.formats.contains(&Format::Docx) {
        warnings.extend(
            crate::docx::warnings(&doc)
                .into_iter()
                .map(Diagnostic::warning),
        );
    }
    // Every output is produced, then all are written together: no partial set on failure.
    let mut outputs: Vec<(PathBuf, Vec<u8>)> = Vec::with_capacity(job.formats.len());
    // The formats are written side by side (the PDF and the DOCX of one motion on two
    // cores); results are taken in the order of `--format`.
    let write = |format: &Format| {
        if *format == Format::Docx {
            let faces = packing
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .take();
            // Should the thread have failed, the DOCX packs its faces itself.
            let _ = faces.map(std::thread::JoinHandle::join);
        }
        format.write(
            &doc,
            edition.as_ref(),
            layout.as_ref(),
            &job.backends,
            &sources,
        )
    };
    // One format needs no thread pool (starting one costs more than it saves).
    let written: Vec<_> = if job.formats.len() > 1 {
        job.formats.par_iter().map(write).collect()
    } else {
        job.formats.iter().map(write).collect()
    };
    for (result, target) in written.into_iter().zip(targets) {
        match result {
            Ok(bytes) => outputs.push((target, bytes)),
            Err(e) => return fail(&sources, vec![e.diagnostic(&sources, &doc)], Exit::Invalid),
        }
    }
    match output::write_all_atomic(&outputs) {
        Ok(()) => Outcome {
            files: outputs.into_iter().map(|(p, _)| p).collect(),
            messages: diagnostics::render(&sources, &warnings, job.colour),
            exit: Exit::Ok,
            inputs,
        },
        Err((target, e)) => fail(&sources, vec![output::not_written(&target, &e)], Exit::Io),
    }
}
