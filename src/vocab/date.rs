//! Calendar dates and how French and Dutch write them: « 1er mars 2017 », « 24 januari 2017 ».

use std::fmt;

use super::Lang;
use super::ordinal::ordinal;

/// A calendar date (a session date, a tabling date).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl fmt::Display for Date {
    /// ISO 8601: `2017-01-24`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

const FR_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const NL_MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

impl Lang {
    /// Month names, January first, in lower case as they are written inside a sentence.
    pub fn months(self) -> &'static [&'static str; 12] {
        match self {
            Lang::Fr => &FR_MONTHS,
            Lang::Nl => &NL_MONTHS,
        }
    }
}

/// « 24 janvier 2017 », « 1er mars 2017 » (the first of the month is an ordinal in French),
/// « 1 maart 2017 ».
pub fn long_date(date: Date, lang: Lang) -> String {
    let month = lang.months()[usize::from(date.month.clamp(1, 12)) - 1];
    let day = match (lang, date.day) {
        (Lang::Fr, 1) => ordinal(1, Lang::Fr),
        (_, day) => day.to_string(),
    };
    format!("{day} {month} {}", date.year)
}

/// Parses `2017-01-24`.
pub fn parse_iso(s: &str) -> Option<Date> {
    let mut parts = s.trim().splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Date { year, month, day })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn long_dates() {
        assert_eq!(long_date(d(2017, 1, 24), Lang::Fr), "24 janvier 2017");
        assert_eq!(long_date(d(2017, 3, 1), Lang::Fr), "1er mars 2017");
        assert_eq!(long_date(d(2017, 8, 15), Lang::Fr), "15 août 2017");
        assert_eq!(long_date(d(2017, 1, 24), Lang::Nl), "24 januari 2017");
        assert_eq!(long_date(d(2017, 3, 1), Lang::Nl), "1 maart 2017");
    }

    #[test]
    fn iso_dates() {
        assert_eq!(parse_iso("2017-01-24"), Some(d(2017, 1, 24)));
        assert_eq!(parse_iso("2017-13-01"), None);
        assert_eq!(d(2017, 3, 1).to_string(), "2017-03-01");
    }
}
