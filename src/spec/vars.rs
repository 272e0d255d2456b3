//! `{{ … }}` in spec text: syntax and variable names, checked before anything renders.

use super::error::SpecError;
use super::model::{Spec, Text};
use super::strspan::inner_span;
use crate::diagnostics::did_you_mean;
use crate::source::Sources;

/// Variables spec text may use. The template stage provides exactly these.
pub const VARIABLES: &[&str] = &[
    "council.name",
    "council.short",
    "council.place",
    "motion.title",
    "motion.lang",
    "motion.date",
    "motion.reference",
    "motion.kind",
    "motion.status",
];

/// Variables that exist only when their optional field is set, with that field's key.
fn optional_field(spec: &Spec, variable: &str) -> Option<&'static str> {
    match variable {
        "council.place" if spec.council.place.is_none() => Some("council.place"),
        "motion.date" if spec.date.is_none() => Some("date"),
        "motion.reference" if spec.reference.is_none() => Some("reference"),
        _ => None,
    }
}

/// Checks every text of the spec; returns one error per problem.
pub fn check_variables(spec: &Spec, sources: &Sources) -> Vec<SpecError> {
    let env = minijinja::Environment::new();
    let mut errors = Vec::new();
    let council = &spec.council;
    for (key, text) in [
        ("council.name", Some(&council.name)),
        ("council.short", Some(&council.short)),
        ("council.place", council.place.as_ref()),
    ] {
        let Some(text) = text else { continue };
        if let Some(at) = text.value.find("{{").or_else(|| text.value.find("{%")) {
            errors.push(SpecError::TemplatedName {
                key,
                span: inner_span(sources, &text.span, &text.value, at..at + 2),
            });
        }
    }
    let council_texts = [
        Some(&council.name),
        Some(&council.short),
        council.place.as_ref(),
    ];
    let texts = spec.texts();
    let every = texts
        .iter()
        .map(|(_, t)| *t)
        .chain(council_texts.into_iter().flatten())
        .chain(spec.register_texts());
    for text in every {
        errors.extend(character_error(text, sources));
    }
    for (_, text) in texts {
        errors.extend(text_errors(spec, &env, text, sources));
    }
    errors
}

/// An invisible control character or right-to-left text in `text`.
pub(super) fn character_error(text: &Text, sources: &Sources) -> Option<SpecError> {
    let (range, c) = unprintable(&text.value)?;
    let span = inner_span(sources, &text.span, &text.value, range);
    Some(match script_of(c) {
        Some(script) => SpecError::RightToLeft { script, span },
        None => SpecError::ForbiddenChar {
            code: c as u32,
            span,
        },
    })
}

/// The problems of one piece of spec text rendered through the template engine: nesting,
/// syntax, unknown or unset variables. Characters are checked by [`character_error`].
pub(super) fn text_errors(
    spec: &Spec,
    env: &minijinja::Environment,
    text: &Text,
    sources: &Sources,
) -> Vec<SpecError> {
    let mut errors = Vec::new();
    if unprintable(&text.value).is_some() {
        return errors;
    }
    if let Some(at) = too_deep(&text.value) {
        errors.push(SpecError::TooDeep {
            limit: MAX_NESTING,
            span: inner_span(sources, &text.span, &text.value, at..at + 1),
        });
        return errors;
    }
    if let Some(at) = text.value.find("{%") {
        errors.push(SpecError::TextSyntax {
            message: "spec text takes only `{{ variable }}`, not `{% … %}` blocks".into(),
            span: inner_span(sources, &text.span, &text.value, at..at + 2),
        });
        return errors;
    }
    if !text.value.contains("{{") && !text.value.contains("{#") {
        return errors;
    }
    let template = match env.template_from_str(&text.value) {
        Ok(t) => t,
        Err(e) => {
            let range = e.range().unwrap_or(0..text.value.len());
            errors.push(SpecError::TextSyntax {
                message: e.detail().unwrap_or("invalid syntax").to_string(),
                span: inner_span(sources, &text.span, &text.value, range),
            });
            return errors;
        }
    };
    let mut used: Vec<String> = template.undeclared_variables(true).into_iter().collect();
    used.sort();
    for name in used.iter().filter(|v| VARIABLES.contains(&v.as_str())) {
        if let Some(field) = optional_field(spec, name) {
            let range = text
                .value
                .find(name.as_str())
                .map_or(0..text.value.len(), |at| at..at + name.len());
            errors.push(SpecError::UnsetVariable {
                name: name.clone(),
                field,
                span: inner_span(sources, &text.span, &text.value, range),
            });
        }
    }
    let unknown: Vec<String> = used
        .into_iter()
        .filter(|v| !VARIABLES.contains(&v.as_str()))
        .collect();
    for name in unknown {
        let range = text
            .value
            .find(&name)
            .map_or(0..text.value.len(), |at| at..at + name.len());
        errors.push(SpecError::UnknownVariable {
            suggestion: did_you_mean(&name, VARIABLES.iter().copied()).map(str::to_string),
            known: VARIABLES.iter().map(|s| s.to_string()).collect(),
            span: inner_span(sources, &text.span, &text.value, range),
            name,
        });
    }
    errors
}

/// Invisible characters no output should carry: C0 and C1 controls (but tab and line feed),
/// DEL, bidirectional embeddings, overrides, isolates and marks (they reorder what a reader
/// sees: « Trojan Source »), a byte-order mark inside text, U+FFFE and U+FFFF.
pub(crate) fn forbidden_char(c: char) -> bool {
    (c < ' ' && c != '\t' && c != '\n' && c != '\r')
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
        || matches!(
            c,
            '\u{200e}' | '\u{200f}' | '\u{61c}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
        // The private-use characters redlines encode changes with.
        || crate::redline::is_reserved(c)
}

/// Right-to-left scripts, which motion's layout does not set: refused by name rather than
/// printed backwards.
fn script_of(c: char) -> Option<&'static str> {
    let scripts: [(char, char, &str); 8] = [
        ('\u{590}', '\u{5ff}', "Hebrew"),
        ('\u{fb1d}', '\u{fb4f}', "Hebrew"),
        ('\u{600}', '\u{6ff}', "Arabic"),
        ('\u{750}', '\u{77f}', "Arabic"),
        ('\u{8a0}', '\u{8ff}', "Arabic"),
        ('\u{fb50}', '\u{fdff}', "Arabic"),
        ('\u{fe70}', '\u{feff}', "Arabic"),
        ('\u{700}', '\u{7ff}', "Syriac, Thaana or N’Ko"),
    ];
    scripts
        .iter()
        .find(|(a, b, _)| (*a..=*b).contains(&c) && c != '\u{feff}')
        .map(|(_, _, s)| *s)
        .or_else(|| {
            (('\u{10800}'..='\u{10fff}').contains(&c) || ('\u{1e800}'..='\u{1efff}').contains(&c))
                .then_some("a right-to-left script")
        })
}

/// How deep Markdown emphasis and lists may nest in spec text.
const MAX_NESTING: usize = 16;

/// Where Markdown nesting first goes deeper than [`MAX_NESTING`] (`*` inside `*` …).
fn too_deep(text: &str) -> Option<usize> {
    if !text.contains(['*', '_', '-', '>']) {
        return None;
    }
    let mut depth = 0usize;
    for (event, range) in pulldown_cmark::Parser::new(text).into_offset_iter() {
        match event {
            pulldown_cmark::Event::Start(_) => {
                depth += 1;
                if depth > MAX_NESTING + 1 {
                    return Some(range.start);
                }
            }
            pulldown_cmark::Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// The first character of a text no output should print, as written or as an HTML entity
/// the Markdown reader would decode (`&#x202E;`, `&rlm;`): its byte range in the text and the
/// character. One rule for every field, the preamble as the demands.
pub(super) fn unprintable(text: &str) -> Option<(std::ops::Range<usize>, char)> {
    // Printable ASCII, most of any text, is never refused.
    let bad = |c: char| !matches!(c, ' '..='~') && (forbidden_char(c) || script_of(c).is_some());
    let written = text
        .char_indices()
        .find(|(_, c)| bad(*c))
        .map(|(at, c)| (at..at + c.len_utf8(), c));
    let entity = text.match_indices('&').find_map(|(at, _)| {
        let end = at + text[at..].find(';')? + 1;
        let candidate = &text[at..end];
        if end - at > 40 || candidate.contains(char::is_whitespace) {
            return None;
        }
        let decoded: String = pulldown_cmark::Parser::new(candidate)
            .filter_map(|e| match e {
                pulldown_cmark::Event::Text(t) => Some(t.into_string()),
                _ => None,
            })
            .collect();
        decoded.chars().find(|c| bad(*c)).map(|c| (at..end, c))
    });
    match (written, entity) {
        (Some(a), Some(b)) => Some(if a.0.start <= b.0.start { a } else { b }),
        (a, b) => a.or(b),
    }
}
