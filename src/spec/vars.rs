//! `{{ … }}` in spec text: syntax and variable names, checked before anything renders.

use super::error::SpecError;
use super::model::Spec;
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
    for (_, text) in spec.texts() {
        if let Some((at, c)) = text.value.char_indices().find(|(_, c)| forbidden_char(*c)) {
            errors.push(SpecError::ForbiddenChar {
                code: c as u32,
                span: inner_span(sources, &text.span, &text.value, at..at + c.len_utf8()),
            });
            continue;
        }
        if let Some(at) = text.value.find("{%") {
            errors.push(SpecError::TextSyntax {
                message: "spec text takes only `{{ variable }}`, not `{% … %}` blocks".into(),
                span: inner_span(sources, &text.span, &text.value, at..at + 2),
            });
            continue;
        }
        if !text.value.contains("{{") && !text.value.contains("{%") && !text.value.contains("{#") {
            continue;
        }
        let template = match env.template_from_str(&text.value) {
            Ok(t) => t,
            Err(e) => {
                let range = e.range().unwrap_or(0..text.value.len());
                errors.push(SpecError::TextSyntax {
                    message: e.detail().unwrap_or("invalid syntax").to_string(),
                    span: inner_span(sources, &text.span, &text.value, range),
                });
                continue;
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
    }
    errors
}

/// Characters XML 1.0 cannot carry (C0 controls but tab and line feed, U+FFFE, U+FFFF), which
/// no output could print.
fn forbidden_char(c: char) -> bool {
    (c < ' ' && c != '\t' && c != '\n' && c != '\r')
        || c == '\u{fffe}'
        || c == '\u{ffff}'
        || c == '\u{7f}'
}
