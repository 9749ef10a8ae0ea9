//! The colours of `style/tokens.css` in both schemes: charts name an [`Ink`] (what a colour
//! means), the canvas turns it into the light or dark value, so a chart means the same thing as
//! the web app around it and sits on the same background.
//!
//! Category colours (Okabe–Ito) are the same in both schemes; surfaces, text, the accent and the
//! severities follow the page's dark values. A test checks every value against `tokens.css`.

use catalog::Category;
use plotters::style::RGBColor;

/// What a colour means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ink {
    /// `--sw-cat-deployment`: blue.
    Deployment,
    /// `--sw-cat-monitoring`: orange.
    Monitoring,
    /// `--sw-cat-backup`: bluish green.
    Backup,
    /// `--sw-cat-security`: reddish purple.
    Security,
    /// `--sw-cat-consistency`: sky blue.
    Consistency,
    /// `--sw-cat-interactions`: vermillion, what stores cost together.
    Interactions,
    /// `--sw-critical`: dual writes (rule SW001 is critical).
    Critical,
    /// `--sw-bg`.
    Bg,
    /// `--sw-surface`.
    Surface,
    /// `--sw-border`.
    Border,
    /// `--sw-text`.
    Text,
    /// `--sw-text-muted`.
    Muted,
    /// `--sw-accent`: what the recommendations add or lead to.
    Accent,
    /// `--sw-info`: reference figures (one store alone, the linear model).
    Info,
}

/// The colour scheme a chart is drawn in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scheme {
    /// Dark ink on white: files, print, and pages in light mode.
    #[default]
    Light,
    /// Light ink on the page's dark background (`prefers-color-scheme: dark`).
    Dark,
}

impl Scheme {
    /// Both, light first.
    pub const ALL: [Scheme; 2] = [Scheme::Light, Scheme::Dark];

    /// The name the command line and the web API use: `light`, `dark`.
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Light => "light",
            Scheme::Dark => "dark",
        }
    }

    /// The scheme of this name (`light`, `dark`; any case).
    pub fn parse(name: &str) -> Option<Scheme> {
        Scheme::ALL.into_iter().find(|s| s.as_str().eq_ignore_ascii_case(name.trim()))
    }
}

impl Ink {
    /// Every ink, for the check against `tokens.css`.
    #[cfg(test)]
    pub(crate) const ALL: [Ink; 14] = [
        Ink::Deployment,
        Ink::Monitoring,
        Ink::Backup,
        Ink::Security,
        Ink::Consistency,
        Ink::Interactions,
        Ink::Critical,
        Ink::Bg,
        Ink::Surface,
        Ink::Border,
        Ink::Text,
        Ink::Muted,
        Ink::Accent,
        Ink::Info,
    ];

    /// The custom property of `style/tokens.css` this ink is.
    #[cfg(test)]
    pub(crate) fn token(self) -> &'static str {
        match self {
            Ink::Deployment => "--sw-cat-deployment",
            Ink::Monitoring => "--sw-cat-monitoring",
            Ink::Backup => "--sw-cat-backup",
            Ink::Security => "--sw-cat-security",
            Ink::Consistency => "--sw-cat-consistency",
            Ink::Interactions => "--sw-cat-interactions",
            Ink::Critical => "--sw-critical",
            Ink::Bg => "--sw-bg",
            Ink::Surface => "--sw-surface",
            Ink::Border => "--sw-border",
            Ink::Text => "--sw-text",
            Ink::Muted => "--sw-text-muted",
            Ink::Accent => "--sw-accent",
            Ink::Info => "--sw-info",
        }
    }
}

impl Scheme {
    /// The colour of `ink` in this scheme (one copy of the table: not inlined into every drawing
    /// call, which costs the web bundle kilobytes).
    #[inline(never)]
    pub(crate) fn rgb(self, ink: Ink) -> RGBColor {
        match (self, ink) {
            (_, Ink::Deployment) => RGBColor(0x00, 0x72, 0xb2),
            (_, Ink::Monitoring) => RGBColor(0xe6, 0x9f, 0x00),
            (_, Ink::Backup) => RGBColor(0x00, 0x9e, 0x73),
            (_, Ink::Security) => RGBColor(0xcc, 0x79, 0xa7),
            (_, Ink::Consistency) => RGBColor(0x56, 0xb4, 0xe9),
            (_, Ink::Interactions) => RGBColor(0xd5, 0x5e, 0x00),
            (Scheme::Light, Ink::Critical) => RGBColor(0xb2, 0x18, 0x2b),
            (Scheme::Light, Ink::Bg) => RGBColor(0xff, 0xff, 0xff),
            (Scheme::Light, Ink::Surface) => RGBColor(0xf6, 0xf7, 0xf9),
            (Scheme::Light, Ink::Border) => RGBColor(0xd9, 0xdc, 0xe1),
            (Scheme::Light, Ink::Text) => RGBColor(0x1f, 0x23, 0x28),
            (Scheme::Light, Ink::Muted) => RGBColor(0x59, 0x63, 0x6e),
            (Scheme::Light, Ink::Accent) => RGBColor(0x00, 0x72, 0xb2),
            (Scheme::Light, Ink::Info) => RGBColor(0x6b, 0x72, 0x80),
            (Scheme::Dark, Ink::Critical) => RGBColor(0xf0, 0x6d, 0x7c),
            (Scheme::Dark, Ink::Bg) => RGBColor(0x0f, 0x11, 0x15),
            (Scheme::Dark, Ink::Surface) => RGBColor(0x18, 0x1b, 0x21),
            (Scheme::Dark, Ink::Border) => RGBColor(0x2d, 0x32, 0x3b),
            (Scheme::Dark, Ink::Text) => RGBColor(0xe6, 0xe8, 0xeb),
            (Scheme::Dark, Ink::Muted) => RGBColor(0xa0, 0xa7, 0xb1),
            (Scheme::Dark, Ink::Accent) => RGBColor(0x56, 0xb4, 0xe9),
            (Scheme::Dark, Ink::Info) => RGBColor(0x9a, 0xa3, 0xae),
        }
    }
}

pub(crate) const DEPLOYMENT: Ink = Ink::Deployment;
pub(crate) const MONITORING: Ink = Ink::Monitoring;
pub(crate) const BACKUP: Ink = Ink::Backup;
pub(crate) const SECURITY: Ink = Ink::Security;
pub(crate) const CONSISTENCY: Ink = Ink::Consistency;
pub(crate) const INTERACTIONS: Ink = Ink::Interactions;
pub(crate) const CRITICAL: Ink = Ink::Critical;
pub(crate) const BG: Ink = Ink::Bg;
pub(crate) const SURFACE: Ink = Ink::Surface;
pub(crate) const BORDER: Ink = Ink::Border;
pub(crate) const TEXT: Ink = Ink::Text;
pub(crate) const MUTED: Ink = Ink::Muted;
pub(crate) const ACCENT: Ink = Ink::Accent;
pub(crate) const INFO: Ink = Ink::Info;

/// The current architecture in comparisons.
pub(crate) const CURRENT: Ink = MUTED;
/// The recommended architecture in comparisons.
pub(crate) const RECOMMENDED: Ink = ACCENT;
/// The primary source of truth alone, in comparisons.
pub(crate) const SINGLE: Ink = BORDER;

/// `--sw-font`.
pub(crate) const FONT: &str = "system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif";

/// A store category's colour.
pub(crate) fn category(c: Category) -> Ink {
    match c {
        Category::Deployment => DEPLOYMENT,
        Category::Monitoring => MONITORING,
        Category::Backup => BACKUP,
        Category::Security => SECURITY,
        Category::Consistency => CONSISTENCY,
    }
}

/// A source of truth's box (blue, as the accent: where data is authoritative).
pub(crate) const SOURCE_OF_TRUTH: Ink = DEPLOYMENT;
/// A pipeline's box.
pub(crate) const PIPELINE: Ink = MONITORING;
/// A derived store's box.
pub(crate) const DERIVED: Ink = BACKUP;

#[cfg(test)]
mod tests {
    use super::*;

    const TOKENS: &str = include_str!("../../style/tokens.css");

    /// The value of `token` in the block that starts at `block` (the last assignment wins).
    fn value(block: &str, token: &str) -> Option<String> {
        let end = block.find("\n}").unwrap_or(block.len());
        let body = block.get(..end)?;
        body.lines()
            .filter_map(|l| l.trim().strip_prefix(token)?.trim_start().strip_prefix(':').map(str::trim))
            .filter_map(|v| v.split(';').next().map(|v| v.trim().to_ascii_lowercase()))
            .next_back()
    }

    fn hex(c: RGBColor) -> String {
        format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
    }

    #[test]
    fn schemes_parse_by_name() {
        for scheme in Scheme::ALL {
            assert_eq!(Scheme::parse(scheme.as_str()), Some(scheme));
        }
        assert_eq!(Scheme::parse(" Dark "), Some(Scheme::Dark));
        assert_eq!(Scheme::parse("sepia"), None);
    }

    /// One palette: the charts' colours are those of `style/tokens.css`, light and dark.
    #[test]
    fn issue_14_every_ink_is_its_token_in_both_schemes() {
        let light = TOKENS.get(TOKENS.find(":root {").expect("a :root block")..).expect("a light block");
        let dark_at = TOKENS.find("prefers-color-scheme: dark").expect("a dark block");
        let dark = TOKENS.get(dark_at..).and_then(|b| b.find(":root {").and_then(|i| b.get(i..))).expect("dark :root");
        for ink in Ink::ALL {
            let light_value = value(light, ink.token()).unwrap_or_else(|| panic!("{} in tokens.css", ink.token()));
            assert_eq!(hex(Scheme::Light.rgb(ink)), light_value, "{ink:?} light");
            let dark_value = value(dark, ink.token()).unwrap_or_else(|| light_value.clone());
            assert_eq!(hex(Scheme::Dark.rgb(ink)), dark_value, "{ink:?} dark");
        }
    }
}
