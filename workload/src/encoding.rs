//! Telling a file's encoding when it is not UTF-8 but UTF-16 or UTF-32, so the error can say so.

/// A file in a wide Unicode encoding, which storewise does not read (it reads UTF-8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WideEncoding {
    /// For people: `UTF-16 (little-endian)`.
    pub name: &'static str,
    /// For `iconv -f`: `UTF-16`, `UTF-16LE`, `UTF-32`.
    pub iconv: &'static str,
}

/// UTF-16 or UTF-32, told by the byte order mark or, for UTF-16 without one, by a zero byte
/// beside each of the first ASCII characters (a workload starts with ASCII: `version`, a
/// comment). `None` for anything else, UTF-8 included.
pub fn wide_encoding(bytes: &[u8]) -> Option<WideEncoding> {
    let (name, iconv) = match bytes {
        [0xFF, 0xFE, 0, 0, ..] => ("UTF-32 (little-endian)", "UTF-32"),
        [0, 0, 0xFE, 0xFF, ..] => ("UTF-32 (big-endian)", "UTF-32"),
        [0xFF, 0xFE, ..] => ("UTF-16 (little-endian)", "UTF-16"),
        [0xFE, 0xFF, ..] => ("UTF-16 (big-endian)", "UTF-16"),
        [a, 0, b, 0, ..] if a.is_ascii_graphic() && b.is_ascii() && *b != 0 => ("UTF-16 (little-endian)", "UTF-16LE"),
        [0, a, 0, b, ..] if a.is_ascii_graphic() && b.is_ascii() && *b != 0 => ("UTF-16 (big-endian)", "UTF-16BE"),
        _ => return None,
    };
    Some(WideEncoding { name, iconv })
}

impl WideEncoding {
    /// What to do about it: save as UTF-8, with the iconv line that converts the file.
    pub fn suggestion(&self) -> String {
        format!("save it as UTF-8 (most editors: File → Save with encoding; or `iconv -f {} -t UTF-8`)", self.iconv)
    }
}
