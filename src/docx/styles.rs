//! `word/styles.xml`: document defaults and one named style per theme style, so a clerk finds
//! « Motion Title », « Demand », « Operative Verb » … in Word's style gallery.

use super::xml::{Xml, val};
use crate::theme::{Align, CharStyle, Style, Theme};

/// Word style id of a theme paragraph style: its name without spaces (`Motion Title` →
/// `MotionTitle`), never one of Word's built-in ids.
pub fn style_id(style: &Style) -> String {
    id_from(&style.name, &style.key)
}

/// Word style id of a character style.
pub fn char_style_id(key: &str, style: &CharStyle) -> String {
    id_from(style.name.as_deref().unwrap_or(key), key)
}

fn id_from(name: &str, key: &str) -> String {
    let id: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
    let id = if id.is_empty() {
        format!(
            "Motion{}",
            key.replace(|c: char| !c.is_ascii_alphanumeric(), "")
        )
    } else {
        id
    };
    match id.as_str() {
        "Normal" | "Title" | "Header" | "Footer" | "Heading1" | "Heading2" | "Strong"
        | "Emphasis" => format!("Motion{id}"),
        _ => id,
    }
}

pub fn twips(pt: f32) -> String {
    ((pt * 20.0).round() as i64).to_string()
}

fn half_points(pt: f32) -> String {
    ((pt * 2.0).round() as i64).to_string()
}

/// Run properties of a style (fonts, weight, case, colour, size, language).
pub fn run_properties(x: &mut Xml, theme: &Theme, style: &Style, lang: &str) {
    x.open("w:rPr", &[]);
    font_attrs(x, &theme.font_family);
    if style.bold {
        x.empty("w:b", &[]);
        x.empty("w:bCs", &[]);
    }
    if style.italic {
        x.empty("w:i", &[]);
        x.empty("w:iCs", &[]);
    }
    if style.uppercase {
        x.empty("w:caps", &[]);
    }
    x.empty("w:color", &val(&style.color.hex()));
    x.empty("w:sz", &val(&half_points(style.font_size)));
    x.empty("w:szCs", &val(&half_points(style.font_size)));
    x.empty(
        "w:lang",
        &[("w:val", lang), ("w:eastAsia", lang), ("w:bidi", lang)],
    );
    x.close("w:rPr");
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

/// Paragraph properties of a style, in schema order. `list` styles leave keep-with-next to
/// their last item (as the PDF does), or every item would be chained to the next.
fn paragraph_properties(x: &mut Xml, style: &Style, outline_level: Option<u8>, list: bool) {
    x.open("w:pPr", &[]);
    if style.keep_with_next && !list {
        x.empty("w:keepNext", &[]);
    }
    if style.keep_together {
        x.empty("w:keepLines", &[]);
    }
    x.empty("w:widowControl", &[]);
    if !style.hyphenate {
        x.empty("w:suppressAutoHyphens", &[]);
    }
    // Exact leading, as in the PDF: the same lines fall on the same pages.
    x.empty(
        "w:spacing",
        &[
            ("w:before", &twips(style.space_before)),
            ("w:after", &twips(style.space_after)),
            ("w:line", &twips(style.leading())),
            ("w:lineRule", "exact"),
        ],
    );
    let first = if style.indent_first >= 0.0 {
        ("w:firstLine", twips(style.indent_first))
    } else {
        ("w:hanging", twips(-style.indent_first))
    };
    let (hang_key, hang) = if style.hanging > 0.0 {
        ("w:hanging", twips(style.hanging))
    } else {
        first
    };
    x.empty(
        "w:ind",
        &[
            ("w:left", &twips(style.indent_left)),
            ("w:right", &twips(style.indent_right)),
            (hang_key, &hang),
        ],
    );
    let jc = match style.align {
        Align::Justify => "both",
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
    };
    x.empty("w:jc", &val(jc));
    if let Some(level) = outline_level {
        x.empty("w:outlineLvl", &val(&level.to_string()));
    }
    x.close("w:pPr");
}

/// Opens one of Word's hidden default styles (the caller adds any properties and closes it).
fn builtin(x: &mut Xml, kind: &str, id: &str, name: &str, priority: &str) {
    x.open(
        "w:style",
        &[("w:type", kind), ("w:default", "1"), ("w:styleId", id)],
    );
    x.empty("w:name", &val(name));
    x.empty("w:uiPriority", &val(priority));
    x.empty("w:semiHidden", &[]);
    x.empty("w:unhideWhenUsed", &[]);
}

/// The whole styles part. `outline` gives the heading level of styles used by headings.
pub fn styles_xml(
    theme: &Theme,
    lang: &str,
    outline: &dyn Fn(&str) -> Option<u8>,
    lists: &[&str],
) -> Vec<u8> {
    let mut x = Xml::new();
    x.open("w:styles", &[("xmlns:w", super::W_NS)]);
    let body = theme.style("body");

    x.open("w:docDefaults", &[]);
    x.open("w:rPrDefault", &[]);
    run_properties(&mut x, theme, body, lang);
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
    x.open(
        "w:style",
        &[
            ("w:type", "paragraph"),
            ("w:default", "1"),
            ("w:styleId", "Normal"),
        ],
    );
    x.empty("w:name", &val("Normal"));
    x.empty("w:qFormat", &[]);
    paragraph_properties(&mut x, body, None, false);
    run_properties(&mut x, theme, body, lang);
    x.close("w:style");

    builtin(
        &mut x,
        "character",
        "DefaultParagraphFont",
        "Default Paragraph Font",
        "1",
    );
    x.close("w:style");

    builtin(&mut x, "table", "TableNormal", "Normal Table", "99");
    x.open("w:tblPr", &[]);
    x.empty("w:tblInd", &[("w:w", "0"), ("w:type", "dxa")]);
    x.open("w:tblCellMar", &[]);
    for side in ["w:top", "w:left", "w:bottom", "w:right"] {
        let width = if side == "w:left" || side == "w:right" {
            "108"
        } else {
            "0"
        };
        x.empty(side, &[("w:w", width), ("w:type", "dxa")]);
    }
    x.close("w:tblCellMar");
    x.close("w:tblPr");
    x.close("w:style");

    builtin(&mut x, "numbering", "NoList", "No List", "99");
    x.close("w:style");

    for (key, style) in &theme.styles {
        if key == "body" {
            continue;
        }
        let id = style_id(style);
        x.open(
            "w:style",
            &[
                ("w:type", "paragraph"),
                ("w:customStyle", "1"),
                ("w:styleId", &id),
            ],
        );
        x.empty("w:name", &val(&style.name));
        x.empty("w:basedOn", &val("Normal"));
        x.empty(
            "w:next",
            &val(if style.keep_with_next { "Normal" } else { &id }),
        );
        x.empty("w:qFormat", &[]);
        paragraph_properties(&mut x, style, outline(key), lists.contains(&key.as_str()));
        run_properties(&mut x, theme, style, lang);
        x.close("w:style");
    }
    for (key, cs) in &theme.char_styles {
        let id = char_style_id(key, cs);
        x.open(
            "w:style",
            &[
                ("w:type", "character"),
                ("w:customStyle", "1"),
                ("w:styleId", &id),
            ],
        );
        x.empty("w:name", &val(cs.name.as_deref().unwrap_or(key)));
        x.empty("w:basedOn", &val("DefaultParagraphFont"));
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
    x.close("w:styles");
    x.finish()
}
