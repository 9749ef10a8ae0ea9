//! [`Frame`]: the width a chart is drawn for and the colour scheme it is drawn in.

pub use crate::palette::Scheme;

/// How a chart is drawn. The default is each chart's own width in the light scheme: the files
/// the command line and the API write. The web app asks for the width of the box a chart gets,
/// so that its text is drawn at its size (11 to 18 CSS pixels) on a phone as on a laptop.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Frame {
    /// The width in CSS pixels, clamped to [`Frame::NARROWEST`]..=[`Frame::WIDEST`]; `None` for the
    /// chart's own width. The architecture diagram never draws narrower than its columns need.
    pub width: Option<f64>,
    /// The colour scheme.
    pub scheme: Scheme,
}

impl Frame {
    /// The narrowest width a chart lays out for (a 360-pixel phone less the page's margins).
    pub const NARROWEST: f64 = 300.0;
    /// The widest.
    pub const WIDEST: f64 = 2400.0;

    /// A frame `width` pixels wide in `scheme`.
    pub fn new(width: f64, scheme: Scheme) -> Self {
        Frame { width: Some(width), scheme }
    }

    /// The width to lay out for: the frame's, clamped, or `natural`.
    pub(crate) fn width_or(&self, natural: f64) -> f64 {
        match self.width {
            Some(w) if w.is_finite() => w.clamp(Frame::NARROWEST, Frame::WIDEST),
            _ => natural,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_clamped_and_default_to_the_charts_own() {
        assert!((Frame::default().width_or(1040.0) - 1040.0).abs() < f64::EPSILON);
        assert!((Frame::new(10.0, Scheme::Dark).width_or(1040.0) - Frame::NARROWEST).abs() < f64::EPSILON);
        assert!((Frame::new(f64::NAN, Scheme::Light).width_or(900.0) - 900.0).abs() < f64::EPSILON);
        assert!((Frame::new(1e9, Scheme::Light).width_or(900.0) - Frame::WIDEST).abs() < f64::EPSILON);
    }
}
