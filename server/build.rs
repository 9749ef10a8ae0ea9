//! With the `embed-app` feature, embeds the built web app (`dist/`, precompressed files
//! included) into the binary, so `storewise serve` works from any directory; without it, or
//! when no bundle is built, embeds nothing and the server says how to get one.

use std::{
    env,
    fmt::Write as _,
    fs,
    path::{Path, PathBuf},
};

fn files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?.path();
        if path.is_dir() {
            files(&path, out)?;
        } else if path.is_file() {
            out.push(path);
        }
    }
    Ok(())
}

fn main() -> Result<(), String> {
    println!("cargo:rerun-if-changed=build.rs");
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").ok_or("CARGO_MANIFEST_DIR is not set")?);
    let mut code = String::from("/// The embedded web app: path under `dist/` and contents.\n");
    code.push_str("pub(crate) static FILES: &[(&str, &[u8])] = &[\n");
    if env::var_os("CARGO_FEATURE_EMBED_APP").is_some() {
        let dist = manifest.join("..").join("dist");
        if dist.join("index.html").is_file() {
            println!("cargo:rerun-if-changed={}", dist.display());
            let dist = dist.canonicalize().map_err(|e| format!("cannot resolve {}: {e}", dist.display()))?;
            let mut all = Vec::new();
            files(&dist, &mut all)?;
            all.sort();
            for path in all {
                let rel = path.strip_prefix(&dist).map_err(|e| e.to_string())?;
                let rel = rel.to_string_lossy().replace('\\', "/");
                let _ = writeln!(code, "    ({rel:?}, include_bytes!({:?})),", path.display().to_string());
            }
        } else {
            // Watched although missing, so the bundle is embedded as soon as it is built.
            println!("cargo:rerun-if-changed={}", dist.join("index.html").display());
            println!(
                "cargo:warning=the embed-app feature found no built web app in {}: run ./scripts/build-app.sh first; \
                 this binary embeds none",
                dist.display()
            );
        }
    }
    code.push_str("];\n");
    fs::write(out_dir.join("bundle.rs"), code).map_err(|e| format!("cannot write the bundle table: {e}"))
}
