//! Text with its changes: what an amendment or a diff did to a clause, word by word, carried
//! through the template inside ordinary spec text.
//!
//! A [`Marked`] text is a sequence of characters each kept, inserted or deleted by a revision
//! (an amendment, a diff). Its [`Marked::encode`]d form wraps the changed stretches in
//! private-use characters that templates, Markdown and `{{ … }}` expansion pass through
//! untouched; once the markup is parsed, the document stage turns them into change marks
//! (`document::changes`). Spec text may not contain these characters (spec::vars).

use std::ops::Range;

use crate::vocab::Date;

/// Opens an insertion; followed by the revision's index in digits, then [`END_INDEX`].
const INSERT: char = '\u{e000}';
/// Opens a deletion, the same way.
const DELETE: char = '\u{e001}';
/// Closes the innermost open change.
const CLOSE: char = '\u{e002}';
const END_INDEX: char = '\u{e003}';
/// Digits 0–9 of a revision index.
const DIGIT_0: u32 = 0xe010;

/// Whether a character belongs to the encoding (and is refused in spec text).
pub fn is_reserved(c: char) -> bool {
    ('\u{e000}'..='\u{e01f}').contains(&c)
}

/// Who made a change and when: an amendment (`A1`, its group, the file's date) or a diff.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    pub id: String,
    pub author: Option<String>,
    pub date: Option<Date>,
}

/// Whether a stretch was inserted or deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Insert,
    Delete,
}

/// A whole clause inserted or deleted (its number, verb and punctuation with it).
#[derive(Debug, Clone, PartialEq)]
pub struct WholeClause {
    /// The clause's id in the document: a demand id, `considerant-N`, `title`.
    pub id: String,
    pub kind: Kind,
    pub revision: usize,
}

/// The revisions a redline document's encoded texts refer to, and the clauses changed whole.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Redline {
    pub revisions: Vec<Revision>,
    pub whole: Vec<WholeClause>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Kept,
    Inserted(usize),
    Deleted(usize),
}

/// A text and its changes, character by character.
#[derive(Debug, Clone, PartialEq)]
pub struct Marked {
    chars: Vec<(char, Mark)>,
}

impl Marked {
    /// A text no revision has touched.
    pub fn new(text: &str) -> Marked {
        Marked {
            chars: text.chars().map(|c| (c, Mark::Kept)).collect(),
        }
    }

    /// A text inserted whole by `revision`.
    pub fn inserted(text: &str, revision: usize) -> Marked {
        Marked {
            chars: text
                .chars()
                .map(|c| (c, Mark::Inserted(revision)))
                .collect(),
        }
    }

    /// A text deleted whole by `revision` (what an inserted text becomes when it is
    /// deleted: nothing).
    pub fn delete_all(&mut self, revision: usize) {
        self.chars.retain(|(_, m)| !matches!(m, Mark::Inserted(_)));
        for (_, m) in &mut self.chars {
            if *m == Mark::Kept {
                *m = Mark::Deleted(revision);
            }
        }
    }

    /// Replaces every `pattern` lying in one stretch (all kept, or all of one revision) by
    /// `value`, marked the same: `{{ council.short }}` by « CPAS de Forest », the text as
    /// read rather than as written.
    pub fn substitute(&mut self, pattern: &str, value: &str) {
        let pattern: Vec<char> = pattern.chars().collect();
        if pattern.is_empty() {
            return;
        }
        let mut out = Vec::with_capacity(self.chars.len());
        let mut i = 0;
        while i < self.chars.len() {
            let window = self.chars.get(i..i + pattern.len());
            let matches = window.is_some_and(|w| {
                w.iter().zip(&pattern).all(|((c, _), p)| c == p)
                    && w.iter().all(|(_, m)| *m == w[0].1)
            });
            if matches {
                let mark = self.chars[i].1;
                out.extend(value.chars().map(|c| (c, mark)));
                i += pattern.len();
            } else {
                out.push(self.chars[i]);
                i += 1;
            }
        }
        self.chars = out;
    }

    /// The text as it reads with every change accepted.
    pub fn visible(&self) -> String {
        self.chars
            .iter()
            .filter(|(_, m)| !matches!(m, Mark::Deleted(_)))
            .map(|(c, _)| *c)
            .collect()
    }

    /// Whether any revision changed the text.
    pub fn is_changed(&self) -> bool {
        self.chars.iter().any(|(_, m)| *m != Mark::Kept)
    }

    /// Replaces `range` (bytes of [`Marked::visible`]) by `new`, word by word: words both
    /// share stay untouched, the others are deleted and inserted by `revision`. Text an
    /// earlier revision inserted and this one deletes disappears.
    pub fn replace(&mut self, range: Range<usize>, new: &str, revision: usize) {
        let visible = self.visible();
        let old = &visible[range.clone()];
        // Visible character positions → indices in `self.chars`.
        let positions: Vec<usize> = self
            .chars
            .iter()
            .enumerate()
            .filter(|(_, (_, m))| !matches!(m, Mark::Deleted(_)))
            .map(|(i, _)| i)
            .collect();
        let start_char = visible[..range.start].chars().count();
        let mut out: Vec<(char, Mark)> = Vec::with_capacity(self.chars.len() + new.len());
        let first = positions
            .get(start_char)
            .copied()
            .unwrap_or(self.chars.len());
        out.extend_from_slice(&self.chars[..first]);
        let mut at = start_char; // in visible characters
        let mut copied = first; // in self.chars
        // Copies deleted characters lying before visible character `at`.
        let flush = |out: &mut Vec<(char, Mark)>, copied: &mut usize, until: usize| {
            while *copied < until {
                out.push(self.chars[*copied]);
                *copied += 1;
            }
        };
        for op in word_diff(old, new) {
            match op {
                Op::Equal(text) => {
                    for _ in text.chars() {
                        let i = positions[at];
                        flush(&mut out, &mut copied, i);
                        out.push(self.chars[i]);
                        copied = i + 1;
                        at += 1;
                    }
                }
                Op::Delete(text) => {
                    for _ in text.chars() {
                        let i = positions[at];
                        flush(&mut out, &mut copied, i);
                        let (c, mark) = self.chars[i];
                        // What an earlier revision inserted and this one removes was never
                        // in the text: it goes.
                        if mark == Mark::Kept {
                            out.push((c, Mark::Deleted(revision)));
                        }
                        copied = i + 1;
                        at += 1;
                    }
                }
                Op::Insert(text) => {
                    out.extend(text.chars().map(|c| (c, Mark::Inserted(revision))));
                }
            }
        }
        out.extend_from_slice(&self.chars[copied..]);
        self.chars = out;
    }

    /// The text with its changes in the private-use encoding the document stage reads.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        let mut open = Mark::Kept;
        for &(c, mark) in &self.chars {
            if mark != open {
                if open != Mark::Kept {
                    out.push(CLOSE);
                }
                match mark {
                    Mark::Kept => {}
                    Mark::Inserted(r) => open_mark(&mut out, INSERT, r),
                    Mark::Deleted(r) => open_mark(&mut out, DELETE, r),
                }
                open = mark;
            }
            out.push(c);
        }
        if open != Mark::Kept {
            out.push(CLOSE);
        }
        out
    }
}

fn open_mark(out: &mut String, kind: char, revision: usize) {
    out.push(kind);
    for d in revision.to_string().bytes() {
        out.push(char::from_u32(DIGIT_0 + u32::from(d - b'0')).unwrap_or(END_INDEX));
    }
    out.push(END_INDEX);
}

/// A stretch of encoded text: plain, or the start or end of a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    Text(&'a str),
    Open(Kind, usize),
    Close,
}

/// Reads encoded text back: the stretches in order.
pub fn decode(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let Some(at) = rest.find(is_reserved) else {
            out.push(Token::Text(rest));
            break;
        };
        if at > 0 {
            out.push(Token::Text(&rest[..at]));
        }
        let mut chars = rest[at..].char_indices();
        let (_, marker) = chars.next().unwrap_or((0, CLOSE));
        let mut end = at + marker.len_utf8();
        match marker {
            INSERT | DELETE => {
                let mut index = 0usize;
                for (i, c) in chars {
                    end = at + i + c.len_utf8();
                    match c as u32 {
                        d @ DIGIT_0..=0xe019 => {
                            index = index
                                .saturating_mul(10)
                                .saturating_add((d - DIGIT_0) as usize);
                        }
                        _ => break,
                    }
                }
                let kind = if marker == INSERT {
                    Kind::Insert
                } else {
                    Kind::Delete
                };
                out.push(Token::Open(kind, index));
            }
            CLOSE => out.push(Token::Close),
            // A stray reserved character carries nothing.
            _ => {}
        }
        rest = &rest[end..];
    }
    out
}

/// The encoded text as it reads with its changes accepted: deletions dropped, marks removed.
pub fn accepted(text: &str) -> String {
    let mut out = String::new();
    let mut deleting = Vec::new();
    for token in decode(text) {
        match token {
            Token::Text(t) if !deleting.last().copied().unwrap_or(false) => out.push_str(t),
            Token::Text(_) => {}
            Token::Open(kind, _) => deleting.push(kind == Kind::Delete),
            Token::Close => {
                deleting.pop();
            }
        }
    }
    out
}

/// One step of a word diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op<'a> {
    Equal(&'a str),
    Delete(&'a str),
    Insert(&'a str),
}

/// Words, runs of spaces, single punctuation marks and `{{ … }}` expressions: the units a
/// change is made of, so a variable is never cut in two.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let len = if rest.starts_with("{{") {
            rest.find("}}").map_or(rest.len(), |i| i + 2)
        } else if c.is_alphanumeric() {
            rest.find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\u{ad}'))
                .unwrap_or(rest.len())
        } else if c.is_whitespace() {
            rest.find(|c: char| !c.is_whitespace())
                .unwrap_or(rest.len())
        } else {
            c.len_utf8()
        };
        out.push(&rest[..len]);
        rest = &rest[len..];
    }
    out
}

/// The word-level difference between two texts, deletions before insertions, a lone space
/// between two changes made part of them (« [-a b-]{+c d+} » rather than « [-a-]{+c+} [-b-]{+d+} »).
pub fn word_diff<'a>(old: &'a str, new: &'a str) -> Vec<Op<'a>> {
    let old_tokens = tokens(old);
    let new_tokens = tokens(new);
    let offsets = |tokens: &[&str]| {
        std::iter::once(0)
            .chain(tokens.iter().scan(0, |at, t| {
                *at += t.len();
                Some(*at)
            }))
            .collect::<Vec<usize>>()
    };
    let (old_at, new_at) = (offsets(&old_tokens), offsets(&new_tokens));
    // (changed, old bytes, new bytes) for each step of the token diff.
    let steps: Vec<(bool, Range<usize>, Range<usize>)> =
        similar::capture_diff_slices(similar::Algorithm::Patience, &old_tokens, &new_tokens)
            .iter()
            .map(|op| {
                let (tag, o, n) = op.as_tag_tuple();
                (
                    tag != similar::DiffTag::Equal,
                    old_at[o.start]..old_at[o.end],
                    new_at[n.start]..new_at[n.end],
                )
            })
            .collect();
    let mut merged: Vec<(bool, Range<usize>, Range<usize>)> = Vec::new();
    for (i, (changed, o, n)) in steps.iter().enumerate() {
        let lone_space = !changed
            && old[o.clone()].chars().all(char::is_whitespace)
            && i + 1 < steps.len()
            && steps[i + 1].0;
        match merged.last_mut() {
            // Steps are contiguous: a change, or a lone space between two changes, extends
            // the change before it.
            Some((true, lo, ln)) if *changed || lone_space => {
                lo.end = o.end;
                ln.end = n.end;
            }
            _ => merged.push((*changed, o.clone(), n.clone())),
        }
    }
    let mut out = Vec::new();
    for (changed, o, n) in merged {
        if !changed {
            out.push(Op::Equal(&old[o]));
            continue;
        }
        if !o.is_empty() {
            out.push(Op::Delete(&old[o]));
        }
        if !n.is_empty() {
            out.push(Op::Insert(&new[n]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(m: &Marked) -> String {
        let mut out = String::new();
        for t in decode(&m.encode()) {
            match t {
                Token::Text(s) => out.push_str(s),
                Token::Open(Kind::Insert, r) => out.push_str(&format!("{{+{r}:")),
                Token::Open(Kind::Delete, r) => out.push_str(&format!("[-{r}:")),
                Token::Close => out.push('|'),
            }
        }
        out
    }

    #[test]
    fn words_shared_by_both_texts_stay() {
        let mut m = Marked::new("que les responsables du CPAS se portent garants");
        let at = "que ".len();
        m.replace(
            at..at + "les responsables du".len(),
            "le Bureau permanent du",
            0,
        );
        assert_eq!(
            shown(&m),
            "que [-0:les responsables|{+0:le Bureau permanent| du CPAS se portent garants"
        );
        assert_eq!(
            m.visible(),
            "que le Bureau permanent du CPAS se portent garants"
        );
        assert_eq!(accepted(&m.encode()), m.visible());
    }

    #[test]
    fn a_later_revision_changes_what_an_earlier_one_inserted() {
        let mut m = Marked::new("demande le retrait");
        m.replace(8.."demande le retrait".len(), "le retrait immédiat", 0);
        assert_eq!(m.visible(), "demande le retrait immédiat");
        let v = m.visible();
        let at = v.find("immédiat").unwrap();
        m.replace(at..at + "immédiat".len(), "total", 1);
        assert_eq!(m.visible(), "demande le retrait total");
        // « immédiat », inserted by 0 and removed by 1, is gone; « total » is 1's.
        assert_eq!(shown(&m), "demande le retrait{+0: |{+1:total|");
    }

    #[test]
    fn deleting_words_marks_them() {
        let mut m = Marked::new("un texte inutile et dangereux");
        let at = "un texte ".len();
        m.replace(at..at + "inutile et ".len(), "", 3);
        assert_eq!(shown(&m), "un texte [-3:inutile et |dangereux");
        assert_eq!(m.visible(), "un texte dangereux");
    }

    #[test]
    fn variables_are_never_split() {
        assert_eq!(
            tokens("du {{ council.short }}, vite"),
            ["du", " ", "{{ council.short }}", ",", " ", "vite"]
        );
    }

    #[test]
    fn a_lone_space_joins_the_changes_around_it() {
        let ops = word_diff("a b c", "x y c");
        assert_eq!(ops, [Op::Delete("a b"), Op::Insert("x y"), Op::Equal(" c")]);
    }

    #[test]
    fn indices_survive_the_encoding() {
        let mut m = Marked::new("abc");
        m.replace(0..3, "xyz", 12);
        assert_eq!(
            decode(&m.encode()),
            [
                Token::Open(Kind::Delete, 12),
                Token::Text("abc"),
                Token::Close,
                Token::Open(Kind::Insert, 12),
                Token::Text("xyz"),
                Token::Close
            ]
        );
    }
}
