//! Filters templates call: `date`, `ordinal`, `vote`, `inline`, `markdown`, `clause`.
//! Markdown is parsed by pulldown-cmark; the subset kept is paragraphs, `- ` and `1. ` lists,
//! *em*, **strong** and hard line breaks. Everything else is kept as escaped text.

use minijinja::value::Value;
use minijinja::{Error, ErrorKind};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::vocab::{self, Ballot, Lang};

/// Escapes text for the XML markup.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// `{{ motion.date | date }}`: « 24 janvier 2017 ».
pub fn date(lang: Lang) -> impl Fn(&str) -> Result<String, Error> + Send + Sync + 'static {
    move |iso: &str| {
        vocab::parse_iso(iso)
            .map(|d| vocab::long_date(d, lang))
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidOperation,
                    format!("`{iso}` is not a date like 2017-01-24"),
                )
            })
    }
}

/// `{{ n | ordinal }}`: « 1er », « 2e ».
pub fn ordinal(lang: Lang) -> impl Fn(i64) -> String + Send + Sync + 'static {
    move |n| vocab::ordinal(n, lang)
}

/// `{{ motion.vote | vote }}`: « Par 10 voix pour, 1 voix contre et 2 abstentions, ».
pub fn vote(lang: Lang) -> impl Fn(Value) -> Result<String, Error> + Send + Sync + 'static {
    move |v: Value| {
        let count = |key: &str| -> Result<u32, Error> {
            let item = v.get_attr(key)?;
            if item.is_undefined() || item.is_none() {
                return Ok(0);
            }
            u32::try_from(item).map_err(|_| {
                Error::new(
                    ErrorKind::InvalidOperation,
                    format!("vote `{key}` is not a count"),
                )
            })
        };
        let flag = |key: &str| v.get_attr(key).map(|x| x.is_true());
        let vote = Ballot {
            for_: count("for")?,
            against: count("against")?,
            abstain: count("abstain")?,
            unanimous: flag("unanimous")?,
            secret: flag("secret")?,
        };
        Ok(vocab::vote_sentence(&vote, lang))
    }
}

/// `{{ labels.place_date | fill(place=council.place, date=day) }}`: a label with `{name}`
/// placeholders, so each language orders its own words (« Fait à Forest, le 24 janvier
/// 2017. », « Aldus beslist in zitting van 24 januari 2017. »).
pub fn fill(label: &str, kwargs: minijinja::value::Kwargs) -> Result<String, Error> {
    let mut out = String::with_capacity(label.len() + 32);
    let mut rest = label;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let name = &after[..close];
        let value: Value = kwargs.get(name).map_err(|_| {
            let given: Vec<&str> = kwargs.args().collect();
            Error::new(
                ErrorKind::InvalidOperation,
                format!(
                    "the label « {label} » uses {{{name}}}, but the template gives {}",
                    if given.is_empty() {
                        "no value".to_string()
                    } else {
                        given
                            .iter()
                            .map(|g| format!("{{{g}}}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    }
                ),
            )
        })?;
        out.push_str(&value.to_string());
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    // Values this language's label does not use are fine (Dutch needs no place): mark them
    // used, so minijinja does not refuse them.
    let given: Vec<String> = kwargs.args().map(str::to_string).collect();
    for name in given {
        let _: Result<Value, _> = kwargs.get(&name);
    }
    Ok(out)
}

/// `{{ text | clause(",") }}`: appends the punctuation unless the text already ends with some.
pub fn clause(text: &str, punct: Option<&str>) -> String {
    let trimmed = text.trim_end();
    if trimmed.ends_with(['.', ',', ';', ':', '!', '?', '…']) {
        trimmed.to_string()
    } else {
        format!("{trimmed}{}", punct.unwrap_or(","))
    }
}

/// `{{ text | inline }}`: Markdown emphasis to markup, escaped; paragraphs joined by `<br/>`.
/// A list written inside one field keeps its markers (« 1. », « – ») on lines of their own.
pub fn inline(text: &str) -> Value {
    let mut out = String::new();
    let mut blocks = 0;
    // Per open list: the next number, or `None` for bullets.
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut item_started = false;
    let mut links = Vec::new();
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::List(start)) => lists.push(start),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                if blocks > 0 {
                    out.push_str("<br/>");
                }
                blocks += 1;
                match lists.last_mut() {
                    Some(Some(n)) => {
                        out.push_str(&format!("{n}. "));
                        *n += 1;
                    }
                    _ => out.push_str("– "),
                }
                item_started = true;
            }
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::CodeBlock(_)) => {
                if blocks > 0 && !item_started {
                    out.push_str("<br/>");
                }
                blocks += 1;
                item_started = false;
            }
            other => {
                item_started = false;
                inline_event(other, &mut out, &mut links);
            }
        }
    }
    Value::from_safe_string(out)
}

/// `{{ text | markdown("preamble", "list", "preamble") }}`: paragraphs and lists as block
/// markup, with the paragraph class, the list class and the role of every block.
pub fn markdown(
    text: &str,
    p_class: Option<&str>,
    list_class: Option<&str>,
    role: Option<&str>,
) -> Value {
    let role = role
        .map(|r| format!(" role=\"{}\"", escape(r)))
        .unwrap_or_default();
    let p_attrs = format!("class=\"{}\"{role}", escape(p_class.unwrap_or("body")));
    let list_attrs = format!("class=\"{}\"{role}", escape(list_class.unwrap_or("list")));
    let mut out = String::new();
    let mut lists: Vec<&str> = Vec::new();
    let mut li_open = false;
    let mut li_content = false;
    let mut p_open = false;
    let mut links = Vec::new();
    let open_p = |out: &mut String, p_open: &mut bool| {
        if !*p_open {
            out.push_str(&format!("<p {p_attrs}>"));
            *p_open = true;
        }
    };
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::List(start)) => {
                if lists.is_empty() {
                    match start {
                        Some(n) => out.push_str(&format!("<ol {list_attrs} start=\"{n}\">")),
                        None => out.push_str(&format!("<ul {list_attrs}>")),
                    }
                } else if li_open {
                    // Nested lists are flattened into the outer one.
                    out.push_str("</li>");
                    li_open = false;
                }
                lists.push(if start.is_some() { "ol" } else { "ul" });
            }
            Event::End(TagEnd::List(_)) => {
                if let Some(kind) = lists.pop()
                    && lists.is_empty()
                {
                    if li_open {
                        out.push_str("</li>");
                        li_open = false;
                    }
                    out.push_str(&format!("</{kind}>"));
                }
            }
            Event::Start(Tag::Item) => {
                if li_open {
                    out.push_str("</li>");
                }
                out.push_str("<li>");
                li_open = true;
                li_content = false;
            }
            Event::End(TagEnd::Item) => {
                if li_open {
                    out.push_str("</li>");
                    li_open = false;
                }
            }
            Event::Start(
                Tag::Paragraph | Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::HtmlBlock,
            ) => {
                if lists.is_empty() {
                    open_p(&mut out, &mut p_open);
                } else if !li_open {
                    out.push_str("<li>");
                    li_open = true;
                } else if li_content {
                    out.push_str("<br/>");
                }
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock,
            ) => {
                if p_open {
                    out.push_str("</p>");
                    p_open = false;
                }
            }
            Event::Start(Tag::BlockQuote(_)) | Event::End(TagEnd::BlockQuote(_)) => {}
            other => {
                if lists.is_empty() {
                    open_p(&mut out, &mut p_open);
                } else if !li_open {
                    out.push_str("<li>");
                    li_open = true;
                }
                li_content = true;
                inline_event(other, &mut out, &mut links);
            }
        }
    }
    if p_open {
        out.push_str("</p>");
    }
    Value::from_safe_string(out)
}

/// Inline events as markup; a link keeps its address after its text.
fn inline_event<'a>(
    event: Event<'a>,
    out: &mut String,
    links: &mut Vec<(pulldown_cmark::CowStr<'a>, usize)>,
) {
    match event {
        Event::Start(Tag::Link { dest_url, .. }) => links.push((dest_url, out.len())),
        Event::End(TagEnd::Link) => {
            if let Some((url, at)) = links.pop() {
                let shown = out[at..].to_string();
                if shown != escape(&url) && !url.is_empty() {
                    out.push_str(&format!(" ({})", escape(&url)));
                }
            }
        }
        Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
            out.push_str(&escape(&t));
        }
        Event::SoftBreak => out.push(' '),
        Event::HardBreak => out.push_str("<br/>"),
        Event::Start(Tag::Emphasis) => out.push_str("<em>"),
        Event::End(TagEnd::Emphasis) => out.push_str("</em>"),
        Event::Start(Tag::Strong) => out.push_str("<strong>"),
        Event::End(TagEnd::Strong) => out.push_str("</strong>"),
        Event::Rule => out.push_str("———"),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markdown_is_escaped_markup() {
        assert_eq!(
            inline("la *loi* & **l’arrêté** <b>").to_string(),
            "la <em>loi</em> &amp; <strong>l’arrêté</strong> &lt;b&gt;"
        );
        assert_eq!(inline("un\n\ndeux").to_string(), "un<br/>deux");
    }

    #[test]
    fn inline_keeps_list_markers_and_link_addresses() {
        assert_eq!(
            inline("au gouvernement :\n1. de retirer le projet ;\n2. de consulter.").to_string(),
            "au gouvernement :<br/>1. de retirer le projet ;<br/>2. de consulter."
        );
        assert_eq!(inline("1. Budget 2024").to_string(), "1. Budget 2024");
        assert_eq!(inline("- un\n- deux").to_string(), "– un<br/>– deux");
        assert_eq!(
            inline("voir [la proposition](https://www.lachambre.be/doc) et <https://x.be>")
                .to_string(),
            "voir la proposition (https://www.lachambre.be/doc) et https://x.be"
        );
    }

    #[test]
    fn markdown_blocks() {
        let md = "Premier.\n\nEffets :\n\n- un ;\n- deux.\n\nFin.";
        assert_eq!(
            markdown(md, Some("preamble"), Some("list"), None).to_string(),
            "<p class=\"preamble\">Premier.</p><p class=\"preamble\">Effets :</p>\
             <ul class=\"list\"><li>un ;</li><li>deux.</li></ul><p class=\"preamble\">Fin.</p>"
        );
    }

    #[test]
    fn nested_lists_are_flattened() {
        let md = "- a\n  - b\n- c";
        assert_eq!(
            markdown(md, None, None, None).to_string(),
            "<ul class=\"list\"><li>a</li><li>b</li><li>c</li></ul>"
        );
    }

    #[test]
    fn clauses_get_punctuation_once() {
        assert_eq!(clause("Vu la loi", None), "Vu la loi,");
        assert_eq!(clause("Vu la loi ;", Some(",")), "Vu la loi ;");
        assert_eq!(clause("Vu la loi", Some(" ;")), "Vu la loi ;");
    }
}
