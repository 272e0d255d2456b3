//! Two language versions of one motion (`translation = "…"`) must say the same thing: the
//! same demands in the same order, as many considérants, preamble paragraphs and list items,
//! the same status, date, reference, vote, roll call, sitting and signatures. Each
//! difference is one error, pointing into both files.

use super::error::SpecError;
use super::model::{Spec, Vote};
use crate::source::{Sources, Span};

/// A key compared between the versions: its name, both values, where each is written.
type Field<'a> = (
    &'static str,
    Option<String>,
    Option<String>,
    Option<&'a Span>,
    Option<&'a Span>,
);

/// The problems of `this` against its translation `other` (both loaded).
pub fn check(this: &Spec, other: &Spec, sources: &Sources) -> Vec<SpecError> {
    let mut errors = Vec::new();
    // What a file lacks is shown at its title: the top of the motion.
    let start = |s: &Spec| s.title.span.clone();
    let here = |span: Option<&Span>, s: &Spec| span.cloned().unwrap_or_else(|| start(s));
    let mut differ = |message: String, a: Span, label: &str, b: Span, other_label: &str| {
        errors.push(SpecError::Parity {
            message,
            span: a,
            label: label.to_string(),
            other: b,
            other_label: other_label.to_string(),
        });
    };
    let key_span = this
        .translation
        .as_ref()
        .map_or_else(|| start(this), |(_, s)| s.clone());
    if this.lang == other.lang {
        differ(
            format!(
                "the translation is in the same language ({}) as this spec",
                this.lang.code()
            ),
            key_span.clone(),
            "the translation",
            other.title.span.clone(),
            "also `lang` of this language",
        );
    }

    // Demands: the same ids, in the same order.
    for d in &this.demands {
        if !other.demands.iter().any(|o| o.id == d.id) {
            differ(
                format!("demand `{}` has no translation", d.id),
                d.span.clone(),
                "only here",
                other
                    .demands
                    .last()
                    .map_or_else(|| start(other), |o| o.span.clone()),
                "not among the translation's demands",
            );
        }
    }
    for o in &other.demands {
        if !this.demands.iter().any(|d| d.id == o.id) {
            differ(
                format!("demand `{}` of the translation is not in this spec", o.id),
                this.demands
                    .last()
                    .map_or_else(|| start(this), |d| d.span.clone()),
                "not among these demands",
                o.span.clone(),
                "only in the translation",
            );
        }
    }
    let common = |s: &Spec, t: &Spec| -> Vec<String> {
        s.demands
            .iter()
            .filter(|d| t.demands.iter().any(|o| o.id == d.id))
            .map(|d| d.id.clone())
            .collect()
    };
    let (mine, theirs) = (common(this, other), common(other, this));
    if let Some(i) = (0..mine.len()).find(|&i| mine[i] != theirs[i]) {
        let id = &mine[i];
        let d = this.demands.iter().find(|d| &d.id == id);
        let o = other.demands.iter().find(|d| &d.id == id);
        if let (Some(d), Some(o)) = (d, o) {
            let at = theirs.iter().position(|t| t == id).unwrap_or(i);
            differ(
                format!(
                    "demand `{id}` is number {} here but {} in the translation",
                    i + 1,
                    at + 1
                ),
                d.span.clone(),
                "here",
                o.span.clone(),
                "there",
            );
        }
    }

    // As many considérants.
    let (n, m) = (this.considerants.len(), other.considerants.len());
    if n != m {
        let span_of = |s: &Spec, k: usize| {
            s.considerants
                .get(k)
                .or(s.considerants.last())
                .map_or_else(|| start(s), |c| c.text.span.clone())
        };
        differ(
            format!("{n} considérant{} here, {m} in the translation", plural(n)),
            span_of(this, m.min(n)),
            if n > m {
                "no counterpart"
            } else {
                "the last one here"
            },
            span_of(other, n.min(m)),
            if m > n {
                "no counterpart"
            } else {
                "the last one there"
            },
        );
    }

    // The preamble: as many paragraphs and list items.
    let (pa, la) = preamble_shape(this);
    let (pb, lb) = preamble_shape(other);
    let preamble = |s: &Spec| here(s.spans.preamble.as_ref(), s);
    if pa != pb {
        differ(
            format!(
                "the preamble has {pa} paragraph{} here, {pb} in the translation",
                plural(pa)
            ),
            preamble(this),
            "this preamble",
            preamble(other),
            "the translation's",
        );
    }
    if la != lb {
        differ(
            format!(
                "the preamble has {la} list item{} here, {lb} in the translation",
                plural(la)
            ),
            preamble(this),
            "this preamble",
            preamble(other),
            "the translation's",
        );
    }

    // The same sitting and outcome.
    let show = |v: Option<String>| v.unwrap_or_else(|| "none".into());
    let fields: [Field; 3] = [
        (
            "status",
            Some(this.status.code().into()),
            Some(other.status.code().into()),
            this.spans.status.as_ref(),
            other.spans.status.as_ref(),
        ),
        (
            "date",
            this.date.map(|d| d.to_string()),
            other.date.map(|d| d.to_string()),
            this.spans.date.as_ref(),
            other.spans.date.as_ref(),
        ),
        (
            "reference",
            this.reference.as_ref().map(|r| r.value.clone()),
            other.reference.as_ref().map(|r| r.value.clone()),
            this.reference.as_ref().map(|r| &r.span),
            other.reference.as_ref().map(|r| &r.span),
        ),
    ];
    for (key, a, b, sa, sb) in fields {
        if a != b {
            differ(
                format!(
                    "`{key}` is {} here but {} in the translation",
                    show(a),
                    show(b)
                ),
                here(sa, this),
                "here",
                here(sb, other),
                "there",
            );
        }
    }
    if let Some(what) = vote_difference(this.vote.as_ref(), other.vote.as_ref()) {
        differ(
            format!("the vote differs from the translation's: {what}"),
            here(this.spans.vote.as_ref(), this),
            "this vote",
            here(other.spans.vote.as_ref(), other),
            "the translation's",
        );
    }
    let item = |s: &Spec| {
        s.session
            .as_ref()
            .map(|x| (x.item.as_ref().map(|i| i.value.clone()), x.public))
    };
    if item(this) != item(other) {
        let span = |s: &Spec| {
            s.session
                .as_ref()
                .and_then(|x| x.item.as_ref())
                .map_or_else(|| start(s), |i| i.span.clone())
        };
        differ(
            "the sitting (`[session]` item or public) differs from the translation's".into(),
            span(this),
            "here",
            span(other),
            "there",
        );
    }
    let names = |s: &Spec| -> Vec<(String, &'static str)> {
        s.attendance
            .iter()
            .map(|a| (a.name.value.clone(), a.presence.code()))
            .collect()
    };
    if names(this) != names(other) {
        let span = |s: &Spec| {
            s.attendance
                .first()
                .map_or_else(|| start(s), |a| a.name.span.clone())
        };
        differ(
            "the attendance (names and presence, in order) differs from the translation's".into(),
            span(this),
            "here",
            span(other),
            "there",
        );
    }
    let (n, m) = (this.signatures.len(), other.signatures.len());
    if n != m {
        let span = |s: &Spec| {
            s.signatures
                .last()
                .map_or_else(|| start(s), |x| x.role.span.clone())
        };
        differ(
            format!("{n} signature{} here, {m} in the translation", plural(n)),
            span(this),
            "the last one here",
            span(other),
            "the last one there",
        );
    }
    let _ = sources;
    errors
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Paragraphs and list items of the preamble, as the Markdown reads.
fn preamble_shape(spec: &Spec) -> (usize, usize) {
    use pulldown_cmark::{Event, Parser, Tag};
    let Some(text) = &spec.preamble else {
        return (0, 0);
    };
    let mut depth = 0usize;
    let (mut paragraphs, mut items) = (0, 0);
    for event in Parser::new(&text.value) {
        match event {
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(pulldown_cmark::TagEnd::List(_)) => depth = depth.saturating_sub(1),
            Event::Start(Tag::Item) => items += 1,
            Event::Start(Tag::Paragraph) if depth == 0 => paragraphs += 1,
            _ => {}
        }
    }
    (paragraphs, items)
}

/// What differs between two votes, in words.
fn vote_difference(a: Option<&Vote>, b: Option<&Vote>) -> Option<String> {
    let (a, b) = match (a, b) {
        (None, None) => return None,
        (Some(_), None) => return Some("the translation records none".into()),
        (None, Some(_)) => return Some("this spec records none".into()),
        (Some(a), Some(b)) => (a, b),
    };
    let counts = |v: &Vote| (v.for_, v.against, v.abstain, v.unanimous, v.secret);
    if counts(a) != counts(b) {
        let show = |v: &Vote| {
            if v.unanimous {
                "unanimous".to_string()
            } else {
                format!(
                    "{} for, {} against, {} abstaining",
                    v.for_, v.against, v.abstain
                )
            }
        };
        return Some(format!("{} here, {} there", show(a), show(b)));
    }
    if a.present != b.present {
        return Some("`present` differs".into());
    }
    let names = |v: &Vote| {
        v.names.as_ref().map(|n| {
            let list = |l: &[super::model::Text]| {
                let mut v: Vec<String> = l.iter().map(|t| t.value.clone()).collect();
                v.sort();
                v
            };
            (list(&n.for_), list(&n.against), list(&n.abstain))
        })
    };
    (names(a) != names(b)).then(|| "the roll call names other members".into())
}
