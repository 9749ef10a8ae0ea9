//! Why a link could not be read, in words a person who pasted it can act on.

/// A link that does not decode.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    /// Nothing after `#w=`.
    #[error("the link has no workload in it (nothing follows `#w=`); copy the whole link again")]
    Empty,
    /// The payload does not start with `<version>.`.
    #[error(
        "the link does not start with a format version (`1.` after `#w=`): it was cut or altered; copy the whole link again"
    )]
    NoVersion,
    /// Written by a newer storewise.
    #[error("the link uses format {0}, newer than this storewise reads (up to {max}); open it with a newer storewise", max = crate::FORMAT_VERSION)]
    UnknownVersion(u32),
    /// Characters base64url never produces.
    #[error(
        "the link contains `{found}` at character {position}, which a storewise link never has: it was altered or cut while being copied; copy the whole link again"
    )]
    NotBase64 {
        /// The offending character.
        found: char,
        /// Its position in the payload, from 1.
        position: usize,
    },
    /// Decompression failed or the checksum did not match.
    #[error(
        "the link is damaged: it was cut short or altered after it was made, so the workload cannot be recovered; copy the whole link again"
    )]
    Corrupt,
    /// Expands past the limit (a decompression bomb, or not a storewise link).
    #[error("the link expands to more than {} MiB, more than any workload storewise reads", crate::MAX_EXPANDED / (1024 * 1024))]
    TooLarge,
    /// Decompressed, but not a record this version understands.
    #[error("the link decompresses but does not hold a storewise workload ({0})")]
    Content(String),
}
