//! The templates shipped inside the binary (`templates/` at build time).

use include_dir::{Dir, include_dir};

static TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// The name of the template used when none is given.
pub const DEFAULT: &str = "default";

/// An embedded template folder by name.
pub fn get(name: &str) -> Option<&'static Dir<'static>> {
    TEMPLATES.get_dir(name)
}

/// An embedded template's `template.toml`.
pub fn manifest(name: &str) -> Option<super::Manifest> {
    let file = get(name)?.get_file(format!("{name}/template.toml"))?;
    toml::from_slice(file.contents()).ok()
}

/// Names of the embedded templates, sorted.
pub fn names() -> Vec<String> {
    let mut names: Vec<String> = TEMPLATES
        .dirs()
        .filter_map(|d| d.path().file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every file of an embedded template, as (path relative to the template, bytes), sorted.
pub fn files(name: &str) -> Vec<(String, &'static [u8])> {
    fn walk(
        dir: &'static Dir<'static>,
        base: &std::path::Path,
        out: &mut Vec<(String, &'static [u8])>,
    ) {
        for file in dir.files() {
            let rel = file.path().strip_prefix(base).unwrap_or(file.path());
            out.push((rel.to_string_lossy().replace('\\', "/"), file.contents()));
        }
        for sub in dir.dirs() {
            walk(sub, base, out);
        }
    }
    let mut out = Vec::new();
    if let Some(dir) = get(name) {
        walk(dir, dir.path(), &mut out);
    }
    out.sort();
    out
}
