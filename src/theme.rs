//! `theme.toml`: page, fonts, numbering and the paragraph and character styles of a template.
//! Read by the template stage, consumed by every backend; lengths are in points once parsed.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Deserializer};

/// A length in PostScript points, written in the theme as `"25mm"`, `"1.5cm"`, `"11pt"`,
/// `"0.5in"` or a bare number of points.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Length(pub f32);

impl Length {
    pub fn pt(self) -> f32 {
        self.0
    }

    /// Twentieths of a point, the unit of most DOCX measures.
    #[expect(
        clippy::cast_possible_truncation,
        reason = "lengths are checked against the page (theme_check): far inside i64; `as` saturates"
    )]
    pub fn twips(self) -> i64 {
        (self.0 * 20.0).round() as i64
    }

    pub fn parse(s: &str) -> Option<Length> {
        let s = s.trim();
        let split = s
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
            .unwrap_or(s.len());
        let (number, unit) = s.split_at(split);
        let n: f32 = number.parse().ok()?;
        let factor = match unit.trim() {
            "" | "pt" => 1.0,
            "mm" => 72.0 / 25.4,
            "cm" => 72.0 / 2.54,
            "in" => 72.0,
            _ => return None,
        };
        n.is_finite().then_some(Length(n * factor))
    }
}

impl<'de> Deserialize<'de> for Length {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Number(f64),
            Text(String),
        }
        match Raw::deserialize(d)? {
            #[expect(
                clippy::cast_possible_truncation,
                reason = "a length in points; theme_check refuses what does not fit a page"
            )]
            Raw::Number(n) => Ok(Length(n as f32)),
            Raw::Text(s) => Length::parse(&s).ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "invalid length `{s}`: write a number with a unit, like \"25mm\", \"1.5cm\" or \"11pt\""
                ))
            }),
        }
    }
}

/// Horizontal alignment of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    #[default]
    Justify,
    Left,
    Center,
    Right,
}

/// An sRGB colour, written `"#1f3a5f"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Color(pub [u8; 3]);

impl Color {
    pub fn hex(self) -> String {
        format!("{:02X}{:02X}{:02X}", self.0[0], self.0[1], self.0[2])
    }
}

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let hex = s.strip_prefix('#').unwrap_or(&s);
        let parse = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        match (hex.len(), parse(0), parse(2), parse(4)) {
            (6, Some(r), Some(g), Some(b)) => Ok(Color([r, g, b])),
            _ => Err(serde::de::Error::custom(format!(
                "invalid colour `{s}`: write it as \"#rrggbb\""
            ))),
        }
    }
}

/// How demands are numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Numbering {
    /// « 1. », « 2. » …
    #[default]
    Decimal,
    /// « Article 1er », « Article 2 » … (the word comes from the labels)
    Article,
}

/// Page geometry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Page {
    #[serde(default = "a4_width")]
    pub width: Length,
    #[serde(default = "a4_height")]
    pub height: Length,
    pub margin_top: Length,
    pub margin_bottom: Length,
    pub margin_left: Length,
    pub margin_right: Length,
    /// From the top edge to the header's baseline.
    pub header_distance: Length,
    /// From the bottom edge to the footer's baseline.
    pub footer_distance: Length,
}

fn a4_width() -> Length {
    Length(595.276)
}

fn a4_height() -> Length {
    Length(841.89)
}

/// Font files, relative to the template folder.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FontFiles {
    /// Family name written in DOCX and HTML output.
    pub family: String,
    pub regular: String,
    pub italic: String,
    pub bold: String,
    pub bold_italic: String,
}

/// Line numbers in the margin, for amendments (« page 2, ligne 15 »).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LineNumbers {
    /// Variants that carry line numbers (`["projet"]`).
    #[serde(default)]
    pub variants: Vec<String>,
    /// Number every n-th line.
    #[serde(default = "five")]
    pub every: u32,
}

fn five() -> u32 {
    5
}

/// French typography applied at render time.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Typography {
    /// Narrow no-break space (U+202F) before `; ! ?` and inside « »; else U+00A0 everywhere.
    #[serde(default = "yes")]
    pub narrow_nbsp: bool,
}

fn yes() -> bool {
    true
}

impl Default for Typography {
    fn default() -> Self {
        Typography { narrow_nbsp: true }
    }
}

/// A paragraph or character style as written: every key optional, inherited from `body`.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct StyleSpec {
    /// Human name shown in Word's style list (`Motion Title`).
    pub name: Option<String>,
    pub font_size: Option<Length>,
    /// Line height as a multiple of the font size.
    pub line_height: Option<f32>,
    pub align: Option<Align>,
    pub space_before: Option<Length>,
    pub space_after: Option<Length>,
    pub indent_left: Option<Length>,
    pub indent_right: Option<Length>,
    pub indent_first: Option<Length>,
    /// For numbered lists: room from the number to the text.
    pub hanging: Option<Length>,
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub uppercase: Option<bool>,
    pub color: Option<Color>,
    pub keep_with_next: Option<bool>,
    pub keep_together: Option<bool>,
    pub hyphenate: Option<bool>,
}

/// A style with every property resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    pub key: String,
    pub name: String,
    pub font_size: f32,
    pub line_height: f32,
    pub align: Align,
    pub space_before: f32,
    pub space_after: f32,
    pub indent_left: f32,
    pub indent_right: f32,
    pub indent_first: f32,
    pub hanging: f32,
    pub bold: bool,
    pub italic: bool,
    pub uppercase: bool,
    pub color: Color,
    pub keep_with_next: bool,
    pub keep_together: bool,
    pub hyphenate: bool,
}

impl Style {
    /// Baseline-to-baseline distance in points.
    pub fn leading(&self) -> f32 {
        self.font_size * self.line_height
    }
}

/// Character style flags (`strong`, `emphasis`, `verb`).
#[derive(Debug, Clone, Deserialize, Default, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CharStyle {
    pub name: Option<String>,
    #[serde(default)]
    pub bold: bool,
    #[serde(default)]
    pub italic: bool,
    pub color: Option<Color>,
}

/// Weight, slant and colour of a piece of text, all styles applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    pub bold: bool,
    pub italic: bool,
    pub color: Color,
}

/// `theme.toml` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ThemeSpec {
    pub page: Page,
    pub fonts: FontFiles,
    #[serde(default)]
    pub numbering: NumberingSpec,
    #[serde(default)]
    pub line_numbers: LineNumbers,
    #[serde(default)]
    pub typography: Typography,
    #[serde(default)]
    pub logo: LogoSpec,
    pub styles: BTreeMap<String, StyleSpec>,
    #[serde(default)]
    pub char_styles: BTreeMap<String, CharStyle>,
}

/// `[logo]`: the council's logo in the header.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LogoSpec {
    /// Height of the logo (its width follows the image's proportions).
    #[serde(default = "logo_height")]
    pub height: Length,
    /// When the logo is taller than the header: `scale` it down to fit above the header rule,
    /// or let the header `grow` (the rule moves down, up to the text's top margin).
    #[serde(default)]
    pub fit: LogoFit,
}

fn logo_height() -> Length {
    Length(25.0)
}

impl Default for LogoSpec {
    fn default() -> Self {
        LogoSpec {
            height: logo_height(),
            fit: LogoFit::default(),
        }
    }
}

/// How a logo taller than the header fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum LogoFit {
    #[default]
    Scale,
    Grow,
}

/// Where the header's logo and rule go.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HeaderGeometry {
    pub logo_width: f32,
    pub logo_height: f32,
    /// Top of the logo, from the page's top edge.
    pub logo_top: f32,
    /// The rule under the header.
    pub rule: f32,
}

/// Room kept between the page's top edge and a logo.
const LOGO_TOP_ROOM: f32 = 11.0;
/// Room between a logo and the header rule.
const LOGO_RULE_GAP: f32 = 2.0;

/// `[numbering]`.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NumberingSpec {
    #[serde(default)]
    pub demands: Numbering,
}

/// A font file's bytes, shared (embedded fonts are never copied).
pub type FontBytes = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// The loaded fonts of a theme: the bytes of each face.
#[derive(Clone)]
pub struct Fonts {
    pub regular: FontBytes,
    pub italic: FontBytes,
    pub bold: FontBytes,
    pub bold_italic: FontBytes,
}

impl fmt::Debug for Fonts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Fonts { … }")
    }
}

impl Fonts {
    /// The face for a bold/italic combination.
    pub fn face(&self, bold: bool, italic: bool) -> &FontBytes {
        match (bold, italic) {
            (false, false) => &self.regular,
            (false, true) => &self.italic,
            (true, false) => &self.bold,
            (true, true) => &self.bold_italic,
        }
    }
}

/// A resolved theme, with its fonts loaded.
#[derive(Debug, Clone)]
pub struct Theme {
    pub page: Page,
    pub font_family: String,
    pub fonts: Fonts,
    pub numbering: Numbering,
    pub line_numbers: LineNumbers,
    pub typography: Typography,
    pub logo: LogoSpec,
    pub styles: BTreeMap<String, Style>,
    pub char_styles: BTreeMap<String, CharStyle>,
}

impl ThemeSpec {
    /// The theme with these fonts; styles resolved (see [`ThemeSpec::resolve_styles`]).
    pub fn theme(&self, fonts: Fonts) -> Result<Theme, String> {
        Ok(Theme {
            page: self.page.clone(),
            font_family: self.fonts.family.clone(),
            fonts,
            numbering: self.numbering.demands,
            line_numbers: self.line_numbers.clone(),
            typography: self.typography.clone(),
            logo: self.logo.clone(),
            styles: self.resolve_styles()?,
            char_styles: self.char_styles.clone(),
        })
    }

    /// Resolves every style against `body` (which must exist).
    pub fn resolve_styles(&self) -> Result<BTreeMap<String, Style>, String> {
        let body = self
            .styles
            .get("body")
            .ok_or("theme has no `[styles.body]`, the style every other inherits from")?;
        let mut out = BTreeMap::new();
        for (key, spec) in &self.styles {
            let pick = |f: fn(&StyleSpec) -> Option<Length>, default: f32| {
                f(spec).or(f(body)).map_or(default, Length::pt)
            };
            let flag = |f: fn(&StyleSpec) -> Option<bool>, default: bool| {
                f(spec).or(f(body)).unwrap_or(default)
            };
            let font_size = pick(|s| s.font_size, 11.0);
            if !(4.0..=96.0).contains(&font_size) {
                return Err(format!(
                    "`[styles.{key}]` font-size {font_size}pt is outside 4–96pt"
                ));
            }
            let line_height = spec.line_height.or(body.line_height).unwrap_or(1.25);
            if !(0.8..=4.0).contains(&line_height) {
                return Err(format!(
                    "`[styles.{key}]` line-height {line_height} is outside 0.8–4"
                ));
            }
            out.insert(
                key.clone(),
                Style {
                    key: key.clone(),
                    name: spec.name.clone().unwrap_or_else(|| title_case(key)),
                    font_size,
                    line_height,
                    align: spec.align.or(body.align).unwrap_or_default(),
                    space_before: pick(|s| s.space_before, 0.0),
                    space_after: pick(|s| s.space_after, 0.0),
                    indent_left: pick(|s| s.indent_left, 0.0),
                    indent_right: pick(|s| s.indent_right, 0.0),
                    indent_first: pick(|s| s.indent_first, 0.0),
                    hanging: pick(|s| s.hanging, 0.0),
                    bold: flag(|s| s.bold, false),
                    italic: flag(|s| s.italic, false),
                    uppercase: flag(|s| s.uppercase, false),
                    color: spec.color.or(body.color).unwrap_or_default(),
                    // Keeping is about one paragraph, never inherited from body.
                    keep_with_next: spec.keep_with_next.unwrap_or(false),
                    keep_together: spec.keep_together.unwrap_or(false),
                    hyphenate: flag(|s| s.hyphenate, true),
                },
            );
        }
        Ok(out)
    }
}

/// `place-date` → `Place Date`, a readable default style name.
fn title_case(key: &str) -> String {
    key.split(['-', '_'])
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl Theme {
    /// The resolved style, or `body` for an unknown key (unknown keys are refused earlier).
    pub fn style(&self, key: &str) -> &Style {
        self.styles
            .get(key)
            .or_else(|| self.styles.get("body"))
            .expect("themes always have a body style")
    }

    /// How text looks in a paragraph style under nested character styles (outermost first):
    /// bold and italic add up, the innermost colour wins. Every backend resolves styles here.
    pub fn look(&self, style: &Style, char_styles: &[&str]) -> Look {
        let mut look = Look {
            bold: style.bold,
            italic: style.italic,
            color: style.color,
        };
        for key in char_styles {
            if let Some(cs) = self.char_styles.get(*key) {
                look.bold |= cs.bold;
                look.italic |= cs.italic;
                look.color = cs.color.unwrap_or(look.color);
            }
        }
        look
    }

    /// Whether line numbers are drawn for a variant.
    pub fn line_numbers_for(&self, variant: &str) -> bool {
        self.line_numbers.variants.iter().any(|v| v == variant)
    }

    /// The header's logo and rule for an image of `width`×`height` pixels: the logo sits
    /// above the rule, never across it, scaled down or with the rule moved down as `[logo]`
    /// says. Without a logo, `rule` is where the header rule goes.
    pub fn header_geometry(&self, pixels: Option<(u32, u32)>) -> HeaderGeometry {
        let size = self.style("header").font_size;
        let baseline = self.page.header_distance.pt();
        let rule = baseline + size * 0.55;
        let Some((w, h)) = pixels.filter(|(w, h)| *w > 0 && *h > 0) else {
            return HeaderGeometry {
                logo_width: 0.0,
                logo_height: 0.0,
                logo_top: 0.0,
                rule,
            };
        };
        let wanted = self.logo.height.pt().max(1.0);
        let room_above_rule = (rule - LOGO_RULE_GAP - LOGO_TOP_ROOM).max(1.0);
        let (height, rule) = match self.logo.fit {
            LogoFit::Scale => (wanted.min(room_above_rule), rule),
            LogoFit::Grow => {
                // The rule may move down to just above the text.
                let lowest_rule = (self.page.margin_top.pt() - 3.0).max(rule);
                let height = wanted
                    .min(lowest_rule - LOGO_RULE_GAP - LOGO_TOP_ROOM)
                    .max(1.0);
                (height, rule.max(LOGO_TOP_ROOM + height + LOGO_RULE_GAP))
            }
        };
        HeaderGeometry {
            logo_width: height * w as f32 / h as f32,
            logo_height: height,
            logo_top: rule - LOGO_RULE_GAP - height,
            rule,
        }
    }

    /// Width of the text block in points.
    pub fn text_width(&self) -> f32 {
        self.page.width.pt() - self.page.margin_left.pt() - self.page.margin_right.pt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_with_units() {
        assert_eq!(Length::parse("72pt"), Some(Length(72.0)));
        assert!((Length::parse("25.4mm").unwrap().0 - 72.0).abs() < 1e-3);
        assert!((Length::parse("2.54cm").unwrap().0 - 72.0).abs() < 1e-3);
        assert_eq!(Length::parse("1in"), Some(Length(72.0)));
        assert_eq!(Length::parse("12"), Some(Length(12.0)));
        assert_eq!(Length::parse("12px"), None);
        assert_eq!(Length::parse("mm"), None);
    }

    #[test]
    fn default_style_names() {
        assert_eq!(title_case("place-date"), "Place Date");
    }
}
