//! Dates and ordinals in French and Dutch: « 1er mars 2017 », « 24 januari 2017 », « 2e ».

use crate::spec::{Date, Lang};

pub const FR_MONTHS: [&str; 12] = [
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

/// « 24 janvier 2017 », « 1er mars 2017 », « 24 januari 2017 ».
pub fn long_date(date: Date, lang: Lang) -> String {
    let month = usize::from(date.month.clamp(1, 12)) - 1;
    match lang {
        // The first day of the month is an ordinal in French: « le 1er mars ».
        Lang::Fr if date.day == 1 => format!("1er {} {}", FR_MONTHS[month], date.year),
        Lang::Fr => format!("{} {} {}", date.day, FR_MONTHS[month], date.year),
        Lang::Nl => format!("{} {} {}", date.day, NL_MONTHS[month], date.year),
    }
}

/// « 1er », « 2e » (French, Imprimerie nationale); « 1e », « 2e » (Dutch, Taalunie's short form).
pub fn ordinal(n: i64, lang: Lang) -> String {
    match (lang, n) {
        (Lang::Fr, 1) => "1er".into(),
        _ => format!("{n}e"),
    }
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

    #[test]
    fn long_dates() {
        let d = |y, m, d| Date {
            year: y,
            month: m,
            day: d,
        };
        assert_eq!(long_date(d(2017, 1, 24), Lang::Fr), "24 janvier 2017");
        assert_eq!(long_date(d(2017, 3, 1), Lang::Fr), "1er mars 2017");
        assert_eq!(long_date(d(2017, 8, 15), Lang::Fr), "15 août 2017");
        assert_eq!(long_date(d(2017, 1, 24), Lang::Nl), "24 januari 2017");
        assert_eq!(long_date(d(2017, 3, 1), Lang::Nl), "1 maart 2017");
    }

    #[test]
    fn ordinals() {
        assert_eq!(ordinal(1, Lang::Fr), "1er");
        assert_eq!(ordinal(2, Lang::Fr), "2e");
        assert_eq!(ordinal(1, Lang::Nl), "1e");
    }
}
