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

/// Checks every text of the spec; returns one error per problem.
pub fn check_variables(spec: &Spec, sources: &Sources) -> Vec<SpecError> {
    let env = minijinja::Environment::new();
    let mut errors = Vec::new();
    for (_, text) in spec.texts() {
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
        let mut unknown: Vec<String> = template
            .undeclared_variables(true)
            .into_iter()
            .filter(|v| !VARIABLES.contains(&v.as_str()))
            .collect();
        unknown.sort();
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
