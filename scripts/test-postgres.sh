#!/usr/bin/env bash
# The PostgreSQL tests (issue 15): starts a throwaway PostgreSQL cluster (Debian's `postgresql`
# package, installed with apt-get when initdb is missing, as is openssl) in a temporary directory on a free
# port, as the postgres user, runs server/tests/postgres.rs against it with
# STOREWISE_TEST_POSTGRES set, and tears the cluster down whatever happens. The cluster takes
# TLS as well, with a server certificate (localhost, 127.0.0.1) from a throwaway CA made here with
# openssl, whose certificate the tests get as STOREWISE_TEST_POSTGRES_CA. Arguments go to the
# test binary (e.g. `--nocapture`, or a test name).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/postgres" ]; then bin=$dir; fi
  done
}
bin=
find_bin
missing=()
[ -n "$bin" ] || missing+=(postgresql)
command -v openssl >/dev/null || missing+=(openssl) # the TLS tests' certificates
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} (Debian) for the link store tests"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  find_bin
fi
if [ -z "$bin" ]; then
  echo "no initdb under /usr/lib/postgresql/*/bin after installing postgresql" >&2
  exit 1
fi

# initdb and postgres refuse to run as root: run them as the postgres user when we are root.
if [ "$(id -u)" -eq 0 ]; then
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

cluster=$(mktemp -d /tmp/storewise-pg.XXXXXX)
stop_cluster() {
  if [ -f "$cluster/data/postmaster.pid" ]; then
    as_pg "$bin/pg_ctl" -D "$cluster/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$cluster"
}
trap stop_cluster EXIT
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$cluster"; fi

# a throwaway CA and a server certificate it signs, for the TLS tests
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=storewise test CA" \
  -keyout "$cluster/ca.key" -out "$cluster/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
  -keyout "$cluster/server.key" -out "$cluster/server.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n' >"$cluster/server.ext"
openssl x509 -req -in "$cluster/server.csr" -CA "$cluster/ca.pem" -CAkey "$cluster/ca.key" -CAcreateserial \
  -days 2 -extfile "$cluster/server.ext" -out "$cluster/server.crt" 2>/dev/null
chmod 600 "$cluster/server.key"
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$cluster"/server.*; fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg "$bin/initdb" -D "$cluster/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null
as_pg "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $cluster -c max_connections=200 -c ssl=on \
      -c ssl_cert_file=$cluster/server.crt -c ssl_key_file=$cluster/server.key" start >/dev/null
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($cluster)"

STOREWISE_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/postgres" STOREWISE_TEST_POSTGRES_CA="$cluster/ca.pem" \
  cargo test --locked -p storewise --all-features --test postgres -- --test-threads 4 "$@"
