//! Calendar dates: strict `YYYY-MM-DD` parsing and comparison, no clock.
//!
//! # Design
//! The core never reads a clock (sans-IO): the date to judge on is always an input. A plain
//! proleptic-Gregorian `(year, month, day)` triple is all the rules need, so no date crate.

use std::fmt;

/// A calendar date (proleptic Gregorian), ordered chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// One number in the dates' order (every rule compares dates: kept to one comparison).
    #[inline]
    fn key(self) -> i64 {
        (i64::from(self.year) << 16) | (i64::from(self.month) << 8) | i64::from(self.day)
    }
}

impl Ord for Date {
    #[inline]
    fn cmp(&self, other: &Date) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for Date {
    #[inline]
    fn partial_cmp(&self, other: &Date) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Date {
    /// Builds a date, or `None` when the day does not exist.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD`.
    ///
    /// # Errors
    /// `None` for any other shape or a day that does not exist (2019-02-29).
    pub fn parse(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let s = text.get(r)?;
            if !s.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            s.parse().ok()
        };
        let year = digits(0..4)? as i32;
        let month = digits(5..7)? as u8;
        let day = digits(8..10)? as u8;
        Date::new(year, month, day)
    }

    /// The date `days` days after 1970-01-01 (negative: before). Used by the CLI to turn the
    /// system clock into today's date; the core itself never calls it with a clock reading.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(i32::try_from(year).ok()?, month, day)
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The same day `years` later (29 February becomes 28 February in a common year), or
    /// `None` past 9999.
    pub fn plus_years(self, years: i32) -> Option<Date> {
        let year = self.year.checked_add(years)?;
        Date::new(year, self.month, self.day.min(days_in_month(year, self.month)))
    }

    /// 1 January of a year.
    pub fn first_of_year(year: i32) -> Option<Date> {
        Date::new(year, 1, 1)
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A date is a string in JSON and TypeScript ("YYYY-MM-DD").
#[cfg(feature = "ts")]
impl ts_rs::TS for Date {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;
    fn name(_: &ts_rs::Config) -> String {
        "string".into()
    }
    fn inline(cfg: &ts_rs::Config) -> String {
        Self::name(cfg)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn parses_only_real_days() {
        assert_eq!(Date::parse("2020-02-29").unwrap().to_string(), "2020-02-29");
        assert!(Date::parse("2019-02-29").is_none());
        assert!(Date::parse("1900-02-29").is_none());
        assert!(Date::parse("2000-02-29").is_some());
        assert!(Date::parse("2019-6-01").is_none());
        assert!(Date::parse("2019-06-01 ").is_none());
        assert!(Date::parse("2019-13-01").is_none());
        assert!(Date::parse("+019-01-01").is_none());
    }

    #[test]
    fn years_later_keep_the_day_or_the_end_of_february() {
        let d = Date::parse("2020-02-29").unwrap();
        assert_eq!(d.plus_years(1).unwrap().to_string(), "2021-02-28");
        assert_eq!(d.plus_years(4).unwrap().to_string(), "2024-02-29");
        assert_eq!(
            Date::parse("2019-06-01").unwrap().plus_years(3).unwrap().to_string(),
            "2022-06-01"
        );
        assert!(Date::parse("9999-01-01").unwrap().plus_years(1).is_none());
    }

    #[test]
    fn epoch_days_round_trip_known_dates() {
        assert_eq!(Date::from_days_since_epoch(0).unwrap().to_string(), "1970-01-01");
        assert_eq!(Date::from_days_since_epoch(19_723).unwrap().to_string(), "2024-01-01");
        assert_eq!(Date::from_days_since_epoch(11_016).unwrap().to_string(), "2000-02-29");
    }
}
