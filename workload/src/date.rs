//! Calendar dates (`2027-03-01`), for a suppression's `until`: parsed, compared and printed, with
//! the conversion from days since 1970 for callers that read a clock (the library reads none).

use std::fmt;

use serde::Serialize;

/// A day of the proleptic Gregorian calendar, ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year, 1970 to 9999.
    pub year: u16,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month, 1 to its last day.
    pub day: u8,
}

/// Why a text is not a date; the message says what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DateError {}

impl Date {
    /// The date `days` days after 1970-01-01 (a Unix time divided by 86,400), or `None` past
    /// the year 9999.
    pub fn from_unix_days(days: u64) -> Option<Self> {
        // Howard Hinnant's civil_from_days, for days ≥ 0.
        let z = i64::try_from(days).ok()? + 719_468;
        let era = z / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Some(Date {
            year: u16::try_from(year).ok().filter(|y| *y <= 9999)?,
            month: u8::try_from(month).ok()?,
            day: u8::try_from(day).ok()?,
        })
    }
}

fn days_in(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl std::str::FromStr for Date {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, DateError> {
        let t = text.trim();
        let expected = || DateError(format!("expected a date such as `2027-03-01` (year-month-day), found `{t}`"));
        let parts: Vec<&str> = t.split('-').collect();
        let [y, m, d] = parts.as_slice() else { return Err(expected()) };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 || !t.chars().all(|c| c.is_ascii_digit() || c == '-') {
            return Err(expected());
        }
        let (Ok(year), Ok(month), Ok(day)) = (y.parse::<u16>(), m.parse::<u8>(), d.parse::<u8>()) else {
            return Err(expected());
        };
        if !(1970..=9999).contains(&year) {
            return Err(DateError(format!("`{t}`: the year must be between 1970 and 9999")));
        }
        if !(1..=12).contains(&month) {
            return Err(DateError(format!("`{t}` has no month {month}: months are 01 to 12")));
        }
        if day == 0 || day > days_in(year, month) {
            return Err(DateError(format!("`{t}` is not a day: {year}-{month:02} has {} days", days_in(year, month))));
        }
        Ok(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::Date;

    /// Issue 13: dates parse strictly, print back the same, and come from days since 1970.
    #[test]
    fn issue_13_dates_parse_print_and_convert() {
        let d: Date = "2027-03-01".parse().unwrap();
        assert_eq!(d.to_string(), "2027-03-01");
        assert!("2027-02-29".parse::<Date>().unwrap_err().0.contains("28 days"));
        assert!("2028-02-29".parse::<Date>().is_ok());
        assert!("2027-13-01".parse::<Date>().unwrap_err().0.contains("month 13"));
        assert!("1 March".parse::<Date>().unwrap_err().0.contains("2027-03-01"));
        assert!("2027-3-1".parse::<Date>().is_err());
        assert_eq!(Date::from_unix_days(0).unwrap().to_string(), "1970-01-01");
        assert_eq!(Date::from_unix_days(20_513).unwrap().to_string(), "2026-03-01");
        assert_eq!(Date::from_unix_days(11_016).unwrap().to_string(), "2000-02-29");
        assert!("2027-03-01".parse::<Date>().unwrap() > "2026-12-31".parse().unwrap());
    }
}
