//! Where `-o/--output` writes: a regular file (or a new one) is replaced atomically and keeps
//! its permissions; a symbolic link is followed and its target written, the link kept; a
//! character device or FIFO (`/dev/null`, a named pipe) is written directly, never replaced;
//! anything else (a directory, a block device, a socket) is refused. Standard output treats a
//! closed pipe as the end of the output.

use std::{
    io::{ErrorKind, Write},
    path::{Path, PathBuf},
};

use anyhow::{Context, Result, bail};

/// Symbolic links followed before giving up (the kernel's own limit).
const MAX_LINKS: usize = 40;

/// Writes `bytes` to `path` as the module describes.
pub(crate) fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    // `metadata` follows links the way `open` does (`/dev/stdout` and `/proc/self/fd/1` too)
    match std::fs::metadata(path) {
        Ok(meta) if is_stream(&meta) => std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut f| f.write_all(bytes).and_then(|()| f.flush()))
            .with_context(|| format!("cannot write to {}", path.display())),
        Ok(meta) if meta.is_file() => replace(&follow_links(path)?, bytes, Some(meta.permissions())),
        Err(e) if e.kind() == ErrorKind::NotFound => replace(&follow_links(path)?, bytes, None),
        Err(e) => Err(e).with_context(|| format!("cannot inspect {}", path.display())),
        Ok(meta) => bail!(
            "{} is {}, not a regular file: not written (give a file name, or /dev/stdout)",
            path.display(),
            kind(&meta)
        ),
    }
}

/// Writes `bytes` to standard output; a closed pipe (`storewise chart … | head -c 10`) ends the
/// output quietly.
pub(crate) fn stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => Err(e).context("cannot write to standard output"),
        _ => Ok(()),
    }
}

/// The path with every symbolic link resolved (a dangling link gives the path it points to).
fn follow_links(path: &Path) -> Result<PathBuf> {
    let mut path = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let to =
                    std::fs::read_link(&path).with_context(|| format!("cannot read the link {}", path.display()))?;
                path = match path.parent() {
                    Some(dir) => dir.join(to),
                    None => to,
                };
            }
            _ => return Ok(path),
        }
    }
    bail!("{}: too many levels of symbolic links", path.display())
}

#[cfg(unix)]
fn is_stream(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_char_device() || meta.file_type().is_fifo()
}

#[cfg(not(unix))]
fn is_stream(_: &std::fs::Metadata) -> bool {
    false
}

/// What a path that is not a regular file is, for the error.
fn kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() { "a directory" } else { "not a file" }
}

/// Writes `bytes` to a new temporary file beside `path` (with `permissions`, when replacing a
/// file), then renames it over `path`, so readers never see half a file.
fn replace(path: &Path, bytes: &[u8], permissions: Option<std::fs::Permissions>) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .and_then(|mut f| {
            if let Some(p) = permissions {
                f.set_permissions(p)?;
            }
            f.write_all(bytes).and_then(|()| f.sync_all())
        })
        .with_context(|| format!("cannot write {}", tmp.display()));
    if let Err(e) = written.and_then(|()| {
        std::fs::rename(&tmp, path).with_context(|| format!("cannot rename {} to {}", tmp.display(), path.display()))
    }) {
        std::fs::remove_file(&tmp).ok();
        return Err(e);
    }
    Ok(())
}
