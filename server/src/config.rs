//! `storewise.toml`: the project's defaults for the command line — catalog overrides, `fail-on`,
//! `format`, the files to analyse and suppressions — found in the current directory or a parent
//! up to the repository root, or named by `--config`. Flags given on the command line win.
//!
//! Every key is checked: an unknown key or a bad value is an error naming the file, line,
//! column and key, with the nearest valid key or value.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};
use catalog::{Overrides, suggest::nearest};
use clap::ValueEnum;
use toml::de::{DeTable, DeValue};

use crate::cli::{AnalyzeFormat, FailOn};

/// The names a configuration file may have, in the order they are looked for in a directory.
pub(crate) const NAMES: [&str; 2] = ["storewise.toml", ".storewise.toml"];

/// Top-level keys.
const KEYS: &[&str] = &["catalog", "fail-on", "format", "files", "suppressions"];
/// Keys of one `[[suppressions]]` entry.
const SUPPRESSION_KEYS: &[&str] = &["code", "subjects", "reason", "until"];

/// A configuration file, read and checked.
#[derive(Debug, Default)]
pub(crate) struct Config {
    /// Where it was read from.
    pub(crate) path: PathBuf,
    /// `fail-on`: a severity, or `none`.
    pub(crate) fail_on: Option<FailOn>,
    /// `format`: one of `analyze`'s formats.
    pub(crate) format: Option<AnalyzeFormat>,
    /// `files`, resolved against the file's directory.
    pub(crate) files: Vec<PathBuf>,
    /// `[catalog]`: overrides in the shape of a `--catalog` file.
    pub(crate) catalog: Option<Overrides>,
    /// `[[suppressions]]`, in file order.
    pub(crate) suppressions: Vec<engine::Suppression>,
}

/// The configuration to use: `explicit` (from `--config`), else the first `storewise.toml` or
/// `.storewise.toml` in `cwd` or a parent of it, up to and including the directory that holds
/// `.git` (only `cwd` itself when it is not inside a repository).
pub(crate) fn load(explicit: Option<&Path>, cwd: &Path) -> Result<Option<Config>> {
    let path = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => discover(cwd),
    };
    let Some(path) = path else { return Ok(None) };
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    parse(&path, &text).map(Some)
}

fn discover(cwd: &Path) -> Option<PathBuf> {
    let in_repo = cwd.ancestors().any(|d| d.join(".git").exists());
    for dir in cwd.ancestors() {
        if let Some(found) = NAMES.iter().map(|n| dir.join(n)).find(|p| p.is_file()) {
            return Some(found);
        }
        if !in_repo || dir.join(".git").exists() {
            break;
        }
    }
    None
}

/// Where things are in one file, for messages.
struct Located<'a> {
    path: &'a Path,
    text: &'a str,
}

impl Located<'_> {
    fn error(&self, span: std::ops::Range<usize>, message: &str) -> anyhow::Error {
        let (line, column) = catalog::line_col(self.text, span.start);
        anyhow!("{}:{line}:{column}: {message}", self.path.display())
    }

    fn unknown(&self, key: &toml::Spanned<std::borrow::Cow<'_, str>>, at: &str, known: &[&str]) -> anyhow::Error {
        let name = key.get_ref();
        let hint = nearest(name, known.iter().copied())
            .map_or_else(|| format!("the keys are {}", quoted(known)), |n| format!("did you mean `{n}`?"));
        self.error(key.span(), &format!("unknown key `{at}{name}`: {hint}"))
    }

    fn string<'v>(&self, key: &str, value: &'v toml::Spanned<DeValue<'_>>) -> Result<&'v str> {
        match value.get_ref() {
            DeValue::String(s) => Ok(s),
            _ => Err(self.error(value.span(), &format!("`{key}` must be text"))),
        }
    }

    /// One of `options` (each value by its name).
    fn one_of<T: Copy>(&self, key: &str, value: &toml::Spanned<DeValue<'_>>, options: &[(&str, T)]) -> Result<T> {
        let text = self.string(key, value)?;
        if let Some((_, v)) = options.iter().find(|(name, _)| *name == text) {
            return Ok(*v);
        }
        let names: Vec<&str> = options.iter().map(|(name, _)| *name).collect();
        let hint = nearest(text, names.iter().copied()).map(|n| format!(" (did you mean `{n}`?)")).unwrap_or_default();
        Err(self.error(value.span(), &format!("`{key}` is `{text}`; it must be one of {}{hint}", quoted(&names))))
    }

    fn strings(&self, key: &str, value: &toml::Spanned<DeValue<'_>>) -> Result<Vec<String>> {
        let DeValue::Array(items) = value.get_ref() else {
            return Err(self.error(value.span(), &format!("`{key}` must be a list of text, e.g. `[\"a\", \"b\"]`")));
        };
        items.iter().map(|v| self.string(key, v).map(str::to_string)).collect()
    }
}

fn quoted(names: &[&str]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

/// Reads a configuration file's text.
pub(crate) fn parse(path: &Path, text: &str) -> Result<Config> {
    let at = Located { path, text };
    let root = DeTable::parse(text).map_err(|e| match e.span() {
        Some(span) => at.error(span, e.message()),
        None => anyhow!("{}: {}", path.display(), e.message()),
    })?;
    let dir = path.parent().unwrap_or(Path::new(""));
    let mut config = Config { path: path.to_path_buf(), ..Config::default() };
    for (key, value) in root.get_ref() {
        match key.get_ref().as_ref() {
            "fail-on" => {
                let names: Vec<(&str, FailOn)> =
                    FailOn::names().filter_map(|n| FailOn::parse(n).map(|f| (n, f))).collect();
                config.fail_on = Some(at.one_of("fail-on", value, &names)?);
            }
            "format" => {
                let names: Vec<(String, AnalyzeFormat)> = AnalyzeFormat::value_variants()
                    .iter()
                    .filter_map(|f| f.to_possible_value().map(|p| (p.get_name().to_string(), *f)))
                    .collect();
                let formats: Vec<(&str, AnalyzeFormat)> = names.iter().map(|(n, f)| (n.as_str(), *f)).collect();
                config.format = Some(at.one_of("format", value, &formats)?);
            }
            "files" => config.files = at.strings("files", value)?.into_iter().map(|f| dir.join(f)).collect(),
            "catalog" => config.catalog = Some(catalog_table(&at, value)?),
            "suppressions" => {
                let DeValue::Array(items) = value.get_ref() else {
                    return Err(at.error(value.span(), "`suppressions` must be a list: write `[[suppressions]]`"));
                };
                for item in items {
                    config.suppressions.push(suppression(&at, item)?);
                }
            }
            _ => return Err(at.unknown(key, "", KEYS)),
        }
    }
    Ok(config)
}

/// `[catalog]`: the same tables a `--catalog` file holds, checked when the catalog is built.
fn catalog_table(at: &Located<'_>, value: &toml::Spanned<DeValue<'_>>) -> Result<Overrides> {
    if !matches!(value.get_ref(), DeValue::Table(_)) {
        return Err(at.error(value.span(), "`catalog` must be a table: `[catalog.kafka.ops.deployment]`"));
    }
    // The section's own text, read as a `--catalog` file would be: one TOML parser, one shape.
    let full: toml::Table = toml::from_str(at.text).map_err(|e| anyhow!("{}: {}", at.path.display(), e.message()))?;
    let table = match full.get("catalog") {
        Some(toml::Value::Table(t)) => t.clone(),
        _ => toml::Table::new(),
    };
    let json = serde_json::to_value(table).context("the `catalog` table does not convert to the catalog's shape")?;
    let serde_json::Value::Object(map) = json else {
        return Ok(Overrides::from_map(&origin(at), serde_json::Map::default()));
    };
    Ok(Overrides::from_map(&origin(at), map))
}

fn origin(at: &Located<'_>) -> String {
    format!("{} [catalog]", at.path.display())
}

fn suppression(at: &Located<'_>, item: &toml::Spanned<DeValue<'_>>) -> Result<engine::Suppression> {
    let DeValue::Table(table) = item.get_ref() else {
        return Err(at.error(item.span(), "each suppression is a table: `[[suppressions]]` with `code` and `reason`"));
    };
    let (mut code, mut subjects, mut reason, mut until) = (None, Vec::new(), None, None);
    for (key, value) in table {
        match key.get_ref().as_ref() {
            "code" => {
                let text = at.string("suppressions.code", value)?.trim().to_ascii_uppercase();
                if !workload::RULE_CODES.contains(&text.as_str()) {
                    let hint = nearest(&text, workload::RULE_CODES.iter().copied())
                        .map(|n| format!(": did you mean `{n}`?"))
                        .unwrap_or_default();
                    return Err(
                        at.error(value.span(), &format!("`suppressions.code`: `{text}` is not a rule code{hint}"))
                    );
                }
                code = Some(text);
            }
            "subjects" => subjects = at.strings("suppressions.subjects", value)?,
            "reason" => {
                let text = at.string("suppressions.reason", value)?;
                if text.trim().is_empty() {
                    return Err(
                        at.error(value.span(), "`suppressions.reason` is empty: say why the finding is accepted")
                    );
                }
                reason = Some(text.to_string());
            }
            "until" => {
                let text = match value.get_ref() {
                    DeValue::Datetime(d) => d.to_string(),
                    DeValue::String(s) => s.to_string(),
                    _ => {
                        return Err(at.error(value.span(), "`suppressions.until` must be a date, e.g. `2027-03-01`"));
                    }
                };
                let date: workload::Date = text
                    .parse()
                    .map_err(|e: workload::DateError| at.error(value.span(), &format!("`suppressions.until`: {e}")))?;
                until = Some(date);
            }
            _ => return Err(at.unknown(key, "suppressions.", SUPPRESSION_KEYS)),
        }
    }
    let missing = |key: &str, example: &str| {
        at.error(item.span(), &format!("a suppression needs `{key}`: add `{key} = {example}`"))
    };
    Ok(engine::Suppression {
        code: code.ok_or_else(|| missing("code", "\"SW006\""))?,
        subjects,
        reason: reason.ok_or_else(|| missing("reason", "\"decided in ADR-12\""))?,
        until,
        origin: engine::Origin::Config,
        location: None,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn err(text: &str) -> String {
        parse(Path::new("storewise.toml"), text).unwrap_err().to_string()
    }

    /// Issue 13: every key is read, and a mistake names the file, line, column and key with the
    /// nearest valid one.
    #[test]
    fn issue_13_config_keys_are_checked_with_their_position() {
        let ok = parse(
            Path::new("/repo/storewise.toml"),
            "fail-on = \"high\"\nformat = \"json\"\nfiles = [\"a.yaml\"]\n[catalog.kafka.ops.deployment]\nhours = 9\n\
             [[suppressions]]\ncode = \"sw006\"\nsubjects = [\"db\"]\nreason = \"ADR-12\"\nuntil = 2027-03-01\n",
        )
        .unwrap();
        assert_eq!((ok.fail_on, ok.format), (Some(FailOn::At(engine::Severity::High)), Some(AnalyzeFormat::Json)));
        assert_eq!(parse(Path::new("s.toml"), "fail-on = \"none\"\n").unwrap().fail_on, Some(FailOn::Never));
        assert_eq!(ok.files, vec![PathBuf::from("/repo/a.yaml")]);
        assert!(ok.catalog.is_some());
        assert_eq!(ok.suppressions[0].code, "SW006");
        assert_eq!(ok.suppressions[0].until.unwrap().to_string(), "2027-03-01");
        assert_eq!(err("fail_on = \"high\"\n"), "storewise.toml:1:1: unknown key `fail_on`: did you mean `fail-on`?");
        assert!(
            err("\nformat = \"sarf\"\n").starts_with("storewise.toml:2:10: `format` is `sarf`"),
            "{}",
            err("\nformat = \"sarf\"\n")
        );
        let e = err("[[suppressions]]\ncode = \"SW006\"\nreasn = \"x\"\n");
        assert_eq!(e, "storewise.toml:3:1: unknown key `suppressions.reasn`: did you mean `reason`?");
        assert!(err("[[suppressions]]\ncode = \"SW106\"\nreason = \"x\"\n").contains("did you mean"));
        assert!(err("[[suppressions]]\ncode = \"SW006\"\n").contains("needs `reason`"));
        assert!(
            err("[[suppressions]]\ncode = \"SW006\"\nreason = \"x\"\nuntil = \"2027-02-30\"\n")
                .starts_with("storewise.toml:4:9:")
        );
        assert!(err("a = [").starts_with("storewise.toml:1:"));
    }
}
