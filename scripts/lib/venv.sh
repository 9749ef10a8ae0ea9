# Sourced by the test scripts that drive third-party Python clients (schemathesis, the MCP SDK,
# pre-commit): one way to run a command as root and to keep a pinned virtual environment.

# Runs a command as root (directly when already root).
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# ensure_venv DIR PIP_ARGS...: a Python virtual environment in DIR with `pip install PIP_ARGS`
# done (`-r tests/api/requirements.txt`, or a pin such as `pre-commit==4.7.0`). It is made again
# when missing or when what the arguments name changed (a stamp of the arguments and of every
# file among them); Debian's python3-venv is installed with apt-get when Python cannot make one.
ensure_venv() {
  local venv=$1 want a
  shift
  want=$({
    printf '%s\n' "$@"
    for a in "$@"; do if [ -f "$a" ]; then cat "$a"; fi; done
  } | sha256sum | cut -d' ' -f1)
  if [ -x "$venv/bin/python" ] && [ "$(cat "$venv/stamp" 2>/dev/null)" = "$want" ]; then
    return 0
  fi
  echo "installing $* into $venv"
  rm -rf "$venv"
  if ! python3 -m venv "$venv" >/dev/null 2>&1; then
    echo "installing python3-venv (Debian)"
    rm -rf "$venv"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv "$venv"
  fi
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$@"
  echo "$want" >"$venv/stamp"
}
