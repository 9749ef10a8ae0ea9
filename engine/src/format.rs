//! Small text helpers for findings: dollars, hours, durations, lists.

use catalog::units::{Duration, Range};

use crate::estimate::Estimate;

/// A number with thousands separators and at most one decimal (`1,234`, `18.5`).
pub fn num(x: f64) -> String {
    let x = if x.is_finite() { x } else { 0.0 };
    let rounded = (x * 10.0).round() / 10.0;
    let negative = rounded < 0.0;
    let abs = rounded.abs();
    let whole = abs.trunc() as u64;
    let tenth = ((abs - abs.trunc()) * 10.0).round() as u64;
    let digits = whole.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if negative { "-" } else { "" };
    if tenth == 0 { format!("{sign}{grouped}") } else { format!("{sign}{grouped}.{tenth}") }
}

/// A number with up to two decimals (`1.25`, `3`), for counts per month.
/// An overhead multiple of the single-store baseline (`8.05×`): the one rounding the text,
/// Markdown, charts and the app all use, two decimals at most.
pub fn multiple(x: f64) -> String {
    format!("{}×", num2(x))
}

/// A number rounded to two decimals at most (`8.05`, `12`).
pub(crate) fn num2(x: f64) -> String {
    let r = crate::estimate::round2(x);
    if !r.is_finite() || r.abs() >= 1e15 {
        let text = format!("{r:.2}");
        return text.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    let cents = (r * 100.0).round() as i64;
    let sign = if cents < 0 { "-" } else { "" };
    let (whole, frac) = (cents.unsigned_abs() / 100, cents.unsigned_abs() % 100);
    match frac {
        0 => format!("{sign}{whole}"),
        f if f % 10 == 0 => format!("{sign}{whole}.{}", f / 10),
        f => format!("{sign}{whole}.{f:02}"),
    }
}

/// Whole dollars: `$1,234`, `-$500`.
pub(crate) fn usd(x: f64) -> String {
    let rounded = x.round();
    if rounded < 0.0 { format!("-${}", num(-rounded)) } else { format!("${}", num(rounded)) }
}

/// A dollar range: `$186..500`, or `$500` when exact.
pub(crate) fn usd_range(e: Estimate) -> String {
    if (e.hi.round() - e.lo.round()).abs() < 0.5 {
        usd(e.lo)
    } else if e.lo < 0.0 && e.hi <= 0.0 {
        // low to high, each end signed: `-$500..-$186`
        format!("-${}..-${}", num((-e.lo).round()), num((-e.hi).round()))
    } else {
        format!("{}..{}", usd(e.lo), num(e.hi.round()))
    }
}

/// Hours: `24.1 h`.
pub(crate) fn hours(x: f64) -> String {
    format!("{} h", num(x))
}

/// A duration in seconds, written the catalog's way (`4m`, `500ms`).
pub(crate) fn secs(x: f64) -> String {
    Duration(x.max(0.0)).to_string()
}

/// A range of seconds as a duration range (`100ms..2s`).
pub(crate) fn secs_range(e: Estimate) -> String {
    Range { lo: Duration(e.lo.max(0.0)), hi: Duration(e.hi.max(0.0)) }.to_string()
}

/// `a`, `a and b`, `a, b and c`.
pub(crate) fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let head: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", head.join(", "), last.as_ref())
        }
    }
}

/// A singular noun phrase with its indefinite article (`a materialized view`, `an index`);
/// plurals (`JSON document columns`) get none.
pub(crate) fn article(phrase: &str) -> String {
    let last = phrase.split_whitespace().last().unwrap_or_default();
    if last.ends_with('s') && !last.ends_with("ss") {
        return phrase.to_string();
    }
    let vowel = phrase.chars().next().is_some_and(|c| "aeiouAEIOU".contains(c));
    format!("{} {phrase}", if vowel { "an" } else { "a" })
}

/// At most `max` items, then "and N more".
pub(crate) fn capped_list<S: AsRef<str>>(items: &[S], max: usize) -> String {
    if items.len() <= max {
        return and_list(items);
    }
    let shown: Vec<&str> = items.iter().take(max).map(AsRef::as_ref).collect();
    format!("{} and {} more", shown.join(", "), items.len() - max)
}

/// How often a refresh within a staleness budget runs: `nightly`, `hourly`, `every 5m`.
pub(crate) fn cadence(budget_secs: f64) -> String {
    if budget_secs >= 86_400.0 {
        "nightly".to_string()
    } else if (budget_secs - 3600.0).abs() < 1.0 {
        "hourly".to_string()
    } else {
        format!("every {}", secs(budget_secs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_money_hours_and_lists() {
        assert_eq!(num(1234.0), "1,234");
        assert_eq!(num(18.46), "18.5");
        assert_eq!(num(-0.04), "0");
        assert_eq!(usd(-500.0), "-$500");
        assert_eq!(usd_range(Estimate::new(186.0, 500.0)), "$186..500");
        assert_eq!(usd_range(Estimate::new(-500.0, -186.0)), "-$500..-$186");
        assert_eq!(usd_range(Estimate::exact(-500.0)), "-$500");
        assert_eq!(hours(24.06), "24.1 h");
        assert_eq!(
            (num2(1.25), num2(3.0), num2(0.5), num2(-2.05), num2(-0.001)),
            ("1.25".into(), "3".into(), "0.5".into(), "-2.05".into(), "0".into())
        );
        assert_eq!(secs(240.0), "4m");
        assert_eq!(secs_range(Estimate::new(0.1, 2.0)), "100ms..2s");
        assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
        assert_eq!(capped_list(&["a", "b", "c"], 2), "a, b and 1 more");
        assert_eq!(cadence(86_400.0), "nightly");
        assert_eq!(cadence(300.0), "every 5m");
    }
}
