//! The two minijinja environments: `document.xml.j2` (strict, fuelled, loading only from the
//! template) and spec text (`{{ council.short }}`), with the filters written in Rust.

use minijinja::value::Value;
use minijinja::{Environment, State, UndefinedBehavior};

use super::TemplateError;
use super::filters;
use super::sandbox::Root;
use crate::vocab::Lang;

/// Template instructions a render may run: far above any real motion, a stop for runaway loops.
const FUEL: u64 = 2_000_000;

/// The language of the motion being rendered, for filters.
fn lang_of(state: &State) -> Lang {
    state
        .lookup("motion")
        .and_then(|m| m.get_attr("lang").ok())
        .and_then(|l| l.as_str().and_then(Lang::from_code))
        .unwrap_or(Lang::Fr)
}

fn add_filters(env: &mut Environment<'static>) {
    env.add_filter("date", |state: &State, iso: &str| {
        filters::date(lang_of(state))(iso)
    });
    env.add_filter("ordinal", |state: &State, n: i64| {
        filters::ordinal(lang_of(state))(n)
    });
    env.add_filter("vote", |state: &State, v: Value| {
        filters::vote(lang_of(state))(v)
    });
    env.add_filter("inline", filters::inline);
    env.add_filter("markdown", filters::markdown);
    env.add_filter("clause", filters::clause);
    env.add_filter("fill", filters::fill);
}

/// The environment for `document.xml.j2`: strict, fuelled, loading only from the template.
pub fn document_env(root: Root) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(FUEL));
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    add_filters(&mut env);
    env.set_loader(move |name| match root.read_text(name) {
        Ok(text) => Ok(Some(text)),
        // Only a missing file is "not found"; a pipe or an unreadable file is said so.
        Err(TemplateError::Io { .. }) if !root.has(name) => Ok(None),
        Err(e) => Err(minijinja::Error::new(
            minijinja::ErrorKind::InvalidOperation,
            e.to_string(),
        )),
    });
    env
}

/// The environment for spec text: plain text, strict, fuelled.
pub fn text_env() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(FUEL));
    add_filters(&mut env);
    env
}

/// A minijinja error in words a council's clerk can act on.
pub fn message(e: &minijinja::Error) -> String {
    match (e.kind(), e.detail()) {
        (minijinja::ErrorKind::OutOfFuel, _) => {
            "the template ran too long and was stopped (a loop that never ends?)".to_string()
        }
        (kind, Some(detail)) => format!("{kind}: {detail}"),
        (kind, None) => kind.to_string(),
    }
}
