//! `word/styles.xml`: a style per theme style, named in the document's language and built on
//! Word's own: the body is Normal, the title is based on Title, headings on Heading 1/2,
//! header and footer are Header and Footer, emphasis is Strong and Emphasis, line numbers
//! use Line Number. Each style states only what differs from its base, so changing Normal's
//! font or size restyles the whole motion; list styles carry their numbering.

use std::collections::BTreeMap;

use super::numbering::Numbering;
use super::xml::{Xml, val};
use crate::document::{BlockKind, Document, Role};
use crate::theme::{Align, CharStyle, Color, Style};

/// Size and colour of line numbers, as in the PDF.
pub const LINE_NUMBER_SIZE: f32 = 7.5;
pub const LINE_NUMBER_COLOR: Color = Color([0x70, 0x70, 0x70]);

/// Word's built-in style a theme style is based on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Base {
    Normal,
    Title,
    Heading(u8),
}

/// How the theme's styles become Word styles in this document.
pub struct StyleMap {
    /// Theme key → Word style id.
    ids: BTreeMap<String, String>,
    bases: BTreeMap<String, Base>,
    /// The keys of the header's and footer's styles (Word's Header and Footer).
    header: String,
    footer: String,
}

impl StyleMap {
    pub fn new(doc: &Document) -> StyleMap {
        let mut bases = BTreeMap::new();
        for block in &doc.blocks {
            if let BlockKind::Heading { level, style, .. } = &block.kind {
                // The title on Title; a level-2 heading on Heading 2, as in the PDF outline.
                let base = if block.role == Role::Title {
                    Base::Title
                } else {
                    Base::Heading((*level).clamp(1, 3))
                };
                bases.entry(style.clone()).or_insert(base);
            }
        }
        let mut ids = BTreeMap::new();
        for key in doc.theme.styles.keys() {
            let id = if key == "body" {
                "Normal".to_string()
            } else if *key == doc.header.style {
                "Header".to_string()
            } else if *key == doc.footer.style {
                "Footer".to_string()
            } else {
                format!("Motion{}", camel(key))
            };
            ids.insert(key.clone(), id);
        }
        StyleMap {
            ids,
            bases,
            header: doc.header.style.clone(),
            footer: doc.footer.style.clone(),
        }
    }

    /// The Word style id of a theme paragraph style.
    pub fn id(&self, key: &str) -> &str {
        self.ids.get(key).map_or("Normal", String::as_str)
    }

    /// The style of a French list's first article (« Article 1er » is its text, not a number).
    pub fn first_article_id(&self, key: &str) -> String {
        format!("{}First", self.id(key))
    }

    fn base(&self, key: &str) -> Base {
        self.bases.get(key).copied().unwrap_or(Base::Normal)
    }
}

/// Word style id of a character style: Word's own Strong and Emphasis for the theme's
/// `strong` and `emphasis`, others `Motion…`.
pub fn char_style_id(key: &str) -> String {
    match key {
        "strong" => "Strong".to_string(),
        "emphasis" => "Emphasis".to_string(),
        other => format!("Motion{}", camel(other)),
    }
}

/// `place-date` → `PlaceDate`.
fn camel(key: &str) -> String {
    key.split(|c: char| !c.is_ascii_alphanumeric())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

#[expect(
    clippy::cast_possible_truncation,
    reason = "lengths are checked against the page (theme_check): far inside i64; `as` saturates"
)]
pub fn twips(pt: f32) -> String {
    ((pt * 20.0).round() as i64).to_string()
}

#[expect(
    clippy::cast_possible_truncation,
    reason = "font sizes are checked by theme_check (at most a few hundred points)"
)]
fn half_points(pt: f32) -> String {
    ((pt * 2.0).round() as i64).to_string()
}

pub fn font_attrs(x: &mut Xml, family: &str) {
    x.empty(
        "w:rFonts",
        &[
            ("w:ascii", family),
            ("w:hAnsi", family),
            ("w:cs", family),
            ("w:eastAsia", family),
        ],
    );
}

/// Run properties of `style` where they differ from `base` (all of them when `base` is None).
fn run_properties(x: &mut Xml, style: &Style, base: Option<&Style>) {
    let differs = |f: &dyn Fn(&Style) -> String| base.is_none_or(|b| f(b) != f(style));
    let props = x;
    props.open("w:rPr", &[]);
    if differs(&|s| s.bold.to_string()) {
        props.empty("w:b", &val(if style.bold { "1" } else { "0" }));
        props.empty("w:bCs", &val(if style.bold { "1" } else { "0" }));
    }
    if differs(&|s| s.italic.to_string()) {
        props.empty("w:i", &val(if style.italic { "1" } else { "0" }));
        props.empty("w:iCs", &val(if style.italic { "1" } else { "0" }));
    }
    if differs(&|s| s.uppercase.to_string()) {
        props.empty("w:caps", &val(if style.uppercase { "1" } else { "0" }));
    }
    if differs(&|s| s.color.hex()) {
        props.empty("w:color", &val(&style.color.hex()));
    }
    if differs(&|s| half_points(s.font_size)) {
        props.empty("w:sz", &val(&half_points(style.font_size)));
        props.empty("w:szCs", &val(&half_points(style.font_size)));
    }
    props.close("w:rPr");
}

/// What a style's paragraph properties carry besides its own formatting.
#[derive(Default)]
struct Extras {
    numbering: Option<u32>,
    /// A list style: keep-with-next is left to the list's last item.
    list: bool,
    /// Centre and right tabs across this width (header and footer).
    tabs: Option<f32>,
    /// The base already keeps with the next paragraph (Word's Title and headings).
    base_keeps: bool,
}

/// Paragraph properties of `style` where they differ from `base`, in schema order. List styles
/// leave keep-with-next to their last item (as the PDF does) and carry their numbering.
fn paragraph_properties(x: &mut Xml, style: &Style, base: Option<&Style>, extras: &Extras) {
    let differs = |f: &dyn Fn(&Style) -> String| base.is_none_or(|b| f(b) != f(style));
    let p = x;
    p.open("w:pPr", &[]);
    let list = extras.list;
    let keep_next = style.keep_with_next && !list;
    if keep_next != extras.base_keeps {
        p.empty("w:keepNext", &val(if keep_next { "1" } else { "0" }));
    }
    if style.keep_together {
        p.empty("w:keepLines", &[]);
    }
    if base.is_none() {
        p.empty("w:widowControl", &[]);
    }
    if let Some(num) = extras.numbering {
        p.open("w:numPr", &[]);
        p.empty("w:numId", &val(&num.to_string()));
        p.close("w:numPr");
    }
    if let Some(width) = extras.tabs {
        p.open("w:tabs", &[]);
        p.empty(
            "w:tab",
            &[("w:val", "center"), ("w:pos", &twips(width / 2.0))],
        );
        p.empty("w:tab", &[("w:val", "right"), ("w:pos", &twips(width))]);
        p.close("w:tabs");
    }
    if differs(&|s| s.hyphenate.to_string()) {
        p.empty(
            "w:suppressAutoHyphens",
            &val(if style.hyphenate { "0" } else { "1" }),
        );
    }
    // Exact leading, as in the PDF: the same lines fall on the same pages.
    if differs(&|s| format!("{}{}{}", s.space_before, s.space_after, s.leading())) {
        p.empty(
            "w:spacing",
            &[
                ("w:before", &twips(style.space_before)),
                ("w:after", &twips(style.space_after)),
                ("w:line", &twips(style.leading())),
                ("w:lineRule", "exact"),
            ],
        );
    }
    if differs(&|s| {
        format!(
            "{}{}{}{}",
            s.indent_left, s.indent_right, s.indent_first, s.hanging
        )
    }) {
        let first = if style.hanging > 0.0 {
            ("w:hanging", twips(style.hanging))
        } else if style.indent_first >= 0.0 {
            ("w:firstLine", twips(style.indent_first))
        } else {
            ("w:hanging", twips(-style.indent_first))
        };
        p.empty(
            "w:ind",
            &[
                ("w:left", &twips(style.indent_left)),
                ("w:right", &twips(style.indent_right)),
                (first.0, &first.1),
            ],
        );
    }
    if differs(&|s| format!("{:?}", s.align)) {
        let jc = match style.align {
            Align::Justify => "both",
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
        };
        p.empty("w:jc", &val(jc));
    }
    p.close("w:pPr");
}

/// Opens a style element (the caller adds properties and closes it).
fn open_style(x: &mut Xml, kind: &str, id: &str, name: &str, default: bool, custom: bool) {
    let mut attrs = vec![("w:type", kind)];
    if default {
        attrs.push(("w:default", "1"));
    }
    if custom {
        attrs.push(("w:customStyle", "1"));
    }
    attrs.push(("w:styleId", id));
    x.open("w:style", &attrs);
    x.empty("w:name", &val(name));
}

/// Word's hidden default styles every document has.
fn defaults(x: &mut Xml) {
    for (kind, id, name, priority) in [
        (
            "character",
            "DefaultParagraphFont",
            "Default Paragraph Font",
            "1",
        ),
        ("table", "TableNormal", "Normal Table", "99"),
        ("numbering", "NoList", "No List", "99"),
    ] {
        open_style(x, kind, id, name, true, false);
        x.empty("w:uiPriority", &val(priority));
        x.empty("w:semiHidden", &[]);
        x.empty("w:unhideWhenUsed", &[]);
        if kind == "table" {
            x.open("w:tblPr", &[]);
            x.empty("w:tblInd", &[("w:w", "0"), ("w:type", "dxa")]);
            x.open("w:tblCellMar", &[]);
            for (side, w) in [
                ("w:top", "0"),
                ("w:left", "108"),
                ("w:bottom", "0"),
                ("w:right", "108"),
            ] {
                x.empty(side, &[("w:w", w), ("w:type", "dxa")]);
            }
            x.close("w:tblCellMar");
            x.close("w:tblPr");
        }
        x.close("w:style");
    }
}

/// The whole styles part.
pub fn styles_xml(doc: &Document, map: &StyleMap, numbering: &Numbering) -> Vec<u8> {
    let theme = &doc.theme;
    let lang = doc.meta.lang.bcp47();
    let mut x = Xml::new();
    x.open("w:styles", &[("xmlns:w", super::W_NS)]);
    let body = theme.style("body");

    // The family and language once, for everything.
    x.open("w:docDefaults", &[]);
    x.open("w:rPrDefault", &[]);
    x.open("w:rPr", &[]);
    font_attrs(&mut x, &theme.font_family);
    x.empty(
        "w:lang",
        &[("w:val", lang), ("w:eastAsia", lang), ("w:bidi", lang)],
    );
    x.close("w:rPr");
    x.close("w:rPrDefault");
    x.open("w:pPrDefault", &[]);
    x.open("w:pPr", &[]);
    x.empty(
        "w:spacing",
        &[("w:after", "0"), ("w:line", "240"), ("w:lineRule", "auto")],
    );
    x.close("w:pPr");
    x.close("w:pPrDefault");
    x.close("w:docDefaults");

    // Normal is the body style, so text a clerk types anywhere looks like the motion.
    open_style(&mut x, "paragraph", "Normal", "Normal", true, false);
    x.empty("w:qFormat", &[]);
    paragraph_properties(&mut x, body, None, &Extras::default());
    run_properties(&mut x, body, None);
    x.close("w:style");
    defaults(&mut x);

    // Word's Title and Heading 1–3, as bases: they add only what makes them headings.
    let mut used_bases: Vec<Base> = map.bases.values().copied().collect();
    used_bases.sort_by_key(|b| format!("{b:?}"));
    used_bases.dedup();
    for base in used_bases {
        let (id, name, level) = match base {
            Base::Title => ("Title".to_string(), "Title".to_string(), 0),
            Base::Heading(n) => (format!("Heading{n}"), format!("heading {n}"), n - 1),
            Base::Normal => continue,
        };
        open_style(&mut x, "paragraph", &id, &name, false, false);
        x.empty("w:basedOn", &val("Normal"));
        x.empty("w:next", &val("Normal"));
        x.empty(
            "w:uiPriority",
            &val(if base == Base::Title { "10" } else { "9" }),
        );
        x.empty("w:qFormat", &[]);
        x.open("w:pPr", &[]);
        x.empty("w:keepNext", &[]);
        x.empty("w:outlineLvl", &val(&level.to_string()));
        x.close("w:pPr");
        x.close("w:style");
    }

    for (key, style) in &theme.styles {
        if key == "body" {
            continue;
        }
        theme_style(&mut x, doc, map, numbering, key, style, body);
    }
    if let Some(key) = numbering.first_article() {
        first_article_style(&mut x, doc, map, key, body);
    }
    for (key, cs) in &theme.char_styles {
        char_style(&mut x, key, cs);
    }
    // Line numbers in the margin: small and grey, as in the PDF.
    open_style(
        &mut x,
        "character",
        "LineNumber",
        "line number",
        false,
        false,
    );
    x.empty("w:basedOn", &val("DefaultParagraphFont"));
    x.empty("w:uiPriority", &val("99"));
    x.empty("w:semiHidden", &[]);
    x.empty("w:unhideWhenUsed", &[]);
    x.open("w:rPr", &[]);
    x.empty("w:color", &val(&LINE_NUMBER_COLOR.hex()));
    x.empty("w:sz", &val(&half_points(LINE_NUMBER_SIZE)));
    x.empty("w:szCs", &val(&half_points(LINE_NUMBER_SIZE)));
    x.close("w:rPr");
    x.close("w:style");
    x.close("w:styles");
    x.finish()
}

/// One theme paragraph style: based on Normal, Title, a heading, Header or Footer, stating
/// only what differs from Normal.
fn theme_style(
    x: &mut Xml,
    doc: &Document,
    map: &StyleMap,
    numbering: &Numbering,
    key: &str,
    style: &Style,
    body: &Style,
) {
    let id = map.id(key);
    let builtin = key == map.header || key == map.footer;
    let name = if key == map.header {
        "header"
    } else if key == map.footer {
        "footer"
    } else {
        style.name.as_str()
    };
    open_style(x, "paragraph", id, name, false, !builtin);
    // The outline level comes with Title and the headings.
    let (based_on, from_heading) = match map.base(key) {
        Base::Normal => ("Normal".to_string(), false),
        Base::Title => ("Title".to_string(), true),
        Base::Heading(n) => (format!("Heading{n}"), true),
    };
    x.empty("w:basedOn", &val(&based_on));
    let list = numbering.list_styles().contains(&key);
    // Enter after a demand gives the next demand; after a heading, body text.
    let next = if list || !style.keep_with_next {
        id
    } else {
        "Normal"
    };
    x.empty("w:next", &val(next));
    if builtin {
        x.empty("w:uiPriority", &val("99"));
        x.empty("w:unhideWhenUsed", &[]);
    } else {
        x.empty("w:qFormat", &[]);
    }
    let extras = Extras {
        numbering: numbering.style_num(key),
        list,
        tabs: builtin.then(|| doc.theme.text_width()),
        base_keeps: from_heading,
    };
    // A list's indents are its style's, so changing the style moves the numbered items.
    let style = &Style {
        hanging: numbering.hanging(key).unwrap_or(style.hanging),
        ..style.clone()
    };
    paragraph_properties(x, style, Some(body), &extras);
    run_properties(x, style, Some(body));
    x.close("w:style");
}

/// The style of the first French article: its label is text, the numbered style follows.
fn first_article_style(x: &mut Xml, doc: &Document, map: &StyleMap, key: &str, body: &Style) {
    let style = doc.theme.style(key);
    let id = map.first_article_id(key);
    let name = format!("{} (1er)", style.name);
    open_style(x, "paragraph", &id, &name, false, true);
    x.empty("w:basedOn", &val("Normal"));
    x.empty("w:next", &val(map.id(key)));
    x.empty("w:qFormat", &[]);
    let extras = Extras {
        list: true,
        ..Extras::default()
    };
    paragraph_properties(x, style, Some(body), &extras);
    run_properties(x, style, Some(body));
    x.close("w:style");
}

fn char_style(x: &mut Xml, key: &str, cs: &CharStyle) {
    let id = char_style_id(key);
    let builtin = id == "Strong" || id == "Emphasis";
    let name = if builtin {
        id.clone()
    } else {
        cs.name.clone().unwrap_or_else(|| key.to_string())
    };
    open_style(x, "character", &id, &name, false, !builtin);
    x.empty("w:basedOn", &val("DefaultParagraphFont"));
    if builtin {
        x.empty(
            "w:uiPriority",
            &val(if id == "Strong" { "22" } else { "20" }),
        );
    }
    x.empty("w:qFormat", &[]);
    x.open("w:rPr", &[]);
    if cs.bold {
        x.empty("w:b", &[]);
        x.empty("w:bCs", &[]);
    }
    if cs.italic {
        x.empty("w:i", &[]);
        x.empty("w:iCs", &[]);
    }
    if let Some(color) = cs.color {
        x.empty("w:color", &val(&color.hex()));
    }
    x.close("w:rPr");
    x.close("w:style");
}
