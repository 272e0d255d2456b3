//! `word/header1.xml` and `word/footer1.xml`: the council (and its logo) in Word's Header
//! style, « Page X / Y » in the Footer style from real `PAGE` and `NUMPAGES` fields whose cached
//! results are motion's own pagination. The logo is anchored where the PDF draws it, above
//! the header rule, so no line height clips it.

use super::runs::{AnnotationIds, runs};
use super::styles::{StyleMap, twips};
use super::xml::{Xml, val};
use crate::document::{Document, Field, Marginal};

/// EMU per point.
const EMU: f32 = 12_700.0;

/// Where the logo goes, in EMU: size, and offset from the margin (x) and the page's top (y).
struct LogoBox {
    cx: i64,
    cy: i64,
    y: i64,
    /// Points the header's text starts after the logo.
    indent: f32,
}

fn logo_box(doc: &Document, m: &Marginal, footer: bool) -> Option<LogoBox> {
    let logo = doc.logo.as_ref()?;
    let g = doc.theme.header_geometry(Some((logo.width, logo.height)));
    let size = doc.theme.style(&m.style).font_size;
    let page = &doc.theme.page;
    // In the footer, the logo stands on the footer's baseline, as in the PDF.
    let top = if footer {
        page.height.pt() - page.footer_distance.pt() - g.logo_height
    } else {
        g.logo_top
    };
    #[expect(
        clippy::cast_possible_truncation,
        reason = "a logo on the page: at most 3·10⁷ EMU, far inside i64"
    )]
    let emu = |pt: f32| (pt * EMU) as i64;
    Some(LogoBox {
        cx: emu(g.logo_width),
        cy: emu(g.logo_height),
        y: emu(top),
        indent: g.logo_width + size * 0.8,
    })
}

/// A header or footer part: one paragraph, left text, then a centre and a right tab.
pub fn marginal_xml(
    doc: &Document,
    map: &StyleMap,
    m: &Marginal,
    root: &str,
    rule_below: bool,
    page_count: usize,
) -> Vec<u8> {
    let theme = &doc.theme;
    let lang = doc.meta.lang.bcp47();
    let style = theme.style(&m.style);
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
    let logo = m.logo.then(|| logo_box(doc, m, !rule_below)).flatten();
    x.open("w:p", &[]);
    x.open("w:pPr", &[]);
    x.empty("w:pStyle", &val(map.id(&m.style)));
    x.empty("w:suppressLineNumbers", &[]);
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
    // The header's text starts after the logo, as in the PDF.
    if let Some(logo) = &logo {
        x.empty(
            "w:ind",
            &[("w:left", &twips(logo.indent)), ("w:hanging", "0")],
        );
    }
    x.close("w:pPr");
    if let Some(logo) = &logo {
        anchored_logo(&mut x, logo);
    }
    let mut ids = AnnotationIds::default();
    ids.page_count = page_count;
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

/// A `PAGE` or `NUMPAGES` field, updated by Word and LibreOffice when the page is laid out;
/// its cached result (what shows before an update) is motion's own count.
pub fn field(x: &mut Xml, field: Field, lang: &str, page_count: usize) {
    let pages = page_count.to_string();
    let (instruction, cached) = match field {
        Field::PageNumber => (" PAGE ", "1"),
        Field::PageCount => (" NUMPAGES ", pages.as_str()),
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
    x.leaf("w:t", &[], cached);
    x.close("w:r");
    x.open("w:r", &[]);
    rpr(x);
    x.empty("w:fldChar", &[("w:fldCharType", "end")]);
    x.close("w:r");
}

/// The logo as a picture anchored at the left margin and at the PDF's height from the page's
/// top, in front of nothing and wrapping nothing: it never changes the header's line height.
fn anchored_logo(x: &mut Xml, logo: &LogoBox) {
    let (cx, cy) = (logo.cx.to_string(), logo.cy.to_string());
    x.open("w:r", &[]);
    x.open("w:drawing", &[]);
    x.open(
        "wp:anchor",
        &[
            ("distT", "0"),
            ("distB", "0"),
            ("distL", "0"),
            ("distR", "0"),
            ("simplePos", "0"),
            ("relativeHeight", "1"),
            ("behindDoc", "0"),
            ("locked", "1"),
            ("layoutInCell", "1"),
            ("allowOverlap", "1"),
        ],
    );
    x.empty("wp:simplePos", &[("x", "0"), ("y", "0")]);
    x.open("wp:positionH", &[("relativeFrom", "margin")]);
    x.leaf("wp:posOffset", &[], "0");
    x.close("wp:positionH");
    x.open("wp:positionV", &[("relativeFrom", "page")]);
    x.leaf("wp:posOffset", &[], &logo.y.to_string());
    x.close("wp:positionV");
    x.empty("wp:extent", &[("cx", &cx), ("cy", &cy)]);
    x.empty(
        "wp:effectExtent",
        &[("l", "0"), ("t", "0"), ("r", "0"), ("b", "0")],
    );
    x.empty("wp:wrapNone", &[]);
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
    x.close("wp:anchor");
    x.close("w:drawing");
    x.close("w:r");
}
