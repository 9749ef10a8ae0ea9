#!/usr/bin/env bash
# The MCP server with a real MCP client (issue 15): builds `storewise`, installs the official
# `mcp` Python SDK pinned in tests/mcp/requirements.txt into a virtual environment when it is
# missing or the pin changed (Debian's python3-venv is installed with apt-get when venv is
# unavailable), and runs tests/mcp/test_mcp.py: the client starts `storewise mcp` over stdio,
# initializes, lists the tools and calls each one. Arguments go to unittest (e.g. a test name).
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/lib/venv.sh

target=${CARGO_TARGET_DIR:-target}
venv="$target/mcp-venv"
ensure_venv "$venv" -r tests/mcp/requirements.txt

cargo build --quiet --locked -p storewise
STOREWISE_BIN="$(cd "$target" && pwd)/debug/storewise" "$venv/bin/python" tests/mcp/test_mcp.py "$@"
