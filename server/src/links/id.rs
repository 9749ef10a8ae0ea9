//! Link ids: the first 120 bits of the workload's SHA-256, in lowercase base32 (24 characters).
//! The same workload always gets the same id; ids cannot be guessed or collide in practice.

use std::fmt;

use serde::Serialize;
use sha2::{Digest, Sha256};

const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
/// Bits of the hash kept: 15 bytes, 24 base32 characters.
const BYTES: usize = 15;
/// Length of an id in characters.
pub(crate) const LEN: usize = BYTES * 8 / 5;

/// A short link's id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub(crate) struct LinkId(String);

impl LinkId {
    /// The id of a workload's text.
    pub(crate) fn of(workload: &str) -> Self {
        let digest = Sha256::digest(workload.as_bytes());
        let mut out = String::with_capacity(LEN);
        let (mut buffer, mut bits) = (0u32, 0u32);
        for &byte in digest.iter().take(BYTES) {
            buffer = (buffer << 8) | u32::from(byte);
            bits += 8;
            while bits >= 5 {
                bits -= 5;
                out.extend(ALPHABET.get(((buffer >> bits) & 31) as usize).map(|&b| char::from(b)));
            }
        }
        LinkId(out)
    }

    /// Reads an id from a URL; `None` unless it has the shape of one (case-insensitive).
    pub(crate) fn parse(text: &str) -> Option<Self> {
        let text = text.to_ascii_lowercase();
        (text.len() == LEN && text.bytes().all(|b| ALPHABET.contains(&b))).then_some(LinkId(text))
    }

    /// The id as text.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LinkId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_text_same_id_and_120_bits() {
        let a = LinkId::of("version: 1\n");
        assert_eq!(a, LinkId::of("version: 1\n"));
        assert_ne!(a, LinkId::of("version: 1\n\n"));
        assert_eq!(a.as_str().len(), 24);
        const { assert!(LEN * 5 >= 96, "ids carry at least 96 bits") };
        assert_eq!(LinkId::parse(&a.as_str().to_ascii_uppercase()), Some(a));
    }

    #[test]
    fn known_vector() {
        // SHA-256("") = e3b0c442 98fc1c14 9afbf4c8 996fb924 ..., first 15 bytes in base32
        assert_eq!(LinkId::of("").as_str(), "4oymiquy7qobjgx36tejs35z");
    }

    #[test]
    fn rejects_what_is_not_an_id() {
        for bad in ["", "abc", "4oymiquy7qobjgx36tejs8aa", "../../etc/passwd", "4oymiquy7qobjgx36tejs3a1"] {
            assert_eq!(LinkId::parse(bad), None, "{bad}");
        }
    }
}
