#!/usr/bin/env bash
# Builds the web app's release bundle into dist/: app_bg.wasm + app.js (wasm-bindgen), app.css
# (style/tokens.css + style/app.css), boot.js, favicon.svg and catalog-prose.json (the catalog's
# reasoning texts, which the module leaves out; a store page fetches it), each under a content-hashed name
# (app_bg-<hash>.wasm) that index.html and boot.js are rewritten to load; index.html; sw.js, the
# service worker, filled with that list of files; and a .gz and .br next to each for servers
# that send precompressed files.
#
# Installs what is missing: the wasm32-unknown-unknown target, and wasm-bindgen-cli at exactly
# the version of the wasm-bindgen crate in Cargo.lock (the two must match), and brotli (apt,
# when running as root; otherwise .br files are skipped). No wasm-opt: Debian's binaryen breaks
# the module silently (see ../shared/reference/wasm-build.md), and npm's binaryen@132 `-Oz`,
# measured on this bundle, saves 4 % raw but 0.02 % gzip (BENCHMARKS.md): not worth a tool.
#
# Skips the work when nothing that goes into the bundle changed since the last build (a
# fingerprint of the inputs is kept in dist/.inputs); pass --force to rebuild anyway.
# Prints the bundle sizes (raw, gzip, brotli) at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

force=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    -h | --help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "build-app.sh: unknown argument $arg (use --force)" >&2; exit 2 ;;
  esac
done

step() { printf '==> %s\n' "$*" >&2; }

dist=dist
# every file but index.html and sw.js gets a content hash in its name (app_bg-<10 hex>.wasm),
# which the server caches for a year (server/src/web/assets.rs); index.html and sw.js keep theirs
hashed_assets=(app_bg.wasm app.js app.css favicon.svg catalog-prose.json boot.js)

# --- what goes into the bundle ----------------------------------------------------------------
fingerprint() {
  {
    rustc --version
    find app catalog/src catalog/data catalog/build.rs workload/src engine/src charts/src link/src examples \
      style -type f \( -name '*.rs' -o -name '*.toml' -o -name '*.yaml' -o -name '*.css' \
      -o -name '*.html' -o -name '*.js' -o -name '*.svg' \) -print0 2>/dev/null | sort -z | xargs -0 sha256sum
    sha256sum Cargo.toml Cargo.lock catalog/Cargo.toml workload/Cargo.toml engine/Cargo.toml \
      charts/Cargo.toml link/Cargo.toml "$0"
  } | sha256sum | cut -d' ' -f1
}

print_sizes() {
  local total_raw=0 total_gz=0 total_br=0
  printf '\n%-24s %10s %10s %10s\n' "bundle" "raw" "gzip -9" "brotli" >&2
  local f
  for f in "$dist"/app_bg-*.wasm "$dist"/app-*.js "$dist"/app-*.css; do
    local raw gz br
    raw=$(stat -c %s "$f")
    gz=$(stat -c %s "$f.gz" 2>/dev/null || echo 0)
    br=$(stat -c %s "$f.br" 2>/dev/null || echo 0)
    total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
    printf '%-24s %10d %10d %10s\n' "${f#"$dist"/}" "$raw" "$gz" "$([ "$br" -gt 0 ] && echo "$br" || echo -)" >&2
  done
  printf '%-24s %10d %10d %10s\n' "total" "$total_raw" "$total_gz" \
    "$([ "$total_br" -gt 0 ] && echo "$total_br" || echo -)" >&2
  printf '(bytes; target: total gzip <= 409600)\n' >&2
}

have_assets() {
  local f
  for f in index.html sw.js; do [ -f "$dist/$f" ] || return 1; done
  for f in "${hashed_assets[@]}"; do
    compgen -G "$dist/${f%.*}-*.${f##*.}" >/dev/null || return 1
  done
}

inputs=$(fingerprint)
if [ "$force" = 0 ] && [ -f "$dist/.inputs" ] && [ "$(cat "$dist/.inputs")" = "$inputs" ] && have_assets; then
  step "the bundle in $dist/ is up to date (pass --force to rebuild)"
  print_sizes
  exit 0
fi

# --- tools -----------------------------------------------------------------------------------
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  step "installing the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$bindgen_version" ]; then
  echo "build-app.sh: no wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$bindgen_version" ]; then
  step "installing wasm-bindgen-cli $bindgen_version (the version in Cargo.lock; takes a few minutes)"
  # no --locked: the CLI's own lock file pins a yanked crate
  cargo install wasm-bindgen-cli --version "$bindgen_version"
fi

have_brotli=1
if ! command -v brotli >/dev/null 2>&1; then
  have_brotli=0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    step "installing brotli (apt)"
    if { apt-get install -y -q brotli >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q brotli >/dev/null 2>&1; }; }; then
      have_brotli=1
    fi
  fi
  [ "$have_brotli" = 1 ] || step "brotli is not available: skipping .br files"
fi

# --- build -----------------------------------------------------------------------------------
step "cargo build (wasm32, profile wasm-release)"
start=$(date +%s)
# Keep the wasm's custom sections (strip debug info only): wasm-bindgen reads `target_features`
# to know which wasm features the module uses, and removes the name section itself below.
# `--cfg erase_components` makes Leptos type-erase each component's view (its documented switch,
# read by leptos's Cargo.toml and its macros): 33 KB less gzip, 6 % of the wasm (BENCHMARKS.md).
tmp=$(mktemp -d "$dist.new.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# cargo's JSON messages name the catalog build script's OUT_DIR, where it wrote the whole catalog
# (catalog-prose.json: the prose the app's embedded catalog leaves out; catalog/build.rs)
RUSTFLAGS="${RUSTFLAGS:+$RUSTFLAGS }--cfg erase_components" CARGO_PROFILE_WASM_RELEASE_STRIP=debuginfo \
  cargo build --locked --target wasm32-unknown-unknown --profile wasm-release -p storewise-app \
  --message-format=json-render-diagnostics > "$tmp/.messages"
step "cargo build took $(($(date +%s) - start)) s"
catalog_out=$(grep '"reason":"build-script-executed"' "$tmp/.messages" | grep 'storewise-catalog@' \
  | sed -n 's/.*"out_dir":"\([^"]*\)".*/\1/p' | head -n 1)
rm "$tmp/.messages"
if [ -z "$catalog_out" ] || [ ! -f "$catalog_out/catalog-prose.json" ]; then
  echo "build-app.sh: the catalog's build wrote no catalog-prose.json (was it built with the prose feature?)" >&2
  exit 1
fi

step "wasm-bindgen"
wasm-bindgen target/wasm32-unknown-unknown/wasm-release/app.wasm --target web --no-typescript \
  --remove-name-section --remove-producers-section --out-dir "$tmp" --out-name app

cp app/index.html app/boot.js app/favicon.svg app/sw.js "$catalog_out/catalog-prose.json" "$tmp/"
cat style/tokens.css style/app.css > "$tmp/app.css"

step "content-hashed names"
# Renames $1 (in $tmp) to <stem>-<first 10 hex of its SHA-256>.<ext>; prints the new name.
hash_name() {
  local f=$1 h
  h=$(sha256sum "$tmp/$f" | cut -c1-10)
  mv "$tmp/$f" "$tmp/${f%.*}-$h.${f##*.}"
  printf '%s\n' "${f%.*}-$h.${f##*.}"
}
# Replaces the quoted path "/$2" (or '/$2') in $1 with "/$3"; fails when $1 does not name it.
point() {
  grep -qF "/$2" "$tmp/$1" || { echo "build-app.sh: $1 does not load /$2" >&2; exit 1; }
  sed -i -e "s|\"/$2\"|\"/$3\"|g" -e "s|'/$2'|'/$3'|g" "$tmp/$1"
}
declare -A named
for f in app_bg.wasm app.js app.css favicon.svg catalog-prose.json; do named[$f]=$(hash_name "$f"); done
point boot.js app.js "${named[app.js]}"
point boot.js app_bg.wasm "${named[app_bg.wasm]}"
named[boot.js]=$(hash_name boot.js)
for f in "${hashed_assets[@]}"; do point index.html "$f" "${named[$f]}"; done
# the service worker keeps the page and every hashed file, under a name that changes with them
precache="\"/\""
for f in "${hashed_assets[@]}"; do precache+=", \"/${named[$f]}\""; done
version=$(printf '%s' "$precache" | sha256sum | cut -c1-10)
grep -q '^const ASSETS = \[\];$' "$tmp/sw.js" && grep -q '^const VERSION = "unbuilt";$' "$tmp/sw.js" \
  || { echo "build-app.sh: app/sw.js has no ASSETS/VERSION line to fill" >&2; exit 1; }
sed -i -e "s|^const ASSETS = \[\];\$|const ASSETS = [$precache];|" \
  -e "s|^const VERSION = \"unbuilt\";\$|const VERSION = \"$version\";|" "$tmp/sw.js"

step "precompressing"
for path in "$tmp"/*; do
  f=${path##*/}
  gzip -9 -n -k -f "$tmp/$f"
  if [ "$have_brotli" = 1 ]; then brotli -q 11 -k -f "$tmp/$f"; fi
done
printf '%s\n' "$inputs" > "$tmp/.inputs"
chmod 755 "$tmp"

rm -rf "$dist"
mv "$tmp" "$dist"
trap - EXIT

step "bundle written to $dist/"
print_sizes
