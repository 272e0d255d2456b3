//! Checks a forked `theme.toml` before anything is laid out: the page has room for text, every
//! length fits on it, and each problem is reported at the value that causes it
//! (`theme.toml:line:column`), so a theme never prints fragments like « Titr… » or drops text.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::theme::{Length, StyleSpec, ThemeSpec};

/// Millimetres in points.
fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

/// The smallest and largest page (a business card, a large poster), and the least room a page
/// must leave for text.
const MIN_PAGE: f32 = 50.0;
const MAX_PAGE: f32 = 1500.0;
const MIN_TEXT: f32 = 40.0;

/// A problem, the key path it is about (`page.margin-left`), and what the value should be.
pub struct Problem {
    pub message: String,
    pub path: Vec<String>,
}

/// Every problem of a theme, in file order of the checks.
pub fn problems(theme: &ThemeSpec) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut problem = |path: &[&str], message: String| {
        out.push(Problem {
            message,
            path: path.iter().map(|s| s.to_string()).collect(),
        });
    };
    let page = &theme.page;
    let show = |l: Length| format!("{:.1} mm", l.pt() * 25.4 / 72.0);
    for (key, value) in [("width", page.width), ("height", page.height)] {
        if !(mm(MIN_PAGE)..=mm(MAX_PAGE)).contains(&value.pt()) {
            problem(
                &["page", key],
                format!(
                    "the page {key} is {}: a page is between {MIN_PAGE} mm and {MAX_PAGE} mm",
                    show(value)
                ),
            );
        }
    }
    for key in [
        "margin-top",
        "margin-bottom",
        "margin-left",
        "margin-right",
        "header-distance",
        "footer-distance",
    ] {
        let value = match key {
            "margin-top" => page.margin_top,
            "margin-bottom" => page.margin_bottom,
            "margin-left" => page.margin_left,
            "margin-right" => page.margin_right,
            "header-distance" => page.header_distance,
            _ => page.footer_distance,
        };
        if value.pt() < 0.0 {
            problem(
                &["page", key],
                format!("`{key}` is negative ({})", show(value)),
            );
        }
    }
    let text_width = page.width.pt() - page.margin_left.pt() - page.margin_right.pt();
    let text_height = page.height.pt() - page.margin_top.pt() - page.margin_bottom.pt();
    if text_width < mm(MIN_TEXT) {
        problem(
            &["page", "margin-left"],
            format!(
                "the margins leave {:.1} mm of the page's {} width for text; at least {MIN_TEXT} mm are needed",
                text_width * 25.4 / 72.0,
                show(page.width)
            ),
        );
    }
    if text_height < mm(MIN_TEXT) {
        problem(
            &["page", "margin-top"],
            format!(
                "the margins leave {:.1} mm of the page's {} height for text; at least {MIN_TEXT} mm are needed",
                text_height * 25.4 / 72.0,
                show(page.height)
            ),
        );
    }
    if page.header_distance.pt() > page.margin_top.pt() {
        problem(
            &["page", "header-distance"],
            format!(
                "the header ({} from the top) would sit in the text, which starts {} from the top",
                show(page.header_distance),
                show(page.margin_top)
            ),
        );
    }
    if page.footer_distance.pt() > page.margin_bottom.pt() {
        problem(
            &["page", "footer-distance"],
            format!(
                "the footer ({} from the bottom) would sit in the text, which ends {} from the bottom",
                show(page.footer_distance),
                show(page.margin_bottom)
            ),
        );
    }
    let logo = theme.logo.height.pt();
    if !(1.0..=mm(100.0)).contains(&logo) {
        problem(
            &["logo", "height"],
            format!(
                "the logo height is {}: between 1 pt and 100 mm",
                show(theme.logo.height)
            ),
        );
    }
    if theme.line_numbers.every == 0 {
        problem(
            &["line-numbers", "every"],
            "`every` is 0: number every n-th line, n at least 1".into(),
        );
    }
    for (key, style) in &theme.styles {
        style_problems(key, style, text_width, text_height, &mut problem);
    }
    out
}

fn style_problems(
    key: &str,
    style: &StyleSpec,
    text_width: f32,
    text_height: f32,
    problem: &mut impl FnMut(&[&str], String),
) {
    let at = |field: &'static str| ["styles", key, field];
    if let Some(size) = style.font_size
        && !(4.0..=96.0).contains(&size.pt())
    {
        problem(
            &at("font-size"),
            format!(
                "`[styles.{key}]` font-size {:.1}pt is outside 4–96pt",
                size.pt()
            ),
        );
    }
    if let Some(lh) = style.line_height
        && !(0.8..=4.0).contains(&lh)
    {
        problem(
            &at("line-height"),
            format!("`[styles.{key}]` line-height {lh} is outside 0.8–4"),
        );
    }
    for (field, value) in [
        ("space-before", style.space_before),
        ("space-after", style.space_after),
    ] {
        if let Some(v) = value
            && !(0.0..=text_height / 3.0).contains(&v.pt())
        {
            problem(
                &at(field),
                format!(
                    "`[styles.{key}]` {field} is {:.1} pt: between 0 and a third of the text's height ({:.0} pt)",
                    v.pt(),
                    text_height / 3.0
                ),
            );
        }
    }
    let room = text_width - mm(30.0);
    for (field, value) in [
        ("indent-left", style.indent_left),
        ("indent-right", style.indent_right),
        ("hanging", style.hanging),
    ] {
        if let Some(v) = value
            && !(0.0..=room).contains(&v.pt())
        {
            problem(
                &at(field),
                format!(
                    "`[styles.{key}]` {field} is {:.1} mm: between 0 and {:.1} mm, so that 30 mm of the line are left for text",
                    v.pt() * 25.4 / 72.0,
                    room * 25.4 / 72.0
                ),
            );
        }
    }
    if let Some(v) = style.indent_first
        && v.pt().abs() > room
    {
        problem(
            &at("indent-first"),
            format!(
                "`[styles.{key}]` indent-first is {:.1} mm, wider than the line",
                v.pt() * 25.4 / 72.0
            ),
        );
    }
    let sum =
        style.indent_left.map_or(0.0, Length::pt) + style.indent_right.map_or(0.0, Length::pt);
    if sum > room {
        problem(
            &at("indent-left"),
            format!(
                "`[styles.{key}]` indents leave less than 30 mm of the line for text ({:.1} mm of indents)",
                sum * 25.4 / 72.0
            ),
        );
    }
}

/// The byte range of the value at `path` in a TOML text (the table's header when the key is
/// not written, the file's start when nothing is).
pub fn span_of(text: &str, path: &[String]) -> Range<usize> {
    let Ok(root) = DeTable::parse(text) else {
        return 0..0;
    };
    let mut table = root.get_ref();
    let mut best = 0..0;
    for (i, key) in path.iter().enumerate() {
        let Some((k, value)) = table.get_key_value(key.as_str()) else {
            return best;
        };
        best = if i + 1 == path.len() {
            value.span()
        } else {
            k.span()
        };
        match value.get_ref() {
            DeValue::Table(t) => table = t,
            _ => return best,
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme(edit: &str) -> (String, Vec<Problem>) {
        let text = include_str!("../../templates/default/theme.toml").replacen(
            edit.split(" => ").next().unwrap(),
            edit.split(" => ").nth(1).unwrap(),
            1,
        );
        let spec: ThemeSpec = toml::from_str(&text).unwrap();
        (text.clone(), problems(&spec))
    }

    #[test]
    fn the_default_theme_is_sound() {
        let spec: ThemeSpec =
            toml::from_str(include_str!("../../templates/default/theme.toml")).unwrap();
        assert!(problems(&spec).is_empty());
    }

    #[test]
    fn a_page_without_room_is_refused_at_its_key() {
        for (edit, path) in [
            (
                "margin-left = \"25mm\" => margin-left = \"200mm\"",
                "page.margin-left",
            ),
            (
                "margin-left = \"25mm\" => margin-left = \"-5mm\"",
                "page.margin-left",
            ),
            ("width = \"210mm\" => width = \"1mm\"", "page.width"),
            ("width = \"210mm\" => width = \"100000mm\"", "page.width"),
            (
                "indent-left = \"10mm\" => indent-left = \"500mm\"",
                "styles.demands.indent-left",
            ),
        ] {
            let (text, found) = theme(edit);
            let p = found
                .first()
                .unwrap_or_else(|| panic!("{edit}: no problem"));
            assert_eq!(p.path.join("."), path, "{edit}: {}", p.message);
            let span = span_of(&text, &p.path);
            let value = &text[span];
            assert!(
                value.contains(
                    edit.split(" => ")
                        .nth(1)
                        .unwrap()
                        .split('"')
                        .nth(1)
                        .unwrap()
                ),
                "{edit}: {value}"
            );
        }
    }
}
