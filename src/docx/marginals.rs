//! `word/header1.xml` and `word/footer1.xml`: the council (and its logo) in the header, « Page
//! X / Y » in the footer from real `PAGE` and `NUMPAGES` fields.

use super::body::{AnnotationIds, runs};
use super::styles::{style_id, twips};
use super::xml::{Xml, val};
use crate::document::{Document, Field, Marginal};

/// Size of the logo in EMU (1 pt = 12 700 EMU), as in the PDF.
pub fn logo_extent(doc: &Document) -> Option<(i64, i64)> {
    let logo = doc.logo.as_ref()?;
    let g = doc.theme.header_geometry(Some((logo.width, logo.height)));
    Some((
        (g.logo_width * 12_700.0) as i64,
        (g.logo_height * 12_700.0) as i64,
    ))
}

/// A header or footer part: one paragraph, left text, then a centre and a right tab.
pub fn marginal_xml(doc: &Document, m: &Marginal, root: &str, rule_below: bool) -> Vec<u8> {
    let theme = &doc.theme;
    let lang = doc.meta.lang.bcp47();
    let style = theme.style(&m.style);
    let width = theme.text_width();
    let mut x = Xml::new();
    x.open(
        root,
        &[
            ("xmlns:w", super::W_NS),
            ("xmlns:r", super::R_NS),
            (
                "xmlns:wp",
                "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
            ),
            (
                "xmlns:a",
                "http://schemas.openxmlformats.org/drawingml/2006/main",
            ),
            (
                "xmlns:pic",
                "http://schemas.openxmlformats.org/drawingml/2006/picture",
            ),
        ],
    );
    x.open("w:p", &[]);
    x.open("w:pPr", &[]);
    x.empty("w:pStyle", &val(&style_id(style)));
    if rule_below {
        x.open("w:pBdr", &[]);
        x.empty(
            "w:bottom",
            &[
                ("w:val", "single"),
                ("w:sz", "3"),
                ("w:space", "4"),
                ("w:color", &style.color.hex()),
            ],
        );
        x.close("w:pBdr");
    }
    x.open("w:tabs", &[]);
    x.empty(
        "w:tab",
        &[("w:val", "center"), ("w:pos", &twips(width / 2.0))],
    );
    x.empty("w:tab", &[("w:val", "right"), ("w:pos", &twips(width))]);
    x.close("w:tabs");
    // The three slots sit on tabs, so the paragraph itself is left-aligned.
    x.empty("w:jc", &val("left"));
    x.close("w:pPr");
    if m.logo
        && let Some((cx, cy)) = logo_extent(doc)
    {
        logo(&mut x, cx, cy);
        x.open("w:r", &[]);
        x.leaf("w:t", &[("xml:space", "preserve")], "  ");
        x.close("w:r");
    }
    let mut ids = AnnotationIds::default();
    runs(&mut x, theme, style, &m.left, lang, &mut ids);
    for slot in [&m.center, &m.right] {
        x.open("w:r", &[]);
        x.empty("w:tab", &[]);
        x.close("w:r");
        runs(&mut x, theme, style, slot, lang, &mut ids);
    }
    x.close("w:p");
    x.close(root);
    x.finish()
}

/// A `PAGE` or `NUMPAGES` field, updated by Word and LibreOffice when the page is laid out.
pub fn field(x: &mut Xml, field: Field, lang: &str) {
    let (instruction, placeholder) = match field {
        Field::PageNumber => (" PAGE ", "1"),
        Field::PageCount => (" NUMPAGES ", "1"),
    };
    let rpr = |x: &mut Xml| {
        x.open("w:rPr", &[]);
        x.empty("w:lang", &[("w:val", lang)]);
        x.close("w:rPr");
    };
    x.open("w:r", &[]);
    rpr(x);
    x.empty("w:fldChar", &[("w:fldCharType", "begin")]);
    x.close("w:r");
    x.open("w:r", &[]);
    rpr(x);
    x.leaf("w:instrText", &[("xml:space", "preserve")], instruction);
    x.close("w:r");
    x.open("w:r", &[]);
    rpr(x);
    x.empty("w:fldChar", &[("w:fldCharType", "separate")]);
    x.close("w:r");
    x.open("w:r", &[]);
    rpr(x);
    x.leaf("w:t", &[], placeholder);
    x.close("w:r");
    x.open("w:r", &[]);
    rpr(x);
    x.empty("w:fldChar", &[("w:fldCharType", "end")]);
    x.close("w:r");
}

/// The logo as an inline picture.
fn logo(x: &mut Xml, cx: i64, cy: i64) {
    let (cx, cy) = (cx.to_string(), cy.to_string());
    x.open("w:r", &[]);
    x.open("w:drawing", &[]);
    x.open(
        "wp:inline",
        &[
            ("distT", "0"),
            ("distB", "0"),
            ("distL", "0"),
            ("distR", "0"),
        ],
    );
    x.empty("wp:extent", &[("cx", &cx), ("cy", &cy)]);
    x.empty(
        "wp:effectExtent",
        &[("l", "0"), ("t", "0"), ("r", "0"), ("b", "0")],
    );
    x.empty(
        "wp:docPr",
        &[("id", "1"), ("name", "Logo"), ("descr", "Logo")],
    );
    x.open("wp:cNvGraphicFramePr", &[]);
    x.empty("a:graphicFrameLocks", &[("noChangeAspect", "1")]);
    x.close("wp:cNvGraphicFramePr");
    x.open("a:graphic", &[]);
    x.open(
        "a:graphicData",
        &[(
            "uri",
            "http://schemas.openxmlformats.org/drawingml/2006/picture",
        )],
    );
    x.open("pic:pic", &[]);
    x.open("pic:nvPicPr", &[]);
    x.empty("pic:cNvPr", &[("id", "0"), ("name", "logo")]);
    x.empty("pic:cNvPicPr", &[]);
    x.close("pic:nvPicPr");
    x.open("pic:blipFill", &[]);
    x.empty("a:blip", &[("r:embed", super::LOGO_RID)]);
    x.open("a:stretch", &[]);
    x.empty("a:fillRect", &[]);
    x.close("a:stretch");
    x.close("pic:blipFill");
    x.open("pic:spPr", &[]);
    x.open("a:xfrm", &[]);
    x.empty("a:off", &[("x", "0"), ("y", "0")]);
    x.empty("a:ext", &[("cx", &cx), ("cy", &cy)]);
    x.close("a:xfrm");
    x.open("a:prstGeom", &[("prst", "rect")]);
    x.empty("a:avLst", &[]);
    x.close("a:prstGeom");
    x.close("pic:spPr");
    x.close("pic:pic");
    x.close("a:graphicData");
    x.close("a:graphic");
    x.close("wp:inline");
    x.close("w:drawing");
    x.close("w:r");
}
