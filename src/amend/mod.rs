//! Applying amendments: the adopted ones, in the file's order, give the consolidated motion
//! (demands renumbered, considérants too); kept as marks, they give its redline. Each
//! amendment alone gives the clause « as it would read » that the amendment list quotes.
//!
//! Amendments are tabled against the motion as drafted: a target `considerant-2` is the
//! draft's second considérant, whatever earlier amendments inserted before it.

use crate::redline::{Kind, Marked, Redline, Revision, WholeClause};
use crate::source::Span;
use crate::spec::amendment::{
    Action, Amendment, AmendmentError, Amendments, Clause, Status, clause_name, council_variables,
    occurrences,
};
use crate::spec::{Considerant, Demand, Spec, Text};

/// The amendment list's input: the amendments, each one's clause as it would read (encoded,
/// see [`preview`]) and the lines of the projet it cites.
#[derive(Debug, Clone)]
pub struct AmendmentList {
    pub amendments: Amendments,
    pub previews: Vec<Option<String>>,
    pub citations: Vec<Option<Citation>>,
}

/// Where a clause stands in the projet with line numbers: « page 2, lignes 14–16 ».
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Citation {
    pub first_page: usize,
    pub first_line: usize,
    pub last_page: usize,
    pub last_line: usize,
}

impl AmendmentList {
    /// `lines`: for each clause id of the projet (`garants`, `considerant-1`), the page and
    /// line number of each of its lines, as its margin numbers them.
    pub fn new(
        spec: &Spec,
        amendments: Amendments,
        lines: &std::collections::BTreeMap<String, Vec<(usize, usize)>>,
    ) -> AmendmentList {
        let previews = (0..amendments.list.len())
            .map(|k| preview(spec, &amendments, k))
            .collect();
        let citations = amendments
            .list
            .iter()
            .map(|a| {
                let id = match &a.clause {
                    Clause::Title => "title".to_string(),
                    Clause::Considerant(n) => format!("considerant-{n}"),
                    Clause::Demand(id) => id.clone(),
                };
                let lines = lines.get(&id)?;
                let (first_page, first_line) = *lines.first()?;
                let (last_page, last_line) = *lines.last()?;
                Some(Citation {
                    first_page,
                    first_line,
                    last_page,
                    last_line,
                })
            })
            .collect();
        AmendmentList {
            amendments,
            previews,
            citations,
        }
    }

    /// What the marks of the previews refer to: one revision per amendment.
    pub fn redline(&self) -> Redline {
        Redline {
            revisions: revisions(&self.amendments),
            whole: Vec::new(),
        }
    }
}

/// The motion with its adopted amendments, and what the marks in its texts refer to.
#[derive(Debug, Clone)]
pub struct Consolidated {
    pub spec: Spec,
    /// Empty unless the changes were kept as marks.
    pub redline: Redline,
}

/// One revision per amendment, in the file's order: what marks refer to by index.
pub fn revisions(amendments: &Amendments) -> Vec<Revision> {
    amendments
        .list
        .iter()
        .map(|a| Revision {
            id: a.id.value.clone(),
            author: a.author(),
            date: amendments.date,
        })
        .collect()
}

/// The motion as amended by its adopted amendments. With `marks`, the changes stay in the
/// texts (encoded, see `crate::redline`) and deleted clauses stay, marked deleted.
pub fn consolidate(
    spec: &Spec,
    amendments: &Amendments,
    marks: bool,
) -> Result<Consolidated, Vec<AmendmentError>> {
    let mut work = Work::new(spec);
    let mut errors = Vec::new();
    for (k, a) in amendments.list.iter().enumerate() {
        if a.status != Status::Adopte {
            continue;
        }
        if let Err(e) = work.apply(k, a, amendments, spec) {
            errors.push(e);
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let redline = if marks {
        Redline {
            revisions: revisions(amendments),
            whole: Vec::new(),
        }
    } else {
        Redline::default()
    };
    Ok(work.into_spec(spec, marks, redline))
}

/// The adopted amendments that cannot apply once those before them did.
pub fn conflicts(spec: &Spec, amendments: &Amendments) -> Vec<AmendmentError> {
    consolidate(spec, amendments, false)
        .err()
        .unwrap_or_default()
}

/// The target clause of amendment `k` as it would read with that amendment alone, changes
/// marked (encoded): a demand with its verb, a considérant, the title.
pub fn preview(spec: &Spec, amendments: &Amendments, k: usize) -> Option<String> {
    let a = amendments.list.get(k)?;
    let mut work = Work::new(spec);
    // An amendment of a clause another amendment inserts is shown against that insertion.
    if let Clause::Demand(id) = &a.clause
        && !spec.demands.iter().any(|d| &d.id == id)
        && let Some((j, inserting)) = amendments
            .list
            .iter()
            .enumerate()
            .find(|(_, b)| b.new_id.as_deref() == Some(id.as_str()))
    {
        work.apply(j, inserting, amendments, spec).ok()?;
        if let Some(d) = work.demands.iter_mut().find(|d| &d.id == id) {
            d.whole = None;
            d.verb = Marked::new(&d.verb.visible());
            d.text = Marked::new(&d.text.visible());
        }
    }
    work.apply(k, a, amendments, spec).ok()?;
    let at = work.position_after(a)?;
    Some(match at {
        Located::Title => work.title.encode(),
        Located::Considerant(i) => whole_encoded(&work.considerants[i]),
        Located::Demand(i) => {
            let d = &work.demands[i];
            let condition = d
                .condition
                .as_ref()
                .map(|c| format!(", {},", c.value))
                .unwrap_or_default();
            match d.whole {
                // A demand inserted or deleted whole is marked as one stretch.
                Some((kind, r)) => {
                    let whole = format!("{}{condition} {}", d.verb.visible(), d.text.visible());
                    let mut marked = Marked::inserted(&whole, r);
                    if kind == Kind::Delete {
                        marked = Marked::new(&whole);
                        marked.delete_all(r);
                    }
                    marked.encode()
                }
                None => format!("{}{condition} {}", d.verb.encode(), d.text.encode()),
            }
        }
    })
}

fn whole_encoded(c: &ClauseWork) -> String {
    let mut text = c.text.clone();
    match c.whole {
        Some((Kind::Insert, r)) => Marked::inserted(&text.visible(), r).encode(),
        Some((Kind::Delete, r)) => {
            text.delete_all(r);
            text.encode()
        }
        None => text.encode(),
    }
}

/// A considérant being amended.
#[derive(Debug, Clone)]
struct ClauseWork {
    /// Its number in the draft; `None` when an amendment inserted it.
    draft: Option<usize>,
    text: Marked,
    span: Span,
    /// Inserted or deleted whole, by which amendment.
    whole: Option<(Kind, usize)>,
    /// The last amendment that changed it.
    touched: Option<usize>,
}

/// A demand being amended.
#[derive(Debug, Clone)]
struct DemandWork {
    id: String,
    verb: Marked,
    verb_span: Span,
    condition: Option<Text>,
    text: Marked,
    text_span: Span,
    whole: Option<(Kind, usize)>,
    touched: Option<usize>,
}

enum Located {
    Title,
    Considerant(usize),
    Demand(usize),
}

struct Work {
    title: Marked,
    title_touched: Option<usize>,
    considerants: Vec<ClauseWork>,
    demands: Vec<DemandWork>,
}

impl Work {
    fn new(spec: &Spec) -> Work {
        Work {
            title: Marked::new(&spec.title.value),
            title_touched: None,
            considerants: spec
                .considerants
                .iter()
                .enumerate()
                .map(|(i, c)| ClauseWork {
                    draft: Some(i + 1),
                    text: Marked::new(&c.text.value),
                    span: c.text.span.clone(),
                    whole: None,
                    touched: None,
                })
                .collect(),
            demands: spec
                .demands
                .iter()
                .map(|d| DemandWork {
                    id: d.id.clone(),
                    verb: Marked::new(&d.verb.value),
                    verb_span: d.verb.span.clone(),
                    condition: d.condition.clone(),
                    text: Marked::new(&d.text.value),
                    text_span: d.text.span.clone(),
                    whole: None,
                    touched: None,
                })
                .collect(),
        }
    }

    /// Where the target of `a` stands now.
    fn locate(&self, a: &Amendment) -> Option<Located> {
        match &a.clause {
            Clause::Title => Some(Located::Title),
            Clause::Considerant(n) => self
                .considerants
                .iter()
                .position(|c| c.draft == Some(*n))
                .map(Located::Considerant),
            Clause::Demand(id) => self
                .demands
                .iter()
                .position(|d| &d.id == id)
                .map(Located::Demand),
        }
    }

    /// Where the clause `a` changed or inserted stands after it applied.
    fn position_after(&self, a: &Amendment) -> Option<Located> {
        if a.action.inserts() {
            return match &a.clause {
                Clause::Demand(_) => self
                    .demands
                    .iter()
                    .position(|d| Some(d.id.as_str()) == a.new_id.as_deref())
                    .map(Located::Demand),
                Clause::Considerant(_) => self
                    .considerants
                    .iter()
                    .position(|c| c.draft.is_none() && c.whole.is_some())
                    .map(Located::Considerant),
                Clause::Title => None,
            };
        }
        self.locate(a)
    }

    fn apply(
        &mut self,
        k: usize,
        a: &Amendment,
        amendments: &Amendments,
        spec: &Spec,
    ) -> Result<(), AmendmentError> {
        let conflict = |earlier: Option<usize>, reason: String| -> AmendmentError {
            match earlier.and_then(|j| amendments.list.get(j)) {
                Some(e) => AmendmentError::Conflict {
                    id: a.id.value.clone(),
                    earlier: e.id.value.clone(),
                    reason,
                    span: a
                        .find
                        .as_ref()
                        .map_or(a.target.span.clone(), |f| f.span.clone()),
                    earlier_span: e.span.clone(),
                },
                None => AmendmentError::Conflict {
                    id: a.id.value.clone(),
                    earlier: "an earlier amendment".into(),
                    reason,
                    span: a.target.span.clone(),
                    earlier_span: a.span.clone(),
                },
            }
        };
        let Some(at) = self.locate(a) else {
            // Not there: deleted entirely, or inserted by an amendment not adopted.
            if let Clause::Demand(id) = &a.clause
                && let Some(inserting) = amendments
                    .list
                    .iter()
                    .find(|b| b.new_id.as_deref() == Some(id.as_str()))
            {
                return Err(AmendmentError::TargetNotInserted {
                    id: a.id.value.clone(),
                    target: id.clone(),
                    inserted_by: inserting.id.value.clone(),
                    span: a.target.span.clone(),
                });
            }
            return Err(conflict(
                None,
                format!("{} is gone", clause_name(&a.clause)),
            ));
        };
        let (whole, touched) = match &at {
            Located::Title => (None, self.title_touched),
            Located::Considerant(i) => (self.considerants[*i].whole, self.considerants[*i].touched),
            Located::Demand(i) => (self.demands[*i].whole, self.demands[*i].touched),
        };
        if let Some((Kind::Delete, j)) = whole {
            return Err(conflict(
                Some(j),
                format!(
                    "{} deletes {}",
                    amendments.list[j].id.value,
                    clause_name(&a.clause)
                ),
            ));
        }
        match a.action {
            Action::Replace | Action::Delete if a.find.is_some() || a.action == Action::Replace => {
                let new = if a.action == Action::Delete {
                    ""
                } else {
                    a.text.as_ref().map_or("", |t| t.value.as_str())
                };
                let verb = a.verb.as_ref().map(|v| v.value.as_str());
                let marked = match &at {
                    Located::Title => &mut self.title,
                    Located::Considerant(i) => &mut self.considerants[*i].text,
                    Located::Demand(i) => &mut self.demands[*i].text,
                };
                if let Some(find) = &a.find {
                    let mut hits = occurrences(&marked.visible(), &find.value);
                    let mut new = new.to_string();
                    if hits.len() != 1 {
                        // Quoted as read: the council's name in place of its variable, in
                        // the clause and in the new words alike, so that they compare.
                        for (pattern, value) in council_variables(spec) {
                            marked.substitute(&pattern, &value);
                            new = new.replace(&pattern, &value);
                        }
                        hits = occurrences(&marked.visible(), &find.value);
                    }
                    match hits.as_slice() {
                        [range] => marked.replace(range.clone(), &new, k),
                        [] => {
                            return Err(conflict(
                                touched,
                                format!(
                                    "its `find` no longer occurs in {}",
                                    clause_name(&a.clause)
                                ),
                            ));
                        }
                        _ => {
                            return Err(conflict(
                                touched,
                                format!(
                                    "its `find` now occurs more than once in {}",
                                    clause_name(&a.clause)
                                ),
                            ));
                        }
                    }
                } else if a.text.is_some() {
                    let all = 0..marked.visible().len();
                    marked.replace(all, new, k);
                }
                if let (Some(verb), Located::Demand(i)) = (verb, &at) {
                    let marked = &mut self.demands[*i].verb;
                    let all = 0..marked.visible().len();
                    marked.replace(all, verb, k);
                }
            }
            Action::Replace | Action::Delete => match &at {
                Located::Title => {}
                Located::Considerant(i) => {
                    let c = &mut self.considerants[*i];
                    if matches!(c.whole, Some((Kind::Insert, _))) {
                        self.considerants.remove(*i);
                        return Ok(());
                    }
                    c.whole = Some((Kind::Delete, k));
                }
                Located::Demand(i) => {
                    let d = &mut self.demands[*i];
                    if matches!(d.whole, Some((Kind::Insert, _))) {
                        self.demands.remove(*i);
                        return Ok(());
                    }
                    d.whole = Some((Kind::Delete, k));
                }
            },
            Action::InsertAfter | Action::InsertBefore => {
                let after = usize::from(a.action == Action::InsertAfter);
                let text = a.text.clone().unwrap_or_else(|| a.target.clone());
                match &at {
                    Located::Title => {}
                    Located::Considerant(i) => self.considerants.insert(
                        i + after,
                        ClauseWork {
                            draft: None,
                            text: Marked::new(&text.value),
                            span: text.span.clone(),
                            whole: Some((Kind::Insert, k)),
                            touched: Some(k),
                        },
                    ),
                    Located::Demand(i) => {
                        let verb = a.verb.clone().unwrap_or_else(|| a.target.clone());
                        self.demands.insert(
                            i + after,
                            DemandWork {
                                id: a
                                    .new_id
                                    .clone()
                                    .unwrap_or_else(|| a.id.value.to_lowercase()),
                                verb: Marked::new(&verb.value),
                                verb_span: verb.span.clone(),
                                condition: None,
                                text: Marked::new(&text.value),
                                text_span: text.span.clone(),
                                whole: Some((Kind::Insert, k)),
                                touched: Some(k),
                            },
                        );
                    }
                }
                return Ok(());
            }
        }
        match at {
            Located::Title => self.title_touched = Some(k),
            Located::Considerant(i) => self.considerants[i].touched = Some(k),
            Located::Demand(i) => self.demands[i].touched = Some(k),
        }
        Ok(())
    }

    fn into_spec(self, spec: &Spec, marks: bool, mut redline: Redline) -> Consolidated {
        let show = |m: &Marked| if marks { m.encode() } else { m.visible() };
        let mut out = spec.clone();
        out.title.value = show(&self.title);
        let mut n = 0;
        out.considerants = Vec::new();
        for c in self.considerants {
            if !marks && matches!(c.whole, Some((Kind::Delete, _))) {
                continue;
            }
            n += 1;
            let id = format!("considerant-{n}");
            if let Some((kind, revision)) = c.whole {
                redline.whole.push(WholeClause {
                    id: id.clone(),
                    kind,
                    revision,
                });
            }
            out.considerants.push(Considerant {
                id,
                text: Text::new(show(&c.text), c.span),
            });
        }
        out.demands = Vec::new();
        for d in self.demands {
            if !marks && matches!(d.whole, Some((Kind::Delete, _))) {
                continue;
            }
            if let Some((kind, revision)) = d.whole {
                redline.whole.push(WholeClause {
                    id: d.id.clone(),
                    kind,
                    revision,
                });
            }
            out.demands.push(Demand {
                span: d.verb_span.clone(),
                id: d.id,
                verb: Text::new(show(&d.verb), d.verb_span),
                condition: d.condition,
                text: Text::new(show(&d.text), d.text_span),
            });
        }
        if !marks {
            redline.whole.clear();
        }
        Consolidated { spec: out, redline }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Sources;
    use std::path::Path;

    /// forest.toml and an amendment file written next to it in a temporary folder.
    fn load(amendments: &str) -> (Spec, Amendments) {
        let dir = tempfile::tempdir().unwrap();
        let forest = Path::new(env!("CARGO_MANIFEST_DIR")).join("motions/forest.toml");
        let path = dir.path().join("a.toml");
        let text = format!("motion = {:?}\n{amendments}", forest.display().to_string());
        std::fs::write(&path, text).unwrap();
        let mut sources = Sources::new();
        crate::spec::amendment::load(&path, &mut sources).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn demand<'a>(spec: &'a Spec, id: &str) -> &'a Demand {
        spec.demands.iter().find(|d| d.id == id).unwrap()
    }

    #[test]
    fn each_action_applies_to_its_clause() {
        let (spec, amendments) = load(
            r#"
[[amendments]]
id = "A1"
target = "denonce"
action = "replace"
find = "inutile"
text = "dangereux"
verb = "condamne"
status = "adopte"

[[amendments]]
id = "A2"
target = "refuse"
action = "delete"
status = "adopte"

[[amendments]]
id = "A3"
target = "garants"
action = "insert-before"
verb = "exige"
text = "le retrait."
new_id = "retrait"
status = "adopte"

[[amendments]]
id = "A4"
target = "considerant-1"
action = "insert-after"
text = "Vu l’article 458 du Code pénal"
status = "adopte"

[[amendments]]
id = "A5"
target = "title"
action = "replace"
text = "Pour le secret professionnel"
status = "adopte"

[[amendments]]
id = "A6"
target = "revaloriser"
action = "delete"
status = "rejete"
"#,
        );
        let c = consolidate(&spec, &amendments, false).unwrap().spec;
        assert_eq!(c.title.value, "Pour le secret professionnel");
        let d = demand(&c, "denonce");
        assert_eq!(d.verb.value, "condamne");
        assert!(
            d.text
                .value
                .starts_with("ce projet de loi dangereux qui compromet")
        );
        let ids: Vec<&str> = c.demands.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["denonce", "retrait", "garants", "revaloriser"]);
        assert_eq!(demand(&c, "retrait").verb.value, "exige");
        let considerants: Vec<(&str, &str)> = c
            .considerants
            .iter()
            .map(|c| (c.id.as_str(), c.text.value.as_str()))
            .collect();
        assert_eq!(
            considerants[1],
            ("considerant-2", "Vu l’article 458 du Code pénal")
        );

        // Kept as marks: the deleted demand stays, marked whole; the insertions too.
        let r = consolidate(&spec, &amendments, true).unwrap();
        let ids: Vec<&str> = r.spec.demands.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(
            ids,
            ["denonce", "refuse", "retrait", "garants", "revaloriser"]
        );
        let whole: Vec<(&str, Kind, usize)> = r
            .redline
            .whole
            .iter()
            .map(|w| (w.id.as_str(), w.kind, w.revision))
            .collect();
        assert_eq!(
            whole,
            [
                ("considerant-2", Kind::Insert, 3),
                ("refuse", Kind::Delete, 1),
                ("retrait", Kind::Insert, 2)
            ]
        );
        assert_eq!(
            crate::redline::accepted(&demand(&r.spec, "denonce").text.value),
            demand(&c, "denonce").text.value
        );
    }

    #[test]
    fn a_later_amendment_changes_what_an_earlier_one_inserted() {
        let (spec, amendments) = load(
            r#"
[[amendments]]
id = "A1"
target = "refuse"
action = "insert-after"
verb = "exige"
text = "le retrait immédiat du projet."
new_id = "retrait"
status = "adopte"

[[amendments]]
id = "A2"
target = "retrait"
action = "replace"
find = "immédiat "
text = ""
status = "adopte"
"#,
        );
        let c = consolidate(&spec, &amendments, false).unwrap().spec;
        assert_eq!(demand(&c, "retrait").text.value, "le retrait du projet.");
        // Alone, A2 quotes the clause A1 inserts, with its own change.
        let preview = preview(&spec, &amendments, 1).unwrap();
        assert_eq!(
            crate::redline::accepted(&preview),
            "exige le retrait du projet."
        );
        assert!(preview.contains("immédiat"));
    }

    #[test]
    fn adopted_amendments_that_overlap_conflict() {
        let (spec, amendments) = load(
            r#"
[[amendments]]
id = "A1"
target = "refuse"
action = "delete"
status = "adopte"

[[amendments]]
id = "A2"
target = "refuse"
action = "replace"
find = "toute nouvelle"
text = "toute"
status = "adopte"
"#,
        );
        let errors = conflicts(&spec, &amendments);
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[0].to_string(),
            "amendments A1 and A2, both adopted, conflict: A1 deletes demand `refuse`"
        );
        // Rejecting the first leaves the second alone.
        let mut amendments = amendments;
        amendments.list[0].status = Status::Rejete;
        assert!(conflicts(&spec, &amendments).is_empty());
    }
}
