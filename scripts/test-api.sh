#!/usr/bin/env bash
# The API test (issue 15): starts the real server (`storewise serve` on a free port, a fresh
# SQLite link store and a minimal app page in a temporary directory) and runs schemathesis
# against its own document, /api/openapi.json: every response must have a documented status,
# content type, headers and body schema, and none may be a 5xx. Installs schemathesis (the
# version in tests/api/requirements.txt, from PyPI) into a virtual environment under the cargo
# target directory when it is missing or the pin changed, and python3-venv (apt-get) when Python
# cannot make one.
# STOREWISE_API_EXAMPLES (default 40) bounds the test cases per operation and phase; arguments
# go to `schemathesis run` (e.g. `--seed 1`).
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/lib/venv.sh

examples=${STOREWISE_API_EXAMPLES:-40}
target=${CARGO_TARGET_DIR:-target}
venv="$target/api-venv"
ensure_venv "$venv" -r tests/api/requirements.txt

cargo build --quiet --locked -p storewise
bin="$(cd "$target" && pwd)/debug/storewise"

work=$(mktemp -d /tmp/storewise-api.XXXXXX)
server=
stop() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap stop EXIT
mkdir -p "$work/dist"
printf '<!doctype html><html><head><meta charset="utf-8"><title>storewise</title></head><body></body></html>\n' \
  > "$work/dist/index.html"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# --share-rate 0: schemathesis creates many links; the rate limit's 429 is tested in the unit tests
"$bin" serve --addr "127.0.0.1:$port" --db "$work/links.db" --dist "$work/dist" --share-rate 0 \
  > "$work/server.log" 2>&1 &
server=$!
url="http://127.0.0.1:$port"
for _ in $(seq 100); do
  if python3 -c "import urllib.request; urllib.request.urlopen('$url/healthz', timeout=1)" 2>/dev/null; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then cat "$work/server.log" >&2; exit 1; fi
  sleep 0.1
done
echo "storewise on $url; schemathesis $("$venv/bin/schemathesis" --version | awk '{print $NF}'), $examples examples per operation"

# positive_data_acceptance is left out: a workload can match the workload JSON Schema and still
# be invalid (an unknown store, a version-2 field in a version-1 file), which is a documented 422.
# run from the temporary directory: schemathesis keeps its cache (and replays past failures
# from it) in the working directory
st="$(cd "$venv" && pwd)/bin/schemathesis"
status=0
(cd "$work" && "$st" run "$url/api/openapi.json" \
  --checks all \
  --exclude-checks positive_data_acceptance \
  --max-examples "$examples" \
  --workers 1 \
  --no-color \
  "$@") || status=$?
if grep -q 'panicked' "$work/server.log"; then
  echo "the server panicked:" >&2
  grep -A5 'panicked' "$work/server.log" >&2
  status=1
fi
exit "$status"
