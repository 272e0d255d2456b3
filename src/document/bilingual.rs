//! A bilingual edition: two documents of one motion, one per language, as rows of clauses
//! side by side — the title beside its title, each demand beside the same demand (by id),
//! each considérant and preamble paragraph beside its counterpart (by position), the vote,
//! « Fait à », signatures. Each block keeps its language; layouts and backends set each
//! column in its own.

use super::{Block, BlockKind, Document, Inline, Marginal, Marker, Role};

/// The blocks of both documents (the first language's, then the second's) and how they pair.
#[derive(Debug, Clone)]
pub struct Edition {
    /// One document holding both columns' blocks, its page furniture in both languages.
    pub doc: Document,
    pub rows: Vec<Row>,
    /// Blocks after which a page may break although their style keeps them with the next:
    /// demands split into rows of their own (only the last one stays with the vote).
    pub released: Vec<usize>,
}

/// One row: the blocks of each column (indices into `Edition::doc.blocks`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    pub left: Vec<usize>,
    pub right: Vec<usize>,
}

/// What pairs a block with its counterpart: its role and clause id, or its role and rank.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key {
    role: Role,
    id: Option<String>,
    rank: usize,
}

/// The blocks a bilingual edition shows: demands one per block (each its own row), without
/// the room for handwritten amendments and its heading.
fn prepare(blocks: Vec<Block>) -> (Vec<Block>, Vec<bool>) {
    let mut out = Vec::new();
    let mut release = Vec::new();
    for block in blocks {
        if block.role == Role::AmendmentRoom {
            // Its heading (« Amendements ») goes with it.
            if out.last().is_some_and(|b: &Block| b.role == Role::Heading) {
                out.pop();
                release.pop();
            }
            continue;
        }
        match block.kind {
            BlockKind::List {
                style,
                marker,
                items,
            } if items.len() > 1 && items.iter().all(|i| i.id.is_some()) => {
                let count = items.len();
                for (j, item) in items.into_iter().enumerate() {
                    let marker = match &marker {
                        Marker::Bullet => Marker::Bullet,
                        Marker::Decimal { start } => Marker::Decimal {
                            start: start + u32::try_from(j).unwrap_or(u32::MAX),
                        },
                        Marker::Article { word, start } => Marker::Article {
                            word: word.clone(),
                            start: start + u32::try_from(j).unwrap_or(u32::MAX),
                        },
                    };
                    out.push(Block {
                        id: if j == 0 { block.id.clone() } else { None },
                        role: block.role,
                        lang: block.lang,
                        source: item.source.clone(),
                        kind: BlockKind::List {
                            style: style.clone(),
                            marker,
                            items: vec![item],
                        },
                    });
                    release.push(j + 1 < count);
                }
            }
            kind => {
                out.push(Block { kind, ..block });
                release.push(false);
            }
        }
    }
    (out, release)
}

fn keys(blocks: &[Block]) -> Vec<Key> {
    let mut seen: Vec<Role> = Vec::new();
    blocks
        .iter()
        .map(|b| {
            let item_id = match &b.kind {
                BlockKind::List { items, .. } if items.len() == 1 => items[0].id.clone(),
                _ => None,
            };
            let id = item_id.or_else(|| b.id.clone());
            let rank = seen.iter().filter(|r| **r == b.role).count();
            seen.push(b.role);
            Key {
                role: b.role,
                id: id.clone(),
                rank: if id.is_some() { 0 } else { rank },
            }
        })
        .collect()
}

/// Rows in reading order: a block and its counterpart side by side; a block without one
/// alone in its column, where it stands.
fn align(left: &[Key], right: &[Key]) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut next_right = 0;
    for (i, key) in left.iter().enumerate() {
        match (next_right..right.len()).find(|&j| &right[j] == key) {
            Some(j) => {
                for k in next_right..j {
                    rows.push(Row {
                        left: Vec::new(),
                        right: vec![k],
                    });
                }
                rows.push(Row {
                    left: vec![i],
                    right: vec![j],
                });
                next_right = j + 1;
            }
            None => rows.push(Row {
                left: vec![i],
                right: Vec::new(),
            }),
        }
    }
    for k in next_right..right.len() {
        rows.push(Row {
            left: Vec::new(),
            right: vec![k],
        });
    }
    rows
}

/// Both slots' content, « CPAS de Forest — OCMW van Vorst ».
fn both(a: &[Inline], b: &[Inline]) -> Vec<Inline> {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_vec(),
        (_, true) => a.to_vec(),
        _ => {
            let mut out = a.to_vec();
            out.push(Inline::Text(" — ".into()));
            out.extend_from_slice(b);
            out
        }
    }
}

fn marginal(a: &Marginal, b: &Marginal) -> Marginal {
    Marginal {
        style: a.style.clone(),
        logo: a.logo,
        left: both(&a.left, &b.left),
        center: both(&a.center, &b.center),
        right: both(&a.right, &b.right),
        source: a.source.iter().chain(&b.source).cloned().collect(),
    }
}

/// The edition of `first` (its language in the left column) and `second`.
pub fn edition(first: Document, second: Document) -> Edition {
    let (left, left_release) = prepare(first.blocks);
    let (right, right_release) = prepare(second.blocks);
    let mut rows = align(&keys(&left), &keys(&right));
    let offset = left.len();
    for row in &mut rows {
        for r in &mut row.right {
            *r += offset;
        }
    }
    let released = left_release
        .iter()
        .chain(&right_release)
        .enumerate()
        .filter(|(_, r)| **r)
        .map(|(i, _)| i)
        .collect();
    let mut meta = first.meta.clone();
    meta.title = format!("{} / {}", first.meta.title, second.meta.title);
    meta.subject = format!("{} / {}", first.meta.subject, second.meta.subject);
    meta.keywords.extend(second.meta.keywords.iter().cloned());
    meta.keywords.dedup();
    Edition {
        doc: Document {
            meta,
            theme: first.theme,
            logo: first.logo,
            header: marginal(&first.header, &second.header),
            footer: marginal(&first.footer, &second.footer),
            blocks: left.into_iter().chain(right).collect(),
            line_numbers: false,
        },
        rows,
        released,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(role: Role, id: Option<&str>, rank: usize) -> Key {
        Key {
            role,
            id: id.map(str::to_string),
            rank,
        }
    }

    #[test]
    fn clauses_pair_by_id_and_rank() {
        let left = [
            key(Role::Title, Some("title"), 0),
            key(Role::Preamble, None, 0),
            key(Role::Preamble, None, 1),
            key(Role::Demand, Some("a"), 0),
            key(Role::Demand, Some("b"), 0),
        ];
        let right = [
            key(Role::Title, Some("title"), 0),
            key(Role::Preamble, None, 0),
            key(Role::Demand, Some("a"), 0),
            key(Role::Authors, None, 0),
            key(Role::Demand, Some("b"), 0),
        ];
        let rows = align(&left, &right);
        let pairs: Vec<(Vec<usize>, Vec<usize>)> =
            rows.into_iter().map(|r| (r.left, r.right)).collect();
        assert_eq!(
            pairs,
            [
                (vec![0], vec![0]),
                (vec![1], vec![1]),
                (vec![2], vec![]),
                (vec![3], vec![2]),
                (vec![], vec![3]),
                (vec![4], vec![4]),
            ]
        );
    }
}
