#!/usr/bin/env bash
# The MCP server with a real MCP client (issue 15): builds `storewise`, installs the official
# `mcp` Python SDK pinned in tests/mcp/requirements.txt into a virtual environment when it is
# missing or the pin changed (Debian's python3-venv is installed with apt-get when venv is
# unavailable), and runs tests/mcp/test_mcp.py: the client starts `storewise mcp` over stdio,
# initializes, lists the tools and calls each one. Arguments go to unittest (e.g. a test name).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

target=${CARGO_TARGET_DIR:-target}
venv="$target/mcp-venv"
stamp="$venv/requirements.sha256"
want=$(sha256sum tests/mcp/requirements.txt | cut -d' ' -f1)

if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "installing the MCP Python SDK (tests/mcp/requirements.txt) into $venv"
  rm -rf "$venv"
  if ! python3 -m venv "$venv" >/dev/null 2>&1; then
    rm -rf "$venv"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv "$venv"
  fi
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r tests/mcp/requirements.txt
  echo "$want" > "$stamp"
fi

cargo build --quiet --locked -p storewise
STOREWISE_BIN="$(cd "$target" && pwd)/debug/storewise" "$venv/bin/python" tests/mcp/test_mcp.py "$@"
