#!/usr/bin/env bash
# The SARIF storewise writes, as code scanning reads it: `analyze` on every example and version-2 file (suppressions among them) and on every
# invalid workload (tests/invalid/), `validate` on the invalid ones, and a workload read from
# standard input under a name with a space, `#` and non-ASCII characters (--stdin-filename);
# each log validated against the official SARIF 2.1.0 schema (tests/sarif/validate.mjs) and by
# Microsoft's SARIF Multitool with its SARIF and GitHub rules (tests/sarif/multitool.mjs: no
# error, no warning). Needs the Node packages of tests/ (`npm ci` there; a step of scripts/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d tests/node_modules/@microsoft/sarif-multitool ]; then
  (cd tests && npm ci --no-audit --no-fund --loglevel=error)
fi
cargo build --quiet --locked -p storewise
bin="${CARGO_TARGET_DIR:-target}/debug/storewise"

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$bin" analyze examples/*.yaml tests/v2/*.yaml --format sarif > "$dir/examples.sarif"
# Invalid files exit 1 (and their diagnostics go to standard error too); the log is what counts.
status=0
"$bin" analyze tests/invalid/*.yaml --format sarif > "$dir/invalid.sarif" 2>/dev/null || status=$?
[ "$status" -eq 1 ] || { echo "analyze of the invalid workloads: exit $status, expected 1" >&2; exit 1; }
status=0
"$bin" validate tests/invalid/*.yaml --format sarif > "$dir/validate.sarif" || status=$?
[ "$status" -eq 1 ] || { echo "validate of the invalid workloads: exit $status, expected 1" >&2; exit 1; }
"$bin" analyze - --stdin-filename "examples/dual write #2 é.yaml" --format sarif \
  < examples/s2-dual-write.yaml > "$dir/stdin.sarif"

node tests/sarif/validate.mjs "$dir"/*.sarif
node tests/sarif/multitool.mjs "$dir"/*.sarif
