//! Two versions of a motion compared clause by clause: the title, the preamble, the
//! considérants (aligned by their text) and the demands (by id: added, removed, changed,
//! moved), word by word inside a changed clause; and the newer one as a redline of the
//! older (`motion diff OLD NEW -o DIR`).

use crate::redline::{Kind, Marked, Op, Redline, Revision, WholeClause, word_diff};
use crate::spec::{Considerant, Demand, Spec, Text};

/// What happened to a clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Added,
    Removed,
    Changed,
    /// From position `from` to `to` (from 1), its text unchanged.
    Moved {
        from: usize,
        to: usize,
    },
    /// Moved, and its text changed.
    ChangedAndMoved {
        from: usize,
        to: usize,
    },
}

/// One changed clause or setting.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// `title`, `preamble`, `considerant-2`, `demand garants`, `council.name` …
    pub clause: String,
    pub change: Change,
    pub old: Option<String>,
    pub new: Option<String>,
}

impl Entry {
    /// The word-level difference of a changed clause.
    pub fn ops(&self) -> Vec<Op<'_>> {
        match (&self.old, &self.new) {
            (Some(o), Some(n)) => word_diff(o, n),
            (Some(o), None) => vec![Op::Delete(o)],
            (None, Some(n)) => vec![Op::Insert(n)],
            (None, None) => Vec::new(),
        }
    }
}

/// A demand as one string: verb, condition and text.
fn demand_text(d: &Demand) -> String {
    match &d.condition {
        Some(c) => format!("{}, {}, {}", d.verb.value, c.value, d.text.value),
        None => format!("{} {}", d.verb.value, d.text.value),
    }
}

/// Every difference between `old` and `new`, in reading order.
pub fn compare(old: &Spec, new: &Spec) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut field = |clause: &str, o: Option<String>, n: Option<String>| {
        if o != n {
            let change = match (&o, &n) {
                (None, _) => Change::Added,
                (_, None) => Change::Removed,
                _ => Change::Changed,
            };
            out.push(Entry {
                clause: clause.into(),
                change,
                old: o,
                new: n,
            });
        }
    };
    let value = |t: &Text| Some(t.value.clone());
    field(
        "council.name",
        value(&old.council.name),
        value(&new.council.name),
    );
    field(
        "council.short",
        value(&old.council.short),
        value(&new.council.short),
    );
    field(
        "date",
        old.date.map(|d| d.to_string()),
        new.date.map(|d| d.to_string()),
    );
    field(
        "status",
        Some(old.status.code().into()),
        Some(new.status.code().into()),
    );
    field("title", value(&old.title), value(&new.title));
    field(
        "preamble",
        old.preamble.as_ref().and_then(value),
        new.preamble.as_ref().and_then(value),
    );
    for step in align_considerants(&old.considerants, &new.considerants) {
        let (clause, change, o, n) = match step {
            Step::Same(_, _) => continue,
            Step::Changed(i, j) => (
                format!("considerant-{}", j + 1),
                Change::Changed,
                Some(&old.considerants[i]),
                Some(&new.considerants[j]),
            ),
            Step::Removed(i) => (
                format!("considerant-{} (old)", i + 1),
                Change::Removed,
                Some(&old.considerants[i]),
                None,
            ),
            Step::Added(j) => (
                format!("considerant-{}", j + 1),
                Change::Added,
                None,
                Some(&new.considerants[j]),
            ),
        };
        out.push(Entry {
            clause,
            change,
            old: o.map(|c| c.text.value.clone()),
            new: n.map(|c| c.text.value.clone()),
        });
    }
    let kept = kept_in_order(old, new);
    for (j, d) in new.demands.iter().enumerate() {
        let clause = format!("demand {}", d.id);
        match old.demands.iter().position(|o| o.id == d.id) {
            None => out.push(Entry {
                clause,
                change: Change::Added,
                old: None,
                new: Some(demand_text(d)),
            }),
            Some(i) => {
                let (o, n) = (demand_text(&old.demands[i]), demand_text(d));
                let moved = !kept.contains(&d.id.as_str());
                let (from, to) = (i + 1, j + 1);
                let change = match (o != n, moved) {
                    (false, false) => continue,
                    (true, false) => Change::Changed,
                    (false, true) => Change::Moved { from, to },
                    (true, true) => Change::ChangedAndMoved { from, to },
                };
                out.push(Entry {
                    clause,
                    change,
                    old: Some(o),
                    new: Some(n),
                });
            }
        }
    }
    for d in &old.demands {
        if !new.demands.iter().any(|n| n.id == d.id) {
            out.push(Entry {
                clause: format!("demand {}", d.id),
                change: Change::Removed,
                old: Some(demand_text(d)),
                new: None,
            });
        }
    }
    out
}

/// The ids both versions have whose relative order is unchanged (the others moved).
fn kept_in_order<'a>(old: &'a Spec, new: &Spec) -> Vec<&'a str> {
    let common_old: Vec<&str> = old
        .demands
        .iter()
        .filter(|d| new.demands.iter().any(|n| n.id == d.id))
        .map(|d| d.id.as_str())
        .collect();
    let common_new: Vec<&str> = new
        .demands
        .iter()
        .filter(|d| old.demands.iter().any(|o| o.id == d.id))
        .map(|d| d.id.as_str())
        .collect();
    let mut out = Vec::new();
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &common_old, &common_new) {
        if let similar::DiffOp::Equal { old_index, len, .. } = op {
            out.extend_from_slice(&common_old[old_index..old_index + len]);
        }
    }
    out
}

/// How the considérants of two versions line up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Same(usize, usize),
    Changed(usize, usize),
    Removed(usize),
    Added(usize),
}

/// Considérants have no ids of their own: equal texts align; between two aligned ones, the
/// others pair up in order as changed, the rest removed or added.
fn align_considerants(old: &[Considerant], new: &[Considerant]) -> Vec<Step> {
    let a: Vec<&str> = old.iter().map(|c| c.text.value.as_str()).collect();
    let b: Vec<&str> = new.iter().map(|c| c.text.value.as_str()).collect();
    let mut out = Vec::new();
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &a, &b) {
        let (_, o, n) = op.as_tag_tuple();
        match op.tag() {
            similar::DiffTag::Equal => {
                out.extend(o.zip(n).map(|(i, j)| Step::Same(i, j)));
            }
            _ => {
                let pairs = o.len().min(n.len());
                out.extend(o.clone().zip(n.clone()).map(|(i, j)| Step::Changed(i, j)));
                out.extend(o.skip(pairs).map(Step::Removed));
                out.extend(n.skip(pairs).map(Step::Added));
            }
        }
    }
    out
}

/// `new` with its differences from `old` marked, as one revision: changed words deleted
/// and inserted, added clauses inserted whole, removed ones kept where they stood, deleted.
pub fn redline(old: &Spec, new: &Spec, revision: Revision) -> (Spec, Redline) {
    let mut redline = Redline {
        revisions: vec![revision],
        whole: Vec::new(),
    };
    let marked = |o: &str, n: &str| {
        let mut m = Marked::new(o);
        let all = 0..m.visible().len();
        m.replace(all, n, 0);
        m.encode()
    };
    let mut out = new.clone();
    out.title.value = marked(&old.title.value, &new.title.value);
    out.considerants = Vec::new();
    for step in align_considerants(&old.considerants, &new.considerants) {
        let (text, whole) = match step {
            Step::Same(_, j) => (new.considerants[j].text.clone(), None),
            Step::Changed(i, j) => (
                Text::new(
                    marked(
                        &old.considerants[i].text.value,
                        &new.considerants[j].text.value,
                    ),
                    new.considerants[j].text.span.clone(),
                ),
                None,
            ),
            Step::Removed(i) => (old.considerants[i].text.clone(), Some(Kind::Delete)),
            Step::Added(j) => (new.considerants[j].text.clone(), Some(Kind::Insert)),
        };
        let id = format!("considerant-{}", out.considerants.len() + 1);
        if let Some(kind) = whole {
            redline.whole.push(WholeClause {
                id: id.clone(),
                kind,
                revision: 0,
            });
        }
        out.considerants.push(Considerant { id, text });
    }
    // The new demands in their order; a removed one right after the demand it followed.
    let mut demands: Vec<Demand> = Vec::new();
    for d in &new.demands {
        let mut d = d.clone();
        match old.demands.iter().find(|o| o.id == d.id) {
            None => redline.whole.push(WholeClause {
                id: d.id.clone(),
                kind: Kind::Insert,
                revision: 0,
            }),
            Some(o) => {
                d.verb.value = marked(&o.verb.value, &d.verb.value);
                d.text.value = marked(&o.text.value, &d.text.value);
            }
        }
        demands.push(d);
    }
    for (i, o) in old.demands.iter().enumerate() {
        if new.demands.iter().any(|n| n.id == o.id) {
            continue;
        }
        let after = i
            .checked_sub(1)
            .and_then(|p| demands.iter().position(|d| d.id == old.demands[p].id));
        demands.insert(after.map_or(0, |a| a + 1), o.clone());
        redline.whole.push(WholeClause {
            id: o.id.clone(),
            kind: Kind::Delete,
            revision: 0,
        });
    }
    out.demands = demands;
    (out, redline)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step_kinds(old: &[&str], new: &[&str]) -> Vec<Step> {
        let mk = |texts: &[&str]| -> Vec<Considerant> {
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| Considerant {
                    id: format!("considerant-{}", i + 1),
                    text: Text::new(
                        t.to_string(),
                        crate::source::Span::new(crate::source::FileId(0), 0..0),
                    ),
                })
                .collect()
        };
        align_considerants(&mk(old), &mk(new))
    }

    #[test]
    fn considerants_align_by_text() {
        assert_eq!(
            step_kinds(&["Vu A", "Vu B", "Vu C"], &["Vu A", "Vu X", "Vu B", "Vu C"]),
            [
                Step::Same(0, 0),
                Step::Added(1),
                Step::Same(1, 2),
                Step::Same(2, 3)
            ]
        );
        assert_eq!(
            step_kinds(&["Vu A", "Vu B"], &["Vu A", "Vu B bis"]),
            [Step::Same(0, 0), Step::Changed(1, 1)]
        );
        assert_eq!(
            step_kinds(&["Vu A", "Vu B"], &["Vu B"]),
            [Step::Removed(0), Step::Same(1, 0)]
        );
    }
}
