//! The tag tree of the PDF: one structure element per block in reading order, carrying its
//! role and clause id (`demand:garants`) and its language where it differs from the
//! document's; list items as label and body.

use std::collections::{BTreeMap, BTreeSet};
use std::num::NonZeroU16;

use krilla::tagging::{Identifier, ListNumbering, Node, Tag, TagGroup, TagId, TagKind, TagTree};

use crate::document::{Block, BlockKind, Document, Marker, Role, plain_text};
use crate::layout::Part;

/// A part of a block, ordered as read: a list item's label before its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PartKey {
    Text,
    Item(usize, u8),
    Signature(usize),
}

impl From<Part> for PartKey {
    fn from(part: Part) -> Self {
        match part {
            Part::Text => PartKey::Text,
            Part::Label(i) => PartKey::Item(i, 0),
            Part::Body(i) => PartKey::Item(i, 1),
            Part::Signature(i) => PartKey::Signature(i),
        }
    }
}

/// Structure element ids: the role, and the clause id when there is one (`demand:garants`,
/// `considerant:considerant-2`, `vote`), made unique in the document.
#[derive(Default)]
struct Ids {
    used: BTreeSet<String>,
    /// The next suffix to try for each base: a thousand preamble paragraphs are claimed in
    /// linear time, not by counting up from 2 each time.
    next: BTreeMap<String, usize>,
}

impl Ids {
    fn claim(&mut self, role: Role, id: Option<&str>) -> Option<TagId> {
        if role == Role::Plain && id.is_none() {
            return None;
        }
        let base = match id {
            Some(id) => format!("{}:{id}", role.code()),
            None => role.code().to_string(),
        };
        let mut name = base.clone();
        let n = self.next.entry(base.clone()).or_insert(2);
        while self.used.contains(&name) {
            name = format!("{base}-{n}");
            *n += 1;
        }
        self.used.insert(name.clone());
        Some(TagId::from(name.into_bytes()))
    }
}

/// A tag with the block's id and, where it differs from the document's, its language.
fn tagged(
    tag: impl Into<TagKind>,
    block_lang: &str,
    doc_lang: &str,
    id: Option<TagId>,
) -> TagGroup {
    let lang = (block_lang != doc_lang).then(|| block_lang.to_string());
    TagGroup::new(tag.into().with_id(id).with_lang(lang))
}

/// Headings, paragraphs, lists (label and body per item) and signatures, in reading order.
pub fn tag_tree(
    doc: &Document,
    marked: &mut BTreeMap<(usize, PartKey), Vec<Identifier>>,
    lang: &str,
) -> TagTree {
    let mut tree = TagTree::new().with_lang(Some(lang.to_string()));
    let mut ids = Ids::default();
    for (index, block) in doc.blocks.iter().enumerate() {
        if let Some(group) = block_group(block, index, marked, lang, &mut ids) {
            tree.push(group);
        }
    }
    tree
}

/// The tag tree of a bundle: each document a `Part` (the cover, then each motion), its
/// blocks inside, ids unique across the whole PDF.
pub fn tag_tree_parts(
    docs: &[&Document],
    marked: &mut [BTreeMap<(usize, PartKey), Vec<Identifier>>],
    lang: &str,
) -> TagTree {
    let mut tree = TagTree::new().with_lang(Some(lang.to_string()));
    let mut ids = Ids::default();
    for (doc, marked) in docs.iter().zip(marked.iter_mut()) {
        let part_lang = doc.meta.lang.bcp47();
        let mut part = tagged(Tag::Part, part_lang, lang, None);
        for (index, block) in doc.blocks.iter().enumerate() {
            if let Some(group) = block_group(block, index, marked, lang, &mut ids) {
                part.push(group);
            }
        }
        tree.push(part);
    }
    tree
}

fn block_group(
    block: &Block,
    index: usize,
    marked: &mut BTreeMap<(usize, PartKey), Vec<Identifier>>,
    doc_lang: &str,
    ids: &mut Ids,
) -> Option<TagGroup> {
    let mut take = |part: PartKey| marked.remove(&(index, part)).unwrap_or_default();
    let block_lang = block.lang.bcp47();
    let id = ids.claim(block.role, block.id.as_deref());
    let group = match &block.kind {
        BlockKind::Heading { level, inlines, .. } => {
            let level = NonZeroU16::new(u16::from(*level).max(1)).unwrap_or(NonZeroU16::MIN);
            let tag = Tag::Hn(level, Some(plain_text(inlines)));
            leaf_group(tagged(tag, block_lang, doc_lang, id), take(PartKey::Text))
        }
        BlockKind::Paragraph { .. } => leaf_group(
            tagged(Tag::P, block_lang, doc_lang, id),
            take(PartKey::Text),
        ),
        BlockKind::List { marker, items, .. } => {
            let numbering = match marker {
                Marker::Bullet => ListNumbering::Disc,
                Marker::Decimal { .. } | Marker::Article { .. } => ListNumbering::Decimal,
            };
            let mut list = tagged(Tag::L(numbering), block_lang, doc_lang, id);
            for (i, it) in items.iter().enumerate() {
                let item_id = ids.claim(it.role, it.id.as_deref());
                let mut item = TagGroup::new(TagKind::from(Tag::LI).with_id(item_id));
                item.push(leaf_group(
                    TagGroup::new(Tag::Lbl),
                    take(PartKey::Item(i, 0)),
                ));
                item.push(leaf_group(
                    TagGroup::new(Tag::LBody),
                    take(PartKey::Item(i, 1)),
                ));
                list.push(item);
            }
            list
        }
        BlockKind::Signatures { signatures, .. } => {
            let mut div = tagged(Tag::Div, block_lang, doc_lang, id);
            for i in 0..signatures.len() {
                div.push(leaf_group(
                    TagGroup::new(Tag::P),
                    take(PartKey::Signature(i)),
                ));
            }
            div
        }
        BlockKind::Blank { .. } | BlockKind::PageBreak => return None,
    };
    Some(group)
}

fn leaf_group(mut group: TagGroup, ids: Vec<Identifier>) -> TagGroup {
    for id in ids {
        group.push(Node::from(id));
    }
    group
}
