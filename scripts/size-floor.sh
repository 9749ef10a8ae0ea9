#!/usr/bin/env bash
# Measures the size floor of the web bundle: a wasm module that does everything the app does
# *except* the user interface — parse a workload (with spans and diagnostics), load the embedded
# catalog and apply overrides, analyse, render the JSON report, the Markdown and the four SVG
# charts, encode, decode and compare a share link — built with the app's release settings
# (opt-level "z", fat LTO, one codegen unit, panic abort) and wasm-bindgen. No Leptos, no views,
# no CSS. What the bundle weighs above this number is the user interface.
#   ./scripts/size-floor.sh                  everything the app computes
#   ./scripts/size-floor.sh --first-finding  only what its first finding needs: parse, the catalog
#                                            (as the app ships it, without the prose), analyse and
#                                            the findings' words; no JSON, Markdown, charts or links
#
# The measuring crate is written to a temporary directory (it is not part of the workspace) and
# built in target/size-floor. Needs what scripts/build-app.sh installs (wasm32 target,
# wasm-bindgen-cli). Prints raw, gzip -9 and brotli sizes, and code and data separately.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
first_finding=false
[ "${1:-}" = "--first-finding" ] && first_finding=true

bindgen_version=$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"$/\1/p;}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$bindgen_version" ]; then
  echo "size-floor.sh: needs wasm-bindgen $bindgen_version; run ./scripts/build-app.sh first" >&2
  exit 1
fi

crate=$(mktemp -d)
trap 'rm -rf "$crate"' EXIT
mkdir -p "$crate/src"
cat > "$crate/Cargo.toml" <<TOML
[package]
name = "size-floor"
version = "0.0.0"
edition = "2024"
publish = false

[lib]
crate-type = ["cdylib"]

[dependencies]
storewise-catalog = { path = "$root/catalog", default-features = false }
storewise-workload = { path = "$root/workload" }
storewise-engine = { path = "$root/engine" }
storewise-charts = { path = "$root/charts" }
storewise-link = { path = "$root/link" }
serde_json = "1"
wasm-bindgen = "=$bindgen_version"

[profile.release]
opt-level = "z"
lto = true
codegen-units = 1
panic = "abort"
strip = "debuginfo"

[workspace]
TOML
cat > "$crate/src/lib.rs" <<'RUST'
//! Everything the storewise app computes, without its user interface.
use wasm_bindgen::prelude::*;

/// Parses, analyses and renders `yaml`; decodes `payload` as a share link and compares it.
#[wasm_bindgen]
pub fn run(yaml: &str, payload: &str) -> String {
    let Ok(catalog) = catalog::Catalog::embedded() else { return String::new() };
    let parsed = workload::parse(yaml, catalog);
    let mut out: String = parsed.diagnostics.iter().map(|d| d.one_line("workload.yaml")).collect();
    if let Some(w) = parsed.workload.as_ref() {
        let report = engine::analyze(w, parsed.catalog_or(catalog));
        out.push_str(&serde_json::to_string(&report).unwrap_or_default());
        out.push_str(&engine::render::markdown(&report));
        for kind in charts::Kind::ALL {
            out.push_str(&charts::render(kind, &report));
        }
        out.push_str(&link::encode(&link::Shared::new(yaml, &report)));
        if let Ok(shared) = link::decode(payload) {
            out.push_str(&shared.compare(&report).describe().join("\n"));
        }
    }
    out
}
RUST
if $first_finding; then
  cat > "$crate/src/lib.rs" <<'RUST'
//! What the storewise app computes for its first finding, without its user interface.
use wasm_bindgen::prelude::*;

/// Parses and analyses `yaml` and returns the first finding's title and recommendation.
#[wasm_bindgen]
pub fn run(yaml: &str) -> String {
    let Ok(catalog) = catalog::Catalog::embedded() else { return String::new() };
    let parsed = workload::parse(yaml, catalog);
    let mut out: String = parsed.diagnostics.iter().map(|d| d.one_line("workload.yaml")).collect();
    if let Some(w) = parsed.workload.as_ref() {
        let mut report = engine::analyze(w, parsed.catalog_or(catalog));
        report.speak(parsed.catalog_or(catalog));
        for f in &report.findings {
            out.push_str(&f.title);
            out.push_str(&f.recommendation);
        }
    }
    out
}
RUST
fi
cp Cargo.lock "$crate/"

echo "==> building the size floor (wasm32, the app's release settings)" >&2
CARGO_TARGET_DIR="$root/target/size-floor" \
  cargo build --quiet --manifest-path "$crate/Cargo.toml" --target wasm32-unknown-unknown --release
out="$crate/out"
wasm-bindgen "$root/target/size-floor/wasm32-unknown-unknown/release/size_floor.wasm" --target web \
  --no-typescript --remove-name-section --remove-producers-section --out-dir "$out" --out-name floor

wasm="$out/floor_bg.wasm"
label="size floor (no UI)"; $first_finding && label="first-finding floor"
printf '\n%-22s %10s %10s %10s\n' "$label" "raw" "gzip -9" "brotli"
printf '%-22s %10d %10d %10s\n' "floor_bg.wasm" "$(stat -c %s "$wasm")" "$(gzip -9c "$wasm" | wc -c)" \
  "$(command -v brotli >/dev/null && brotli -c -q 11 "$wasm" | wc -c || echo -)"
python3 - "$wasm" <<'PY'
import gzip, sys
b = open(sys.argv[1], "rb").read()
def leb(i):
    r = s = 0
    while True:
        x = b[i]; i += 1; r |= (x & 0x7F) << s; s += 7
        if x < 0x80: return r, i
i = 8
names = {10: "  code section", 11: "  data section"}
while i < len(b):
    sid = b[i]; n, i = leb(i + 1)
    if sid in names:
        body = b[i:i + n]
        print(f"{names[sid]:<22} {n:>10} {len(gzip.compress(body, 9)):>10}")
    i += n
PY
