#!/usr/bin/env bash
# Builds storewise if needed and runs it. With no arguments: validates and analyses the seed
# scenarios shipped in examples/. With arguments: passes them to the `storewise` command.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -p storewise --quiet
bin=target/release/storewise
if [ "$#" -gt 0 ]; then
  exec "$bin" "$@"
fi
"$bin" validate examples/*.yaml
"$bin" analyze examples/s1-logistics.yaml
