//! The skeleton of a spec's translation (`motion new --translation-of`): the same demand ids,
//! as many considérants, preamble paragraphs and list items, signatures, the same status,
//! date, reference, vote, sitting and names — what parity checks — with « … » to translate,
//! each original text in a comment above its key.

use crate::spec::{Lang, Spec, Text};

/// A TOML string.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The original as comment lines.
fn comment(out: &mut String, label: &str, text: &str) {
    for (i, line) in text.lines().enumerate() {
        let lead = if i == 0 { label } else { "" };
        out.push_str(&format!("# {lead}{line}\n"));
    }
}

/// The preamble's shape with « … » in every paragraph and list item.
fn preamble_skeleton(text: &str) -> String {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut out = Vec::new();
    let mut depth = 0usize;
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(TagEnd::List(_)) => depth = depth.saturating_sub(1),
            Event::Start(Tag::Item) => out.push(format!("{}- …", "  ".repeat(depth - 1))),
            Event::Start(Tag::Paragraph) if depth == 0 => out.push("…".to_string()),
            _ => {}
        }
    }
    // Paragraphs are separated by a blank line; a list's items follow each other.
    let mut text = String::new();
    for (i, part) in out.iter().enumerate() {
        if i > 0 {
            let item = part.trim_start().starts_with("- ");
            let after_item = out[i - 1].trim_start().starts_with("- ");
            text.push_str(if item && after_item { "\n" } else { "\n\n" });
        }
        text.push_str(part);
    }
    text
}

/// The skeleton, in `lang`, of the translation of `spec`, which it names as `translation`.
pub fn translation(spec: &Spec, lang: Lang, original: &str) -> String {
    let todo = "…";
    let mut out = String::new();
    let language = match lang {
        Lang::Fr => "French",
        Lang::Nl => "Dutch",
    };
    out.push_str(&format!(
        "# The {language} version of {original}, written by `motion new --translation-of`.\n\
         # Translate every « … »; the original is in the comment above it. `motion check`\n\
         # compares the two versions: keep the ids, the counts, the vote and the names.\n\n"
    ));
    out.push_str(&format!("translation = {}\n\n", quoted(original)));
    out.push_str(&format!("lang = {}\n", quoted(lang.code())));
    out.push_str(&format!("kind = {}\n", quoted(spec.kind.code())));
    comment(&mut out, "", &spec.title.value);
    out.push_str(&format!("title = {}\n", quoted(todo)));
    if let Some(date) = spec.date {
        out.push_str(&format!("date = {date}\n"));
    }
    out.push_str(&format!("status = {}\n", quoted(spec.status.code())));
    if let Some(r) = &spec.reference {
        out.push_str(&format!("reference = {}\n", quoted(&r.value)));
    }
    if let Some(p) = &spec.preamble {
        out.push('\n');
        comment(&mut out, "", &p.value);
        out.push_str(&format!(
            "preamble = \"\"\"\n{}\n\"\"\"\n",
            preamble_skeleton(&p.value)
        ));
    }
    if !spec.considerants.is_empty() {
        out.push_str("\nconsiderants = [\n");
        for c in &spec.considerants {
            comment(&mut out, "  ", &c.text.value);
            out.push_str(&format!("  {},\n", quoted(todo)));
        }
        out.push_str("]\n");
    }
    out.push_str("\n[council]\n");
    let council = &spec.council;
    comment(&mut out, "", &council.name.value);
    out.push_str(&format!("name = {}\n", quoted(todo)));
    if council.short.value != council.name.value {
        comment(&mut out, "", &council.short.value);
        out.push_str(&format!("short = {}\n", quoted(todo)));
    }
    if let Some(place) = &council.place {
        comment(&mut out, "", &place.value);
        out.push_str(&format!("place = {}\n", quoted(todo)));
    }
    for d in &spec.demands {
        out.push_str("\n[[demands]]\n");
        out.push_str(&format!("id = {}\n", quoted(&d.id)));
        comment(&mut out, "", &d.verb.value);
        out.push_str(&format!("verb = {}\n", quoted(todo)));
        if let Some(c) = &d.condition {
            comment(&mut out, "", &c.value);
            out.push_str(&format!("condition = {}\n", quoted(todo)));
        }
        comment(&mut out, "", &d.text.value);
        out.push_str(&format!("text = {}\n", quoted(todo)));
    }
    if let Some(session) = &spec.session {
        out.push_str("\n[session]\n");
        if let Some(item) = &session.item {
            out.push_str(&format!("item = {}\n", quoted(&item.value)));
        }
        out.push_str(&format!("public = {}\n", session.public));
    }
    for a in &spec.attendance {
        out.push_str("\n[[attendance]]\n");
        out.push_str(&format!("name = {}\n", quoted(&a.name.value)));
        if let Some(role) = &a.role {
            comment(&mut out, "", &role.value);
            out.push_str(&format!("role = {}\n", quoted(todo)));
        }
        out.push_str(&format!("presence = {}\n", quoted(a.presence.code())));
        // The translated role may not read as the clerk's: say who has no vote.
        if !a.votes {
            out.push_str("votes = false\n");
        }
    }
    if let Some(v) = &spec.vote {
        out.push_str("\n[vote]\n");
        if let Some(p) = v.present {
            out.push_str(&format!("present = {p}\n"));
        }
        if v.unanimous {
            out.push_str("unanimous = true\n");
        } else {
            out.push_str(&format!(
                "for = {}\nagainst = {}\nabstain = {}\n",
                v.for_, v.against, v.abstain
            ));
        }
        if v.secret {
            out.push_str("secret = true\n");
        }
        if let Some(names) = &v.names {
            out.push_str("\n[vote.names]\n");
            let list = |l: &[Text]| {
                let q: Vec<String> = l.iter().map(|t| quoted(&t.value)).collect();
                format!("[{}]", q.join(", "))
            };
            out.push_str(&format!("for = {}\n", list(&names.for_)));
            out.push_str(&format!("against = {}\n", list(&names.against)));
            out.push_str(&format!("abstain = {}\n", list(&names.abstain)));
        }
    }
    for s in &spec.signatures {
        out.push_str("\n[[signatures]]\n");
        comment(&mut out, "", &s.role.value);
        out.push_str(&format!("role = {}\n", quoted(todo)));
        if let Some(name) = &s.name {
            out.push_str(&format!("name = {}\n", quoted(&name.value)));
        }
    }
    out
}
