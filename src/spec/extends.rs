//! Loading a spec and the chain of specs it `extends`, merged into one layer.
//!
//! Tables merge key by key, arrays are replaced, demands merge by id: a fork's demand with a
//! known id replaces it in place, a new id appends, `remove = true` drops (DESIGN.md §2).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::error::SpecError;
use super::keys::check_keys;
use super::raw::{RawCouncil, RawDemand, RawLint, RawSession, RawSpec, RawVote, RawVoteNames};
use super::read::{add_bytes, parse_toml, read_file};
use super::sp::{Sp, with_file};
use crate::source::{FileId, Sources, Span, display_name};

/// How many files an `extends` chain may hold.
pub const MAX_DEPTH: usize = 16;

/// A spec file merged with every base it extends.
pub struct Merged {
    pub raw: RawSpec,
    /// The file named on the command line.
    pub root: FileId,
}

/// Reads `path` and its `extends` chain into one merged layer.
pub fn load(
    path: &Path,
    bytes: Option<Vec<u8>>,
    sources: &mut Sources,
) -> Result<Merged, Vec<SpecError>> {
    let mut chain = Vec::new();
    let (root, raw) = load_layer(path, bytes, sources, &mut chain)?;
    Ok(Merged { raw, root })
}

/// A file in the chain: its canonical path (for cycle detection) and its display name.
struct Link {
    canonical: PathBuf,
    name: String,
}

fn load_layer(
    path: &Path,
    bytes: Option<Vec<u8>>,
    sources: &mut Sources,
    chain: &mut Vec<Link>,
) -> Result<(FileId, RawSpec), Vec<SpecError>> {
    let file = match bytes {
        Some(bytes) => add_bytes(path, bytes, sources),
        None => read_file(path, sources),
    }
    .map_err(|e| vec![e])?;
    let text = &sources.get(file).text;
    let table = parse_toml(text, file).map_err(|e| vec![e])?;
    let unknown = check_keys(table.get_ref(), file);
    if !unknown.is_empty() {
        return Err(unknown);
    }
    let deserializer = toml::de::Deserializer::from(table);
    let mut raw = with_file(file, || RawSpec::deserialize(deserializer)).map_err(|e| {
        let range = e.span().unwrap_or(0..0);
        vec![SpecError::WrongType {
            message: friendly_type_error(e.message(), text, &range),
            span: Span::new(file, range),
        }]
    })?;

    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    resolve_paths(&mut raw, &dir);
    chain.push(Link {
        canonical: std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
        name: display_name(path),
    });

    let Some(extends) = raw.extends.take() else {
        let mut errors = Vec::new();
        if let Some(demands) = &raw.demands {
            for d in demands.iter() {
                if let Some(remove) = d.remove.as_ref().filter(|r| r.value) {
                    errors.push(SpecError::RemoveWithoutBase {
                        span: remove.span.clone(),
                    });
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        assign_default_ids(&mut raw);
        return Ok((file, raw));
    };

    let base_path = dir.join(&extends.value);
    match crate::files::check(&base_path) {
        Ok(()) => {}
        Err(crate::files::ReadError::NotFound) => {
            return Err(vec![SpecError::ExtendsNotFound {
                given: extends.value.clone(),
                resolved: base_path,
                span: extends.span.clone(),
            }]);
        }
        Err(e) => {
            return Err(vec![SpecError::Unreadable {
                what: "the spec named by `extends`",
                given: extends.value.clone(),
                reason: e.reason(),
                span: extends.span.clone(),
            }]);
        }
    }
    let canonical = std::fs::canonicalize(&base_path).unwrap_or_else(|_| base_path.clone());
    if let Some(start) = chain.iter().position(|l| l.canonical == canonical) {
        let mut names: Vec<String> = chain[start..].iter().map(|l| l.name.clone()).collect();
        names.push(display_name(&base_path));
        return Err(vec![SpecError::ExtendsCycle {
            chain: names,
            span: extends.span.clone(),
        }]);
    }
    if chain.len() >= MAX_DEPTH {
        return Err(vec![SpecError::ExtendsTooDeep {
            limit: MAX_DEPTH,
            span: extends.span.clone(),
        }]);
    }
    let (_, base) = load_layer(&base_path, None, sources, chain)?;
    let mut merged = merge(base, raw, &display_name(&base_path))?;
    assign_default_ids(&mut merged);
    Ok((file, merged))
}

/// Paths in a spec are relative to the file that names them; make them relative to the cwd.
fn resolve_paths(raw: &mut RawSpec, dir: &Path) {
    let join = |p: &mut Sp<String>| {
        // An empty path means « none » (a fork dropping its base's logo).
        if !p.value.is_empty() && !Path::new(&p.value).is_absolute() {
            p.value = dir.join(&p.value).to_string_lossy().into_owned();
        }
    };
    if let Some(t) = raw.template.as_mut() {
        join(t);
    }
    if let Some(t) = raw.translation.as_mut() {
        join(t);
    }
    if let Some(logo) = raw.council.as_mut().and_then(|c| c.value.logo.as_mut()) {
        join(logo);
    }
}

/// Demands without an id get `d1`, `d2` … by position, skipping ids already written.
fn assign_default_ids(raw: &mut RawSpec) {
    if let Some(demands) = raw.demands.as_mut() {
        let mut used: Vec<String> = demands
            .value
            .iter()
            .filter_map(|d| d.id.as_ref().map(|i| i.value.clone()))
            .collect();
        for (i, d) in demands.value.iter_mut().enumerate() {
            if d.value.id.is_none() {
                let mut n = i + 1;
                while used.contains(&format!("d{n}")) {
                    n += 1;
                }
                let id = format!("d{n}");
                used.push(id.clone());
                d.value.id = Some(Sp::new(id, d.span.clone()));
            }
        }
    }
}

/// Takes `over`'s value where it has one, else `base`'s, field by field.
macro_rules! or_fields {
    ($base:expr, $over:expr, $ty:ident { $($field:ident),* }) => {
        $ty { $($field: $over.$field.or($base.$field)),* }
    };
    ($base:expr, $over:expr, $ty:ident { $($field:ident),* ; $($other:ident: $value:expr),* }) => {
        $ty { $($field: $over.$field.or($base.$field),)* $($other: $value),* }
    };
}

fn merge_table<T>(
    base: Option<Sp<T>>,
    over: Option<Sp<T>>,
    f: impl FnOnce(T, T) -> T,
) -> Option<Sp<T>> {
    match (base, over) {
        (Some(b), Some(o)) => Some(Sp::new(f(b.value, o.value), o.span)),
        (b, o) => o.or(b),
    }
}

fn merge(mut base: RawSpec, over: RawSpec, base_name: &str) -> Result<RawSpec, Vec<SpecError>> {
    let demands = merge_demands(base.demands, over.demands, base_name)?;
    if over.status.is_some() {
        // A fork that sets its own status starts its own session: another council's date,
        // register reference, vote, agenda item and attendance are not its own.
        base.date = None;
        base.reference = None;
        base.vote = None;
        base.session = None;
        base.attendance = None;
    }
    if over
        .council
        .as_ref()
        .is_some_and(|c| c.value.name.is_some())
    {
        // A fork that names its council describes another body: the base's short name,
        // place and logo belong to the base's council, its members to its attendance and
        // its roll call.
        base.council = None;
        base.session = None;
        base.attendance = None;
        if let Some(vote) = base.vote.as_mut() {
            vote.value.names = None;
        }
    }
    Ok(RawSpec {
        extends: None,
        // A translation pairs one file with another: a fork is not its base's translation.
        translation: over.translation,
        template: over.template.or(base.template),
        lang: over.lang.or(base.lang),
        kind: over.kind.or(base.kind),
        title: over.title.or(base.title),
        date: over.date.or(base.date),
        status: over.status.or(base.status),
        reference: over.reference.or(base.reference),
        authors: over.authors.or(base.authors),
        preamble: over.preamble.or(base.preamble),
        considerants: over.considerants.or(base.considerants),
        council: merge_table(base.council, over.council, |b, o| {
            or_fields!(
                b,
                o,
                RawCouncil {
                    name,
                    short,
                    place,
                    logo
                }
            )
        }),
        demands,
        vote: merge_table(base.vote, over.vote, |b, o| {
            let names = merge_table(b.names, o.names, |b, o| {
                or_fields!(
                    b,
                    o,
                    RawVoteNames {
                        for_,
                        against,
                        abstain
                    }
                )
            });
            or_fields!(
                b,
                o,
                RawVote {
                    present,
                    for_,
                    against,
                    abstain,
                    unanimous,
                    secret;
                    names: names
                }
            )
        }),
        signatures: over.signatures.or(base.signatures),
        session: merge_table(base.session, over.session, |b, o| {
            or_fields!(b, o, RawSession { item, public })
        }),
        attendance: over.attendance.or(base.attendance),
        lint: merge_table(base.lint, over.lint, |b, o| {
            or_fields!(b, o, RawLint { allow })
        }),
    })
}

type Demands = Option<Sp<Vec<Sp<RawDemand>>>>;

fn merge_demands(base: Demands, over: Demands, base_name: &str) -> Result<Demands, Vec<SpecError>> {
    let Some(over) = over else { return Ok(base) };
    let (mut list, span) = match base {
        Some(b) => (b.value, b.span),
        None => (Vec::new(), over.span.clone()),
    };
    let mut errors = Vec::new();
    for demand in over.value {
        let id = demand.id.as_ref().map(|i| i.value.clone());
        let position = id.as_ref().and_then(|id| {
            list.iter()
                .position(|d| d.id.as_ref().is_some_and(|i| &i.value == id))
        });
        match (demand.remove.as_ref().filter(|r| r.value), id, position) {
            (Some(remove), None, _) => errors.push(SpecError::RemoveWithoutId {
                span: remove.span.clone(),
            }),
            (Some(_), Some(id), None) => errors.push(SpecError::RemoveNoMatch {
                known: list
                    .iter()
                    .filter_map(|d| d.id.as_ref().map(|i| i.value.clone()))
                    .collect(),
                id,
                base: base_name.to_string(),
                span: demand
                    .id
                    .as_ref()
                    .map_or(demand.span.clone(), |i| i.span.clone()),
            }),
            (Some(_), Some(_), Some(i)) => {
                list.remove(i);
            }
            (None, _, Some(i)) => list[i] = demand,
            (None, _, None) => list.push(demand),
        }
    }
    if errors.is_empty() {
        Ok(Some(Sp::new(list, span)))
    } else {
        Err(errors)
    }
}

/// The key standing before `=` on the value's line.
fn key_before<'s>(source: &'s str, span: &std::ops::Range<usize>) -> Option<&'s str> {
    let end = span.start.min(source.len());
    let line_start = source[..end].rfind('\n').map_or(0, |i| i + 1);
    source
        .get(line_start..end)?
        .split_once('=')
        .map(|(k, _)| k.trim().trim_matches('"'))
        .filter(|k| !k.is_empty() && !k.contains(['[', '{', ',']))
}

/// serde's type errors in a clerk's words: "`present` expects a whole number, found string "13"".
pub(super) fn friendly_type_error(
    message: &str,
    source: &str,
    span: &std::ops::Range<usize>,
) -> String {
    let message = message.lines().next().unwrap_or("").trim();
    if message.contains("wanted string or table") {
        return key_before(source, span).map_or_else(
            || "expected a string in quotes".to_string(),
            |key| format!("`{key}` expects a string in quotes"),
        );
    }
    let Some(rest) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
    else {
        return message.to_string();
    };
    let Some((found, expected)) = rest.split_once(", expected ") else {
        return message.to_string();
    };
    let expected = match expected {
        "u32" => "a whole number (0 or more)",
        "a boolean" => "`true` or `false`",
        "a sequence" => "an array `[…]`",
        "a string" => "a string in quotes",
        other => other,
    };
    // The key is what stands before `=` on the value's line.
    let line_start = source[..span.start.min(source.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let key = source[line_start..span.start.min(source.len())]
        .split_once('=')
        .map(|(k, _)| k.trim().trim_matches('"'))
        .filter(|k| !k.is_empty() && !k.contains(['[', '{', ',']));
    match key {
        Some(key) => format!("`{key}` expects {expected}, found {found}"),
        None => format!("expected {expected}, found {found}"),
    }
}
