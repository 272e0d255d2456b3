//! The bodies of the fuzz targets (`fuzz/`), kept in the library so that the committed corpus
//! replays through exactly the same code in `cargo test` (tests/fuzz_corpus.rs).

use std::path::Path;
use std::sync::OnceLock;

use crate::diagnostics::render_plain;
use crate::source::Sources;
use crate::template::{RenderOptions, Template};

/// The embedded default template, loaded once.
fn template() -> &'static Template {
    static TEMPLATE: OnceLock<Template> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        Template::embedded(crate::template::embedded::DEFAULT, &mut Sources::new())
            .expect("the embedded template loads")
    })
}

/// Loader, validator and linter on arbitrary bytes; diagnostics rendered.
pub fn spec_loader(data: &[u8]) {
    let mut sources = Sources::new();
    match crate::spec::load_bytes(Path::new("fuzz.toml"), data.to_vec(), &mut sources) {
        Ok(spec) => {
            let warnings = crate::lint::lint(&spec, &sources);
            let _ = render_plain(&sources, &warnings);
        }
        Err(errors) => {
            let diagnostics: Vec<_> = errors.iter().map(|e| e.diagnostic()).collect();
            let _ = render_plain(&sources, &diagnostics);
        }
    }
}

/// The markup parser on arbitrary text, against the default theme.
pub fn markup(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = crate::document::markup::parse(&text, &template().theme, crate::vocab::Lang::Fr);
}

/// A whole render, spec bytes to PDF and DOCX, for inputs up to 16 KiB.
pub fn render(data: &[u8]) {
    if data.len() > 16 * 1024 {
        return;
    }
    let mut sources = Sources::new();
    let Ok(spec) = crate::spec::load_bytes(Path::new("fuzz.toml"), data.to_vec(), &mut sources)
    else {
        return;
    };
    let Ok(doc) =
        crate::template::render(&spec, template(), &RenderOptions::default(), &mut sources)
    else {
        return;
    };
    let _ = crate::text::write(&doc);
    let _ = crate::html::write(&doc);
    let _ = crate::pdf::write(&doc, &crate::pdf::PdfOptions::default());
    let _ = crate::docx::write(&doc, &crate::docx::DocxOptions::default());
}

/// The spec every fuzzed theme lays out: the founding motion, with each kind of block.
const THEME_SPEC: &str = include_str!("../motions/forest.toml");

/// A forked `theme.toml` from arbitrary bytes: parsed and checked, then, when accepted, a
/// motion rendered and laid out with it (no panic, no page drawn outside the paper).
pub fn theme(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut sources = Sources::new();
    let Ok(template) = template().with_theme(text, &mut sources) else {
        return;
    };
    let spec = crate::spec::load_bytes(
        Path::new("fuzz.toml"),
        // Its translation is another file; the spec stands alone here.
        THEME_SPEC
            .lines()
            .filter(|l| !l.starts_with("translation ="))
            .collect::<Vec<_>>()
            .join("\n")
            .into_bytes(),
        &mut sources,
    )
    .expect("the fuzz spec is valid");
    if let Ok(doc) =
        crate::template::render(&spec, &template, &RenderOptions::default(), &mut sources)
    {
        let _ = crate::layout::layout(&doc);
    }
}
