//! The self-contained spec a document carries (DESIGN.md §11): the file that was rendered,
//! merged with every base it `extends`, without paths to files the receiver lacks.
//!
//! A spec without `extends` is kept as written, comments and all. A fork is written from its
//! merged layer; the keys it shares unchanged with the rendered file keep that file's text
//! and comments.

use std::path::Path;

use toml_edit::{DocumentMut, Item, Table};

use super::extends;
use super::model::Spec;
use crate::source::Sources;

/// Keys naming other files, relative to the spec: the receiver of a document has none of them.
const PATH_KEYS: [&str; 3] = ["extends", "translation", "template"];

/// The spec `spec` was loaded from, self-contained, as TOML text.
/// `None` only if the files changed on disk since the spec was loaded.
pub fn self_contained(spec: &Spec, sources: &Sources) -> Option<String> {
    let root = spec.spans.file.as_ref()?.file;
    let text = &sources.get(root).text;
    // A file that names no other file is embedded as it is written, without the editable
    // TOML tree (eight times the text in memory: a 2 MB preamble took 16 MB).
    if !PATH_KEYS
        .iter()
        .chain(&["logo"])
        .any(|key| text.contains(key))
    {
        return Some(with_heading(spec, false, &[], text));
    }
    let mut written: DocumentMut = text.parse().ok()?;
    let is_fork = written.contains_key("extends");
    let mut doc = if is_fork {
        let mut fresh = Sources::new();
        let merged = extends::load(&spec.path, Some(text.as_bytes().to_vec()), &mut fresh).ok()?;
        let toml = toml::to_string(&merged.raw).ok()?;
        let mut doc: DocumentMut = toml.parse().ok()?;
        // The rendered file's opening comment (above its first key), read before the
        // written values move into the merged document.
        let opening = written
            .as_table()
            .iter()
            .next()
            .and_then(|(k, _)| written.as_table().key(k))
            .and_then(|k| k.leaf_decor().prefix())
            .and_then(|p| p.as_str())
            .map(str::to_string);
        keep_written(doc.as_table_mut(), written.as_table_mut());
        if let (Some(prefix), Some(mut key)) = (
            opening,
            doc.as_table_mut().iter_mut().next().map(|(k, _)| k),
        ) {
            key.leaf_decor_mut().set_prefix(prefix);
        }
        doc
    } else {
        written
    };
    let mut left_out = Vec::new();
    for key in PATH_KEYS {
        if let Some(item) = remove_keeping_comments(doc.as_table_mut(), key)
            && key != "extends"
        {
            left_out.push(format!("{key} = {}", item.to_string().trim()));
        }
    }
    let logo = match doc.get_mut("council") {
        Some(Item::Table(council)) => remove_keeping_comments(council, "logo"),
        // `council = { name = "…", logo = "…" }`
        Some(Item::Value(toml_edit::Value::InlineTable(council))) => {
            let logo = council.remove("logo").map(Item::Value);
            council.fmt();
            logo
        }
        _ => None,
    };
    if let Some(logo) = logo {
        left_out.push(format!("logo = {}", logo.to_string().trim()));
    }
    Some(with_heading(spec, is_fork, &left_out, &doc.to_string()))
}

/// The embedded file: the comment that says what it is, then the TOML.
fn with_heading(spec: &Spec, is_fork: bool, left_out: &[String], toml: &str) -> String {
    let mut out = format!(
        "# {}, embedded by motion in the document it produced; `motion extract` writes it back.\n",
        embedded_name(&spec.path)
    );
    if is_fork {
        out.push_str("# Self-contained: merged with the spec it extends.\n");
    }
    if !left_out.is_empty() {
        out.push_str("# Left out, as files the receiver does not have: ");
        out.push_str(&left_out.join(", "));
        out.push_str(".\n");
    }
    out.push('\n');
    out.push_str(toml.trim_start_matches('\n'));
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// Removes `key`; the comments written above it move to what follows, so the file's
/// opening comment survives when its first key is a path.
fn remove_keeping_comments(table: &mut Table, key: &str) -> Option<Item> {
    let prefix = table
        .key(key)?
        .leaf_decor()
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or("")
        .to_string();
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    let next = keys.iter().skip_while(|k| *k != key).nth(1).cloned();
    let item = table.remove(key)?;
    // The comment lines that are not about the key, with the blank lines between them.
    let kept: Vec<&str> = prefix.lines().filter(|line| !mentions(line, key)).collect();
    let start = kept.iter().position(|l| !l.trim().is_empty());
    let end = kept.iter().rposition(|l| !l.trim().is_empty());
    let (Some(start), Some(end), Some(next)) = (start, end, next) else {
        return Some(item);
    };
    let kept: String = kept[start..=end].iter().map(|l| format!("{l}\n")).collect();
    let add = |existing: Option<&str>| format!("{kept}{}", existing.unwrap_or("\n"));
    match table.get_mut(&next) {
        Some(Item::Table(t)) => {
            let p = add(t.decor().prefix().and_then(|p| p.as_str()));
            t.decor_mut().set_prefix(p);
        }
        Some(Item::ArrayOfTables(a)) => {
            if let Some(t) = a.get_mut(0) {
                let p = add(t.decor().prefix().and_then(|p| p.as_str()));
                t.decor_mut().set_prefix(p);
            }
        }
        Some(_) => {
            if let Some(mut k) = table.key_mut(&next) {
                let p = add(k.leaf_decor().prefix().and_then(|p| p.as_str()));
                k.leaf_decor_mut().set_prefix(p);
            }
        }
        None => {}
    }
    Some(item)
}

/// Whether a comment line speaks of the removed key (« # The same motion in Dutch … `--bilingual` »
/// is about `translation`): such lines go with it.
fn mentions(line: &str, key: &str) -> bool {
    let line = line.to_lowercase();
    match key {
        "translation" => line.contains("translation") || line.contains("bilingual"),
        "logo" => line.contains("logo"),
        "template" => line.contains("template"),
        _ => false,
    }
}

/// Where the merged value equals what the rendered file wrote, the file's own text (and
/// its comments) is kept; tables are compared key by key.
fn keep_written(merged: &mut Table, written: &mut Table) {
    let keys: Vec<String> = merged.iter().map(|(k, _)| k.to_string()).collect();
    for key in keys {
        let Some(mine) = written.get_mut(&key) else {
            continue;
        };
        let Some(theirs) = merged.get_mut(&key) else {
            continue;
        };
        match (theirs.as_table_mut(), mine.as_table_mut()) {
            (Some(t), Some(m)) => {
                keep_written(t, m);
                let decor = m.decor().clone();
                *t.decor_mut() = decor;
            }
            _ => {
                if same_value(theirs, mine) {
                    *theirs = std::mem::take(mine);
                    let decor = written
                        .key(&key)
                        .map(|k| k.leaf_decor().clone())
                        .unwrap_or_default();
                    if let Some(mut k) = merged.key_mut(&key) {
                        *k.leaf_decor_mut() = decor;
                    }
                }
            }
        }
    }
}

/// Two items as TOML values, whatever their layout (inline or not, quoting, comments).
fn same_value(a: &Item, b: &Item) -> bool {
    let parse = |item: &Item| -> Option<toml::Value> {
        let mut table = Table::new();
        table.insert("v", item.clone());
        let mut doc = DocumentMut::new();
        *doc.as_table_mut() = table;
        let parsed: toml::Table = toml::from_str(&doc.to_string()).ok()?;
        parsed.get("v").cloned()
    };
    match (parse(a), parse(b)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// The file name a spec is embedded under: its own, with a `.toml` extension. A spec read
/// from a document (`forest.pdf#forest.toml`) keeps the name it was embedded under.
pub fn embedded_name(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = name.rsplit('#').next().unwrap_or_default();
    let stem = Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "motion".to_string());
    format!("{stem}.toml")
}
