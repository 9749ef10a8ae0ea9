//! Telling a file's encoding when it is not UTF-8 but UTF-16 or UTF-32, or that it is not text at
//! all (an image, an archive), so the error can say so.

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

/// What a file that is not text at all is (`a PNG image`), by its signature, or `a binary file`
/// when control bytes (zero bytes and the like, not tabs or line ends) make up more than 1 % of
/// its first 8 KiB, at least four of them (after [`wide_encoding`] has ruled out UTF-16 and
/// UTF-32, whose ASCII characters carry zero bytes). `None` for text, including text in a legacy
/// 8-bit encoding (reported as not UTF-8) and text with a stray control byte (reported where it
/// is).
pub fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"%PDF-", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
        (b"\x1f\x8b", "a gzip archive"),
        (b"\x7fELF", "a program"),
    ];
    if let Some((_, kind)) = SIGNATURES.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(kind);
    }
    let head = bytes.get(..bytes.len().min(8_192)).unwrap_or(bytes);
    let control = head.iter().filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f).count();
    (wide_encoding(bytes).is_none() && control >= 4 && control * 100 > head.len()).then_some("a binary file")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_binary_files_from_text() {
        assert_eq!(binary_kind(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some("a PNG image"));
        assert_eq!(binary_kind(b"\xff\xd8\xff\xe0\0\x10JFIF"), Some("a JPEG image"));
        assert_eq!(binary_kind(b"version: 1\n\0name: x\n"), None, "a stray zero byte is reported where it is");
        assert_eq!(binary_kind(b"\0\x01\x02\x03version\0\0"), Some("a binary file"));
        assert_eq!(binary_kind(b"version: 1\nname: caf\xe9\n"), None, "Latin-1 text is text");
        assert_eq!(binary_kind("v\0e\0r\0".as_bytes()), None, "UTF-16 is reported as UTF-16");
        assert_eq!(binary_kind(b""), None);
    }
}
