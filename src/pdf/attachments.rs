//! Reading a PDF's embedded files back (`motion extract`): the name tree
//! `/Names /EmbeddedFiles`, whichever tool wrote or re-saved the PDF.

use lopdf::{Dictionary, Document as Pdf, Object};

use crate::document::{Attachment, Relation};

/// Why a PDF's embedded files cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("not a readable PDF: {0}")]
    NotPdf(String),
    #[error("its embedded file `{name}` is damaged: {reason}")]
    File { name: String, reason: String },
}

/// The descriptions motion gives its embedded files; without associated files (PDF 1.7)
/// they say which file is the source.
pub(super) const SOURCE_DESC: &str =
    "The motion spec this document was rendered from (motion extract)";
pub(super) const SUPPLEMENT_DESC: &str = "A file the render also read (amendments or translation)";

/// How deep a name tree may nest, and how many files it may list, before the PDF is taken
/// as hostile.
const MAX_TREE_DEPTH: usize = 32;
const MAX_FILES: usize = 1000;

/// The embedded files that are TOML texts, in name-tree order. A PDF the parser chokes on
/// (a panic inside lopdf, which 900 mutated PDFs did not trigger) is a damaged PDF, not a crash.
pub fn read(bytes: &[u8]) -> Result<Vec<Attachment>, ReadError> {
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(|| read_unguarded(bytes));
    std::panic::set_hook(quiet);
    result.unwrap_or_else(|_| Err(ReadError::NotPdf("its structure cannot be parsed".into())))
}

fn read_unguarded(bytes: &[u8]) -> Result<Vec<Attachment>, ReadError> {
    let pdf = Pdf::load_mem(bytes).map_err(|e| ReadError::NotPdf(e.to_string()))?;
    let catalog = pdf
        .catalog()
        .map_err(|e| ReadError::NotPdf(e.to_string()))?;
    let Some(tree) =
        dict_at(&pdf, catalog, b"Names").and_then(|n| dict_at(&pdf, n, b"EmbeddedFiles"))
    else {
        return Ok(Vec::new());
    };
    let mut specs = Vec::new();
    let mut visited = std::collections::BTreeSet::new();
    collect(&pdf, tree, 0, &mut visited, &mut specs);
    let mut found = Vec::new();
    for (key, spec) in specs {
        let name = file_name(&pdf, spec).unwrap_or(key);
        if !name.ends_with(".toml") {
            continue;
        }
        let damaged = |reason: String| ReadError::File {
            name: name.clone(),
            reason,
        };
        let stream = dict_at(&pdf, spec, b"EF")
            .and_then(|ef| {
                ef.get(b"UF")
                    .or_else(|_| ef.get(b"F"))
                    .ok()
                    .and_then(|o| pdf.dereference(o).ok())
            })
            .and_then(|(_, o)| o.as_stream().ok())
            .ok_or_else(|| damaged("no file stream".into()))?;
        let limit = usize::try_from(crate::spec::MAX_FILE_SIZE).unwrap_or(usize::MAX);
        let data = if stream.dict.get(b"Filter").is_ok() {
            stream
                .decompressed_content_with_limit(limit + 1)
                .map_err(|e| damaged(e.to_string()))?
        } else {
            stream.content.clone()
        };
        if data.len() > limit {
            return Err(damaged(format!("larger than {} bytes", limit)));
        }
        let text = String::from_utf8(data).map_err(|_| damaged("not UTF-8 text".into()))?;
        let relation = match spec.get(b"AFRelationship").and_then(Object::as_name) {
            Ok(b"Supplement") => Relation::Supplement,
            Ok(_) => Relation::Source,
            // Without associated files (plain PDF 1.7) the description says which is which.
            Err(_) => match spec.get(b"Desc").map(lopdf::decode_text_string) {
                Ok(Ok(desc)) if desc == SUPPLEMENT_DESC => Relation::Supplement,
                _ => Relation::Source,
            },
        };
        found.push(Attachment {
            name,
            text,
            relation,
        });
    }
    Ok(found)
}

fn dict_at<'a>(pdf: &'a Pdf, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    let object = dict.get(key).ok()?;
    pdf.dereference(object).ok()?.1.as_dict().ok()
}

/// The name tree's leaves: `(key, file specification)`.
fn collect<'a>(
    pdf: &'a Pdf,
    node: &'a Dictionary,
    depth: usize,
    visited: &mut std::collections::BTreeSet<lopdf::ObjectId>,
    out: &mut Vec<(String, &'a Dictionary)>,
) {
    // A hostile tree may nest deep, list a kid twice or point back at itself.
    if depth > MAX_TREE_DEPTH || out.len() > MAX_FILES {
        return;
    }
    if let Ok(names) = node.get(b"Names").and_then(Object::as_array) {
        for pair in names.chunks(2) {
            let [key, value] = pair else { continue };
            let key = lopdf::decode_text_string(key).unwrap_or_default();
            if let Some(spec) = pdf
                .dereference(value)
                .ok()
                .and_then(|(_, o)| o.as_dict().ok())
            {
                out.push((key, spec));
            }
        }
    }
    if let Ok(kids) = node.get(b"Kids").and_then(Object::as_array) {
        for kid in kids {
            if let Ok(id) = kid.as_reference()
                && !visited.insert(id)
            {
                continue;
            }
            if let Some(kid) = pdf
                .dereference(kid)
                .ok()
                .and_then(|(_, o)| o.as_dict().ok())
            {
                collect(pdf, kid, depth + 1, visited, out);
            }
        }
    }
}

/// The file's own name: `/UF` (Unicode), else `/F`.
fn file_name(pdf: &Pdf, spec: &Dictionary) -> Option<String> {
    [b"UF".as_slice(), b"F"].iter().find_map(|key| {
        let object = pdf.dereference(spec.get(key).ok()?).ok()?.1;
        lopdf::decode_text_string(object)
            .ok()
            .filter(|s| !s.is_empty())
    })
}
