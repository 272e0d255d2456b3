//! What the amendment list (`--variant amendements`) shows of each amendment: its formal
//! wording in the motion's language, built from the template's labels (`[amendment]`), its
//! authors, justification, the clause as it would read, its result and the lines it cites.

use minijinja::value::Value;
use serde::Serialize;

use super::context::{AuthorCtx, TextContext, expand_text};
use super::{Template, TemplateError};
use crate::amend::{AmendmentList, Citation};
use crate::source::Sources;
use crate::spec::amendment::{Action, Amendment, Clause, Status};
use crate::spec::{Lang, Spec, Text};
use crate::theme::Numbering;

#[derive(Debug, Serialize)]
pub struct AmendmentCtx {
    pub id: String,
    pub number: usize,
    pub authors: Vec<AuthorCtx>,
    /// `depose`, `adopte`, `rejete`, `retire`.
    pub status: &'static str,
    /// « Au point 3, remplacer les mots « … » par les mots « … ». »
    pub wording: String,
    pub justification: Option<String>,
    /// The clause as it would read, the change marked.
    pub clause: Option<String>,
    /// « L’amendement est adopté par 9 voix pour … », once voted or withdrawn.
    pub result: Option<String>,
    /// « page 2, lignes 14–16 » of the projet, when it numbers its lines.
    pub citation: Option<String>,
}

/// A label of the `[amendment]` table.
fn label<'a>(labels: &'a toml::Table, path: &[&str]) -> Result<&'a str, TemplateError> {
    let mut value = labels.get("amendment");
    for key in path {
        value = value.and_then(|v| v.get(*key));
    }
    value
        .and_then(|v| v.as_str())
        .ok_or_else(|| TemplateError::Render {
            message: format!(
                "the labels have no `amendment.{}`, which the amendment list needs",
                path.join(".")
            ),
            span: None,
            help: Some("copy the `[amendment]` tables of the default template's labels".into()),
        })
}

/// Fills `{name}` placeholders; the sentence starts with a capital.
fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut out = pattern.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    let mut chars = out.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => out,
    }
}

/// Every amendment of the list, in the file's order.
pub fn context(
    list: &AmendmentList,
    spec: &Spec,
    template: &Template,
    labels: &toml::Table,
    sources: &Sources,
) -> Result<Vec<AmendmentCtx>, TemplateError> {
    let text_ctx = Value::from(minijinja::value::Serde(TextContext::new(spec)));
    let expand = |t: &Text| expand_text(template, t, &text_ctx, sources);
    let article = template.theme.numbering == Numbering::Article;
    let mut out = Vec::new();
    for (k, a) in list.amendments.list.iter().enumerate() {
        let place = Place::of(a, spec, &list.amendments.list, article, spec.lang);
        // Quoted words without the spaces that only placed them in the clause.
        let find = a
            .find
            .as_ref()
            .map(&expand)
            .transpose()?
            .map(|f| f.trim().to_string());
        let text = a
            .text
            .as_ref()
            .map(&expand)
            .transpose()?
            .map(|t| t.trim().to_string());
        let verb = a.verb.as_ref().map(&expand).transpose()?;
        let wording = wording(a, &place, find, text, verb, labels)?;
        let clause = match list.previews.get(k).and_then(|p| p.as_ref()) {
            Some(preview) => Some(expand(&Text::new(preview.clone(), a.span.clone()))?),
            None => None,
        };
        out.push(AmendmentCtx {
            id: a.id.value.clone(),
            number: k + 1,
            authors: a
                .authors
                .iter()
                .map(|au| AuthorCtx {
                    name: au.name.value.clone(),
                    group: au.group.as_ref().map(|g| g.value.clone()),
                })
                .collect(),
            status: a.status.code(),
            wording,
            justification: a.justification.as_ref().map(&expand).transpose()?,
            clause,
            result: result(a, spec.lang, labels)?,
            citation: match list.citations.get(k).copied().flatten() {
                Some(c) => Some(citation(c, labels)?),
                None => None,
            },
        });
    }
    Ok(out)
}

/// How the wording names the target: « au point 3 », « le deuxième considérant ».
struct Place {
    /// The key of `[amendment.at]`, `.the` and `.new`.
    kind: &'static str,
    /// Placeholders of those labels.
    n: String,
    nth: String,
    id: String,
    /// The demand's verb in the draft, for « remplacer le mot « demande » ».
    old_verb: String,
}

impl Place {
    fn of(a: &Amendment, spec: &Spec, all: &[Amendment], article: bool, lang: Lang) -> Place {
        let mut place = Place {
            kind: "title",
            n: String::new(),
            nth: String::new(),
            id: String::new(),
            old_verb: String::new(),
        };
        match &a.clause {
            Clause::Title => {}
            Clause::Considerant(n) => {
                place.kind = "considerant";
                place.n = n.to_string();
                place.nth = crate::vocab::ordinal_word(*n, lang);
            }
            Clause::Demand(id) => match spec.demands.iter().position(|d| &d.id == id) {
                Some(i) => {
                    place.kind = if article { "article" } else { "demand" };
                    place.n = if article && i == 0 && lang == Lang::Fr {
                        crate::vocab::ordinal(1, lang)
                    } else {
                        (i + 1).to_string()
                    };
                    place.old_verb = spec.demands[i].verb.value.clone();
                }
                None => {
                    place.kind = "inserted";
                    place.id = all
                        .iter()
                        .find(|b| b.new_id.as_deref() == Some(id.as_str()))
                        .map_or_else(|| id.clone(), |b| b.id.value.clone());
                    place.old_verb = all
                        .iter()
                        .find(|b| b.new_id.as_deref() == Some(id.as_str()))
                        .and_then(|b| b.verb.as_ref())
                        .map_or_else(String::new, |v| v.value.clone());
                }
            },
        }
        place
    }

    fn values(&self) -> [(&'static str, &str); 3] {
        [("n", &self.n), ("nth", &self.nth), ("id", &self.id)]
    }

    fn phrase(&self, table: &str, labels: &toml::Table) -> Result<String, TemplateError> {
        let pattern = label(labels, &[table, self.kind])?;
        let filled = fill(pattern, &self.values());
        // `fill` capitalises; inside a sentence the phrase keeps the label's own case.
        Ok(keep_case(pattern, filled))
    }
}

fn wording(
    a: &Amendment,
    place: &Place,
    find: Option<String>,
    text: Option<String>,
    verb: Option<String>,
    labels: &toml::Table,
) -> Result<String, TemplateError> {
    let at = place.phrase("at", labels)?;
    let the = place.phrase("the", labels)?;
    let find = find.unwrap_or_default();
    let text_value = text.clone().unwrap_or_default();
    let old_verb = place.old_verb.as_str();
    let verb_value = verb.clone().unwrap_or_default();
    let is_demand = matches!(a.clause, Clause::Demand(_));
    let key = match a.action {
        Action::Replace => match (a.find.is_some(), text.is_some(), verb.is_some()) {
            (true, _, true) => "replace_verb_and_words",
            (true, _, false) => "replace_words",
            (false, false, true) => "replace_verb",
            _ => "replace_clause",
        },
        Action::Delete if a.find.is_some() => "delete_words",
        Action::Delete => "delete_clause",
        Action::InsertAfter => "insert_after",
        Action::InsertBefore => "insert_before",
    };
    // The clause a whole replacement or an insertion quotes: a demand with its verb.
    let quoted = if key == "replace_clause" && is_demand {
        let verb = if verb.is_some() {
            verb_value.as_str()
        } else {
            old_verb
        };
        format!("{verb} {text_value}")
    } else if a.action.inserts() && is_demand {
        format!("{verb_value} {text_value}")
    } else {
        text_value.clone()
    };
    let new = if a.action.inserts() {
        let kind = if place.kind == "considerant" {
            "considerant"
        } else if place.kind == "article" {
            "article"
        } else {
            "demand"
        };
        label(labels, &["new", kind])?.to_string()
    } else {
        String::new()
    };
    Ok(fill(
        label(labels, &["wording", key])?,
        &[
            ("at", &at),
            ("the", &the),
            ("find", &find),
            ("text", &quoted),
            ("verb", &verb_value),
            ("old_verb", old_verb),
            ("new", &new),
        ],
    ))
}

fn result(
    a: &Amendment,
    lang: Lang,
    labels: &toml::Table,
) -> Result<Option<String>, TemplateError> {
    let (with_vote, without) = match a.status {
        Status::Depose => return Ok(None),
        Status::Retire => return Ok(Some(label(labels, &["result", "retire"])?.to_string())),
        Status::Adopte => ("adopte_by", "adopte"),
        Status::Rejete => ("rejete_by", "rejete"),
    };
    Ok(Some(match &a.vote {
        Some(vote) => fill(
            label(labels, &["result", with_vote])?,
            &[("vote", &crate::vocab::vote_phrase(&vote.ballot(), lang))],
        ),
        None => label(labels, &["result", without])?.to_string(),
    }))
}

fn citation(c: Citation, labels: &toml::Table) -> Result<String, TemplateError> {
    let page = c.first_page.to_string();
    let first = c.first_line.to_string();
    let last_page = c.last_page.to_string();
    let last = c.last_line.to_string();
    let key = if c.first_page != c.last_page {
        "pages_lines"
    } else if c.first_line != c.last_line {
        "page_lines"
    } else {
        "page_line"
    };
    let pattern = label(labels, &["cite", key])?;
    let filled = fill(
        pattern,
        &[
            ("page", &page),
            ("first", &first),
            ("line", &first),
            ("last_page", &last_page),
            ("last", &last),
        ],
    );
    // A citation sits inside parentheses, in the label's own case.
    Ok(keep_case(pattern, filled))
}

/// `filled` starting in the case `pattern` starts with: [`fill`] capitalises sentences, a
/// phrase inside one keeps its label's lowercase.
fn keep_case(pattern: &str, filled: String) -> String {
    if !pattern.starts_with(char::is_lowercase) {
        return filled;
    }
    let mut chars = filled.chars();
    chars
        .next()
        .map(|f| f.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}
