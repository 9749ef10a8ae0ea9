//! `Estimate`: a plain-number range (hours, dollars, counts) with its arithmetic.

use serde::Serialize;

/// A range of a plain quantity, `lo ≤ hi`; an exact figure has `lo == hi`.
///
/// Used for dollars (negative = a saving), hours and counts wherever the figure is uncertain.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Estimate {
    /// The low end.
    pub lo: f64,
    /// The high end.
    pub hi: f64,
}

impl Estimate {
    /// A range, its ends put in order.
    pub fn new(a: f64, b: f64) -> Self {
        if a <= b { Self { lo: a, hi: b } } else { Self { lo: b, hi: a } }
    }

    /// A single figure.
    pub fn exact(value: f64) -> Self {
        Self { lo: value, hi: value }
    }

    /// The midpoint.
    pub fn mid(self) -> f64 {
        f64::midpoint(self.lo, self.hi)
    }

    /// Both ranges added end to end.
    #[must_use]
    pub fn plus(self, other: Self) -> Self {
        Self { lo: self.lo + other.lo, hi: self.hi + other.hi }
    }

    /// Both ends multiplied by a non-negative factor.
    #[must_use]
    pub fn times(self, k: f64) -> Self {
        Self::new(self.lo * k, self.hi * k)
    }

    /// The negated range (a cost becomes a saving).
    #[must_use]
    pub fn negate(self) -> Self {
        Self::new(-self.hi, -self.lo)
    }

    /// The larger of each end (the slower of two paths).
    #[must_use]
    pub fn max_each(self, other: Self) -> Self {
        Self { lo: self.lo.max(other.lo), hi: self.hi.max(other.hi) }
    }

    /// Both ends rounded to two decimals, for reports.
    #[must_use]
    pub fn rounded(self) -> Self {
        Self { lo: round2(self.lo), hi: round2(self.hi) }
    }

    /// True when the range is a single figure.
    pub fn is_exact(self) -> bool {
        (self.hi - self.lo).abs() < 1e-9
    }
}

/// Rounds to two decimals (reports carry no false precision).
pub(crate) fn round2(x: f64) -> f64 {
    if x.is_finite() { (x * 100.0).round() / 100.0 } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_add_scale_and_negate() {
        let a = Estimate::new(2.0, 1.0);
        assert_eq!(a, Estimate { lo: 1.0, hi: 2.0 });
        assert_eq!(a.plus(Estimate::exact(1.0)), Estimate { lo: 2.0, hi: 3.0 });
        assert_eq!(a.times(2.0).mid(), 3.0);
        assert_eq!(Estimate::new(186.0, 500.0).negate(), Estimate { lo: -500.0, hi: -186.0 });
        assert_eq!(round2(1.23456), 1.23);
    }
}
