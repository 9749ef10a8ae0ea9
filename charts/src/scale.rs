//! Linear axes with round tick steps (1, 2, 2.5 or 5 × a power of ten).

/// A value axis from zero to `max`, ticked every `step`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Axis {
    /// The top of the axis: a multiple of `step` at or above the largest value.
    pub(crate) max: f64,
    /// Distance between ticks.
    pub(crate) step: f64,
}

impl Axis {
    /// An axis from 0 that holds `value`, with about `ticks` steps.
    pub(crate) fn to(value: f64, ticks: usize) -> Self {
        let value = if value.is_finite() && value > 0.0 { value } else { 1.0 };
        let raw = value / ticks.max(1) as f64;
        let magnitude = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| *s >= raw).unwrap_or(raw);
        let max = (value / step - 1e-9).ceil().max(1.0) * step;
        Axis { max, step }
    }

    /// The tick values, 0 included.
    pub(crate) fn ticks(&self) -> Vec<f64> {
        let n = (self.max / self.step).round() as usize;
        (0..=n).map(|i| i as f64 * self.step).collect()
    }

    /// Decimals needed to print the ticks.
    pub(crate) fn decimals(&self) -> usize {
        if self.step.fract().abs() < 1e-9 {
            0
        } else if (self.step * 10.0).fract().abs() < 1e-9 {
            1
        } else {
            2
        }
    }

    /// Maps a value to a pixel between `from` (at 0) and `to` (at `max`).
    pub(crate) fn map(&self, value: f64, from: f64, to: f64) -> f64 {
        let v = if value.is_finite() { value.clamp(0.0, self.max) } else { 0.0 };
        from + (to - from) * v / self.max
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_steps() {
        assert_eq!(Axis::to(95.77, 5), Axis { max: 100.0, step: 20.0 });
        assert_eq!(Axis::to(18.4, 5), Axis { max: 20.0, step: 5.0 });
        assert_eq!(Axis::to(4.0, 4), Axis { max: 4.0, step: 1.0 });
        assert_eq!(Axis::to(0.0, 4).ticks().len(), 5);
        assert_eq!(Axis::to(2.5, 5).decimals(), 1);
    }
}
