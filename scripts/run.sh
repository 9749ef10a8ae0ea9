#!/usr/bin/env bash
# Runs storewise. With no arguments: builds the web app if needed (scripts/build-app.sh) and the
# server with the bundle embedded in it (`--features embed-app`: target/release/storewise then
# serves the app from any directory), and serves both on http://127.0.0.1:8080/ (set
# STOREWISE_ADDR to change it) with the embedded catalog. With arguments: runs that storewise
# command instead, e.g.
#   ./scripts/run.sh analyze examples/s1-logistics.yaml --format markdown
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -eq 0 ]; then
  ./scripts/build-app.sh
fi
# The bundle goes into the binary whenever it is built (one build for both uses).
features=()
if [ -f dist/index.html ]; then features=(--features embed-app); fi
cargo build --release --locked -p storewise "${features[@]}" --quiet
bin=target/release/storewise
if [ "$#" -gt 0 ]; then
  exec "$bin" "$@"
fi
exec "$bin" serve --addr "${STOREWISE_ADDR:-127.0.0.1:8080}" --dist dist
