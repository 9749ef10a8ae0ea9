//! Checks every catalog file against the model at build time (errors name file, line and
//! column) and embeds it as compact JSON, so no TOML parser ships in the binary or the browser.

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
    let mut problems = Vec::new();
    let mut write = |name: &str, json: Result<String, String>| match json {
        Ok(json) => fs::write(out.join(name), json).map_err(|e| format!("{name}: {e}")),
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
    fs::write(out.join("store_files.rs"), list).map_err(|e| format!("store_files.rs: {e}"))
}
