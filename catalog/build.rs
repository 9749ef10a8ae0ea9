//! Checks every catalog file against the model at build time (errors name file, line and
//! column) and embeds it as compact JSON, so no TOML parser ships in the binary or the browser.
//! Without the `prose` feature (the web app) the store files are embedded without their
//! `note` texts and with a marker for each `estimate` text — the reasoning only a store page
//! shows, which no rule reads —
//! and the whole catalog is written to `catalog-prose.json` in `OUT_DIR`, which
//! `scripts/build-app.sh` ships as an asset of its own (issue 14 item 1). The catalog's version
//! is a fingerprint of the whole data either way.

#![allow(dead_code, unreachable_pub, missing_docs)]

#[path = "src/model.rs"]
mod model;
#[path = "src/units.rs"]
mod units;

use std::{env, fmt::Write as _, fs, path::PathBuf, process::ExitCode};

use serde::de::DeserializeOwned;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternFile {
    pattern: Vec<model::Pattern>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RemedyFile {
    remedy: Vec<model::RemedyKind>,
}

/// Reads `path`, checks it parses as `T`, and returns it as compact JSON (of `key` when given).
fn convert<T: DeserializeOwned>(path: &str, key: Option<&str>) -> Result<String, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let located = |e: toml::de::Error| {
        let (line, column) = e.span().map_or((0, 0), |s| {
            let before = text.get(..s.start).unwrap_or_default();
            (before.matches('\n').count() + 1, before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1)
        });
        format!("catalog/{path}:{line}:{column}: {}", e.message())
    };
    toml::from_str::<T>(&text).map_err(located)?;
    let table: toml::Table = toml::from_str(&text).map_err(located)?;
    let value = match key {
        Some(k) => table.get(k).cloned().unwrap_or(toml::Value::Array(Vec::new())),
        None => toml::Value::Table(table),
    };
    serde_json::to_string(&value).map_err(|e| format!("{path}: {e}"))
}

/// `value` without its prose, at any depth: no `note` texts, and every `estimate` text replaced
/// by a marker, so that an estimated figure still reads as estimated (the lint an override goes
/// through asks each figure for a source or an estimate, in the browser as on the command line).
fn without_prose(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(k, _)| k != "note")
                .map(|(k, v)| match (k.as_str(), v) {
                    ("estimate", Value::String(_)) => (k, Value::String(ESTIMATE_LEFT_OUT.to_string())),
                    (_, v) => (k, without_prose(v)),
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_prose).collect()),
        other => other,
    }
}

/// What an `estimate` text reads in a build without the prose.
const ESTIMATE_LEFT_OUT: &str = "(an estimate: its reasoning is in catalog-prose.json)";

/// FNV-1a over the files' JSON texts, each followed by 0xff: the catalog's version.
fn fingerprint<'a>(parts: impl Iterator<Item = &'a str>) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

fn main() -> ExitCode {
    println!("cargo::rerun-if-changed=data");
    println!("cargo::rerun-if-changed=src/model.rs");
    println!("cargo::rerun-if-changed=src/units.rs");
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            // One line per problem, shown by cargo as build errors.
            for line in message.lines() {
                println!("cargo::error={line}");
            }
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let out = PathBuf::from(env::var("OUT_DIR").map_err(|e| e.to_string())?);
    let mut names: Vec<String> = fs::read_dir("data/stores")
        .map_err(|e| format!("data/stores: {e}"))?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| PathBuf::from(n).extension().is_some_and(|e| e.eq_ignore_ascii_case("toml")))
        .collect();
    names.sort();
    let prose = env::var_os("CARGO_FEATURE_PROSE").is_some();
    let mut problems = Vec::new();
    let mut texts = Vec::new();
    let mut stores = serde_json::Map::new();
    let mut write = |name: &str, json: Result<String, String>| match json {
        Ok(json) => {
            texts.push(json.clone());
            fs::write(out.join(name), json).map_err(|e| format!("{name}: {e}"))
        }
        Err(e) => {
            problems.push(e);
            Ok(())
        }
    };
    write("patterns.json", convert::<PatternFile>("data/patterns.toml", Some("pattern")))?;
    write("remedies.json", convert::<RemedyFile>("data/remedies.toml", Some("remedy")))?;
    write("flows.json", convert::<model::FlowFile>("data/flows.toml", None))?;
    let mut list = String::from(
        "/// Every store file: (file stem, its contents as JSON).\npub(crate) const STORE_FILES: &[(&str, &str)] = &[\n",
    );
    for name in &names {
        let stem = name.trim_end_matches(".toml");
        write(&format!("{stem}.json"), convert::<model::StoreType>(&format!("data/stores/{name}"), None))?;
        let _ = writeln!(list, "    ({stem:?}, include_str!(concat!(env!(\"OUT_DIR\"), \"/{stem}.json\"))),");
    }
    list.push_str("];\n");
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    let hash = fingerprint(texts.iter().map(String::as_str));
    if !prose {
        for name in &names {
            let stem = name.trim_end_matches(".toml");
            let path = out.join(format!("{stem}.json"));
            let full: serde_json::Value =
                serde_json::from_str(&fs::read_to_string(&path).map_err(|e| format!("{stem}.json: {e}"))?)
                    .map_err(|e| format!("{stem}.json: {e}"))?;
            let lean = serde_json::to_string(&without_prose(full.clone())).map_err(|e| format!("{stem}.json: {e}"))?;
            fs::write(&path, lean).map_err(|e| format!("{stem}.json: {e}"))?;
            stores.insert(stem.to_string(), full);
        }
        let all = serde_json::to_string(&serde_json::Value::Object(stores))
            .map_err(|e| format!("catalog-prose.json: {e}"))?;
        fs::write(out.join("catalog-prose.json"), all).map_err(|e| format!("catalog-prose.json: {e}"))?;
    }
    let hex = format!(
        "0x{:04x}_{:04x}_{:04x}_{:04x}",
        hash >> 48,
        (hash >> 32) & 0xffff,
        (hash >> 16) & 0xffff,
        hash & 0xffff
    );
    let consts = format!(
        "/// A fingerprint of the whole catalog's data (with its prose): its version.\npub(crate) const FINGERPRINT: u64 = {hex};\n/// The store files embedded here carry their `estimate` and `note` texts.\npub(crate) const WITH_PROSE: bool = {prose};\n"
    );
    fs::write(out.join("fingerprint.rs"), consts).map_err(|e| format!("fingerprint.rs: {e}"))?;
    fs::write(out.join("store_files.rs"), list).map_err(|e| format!("store_files.rs: {e}"))
}
