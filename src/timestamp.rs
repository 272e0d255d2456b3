//! The date written into PDF and DOCX metadata: `SOURCE_DATE_EPOCH` when set (reproducible
//! builds convention), else the motion's session date, else none at all: never the wall
//! clock, never an invented 1970-01-01.

use crate::spec::Date;

/// A UTC date and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timestamp {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl Timestamp {
    /// From seconds since 1970-01-01 UTC (days to civil date after H. Hinnant's algorithm).
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "civil-from-days yields month 1–12, day 1–31 and a clamped year; `rem` is 0–86 399"
    )]
    pub fn from_epoch(secs: i64) -> Timestamp {
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Timestamp {
            year: year.clamp(1, 9999) as u16,
            month: month as u8,
            day: day as u8,
            hour: (rem / 3600) as u8,
            minute: (rem % 3600 / 60) as u8,
            second: (rem % 60) as u8,
        }
    }

    pub fn from_date(date: Date) -> Timestamp {
        Timestamp {
            year: date.year,
            month: date.month,
            day: date.day,
            hour: 0,
            minute: 0,
            second: 0,
        }
    }

    /// `SOURCE_DATE_EPOCH` if set, else the session date; `None` for an undated projet (the
    /// formats then leave their dates out).
    pub fn for_document(source_date_epoch: Option<i64>, date: Option<Date>) -> Option<Timestamp> {
        match (source_date_epoch, date) {
            (Some(secs), _) => Some(Timestamp::from_epoch(secs)),
            (None, Some(d)) => Some(Timestamp::from_date(d)),
            (None, None) => None,
        }
    }

    /// Reads `SOURCE_DATE_EPOCH` from the environment: `Ok(None)` when unset or empty, an
    /// error naming the value when it is not a whole number of seconds.
    pub fn source_date_epoch() -> Result<Option<i64>, String> {
        match std::env::var("SOURCE_DATE_EPOCH") {
            Err(_) => Ok(None),
            Ok(v) if v.trim().is_empty() => Ok(None),
            Ok(v) => v
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|s| (0..=253_402_300_799).contains(s))
                .map(Some)
                .ok_or_else(|| {
                    format!(
                        "SOURCE_DATE_EPOCH is `{}`: expected a whole number of seconds since 1970-01-01 (as `date +%s` prints)",
                        v.escape_debug()
                    )
                }),
        }
    }

    /// `2017-01-24T00:00:00Z`.
    pub fn iso(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_to_civil() {
        assert_eq!(Timestamp::from_epoch(0).iso(), "1970-01-01T00:00:00Z");
        assert_eq!(
            Timestamp::from_epoch(1_485_216_000).iso(),
            "2017-01-24T00:00:00Z"
        );
        assert_eq!(
            Timestamp::from_epoch(951_782_400).iso(),
            "2000-02-29T00:00:00Z"
        );
        assert_eq!(
            Timestamp::from_epoch(1_700_000_000).iso(),
            "2023-11-14T22:13:20Z"
        );
    }
}
