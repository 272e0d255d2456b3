//! Maps a byte range inside a TOML string's value to the bytes of the file that spell it,
//! through quotes, escapes and line-ending backslashes, so a diagnostic can point at one word.

use std::ops::Range;

use crate::source::{Sources, Span};

/// The span in the file of `range` (byte offsets into the decoded value of the string at `span`).
pub fn inner_span(sources: &Sources, span: &Span, value: &str, range: Range<usize>) -> Span {
    TextMap::new(sources, span, value).span(range)
}

/// The offsets of one string literal, computed once for many spans inside it.
pub struct TextMap {
    whole: Span,
    raw_len: usize,
    map: Option<Vec<usize>>,
}

impl TextMap {
    pub fn new(sources: &Sources, span: &Span, value: &str) -> TextMap {
        let raw = sources.text(span);
        TextMap {
            whole: span.clone(),
            raw_len: raw.len(),
            map: value_offsets(raw, value),
        }
    }

    /// The file span of a byte range of the value (the whole literal if it cannot be mapped).
    pub fn span(&self, range: Range<usize>) -> Span {
        match &self.map {
            Some(map) => {
                let start = map.get(range.start).copied().unwrap_or(self.raw_len);
                let end = map
                    .get(range.end)
                    .copied()
                    .unwrap_or(self.raw_len)
                    .max(start);
                let base = self.whole.range.start;
                Span::new(self.whole.file, base + start..base + end)
            }
            None => self.whole.clone(),
        }
    }
}

/// For each byte offset of the decoded value (and one past the end), the byte offset in `raw`
/// (the literal with its quotes). `None` if `raw` does not decode to `value`.
fn value_offsets(raw: &str, value: &str) -> Option<Vec<usize>> {
    let (quote, literal) = if raw.starts_with("\"\"\"") {
        ("\"\"\"", false)
    } else if raw.starts_with("'''") {
        ("'''", true)
    } else if raw.starts_with('"') {
        ("\"", false)
    } else if raw.starts_with('\'') {
        ("'", true)
    } else {
        return None;
    };
    let multiline = quote.len() == 3;
    let end = raw.len().checked_sub(quote.len())?;
    let mut start = quote.len();
    if multiline {
        // A newline right after the opening delimiter is trimmed (TOML 1.0 §String).
        if raw[start..].starts_with("\r\n") {
            start += 2;
        } else if raw[start..].starts_with('\n') {
            start += 1;
        }
    }
    if start > end {
        return None;
    }
    let body = &raw[start..end];
    let mut map = Vec::with_capacity(value.len() + 1);
    let mut decoded = String::with_capacity(value.len());
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = start + i;
        if literal || c != '\\' {
            push(&mut map, &mut decoded, c, at);
            continue;
        }
        let Some(&(_, e)) = chars.peek() else { break };
        chars.next();
        let simple = match e {
            'b' => Some('\u{8}'),
            't' => Some('\t'),
            'n' => Some('\n'),
            'f' => Some('\u{c}'),
            'r' => Some('\r'),
            'e' => Some('\u{1b}'),
            '"' => Some('"'),
            '\\' => Some('\\'),
            _ => None,
        };
        if let Some(s) = simple {
            push(&mut map, &mut decoded, s, at);
            continue;
        }
        let digits = match e {
            'u' => 4,
            'U' => 8,
            'x' => 2,
            _ => 0,
        };
        if digits > 0 {
            let mut hex = String::new();
            for _ in 0..digits {
                hex.push(chars.next()?.1);
            }
            let c = char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?;
            push(&mut map, &mut decoded, c, at);
        } else if multiline && (e == ' ' || e == '\t' || e == '\r' || e == '\n') {
            // Line-ending backslash: skip all whitespace up to the next non-blank character.
            while let Some(&(_, w)) = chars.peek() {
                if w.is_whitespace() {
                    chars.next();
                } else {
                    break;
                }
            }
        } else {
            return None;
        }
    }
    map.push(end);
    (decoded == value).then_some(map)
}

fn push(map: &mut Vec<usize>, decoded: &mut String, c: char, at: usize) {
    for _ in 0..c.len_utf8() {
        map.push(at);
    }
    decoded.push(c);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn locate(source: &str, value: &str, needle: &str) -> String {
        let mut sources = Sources::new();
        let file = sources.add(Path::new("t.toml"), source.to_string());
        let start = source.find(['"', '\'']).unwrap();
        let span = Span::new(file, start..source.trim_end().len());
        let at = value.find(needle).unwrap();
        let inner = inner_span(&sources, &span, value, at..at + needle.len());
        sources.text(&inner).to_string()
    }

    #[test]
    fn plain_and_literal_strings() {
        assert_eq!(locate("a = \"Vu la loi\"", "Vu la loi", "la"), "la");
        assert_eq!(locate("a = 'C:\\x y'", "C:\\x y", "y"), "y");
    }

    #[test]
    fn escapes_shift_offsets() {
        assert_eq!(locate(r#"a = "a\"b\u00e9 cd""#, "a\"bé cd", "cd"), "cd");
        assert_eq!(locate(r#"a = "a\"b\u00e9 cd""#, "a\"bé cd", "é"), "\\u00e9");
    }

    #[test]
    fn multiline_strings_trim_first_newline_and_continuations() {
        let src = "a = \"\"\"\nUn \\\n   deux trois\"\"\"";
        assert_eq!(locate(src, "Un deux trois", "trois"), "trois");
    }
}
