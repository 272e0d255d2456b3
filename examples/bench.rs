//! In-process timings of motion's pipeline on the founding motion: spec, template, layout,
//! PDF, DOCX, each render after the first (the caches warm, as in `motion watch` and batches). Run with `cargo run --release --example bench [SPEC] [ITERATIONS]`; the figures
//! go in BENCHMARKS.md. (Whole-process and side-by-side figures: benches/compare.sh.)

use std::path::PathBuf;
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
    ] {
        println!("| {name} | {:.3} ms |", median(samples).as_secs_f64() * 1e3);
    }
    println!("| PDF size | {:.1} KB |", pdf_size as f64 / 1024.0);
    println!("| DOCX size | {:.1} KB |", docx_size as f64 / 1024.0);
}
