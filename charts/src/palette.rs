//! The colours of `style/tokens.css` (Okabe–Ito categories, severities, light surfaces), so a
//! chart means the same thing as the web app around it.

use catalog::Category;
use plotters::style::RGBColor;

/// `--sw-cat-deployment`: blue.
pub(crate) const DEPLOYMENT: RGBColor = RGBColor(0x00, 0x72, 0xb2);
/// `--sw-cat-monitoring`: orange.
pub(crate) const MONITORING: RGBColor = RGBColor(0xe6, 0x9f, 0x00);
/// `--sw-cat-backup`: bluish green.
pub(crate) const BACKUP: RGBColor = RGBColor(0x00, 0x9e, 0x73);
/// `--sw-cat-security`: reddish purple.
pub(crate) const SECURITY: RGBColor = RGBColor(0xcc, 0x79, 0xa7);
/// `--sw-cat-consistency`: sky blue.
pub(crate) const CONSISTENCY: RGBColor = RGBColor(0x56, 0xb4, 0xe9);
/// `--sw-cat-interactions`: vermillion, what stores cost together.
pub(crate) const INTERACTIONS: RGBColor = RGBColor(0xd5, 0x5e, 0x00);

/// `--sw-critical`: dual writes (rule SW001 is critical).
pub(crate) const CRITICAL: RGBColor = RGBColor(0xb2, 0x18, 0x2b);

/// `--sw-bg`.
pub(crate) const BG: RGBColor = RGBColor(0xff, 0xff, 0xff);
/// `--sw-surface`.
pub(crate) const SURFACE: RGBColor = RGBColor(0xf6, 0xf7, 0xf9);
/// `--sw-border`.
pub(crate) const BORDER: RGBColor = RGBColor(0xd9, 0xdc, 0xe1);
/// `--sw-text`.
pub(crate) const TEXT: RGBColor = RGBColor(0x1f, 0x23, 0x28);
/// `--sw-text-muted`.
pub(crate) const MUTED: RGBColor = RGBColor(0x59, 0x63, 0x6e);
/// `--sw-accent`: what the recommendations add or lead to.
pub(crate) const ACCENT: RGBColor = RGBColor(0x00, 0x72, 0xb2);
/// `--sw-info`: reference figures (one store alone, the linear model).
pub(crate) const INFO: RGBColor = RGBColor(0x6b, 0x72, 0x80);

/// The current architecture in comparisons.
pub(crate) const CURRENT: RGBColor = MUTED;
/// The recommended architecture in comparisons.
pub(crate) const RECOMMENDED: RGBColor = ACCENT;
/// The primary source of truth alone, in comparisons.
pub(crate) const SINGLE: RGBColor = BORDER;

/// `--sw-font`.
pub(crate) const FONT: &str = "system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif";

/// A store category's colour.
pub(crate) fn category(c: Category) -> RGBColor {
    match c {
        Category::Deployment => DEPLOYMENT,
        Category::Monitoring => MONITORING,
        Category::Backup => BACKUP,
        Category::Security => SECURITY,
        Category::Consistency => CONSISTENCY,
    }
}

/// A source of truth's box (blue, as the accent: where data is authoritative).
pub(crate) const SOURCE_OF_TRUTH: RGBColor = DEPLOYMENT;
/// A pipeline's box.
pub(crate) const PIPELINE: RGBColor = MONITORING;
/// A derived store's box.
pub(crate) const DERIVED: RGBColor = BACKUP;
