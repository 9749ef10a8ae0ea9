//! A thin drawing surface over plotters' SVG backend: pixels in, SVG out, with truncated labels
//! that keep their full text in a `<title>` tooltip.
//!
//! Nothing here asks plotters to measure text (plotters measures through the DOM in the browser,
//! which differs from native and fails outside a page): every width comes from [`crate::text`].

use plotters::{
    backend::SVGBackend,
    coord::Shift,
    drawing::{DrawingArea, IntoDrawingArea},
    element::{Circle, DashedPathElement, PathElement, Polygon, Rectangle},
    style::{
        Color, FontDesc, FontFamily, FontStyle, ShapeStyle, TextStyle,
        text_anchor::{HPos, Pos, VPos},
    },
};

use crate::{
    palette::{self, Ink, Scheme},
    text,
};

/// plotters writes `font-size` as the requested size divided by this.
const PLOTTERS_FONT_SCALE: f64 = 1.24;

/// Horizontal alignment of a text at its anchor point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    /// The text starts at the point.
    Start,
    /// The text is centred on the point.
    Middle,
    /// The text ends at the point.
    End,
}

/// How a text is drawn: size in pixels, weight, colour, alignment. Texts are centred vertically
/// on their anchor point.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Font {
    pub(crate) px: f64,
    pub(crate) bold: bool,
    pub(crate) italic: bool,
    pub(crate) color: Ink,
    pub(crate) align: Align,
    pub(crate) rotate: bool,
}

impl Font {
    /// Regular text in the text colour, left-aligned.
    pub(crate) fn new(px: f64) -> Self {
        Font { px, bold: false, italic: false, color: palette::TEXT, align: Align::Start, rotate: false }
    }

    pub(crate) fn bold(mut self) -> Self {
        self.bold = true;
        self
    }

    pub(crate) fn italic(mut self) -> Self {
        self.italic = true;
        self
    }

    pub(crate) fn color(mut self, color: Ink) -> Self {
        self.color = color;
        self
    }

    pub(crate) fn align(mut self, align: Align) -> Self {
        self.align = align;
        self
    }

    /// Turned a quarter left (a vertical axis title reading bottom to top).
    pub(crate) fn vertical(mut self) -> Self {
        self.rotate = true;
        self
    }

    /// Estimated width of `s` in this font.
    pub(crate) fn width(&self, s: &str) -> f64 {
        text::width(s, self.px, self.bold)
    }

    fn style(&self, scheme: Scheme) -> TextStyle<'_> {
        let style = if self.bold {
            FontStyle::Bold
        } else if self.italic {
            FontStyle::Italic
        } else {
            FontStyle::Normal
        };
        let desc = FontDesc::new(FontFamily::Name(palette::FONT), plotters_size(self.px), style);
        let desc = if self.rotate { desc.transform(plotters::style::FontTransform::Rotate270) } else { desc };
        let h = match self.align {
            Align::Start => HPos::Left,
            Align::Middle => HPos::Center,
            Align::End => HPos::Right,
        };
        TextStyle { font: desc, color: scheme.rgb(self.color).to_backend_color(), pos: Pos::new(h, VPos::Center) }
    }
}

/// The size to ask plotters for so that it writes `font-size="px"` exactly (not `13.000000000000002`).
fn plotters_size(px: f64) -> f64 {
    let size = px * PLOTTERS_FONT_SCALE;
    [size, size.next_up(), size.next_down()].into_iter().find(|s| s / PLOTTERS_FONT_SCALE == px).unwrap_or(size)
}

/// Rounds a layout coordinate to the pixel grid.
fn px(v: f64) -> i32 {
    if v.is_finite() { v.round() as i32 } else { 0 }
}

/// Points on the pixel grid.
fn points(pts: &[(f64, f64)]) -> Vec<(i32, i32)> {
    pts.iter().map(|&(x, y)| (px(x), px(y))).collect()
}

/// A drawing in progress. Drawing into a string cannot fail, so errors are ignored.
pub(crate) struct Canvas<'a> {
    area: DrawingArea<SVGBackend<'a>, Shift>,
    scheme: Scheme,
    /// Texts drawn as a marker, to be replaced by `<title>full</title>shown`.
    tips: Vec<(String, String)>,
}

/// Draws a `width` × `height` SVG in `scheme` with `title` as its accessible name.
pub(crate) fn svg(width: f64, height: f64, title: &str, scheme: Scheme, draw: impl FnOnce(&mut Canvas<'_>)) -> String {
    let mut buf = String::new();
    let tips = {
        let size = (width.max(1.0).ceil() as u32, height.max(1.0).ceil() as u32);
        let area = SVGBackend::with_string(&mut buf, size).into_drawing_area();
        area.fill(&scheme.rgb(palette::BG)).ok();
        let mut canvas = Canvas { area, scheme, tips: Vec::new() };
        draw(&mut canvas);
        canvas.area.present().ok();
        canvas.tips
    };
    finish(&buf, title, &tips)
}

/// Puts the chart's title first (its accessible name) and the tooltips in place of their markers.
///
/// The font family (the same on every text) moves to the root element and plotters' `opacity="1"`
/// goes: both are exact attribute strings that user text, escaped, cannot contain.
fn finish(svg: &str, title: &str, tips: &[(String, String)]) -> String {
    let family = format!(" font-family=\"{}\"", text::escape(palette::FONT));
    let svg = svg.replace(&family, "").replace(" opacity=\"1\"", "");
    let svg = svg.replacen("<svg ", &format!("<svg{family} "), 1);
    let mut out = String::with_capacity(svg.len() + 64 * (tips.len() + 1));
    let head_end = svg.find(">\n").map_or(0, |i| i + 2);
    out.push_str(svg.get(..head_end).unwrap_or_default());
    out.push_str("<title>");
    out.push_str(&text::escape(&text::clean(title)));
    out.push_str("</title>\n");
    let mut rest = svg.get(head_end..).unwrap_or_default();
    // Markers are `\u{E000}N\u{E001}`, in drawing order; user text cannot contain them.
    while let Some(start) = rest.find('\u{E000}') {
        out.push_str(rest.get(..start).unwrap_or_default());
        let after = rest.get(start + '\u{E000}'.len_utf8()..).unwrap_or_default();
        let Some(end) = after.find('\u{E001}') else {
            rest = after;
            continue;
        };
        let index: Option<usize> = after.get(..end).and_then(|n| n.parse().ok());
        if let Some((shown, full)) = index.and_then(|i| tips.get(i)) {
            out.push_str("<title>");
            out.push_str(&text::escape(full));
            out.push_str("</title>");
            out.push_str(&text::escape(shown));
        }
        rest = after.get(end + '\u{E001}'.len_utf8()..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

impl Canvas<'_> {
    /// A filled rectangle.
    pub(crate) fn rect(&self, x: f64, y: f64, w: f64, h: f64, color: Ink) {
        self.rect_alpha(x, y, w, h, color, 1.0);
    }

    /// A filled rectangle, partly transparent.
    pub(crate) fn rect_alpha(&self, x: f64, y: f64, w: f64, h: f64, color: Ink, alpha: f64) {
        if w <= 0.0 || h <= 0.0 {
            return;
        }
        let style = ShapeStyle::from(&self.scheme.rgb(color).mix(alpha)).filled();
        self.area.draw(&Rectangle::new([(px(x), px(y)), (px(x + w), px(y + h))], style)).ok();
    }

    /// A rectangle's outline.
    pub(crate) fn outline(&self, x: f64, y: f64, w: f64, h: f64, color: Ink, stroke: u32) {
        let pts = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)];
        self.line(&pts, color, stroke);
    }

    /// A rectangle's outline in dashes.
    pub(crate) fn dashed_outline(&self, x: f64, y: f64, w: f64, h: f64, color: Ink, stroke: u32) {
        let pts = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)];
        self.dashed(&pts, color, 1.0, stroke, (8, 5));
    }

    /// A polyline.
    pub(crate) fn line(&self, pts: &[(f64, f64)], color: Ink, stroke: u32) {
        self.line_alpha(pts, color, 1.0, stroke);
    }

    /// A polyline, partly transparent.
    pub(crate) fn line_alpha(&self, pts: &[(f64, f64)], color: Ink, alpha: f64, stroke: u32) {
        let style = ShapeStyle::from(&self.scheme.rgb(color).mix(alpha)).stroke_width(stroke);
        self.area.draw(&PathElement::new(points(pts), style)).ok();
    }

    /// A polyline in dashes of `dash.0` pixels separated by `dash.1`.
    pub(crate) fn dashed(&self, pts: &[(f64, f64)], color: Ink, alpha: f64, stroke: u32, dash: (u32, u32)) {
        let style = ShapeStyle::from(&self.scheme.rgb(color).mix(alpha)).stroke_width(stroke);
        self.area.draw(&DashedPathElement::new(points(pts), dash.0, dash.1, style)).ok();
    }

    /// A filled polygon.
    pub(crate) fn polygon(&self, pts: &[(f64, f64)], color: Ink, alpha: f64) {
        let style = ShapeStyle::from(&self.scheme.rgb(color).mix(alpha)).filled();
        self.area.draw(&Polygon::new(points(pts), style)).ok();
    }

    /// A filled circle with an outline in the background colour (so it stands out on a line).
    pub(crate) fn dot(&self, x: f64, y: f64, r: f64, color: Ink) {
        let rr = r.max(1.0).round() as i32;
        self.area
            .draw(&Circle::new((px(x), px(y)), rr + 2, ShapeStyle::from(&self.scheme.rgb(palette::BG)).filled()))
            .ok();
        self.area.draw(&Circle::new((px(x), px(y)), rr, ShapeStyle::from(&self.scheme.rgb(color)).filled())).ok();
    }

    /// An arrowhead at `tip`, pointing along the direction from `from`.
    pub(crate) fn arrowhead(&self, from: (f64, f64), tip: (f64, f64), color: Ink, alpha: f64) {
        let (dx, dy) = (tip.0 - from.0, tip.1 - from.1);
        let len = dx.hypot(dy);
        if len <= f64::EPSILON {
            return;
        }
        let (ux, uy) = (dx / len, dy / len);
        let (l, w) = (9.0, 4.5);
        let base = (tip.0 - ux * l, tip.1 - uy * l);
        let pts = [tip, (base.0 - uy * w, base.1 + ux * w), (base.0 + uy * w, base.1 - ux * w)];
        self.polygon(&pts, color, alpha);
    }

    /// A text as given (user text is cleaned; plotters escapes it).
    pub(crate) fn text(&self, x: f64, y: f64, s: &str, font: &Font) {
        self.area.draw_text(&text::clean(s), &font.style(self.scheme), (px(x), px(y))).ok();
    }

    /// A text shortened with an ellipsis to `max` pixels; when shortened, the full text is its
    /// tooltip. Returns the width drawn.
    pub(crate) fn label(&mut self, x: f64, y: f64, s: &str, max: f64, font: &Font) -> f64 {
        let full = text::clean(s);
        let (shown, cut) = text::fit(&full, font.px, font.bold, max);
        let width = font.width(&shown);
        if cut {
            let marker = format!("\u{E000}{}\u{E001}", self.tips.len());
            self.tips.push((shown, full));
            self.area.draw_text(&marker, &font.style(self.scheme), (px(x), px(y))).ok();
        } else {
            self.area.draw_text(&shown, &font.style(self.scheme), (px(x), px(y))).ok();
        }
        width
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tooltips_replace_markers_and_escape() {
        let svg = svg(200.0, 40.0, "t <1>", Scheme::Light, |c| {
            c.label(4.0, 20.0, "<script>alert(1)</script> with a long tail", 80.0, &Font::new(12.0));
            c.text(4.0, 30.0, "a & b", &Font::new(12.0));
        });
        assert!(svg.contains("<title>t &lt;1&gt;</title>"), "{svg}");
        assert!(svg.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; with a long tail</title>&lt;scr"), "{svg}");
        assert!(svg.contains("a &amp; b"), "{svg}");
        assert!(!svg.contains('\u{E000}') && !svg.contains("<script"), "{svg}");
        assert!(svg.starts_with("<svg font-family=") && svg.matches("font-family").count() == 1, "{svg}");
    }
}
