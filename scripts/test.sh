#!/usr/bin/env bash
# Runs every test storewise has. Installs what it needs when it is missing:
#   - the wasm32-unknown-unknown target (the pure crates must build for the browser);
#   - the Node packages in tests/package.json (the official SARIF 2.1.0 schema and a validator,
#     Microsoft's SARIF Multitool, playwright-core, axe-core for the accessibility audit);
#   - Debian's Chromium (apt-get), for the browser tests;
#   - through scripts/test-postgres.sh: Debian's PostgreSQL (apt-get), for the link store tests;
#   - through scripts/test-mcp.sh: the official MCP Python SDK (pip, pinned in
#     tests/mcp/requirements.txt) in a virtual environment, as the client of `storewise mcp`;
#   - through scripts/test-integrations.sh: pre-commit (PyPI, pinned in the script) in a virtual environment;
#   - through scripts/test-api.sh: schemathesis (PyPI, pinned in tests/api/requirements.txt) in a virtual environment, for the API test;
#   - through scripts/build-app.sh: wasm-bindgen-cli at the version in Cargo.lock;
#   - through scripts/fuzz.sh: the pinned nightly toolchain and cargo-fuzz.
# The last steps fuzz the pipeline for STOREWISE_FUZZ_SECS seconds (default 120; 0 skips
# fuzzing, for a quick local run — CI always fuzzes) and the HTTP server for half as long.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzz_secs=${STOREWISE_FUZZ_SECS:-120}
if ! [[ "$fuzz_secs" =~ ^[0-9]+$ ]]; then
  echo "STOREWISE_FUZZ_SECS must be a whole number of seconds (0 skips fuzzing), not '$fuzz_secs'" >&2
  exit 2
fi

step() { printf '\n==> %s\n' "$*"; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  step "installing the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

step "unit, integration and snapshot tests"
cargo test --workspace --all-features --locked

step "the PostgreSQL link store: contract, two replicas, SIGKILL of one (a throwaway cluster)"
./scripts/test-postgres.sh

step "storewise mcp with a real MCP client (the official Python SDK): initialize, list tools, call each"
./scripts/test-mcp.sh

step "the integrations (action.yml, integrations/, .pre-commit-hooks.yaml) on a throwaway git repository"
./scripts/test-integrations.sh

step "the API against its OpenAPI document: schemathesis on the real server"
./scripts/test-api.sh

step "Node packages for the SARIF and browser tests"
(cd tests && npm ci --no-audit --no-fund --loglevel=error)

step "SARIF output validates against the SARIF 2.1.0 schema and passes the SARIF Multitool (its SARIF and GitHub rules)"
./scripts/test-sarif.sh

step "the workload JSON Schema: ajv strict mode, and completion and diagnostics in yaml-language-server"
schema_dir=$(mktemp -d)
trap 'rm -rf "$schema_dir"' EXIT
cargo run --quiet --locked -p storewise -- schema > "$schema_dir/workload.schema.json"
node tests/schema/ajv.mjs "$schema_dir/workload.schema.json" examples/*.yaml tests/v2/*.yaml
node tests/schema/lsp.mjs "$schema_dir/workload.schema.json"

step "the pure crates build for wasm32-unknown-unknown"
cargo build --locked --target wasm32-unknown-unknown -p storewise-catalog -p storewise-workload -p storewise-engine \
  -p storewise-charts -p storewise-link

step "the server and the crates it needs package, and the packages build on their own (cargo package, verified)"
# a packaged crate holds nothing outside its directory: this catches an include_str! that reaches out.
# Verification unpacks each crate under ~/.cargo/registry/src keyed by the temporary registry's path,
# and cargo never unpacks over an existing copy: a machine that packaged these crates before would
# build today's crates against yesterday's sources. Ours are not on crates.io; drop such copies.
rm -rf "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/storewise-*-[0-9]*
cargo package --locked --quiet -p storewise-catalog -p storewise-workload -p storewise-engine -p storewise-charts \
  -p storewise-link -p storewise

step "the web app's release bundle"
./scripts/build-app.sh

if ! command -v chromium >/dev/null 2>&1; then
  step "installing Chromium (Debian) for the browser tests"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi

step "browser tests: the real bundle embedded in the real server, run outside the repository, in headless Chromium"
cargo build --quiet --locked -p storewise --features embed-app
STOREWISE_EMBEDDED=1 STOREWISE_BIN="$PWD/target/debug/storewise" CHROMIUM="$(command -v chromium)" node --test tests/e2e/

if [ "$fuzz_secs" -gt 0 ]; then
  step "fuzzing parse, analysis, renderers and share links for $fuzz_secs s"
  ./scripts/fuzz.sh "$fuzz_secs"
  step "fuzzing the HTTP server (request bytes, in memory) for $(((fuzz_secs + 1) / 2)) s"
  ./scripts/fuzz.sh "$(((fuzz_secs + 1) / 2))" http
else
  step "fuzzing skipped (STOREWISE_FUZZ_SECS=0)"
fi
