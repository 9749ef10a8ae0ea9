#!/usr/bin/env bash
# Fuzzes storewise for SECS seconds (default 120), one target of fuzz/fuzz_targets/:
#   pipeline (default)  arbitrary bytes through workload parsing, the diagnostics, analysis, the
#                       options' words, the text/Markdown/SARIF renderers and share links
#                       (decoding, and an encode/decode round trip);
#   http                arbitrary bytes as one client's connection to the HTTP server, in memory
#                       (hyper, the connection limits, the router and every handler); a panic
#                       or a 500 is a crash.
# For example
#   ./scripts/fuzz.sh 600
#   ./scripts/fuzz.sh 300 http
# Installs what it needs when it is missing:
#   - the pinned nightly toolchain (minimal profile): cargo-fuzz builds with sanitizer flags;
#   - cargo-fuzz at the pinned version (cargo install).
# Both are pinned so that CI fuzzes the same way every day; change them together here.
# The pipeline corpus starts, in a temporary directory, from examples/*.yaml, tests/invalid/*.yaml,
# the smaller files of tests/bad-inputs/, tests/links/*.link and tests/links/*/*.link; the http
# corpus from requests written here: each example and invalid file POSTed to /api/analyze and
# /api/chart/overhead, one to /api/share, and GETs of every kind of route. Exits non-zero, naming the saved
# input (fuzz/artifacts/TARGET/), when libFuzzer finds a crash, a timeout or an out-of-memory
# input; reproduce one with
#   (cd fuzz && cargo +nightly-2026-05-19 fuzz run --debug-assertions TARGET artifacts/TARGET/<file>)
set -euo pipefail
cd "$(dirname "$0")/.."

toolchain=nightly-2026-05-19
cargo_fuzz_version=0.13.2
secs=${1:-120}
target=${2:-pipeline}
if ! [[ "$secs" =~ ^[1-9][0-9]*$ ]] || ! [[ "$target" =~ ^(pipeline|http)$ ]]; then
  echo "usage: $0 [SECONDS] [pipeline|http]   (default 120 pipeline)" >&2
  exit 2
fi

step() { printf '\n==> %s\n' "$*"; }
started=$SECONDS
took() { echo "    ($(($SECONDS - $1)) s)"; }

t=$SECONDS
if ! rustup run "$toolchain" rustc --version >/dev/null 2>&1; then
  step "installing the $toolchain toolchain"
  rustup toolchain install "$toolchain" --profile minimal
  took "$t"
fi

t=$SECONDS
if [ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $cargo_fuzz_version" ]; then
  step "installing cargo-fuzz $cargo_fuzz_version"
  cargo install cargo-fuzz --version "=$cargo_fuzz_version" --locked
  took "$t"
fi

corpus=$(mktemp -d)
log=$(mktemp)
trap 'rm -rf "$corpus" "$log"' EXIT
shopt -s nullglob
if [ "$target" = pipeline ]; then
  cp examples/*.yaml tests/invalid/*.yaml tests/links/*.link tests/links/*/*.link "$corpus"/
  # the bad-input corpus, except the files far beyond what libFuzzer mutates (it caps inputs at 4 KB)
  find tests/bad-inputs -name "*.yaml" -size -64k -exec cp {} "$corpus"/ \;
else
  n=0
  request() { # METHOD PATH CONTENT-TYPE [BODY-FILE]
    local length=0
    if [ -n "${4:-}" ]; then length=$(wc -c <"$4"); fi
    n=$((n + 1))
    {
      printf '%s %s HTTP/1.1\r\nHost: localhost\r\n' "$1" "$2"
      if [ -n "$3" ]; then printf 'Content-Type: %s\r\n' "$3"; fi
      if [ -n "${4:-}" ]; then printf 'Content-Length: %s\r\n\r\n' "$length"; cat "$4"; else printf '\r\n'; fi
    } >"$corpus/request-$n"
  }
  for f in examples/*.yaml tests/invalid/*.yaml; do
    request POST /api/analyze application/yaml "$f"
    request POST "/api/analyze?format=sarif" application/yaml "$f"
    request POST /api/chart/overhead application/yaml "$f"
  done
  request POST /api/share application/yaml examples/s1-logistics.yaml
  request POST /api/chart/architecture application/json tests/cases/notion-datalake-cdc/before.yaml
  for path in / /healthz /api/catalog /api/catalog/postgresql /rules/SW001 /api/openapi.json \
    /api/share/AAAAAAAAAAAA /r/AAAAAAAAAAAA /api/nope /app.js; do
    request GET "$path" ""
  done
  request DELETE /api/analyze ""
  request OPTIONS / ""
fi
shopt -u nullglob

# --debug-assertions: overflow checks and debug_assert! on, as in the tests.
cd fuzz
t=$SECONDS
step "building the $target fuzz target (nightly, release, address sanitizer, debug assertions)"
cargo "+$toolchain" fuzz build --debug-assertions "$target"
took "$t"

t=$SECONDS
step "fuzzing for $secs s from $(find "$corpus" -type f | wc -l) seed inputs"
status=0
RUST_BACKTRACE=1 cargo "+$toolchain" fuzz run --debug-assertions "$target" "$corpus" -- \
  -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 2>&1 | tee "$log" || status=$?
took "$t"

runs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -n1)
rate=$(sed -n 's/^stat::average_exec_per_sec: *\([0-9]*\).*/\1/p' "$log" | tail -n1)
if [ -z "$runs" ]; then
  runs=$(sed -n 's/^Done \([0-9]*\) runs in .*/\1/p' "$log" | tail -n1)
fi
done_secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n1)
if [ -z "$rate" ] && [ -n "$runs" ] && [ -n "$done_secs" ] && [ "$done_secs" -gt 0 ]; then
  rate=$((runs / done_secs))
fi
corp=$(grep -E '^#[0-9]+' "$log" | tail -n1 | sed -n 's/.*corp: \([0-9]*\).*/\1/p')
cov=$(grep -E '^#[0-9]+' "$log" | tail -n1 | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
artifacts=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log")

printf '\nfuzz: %s executions, %s exec/s, coverage %s, corpus %s inputs; %s s in all\n' \
  "${runs:-?}" "${rate:-?}" "${cov:-?}" "${corp:-?}" "$(($SECONDS - started))"

if [ -n "$artifacts" ]; then
  panic=$(grep -A1 -m1 "panicked at" "$log" || true)
  if [ -n "$panic" ]; then
    printf 'fuzz: %s\n' "$panic" >&2
  fi
  echo "fuzz: libFuzzer found a failing input:" >&2
  while IFS= read -r a; do
    case "$a" in /*) echo "  $a" >&2 ;; *) echo "  $PWD/${a#./}" >&2 ;; esac
  done <<<"$artifacts"
  exit 1
fi
if [ "$status" -ne 0 ]; then
  echo "fuzz: cargo fuzz exited with status $status" >&2
  exit "$status"
fi
