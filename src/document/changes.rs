//! Change marks from a redline: the encoded changes spec text carried through the template
//! (`crate::redline`) become [`Inline::Change`] around the very text they cover, whatever
//! emphasis it sits in; clauses inserted or deleted whole are marked whole, number, verb and
//! punctuation included.

use super::{Block, BlockKind, Change, ChangeKind, Inline};
use crate::redline::{self, Kind, Redline, Token};

/// Marks the changes of `redline` in the blocks.
pub fn apply(blocks: &mut [Block], redline: &Redline) {
    let change = |kind: Kind, revision: usize| -> Option<Change> {
        let r = redline.revisions.get(revision)?;
        Some(Change {
            kind: match kind {
                Kind::Insert => ChangeKind::Insert,
                Kind::Delete => ChangeKind::Delete,
            },
            id: r.id.clone(),
            author: r.author.clone(),
            date: r.date,
        })
    };
    for block in blocks.iter_mut() {
        let whole = |id: Option<&str>| {
            redline
                .whole
                .iter()
                .find(|w| Some(w.id.as_str()) == id)
                .and_then(|w| change(w.kind, w.revision))
        };
        let block_change = whole(block.id.as_deref());
        match &mut block.kind {
            BlockKind::Heading { inlines, .. } | BlockKind::Paragraph { inlines, .. } => {
                resolve(inlines, &change);
                if let Some(c) = block_change {
                    wrap(inlines, c);
                }
            }
            BlockKind::List { items, .. } => {
                for item in items.iter_mut() {
                    resolve(&mut item.inlines, &change);
                    if let Some(c) = whole(item.id.as_deref()) {
                        wrap(&mut item.inlines, c);
                    }
                }
            }
            BlockKind::Signatures { .. } | BlockKind::Blank { .. } | BlockKind::PageBreak => {}
        }
    }
}

/// Removes the encoding from text that is not to show changes (the consolidated text of an
/// amendment list's quotations): the changes accepted.
pub fn accept(blocks: &mut [Block]) {
    for block in blocks.iter_mut() {
        let each = |inlines: &mut Vec<Inline>| {
            super::inline::map_text(inlines, &mut |t| {
                if t.contains(redline::is_reserved) {
                    *t = redline::accepted(t);
                }
            });
        };
        match &mut block.kind {
            BlockKind::Heading { inlines, .. } | BlockKind::Paragraph { inlines, .. } => {
                each(inlines);
            }
            BlockKind::List { items, .. } => items.iter_mut().for_each(|i| each(&mut i.inlines)),
            _ => {}
        }
    }
}

fn wrap(inlines: &mut Vec<Inline>, change: Change) {
    let children = std::mem::take(inlines);
    // Changes inside stay as they are; the whole clause is this change's.
    inlines.push(Inline::Change { change, children });
}

/// Splits text at the encoded marks and wraps each changed stretch where it stands.
fn resolve(inlines: &mut Vec<Inline>, change: &dyn Fn(Kind, usize) -> Option<Change>) {
    if !has_marks(inlines) {
        return;
    }
    let mut open: Vec<Option<Change>> = Vec::new();
    *inlines = walk(std::mem::take(inlines), &mut open, change);
}

fn has_marks(inlines: &[Inline]) -> bool {
    inlines.iter().any(|i| match i {
        Inline::Text(t) => t.contains(redline::is_reserved),
        other => other.children().is_some_and(has_marks),
    })
}

fn walk(
    inlines: Vec<Inline>,
    open: &mut Vec<Option<Change>>,
    change: &dyn Fn(Kind, usize) -> Option<Change>,
) -> Vec<Inline> {
    let mut out = Vec::new();
    let current = |open: &Vec<Option<Change>>| open.iter().rev().flatten().next().cloned();
    let push = |out: &mut Vec<Inline>, inline: Inline, current: Option<Change>| match current {
        Some(c) => match out.last_mut() {
            Some(Inline::Change { change, children }) if *change == c => children.push(inline),
            _ => out.push(Inline::Change {
                change: c,
                children: vec![inline],
            }),
        },
        None => out.push(inline),
    };
    for inline in inlines {
        match inline {
            Inline::Text(t) if t.contains(redline::is_reserved) => {
                for token in redline::decode(&t) {
                    match token {
                        Token::Text(s) => {
                            push(&mut out, Inline::Text(s.to_string()), current(open));
                        }
                        Token::Open(kind, revision) => open.push(change(kind, revision)),
                        Token::Close => {
                            open.pop();
                        }
                    }
                }
            }
            leaf @ (Inline::Text(_) | Inline::LineBreak | Inline::Field(_)) => {
                push(&mut out, leaf, current(open));
            }
            container => {
                if let Ok((wrapper, children)) = container.into_container() {
                    let children = walk(children, open, change);
                    out.push(wrapper.wrap(children));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Role, pieces};
    use crate::redline::{Marked, Revision};
    use crate::vocab::Lang;

    #[test]
    fn a_change_across_emphasis_is_split_at_its_boundaries() {
        let mut marked = Marked::new("un texte inutile");
        marked.replace(3..16, "projet néfaste", 0);
        let encoded = marked.encode();
        // The template put emphasis around part of it: « un *texte* inutile ».
        let (a, rest) = encoded.split_at(encoded.find("texte").unwrap());
        let (b, c) = rest.split_at("texte".len());
        let mut blocks = vec![Block::new(
            Role::Demand,
            Lang::Fr,
            BlockKind::Paragraph {
                style: "body".into(),
                inlines: vec![
                    Inline::Text(a.into()),
                    Inline::Styled {
                        style: "emphasis".into(),
                        children: vec![Inline::Text(b.into())],
                    },
                    Inline::Text(c.into()),
                ],
            },
        )];
        let redline = Redline {
            revisions: vec![Revision {
                id: "A1".into(),
                author: Some("Ecolo".into()),
                date: None,
            }],
            whole: Vec::new(),
        };
        apply(&mut blocks, &redline);
        let BlockKind::Paragraph { inlines, .. } = &blocks[0].kind else {
            unreachable!()
        };
        let shown: Vec<(String, Option<ChangeKind>, bool)> = pieces(inlines)
            .iter()
            .map(|p| match p.kind {
                crate::document::PieceKind::Text(t) => (
                    t.to_string(),
                    p.change.map(|c| c.kind),
                    p.styles.contains(&"emphasis"),
                ),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(
            shown,
            [
                ("un ".to_string(), None, false),
                ("texte".to_string(), Some(ChangeKind::Delete), true),
                (" inutile".to_string(), Some(ChangeKind::Delete), false),
                (
                    "projet néfaste".to_string(),
                    Some(ChangeKind::Insert),
                    false
                ),
            ]
        );
    }
}
