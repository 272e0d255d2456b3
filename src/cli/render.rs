//! `motion render`: spec → template → document → output files, written atomically.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Exit, output, print_error};
use crate::diagnostics::{self, Diagnostic};
use crate::document::{Document, Variant};
use crate::docx::{DocxError, DocxOptions};
use crate::layout::LayoutError;
use crate::pdf::{PdfError, PdfOptions, Standard};
use crate::source::{Sources, display_name};
use crate::spec::{self, Spec};
use crate::template::{self, RenderOptions, Template, TemplateError};
use crate::timestamp::Timestamp;

/// Render specs to documents.
///
/// Example: `motion render motions/forest.toml --format txt,html -o out/`
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Spec files to render.
    #[arg(required = true, value_name = "SPEC")]
    specs: Vec<PathBuf>,
    /// Folder for the output files (default: next to each spec).
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Output formats, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_values = ["pdf", "docx"])]
    format: Vec<Format>,
    /// A template folder (a fork made with `motion template fork`), instead of the spec's own.
    #[arg(long, value_name = "DIR")]
    template: Option<PathBuf>,
    /// Which document to produce (default: projet for a draft, extrait once voted).
    #[arg(long, value_enum)]
    variant: Option<VariantArg>,
    /// Number every fifth line in the margin, whatever the theme says.
    #[arg(long)]
    line_numbers: bool,
    /// Validate the PDF against an archival or accessibility standard.
    #[arg(long, value_enum, value_name = "STANDARD")]
    pdf_standard: Option<StandardArg>,
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Format {
    Pdf,
    Docx,
    Html,
    Txt,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Txt => "txt",
            Format::Html => "html",
        }
    }

    fn write(self, doc: &Document, backends: &Backends) -> Result<Vec<u8>, BackendError> {
        match self {
            Format::Pdf => crate::pdf::write(doc, &backends.pdf).map_err(BackendError::Pdf),
            Format::Docx => crate::docx::write(doc, &backends.docx).map_err(BackendError::Docx),
            Format::Txt => Ok(crate::text::write(doc).into_bytes()),
            Format::Html => Ok(crate::html::write(doc).into_bytes()),
        }
    }
}

/// Options of every backend, read once per run.
#[derive(Debug, Clone, Default)]
struct Backends {
    pdf: PdfOptions,
    docx: DocxOptions,
}

#[derive(Debug)]
enum BackendError {
    Pdf(PdfError),
    Docx(DocxError),
}

impl BackendError {
    /// The diagnostic, pointing at the spec where the problem can be traced back to it.
    fn diagnostic(&self, sources: &Sources) -> Diagnostic {
        match self {
            BackendError::Pdf(PdfError::Layout(e @ LayoutError::MissingGlyph { ch, context })) => {
                let d = Diagnostic::error(e.to_string())
                    .with_help("use another character, or a template whose fonts have it (theme.toml, [fonts])");
                match sources.find_char(*ch) {
                    Some(span) => d.with_label(span, "not in the font"),
                    None => d.with_note(format!("it occurs in « {} »", context.trim())),
                }
            }
            BackendError::Pdf(e) => Diagnostic::error(e.to_string()),
            BackendError::Docx(e) => Diagnostic::error(e.to_string()),
        }
    }
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum VariantArg {
    Projet,
    Extrait,
}

/// Templates loaded once per run, by folder (`None`: the embedded default).
#[derive(Default)]
struct Templates {
    loaded: BTreeMap<Option<PathBuf>, Template>,
}

impl Templates {
    fn get(
        &mut self,
        dir: Option<&Path>,
        sources: &mut Sources,
    ) -> Result<&Template, TemplateError> {
        let key = dir.map(Path::to_path_buf);
        if !self.loaded.contains_key(&key) {
            let template = match dir {
                Some(dir) => Template::open(dir, sources)?,
                None => Template::embedded(template::embedded::DEFAULT, sources)?,
            };
            self.loaded.insert(key.clone(), template);
        }
        Ok(&self.loaded[&key])
    }
}

pub fn run(args: Args) -> Exit {
    let mut formats = args.format.clone();
    formats.sort();
    formats.dedup();
    let opts = RenderOptions {
        variant: args.variant.map(|v| match v {
            VariantArg::Projet => Variant::Projet,
            VariantArg::Extrait => Variant::Extrait,
        }),
        line_numbers: args.line_numbers,
    };
    if let Some(dir) = &args.output
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        print_error(&format!(
            "cannot create `{}`: {}",
            display_name(dir),
            spec::io_reason(&e)
        ));
        return Exit::Io;
    }
    let backends = Backends {
        pdf: PdfOptions {
            standard: match args.pdf_standard {
                None => Standard::None,
                Some(StandardArg::A2b) => Standard::A2b,
                Some(StandardArg::Ua1) => Standard::Ua1,
                Some(StandardArg::A2bUa1) => Standard::A2bUa1,
            },
            source_date_epoch: Timestamp::source_date_epoch(),
        },
        docx: DocxOptions {
            source_date_epoch: Timestamp::source_date_epoch(),
        },
    };
    let mut templates = Templates::default();
    let mut worst = Exit::Ok;
    let mut written = Vec::new();
    for path in &args.specs {
        match render_one(path, &args, &formats, &opts, &backends, &mut templates) {
            Ok(files) => written.extend(files),
            Err(exit) => worst = worst.max(exit),
        }
    }
    let failed = args.specs.len() - written.len() / formats.len().max(1);
    match (worst, args.specs.len()) {
        (Exit::Ok, 1) => println!(
            "{} → {}",
            display_name(&args.specs[0]),
            written
                .iter()
                .map(|p| display_name(p))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        (Exit::Ok, n) => println!("rendered {n} specs ({} files)", written.len()),
        (_, n) => eprintln!(
            "error: {failed} of {n} spec{} could not be rendered",
            if n == 1 { "" } else { "s" }
        ),
    }
    worst
}

fn render_one(
    path: &Path,
    args: &Args,
    formats: &[Format],
    opts: &RenderOptions,
    backends: &Backends,
    templates: &mut Templates,
) -> Result<Vec<PathBuf>, Exit> {
    let mut sources = Sources::new();
    let spec: Spec = spec::load(path, &mut sources)
        .map_err(|errors| super::report_spec_errors(&sources, &errors))?;
    // Lint errors (a demand repeating its verb) would print wrongly; warnings are for `check`.
    let lint_errors: Vec<Diagnostic> = crate::lint::lint(&spec, &sources)
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    if !lint_errors.is_empty() {
        diagnostics::emit(&sources, &lint_errors);
        return Err(Exit::Invalid);
    }
    let template_dir = args.template.as_deref().or(spec.template.as_deref());
    let report = |sources: &Sources, e: TemplateError| {
        diagnostics::emit(sources, &[e.diagnostic()]);
        if e.is_io() { Exit::Io } else { Exit::Invalid }
    };
    let template = templates
        .get(template_dir, &mut sources)
        .map_err(|e| report(&sources, e))?;
    let doc =
        template::render(&spec, template, opts, &mut sources).map_err(|e| report(&sources, e))?;

    let dir = match &args.output {
        Some(dir) => dir.clone(),
        None => path.parent().map(Path::to_path_buf).unwrap_or_default(),
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "motion".into());
    // Produce every output before writing any, so a failure leaves no partial set behind.
    let mut outputs: Vec<(PathBuf, Vec<u8>)> = Vec::with_capacity(formats.len());
    for format in formats {
        match format.write(&doc, backends) {
            Ok(bytes) => outputs.push((dir.join(format!("{stem}.{}", format.extension())), bytes)),
            Err(e) => {
                diagnostics::emit(&sources, &[e.diagnostic(&sources)]);
                return Err(Exit::Invalid);
            }
        }
    }
    let mut written = Vec::new();
    for (target, bytes) in outputs {
        if let Err(e) = output::write_atomic(&target, &bytes) {
            print_error(&format!(
                "cannot write `{}`: {}",
                display_name(&target),
                spec::io_reason(&e)
            ));
            return Err(Exit::Io);
        }
        written.push(target);
    }
    Ok(written)
}
