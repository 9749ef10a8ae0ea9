//! Share links: a workload and the result it gave, in a form that fits in a URL.
//!
//! A link carries a [`Shared`] record: the workload's text, the catalog and rules versions it
//! was analysed with, and the findings it gave. [`encode`] turns it into a fragment payload —
//! a format version, a dot, then the record as JSON, zlib-compressed (its Adler-32 checksum
//! catches altered links) and base64url-encoded — and [`decode`] reads any version ever
//! written, migrating it forward. [`Shared::compare`] tells what changed in the findings when
//! the running catalog or rules differ from the ones the link was made with.
//!
//! Pure: no I/O; compiles to wasm32 for the browser.

mod codec;
mod compare;
mod error;
mod shared;

pub use codec::{FORMAT_VERSION, FRAGMENT_PREFIX, MAX_EXPANDED, decode, encode, fragment, from_fragment};
pub use compare::{Comparison, SeverityChange};
pub use error::LinkError;
pub use shared::{FindingKey, MadeWith, Shared};
