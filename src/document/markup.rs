//! The template's XML markup → document blocks, with a real XML parser (roxmltree).
//!
//! ```xml
//! <document>
//!   <header><left><logo/>CPAS de Forest</left><right>Projet</right></header>
//!   <footer><center>Page <page/> / <pages/></center></footer>
//!   <body>
//!     <title>…</title>  <h2 class="heading">…</h2>  <p class="preamble" id="…">…</p>
//!     <ul class="list"><li>…</li></ul>  <ol class="demands" numbering="decimal"><li id="…">…</li></ol>
//!     <signatures><signature role="…" name="…"/></signatures>  <blank lines="6" ruled="true"/>
//!     <pagebreak/>
//!   </body>
//! </document>
//! ```
//! Inline: `<em>`, `<strong>`, `<span class="…">`, `<sup>`, `<ins>`, `<del>`, `<br/>`;
//! `<page/>`, `<pages/>` in marginals. Blocks and list items say what they are with
//! `role="…"` (see [`Role`]) and may set `lang="nl"`; a block without a role whose class
//! names a role (`class="considerant"`) has that role, as templates forked before roles
//! existed expect; any other block is a plain paragraph.

use std::ops::Range;

use roxmltree::{Node, NodeType};

use super::{
    Block, BlockKind, Change, ChangeKind, Field, Inline, ListItem, Marginal, Marker, Role,
    Signature,
};
use crate::theme::Theme;
use crate::vocab::{Lang, parse_iso};

/// A problem in the markup, at a byte range of the rendered markup.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkupError {
    pub message: String,
    pub range: Range<usize>,
    /// The element's name, to find it in the template source.
    pub element: Option<String>,
}

/// The parts of a document the markup defines.
#[derive(Debug, Default)]
pub struct Parsed {
    pub header: Marginal,
    pub footer: Marginal,
    pub blocks: Vec<Block>,
}

/// Parses rendered markup, checking element names and style classes against the theme.
/// Blocks without `lang` are in `lang`.
pub fn parse(markup: &str, theme: &Theme, lang: Lang) -> Result<Parsed, MarkupError> {
    let doc = roxmltree::Document::parse(markup).map_err(|e| {
        let pos = e.pos();
        let offset = offset_of(markup, pos.row as usize, pos.col as usize);
        MarkupError {
            message: format!("the template produced invalid XML: {e}"),
            range: offset..offset,
            element: None,
        }
    })?;
    check_depth(&doc)?;
    let root = doc.root_element();
    if root.tag_name().name() != "document" {
        return Err(error(
            root,
            "the markup must have `<document>` as its root element",
        ));
    }
    let parser = Parser { theme, lang };
    let mut parsed = Parsed::default();
    for child in elements(root)? {
        match child.tag_name().name() {
            "header" => parsed.header = parser.marginal(child, "header")?,
            "footer" => parsed.footer = parser.marginal(child, "footer")?,
            "body" => parsed.blocks = parser.blocks(child)?,
            other => return Err(unknown(child, other, &["header", "footer", "body"])),
        }
    }
    Ok(parsed)
}

struct Parser<'t> {
    theme: &'t Theme,
    lang: Lang,
}

/// The role of a block or item: its `role` attribute, else its class when that names a role,
/// else `fallback`.
fn role_of(node: Node, fallback: Role) -> Result<Role, MarkupError> {
    match node.attribute("role") {
        Some(code) => Role::from_code(code).ok_or_else(|| {
            let known: Vec<&str> = Role::ALL.iter().map(|r| r.code()).collect();
            MarkupError {
                message: format!(
                    "unknown role `{code}`{}; roles are {}",
                    suggestion(code, &known),
                    crate::spec::quote_list(&known)
                ),
                range: node.range(),
                element: Some(format!("role=\"{code}\"")),
            }
        }),
        None => Ok(node
            .attribute("class")
            .and_then(Role::from_code)
            .unwrap_or(fallback)),
    }
}

impl Parser<'_> {
    fn paragraph_style(&self, node: Node, default: &str) -> Result<String, MarkupError> {
        let style = node.attribute("class").unwrap_or(default);
        if self.theme.styles.contains_key(style) {
            Ok(style.to_string())
        } else {
            let known: Vec<&str> = self.theme.styles.keys().map(String::as_str).collect();
            Err(MarkupError {
                message: format!(
                    "unknown paragraph style `{style}`: theme.toml has no `[styles.{style}]`{}",
                    suggestion(style, &known)
                ),
                range: node.range(),
                element: Some(format!("class=\"{style}\"")),
            })
        }
    }

    fn char_style(&self, node: Node, default: &str) -> Result<String, MarkupError> {
        let style = node.attribute("class").unwrap_or(default);
        if self.theme.char_styles.contains_key(style) {
            Ok(style.to_string())
        } else {
            let known: Vec<&str> = self.theme.char_styles.keys().map(String::as_str).collect();
            Err(MarkupError {
                message: format!(
                    "unknown character style `{style}`: theme.toml has no `[char-styles.{style}]`{}",
                    suggestion(style, &known)
                ),
                range: node.range(),
                element: Some(format!("class=\"{style}\"")),
            })
        }
    }

    fn marginal(&self, node: Node, default_style: &str) -> Result<Marginal, MarkupError> {
        let mut m = Marginal {
            style: self.paragraph_style(node, default_style)?,
            ..Marginal::default()
        };
        for slot in elements(node)? {
            let inlines = self.inlines(slot, true, &mut m.logo)?;
            match slot.tag_name().name() {
                "left" => m.left = inlines,
                "center" => m.center = inlines,
                "right" => m.right = inlines,
                other => return Err(unknown(slot, other, &["left", "center", "right"])),
            }
        }
        Ok(m)
    }

    fn blocks(&self, body: Node) -> Result<Vec<Block>, MarkupError> {
        let mut blocks = Vec::new();
        for node in elements(body)? {
            let id = node.attribute("id").map(str::to_string);
            let lang = self.lang_of(node, self.lang)?;
            let no_logo = &mut false;
            let default_role = match node.tag_name().name() {
                "title" => Role::Title,
                "h2" | "h3" => Role::Heading,
                "signatures" => Role::Signatures,
                "blank" => Role::AmendmentRoom,
                _ => Role::Plain,
            };
            let role = role_of(node, default_role)?;
            let kind = match node.tag_name().name() {
                "title" => BlockKind::Heading {
                    level: 1,
                    style: self.paragraph_style(node, "title")?,
                    inlines: self.inlines(node, false, no_logo)?,
                },
                "h2" | "h3" => BlockKind::Heading {
                    level: if node.tag_name().name() == "h2" { 2 } else { 3 },
                    style: self.paragraph_style(node, "heading")?,
                    inlines: self.inlines(node, false, no_logo)?,
                },
                "p" => BlockKind::Paragraph {
                    style: self.paragraph_style(node, "body")?,
                    inlines: self.inlines(node, false, no_logo)?,
                },
                "ul" | "ol" => self.list(node, role, lang)?,
                "signatures" => BlockKind::Signatures {
                    style: self.paragraph_style(node, "signature")?,
                    signatures: elements(node)?
                        .into_iter()
                        .map(|s| match s.tag_name().name() {
                            "signature" => Ok(Signature {
                                role: s.attribute("role").unwrap_or("").to_string(),
                                name: s
                                    .attribute("name")
                                    .filter(|n| !n.trim().is_empty())
                                    .map(str::to_string),
                            }),
                            other => Err(unknown(s, other, &["signature"])),
                        })
                        .collect::<Result<_, _>>()?,
                },
                "blank" => BlockKind::Blank {
                    style: self.paragraph_style(node, "body")?,
                    lines: number_attr(node, "lines", 1)?.min(60),
                    ruled: node.attribute("ruled") == Some("true"),
                },
                "pagebreak" => BlockKind::PageBreak,
                other => {
                    return Err(unknown(
                        node,
                        other,
                        &[
                            "title",
                            "h2",
                            "h3",
                            "p",
                            "ul",
                            "ol",
                            "signatures",
                            "blank",
                            "pagebreak",
                        ],
                    ));
                }
            };
            blocks.push(Block {
                id,
                role,
                lang,
                source: Vec::new(),
                kind,
            });
        }
        Ok(collapse_page_breaks(blocks))
    }

    /// A `lang` attribute, or the language around the element.
    fn lang_of(&self, node: Node, around: Lang) -> Result<Lang, MarkupError> {
        match node.attribute("lang") {
            None => Ok(around),
            Some(code) => Lang::from_code(code).ok_or_else(|| MarkupError {
                message: format!("unknown language `{code}`: expected `fr` or `nl`"),
                range: node.range(),
                element: Some(format!("lang=\"{code}\"")),
            }),
        }
    }

    fn list(&self, node: Node, role: Role, _lang: Lang) -> Result<BlockKind, MarkupError> {
        let ordered = node.tag_name().name() == "ol";
        let start = number_attr(node, "start", 1)?;
        let marker = match (ordered, node.attribute("numbering")) {
            (false, _) => Marker::Bullet,
            (true, None | Some("decimal")) => Marker::Decimal { start },
            (true, Some("article")) => Marker::Article {
                word: node.attribute("word").unwrap_or("Article").to_string(),
                start,
            },
            (true, Some(other)) => {
                return Err(MarkupError {
                    message: format!(
                        "unknown numbering `{other}`: expected `decimal` or `article`"
                    ),
                    range: node.range(),
                    element: Some(format!("numbering=\"{other}\"")),
                });
            }
        };
        let mut items = Vec::new();
        for item in elements(node)? {
            if item.tag_name().name() != "li" {
                return Err(unknown(item, item.tag_name().name(), &["li"]));
            }
            // The items of the demands list are demands; of the preamble, preamble items.
            let item_role = match role {
                Role::Demands => Role::Demand,
                other => other,
            };
            items.push(ListItem {
                id: item.attribute("id").map(str::to_string),
                role: role_of(item, item_role)?,
                source: Vec::new(),
                inlines: self.inlines(item, false, &mut false)?,
            });
        }
        Ok(BlockKind::List {
            style: self.paragraph_style(node, "list")?,
            marker,
            items,
        })
    }

    /// Inline content of a block, whitespace collapsed as in HTML (but never no-break spaces).
    fn inlines(
        &self,
        node: Node,
        marginal: bool,
        logo: &mut bool,
    ) -> Result<Vec<Inline>, MarkupError> {
        let mut out = Vec::new();
        self.collect_inlines(node, marginal, logo, &mut out)?;
        Ok(normalize_space(out))
    }

    fn collect_inlines(
        &self,
        node: Node,
        marginal: bool,
        logo: &mut bool,
        out: &mut Vec<Inline>,
    ) -> Result<(), MarkupError> {
        for child in node.children() {
            match child.node_type() {
                NodeType::Text => out.push(Inline::Text(child.text().unwrap_or("").to_string())),
                NodeType::Element => {
                    let name = child.tag_name().name();
                    let styled =
                        |style: String, p: &Self, logo: &mut bool| -> Result<Inline, MarkupError> {
                            let mut children = Vec::new();
                            p.collect_inlines(child, marginal, logo, &mut children)?;
                            Ok(Inline::Styled { style, children })
                        };
                    match name {
                        "em" => out.push(styled(self.char_style(child, "emphasis")?, self, logo)?),
                        "strong" => {
                            out.push(styled(self.char_style(child, "strong")?, self, logo)?);
                        }
                        "span" => out.push(styled(self.char_style(child, "verb")?, self, logo)?),
                        "sup" => {
                            let mut children = Vec::new();
                            self.collect_inlines(child, marginal, logo, &mut children)?;
                            out.push(Inline::Superscript(children));
                        }
                        "ins" | "del" => {
                            let mut children = Vec::new();
                            self.collect_inlines(child, marginal, logo, &mut children)?;
                            out.push(Inline::Change {
                                change: change_of(child)?,
                                children,
                            });
                        }
                        "br" => out.push(Inline::LineBreak),
                        "page" if marginal => out.push(Inline::Field(Field::PageNumber)),
                        "pages" if marginal => out.push(Inline::Field(Field::PageCount)),
                        "logo" if marginal => *logo = true,
                        other => {
                            let allowed: &[&str] = if marginal {
                                &[
                                    "em", "strong", "span", "sup", "ins", "del", "br", "page",
                                    "pages", "logo",
                                ]
                            } else {
                                &["em", "strong", "span", "sup", "ins", "del", "br"]
                            };
                            return Err(unknown(child, other, allowed));
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// The change an `<ins>` or `<del>` stands for: `change="A1"` (required), `author`, `date`.
fn change_of(node: Node) -> Result<Change, MarkupError> {
    let kind = if node.tag_name().name() == "ins" {
        ChangeKind::Insert
    } else {
        ChangeKind::Delete
    };
    let id = node
        .attribute("change")
        .filter(|c| !c.trim().is_empty())
        .ok_or_else(|| {
            error(
                node,
                "`<ins>` and `<del>` need `change=\"…\"`, the id of what changed the text",
            )
        })?;
    let date = match node.attribute("date") {
        None => None,
        Some(d) => Some(parse_iso(d).ok_or_else(|| MarkupError {
            message: format!("`date=\"{d}\"` is not a date like 2017-01-24"),
            range: node.range(),
            element: Some(format!("date=\"{d}\"")),
        })?),
    };
    Ok(Change {
        kind,
        id: id.to_string(),
        author: node
            .attribute("author")
            .filter(|a| !a.trim().is_empty())
            .map(str::to_string),
        date,
    })
}

/// How deep elements may nest: far more than any template needs (inline styles nest a few
/// levels), far less than would exhaust the stack of the passes that walk them.
const MAX_DEPTH: usize = 64;

/// Refuses markup nested deeper than [`MAX_DEPTH`], in one pass (parents come before their
/// children in document order).
fn check_depth(doc: &roxmltree::Document) -> Result<(), MarkupError> {
    let mut depth: Vec<u16> = Vec::new();
    for node in doc.descendants() {
        let d = node
            .parent()
            .and_then(|p| depth.get(p.id().get_usize()).copied())
            .map_or(0, |d| d.saturating_add(1));
        if depth.len() <= node.id().get_usize() {
            depth.resize(node.id().get_usize() + 1, 0);
        }
        depth[node.id().get_usize()] = d;
        if usize::from(d) > MAX_DEPTH {
            return Err(MarkupError {
                message: format!(
                    "elements are nested more than {MAX_DEPTH} levels deep (emphasis inside emphasis inside …)"
                ),
                range: node.range(),
                element: None,
            });
        }
    }
    Ok(())
}

/// A page break on an empty page is no break: breaks at the start, at the end and after
/// another break are dropped (a template looping over `<pagebreak/>` makes no empty pages).
fn collapse_page_breaks(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for block in blocks {
        let is_break = block.kind == BlockKind::PageBreak;
        let after_break = out.last().is_none_or(|b| b.kind == BlockKind::PageBreak);
        if !(is_break && after_break) {
            out.push(block);
        }
    }
    while out.last().is_some_and(|b| b.kind == BlockKind::PageBreak) {
        out.pop();
    }
    out
}

/// Child elements; text other than whitespace between blocks is an error.
fn elements<'a, 'i>(node: Node<'a, 'i>) -> Result<Vec<Node<'a, 'i>>, MarkupError> {
    let mut out = Vec::new();
    for child in node.children() {
        match child.node_type() {
            NodeType::Element => out.push(child),
            NodeType::Text if !child.text().unwrap_or("").trim().is_empty() => {
                let text = child.text().unwrap_or("").trim();
                return Err(MarkupError {
                    message: format!(
                        "text « {} » stands directly in `<{}>`: put it in a `<p>`",
                        text.chars().take(40).collect::<String>(),
                        node.tag_name().name()
                    ),
                    range: child.range(),
                    element: None,
                });
            }
            _ => {}
        }
    }
    Ok(out)
}

fn number_attr(node: Node, name: &str, default: u32) -> Result<u32, MarkupError> {
    match node.attribute(name) {
        None => Ok(default),
        Some(v) => v.trim().parse().map_err(|_| MarkupError {
            message: format!("`{name}=\"{v}\"` must be a whole number"),
            range: node.range(),
            element: Some(format!("{name}=\"{v}\"")),
        }),
    }
}

fn error(node: Node, message: &str) -> MarkupError {
    MarkupError {
        message: message.to_string(),
        range: node.range(),
        element: Some(format!("<{}", node.tag_name().name())),
    }
}

fn unknown(node: Node, name: &str, allowed: &[&str]) -> MarkupError {
    let names: Vec<String> = allowed.iter().map(|a| format!("<{a}>")).collect();
    MarkupError {
        message: format!(
            "unknown element `<{name}>` in `<{}>`{}; expected {}",
            node.parent_element().map_or("", |p| p.tag_name().name()),
            suggestion(name, allowed),
            crate::spec::quote_list(&names)
        ),
        range: node.range(),
        element: Some(format!("<{name}")),
    }
}

fn suggestion(name: &str, known: &[&str]) -> String {
    crate::diagnostics::did_you_mean(name, known.iter().copied())
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default()
}

/// Byte offset of a 1-based row/column (columns in characters).
fn offset_of(text: &str, row: usize, col: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(row.saturating_sub(1))
        .map(str::len)
        .sum();
    let line = &text[line_start.min(text.len())..];
    line_start
        + line
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(line.len(), |(i, _)| i)
}

/// Collapses runs of ASCII whitespace to one space and trims the ends, as HTML does. No-break
/// spaces (U+00A0, U+202F) are content and are kept.
fn normalize_space(inlines: Vec<Inline>) -> Vec<Inline> {
    fn walk(
        inlines: Vec<Inline>,
        pending_space: &mut bool,
        at_start: &mut bool,
        out: &mut Vec<Inline>,
    ) {
        for inline in inlines {
            match inline {
                Inline::Text(t) => {
                    let mut s = String::new();
                    for c in t.chars() {
                        if c.is_ascii_whitespace() {
                            *pending_space = true;
                        } else {
                            if *pending_space && !*at_start {
                                s.push(' ');
                            }
                            *pending_space = false;
                            *at_start = false;
                            s.push(c);
                        }
                    }
                    if !s.is_empty() {
                        out.push(Inline::Text(s));
                    }
                }
                Inline::Styled { .. } | Inline::Superscript(_) | Inline::Change { .. } => {
                    let Ok((wrapper, children)) = inline.into_container() else {
                        continue;
                    };
                    // A space before the styled run belongs outside it.
                    if *pending_space && !*at_start && children_start_with_text(&children) {
                        out.push(Inline::Text(" ".into()));
                        *pending_space = false;
                    }
                    let mut inner = Vec::new();
                    walk(children, pending_space, at_start, &mut inner);
                    if !inner.is_empty() {
                        out.push(wrapper.wrap(inner));
                    }
                }
                Inline::LineBreak => {
                    *pending_space = false;
                    *at_start = true;
                    out.push(Inline::LineBreak);
                }
                other => {
                    if *pending_space && !*at_start {
                        out.push(Inline::Text(" ".into()));
                    }
                    *pending_space = false;
                    *at_start = false;
                    out.push(other);
                }
            }
        }
    }
    fn children_start_with_text(children: &[Inline]) -> bool {
        match children.first() {
            Some(Inline::Text(t)) => t.chars().next().is_some_and(|c| !c.is_ascii_whitespace()),
            Some(Inline::Field(_)) => true,
            Some(other) => other.children().is_some_and(children_start_with_text),
            None => false,
        }
    }
    let mut out = Vec::new();
    walk(inlines, &mut false, &mut true, &mut out);
    merge_text(out)
}

/// Joins adjacent text runs.
fn merge_text(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        match (out.last_mut(), inline) {
            (Some(Inline::Text(prev)), Inline::Text(t)) => prev.push_str(&t),
            (_, inline) => out.push(inline),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn whitespace_collapses_but_nbsp_stays() {
        let out = normalize_space(vec![
            text("\n   Vu la\u{a0}loi  "),
            Inline::Styled {
                style: "strong".into(),
                children: vec![text("dénonce")],
            },
            text("  ce projet\n"),
        ]);
        assert_eq!(
            out,
            vec![
                text("Vu la\u{a0}loi "),
                Inline::Styled {
                    style: "strong".into(),
                    children: vec![text("dénonce")]
                },
                text(" ce projet"),
            ]
        );
    }

    #[test]
    fn offsets_from_rows_and_columns() {
        assert_eq!(offset_of("ab\ncdé\nf", 2, 3), 5);
        assert_eq!(offset_of("ab\ncdé\nf", 3, 1), 8);
    }
}
