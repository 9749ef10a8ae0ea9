#!/usr/bin/env bash
# Fuzzes storewise for SECS seconds (default 120): arbitrary bytes through workload parsing, the
# diagnostics, analysis, the text/Markdown/SARIF renderers and share links (decoding, and an
# encode/decode round trip) — the `pipeline` target in fuzz/fuzz_targets/. For example
#   ./scripts/fuzz.sh 600
# Installs what it needs when it is missing:
#   - the pinned nightly toolchain (minimal profile): cargo-fuzz builds with sanitizer flags;
#   - cargo-fuzz at the pinned version (cargo install).
# Both are pinned so that CI fuzzes the same way every day; change them together here.
# The corpus starts, in a temporary directory, from examples/*.yaml, tests/invalid/*.yaml, the
# smaller files of tests/bad-inputs/,
# tests/links/*.link and tests/links/*/*.link. Exits non-zero, naming the saved input
# (fuzz/artifacts/pipeline/), when libFuzzer finds a crash, a timeout or an out-of-memory input;
# reproduce one with
#   (cd fuzz && cargo +nightly-2026-05-19 fuzz run --debug-assertions pipeline artifacts/pipeline/<file>)
set -euo pipefail
cd "$(dirname "$0")/.."

toolchain=nightly-2026-05-19
cargo_fuzz_version=0.13.2
secs=${1:-120}
if ! [[ "$secs" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [SECONDS]   (default 120)" >&2
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
cp examples/*.yaml tests/invalid/*.yaml tests/links/*.link tests/links/*/*.link "$corpus"/
# the bad-input corpus, except the files far beyond what libFuzzer mutates (it caps inputs at 4 KB)
find tests/bad-inputs -name "*.yaml" -size -64k -exec cp {} "$corpus"/ \;
shopt -u nullglob

# --debug-assertions: overflow checks and debug_assert! on, as in the tests.
cd fuzz
t=$SECONDS
step "building the fuzz target (nightly, release, address sanitizer, debug assertions)"
cargo "+$toolchain" fuzz build --debug-assertions pipeline
took "$t"

t=$SECONDS
step "fuzzing for $secs s from $(find "$corpus" -type f | wc -l) seed inputs"
status=0
RUST_BACKTRACE=1 cargo "+$toolchain" fuzz run --debug-assertions pipeline "$corpus" -- \
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
