//! Inline content: text, character styles, superscript (ordinal suffixes), change marks, line
//! breaks and page fields; and [`pieces`], the one flattening every backend reads, so that
//! nested styles mean the same thing in the PDF, the DOCX, the HTML and the text.

use crate::vocab::Date;

/// Inline content.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    /// Text in a character style (`strong`, `emphasis`, `verb` …).
    Styled {
        style: String,
        children: Vec<Inline>,
    },
    /// Raised and smaller: the suffix of an ordinal (« 1er », « 2e », « 1ste »).
    Superscript(Vec<Inline>),
    /// Text inserted or deleted by a change (an amendment, a diff).
    Change {
        change: Change,
        children: Vec<Inline>,
    },
    LineBreak,
    Field(Field),
}

/// A value the page layout fills in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    PageNumber,
    PageCount,
}

/// Whether changed text was inserted or deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    Insert,
    Delete,
}

impl ChangeKind {
    pub fn code(self) -> &'static str {
        match self {
            ChangeKind::Insert => "insert",
            ChangeKind::Delete => "delete",
        }
    }
}

/// What changed a piece of text: its kind, the id of the change (an amendment's `A1`) and
/// who made it, when.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub kind: ChangeKind,
    pub id: String,
    pub author: Option<String>,
    pub date: Option<Date>,
}

/// The text of inlines, fields left out; deleted text is left out too (the text as it reads
/// once the changes are accepted).
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for piece in pieces(inlines) {
        match piece.kind {
            PieceKind::Text(t) if !piece.is_deleted() => out.push_str(t),
            PieceKind::LineBreak => out.push('\n'),
            _ => {}
        }
    }
    out
}

/// A run of inline content with everything that applies to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece<'a> {
    pub kind: PieceKind<'a>,
    /// Character styles, outermost first (`["strong", "emphasis"]` for `***…***`).
    pub styles: Vec<&'a str>,
    pub superscript: bool,
    /// The innermost change mark over this piece.
    pub change: Option<&'a Change>,
}

impl Piece<'_> {
    pub fn is_deleted(&self) -> bool {
        self.change.is_some_and(|c| c.kind == ChangeKind::Delete)
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PieceKind<'a> {
    Text(&'a str),
    LineBreak,
    Field(Field),
}

/// Inline content as a flat sequence of pieces, in reading order.
pub fn pieces(inlines: &[Inline]) -> Vec<Piece<'_>> {
    fn walk<'a>(
        inlines: &'a [Inline],
        styles: &mut Vec<&'a str>,
        superscript: bool,
        change: Option<&'a Change>,
        out: &mut Vec<Piece<'a>>,
    ) {
        for inline in inlines {
            let piece = |kind| Piece {
                kind,
                styles: styles.clone(),
                superscript,
                change,
            };
            match inline {
                Inline::Text(t) => out.push(piece(PieceKind::Text(t))),
                Inline::LineBreak => out.push(piece(PieceKind::LineBreak)),
                Inline::Field(f) => out.push(piece(PieceKind::Field(*f))),
                Inline::Styled { style, children } => {
                    styles.push(style);
                    walk(children, styles, superscript, change, out);
                    styles.pop();
                }
                Inline::Superscript(children) => walk(children, styles, true, change, out),
                Inline::Change {
                    change: c,
                    children,
                } => walk(children, styles, superscript, Some(c), out),
            }
        }
    }
    let mut out = Vec::new();
    walk(inlines, &mut Vec::new(), false, None, &mut out);
    out
}

/// What wraps the children of a container inline, to rebuild it around other children.
#[derive(Debug, Clone, PartialEq)]
pub enum Wrapper {
    Styled(String),
    Superscript,
    Change(Change),
}

impl Wrapper {
    pub fn wrap(self, children: Vec<Inline>) -> Inline {
        match self {
            Wrapper::Styled(style) => Inline::Styled { style, children },
            Wrapper::Superscript => Inline::Superscript(children),
            Wrapper::Change(change) => Inline::Change { change, children },
        }
    }
}

impl Inline {
    /// A container's wrapper and children; a leaf (text, break, field) is given back.
    pub fn into_container(self) -> Result<(Wrapper, Vec<Inline>), Inline> {
        match self {
            Inline::Styled { style, children } => Ok((Wrapper::Styled(style), children)),
            Inline::Superscript(children) => Ok((Wrapper::Superscript, children)),
            Inline::Change { change, children } => Ok((Wrapper::Change(change), children)),
            leaf => Err(leaf),
        }
    }

    /// The children of a container inline.
    pub fn children(&self) -> Option<&[Inline]> {
        match self {
            Inline::Styled { children, .. }
            | Inline::Superscript(children)
            | Inline::Change { children, .. } => Some(children),
            _ => None,
        }
    }
}

/// Applies `f` to every text run of the inlines, in place.
pub fn map_text(inlines: &mut [Inline], f: &mut dyn FnMut(&mut String)) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => f(t),
            Inline::Styled { children, .. }
            | Inline::Superscript(children)
            | Inline::Change { children, .. } => map_text(children, f),
            Inline::LineBreak | Inline::Field(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn nested_styles_are_all_kept() {
        let inlines = vec![Inline::Styled {
            style: "strong".into(),
            children: vec![
                text("a"),
                Inline::Styled {
                    style: "emphasis".into(),
                    children: vec![text("b")],
                },
            ],
        }];
        let p = pieces(&inlines);
        assert_eq!(p[0].styles, ["strong"]);
        assert_eq!(p[1].styles, ["strong", "emphasis"]);
    }

    #[test]
    fn deleted_text_is_not_plain_text() {
        let change = |kind| Change {
            kind,
            id: "A1".into(),
            author: None,
            date: None,
        };
        let inlines = vec![
            text("les "),
            Inline::Change {
                change: change(ChangeKind::Delete),
                children: vec![text("responsables")],
            },
            Inline::Change {
                change: change(ChangeKind::Insert),
                children: vec![text("membres")],
            },
        ];
        assert_eq!(plain_text(&inlines), "les membres");
    }
}
