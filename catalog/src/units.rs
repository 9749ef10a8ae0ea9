//! Human units shared by the catalog and workload files: sizes, counts, rates, durations, ranges.
//!
//! Every quantity parses from the short forms people write (`500GB`, `10M`, `48/day`, `4m`) and
//! prints back in the same form, so a value survives a round trip through text unchanged.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why a quantity did not parse; `hint` shows a well-formed example.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct UnitError {
    /// What is wrong, e.g. `unknown duration unit "min"`.
    pub message: String,
    /// Help in a sentence: a corrected form or the accepted units.
    pub hint: Option<String>,
}

impl UnitError {
    fn new(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self { message: message.into(), hint: Some(hint.into()) }
    }
}

/// Splits `"10.5GB"` into `(10.5, "GB")`, rejecting NaN, infinities and negative numbers.
fn split_number(text: &str, what: &str, example: &str) -> Result<(f64, String), UnitError> {
    let text = text.trim();
    let end = text
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || c == '.' || c == '_' || (i == 0 && (c == '-' || c == '+'))))
        .map_or(text.len(), |(i, _)| i);
    let (num, unit) = text.split_at(end);
    let num_clean = num.replace('_', "");
    if num_clean.is_empty() || num_clean == "-" || num_clean == "+" {
        return Err(UnitError::new(
            format!("expected a {what} like `{example}`, found `{text}`"),
            format!("write it like `{example}`"),
        ));
    }
    let value: f64 = num_clean
        .parse()
        .map_err(|_| UnitError::new(format!("`{num}` is not a number"), format!("write it like `{example}`")))?;
    if !value.is_finite() {
        return Err(UnitError::new(format!("`{num}` is too large"), format!("write it like `{example}`")));
    }
    if value < 0.0 {
        return Err(UnitError::new(
            format!("a {what} cannot be negative (`{text}`)"),
            format!("write it like `{example}`"),
        ));
    }
    Ok((value, unit.trim().to_string()))
}

/// Formats a number compactly: integers without a fraction, others with up to 3 decimals.
fn fmt_num(value: f64) -> String {
    Num(value).to_string()
}

/// [`fmt_num`] as a `Display`, written without allocating.
struct Num(f64);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = self.0;
        if (value - value.round()).abs() < 1e-9 && value.abs() < 1e15 {
            return write_integer(f, value.round() as i64);
        }
        let mut buf = StackText::default();
        if fmt::Write::write_fmt(&mut buf, format_args!("{value:.3}")).is_ok() {
            f.write_str(buf.as_str().trim_end_matches('0').trim_end_matches('.'))
        } else {
            let s = format!("{value:.3}");
            f.write_str(s.trim_end_matches('0').trim_end_matches('.'))
        }
    }
}

/// Writes an integer in decimal without going through the formatting machinery (reports write
/// tens of thousands of numbers).
fn write_integer(f: &mut fmt::Formatter<'_>, value: i64) -> fmt::Result {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    let mut rest = value.unsigned_abs();
    for slot in digits.iter_mut().rev() {
        *slot = b'0' + (rest % 10) as u8;
        start -= 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if value < 0 {
        f.write_str("-")?;
    }
    f.write_str(digits.get(start..).and_then(|d| std::str::from_utf8(d).ok()).unwrap_or("0"))
}

/// A short text on the stack (a formatted number); writing more than fits fails.
#[derive(Default)]
struct StackText {
    bytes: [u8; 32],
    len: usize,
}

impl StackText {
    fn as_str(&self) -> &str {
        self.bytes.get(..self.len).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("")
    }
}

impl fmt::Write for StackText {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        let slot = self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?;
        slot.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// Picks the largest unit in `units` (factor ascending) that keeps the number ≥ 1.
struct Scaled<'u> {
    value: f64,
    units: &'u [(f64, &'u str)],
}

impl fmt::Display for Scaled<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut best = self.units.first().copied().unwrap_or((1.0, ""));
        for &(factor, name) in self.units {
            if self.value >= factor {
                best = (factor, name);
            }
        }
        write!(f, "{}{}", Num(self.value / best.0), best.1)
    }
}

macro_rules! text_serde {
    ($ty:ident) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = NumOrText::deserialize(d)?;
                raw.text().parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

/// Accepts a quantity written as text (`"10GB"`) or as a bare number (`10`).
#[derive(Deserialize)]
#[serde(untagged)]
enum NumOrText {
    Int(i64),
    Float(f64),
    Text(String),
}

impl NumOrText {
    fn text(self) -> String {
        match self {
            NumOrText::Int(i) => i.to_string(),
            NumOrText::Float(f) => f.to_string(),
            NumOrText::Text(t) => t,
        }
    }
}

const SIZE_UNITS: &[(&str, f64)] = &[
    ("B", 1.0),
    ("KB", 1e3),
    ("MB", 1e6),
    ("GB", 1e9),
    ("TB", 1e12),
    ("PB", 1e15),
    ("KIB", 1024.0),
    ("MIB", 1_048_576.0),
    ("GIB", 1_073_741_824.0),
    ("TIB", 1_099_511_627_776.0),
    ("PIB", 1_125_899_906_842_624.0),
];

/// A data size in bytes (`500MB`, `2TB`, `1.5GiB`; decimal units are powers of 1000).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Bytes(pub f64);

impl std::str::FromStr for Bytes {
    type Err = UnitError;
    fn from_str(text: &str) -> Result<Self, UnitError> {
        let (value, unit) = split_number(text, "size", "500GB")?;
        if unit.is_empty() {
            return Err(UnitError::new(
                format!("`{text}` has no unit"),
                format!("add a unit: `{}GB`, `{}MB`, …", fmt_num(value), fmt_num(value)),
            ));
        }
        let upper = unit.to_ascii_uppercase();
        let factor = SIZE_UNITS.iter().find(|(u, _)| *u == upper).map(|&(_, f)| f).ok_or_else(|| {
            UnitError::new(
                format!("unknown size unit `{unit}`"),
                format!("use B, KB, MB, GB, TB or PB (or KiB … PiB), e.g. `{}GB`", fmt_num(value)),
            )
        })?;
        let bytes = value * factor;
        if !bytes.is_finite() || bytes > 1e21 {
            return Err(UnitError::new(format!("`{text}` is larger than any real data set"), "sizes go up to 1000PB"));
        }
        Ok(Bytes(bytes))
    }
}

impl fmt::Display for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let units = [(1.0, "B"), (1e3, "KB"), (1e6, "MB"), (1e9, "GB"), (1e12, "TB"), (1e15, "PB")];
        Scaled { value: self.0, units: &units }.fmt(f)
    }
}
text_serde!(Bytes);

/// A count of items: rows, documents, vectors, edges (`500k`, `10M`, `1G`).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Count(pub f64);

fn count_factor(unit: &str) -> Option<f64> {
    match unit {
        "" => Some(1.0),
        "k" | "K" => Some(1e3),
        "M" | "m" => Some(1e6),
        "G" | "B" | "bn" => Some(1e9),
        "T" => Some(1e12),
        _ => None,
    }
}

impl std::str::FromStr for Count {
    type Err = UnitError;
    fn from_str(text: &str) -> Result<Self, UnitError> {
        let (value, unit) = split_number(text, "count", "10M")?;
        let factor = count_factor(&unit).ok_or_else(|| {
            UnitError::new(
                format!("unknown count suffix `{unit}`"),
                format!("use k, M or G, e.g. `{}M`", fmt_num(value)),
            )
        })?;
        let n = value * factor;
        if n > 1e18 {
            return Err(UnitError::new(format!("`{text}` is larger than any real data set"), "counts go up to 1000T"));
        }
        Ok(Count(n))
    }
}

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Scaled { value: self.0, units: &[(1.0, ""), (1e3, "k"), (1e6, "M"), (1e9, "G"), (1e12, "T")] }.fmt(f)
    }
}
text_serde!(Count);

const PER: &[(&str, f64)] = &[
    ("s", 1.0),
    ("sec", 1.0),
    ("second", 1.0),
    ("min", 60.0),
    ("minute", 60.0),
    ("h", 3600.0),
    ("hour", 3600.0),
    ("d", 86_400.0),
    ("day", 86_400.0),
    ("w", 604_800.0),
    ("week", 604_800.0),
    ("month", 2_592_000.0),
];

/// A rate of events (`48/day`, `20/hour`, `10k/s`), compared per second and printed per the
/// period it was written with.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rate {
    per_second: f64,
    /// The period it was written per, in seconds (1 for `/s`, 86400 for `/day`).
    period: f64,
}

impl PartialEq for Rate {
    fn eq(&self, other: &Self) -> bool {
        self.per_second == other.per_second
    }
}

impl PartialOrd for Rate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        self.per_second.partial_cmp(&other.per_second)
    }
}

impl Rate {
    /// A rate of `per_second` events per second.
    pub fn per_second(per_second: f64) -> Self {
        Self { per_second, period: 1.0 }
    }
    /// This rate times `k`, written per the same period (`24/day` halved is `12/day`).
    #[must_use]
    pub fn times(self, k: f64) -> Self {
        Self { per_second: self.per_second * k, period: self.period }
    }
    /// Events per second.
    pub fn per_sec(self) -> f64 {
        self.per_second
    }
    /// Events per day.
    pub fn per_day(self) -> f64 {
        self.per_second * 86_400.0
    }
}

impl std::str::FromStr for Rate {
    type Err = UnitError;
    fn from_str(text: &str) -> Result<Self, UnitError> {
        let Some((count, per)) = text.split_once('/') else {
            let t = text.trim();
            let hint = match t.split_once(" per ") {
                Some((n, p)) => format!("write it like `{}/{}`", n.trim(), p.trim()),
                None if t.chars().next().is_some_and(|c| c.is_ascii_digit()) => {
                    format!("write a count per period: `{t}/s`, `{t}/hour` or `{t}/day`")
                }
                None => "write a count per period, e.g. `48/day` or `10k/s`".to_string(),
            };
            return Err(UnitError::new(format!("`{t}` is not a rate"), hint));
        };
        let Count(n) =
            count.trim().parse::<Count>().map_err(|e| UnitError { hint: Some("write it like `10k/s`".into()), ..e })?;
        let per = per.trim();
        let per_lower = per.to_ascii_lowercase();
        let singular = per_lower.strip_suffix('s').filter(|s| s.len() > 1).unwrap_or(&per_lower);
        let seconds =
            PER.iter().find(|(u, _)| *u == per_lower || *u == singular).map(|&(_, s)| s).ok_or_else(|| {
                UnitError::new(format!("unknown rate period `/{per}`"), "divide by s, min, hour, day, week or month")
            })?;
        Ok(Rate { per_second: n / seconds, period: seconds })
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = PER
            .iter()
            .find(|&&(n, secs)| secs == self.period && secs > 1.0 && !matches!(n, "h" | "d" | "w"))
            .map_or("s", |&(n, _)| n);
        let period = if name == "s" { 1.0 } else { self.period };
        let value = self.per_second * period;
        write!(f, "{}/{name}", Scaled { value, units: &[(1.0, ""), (1e3, "k"), (1e6, "M"), (1e9, "G")] })
    }
}
text_serde!(Rate);

const DURATION_UNITS: &[(&str, f64)] = &[
    ("ns", 1e-9),
    ("us", 1e-6),
    ("µs", 1e-6),
    ("ms", 1e-3),
    ("s", 1.0),
    ("m", 60.0),
    ("min", 60.0),
    ("h", 3600.0),
    ("d", 86_400.0),
    ("w", 604_800.0),
    ("mo", 2_592_000.0),
    ("y", 31_536_000.0),
];

/// A duration (`250us`, `200ms`, `4m`, `2h`, `1d`), stored in seconds.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Duration(pub f64);

impl Duration {
    /// The duration in seconds.
    pub fn secs(self) -> f64 {
        self.0
    }
}

impl std::str::FromStr for Duration {
    type Err = UnitError;
    fn from_str(text: &str) -> Result<Self, UnitError> {
        let (value, unit) = split_number(text, "duration", "200ms")?;
        if unit.is_empty() {
            return Err(UnitError::new(
                format!("`{}` has no unit", text.trim()),
                format!("write `{}s` or `{}ms`", fmt_num(value), fmt_num(value)),
            ));
        }
        let lower = unit.to_lowercase();
        let long = match lower.as_str() {
            "sec" | "secs" | "second" | "seconds" => "s",
            "mins" | "minute" | "minutes" => "m",
            "hr" | "hrs" | "hour" | "hours" => "h",
            "day" | "days" => "d",
            "week" | "weeks" => "w",
            "month" | "months" => "mo",
            "yr" | "yrs" | "year" | "years" => "y",
            "millis" | "msec" => "ms",
            other => other,
        };
        let factor = DURATION_UNITS.iter().find(|(u, _)| *u == long).map(|&(_, f)| f).ok_or_else(|| {
            UnitError::new(
                format!("unknown duration unit `{unit}`"),
                format!("use us, ms, s, m, h, d, w, mo or y, e.g. `{}m`", fmt_num(value)),
            )
        })?;
        let secs = value * factor;
        if secs > 3.2e9 {
            return Err(UnitError::new(
                format!("`{}` is longer than a century", text.trim()),
                "durations go up to 100 years",
            ));
        }
        Ok(Duration(secs))
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        let units = [(1e-6, "us"), (1e-3, "ms"), (1.0, "s"), (60.0, "m"), (3600.0, "h"), (86_400.0, "d")];
        if s == 0.0 {
            return f.write_str("0s");
        }
        Scaled { value: s, units: &units }.fmt(f)
    }
}
text_serde!(Duration);

/// A range of a quantity, written `lo..hi` or as a single value (lo = hi).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Range<T> {
    /// The optimistic end.
    pub lo: T,
    /// The pessimistic end.
    pub hi: T,
}

impl<T: Copy> Range<T> {
    /// A range holding one value.
    pub fn exact(value: T) -> Self {
        Self { lo: value, hi: value }
    }
}

impl Range<f64> {
    /// The midpoint of a plain number range.
    pub fn mid(&self) -> f64 {
        f64::midpoint(self.lo, self.hi)
    }
    /// Both ends multiplied by `k`.
    #[must_use]
    pub fn scale(&self, k: f64) -> Self {
        Self { lo: self.lo * k, hi: self.hi * k }
    }
    /// The sum of two ranges.
    #[must_use]
    pub fn add(&self, other: &Self) -> Self {
        Self { lo: self.lo + other.lo, hi: self.hi + other.hi }
    }
}

impl<T> std::str::FromStr for Range<T>
where
    T: std::str::FromStr<Err = UnitError> + PartialOrd + Copy,
{
    type Err = UnitError;
    fn from_str(text: &str) -> Result<Self, UnitError> {
        match text.split_once("..") {
            Some((lo, hi)) => {
                let lo: T = lo.trim().parse()?;
                let hi: T = hi.trim().parse()?;
                if hi < lo {
                    return Err(UnitError::new(
                        format!("range `{}` ends below its start", text.trim()),
                        "write low..high, e.g. `100ms..2s`",
                    ));
                }
                Ok(Range { lo, hi })
            }
            None => text.trim().parse().map(Range::exact),
        }
    }
}

impl<T: fmt::Display + PartialEq> fmt::Display for Range<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.lo == self.hi { write!(f, "{}", self.lo) } else { write!(f, "{}..{}", self.lo, self.hi) }
    }
}

/// Plain numbers (dollars, hours) parse without a unit; a `$` prefix and `_`/`,` separators are allowed.
impl std::str::FromStr for Plain {
    type Err = UnitError;
    fn from_str(text: &str) -> Result<Self, UnitError> {
        let cleaned: String = text.trim().trim_start_matches('$').chars().filter(|c| *c != ',').collect();
        let (value, unit) = split_number(&cleaned, "number", "500")?;
        if !unit.is_empty() {
            return Err(UnitError::new(
                format!("`{}` should be a plain number", text.trim()),
                format!("write `{}`", fmt_num(value)),
            ));
        }
        Ok(Plain(value))
    }
}

/// A plain non-negative number (USD, hours), for use inside [`Range`].
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Plain(pub f64);

impl fmt::Display for Plain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Num(self.0).fmt(f)
    }
}

impl<T> Serialize for Range<T>
where
    T: fmt::Display + PartialEq,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de, T> Deserialize<'de> for Range<T>
where
    T: std::str::FromStr<Err = UnitError> + PartialOrd + Copy,
{
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = NumOrText::deserialize(d)?;
        raw.text().parse().map_err(serde::de::Error::custom)
    }
}

/// A range of plain numbers (USD, hours).
pub type Amount = Range<Plain>;

impl Amount {
    /// The range as `f64` bounds.
    pub fn as_f64(&self) -> Range<f64> {
        Range { lo: self.lo.0, hi: self.hi.0 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_round_trip() {
        for text in ["500GB", "1.5TB", "10M", "500k", "48/day", "20/hour", "10k/s", "4m", "200ms", "2s..7m", "250us"] {
            let shown = match text {
                t if t.contains("..") => t.parse::<Range<Duration>>().map(|r| r.to_string()),
                t if t.contains('/') => t.parse::<Rate>().map(|r| r.to_string()),
                t if t.ends_with('B') => t.parse::<Bytes>().map(|r| r.to_string()),
                t if t.ends_with('k') || t.ends_with('M') => t.parse::<Count>().map(|r| r.to_string()),
                t => t.parse::<Duration>().map(|r| r.to_string()),
            };
            assert_eq!(shown.as_deref(), Ok(text), "{text}");
        }
    }

    #[test]
    fn numbers_print_compactly() {
        for (value, shown) in [
            (0.0, "0"),
            (7.0, "7"),
            (-12.0, "-12"),
            (1_234_567.0, "1234567"),
            (999_999_999_999_999.0, "999999999999999"),
            (2.5, "2.5"),
            (0.125, "0.125"),
            (-0.0, "0"),
        ] {
            assert_eq!(fmt_num(value), shown, "{value}");
        }
    }

    #[test]
    fn converts_to_base_units() {
        assert_eq!("4m".parse::<Duration>().map(Duration::secs), Ok(240.0));
        assert_eq!("5s".parse::<Duration>().map(Duration::secs), Ok(5.0));
        assert_eq!("48/day".parse::<Rate>().map(Rate::per_day), Ok(48.0));
        assert_eq!("2 hours".parse::<Duration>().map(Duration::secs), Ok(7200.0));
        assert_eq!("1GiB".parse::<Bytes>(), Ok(Bytes(1_073_741_824.0)));
    }

    #[test]
    fn a_scaled_rate_keeps_its_period() {
        // Issue 17: a 24/day job's per-node load printed as "0/s".
        let daily = "24/day".parse::<Rate>().map(|r| r.times(0.5).to_string());
        assert_eq!(daily.as_deref(), Ok("12/day"));
    }

    #[test]
    fn rejects_bad_quantities_with_hints() {
        let e = "5".parse::<Duration>().unwrap_err();
        assert_eq!(e.hint.as_deref(), Some("write `5s` or `5ms`"));
        assert_eq!("48 per day".parse::<Rate>().unwrap_err().hint.as_deref(), Some("write it like `48/day`"));
        assert!("-3s".parse::<Duration>().unwrap_err().message.contains("negative"));
        assert!("1e400GB".parse::<Bytes>().is_err());
        assert!("NaNs".parse::<Duration>().is_err());
        assert!("48 per day".parse::<Rate>().is_err());
        assert!("7m..2s".parse::<Range<Duration>>().unwrap_err().message.contains("below"));
        assert!("5 parsecs".parse::<Duration>().unwrap_err().message.contains("parsecs"));
    }
}

/// A share of something (`72%`), stored as a fraction (0.72); above 100 % is allowed (a limit
/// already exceeded).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Percent(pub f64);

impl Percent {
    /// The share as a fraction (0.72 for `72%`).
    pub fn fraction(self) -> f64 {
        self.0
    }
}

impl std::str::FromStr for Percent {
    type Err = UnitError;
    fn from_str(text: &str) -> Result<Self, UnitError> {
        let (value, unit) = split_number(text, "percentage", "72%")?;
        if unit.trim() != "%" {
            return Err(UnitError::new(
                format!("`{}` is not a percentage", text.trim()),
                format!("write it like `{}%`", fmt_num(value)),
            ));
        }
        if !(0.0..=1000.0).contains(&value) {
            return Err(UnitError::new(format!("`{}` is out of range", text.trim()), "write 0% to 1000%"));
        }
        Ok(Percent(value / 100.0))
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", Num((self.0 * 1000.0).round() / 10.0))
    }
}
text_serde!(Percent);

/// A multiplier (`4x`): how many times one figure is another.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Factor(pub f64);

impl std::str::FromStr for Factor {
    type Err = UnitError;
    fn from_str(text: &str) -> Result<Self, UnitError> {
        let (value, unit) = split_number(text, "factor", "4x")?;
        if !matches!(unit.trim(), "x" | "X" | "×") {
            return Err(UnitError::new(
                format!("`{}` is not a factor", text.trim()),
                format!("write it like `{}x`", fmt_num(value)),
            ));
        }
        if !(value.is_finite() && value > 0.0 && value <= 1e6) {
            return Err(UnitError::new(
                format!("`{}` is out of range", text.trim()),
                "write a factor above 0, e.g. `4x`",
            ));
        }
        Ok(Factor(value))
    }
}

impl fmt::Display for Factor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}x", Num(self.0))
    }
}
text_serde!(Factor);

/// Growth over a period: `2x/year` (doubling), `+40%/year`, `10%/month`; compared per year.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Growth {
    /// The multiplier over one year (2.0 for `2x/year`, 1.4 for `+40%/year`).
    per_year: f64,
    /// As written: the multiplier over `period` seconds.
    factor: f64,
    period: f64,
}

impl Growth {
    /// The multiplier over one year.
    pub fn per_year(self) -> f64 {
        self.per_year
    }

    /// The multiplier over `secs` seconds.
    pub fn over(self, secs: f64) -> f64 {
        self.per_year.powf(secs / 31_536_000.0)
    }

    /// Seconds until a figure growing this way is multiplied by `k` (`None` when it never is).
    pub fn time_to(self, k: f64) -> Option<f64> {
        if k <= 1.0 {
            return Some(0.0);
        }
        (self.per_year > 1.0).then(|| k.ln() / self.per_year.ln() * 31_536_000.0)
    }
}

impl std::str::FromStr for Growth {
    type Err = UnitError;
    fn from_str(text: &str) -> Result<Self, UnitError> {
        let example = "write it like `2x/year` or `+40%/year`";
        let Some((amount, per)) = text.split_once('/') else {
            return Err(UnitError::new(format!("`{}` is not a growth rate", text.trim()), example));
        };
        let amount = amount.trim().trim_start_matches('+');
        let factor = if amount.ends_with('%') {
            1.0 + amount.parse::<Percent>()?.0
        } else {
            amount.parse::<Factor>().map_err(|e| UnitError { hint: Some(example.into()), ..e })?.0
        };
        let per = per.trim().to_ascii_lowercase();
        let period = match per.trim_end_matches('s') {
            "year" | "yr" | "y" => 31_536_000.0,
            "quarter" => 7_884_000.0,
            "month" | "mo" => 2_592_000.0,
            "week" | "w" => 604_800.0,
            "day" | "d" => 86_400.0,
            _ => {
                return Err(UnitError::new(
                    format!("unknown growth period `/{per}`"),
                    "divide by year, quarter, month, week or day",
                ));
            }
        };
        let per_year = factor.powf(31_536_000.0 / period);
        if !(per_year.is_finite() && per_year <= 1e6) {
            return Err(UnitError::new(format!("`{}` grows beyond a millionfold a year", text.trim()), example));
        }
        Ok(Growth { per_year, factor, period })
    }
}

impl fmt::Display for Growth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let per = [(31_536_000.0, "year"), (7_884_000.0, "quarter"), (2_592_000.0, "month"), (604_800.0, "week")]
            .iter()
            .find(|(secs, _)| *secs == self.period)
            .map_or("day", |(_, name)| name);
        if self.factor < 2.0 {
            write!(f, "+{}%/{per}", Num(((self.factor - 1.0) * 1000.0).round() / 10.0))
        } else {
            write!(f, "{}x/{per}", Num(self.factor))
        }
    }
}
text_serde!(Growth);
