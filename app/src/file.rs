//! Reading a dropped or picked file: size check, bytes, UTF-8 (lossy, with a note saying where).

use wasm_bindgen_futures::JsFuture;

/// A file read into the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    /// The file's name.
    pub name: String,
    /// Its text, line endings normalised to `\n` (as a textarea holds them).
    pub text: String,
    /// A problem worth telling (not UTF-8), when there is one.
    pub note: Option<String>,
}

/// Reads `file`. Files over the workload size limit are refused before reading.
pub async fn read(file: web_sys::File) -> Result<Loaded, String> {
    let name = file.name();
    let limit = workload::yaml::MAX_BYTES;
    let size = file.size();
    if size > limit as f64 {
        return Err(format!(
            "{name} is {:.1} MB; storewise reads workload files up to {} MB",
            size / 1_048_576.0,
            limit / 1_048_576
        ));
    }
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|_| format!("could not read {name}"))?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    Ok(decode(name, &bytes))
}

/// Turns bytes into editor text: strips a BOM, normalises line endings, replaces invalid UTF-8.
/// A UTF-16 or UTF-32 file loads nothing, with a note naming its encoding (as the CLI and the
/// API refuse it).
pub fn decode(name: String, bytes: &[u8]) -> Loaded {
    if let Some(kind) = workload::binary_kind(bytes) {
        let note = format!("{name} is not a text file (it looks like {kind}); choose the workload's YAML file.");
        return Loaded { name, text: String::new(), note: Some(note) };
    }
    if let Some(wide) = workload::wide_encoding(bytes) {
        let note = format!("{name} is {} text; storewise reads UTF-8: {}.", wide.name, wide.suggestion());
        return Loaded { name, text: String::new(), note: Some(note) };
    }
    let (text, note) = match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), None),
        Err(e) => {
            let valid = bytes.get(..e.valid_up_to()).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or_default();
            let (line, column) = catalog::line_col(valid, valid.len());
            let note = format!(
                "{name} is not valid UTF-8 text (first bad byte at line {line}, column {column}); \
                 bad bytes are shown as �. Save it as UTF-8."
            );
            (String::from_utf8_lossy(bytes).into_owned(), Some(note))
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).replace("\r\n", "\n").replace('\r', "\n");
    Loaded { name, text, note }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 14: an image is not read as text full of unprintable characters; it is named.
    #[test]
    fn issue_14_a_png_is_not_a_text_file() {
        let png = decode("shot.png".into(), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01");
        assert_eq!(png.text, "");
        assert_eq!(
            png.note.as_deref(),
            Some("shot.png is not a text file (it looks like a PNG image); choose the workload's YAML file.")
        );
    }

    #[test]
    fn decodes_bom_crlf_and_bad_bytes() {
        let ok = decode("a.yaml".into(), b"\xef\xbb\xbfversion: 1\r\nname: x\r\n");
        assert_eq!(ok.text, "version: 1\nname: x\n");
        assert!(ok.note.is_none());
        let bad = decode("b.yaml".into(), b"version: 1\nname: \xff\n");
        assert!(bad.text.contains('\u{fffd}'));
        assert!(bad.note.as_deref().is_some_and(|n| n.contains("line 2, column 7")), "{:?}", bad.note);
    }

    /// Issue 7: UTF-16 without a byte order mark is valid UTF-8 (full of NULs); it is named.
    #[test]
    fn names_utf16_files() {
        let wide = decode("w.yaml".into(), b"v\0e\0r\0s\0i\0o\0n\0:\0 \x001\0");
        assert_eq!(wide.text, "");
        assert!(wide.note.as_deref().is_some_and(|n| n.contains("UTF-16 (little-endian)")), "{:?}", wide.note);
    }
}
