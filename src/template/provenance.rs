//! Where each block's text was written in the spec: attached by role and clause id after the
//! markup is parsed, so that render-time problems (a glyph the font lacks) point at the exact
//! occurrence, and the JSON output can say where a clause comes from.

use crate::document::{Block, BlockKind, Marginal, Role, plain_text};
use crate::source::Span;
use crate::spec::{Spec, Text};

/// Sets `source` on every block and list item, and on the marginals.
pub fn attach(blocks: &mut [Block], header: &mut Marginal, footer: &mut Marginal, spec: &Spec) {
    for block in blocks.iter_mut() {
        let text = block.text();
        block.source = spans_of(block.role, block.id.as_deref(), spec, &text);
        if let BlockKind::List { items, .. } = &mut block.kind {
            for item in items.iter_mut() {
                let text = plain_text(&item.inlines);
                item.source = spans_of(item.role, item.id.as_deref(), spec, &text);
            }
        }
    }
    for m in [header, footer] {
        let text = [&m.left, &m.center, &m.right]
            .map(|s| plain_text(s))
            .join(" ");
        m.source = council_spans(spec, &text);
    }
}

fn span(text: &Text) -> Span {
    text.span.clone()
}

/// Spaces of any kind as one, so a value matches its typeset form (no-break spaces added).
fn squash(s: &str) -> String {
    s.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The council's fields that a text shows (the template wraps them in its own words), the
/// one making most of the text first.
fn council_spans(spec: &Spec, text: &str) -> Vec<Span> {
    let c = &spec.council;
    let text = squash(text);
    let mut shown: Vec<&Text> = [Some(&c.name), Some(&c.short), c.place.as_ref()]
        .into_iter()
        .flatten()
        .filter(|t| text.contains(&squash(&t.value)))
        .collect();
    shown.sort_by_key(|t| std::cmp::Reverse(t.value.len()));
    shown.into_iter().map(span).collect()
}

/// The spans a block of `role` (with clause `id`) showing `text` is made from.
fn spans_of(role: Role, id: Option<&str>, spec: &Spec, text: &str) -> Vec<Span> {
    let council = || council_spans(spec, text);
    let demand_spans = |d: &crate::spec::Demand| {
        let mut out = vec![span(&d.verb)];
        out.extend(d.condition.as_ref().map(span));
        out.push(span(&d.text));
        out
    };
    match role {
        Role::Title => vec![span(&spec.title)],
        Role::Kicker | Role::Session | Role::Acting | Role::PlaceDate => council(),
        Role::Authors => spec
            .authors
            .iter()
            .flat_map(|a| std::iter::once(span(&a.name)).chain(a.group.as_ref().map(span)))
            .collect(),
        Role::Preamble => spec.preamble.iter().map(span).collect(),
        Role::Considerant => spec
            .considerants
            .iter()
            .filter(|c| id.is_none_or(|id| c.id == id))
            .map(|c| span(&c.text))
            .collect(),
        Role::Demands => spec.demands.iter().flat_map(demand_spans).collect(),
        Role::Demand => spec
            .demands
            .iter()
            .filter(|d| id.is_some_and(|id| d.id == id))
            .flat_map(demand_spans)
            .collect(),
        Role::Attendance => spec
            .attendance
            .iter()
            .flat_map(|a| std::iter::once(span(&a.name)).chain(a.role.as_ref().map(span)))
            .collect(),
        Role::AgendaItem => spec
            .session
            .iter()
            .flat_map(|s| s.item.as_ref().map(span))
            .collect(),
        Role::RollCall => spec
            .vote
            .iter()
            .flat_map(|v| v.names.iter())
            .flat_map(|n| n.for_.iter().chain(&n.against).chain(&n.abstain))
            .map(span)
            .collect(),
        Role::Signatures => spec
            .signatures
            .iter()
            .flat_map(|s| std::iter::once(span(&s.role)).chain(s.name.as_ref().map(span)))
            .collect(),
        _ => Vec::new(),
    }
}
