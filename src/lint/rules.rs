//! The typography rules: each looks at one text and returns findings with byte ranges.
//! Spacing comes from `document::typography` (the renderer applies the same rules); word lists
//! are data (`fr.toml`, `nl.toml`).

use std::ops::Range;

use super::{Finding, Kind, Words};
use crate::document::typography::{self, NBSP, NNBSP};
use crate::spec::Lang;

fn finding(
    rule: &'static str,
    range: Range<usize>,
    message: impl Into<String>,
    replacement: Option<String>,
    safe: bool,
) -> Finding {
    Finding {
        rule,
        range,
        message: message.into(),
        replacement,
        safe,
        error: false,
    }
}

/// Words of a text with their byte ranges: runs of letters, apostrophes and hyphens inside.
pub fn words(text: &str) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let inner = (c == '’' || c == '\'' || c == '-')
            && start.is_some()
            && chars.get(k + 1).is_some_and(|&(_, n)| n.is_alphabetic());
        if c.is_alphabetic() || inner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s..i, &text[s..i]));
        }
    }
    if let Some(s) = start {
        out.push((s..text.len(), &text[s..]));
    }
    out
}

/// Applies every rule for the language and the kind of text.
pub fn check(text: &str, lang: Lang, kind: &Kind, words_data: &Words) -> Vec<Finding> {
    let mut out = Vec::new();
    if lang == Lang::Fr {
        spacing_fr(text, &mut out);
        agreement(text, words_data, &mut out);
        capital_accents(text, words_data, &mut out);
        ligatures(text, words_data, &mut out);
        ordinals(text, &mut out);
    } else {
        spacing_nl(text, &mut out);
    }
    space_before_comma(text, &mut out);
    parentheses(text, &mut out);
    quotes(text, lang, &mut out);
    apostrophes(text, &mut out);
    ellipsis(text, &mut out);
    spaces(text, &mut out);
    comma_space(text, &mut out);
    balance(text, &mut out);
    repeated(text, words_data, &mut out);
    match kind {
        Kind::Verb => verb(text, lang, words_data, &mut out),
        Kind::DemandText { verb } => verb_repeated(text, verb, &mut out),
        Kind::Prose => {}
    }
    out
}

fn spacing_fr(text: &str, out: &mut Vec<Finding>) {
    for edit in typography::spacing_edits(text, true) {
        let what = match edit.rule {
            typography::SpaceRule::BeforeColon => "a no-break space goes before « : »",
            typography::SpaceRule::BeforeSemicolon => "a no-break space goes before « ; »",
            typography::SpaceRule::BeforeExclamation => "a no-break space goes before « ! »",
            typography::SpaceRule::BeforeQuestion => "a no-break space goes before « ? »",
            typography::SpaceRule::InsideGuillemets => "no-break spaces go inside « »",
        };
        out.push(finding(
            edit.rule.id(),
            edit.range,
            what,
            Some(edit.space.to_string()),
            true,
        ));
    }
}

fn spacing_nl(text: &str, out: &mut Vec<Finding>) {
    for (i, c) in text.char_indices() {
        if matches!(c, ':' | ';' | '!' | '?') {
            let before = &text[..i];
            let trimmed = before.trim_end_matches([' ', NBSP, NNBSP]);
            if trimmed.len() < before.len() && !trimmed.is_empty() {
                out.push(finding(
                    "nl-no-space-before-punctuation",
                    trimmed.len()..i,
                    format!("Dutch puts no space before « {c} »"),
                    Some(String::new()),
                    true,
                ));
            }
        }
    }
}

fn space_before_comma(text: &str, out: &mut Vec<Finding>) {
    for (i, c) in text.char_indices() {
        if c != ',' && c != '.' {
            continue;
        }
        // « … . » after an ellipsis or a number like « .5 » is left alone.
        if c == '.' && text[i + 1..].starts_with(|n: char| n.is_ascii_digit() || n == '.') {
            continue;
        }
        let before = &text[..i];
        let trimmed = before.trim_end_matches(' ');
        if trimmed.len() < before.len()
            && trimmed.ends_with(|p: char| p.is_alphanumeric() || p == ')' || p == '»')
        {
            let rule = if c == ',' {
                "no-space-before-comma"
            } else {
                "no-space-before-period"
            };
            out.push(finding(
                rule,
                trimmed.len()..i,
                format!("no space before « {c} »"),
                Some(String::new()),
                true,
            ));
        }
    }
}

fn parentheses(text: &str, out: &mut Vec<Finding>) {
    for (i, c) in text.char_indices() {
        if c == '(' || c == '[' {
            let after = &text[i + 1..];
            let spaces = after.len() - after.trim_start_matches(' ').len();
            if spaces > 0 && !after[spaces..].is_empty() && !after[spaces..].starts_with('\n') {
                out.push(finding(
                    "no-space-inside-parentheses",
                    i + 1..i + 1 + spaces,
                    format!("no space after « {c} »"),
                    Some(String::new()),
                    true,
                ));
            }
        } else if c == ')' || c == ']' {
            let before = &text[..i];
            let trimmed = before.trim_end_matches(' ');
            if trimmed.len() < before.len() && !trimmed.is_empty() && !trimmed.ends_with('\n') {
                out.push(finding(
                    "no-space-inside-parentheses",
                    trimmed.len()..i,
                    format!("no space before « {c} »"),
                    Some(String::new()),
                    true,
                ));
            }
        }
    }
}

/// Straight double quotes in pairs become « » (French) or “ ” (Dutch).
fn quotes(text: &str, lang: Lang, out: &mut Vec<Finding>) {
    let positions: Vec<usize> = text.match_indices('"').map(|(i, _)| i).collect();
    let (open, close, rule) = match lang {
        Lang::Fr => ("«\u{202f}", "\u{202f}»", "fr-quotes"),
        Lang::Nl => ("“", "”", "nl-quotes"),
    };
    let safe = positions.len().is_multiple_of(2);
    for (k, &i) in positions.iter().enumerate() {
        let opening = k % 2 == 0;
        let mut range = i..i + 1;
        // The spaces next to the quotes are replaced by the no-break ones.
        if lang == Lang::Fr {
            if opening && text[i + 1..].starts_with(' ') {
                range.end += 1;
            }
            if !opening && text[..i].ends_with(' ') {
                range.start -= 1;
            }
        }
        let replacement = if opening { open } else { close };
        out.push(finding(
            rule,
            range,
            format!("straight quote: write « {} »", replacement.trim()),
            Some(replacement.to_string()),
            safe,
        ));
    }
}

fn apostrophes(text: &str, out: &mut Vec<Finding>) {
    for (i, _) in text.match_indices('\'') {
        let before = text[..i].chars().next_back();
        if before.is_some_and(char::is_alphabetic)
            || text[i + 1..].starts_with(|c: char| c.is_alphabetic())
        {
            out.push(finding(
                "apostrophe",
                i..i + 1,
                "straight apostrophe: write « ’ »",
                Some("’".into()),
                true,
            ));
        }
    }
}

fn ellipsis(text: &str, out: &mut Vec<Finding>) {
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < bytes.len() {
        let (i, c) = bytes[k];
        if c == '.' || c == '…' {
            let mut j = k;
            let mut dots = 0;
            let mut ellipses = 0;
            while j < bytes.len() && (bytes[j].1 == '.' || bytes[j].1 == '…') {
                if bytes[j].1 == '.' {
                    dots += 1;
                } else {
                    ellipses += 1;
                }
                j += 1;
            }
            let end = bytes.get(j).map_or(text.len(), |&(e, _)| e);
            if (ellipses == 0 && dots >= 3) || (ellipses >= 1 && dots + ellipses >= 2) {
                out.push(finding(
                    "ellipsis",
                    i..end,
                    format!("« {} » is one ellipsis « … »", &text[i..end]),
                    Some("…".into()),
                    true,
                ));
            }
            k = j;
        } else {
            k += 1;
        }
    }
}

fn spaces(text: &str, out: &mut Vec<Finding>) {
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c == ' ' || c == '\t' {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            let run = s..i;
            let line_end = c == '\n' || (c == '\r' && text[i..].starts_with("\r\n"));
            // Two spaces or more before a line end are Markdown's hard line break: kept.
            let hard_break = run.len() >= 2 && text[run.clone()].chars().all(|c| c == ' ');
            if line_end && hard_break {
                continue;
            }
            if line_end {
                out.push(finding(
                    "trailing-space",
                    run,
                    "space at the end of a line",
                    Some(String::new()),
                    true,
                ));
            } else if run.len() > 1 && s > 0 && !text[..s].ends_with('\n') {
                out.push(finding(
                    "double-space",
                    run,
                    "several spaces in a row",
                    Some(" ".into()),
                    true,
                ));
            }
        }
    }
    if let Some(s) = start
        && s > 0
    {
        out.push(finding(
            "trailing-space",
            s..text.len(),
            "space at the end of the text",
            Some(String::new()),
            true,
        ));
    }
}

fn comma_space(text: &str, out: &mut Vec<Finding>) {
    for (i, _) in text.match_indices(',') {
        let next = text[i + 1..].chars().next();
        let prev = text[..i].chars().next_back();
        if next.is_some_and(char::is_alphabetic) && !prev.is_some_and(|p| p.is_ascii_digit()) {
            out.push(finding(
                "space-after-comma",
                i + 1..i + 1,
                "a space goes after « , »",
                Some(" ".into()),
                true,
            ));
        }
    }
}

/// Brackets and quotes that open and never close, or close without opening.
fn balance(text: &str, out: &mut Vec<Finding>) {
    // Dutch also opens low: „…”.
    let pairs = [('(', ')'), ('[', ']'), ('«', '»'), ('“', '”'), ('„', '”')];
    let mut stack: Vec<(char, usize)> = Vec::new();
    for (i, c) in text.char_indices() {
        if let Some(&(open, _)) = pairs.iter().find(|(o, _)| *o == c) {
            stack.push((open, i));
        } else if pairs.iter().any(|(_, cl)| *cl == c) {
            let openers: Vec<char> = pairs
                .iter()
                .filter(|(_, cl)| *cl == c)
                .map(|(o, _)| *o)
                .collect();
            // « a) », « 2) », « iv) » number a list: they close nothing on purpose.
            let token = text[..i]
                .rsplit(|c: char| c.is_whitespace() || c == '(')
                .next()
                .unwrap_or("");
            let roman = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];
            let enumeration = c == ')'
                && (token.chars().count() == 1 && token.chars().all(char::is_alphabetic)
                    || (1..=3).contains(&token.len()) && token.chars().all(|d| d.is_ascii_digit())
                    || roman.contains(&token));
            match stack.iter().rposition(|(o, _)| openers.contains(o)) {
                Some(k) => {
                    stack.truncate(k);
                }
                None if enumeration => {}
                None => out.push(finding(
                    "unbalanced",
                    i..i + c.len_utf8(),
                    format!("« {c} » closes nothing"),
                    None,
                    false,
                )),
            }
        }
    }
    for (open, i) in stack {
        let close = pairs.iter().find(|(o, _)| *o == open).map_or(')', |p| p.1);
        out.push(finding(
            "unbalanced",
            i..i + open.len_utf8(),
            format!("« {open} » is never closed by « {close} »"),
            None,
            false,
        ));
    }
}

/// « le le », « de de » and articles that contradict each other (« un une »).
fn repeated(text: &str, data: &Words, out: &mut Vec<Finding>) {
    let words = words(text);
    for pair in words.windows(2) {
        let ((r1, w1), (r2, w2)) = (&pair[0], &pair[1]);
        // Only words separated by plain spaces.
        if !text[r1.end..r2.start].chars().all(|c| c == ' ') {
            continue;
        }
        let (a, b) = (w1.to_lowercase(), w2.to_lowercase());
        let legit = ["nous", "vous", "dat", "die", "que", "si"];
        if a == b && !legit.contains(&a.as_str()) {
            out.push(finding(
                "repeated-word",
                r1.end..r2.end,
                format!("« {w1} » is written twice"),
                Some(String::new()),
                false,
            ));
        } else if data.conflicts.iter().any(|(x, y)| *x == a && *y == b) {
            out.push(finding(
                "conflicting-words",
                r1.start..r2.end,
                format!("« {w1} {w2} »: one of the two words is too many"),
                None,
                false,
            ));
        }
    }
}

fn capitalize_like(model: &str, word: &str) -> String {
    if model.chars().next().is_some_and(char::is_uppercase) {
        let mut c = word.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    } else {
        word.to_string()
    }
}

/// « Un proposition » → « Une proposition », « une projet » → « un projet ».
fn agreement(text: &str, data: &Words, out: &mut Vec<Finding>) {
    // « le », « la » are also pronouns (« comme le demande la Fédération »): they are checked
    // only where an article is certain, at the start of a sentence or after a preposition.
    const PREPOSITIONS: [&str; 14] = [
        "de", "à", "pour", "par", "sur", "dans", "avec", "sans", "contre", "vers", "selon", "chez",
        "entre", "envers",
    ];
    let words = words(text);
    for (k, pair) in words.windows(2).enumerate() {
        let ((r1, article), (r2, noun)) = (&pair[0], &pair[1]);
        if !text[r1.end..r2.start].chars().all(|c| c == ' ') {
            continue;
        }
        let noun = noun.to_lowercase();
        let article_certain = || {
            let before = text[..r1.start].trim_end();
            before.is_empty()
                || before.ends_with(['.', '!', '?', ':', '\n', '«', '('])
                || k.checked_sub(1).is_some_and(|p| {
                    let prev = &words[p];
                    PREPOSITIONS.contains(&prev.1.to_lowercase().as_str())
                        && text[prev.0.end..r1.start].chars().all(|c| c == ' ')
                })
        };
        let wanted = match article.to_lowercase().as_str() {
            "un" if data.feminine.contains(&noun) => "une",
            "une" if data.masculine.contains(&noun) => "un",
            "le" if data.feminine.contains(&noun) && article_certain() => "la",
            "la" if data.masculine.contains(&noun) && article_certain() => "le",
            _ => continue,
        };
        let replacement = capitalize_like(article, wanted);
        let gender = if wanted == "une" || wanted == "la" {
            "feminine"
        } else {
            "masculine"
        };
        out.push(finding(
            "fr-agreement",
            r1.clone(),
            format!("« {article} {noun} »: « {noun} » is {gender}"),
            Some(replacement),
            false,
        ));
    }
}

/// « Ecoles » → « Écoles », « A quand » → « À quand ».
fn capital_accents(text: &str, data: &Words, out: &mut Vec<Finding>) {
    for (range, word) in words(text) {
        let mut chars = word.chars();
        let accented = match chars.next() {
            Some('E') => 'é',
            Some('A') => 'à',
            _ => continue,
        };
        let rest: String = chars.collect();
        // A capital A alone is « À » only where a sentence starts (not « plan A », « annexe A »).
        let sentence_start = {
            let before = text[..range.start].trim_end_matches([' ', '\u{a0}', '\u{202f}']);
            before.is_empty() || before.ends_with(['.', '!', '?', '…', '\n', '«', '"', '('])
        };
        if rest.is_empty() && !sentence_start {
            continue;
        }
        if rest.chars().any(char::is_uppercase) {
            continue;
        }
        let candidate = format!("{accented}{rest}").to_lowercase();
        if data.capital_accents.contains(&candidate) {
            let fixed = capitalize_like(word, &candidate);
            out.push(finding(
                "fr-capital-accent",
                range,
                format!("French capitals keep their accent: « {fixed} »"),
                Some(fixed),
                false,
            ));
        }
    }
}

/// « oeuvre » → « œuvre », « Coeur » → « Cœur », « VOEUX » → « VŒUX ».
fn ligatures(text: &str, data: &Words, out: &mut Vec<Finding>) {
    for (range, word) in words(text) {
        let lower = word.to_lowercase();
        if !data.ligatures.contains(&lower) {
            continue;
        }
        let fixed = lower.replacen("oe", "œ", 1);
        let fixed = if word.chars().count() > 1 && word.chars().all(|c| !c.is_lowercase()) {
            fixed.to_uppercase()
        } else {
            capitalize_like(word, &fixed)
        };
        out.push(finding(
            "fr-oe-ligature",
            range,
            format!("write « {fixed} » with the ligature « œ »"),
            Some(fixed),
            true,
        ));
    }
}

/// « 2ème » → « 2e », « 1ère » → « 1re », « 1°r » → « 1er », « 1 janvier » → « 1er janvier ».
fn ordinals(text: &str, out: &mut Vec<Finding>) {
    let months = Lang::Fr.months();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        if !chars[k].1.is_ascii_digit() || (k > 0 && chars[k - 1].1.is_alphanumeric()) {
            k += 1;
            continue;
        }
        let start = chars[k].0;
        let mut j = k;
        while j < chars.len() && chars[j].1.is_ascii_digit() {
            j += 1;
        }
        let digits_end = chars.get(j).map_or(text.len(), |c| c.0);
        let number = &text[start..digits_end];
        let rest = &text[digits_end..];
        let suffix_end = |len: usize| digits_end + len;
        let wrong = ["ième", "ème", "eme", "è"].iter().find(|s| {
            rest.starts_with(**s) && !rest[s.len()..].starts_with(|c: char| c.is_alphabetic())
        });
        if let Some(s) = wrong {
            let fixed = if number == "1" {
                "1er".to_string()
            } else {
                format!("{number}e")
            };
            out.push(finding(
                "fr-ordinal",
                start..suffix_end(s.len()),
                format!("ordinals are written « {fixed} »"),
                Some(fixed),
                true,
            ));
        } else if let Some(len) = ["ère", "ere"]
            .iter()
            .find(|s| number == "1" && rest.starts_with(**s))
            .map(|s| s.len())
            .filter(|&len| !rest[len..].starts_with(|c: char| c.is_alphabetic()))
        {
            out.push(finding(
                "fr-ordinal",
                start..suffix_end(len),
                "ordinals are written « 1re »",
                Some("1re".into()),
                true,
            ));
        } else if number == "1" && rest.starts_with("°r") {
            // « 1°r » is a typo of « 1er »; « 1° », « 2° » alone are the Belgian legal
            // enumeration and stay.
            out.push(finding(
                "fr-ordinal",
                start..suffix_end("°r".len()),
                "ordinals are written « 1er »",
                Some("1er".into()),
                true,
            ));
        } else if number == "1"
            && rest.starts_with(' ')
            && months.iter().any(|m| rest[1..].starts_with(m))
        {
            out.push(finding(
                "fr-ordinal",
                start..digits_end,
                "the first of the month is « 1er »: « 1er janvier »",
                Some("1er".into()),
                true,
            ));
        }
        k = j;
    }
}

/// A demand's verb: an operative verb, in the third person present.
fn verb(text: &str, lang: Lang, data: &Words, out: &mut Vec<Finding>) {
    let Some((range, first)) = words(text).into_iter().next() else {
        return;
    };
    let lower = first.to_lowercase().replace('\'', "’");
    let head = lower.split('’').next().unwrap_or(&lower);
    let known = data.verbs.contains(&lower)
        || (lower.contains('’') && data.verbs.contains(&format!("{head}’")));
    if known
        || data
            .verbs
            .iter()
            .any(|v| lower.starts_with(v.as_str()) && v.ends_with('’'))
    {
        return;
    }
    let infinitive = match lang {
        // « -re » verbs conjugate to « -ère » (« suggère »): only a bare « -re » is infinitive.
        Lang::Fr => {
            lower.ends_with("er")
                || lower.ends_with("ir")
                || (lower.ends_with("re") && !lower.ends_with("ère"))
        }
        Lang::Nl => lower.ends_with("en"),
    };
    let example = match lang {
        Lang::Fr => "« demande », « dénonce », « s’engage »",
        Lang::Nl => "« vraagt », « veroordeelt », « roept … op »",
    };
    let message = if infinitive {
        format!(
            "« {first} » looks like an infinitive: a demand opens with a verb in the third person present ({example})"
        )
    } else {
        format!("« {first} » is not a known operative verb ({example})")
    };
    out.push(finding("operative-verb", range, message, None, false));
}

/// « demande » + « demande que … »: the verb written twice.
pub fn verb_repeated(text: &str, verb: &str, out: &mut Vec<Finding>) {
    let first_verb = words(verb)
        .into_iter()
        .next()
        .map(|(_, w)| w.to_lowercase());
    let Some((range, first)) = words(text).into_iter().next() else {
        return;
    };
    if first_verb.as_deref() == Some(first.to_lowercase().as_str())
        && text[..range.start].trim().is_empty()
    {
        let end = text[range.end..]
            .find(|c: char| c != ' ')
            .map_or(text.len(), |n| range.end + n);
        let mut f = finding(
            "verb-repeated",
            range.start..end,
            format!("the text starts with its verb « {first} » again: « {verb} {text} »"),
            Some(String::new()),
            false,
        );
        f.error = true;
        out.push(f);
    }
}
