//! The workload files a command reads: each argument a file, `-` (standard input), a directory
//! (every `.yaml` and `.yml` file below it, hidden entries skipped, in name order) or a quoted glob
//! pattern (`'arch/**/*.yaml'`, expanded here for shells that do not). A directory or pattern
//! that yields no file is an error, as in ripgrep and Checkov, so a typo does not pass as "no
//! findings".

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

/// The extensions a workload file found in a directory has.
const EXTENSIONS: [&str; 2] = ["yaml", "yml"];

/// The files a command reads: those `given` on the command line, else the configuration's
/// `files`, expanded as [`expand`] does.
pub(crate) fn workload_files(global: &crate::cli::Global, given: &[PathBuf]) -> Result<Vec<PathBuf>> {
    expand(match (given, global.settings.as_ref()) {
        (given, _) if !given.is_empty() => given,
        (_, Some(c)) if !c.files.is_empty() => c.files.as_slice(),
        (_, Some(c)) => bail!("no workload file given, and {} lists no `files`", c.path.display()),
        (_, None) => bail!("no workload file given: name one, or list them as `files` in storewise.toml"),
    })
}

/// The files `inputs` name, in the order given, each once.
pub(crate) fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = Vec::new();
    for input in inputs {
        let found = if input.as_os_str() == "-" || input.is_file() {
            vec![input.clone()]
        } else if input.is_dir() {
            let mut found = Vec::new();
            walk(input, &mut found)?;
            if found.is_empty() {
                bail!("{} holds no .yaml or .yml file", input.display());
            }
            found
        } else if is_pattern(input) {
            let found = matches(input)?;
            if found.is_empty() {
                bail!("the pattern {} matches no file", input.display());
            }
            found
        } else {
            // reading it reports why not (missing, unreadable), named
            vec![input.clone()]
        };
        for file in found {
            if !files.contains(&file) {
                files.push(file);
            }
        }
    }
    Ok(files)
}

/// Whether a path that names nothing is meant as a glob pattern.
fn is_pattern(path: &Path) -> bool {
    path.to_str().is_some_and(|p| p.contains(['*', '?', '[']))
}

/// The regular files a glob pattern matches, in name order; hidden files only when the pattern
/// spells a leading dot.
fn matches(pattern: &Path) -> Result<Vec<PathBuf>> {
    let Some(text) = pattern.to_str() else { bail!("the pattern {} is not UTF-8", pattern.display()) };
    // glob's `require_literal_leading_dot` drops hidden entries even when the pattern spells the
    // dot (`.*.yaml`), so hidden paths are filtered here instead
    let options = glob::MatchOptions {
        case_sensitive: true,
        require_literal_separator: true,
        require_literal_leading_dot: false,
    };
    let spells_dot = hidden(pattern);
    let paths = match glob::glob_with(text, options) {
        Ok(paths) => paths,
        Err(e) => bail!("the pattern {text} is not valid: {} (at character {})", e.msg, e.pos + 1),
    };
    let mut found = Vec::new();
    for entry in paths {
        match entry {
            Ok(path) if path.is_file() && (spells_dot || !hidden(&path)) => found.push(path),
            Ok(_) => {}
            Err(e) => bail!("cannot read {} while matching {text}: {}", e.path().display(), e.error()),
        }
    }
    found.sort();
    Ok(found)
}

/// Whether a component of `path` is hidden (starts with a dot; `.` and `..` are not).
fn hidden(path: &Path) -> bool {
    path.components()
        .any(|c| matches!(c, std::path::Component::Normal(name) if name.to_string_lossy().starts_with('.')))
}

/// Every workload file below `dir`, depth first in name order, hidden entries skipped; symbolic
/// links to directories are not followed (no cycles).
fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => bail!("cannot read the directory {}: {e}", dir.display()),
    };
    let mut paths: Vec<(PathBuf, std::fs::FileType)> = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => bail!("cannot read the directory {}: {e}", dir.display()),
        };
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        match entry.file_type() {
            Ok(kind) => paths.push((entry.path(), kind)),
            Err(e) => bail!("cannot read {}: {e}", entry.path().display()),
        }
    }
    paths.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in paths {
        if kind.is_dir() {
            walk(&path, found)?;
        } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| EXTENSIONS.contains(&e)) && path.is_file() {
            found.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// Issue 13: directories, patterns and files expand in the order given, each file once; an
    /// empty directory or a pattern matching nothing is an error that names it.
    #[test]
    fn issue_13_directories_and_patterns_expand_to_workload_files() {
        let root = std::env::temp_dir().join(format!("storewise-files-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for file in [
            "arch/b.yaml",
            "arch/a.yml",
            "arch/sub/c.yaml",
            "arch/notes.md",
            "arch/.hidden/d.yaml",
            "arch/.e.yaml",
            "empty/x.txt",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "name: x\n").unwrap();
        }
        let names = |inputs: &[&str]| -> Vec<String> {
            let paths: Vec<PathBuf> = inputs.iter().map(|i| root.join(i)).collect();
            expand(&paths).unwrap().iter().map(|p| p.strip_prefix(&root).unwrap().display().to_string()).collect()
        };
        assert_eq!(names(&["arch"]), ["arch/a.yml", "arch/b.yaml", "arch/sub/c.yaml"]);
        assert_eq!(names(&["arch/sub/c.yaml", "arch/*.yaml"]), ["arch/sub/c.yaml", "arch/b.yaml"]);
        assert_eq!(names(&["arch/**/*.yaml", "arch"]), ["arch/b.yaml", "arch/sub/c.yaml", "arch/a.yml"]);
        assert_eq!(names(&["arch/.*.yaml"]), ["arch/.e.yaml"], "a spelled leading dot matches hidden files");
        assert_eq!(names(&["arch/missing.yaml"]), ["arch/missing.yaml"], "a plain missing path is left to the reader");
        let err = expand(&[root.join("empty")]).unwrap_err().to_string();
        assert!(err.ends_with("empty holds no .yaml or .yml file"), "{err}");
        let err = expand(&[root.join("arch/*.json")]).unwrap_err().to_string();
        assert!(err.contains("matches no file"), "{err}");
        let err = expand(&[root.join("arch/[.yaml")]).unwrap_err().to_string();
        assert!(err.contains("is not valid"), "{err}");
        std::fs::remove_dir_all(&root).unwrap();
    }
}
