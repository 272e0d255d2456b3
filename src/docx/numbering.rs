//! `word/numbering.xml`: a real numbering definition for each kind of list, and one numbering
//! instance per list, so Word renumbers demands when a clerk inserts or removes one.

use std::collections::BTreeMap;

use super::styles::{font_attrs, twips};
use super::xml::{Xml, val};
use crate::document::{BlockKind, Document, Marker};
use crate::spec::Lang;

/// The numbering instance (`w:numId`) of every item of every list, by block index.
pub struct Numbering {
    pub xml: Vec<u8>,
    pub items: BTreeMap<usize, Vec<u32>>,
}

/// What an abstract numbering draws before the text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Format {
    Bullet,
    Decimal,
    /// « Article %1 »
    Article(String),
    /// A fixed label: « Article 1er » for the first article in French.
    Fixed(String),
}

/// Plans and writes the numbering part.
pub fn numbering(doc: &Document) -> Numbering {
    // (format, style) → abstractNumId
    let mut abstracts: BTreeMap<(Format, String), u32> = BTreeMap::new();
    // numId → (abstractNumId, start)
    let mut nums: Vec<(u32, u32)> = Vec::new();
    let mut items = BTreeMap::new();
    for (index, block) in doc.blocks.iter().enumerate() {
        let BlockKind::List {
            style,
            marker,
            items: list,
        } = &block.kind
        else {
            continue;
        };
        let mut abstract_for = |format: Format| {
            let next = abstracts.len() as u32;
            *abstracts.entry((format, style.clone())).or_insert(next)
        };
        let mut ids = Vec::with_capacity(list.len());
        match marker {
            Marker::Bullet => {
                let a = abstract_for(Format::Bullet);
                nums.push((a, 1));
                ids.resize(list.len(), nums.len() as u32);
            }
            Marker::Decimal { start } => {
                let a = abstract_for(Format::Decimal);
                nums.push((a, *start));
                ids.resize(list.len(), nums.len() as u32);
            }
            Marker::Article { word, start } => {
                let article = abstract_for(Format::Article(word.clone()));
                if *start == 1 && doc.meta.lang == Lang::Fr && !list.is_empty() {
                    // « Article 1er » has its own fixed label; the others count on from 2.
                    let first = abstract_for(Format::Fixed(crate::vocab::article_label(
                        word,
                        1,
                        Lang::Fr,
                    )));
                    nums.push((first, 1));
                    ids.push(nums.len() as u32);
                    nums.push((article, 2));
                    ids.resize(list.len(), nums.len() as u32);
                } else {
                    nums.push((article, *start));
                    ids.resize(list.len(), nums.len() as u32);
                }
            }
        }
        items.insert(index, ids);
    }

    let mut x = Xml::new();
    x.open("w:numbering", &[("xmlns:w", super::W_NS)]);
    let mut by_id: Vec<(&(Format, String), &u32)> = abstracts.iter().collect();
    by_id.sort_by_key(|(_, id)| **id);
    for ((format, style_key), id) in by_id {
        let style = doc.theme.style(style_key);
        x.open("w:abstractNum", &[("w:abstractNumId", &id.to_string())]);
        x.empty("w:multiLevelType", &val("singleLevel"));
        x.open("w:lvl", &[("w:ilvl", "0")]);
        x.empty("w:start", &val("1"));
        let (fmt, text, wide) = match format {
            Format::Bullet => ("bullet", "–".to_string(), false),
            Format::Decimal => ("decimal", "%1.".to_string(), false),
            Format::Article(word) => ("decimal", format!("{word} %1"), true),
            Format::Fixed(label) => ("none", label.clone(), true),
        };
        x.empty("w:numFmt", &val(fmt));
        // A wide label (« Article 2 ») is followed by a space, a narrow one (« 2. ») by a tab
        // to the text's indent, as in the PDF.
        x.empty("w:suff", &val(if wide { "space" } else { "tab" }));
        x.empty("w:lvlText", &val(&text));
        x.empty("w:lvlJc", &val("left"));
        x.open("w:pPr", &[]);
        x.empty(
            "w:ind",
            &[
                ("w:left", &twips(style.indent_left)),
                ("w:hanging", &twips(style.hanging)),
            ],
        );
        x.close("w:pPr");
        x.open("w:rPr", &[]);
        font_attrs(&mut x, &doc.theme.font_family);
        x.empty("w:b", &val("0"));
        x.empty("w:i", &val("0"));
        x.close("w:rPr");
        x.close("w:lvl");
        x.close("w:abstractNum");
    }
    for (n, (abstract_id, start)) in nums.iter().enumerate() {
        x.open("w:num", &[("w:numId", &(n + 1).to_string())]);
        x.empty("w:abstractNumId", &val(&abstract_id.to_string()));
        // Each list counts from its own start, even when it shares a definition.
        x.open("w:lvlOverride", &[("w:ilvl", "0")]);
        x.empty("w:startOverride", &val(&start.to_string()));
        x.close("w:lvlOverride");
        x.close("w:num");
    }
    x.close("w:numbering");
    Numbering {
        xml: x.finish(),
        items,
    }
}
