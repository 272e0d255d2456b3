//! In-process timings of motion's pipeline on the founding motion: spec, template, layout,
//! PDF, DOCX, each render after the first (the caches warm, as in `motion watch` and
//! batches); then a draft edited between renders, as `motion watch` sees it. Run with
//! `cargo run --release --example bench [SPEC] [ITERATIONS]`; the figures go in
//! BENCHMARKS.md. (Whole-process and side-by-side figures: benches/compare.sh.)

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use motion::source::Sources;
use motion::template::{RenderOptions, Template};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<T>(samples: &mut Vec<Duration>, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    samples.push(start.elapsed());
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let spec_path = PathBuf::from(args.next().unwrap_or_else(|| "motions/forest.toml".into()));
    let iterations: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(200);

    // As the `motion` command sets it (`watch` and batches render again and again).
    motion::cli::memory::for_repeated_renders();
    let template_start = Instant::now();
    let template = Template::embedded("default", &mut Sources::new()).expect("embedded template");
    let template_load = template_start.elapsed();

    let (mut load, mut render, mut layout, mut pdf, mut docx) =
        (vec![], vec![], vec![], vec![], vec![]);
    let (mut total, mut total_parallel) = (vec![], vec![]);
    let (mut pdf_size, mut docx_size) = (0, 0);
    let docx_opts = |pages: &motion::layout::Layout| motion::docx::DocxOptions {
        layout: Some(motion::docx::LayoutSummary::of(pages)),
        ..Default::default()
    };
    for _ in 0..iterations {
        // What `motion render` does for one spec: the PDF and the DOCX share one layout.
        let start = Instant::now();
        let mut sources = Sources::new();
        let spec =
            time(&mut load, || motion::spec::load(&spec_path, &mut sources)).expect("a valid spec");
        let doc = time(&mut render, || {
            motion::template::render(&spec, &template, &RenderOptions::default(), &mut sources)
        })
        .expect("renders");
        let pages = time(&mut layout, || motion::layout::layout(&doc)).expect("layout");
        pdf_size = time(&mut pdf, || {
            motion::pdf::write_layout(&doc, &pages, &Default::default())
        })
        .expect("pdf")
        .len();
        docx_size = time(&mut docx, || motion::docx::write(&doc, &docx_opts(&pages)))
            .expect("docx")
            .len();
        total.push(start.elapsed());
        // The same with the two formats side by side, as `motion render` writes them.
        let start = Instant::now();
        let mut sources = Sources::new();
        let spec = motion::spec::load(&spec_path, &mut sources).expect("a valid spec");
        let doc =
            motion::template::render(&spec, &template, &RenderOptions::default(), &mut sources)
                .expect("renders");
        let pages = motion::layout::layout(&doc).expect("layout");
        let (p, d) = rayon::join(
            || motion::pdf::write_layout(&doc, &pages, &Default::default()),
            || motion::docx::write(&doc, &docx_opts(&pages)),
        );
        assert!(p.is_ok() && d.is_ok());
        total_parallel.push(start.elapsed());
    }
    let edited = edited_renders(&spec_path, &template, iterations);
    println!(
        "spec: {} ({iterations} iterations, medians)",
        spec_path.display()
    );
    println!("| step | time |");
    println!("| --- | --- |");
    println!(
        "| load the embedded template (once per process) | {:.2} ms |",
        template_load.as_secs_f64() * 1e3
    );
    for (name, samples) in [
        ("spec: read, parse, merge, validate", load),
        ("template → document", render),
        ("layout (shaping, breaking, pages)", layout),
        (
            "PDF from the layout (krilla: fonts subset, streams, tags)",
            pdf,
        ),
        ("DOCX (its page count from the layout)", docx),
        ("total, PDF + DOCX one after the other", total),
        ("total, PDF + DOCX side by side (two cores)", total_parallel),
        (
            "a draft edited between renders: lint, source carried, PDF + DOCX",
            edited,
        ),
    ] {
        println!("| {name} | {:.3} ms |", median(samples).as_secs_f64() * 1e3);
    }
    println!("| PDF size | {:.1} KB |", pdf_size as f64 / 1024.0);
    println!("| DOCX size | {:.1} KB |", docx_size as f64 / 1024.0);
}

/// Renders of a copy of the spec whose first demand (or title) changes before each render,
/// as `motion watch` sees a draft: the spec linted, the source carried by both files, one
/// layout for the PDF and the DOCX, nothing written.
fn edited_renders(spec_path: &Path, template: &Template, iterations: usize) -> Vec<Duration> {
    let text = std::fs::read_to_string(spec_path).expect("the spec");
    let doc: toml_edit::DocumentMut = text.parse().expect("a TOML spec");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let copy = dir.path().join(spec_path.file_name().expect("a file name"));
    // The files the spec names (translation, bases, the council's logo) are found from the
    // copy too.
    let base = spec_path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let absolute = std::fs::canonicalize(&base).unwrap_or(base);
    let mut samples = Vec::with_capacity(iterations);
    for n in 0..iterations {
        let mut doc = doc.clone();
        let absolute_of = |item: Option<&toml_edit::Item>| {
            let name = item?.as_str()?;
            Some(toml_edit::value(absolute.join(name).display().to_string()))
        };
        for key in ["translation", "extends"] {
            if let Some(path) = absolute_of(doc.get(key)) {
                doc[key] = path;
            }
        }
        if let Some(path) = absolute_of(doc.get("council").and_then(|c| c.get("logo"))) {
            doc["council"]["logo"] = path;
        }
        let edit = format!(" (version {n})");
        match doc
            .get_mut("demands")
            .and_then(|d| d.as_array_of_tables_mut())
            .and_then(|d| d.get_mut(0))
            .and_then(|d| d.get_mut("text"))
        {
            Some(item) => {
                *item = toml_edit::value(format!("{}{edit}", item.as_str().unwrap_or("")));
            }
            None => {
                let title = doc
                    .get("title")
                    .and_then(|t| t.as_str())
                    .unwrap_or("")
                    .to_string();
                doc["title"] = toml_edit::value(format!("{title}{edit}"));
            }
        }
        std::fs::write(&copy, doc.to_string()).expect("the copy written");
        let start = Instant::now();
        let mut sources = Sources::new();
        let spec = motion::spec::load(&copy, &mut sources).expect("a valid spec");
        assert!(motion::lint::errors(&spec, &sources).is_empty());
        let mut doc =
            motion::template::render(&spec, template, &RenderOptions::default(), &mut sources)
                .expect("renders");
        doc.meta.attachments = motion::cli::extract::carried(&spec, None, None, &sources);
        let pages = motion::layout::layout(&doc).expect("layout");
        let pdf = motion::pdf::write_layout(&doc, &pages, &Default::default());
        let opts = motion::docx::DocxOptions {
            layout: Some(motion::docx::LayoutSummary::of(&pages)),
            ..Default::default()
        };
        let docx = motion::docx::write(&doc, &opts);
        assert!(pdf.is_ok() && docx.is_ok());
        samples.push(start.elapsed());
    }
    samples
}
