//! Embeds every `data/stores/*.toml` file, so adding a store is adding a file.

use std::{env, fmt::Write as _, fs, path::PathBuf};

fn main() {
    let dir = PathBuf::from("data/stores");
    println!("cargo::rerun-if-changed=data");
    let mut files: Vec<String> = fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| PathBuf::from(name).extension().is_some_and(|e| e.eq_ignore_ascii_case("toml")))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let manifest = env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let mut out = String::from(
        "/// Every store file: (file stem, contents).\npub(crate) const STORE_FILES: &[(&str, &str)] = &[\n",
    );
    for name in &files {
        let stem = name.trim_end_matches(".toml");
        let _ = writeln!(out, "    ({stem:?}, include_str!({:?})),", format!("{manifest}/data/stores/{name}"));
    }
    out.push_str("];\n");
    let target = PathBuf::from(env::var("OUT_DIR").unwrap_or_default()).join("store_files.rs");
    if let Err(e) = fs::write(&target, out) {
        println!("cargo::error=cannot write {}: {e}", target.display());
    }
}
