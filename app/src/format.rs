//! Number formatting for the page: dollars, hours, ranges, multiples. Pure; tested natively.

use engine::Estimate;

/// A number with thousands separators and at most one decimal (`1,234`, `18.5`), negative
/// with a typographic minus (`−3.5`).
pub fn num(x: f64) -> String {
    engine::format::num(x).replacen('-', "−", 1)
}

/// Whole dollars: `$1,234`, `−$500`.
pub fn usd(x: f64) -> String {
    let r = if x.is_finite() { x.round() } else { 0.0 };
    if r < 0.0 { format!("−${}", num(-r)) } else { format!("${}", num(r)) }
}

/// Hours: `24.1 h`.
pub fn hours(x: f64) -> String {
    format!("{} h", num(x))
}

/// A multiple of the single-store baseline (`8.05×`), rounded as every report and chart rounds it.
pub fn times(x: f64) -> String {
    engine::format::multiple(x)
}

/// A plain range: `2..5`, or `3` when exact; `fmt` prints each end.
pub fn range(e: Estimate, fmt: impl Fn(f64) -> String) -> String {
    let (lo, hi) = (fmt(e.lo), fmt(e.hi));
    if lo == hi { lo } else { format!("{lo}..{hi}") }
}

/// A signed change: `+$120`, `−$500`, or `no change` when it rounds to zero.
pub fn signed(x: f64, fmt: impl Fn(f64) -> String) -> String {
    let shown = fmt(x.abs());
    if shown == fmt(0.0) {
        "±0".to_string()
    } else if x < 0.0 {
        format!("−{shown}")
    } else {
        format!("+{shown}")
    }
}

/// A signed range of changes: `−$500..−$186`, `+3.5 h`.
pub fn signed_range(e: Estimate, fmt: impl Fn(f64) -> String + Copy) -> String {
    let (lo, hi) = (signed(e.lo, fmt), signed(e.hi, fmt));
    if lo == hi { lo } else { format!("{lo}..{hi}") }
}

/// `1 finding`, `3 findings`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A file name from a report name: `Logistics platform` → `logistics-platform`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() { "storewise-report".to_string() } else { trimmed.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_numbers_money_and_ranges() {
        assert_eq!(num(1234.0), "1,234");
        assert_eq!(num(18.46), "18.5");
        assert_eq!(num(-0.01), "0");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(usd(-500.4), "−$500");
        assert_eq!(usd(11_827.68), "$11,828");
        assert_eq!(hours(95.78), "95.8 h");
        assert_eq!(times(8.05), "8.05×");
        assert_eq!(times(8.0), "8×");
        assert_eq!(range(Estimate::new(2.0, 5.0), num), "2..5");
        assert_eq!(range(Estimate::exact(3.0), num), "3");
        assert_eq!(signed(-500.0, usd), "−$500");
        assert_eq!(signed(3.5, hours), "+3.5 h");
        assert_eq!(signed(0.01, hours), "±0");
        assert_eq!(signed_range(Estimate::new(-500.0, -186.0), usd), "−$500..−$186");
        assert_eq!(plural(1, "finding", "findings"), "1 finding");
    }

    #[test]
    fn slugs_file_names() {
        assert_eq!(slug("Logistics platform"), "logistics-platform");
        assert_eq!(slug("  ***  "), "storewise-report");
        assert_eq!(slug("E-commerce (v2)"), "e-commerce-v2");
    }
}
