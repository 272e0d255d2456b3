//! Typography lint for French and Dutch motions: `motion check` reports, `motion fmt` applies
//! the safe fixes. Rules are functions in [`rules`] over word lists kept as data (`fr.toml`,
//! `nl.toml`); each rule has an id a spec can silence with `lint.allow = ["…"]`.

mod rules;

use std::ops::Range;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::source::Sources;
use crate::spec::{Lang, Spec, Text, strspan::TextMap};

/// Every rule: id and what it checks.
pub const RULES: &[(&str, &str)] = &[
    (
        "fr-nbsp-before-colon",
        "a no-break space before « : » (French)",
    ),
    (
        "fr-nbsp-before-semicolon",
        "a no-break space before « ; » (French)",
    ),
    (
        "fr-nbsp-before-exclamation",
        "a no-break space before « ! » (French)",
    ),
    (
        "fr-nbsp-before-question",
        "a no-break space before « ? » (French)",
    ),
    (
        "fr-nbsp-inside-guillemets",
        "no-break spaces inside « » (French)",
    ),
    (
        "nl-no-space-before-punctuation",
        "no space before « : ; ! ? » (Dutch)",
    ),
    ("no-space-before-comma", "no space before « , »"),
    ("no-space-before-period", "no space before « . »"),
    (
        "no-space-inside-parentheses",
        "no space after « ( » or before « ) »",
    ),
    ("fr-quotes", "straight \" → « » (French)"),
    ("nl-quotes", "straight \" → “ ” (Dutch)"),
    ("apostrophe", "straight ' → ’"),
    ("ellipsis", "« ... » or « …… » → « … »"),
    ("double-space", "several spaces in a row"),
    ("trailing-space", "spaces at the end of a line"),
    ("space-after-comma", "a space after « , »"),
    (
        "unbalanced",
        "brackets and quotes that never close, or close nothing",
    ),
    ("repeated-word", "« le le », « de de »"),
    ("conflicting-words", "« un une », « de het »"),
    (
        "fr-agreement",
        "article and noun agree: « une proposition » (suggestion)",
    ),
    ("fr-capital-accent", "« Écoles », « À quand » (suggestion)"),
    ("fr-oe-ligature", "« œuvre », « cœur », « vœu »"),
    ("fr-ordinal", "« 1er », « 2e », « 1er janvier »"),
    (
        "operative-verb",
        "a demand opens with an operative verb in the third person present",
    ),
    (
        "verb-repeated",
        "a demand's text repeats its verb (an error)",
    ),
    (
        "council-name-literal",
        "the council's own name in text: use {{ council.short }}",
    ),
];

/// One problem in one text, as byte offsets into it.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: &'static str,
    pub range: Range<usize>,
    pub message: String,
    /// What `range` should become.
    pub replacement: Option<String>,
    /// `motion fmt` applies it without asking (spacing, quotes); else it is only suggested.
    pub safe: bool,
    /// An error, not a warning: `motion check` fails.
    pub error: bool,
}

/// What kind of text is being checked.
#[derive(Debug, Clone)]
pub enum Kind<'a> {
    Prose,
    /// A demand's `verb`.
    Verb,
    /// A demand's `text`, with its verb.
    DemandText {
        verb: &'a str,
    },
}

/// The word lists of one language.
#[derive(Debug, Deserialize)]
pub struct Words {
    verbs: Vec<String>,
    feminine: Vec<String>,
    masculine: Vec<String>,
    ligatures: Vec<String>,
    capital_accents: Vec<String>,
    conflicts: Vec<(String, String)>,
}

/// The embedded word lists of a language.
pub fn words(lang: Lang) -> &'static Words {
    static FR: OnceLock<Words> = OnceLock::new();
    static NL: OnceLock<Words> = OnceLock::new();
    let (cell, text) = match lang {
        Lang::Fr => (&FR, include_str!("fr.toml")),
        Lang::Nl => (&NL, include_str!("nl.toml")),
    };
    cell.get_or_init(|| toml::from_str(text).expect("the embedded word lists are valid TOML"))
}

/// Ranges of template syntax (`{{ … }}`, `{% … %}`, `{# … #}`), which no rule touches.
fn template_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(open) = text[at..].find(['{']).map(|i| at + i) {
        let close = match &text[open..] {
            s if s.starts_with("{{") => "}}",
            s if s.starts_with("{%") => "%}",
            s if s.starts_with("{#") => "#}",
            _ => {
                at = open + 1;
                continue;
            }
        };
        let end = text[open + 2..]
            .find(close)
            .map_or(text.len(), |i| open + 2 + i + 2);
        out.push(open..end);
        at = end;
    }
    out
}

/// Findings of every rule not silenced, outside template syntax.
pub fn check_text(text: &str, lang: Lang, kind: &Kind, allow: &[&str]) -> Vec<Finding> {
    let mut masked = template_ranges(text);
    masked.extend(crate::document::typography::address_ranges(text));
    // Template syntax and addresses read as underscores (same byte length): no word, no
    // punctuation for the rules to see.
    let mut plain = text.to_string();
    for range in &masked {
        plain.replace_range(range.clone(), &"_".repeat(range.len()));
    }
    let mut findings: Vec<Finding> = rules::check(&plain, lang, kind, words(lang))
        .into_iter()
        .filter(|f| !allow.contains(&f.rule))
        .filter(|f| {
            !masked
                .iter()
                .any(|m| f.range.start < m.end && m.start < f.range.end.max(f.range.start + 1))
        })
        .collect();
    findings.sort_by_key(|f| (f.range.start, f.range.end));
    findings
}

/// `text` with every safe fix applied, until nothing changes (idempotent).
pub fn fix_text(text: &str, lang: Lang, kind: &Kind, allow: &[&str]) -> String {
    let mut current = text.to_string();
    for _ in 0..8 {
        let mut out = String::with_capacity(current.len());
        let mut at = 0;
        for f in check_text(&current, lang, kind, allow) {
            let (true, Some(replacement)) = (f.safe, &f.replacement) else {
                continue;
            };
            if f.range.start < at {
                continue;
            }
            out.push_str(&current[at..f.range.start]);
            out.push_str(replacement);
            at = f.range.end;
        }
        out.push_str(&current[at..]);
        if out == current {
            break;
        }
        current = out;
    }
    current
}

/// Every text of a spec with the kind of rules it gets and a readable name.
pub fn texts(spec: &Spec) -> Vec<(&Text, Kind<'_>)> {
    let mut out: Vec<(&Text, Kind)> = vec![(&spec.title, Kind::Prose)];
    if let Some(p) = &spec.preamble {
        out.push((p, Kind::Prose));
    }
    out.extend(spec.considerants.iter().map(|c| (&c.text, Kind::Prose)));
    for d in &spec.demands {
        out.push((&d.verb, Kind::Verb));
        if let Some(c) = &d.condition {
            out.push((c, Kind::Prose));
        }
        out.push((
            &d.text,
            Kind::DemandText {
                verb: &d.verb.value,
            },
        ));
    }
    out.push((&spec.council.name, Kind::Prose));
    if spec.council.short.span != spec.council.name.span {
        out.push((&spec.council.short, Kind::Prose));
    }
    if let Some(place) = &spec.council.place {
        out.push((place, Kind::Prose));
    }
    for s in &spec.signatures {
        out.push((&s.role, Kind::Prose));
        if let Some(n) = &s.name {
            out.push((n, Kind::Prose));
        }
    }
    for a in &spec.authors {
        out.push((&a.name, Kind::Prose));
        if let Some(g) = &a.group {
            out.push((g, Kind::Prose));
        }
    }
    out
}

/// Lint diagnostics for a validated spec: warnings, and errors for `verb-repeated`.
pub fn lint(spec: &Spec, sources: &Sources) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let known: Vec<&str> = RULES.iter().map(|(id, _)| *id).collect();
    for allowed in &spec.lint_allow {
        if !known.contains(&allowed.value.as_str()) {
            let mut d = Diagnostic::warning(format!(
                "unknown lint rule `{}` in `lint.allow`",
                allowed.value
            ))
            .with_code("unknown-lint-rule");
            d = match did_you_mean(&allowed.value, known.iter().copied()) {
                Some(s) => d.with_label(allowed.span.clone(), format!("did you mean `{s}`?")),
                None => d
                    .with_label(allowed.span.clone(), "no such rule")
                    .with_help("`motion check --rules` lists them"),
            };
            out.push(d);
        }
    }
    let allow: Vec<&str> = spec.lint_allow.iter().map(|a| a.value.as_str()).collect();
    let council = [&spec.council.name, &spec.council.short];
    for (text, kind) in texts(spec) {
        let is_council_field = council.iter().any(|c| c.span == text.span);
        let mut findings = check_text(&text.value, spec.lang, &kind, &allow);
        if !is_council_field && !allow.contains(&"council-name-literal") {
            findings.extend(council_literal(spec, &text.value));
        }
        out.extend(diagnose(sources, text, findings));
    }
    out
}

/// Only the lint errors (a demand repeating its verb), for `render`: the warnings are
/// `check`'s business, and running every rule would cost a render a tenth of its time.
pub fn errors(spec: &Spec, sources: &Sources) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for d in &spec.demands {
        let mut findings = Vec::new();
        rules::verb_repeated(&d.text.value, &d.verb.value, &mut findings);
        out.extend(diagnose(sources, &d.text, findings));
    }
    out
}

/// Findings in one text as diagnostics pointing into the spec.
fn diagnose(sources: &Sources, text: &Text, findings: Vec<Finding>) -> Vec<Diagnostic> {
    if findings.is_empty() {
        return Vec::new();
    }
    let map = TextMap::new(sources, &text.span, &text.value);
    findings
        .into_iter()
        .map(|f| {
            let span = map.span(f.range.clone());
            let label = match &f.replacement {
                Some(r) if r.is_empty() => "remove this".to_string(),
                Some(r) => format!("replace with « {} »", visible(r)),
                None => "here".to_string(),
            };
            let base = if f.error {
                Diagnostic::error(f.message)
            } else {
                Diagnostic::warning(f.message)
            };
            let mut d = base.with_code(f.rule).with_label(span, label);
            if let Some(r) = &f.replacement {
                d = d.with_fix(r.clone(), f.safe);
            }
            if f.safe {
                d.with_help("`motion fmt` fixes this")
            } else if f.error {
                d
            } else {
                d.with_help(format!(
                    "silence it with `[lint] allow = [\"{}\"]` if it is meant",
                    f.rule
                ))
            }
        })
        .collect()
}

/// The council's own name written literally, where `{{ council.short }}` lets forks rename it.
fn council_literal(spec: &Spec, text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let masked = template_ranges(text);
    let mut names = vec![(&spec.council.name.value, "council.name")];
    if spec.council.short.value != spec.council.name.value {
        names.push((&spec.council.short.value, "council.short"));
    }
    for (name, variable) in names {
        if name.trim().is_empty() {
            continue;
        }
        for (at, _) in text.match_indices(name.as_str()) {
            let range = at..at + name.len();
            if masked
                .iter()
                .any(|m| range.start < m.end && m.start < range.end)
                || out
                    .iter()
                    .any(|f: &Finding| f.range.start < range.end && range.start < f.range.end)
            {
                continue;
            }
            out.push(Finding {
                rule: "council-name-literal",
                range,
                message: format!("the council's own name « {name} » is written literally"),
                replacement: Some(format!("{{{{ {variable} }}}}")),
                safe: false,
                error: false,
            });
        }
    }
    out
}

/// Invisible characters named, for labels.
fn visible(s: &str) -> String {
    s.replace('\u{a0}', "U+00A0 no-break space")
        .replace('\u{202f}', "U+202F narrow no-break space")
}

#[cfg(test)]
mod tests;
