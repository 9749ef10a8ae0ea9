#!/usr/bin/env bash
# Load run (issue 7): the release server and wrk on loopback, for DURATION seconds each against
# `POST /api/analyze` (S1) and `GET /r/<id>` (S1's short link). Prints requests/s, latency
# percentiles, errors and the server's peak RSS, for BENCHMARKS.md.
#
#   ./scripts/load.sh [DURATION_SECONDS=60] [CONNECTIONS=64]
#   ./scripts/load.sh --hostile [DURATION_SECONDS=60] [CONNECTIONS=8]
#
# --hostile (issue 18): normal clients on both routes at once (CONNECTIONS each) while
# scripts/hostile.py holds 200 slow-header and 200 stalled-body connections and fires bursts of
# 32 maximal workloads; prints the normal clients' figures, the server's idle and peak RSS, and its
# RSS 30 s after the run.
#
# Installs Debian's wrk when missing (apt, as root or with sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
hostile=0
if [ "${1:-}" = "--hostile" ]; then hostile=1; shift; fi
duration="${1:-60}"
connections="${2:-$([ "$hostile" = 1 ] && echo 8 || echo 64)}"

step() { printf '\n==> %s\n' "$*"; }

if ! command -v wrk >/dev/null 2>&1; then
  step "installing wrk (Debian)"
  sudo_=""; [ "$(id -u)" -eq 0 ] || sudo_="sudo"
  $sudo_ apt-get update -qq && $sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

step "release build"
cargo build --release --locked -p storewise
[ -f dist/index.html ] || ./scripts/build-app.sh

tmp="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
RUST_LOG=warn target/release/storewise serve --addr 127.0.0.1:0 --db "$tmp/links.db" --share-rate 0 \
  > "$tmp/out" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q 'storewise: open' "$tmp/out" && break; sleep 0.1; done
url="$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/out" | head -1)"
short="$(target/release/storewise share examples/s1-logistics.yaml --server "$url")"

peak() { awk '/VmHWM/ { printf "%.1f MB", $2 / 1024 }' "/proc/$pid/status"; }
rss() { awk '/VmRSS/ { printf "%.1f MB", $2 / 1024 }' "/proc/$pid/status"; }

if [ "$hostile" = 1 ]; then
  port="${url##*:}"
  echo "server idle RSS: $(rss)"
  step "hostile mix, ${duration}s: POST /api/analyze (S1) and GET ${short#"$url"}, $connections connections each"
  python3 scripts/hostile.py 127.0.0.1 "$port" "$duration" > "$tmp/hostile" &
  hostile_pid=$!
  STOREWISE_LOAD_BODY=examples/s1-logistics.yaml \
    wrk -t1 -c"$connections" -d"${duration}s" --latency -s tests/load/post-s1.lua "$url/api/analyze" > "$tmp/analyze" &
  analyze_pid=$!
  wrk -t1 -c"$connections" -d"${duration}s" --latency "$short" > "$tmp/link"
  wait "$analyze_pid" "$hostile_pid"
  echo "--- POST /api/analyze"; cat "$tmp/analyze"
  echo "--- GET /r/<id>"; cat "$tmp/link"
  echo "--- hostile clients"; cat "$tmp/hostile"
  echo "server peak RSS: $(peak); right after: $(rss)"
  sleep 30
  echo "server RSS 30 s after: $(rss)"
  exit 0
fi

step "POST /api/analyze (S1), $connections connections, ${duration}s"
STOREWISE_LOAD_BODY=examples/s1-logistics.yaml \
  wrk -t2 -c"$connections" -d"${duration}s" --latency -s tests/load/post-s1.lua "$url/api/analyze"
echo "server peak RSS so far: $(peak)"

step "GET ${short#"$url"}, $connections connections, ${duration}s"
wrk -t2 -c"$connections" -d"${duration}s" --latency "$short"
echo "server peak RSS: $(peak)"
