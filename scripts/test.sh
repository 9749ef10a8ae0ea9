#!/usr/bin/env bash
# Runs every test storewise has. Installs what it needs when it is missing:
#   - the wasm32-unknown-unknown target (the engine and catalog must build for the browser).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  step "installing the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

step "unit, integration and snapshot tests"
cargo test --workspace --all-features --locked

step "the pure crates build for wasm32-unknown-unknown"
cargo build --locked --target wasm32-unknown-unknown -p storewise-catalog -p storewise-workload -p storewise-engine
