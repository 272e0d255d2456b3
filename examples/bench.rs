//! In-process timings of motion's pipeline on the founding motion: spec, template, layout +
//! PDF, DOCX. Run with `cargo run --release --example bench [SPEC] [ITERATIONS]`; the figures
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

    let (mut load, mut render, mut pdf, mut docx, mut total) =
        (vec![], vec![], vec![], vec![], vec![]);
    let (mut layout, mut writer) = (vec![], vec![]);
    let (mut pdf_size, mut docx_size) = (0, 0);
    for _ in 0..iterations {
        let start = Instant::now();
        let mut sources = Sources::new();
        let spec =
            time(&mut load, || motion::spec::load(&spec_path, &mut sources)).expect("a valid spec");
        let doc = time(&mut render, || {
            motion::template::render(&spec, &template, &RenderOptions::default(), &mut sources)
        })
        .expect("renders");
        pdf_size = time(&mut pdf, || motion::pdf::write(&doc, &Default::default()))
            .expect("pdf")
            .len();
        docx_size = time(&mut docx, || motion::docx::write(&doc, &Default::default()))
            .expect("docx")
            .len();
        total.push(start.elapsed());
        // The PDF step again, split into our layout and krilla's writing.
        let pages = time(&mut layout, || motion::layout::layout(&doc)).expect("layout");
        time(&mut writer, || {
            motion::pdf::write_layout(&doc, &pages, &Default::default())
        })
        .expect("pdf");
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
        ("layout + PDF", pdf),
        ("  of which layout (shaping, breaking, pages)", layout),
        ("  of which krilla (fonts subset, streams, tags)", writer),
        ("DOCX", docx),
        ("total, PDF + DOCX", total),
    ] {
        println!("| {name} | {:.3} ms |", median(samples).as_secs_f64() * 1e3);
    }
    println!("| PDF size | {:.1} KB |", pdf_size as f64 / 1024.0);
    println!("| DOCX size | {:.1} KB |", docx_size as f64 / 1024.0);
}
