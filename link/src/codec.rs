//! The fragment payload: `<version>.<base64url(zlib(JSON))>`, and reading every version.

use base64::{Engine as _, engine::general_purpose::URL_SAFE_NO_PAD};
use miniz_oxide::inflate::{DecompressError, TINFLStatus};

use crate::{LinkError, Shared};

/// The link format this version writes. Every earlier one stays readable.
pub const FORMAT_VERSION: u32 = 1;

/// What precedes the payload in a URL fragment.
pub const FRAGMENT_PREFIX: &str = "w=";

/// Largest decompressed record read (the workload parser's own limit is 4 MiB).
pub const MAX_EXPANDED: usize = 4 * 1024 * 1024;

/// The payload for a record, in the current format.
pub fn encode(shared: &Shared) -> String {
    // Serialising plain strings and enums cannot fail; an empty object would decode as an error.
    let json = serde_json::to_vec(shared).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&json, 10);
    format!("{FORMAT_VERSION}.{}", URL_SAFE_NO_PAD.encode(packed))
}

/// The URL fragment for a record, without the `#`: `w=1.eJy…`.
pub fn fragment(shared: &Shared) -> String {
    format!("{FRAGMENT_PREFIX}{}", encode(shared))
}

/// Reads a URL fragment (`#w=…` or `w=…`).
pub fn from_fragment(hash: &str) -> Result<Shared, LinkError> {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    decode(hash.strip_prefix(FRAGMENT_PREFIX).unwrap_or(hash))
}

/// Reads a payload of any format version, migrated to the current record.
pub fn decode(payload: &str) -> Result<Shared, LinkError> {
    let payload = payload.trim();
    if payload.is_empty() {
        return Err(LinkError::Empty);
    }
    let (version, body) = payload.split_once('.').ok_or(LinkError::NoVersion)?;
    let version: u32 = version.parse().map_err(|_| LinkError::NoVersion)?;
    match version {
        // Format 1 is the current record. A format 2 would decode format 1's JSON into the
        // format-1 shape (kept in its own module) and convert it forward here.
        1 => serde_json::from_slice(&inflate(body)?).map_err(|e| LinkError::Content(e.to_string())),
        0 => Err(LinkError::NoVersion),
        newer => Err(LinkError::UnknownVersion(newer)),
    }
}

fn inflate(body: &str) -> Result<Vec<u8>, LinkError> {
    if let Some((i, found)) = body.char_indices().find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')) {
        return Err(LinkError::NotBase64 { found, position: body[..i].chars().count() + 1 });
    }
    let packed = URL_SAFE_NO_PAD.decode(body).map_err(|_| LinkError::Corrupt)?;
    miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&packed, MAX_EXPANDED).map_err(|e| match e {
        DecompressError { status: TINFLStatus::HasMoreOutput, .. } => LinkError::TooLarge,
        _ => LinkError::Corrupt,
    })
}
