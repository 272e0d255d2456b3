//! HTML backend: one standalone page with embedded CSS from the theme and a print stylesheet.

use std::fmt::Write;

use base64::Engine;

use crate::document::{Block, BlockKind, ChangeKind, Document, Inline, Lang, Marginal, Role};
use crate::theme::{Align, Theme};

/// Renders the document as a standalone HTML page.
pub fn write(doc: &Document) -> String {
    let mut out = String::new();
    let lang = doc.meta.lang.bcp47();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<meta name=\"author\" content=\"{}\">\n\
         <meta name=\"description\" content=\"{}\">\n<meta name=\"keywords\" content=\"{}\">\n\
         <meta name=\"generator\" content=\"motion {}\">\n<style>\n{}</style>\n</head>\n<body>\n",
        esc(&doc.meta.title),
        esc(&doc.meta.author),
        esc(&doc.meta.subject),
        esc(&doc.meta.keywords.join(", ")),
        env!("CARGO_PKG_VERSION"),
        css(&doc.theme)
    );
    if !doc.header.is_empty() || (doc.header.logo && doc.logo.is_some()) {
        out.push_str("<header class=\"page-header\">");
        marginal(doc, &doc.header, &mut out);
        out.push_str("</header>\n");
    }
    out.push_str("<main>\n");
    for block in &doc.blocks {
        write_block(doc, block, &mut out);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn marginal(doc: &Document, m: &Marginal, out: &mut String) {
    out.push_str("<span class=\"left\">");
    if let (true, Some(logo)) = (m.logo, &doc.logo) {
        let data = base64::engine::general_purpose::STANDARD.encode(logo.bytes.as_slice());
        let _ = write!(
            out,
            "<img class=\"logo\" alt=\"\" src=\"data:image/{};base64,{data}\">",
            logo.format.extension()
        );
    }
    inlines(&m.left, out);
    out.push_str("</span><span class=\"center\">");
    inlines(&m.center, out);
    out.push_str("</span><span class=\"right\">");
    inlines(&m.right, out);
    out.push_str("</span>");
}

/// `id`, `data-role` and, where it differs from the page's, `lang` of a block or item.
fn attrs(id: &Option<String>, role: Role, lang: Lang, page_lang: Lang) -> String {
    let mut out = String::new();
    if let Some(id) = id {
        let _ = write!(out, " id=\"{}\"", esc(id));
    }
    if role != Role::Plain {
        let _ = write!(out, " data-role=\"{}\"", role.code());
    }
    if lang != page_lang {
        let _ = write!(out, " lang=\"{}\"", lang.bcp47());
    }
    out
}

fn write_block(doc: &Document, block: &Block, out: &mut String) {
    let id = attrs(&block.id, block.role, block.lang, doc.meta.lang);
    match &block.kind {
        BlockKind::Heading {
            level,
            style,
            inlines: content,
        } => {
            let tag = format!("h{}", level.clamp(&1, &6));
            let _ = write!(out, "<{tag}{id} class=\"s-{style}\">");
            inlines(content, out);
            let _ = writeln!(out, "</{tag}>");
        }
        BlockKind::Paragraph {
            style,
            inlines: content,
        } => {
            let _ = write!(out, "<p{id} class=\"s-{style}\">");
            inlines(content, out);
            out.push_str("</p>\n");
        }
        BlockKind::List {
            style,
            marker,
            items,
        } => {
            let tag = if matches!(marker, crate::document::Marker::Bullet) {
                "ul"
            } else {
                "ol"
            };
            let _ = writeln!(out, "<{tag}{id} class=\"s-{style}\">");
            for (i, item) in items.iter().enumerate() {
                let _ = write!(
                    out,
                    "<li{}><span class=\"marker\">{}</span> ",
                    attrs(&item.id, item.role, block.lang, block.lang),
                    esc(&marker.label(i, block.lang))
                );
                inlines(&item.inlines, out);
                out.push_str("</li>\n");
            }
            let _ = writeln!(out, "</{tag}>");
        }
        BlockKind::Signatures { style, signatures } => {
            let _ = writeln!(out, "<div{id} class=\"signatures s-{style}\">");
            for s in signatures {
                let _ = write!(
                    out,
                    "<div class=\"signature\"><div class=\"role\">{}</div>",
                    esc(&s.role)
                );
                if let Some(name) = &s.name {
                    let _ = write!(out, "<div class=\"name\">{}</div>", esc(name));
                }
                out.push_str("</div>\n");
            }
            out.push_str("</div>\n");
        }
        BlockKind::Blank {
            style,
            lines,
            ruled,
        } => {
            let class = if *ruled { "blank ruled" } else { "blank" };
            let _ = writeln!(
                out,
                "<div{id} class=\"{class} s-{style}\" style=\"--lines: {lines}\"></div>"
            );
        }
        BlockKind::PageBreak => out.push_str("<div class=\"pagebreak\"></div>\n"),
    }
}

fn inlines(content: &[Inline], out: &mut String) {
    for inline in content {
        match inline {
            Inline::Text(t) => out.push_str(&esc(t)),
            Inline::Styled { style, children } => {
                let tag = match style.as_str() {
                    "strong" => "strong",
                    "emphasis" => "em",
                    _ => "span",
                };
                let _ = write!(out, "<{tag} class=\"c-{style}\">");
                inlines(children, out);
                let _ = write!(out, "</{tag}>");
            }
            Inline::Superscript(children) => {
                out.push_str("<sup>");
                inlines(children, out);
                out.push_str("</sup>");
            }
            Inline::Change { change, children } => {
                let tag = match change.kind {
                    ChangeKind::Insert => "ins",
                    ChangeKind::Delete => "del",
                };
                let _ = write!(out, "<{tag} data-change=\"{}\"", esc(&change.id));
                if let Some(author) = &change.author {
                    let _ = write!(out, " title=\"{}\"", esc(author));
                }
                if let Some(date) = change.date {
                    let _ = write!(out, " datetime=\"{date}\"");
                }
                out.push('>');
                inlines(children, out);
                let _ = write!(out, "</{tag}>");
            }
            Inline::LineBreak => out.push_str("<br>"),
            // Page numbers exist only on paged output.
            Inline::Field(_) => {}
        }
    }
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The stylesheet: page geometry and one class per theme style.
fn css(theme: &Theme) -> String {
    let p = &theme.page;
    let mut css = format!(
        "@page {{ size: {w:.1}pt {h:.1}pt; margin: {t:.1}pt {r:.1}pt {b:.1}pt {l:.1}pt; }}\n\
         html {{ background: #e8e8e8; }}\n\
         body {{ font-family: \"{family}\", \"Libertinus Serif\", Georgia, serif; color: #000; background: #fff; \
         width: {tw:.1}pt; margin: 2em auto; padding: {t:.1}pt {r:.1}pt {b:.1}pt {l:.1}pt; \
         box-shadow: 0 1px 6px rgba(0,0,0,.25); hyphens: auto; font-kerning: normal; }}\n\
         p, h1, h2, h3, ol, ul {{ margin: 0; padding: 0; }}\n\
         .page-header {{ display: flex; justify-content: space-between; align-items: center; margin-bottom: 2em; }}\n\
         .page-header .logo {{ height: 2.2em; vertical-align: middle; margin-right: .6em; }}\n\
         ol, ul {{ list-style: none; }}\n\
         li {{ position: relative; }}\n\
         li .marker {{ position: absolute; left: 0; transform: translateX(-100%); padding-right: .5em; white-space: nowrap; }}\n\
         .signatures {{ display: flex; justify-content: space-around; gap: 2em; break-inside: avoid; }}\n\
         .signature {{ text-align: center; min-height: 5em; }}\n\
         .signature .name {{ margin-top: 3.2em; }}\n\
         .blank {{ height: calc(var(--lines) * 1lh); }}\n\
         .blank.ruled {{ background: repeating-linear-gradient(to bottom, transparent 0, transparent calc(1lh - 1px), #9a9a9a calc(1lh - 1px), #9a9a9a 1lh); }}\n\
         .pagebreak {{ break-after: page; }}\n\
         @media print {{ html {{ background: none; }} body {{ width: auto; margin: 0; padding: 0; box-shadow: none; }} }}\n",
        w = p.width.pt(),
        h = p.height.pt(),
        t = p.margin_top.pt(),
        r = p.margin_right.pt(),
        b = p.margin_bottom.pt(),
        l = p.margin_left.pt(),
        tw = theme.text_width(),
        family = theme.font_family.replace('"', ""),
    );
    for (key, s) in &theme.styles {
        let align = match s.align {
            Align::Justify => "justify",
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
        };
        let _ = writeln!(
            css,
            ".s-{key} {{ font-size: {:.1}pt; line-height: {:.2}; text-align: {align}; \
             margin: {:.1}pt {:.1}pt {:.1}pt {:.1}pt; text-indent: {:.1}pt; font-weight: {}; \
             font-style: {}; color: #{};{}{}{}{} }}",
            s.font_size,
            s.line_height,
            s.space_before,
            s.indent_right,
            s.space_after,
            s.indent_left,
            s.indent_first,
            if s.bold { "bold" } else { "normal" },
            if s.italic { "italic" } else { "normal" },
            s.color.hex(),
            if s.uppercase {
                " text-transform: uppercase; letter-spacing: .06em;"
            } else {
                ""
            },
            if s.keep_with_next {
                " break-after: avoid;"
            } else {
                ""
            },
            if s.keep_together {
                " break-inside: avoid;"
            } else {
                ""
            },
            if s.hyphenate { "" } else { " hyphens: manual;" },
        );
        if s.hanging > 0.0 {
            let _ = writeln!(
                css,
                ".s-{key} > li {{ margin-bottom: {:.1}pt; }}",
                s.space_after
            );
        }
    }
    for (key, c) in &theme.char_styles {
        let _ = writeln!(
            css,
            ".c-{key} {{ font-weight: {}; font-style: {};{} }}",
            if c.bold { "bold" } else { "inherit" },
            if c.italic { "italic" } else { "inherit" },
            c.color
                .map(|c| format!(" color: #{};", c.hex()))
                .unwrap_or_default()
        );
    }
    css
}
