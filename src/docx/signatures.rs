//! Signatures side by side, as in the PDF: a borderless table, up to three a row, whose rows
//! never split and stay together; an incomplete last row is centred on a grid of half
//! columns (`w:gridBefore` / `w:gridAfter`).

use super::runs::plain_run;
use super::styles::twips;
use super::xml::{Xml, val};
use crate::document::Signature;
use crate::theme::Theme;

use crate::theme::Style;

/// Room left for a handwritten signature, as in the PDF.
const SIGNING_SPACE: f32 = 40.0;
/// Space between two rows of signatures, in lines, as in the PDF.
const ROW_GAP: f32 = 1.5;

pub fn signatures_table(
    x: &mut Xml,
    theme: &Theme,
    style_key: &str,
    style_id: &str,
    signatures: &[Signature],
    lang: &str,
) {
    if signatures.is_empty() {
        return;
    }
    let s = theme.style(style_key);
    let per_row = signatures.len().clamp(1, 3);
    let width = theme.text_width();
    let half = twips(width / (2 * per_row) as f32);
    x.open("w:tbl", &[]);
    x.open("w:tblPr", &[]);
    x.empty("w:tblW", &[("w:w", &twips(width)), ("w:type", "dxa")]);
    x.empty("w:jc", &val("center"));
    x.open("w:tblBorders", &[]);
    for side in [
        "w:top",
        "w:left",
        "w:bottom",
        "w:right",
        "w:insideH",
        "w:insideV",
    ] {
        x.empty(side, &[("w:val", "nil")]);
    }
    x.close("w:tblBorders");
    x.empty("w:tblLayout", &[("w:type", "fixed")]);
    x.empty(
        "w:tblLook",
        &[
            ("w:val", "0000"),
            ("w:firstRow", "0"),
            ("w:lastRow", "0"),
            ("w:firstColumn", "0"),
            ("w:lastColumn", "0"),
            ("w:noHBand", "1"),
            ("w:noVBand", "1"),
        ],
    );
    x.close("w:tblPr");
    x.open("w:tblGrid", &[]);
    for _ in 0..2 * per_row {
        x.empty("w:gridCol", &[("w:w", &half)]);
    }
    x.close("w:tblGrid");
    let groups: Vec<&[Signature]> = signatures.chunks(per_row).collect();
    for (g, group) in groups.iter().enumerate() {
        let last_group = g + 1 == groups.len();
        // A row of roles, the room to sign, then a row of names: the names of a row share a
        // baseline whatever the length of the roles above them.
        for names in [false, true] {
            let texts: Vec<Option<&String>> = group
                .iter()
                .map(|s| {
                    if names {
                        s.name.as_ref()
                    } else {
                        Some(&s.role)
                    }
                })
                .collect();
            let (before, after) = match (names, last_group) {
                (false, _) => (if g == 0 { s.space_before } else { 0.0 }, SIGNING_SPACE),
                (true, false) => (0.0, ROW_GAP * s.leading()),
                (true, true) => (0.0, 0.0),
            };
            let keep = !(names && last_group);
            signature_row(
                x, theme, s, style_id, per_row, &texts, before, after, keep, lang,
            );
        }
    }
    x.close("w:tbl");
    // Word needs a paragraph after a table; keep it invisible.
    x.open("w:p", &[]);
    x.open("w:pPr", &[]);
    x.empty("w:suppressLineNumbers", &[]);
    x.empty(
        "w:spacing",
        &[
            ("w:before", "0"),
            ("w:after", "0"),
            ("w:line", "20"),
            ("w:lineRule", "exact"),
        ],
    );
    x.close("w:pPr");
    x.close("w:p");
}

/// One row of the table: a cell per signature, centred on the half-column grid.
#[allow(clippy::too_many_arguments)]
fn signature_row(
    x: &mut Xml,
    theme: &Theme,
    s: &Style,
    style_id: &str,
    per_row: usize,
    texts: &[Option<&String>],
    before: f32,
    after: f32,
    keep_with_next: bool,
    lang: &str,
) {
    let width = theme.text_width();
    let empty = (per_row - texts.len()).to_string();
    x.open("w:tr", &[]);
    x.open("w:trPr", &[]);
    if texts.len() < per_row {
        x.empty("w:gridBefore", &val(&empty));
        x.empty("w:gridAfter", &val(&empty));
    }
    x.empty("w:cantSplit", &[]);
    x.empty("w:jc", &val("center"));
    x.close("w:trPr");
    for text in texts {
        x.open("w:tc", &[]);
        x.open("w:tcPr", &[]);
        x.empty(
            "w:tcW",
            &[("w:w", &twips(width / per_row as f32)), ("w:type", "dxa")],
        );
        x.empty("w:gridSpan", &val("2"));
        x.close("w:tcPr");
        x.open("w:p", &[]);
        x.open("w:pPr", &[]);
        x.empty("w:pStyle", &val(style_id));
        if keep_with_next {
            x.empty("w:keepNext", &[]);
        }
        x.empty("w:suppressLineNumbers", &[]);
        x.empty(
            "w:spacing",
            &[("w:before", &twips(before)), ("w:after", &twips(after))],
        );
        x.close("w:pPr");
        if let Some(text) = text {
            plain_run(x, theme, s, text, lang);
        }
        x.close("w:p");
        x.close("w:tc");
    }
    x.close("w:tr");
}
