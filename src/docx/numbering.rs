//! `word/numbering.xml`: numbering carried by the list styles, so Enter after a demand gives
//! the next numbered demand, applying the style numbers a paragraph, and Word renumbers when a
//! clerk inserts or deletes one.
//!
//! The first list of a style is numbered by the style itself (`w:numPr` in the style, the
//! style named in the level); a later list of the same style restarts with its own numbering
//! instance. French articles: only the first is an ordinal (« Article 1er », « Article 2 »), and
//! Word numbering gives every number the same form, so « Article 1er » is the text of a
//! paragraph in a style of its own whose next style is the numbered one, starting at 2: Enter
//! or a new article after the first renumbers; a new article *before* the first needs the two
//! styles swapped by hand (README, « The DOCX »).

use std::collections::BTreeMap;

use super::styles::{StyleMap, twips};
use super::xml::{Xml, val};
use crate::document::{BlockKind, Document, Lang, Marker};

/// How one list item is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemNumber {
    /// By its paragraph style.
    Style,
    /// By a numbering instance of its own list (a restart).
    Direct(u32),
    /// « Article 1er » written as text, in the first-article style.
    FirstArticle,
}

/// What an abstract numbering draws before the text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Format {
    Bullet,
    Decimal,
    /// « Article %1 »
    Article(String),
}

/// The numbering plan of a document.
pub struct Numbering {
    pub xml: Vec<u8>,
    /// By block index, how each item of each list is numbered.
    pub items: BTreeMap<usize, Vec<ItemNumber>>,
    /// Theme style key → the numbering instance the style carries.
    by_style: BTreeMap<String, u32>,
    /// Theme style key → the hanging indent its numbers need (right-aligned decimals).
    hanging: BTreeMap<String, f32>,
    first_article: Option<String>,
}

impl Numbering {
    /// The numbering instance a paragraph style carries.
    pub fn style_num(&self, key: &str) -> Option<u32> {
        self.by_style.get(key).copied()
    }

    /// Styles that number lists.
    pub fn list_styles(&self) -> Vec<&str> {
        self.by_style.keys().map(String::as_str).collect()
    }

    /// The hanging indent of a list style's paragraphs, when its numbers need their own.
    pub fn hanging(&self, key: &str) -> Option<f32> {
        self.hanging.get(key).copied()
    }

    /// The list style whose first French article is text, if any.
    pub fn first_article(&self) -> Option<&str> {
        self.first_article.as_deref()
    }
}

/// One abstract numbering: its format, the style it belongs to, where it starts, whether the
/// style carries it (then the level names the style).
struct Abstract {
    format: Format,
    style: String,
    start: u32,
    linked: bool,
}

/// Plans and writes the numbering part.
pub fn numbering(doc: &Document, map: &StyleMap) -> Numbering {
    numbering_grouped(doc, map, &|_| None)
}

/// Like [`numbering`], lists with the same `group` (a bilingual edition's demands, one list
/// block per row, per column) numbered as one list: each column counts on its own, and Enter
/// in a cell continues its column's numbering.
pub fn numbering_grouped(
    doc: &Document,
    map: &StyleMap,
    group: &dyn Fn(usize) -> Option<usize>,
) -> Numbering {
    // Group → how its first block's items are numbered.
    let mut groups: BTreeMap<usize, ItemNumber> = BTreeMap::new();
    let mut abstracts: Vec<Abstract> = Vec::new();
    // numId (1-based index) → (abstract index, start override)
    let mut nums: Vec<(usize, u32)> = Vec::new();
    let mut by_style: BTreeMap<String, u32> = BTreeMap::new();
    let mut style_format: BTreeMap<String, Format> = BTreeMap::new();
    let mut items = BTreeMap::new();
    let mut first_article = None;
    for (index, block) in doc.blocks.iter().enumerate() {
        let BlockKind::List {
            style,
            marker,
            items: list,
        } = &block.kind
        else {
            continue;
        };
        // A later block of a group continues its list.
        if let Some(numbered) = group(index).and_then(|g| groups.get(&g)) {
            let number = match numbered {
                ItemNumber::FirstArticle => ItemNumber::Style,
                other => *other,
            };
            items.insert(index, vec![number; list.len()]);
            continue;
        }
        let french_articles =
            matches!(marker, Marker::Article { start: 1, .. }) && block.lang == Lang::Fr;
        let (format, start) = match marker {
            Marker::Bullet => (Format::Bullet, 1),
            Marker::Decimal { start } => (Format::Decimal, *start),
            Marker::Article { word, start } => (
                Format::Article(word.clone()),
                if french_articles { 2 } else { *start },
            ),
        };
        let claimed = style_format.get(style);
        let numbers = match claimed {
            // The first list of its style: the style carries the numbering.
            None => {
                abstracts.push(Abstract {
                    format: format.clone(),
                    style: style.clone(),
                    start,
                    linked: true,
                });
                nums.push((abstracts.len() - 1, start));
                by_style.insert(style.clone(), u32::try_from(nums.len()).unwrap_or(u32::MAX));
                style_format.insert(style.clone(), format.clone());
                vec![ItemNumber::Style; list.len()]
            }
            // Bullets of a style are one list wherever they are.
            Some(f) if *f == Format::Bullet && format == Format::Bullet => {
                vec![ItemNumber::Style; list.len()]
            }
            // A later list restarts with a numbering of its own.
            Some(_) => {
                abstracts.push(Abstract {
                    format: format.clone(),
                    style: style.clone(),
                    start,
                    linked: false,
                });
                nums.push((abstracts.len() - 1, start));
                vec![ItemNumber::Direct(u32::try_from(nums.len()).unwrap_or(u32::MAX)); list.len()]
            }
        };
        let mut numbers = numbers;
        if french_articles && let Some(first) = numbers.first_mut() {
            *first = ItemNumber::FirstArticle;
            first_article.get_or_insert_with(|| style.clone());
        }
        if let (Some(g), Some(first)) = (group(index), numbers.first()) {
            groups.insert(g, *first);
        }
        items.insert(index, numbers);
    }

    let mut x = Xml::new();
    x.open("w:numbering", &[("xmlns:w", super::W_NS)]);
    let mut hanging = BTreeMap::new();
    for (id, a) in abstracts.iter().enumerate() {
        let h = abstract_num(&mut x, doc, map, id, a);
        if a.linked {
            hanging.insert(a.style.clone(), h);
        }
    }
    for (n, (abstract_id, start)) in nums.iter().enumerate() {
        x.open("w:num", &[("w:numId", &(n + 1).to_string())]);
        x.empty("w:abstractNumId", &val(&abstract_id.to_string()));
        // A restarted list counts from its own start. The style's own numbering does not
        // override its start: LibreOffice would restart the count at every new paragraph.
        if !abstracts[*abstract_id].linked {
            x.open("w:lvlOverride", &[("w:ilvl", "0")]);
            x.empty("w:startOverride", &val(&start.to_string()));
            x.close("w:lvlOverride");
        }
        x.close("w:num");
    }
    x.close("w:numbering");
    Numbering {
        xml: x.finish(),
        items,
        by_style,
        hanging,
        first_article,
    }
}

/// Writes an abstract numbering; returns the hanging indent its level uses.
fn abstract_num(x: &mut Xml, doc: &Document, map: &StyleMap, id: usize, a: &Abstract) -> f32 {
    let style = doc.theme.style(&a.style);
    x.open("w:abstractNum", &[("w:abstractNumId", &id.to_string())]);
    x.empty("w:multiLevelType", &val("singleLevel"));
    x.open("w:lvl", &[("w:ilvl", "0")]);
    x.empty("w:start", &val(&a.start.to_string()));
    let (fmt, text, wide) = match &a.format {
        Format::Bullet => ("bullet", "–".to_string(), false),
        Format::Decimal => ("decimal", "%1.".to_string(), false),
        Format::Article(word) => ("decimal", format!("{word} %1"), true),
    };
    x.empty("w:numFmt", &val(fmt));
    if a.linked {
        x.empty("w:pStyle", &val(map.id(&a.style)));
    }
    // A wide label (« Article 2 ») is followed by a space, a narrow one (« 2. ») by a tab to
    // the text's indent, as in the PDF.
    x.empty("w:suff", &val(if wide { "space" } else { "tab" }));
    x.empty("w:lvlText", &val(&text));
    // Numbers end on their full stop at the same place, « 9. » as « 10. » (as in the PDF):
    // right-aligned, a fixed gap before the text.
    let (jc, hanging) = match a.format {
        Format::Decimal => {
            let reference =
                crate::layout::text_width(&doc.theme, style, doc.meta.lang, "0.").unwrap_or(0.0);
            (
                "right",
                (style.hanging - reference).max(style.font_size * 0.3),
            )
        }
        _ => ("left", style.hanging),
    };
    x.empty("w:lvlJc", &val(jc));
    x.open("w:pPr", &[]);
    x.empty(
        "w:ind",
        &[
            ("w:left", &twips(style.indent_left)),
            ("w:hanging", &twips(hanging)),
        ],
    );
    x.close("w:pPr");
    x.open("w:rPr", &[]);
    x.empty("w:b", &val("0"));
    x.empty("w:i", &val("0"));
    x.close("w:rPr");
    x.close("w:lvl");
    x.close("w:abstractNum");
    hanging
}
