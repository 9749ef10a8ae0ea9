//! Where a workload file is for SARIF: its URI relative to the repository root (`%SRCROOT%`), or
//! an absolute `file://` URI outside it, percent-encoded (RFC 3986). Reads the file system (to
//! find `.git` and resolve the file's directory), so it lives here and not in the renderer.

use std::path::{Component, Path, PathBuf};

/// A file's URI as SARIF names it (see `engine::render::ArtifactUri`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Uri {
    pub(crate) uri: String,
    pub(crate) relative: bool,
}

impl Uri {
    pub(crate) fn as_artifact(&self) -> engine::render::ArtifactUri<'_> {
        engine::render::ArtifactUri { uri: &self.uri, relative: self.relative }
    }
}

/// The repository root of one run: the nearest ancestor of `first` (the first file's path, when
/// there is one) holding `.git`, else the nearest of the current directory, else the current
/// directory itself.
#[derive(Debug, Clone)]
pub(crate) struct Root {
    cwd: PathBuf,
    dir: PathBuf,
}

impl Root {
    pub(crate) fn find(first: Option<&Path>) -> Root {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
        let cwd = std::fs::canonicalize(&cwd).unwrap_or(cwd);
        Self::find_from(&cwd, first)
    }

    fn find_from(cwd: &Path, first: Option<&Path>) -> Root {
        let repository = |start: &Path| start.ancestors().find(|a| a.join(".git").exists()).map(Path::to_path_buf);
        let from_file = first.map(|p| absolute(cwd, p)).and_then(|p| p.parent().and_then(repository));
        let dir = from_file.or_else(|| repository(cwd)).unwrap_or_else(|| cwd.to_path_buf());
        Root { cwd: cwd.to_path_buf(), dir }
    }

    /// The root as an absolute `file://` URI ending in `/` (SARIF's `originalUriBaseIds`).
    pub(crate) fn uri(&self) -> String {
        let mut uri = file_uri(&self.dir);
        if !uri.ends_with('/') {
            uri.push('/');
        }
        uri
    }

    /// The URI of `path` (relative to the current directory, or absolute; it need not exist):
    /// relative to the root when it lies under it, else absolute.
    pub(crate) fn locate(&self, path: &Path) -> Uri {
        let path = absolute(&self.cwd, path);
        match path.strip_prefix(&self.dir) {
            Ok(inside) if inside.components().next().is_some() => {
                Uri { uri: encode_components(inside.components()), relative: true }
            }
            _ => Uri { uri: file_uri(&path), relative: false },
        }
    }
}

/// `path` made absolute against `cwd`, its directory resolved (symbolic links, `..`) when it
/// exists — the file itself is not followed, so a link in the repository stays there — else
/// `.` and `..` removed as written.
fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let joined = cwd.join(path);
    if let (Some(parent), Some(name)) = (joined.parent(), joined.file_name())
        && let Ok(parent) = std::fs::canonicalize(parent)
    {
        return parent.join(name);
    }
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `file:///…` for an absolute path.
fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    let mut components = path.components().peekable();
    if let Some(Component::Prefix(prefix)) = components.peek() {
        // A Windows drive (`C:`): `file:///C:/…`.
        uri.push('/');
        uri.push_str(&prefix.as_os_str().to_string_lossy().replace('\\', "/"));
        components.next();
    }
    if components.peek() == Some(&Component::RootDir) {
        components.next();
    }
    uri.push('/');
    uri.push_str(&encode_components(components));
    uri
}

/// The normal components joined by `/`, each percent-encoded.
fn encode_components<'a>(components: impl Iterator<Item = Component<'a>>) -> String {
    let segments: Vec<String> = components
        .filter_map(|c| match c {
            Component::Normal(name) => Some(encode_segment(name)),
            Component::ParentDir => Some("..".to_string()),
            Component::CurDir | Component::RootDir | Component::Prefix(_) => None,
        })
        .collect();
    segments.join("/")
}

/// One path segment percent-encoded: every byte but RFC 3986's unreserved characters (letters,
/// digits, `-`, `.`, `_`, `~`) as `%XX`, so spaces, `#`, `%`, `?`, `:` and non-ASCII names (as
/// UTF-8; on Unix the name's own bytes) survive any URI reader.
fn encode_segment(name: &std::ffi::OsStr) -> String {
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(name).to_vec();
    #[cfg(not(unix))]
    let bytes = name.to_string_lossy().into_owned().into_bytes();
    percent_encode(&bytes)
}

/// Bytes percent-encoded but for RFC 3986's unreserved characters.
pub(crate) fn percent_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    #[test]
    fn issue_13_sarif_uris_percent_encode_reserved_and_non_ascii_bytes() {
        assert_eq!(percent_encode(b"a b#c%d?e:f"), "a%20b%23c%25d%3Fe%3Af");
        assert_eq!(percent_encode("café.yaml".as_bytes()), "caf%C3%A9.yaml");
        assert_eq!(percent_encode(b"A-Z_0.9~"), "A-Z_0.9~");
    }

    #[test]
    fn issue_13_sarif_uris_are_relative_inside_the_root_and_absolute_outside() {
        let base = std::env::temp_dir().join(format!("storewise-artifact-{}", std::process::id()));
        let repo = base.join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::create_dir_all(repo.join("deploy dir")).unwrap();
        let repo = std::fs::canonicalize(&repo).unwrap();
        let root = Root::find_from(&repo.join("deploy dir"), Some(Path::new("a#1.yaml")));
        assert_eq!(root.dir, repo);
        assert_eq!(root.locate(Path::new("a#1.yaml")), Uri { uri: "deploy%20dir/a%231.yaml".into(), relative: true });
        assert_eq!(root.locate(Path::new("../x/../top.yaml")), Uri { uri: "top.yaml".into(), relative: true });
        let outside = root.locate(&base.join("elsewhere.yaml"));
        assert!(!outside.relative && outside.uri.starts_with("file:///") && outside.uri.ends_with("/elsewhere.yaml"));
        assert!(root.uri().starts_with("file:///") && root.uri().ends_with("/repo/"));
        std::fs::remove_dir_all(&base).unwrap();
    }
}
