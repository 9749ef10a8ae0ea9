#!/usr/bin/env bash
# The ready-made integrations (issue 13 item 7), run locally on throwaway git repositories with two
# commits (a workload file; then a store added to it):
#   a. integrations/storewise-ci.sh as the GitHub Action runs it: the SARIF (URIs, the added store's
#      line), the comment (marker, store, h/month and $/month deltas, size), GITHUB_OUTPUT, the exit
#      codes (fail-on none, reached, an invalid workload, a base that is not there), a file new in
#      the change, no base, a comment cut to 65,536 characters;
#   b. action.yml read as GitHub does (a composite action) and its steps run one after another by a
#      small runner here, expressions and `if:` evaluated, with a stand-in `gh` that records what
#      post-comment.sh asks of the API; the GitLab job's `script:` lines run with bash, against a
#      stand-in GitLab API on 127.0.0.1 for the note, and without a token;
#   c. .pre-commit-hooks.yaml with the real pre-commit (PyPI, pinned below, in a virtual environment
#      under the cargo target directory): `pre-commit try-repo` passes on a valid commit and fails,
#      naming the file and line, on an invalid one.
# Not covered: GitHub's and GitLab's real APIs and runners, github/codeql-action/upload-sarif, and
# the `cargo install` steps (the binary is given). STOREWISE_BIN names the binary to test (default:
# built with cargo). Prints one line per check and `integrations: N passed, N failed`.
# shellcheck disable=SC2016 # Markdown's and storewise's backticks, in single quotes on purpose
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
started=$(date +%s)

. scripts/lib/venv.sh

target=${CARGO_TARGET_DIR:-target}
if [ -n "${STOREWISE_BIN:-}" ]; then
  bin=$(realpath "$STOREWISE_BIN")
else
  cargo build --quiet --locked -p storewise
  bin="$(cd "$target" && pwd)/debug/storewise"
fi
[ -x "$bin" ] || { echo "no storewise binary at $bin" >&2; exit 2; }
unset STOREWISE_BIN # the scripts under test find `storewise` on the PATH, their default

# pre-commit (and PyYAML, its dependency, which reads action.yml and the GitLab job here).
precommit_pin="pre-commit==4.7.0"
venv="$target/integrations-venv"
ensure_venv "$venv" "$precommit_pin"
py="$(cd "$venv" && pwd)/bin/python"
precommit="$(cd "$venv" && pwd)/bin/pre-commit"

tmp=$(mktemp -d)
stub_pid=""
cleanup() {
  if [ -n "$stub_pid" ]; then kill "$stub_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# `storewise` on the PATH (as the action and the GitLab job expect it), and a stand-in `gh`.
mkdir -p "$tmp/bin"
ln -s "$bin" "$tmp/bin/storewise"
cat >"$tmp/bin/gh" <<'EOF'
#!/usr/bin/env bash
# A stand-in for the GitHub CLI: logs its arguments (and the body it would send); a listing of
# comments answers with $GH_STUB_IDS.
printf '%s\n' "$*" >>"$GH_STUB_LOG"
for a in "$@"; do case "$a" in body=@*) cp "${a#body=@}" "$GH_STUB_LOG.body" ;; esac; done
case " $* " in *" --paginate "*) [ -z "${GH_STUB_IDS:-}" ] || printf '%s\n' "$GH_STUB_IDS" ;; esac
EOF
chmod +x "$tmp/bin/gh"
export PATH="$tmp/bin:$PATH"
export GH_STUB_LOG="$tmp/gh.log"
unset GITHUB_ACTIONS GITHUB_OUTPUT GITHUB_STEP_SUMMARY STOREWISE_FILES STOREWISE_BASE STOREWISE_FAIL_ON \
  STOREWISE_SARIF STOREWISE_COMMENT STOREWISE_JSON STOREWISE_FETCH_BASE

passed=0
failed=0
pass() { passed=$((passed + 1)); printf 'ok    %s\n' "$1"; }
fail() { failed=$((failed + 1)); printf 'FAIL  %s\n' "$1"; }
# check NAME EXPECTED GOT
check() { if [ "$2" = "$3" ]; then pass "$1"; else fail "$1: expected $2, got $3"; fi; }
# check_py NAME HELPER-ARGS...: the helper prints what is wrong, nothing when all is right
check_py() {
  local name=$1 out
  shift
  if out=$("$py" "$tmp/helpers.py" "$@" 2>&1) && [ -z "$out" ]; then pass "$name"; else fail "$name: ${out:-the helper failed}"; fi
}
# run_ci OUT-PREFIX ENV...: runs storewise-ci.sh in the current directory; the exit code in $rc
run_ci() {
  local prefix=$1
  shift
  rc=0
  env "$@" bash "$root/integrations/storewise-ci.sh" >"$prefix.out" 2>"$prefix.err" || rc=$?
}

cat >"$tmp/helpers.py" <<'PYEOF'
import json, os, re, subprocess, sys, threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlparse

import yaml

MARKER = "<!-- storewise -->"


def sarif_check(path, uri, line, rule=None):
    """Valid SARIF 2.1.0; every result at URI under %SRCROOT%; one (of RULE) at LINE."""
    try:
        log = json.load(open(path))
    except Exception as e:
        return print(f"{path} is not JSON: {e}")
    if log.get("version") != "2.1.0":
        print(f"version: expected 2.1.0, got {log.get('version')!r}")
    results = [r for run in log.get("runs", []) for r in run.get("results", [])]
    if not results:
        return print("no results")
    lines = []
    for r in results:
        loc = r["locations"][0]["physicalLocation"]
        art = loc["artifactLocation"]
        if art.get("uri") != uri or art.get("uriBaseId") != "%SRCROOT%":
            print(f"{r['ruleId']}: expected uri {uri} with uriBaseId %SRCROOT%, got {art}")
        if rule is None or r["ruleId"] == rule:
            lines.append(loc["region"]["startLine"])
    if int(line) not in lines:
        print(f"expected a result{' of ' + rule if rule else ''} at line {line}, got lines {sorted(lines)}")


def comment_check(path, *wanted):
    """Starts with the marker, holds each WANTED regex, under 65,536 characters."""
    text = open(path, encoding="utf-8").read()
    if not text.startswith(MARKER + "\n"):
        print(f"expected the first line {MARKER}, got {text.splitlines()[0] if text else 'nothing'!r}")
    if len(text) >= 65536:
        print(f"expected fewer than 65,536 characters, got {len(text)}")
    for w in wanted:
        if not re.search(w, text):
            print(f"expected /{w}/ in the comment, not found")


def outputs(path, sarif, comment, new):
    """GITHUB_OUTPUT holds the three outputs."""
    got = dict(l.split("=", 1) for l in open(path).read().splitlines() if "=" in l)
    want = {"sarif-file": sarif, "comment-file": comment, "new-findings": new}
    for k, v in want.items():
        if got.get(k) != v:
            print(f"{k}: expected {v!r}, got {got.get(k)!r}")


def count(path, key):
    """The entries of KEY: a diff's `appeared`; an analyze report's `findings`, in the document of
    format_version 1 (`files: [{report}]`) or, before it, the report itself."""
    doc = json.load(open(path))
    if key == "findings" and isinstance(doc, dict) and "files" in doc:
        print(sum(len((f.get("report") or {}).get("findings", [])) for f in doc["files"]))
    else:
        print(len(doc[key]))


# --- GitHub Actions expressions, as much of them as action.yml uses --------------------------

TOKEN = re.compile(r"\s*(?:('(?:[^']|'')*')|(&&|\|\||==|!=|!|\(|\))|([A-Za-z_][A-Za-z0-9_.\-]*)|(\d+))")


def tokens(src):
    out, pos = [], 0
    while pos < len(src):
        m = TOKEN.match(src, pos)
        if not m or m.end() == pos:
            if src[pos:].strip() == "":
                break
            raise ValueError(f"cannot read the expression {src!r} at {pos}")
        pos = m.end()
        s, op, ident, num = m.groups()
        out.append(("str", s[1:-1].replace("''", "'")) if s is not None else ("op", op) if op else
                   ("id", ident) if ident else ("num", float(num)))
    return out


def truthy(v):
    return v not in (None, False, 0, "")


def num(v):
    if v is None:
        return 0.0
    if isinstance(v, bool):
        return float(v)
    if isinstance(v, (int, float)):
        return float(v)
    try:
        return float(v) if v.strip() else 0.0
    except ValueError:
        return float("nan")


def equal(a, b):
    if isinstance(a, str) and isinstance(b, str):
        return a.lower() == b.lower()
    if type(a) is type(b):
        return a == b
    return num(a) == num(b)


def evaluate(src, ctx):
    toks, i = tokens(src), 0

    def peek():
        return toks[i] if i < len(toks) else (None, None)

    def take():
        nonlocal i
        i += 1
        return toks[i - 1]

    def lookup(path):
        v = ctx
        for part in path.split("."):
            v = v.get(part) if isinstance(v, dict) else None
        return v

    def primary():
        kind, val = take()
        if kind == "op" and val == "(":
            v = either()
            take()
            return v
        if kind == "op" and val == "!":
            return not truthy(primary())
        if kind in ("str", "num"):
            return val
        if kind == "id":
            if val in ("true", "false"):
                return val == "true"
            if val == "null":
                return None
            if peek() == ("op", "("):
                take(), take()
                return ctx["__functions"][val]()
            return lookup(val)
        raise ValueError(f"unexpected {val!r} in {src!r}")

    def comparison():
        v = primary()
        if peek() in (("op", "=="), ("op", "!=")):
            op = take()[1]
            w = primary()
            return equal(v, w) if op == "==" else not equal(v, w)
        return v

    def both():
        v = comparison()
        while peek() == ("op", "&&"):
            take()
            w = comparison()
            v = w if truthy(v) else v
        return v

    def either():
        v = both()
        while peek() == ("op", "||"):
            take()
            w = both()
            v = v if truthy(v) else w
        return v

    return either()


def interpolate(text, ctx):
    def one(m):
        v = evaluate(m.group(1), ctx)
        return "" if v is None else ("true" if v is True else "false" if v is False else str(v))
    return re.sub(r"\$\{\{(.*?)\}\}", one, str(text))


def action_check(action_path, script_path):
    """action.yml: a composite action whose steps run integrations/storewise-ci.sh with the inputs."""
    action = yaml.safe_load(open(action_path))
    script = open(script_path).read()
    if action.get("runs", {}).get("using") != "composite":
        print(f"runs.using: expected composite, got {action.get('runs', {}).get('using')!r}")
    inputs = action.get("inputs", {})
    for name in ["files", "base", "fail-on", "sarif-file", "comment-file", "comment"]:
        if name not in inputs:
            print(f"expected the input {name}")
    if not inputs.get("files", {}).get("required"):
        print("expected the input files to be required")
    for name, default in [("fail-on", "high"), ("sarif-file", "storewise.sarif"),
                          ("comment-file", "storewise-comment.md"), ("comment", "true"), ("base", "")]:
        if str(inputs.get(name, {}).get("default")) != default:
            print(f"input {name}: expected the default {default!r}, got {inputs.get(name, {}).get('default')!r}")
    for name in ["sarif-file", "comment-file", "new-findings"]:
        value = action.get("outputs", {}).get(name, {}).get("value", "")
        if value.replace(" ", "") != "${{steps.run.outputs.%s}}" % name:
            print(f"output {name}: expected the run step's output, got {value!r}")
    steps = action["runs"]["steps"]
    run = [s for s in steps if s.get("id") == "run"]
    if not run or "integrations/storewise-ci.sh" not in run[0].get("run", ""):
        print("expected a step with id run that calls integrations/storewise-ci.sh")
    text = yaml.safe_dump(steps)
    for name in inputs:
        if f"inputs.{name}" not in text:
            print(f"the input {name} is declared but no step uses it")
    for key in (run[0].get("env", {}) if run else {}):
        if key.startswith("STOREWISE_") and key not in script:
            print(f"the run step sets {key}, which integrations/storewise-ci.sh does not read")
    for s in steps:
        if "run" in s and s.get("shell") != "bash":
            print(f"step {s.get('name')!r}: expected shell bash, got {s.get('shell')!r}")


def action_run(action_path, action_dir, workdir, with_json, github_json, report_path):
    """Runs the action's steps like a runner: env and if: evaluated, each run: with bash -eo pipefail."""
    action = yaml.safe_load(open(action_path))
    given, github = json.loads(with_json), json.loads(github_json)
    ctx = {"github": github, "steps": {}}
    inputs = {}
    for name, spec in action.get("inputs", {}).items():
        inputs[name] = given[name] if name in given else interpolate(spec.get("default", ""), ctx)
    ctx["inputs"] = inputs
    failed = [False]
    ctx["__functions"] = {"always": lambda: True, "success": lambda: not failed[0], "failure": lambda: failed[0]}
    log = []
    tmp = os.path.join(workdir, ".runner")
    os.makedirs(tmp, exist_ok=True)
    for n, step in enumerate(action["runs"]["steps"]):
        cond = step.get("if", "success()")
        cond = cond[3:-2] if cond.strip().startswith("${{") else cond
        if not truthy(evaluate(cond, ctx)):
            log.append({"step": step.get("name"), "skipped": True})
            if "id" in step:
                ctx["steps"][step["id"]] = {"outcome": "skipped", "conclusion": "skipped", "outputs": {}}
            continue
        out_file = os.path.join(tmp, f"output-{n}")
        open(out_file, "w").close()
        env = dict(os.environ)
        env.update({k: interpolate(v, ctx) for k, v in step.get("env", {}).items()})
        env.update({"GITHUB_ACTION_PATH": action_dir, "GITHUB_OUTPUT": out_file, "GITHUB_ACTIONS": "true",
                    "GITHUB_REPOSITORY": github.get("repository", ""),
                    "GITHUB_STEP_SUMMARY": os.path.join(tmp, "summary.md")})
        script = os.path.join(tmp, f"step-{n}.sh")
        with open(script, "w") as f:
            f.write(interpolate(step["run"], ctx))
        p = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script], cwd=workdir, env=env,
                           capture_output=True, text=True)
        outs = {}
        for line in open(out_file).read().splitlines():
            if "=" in line:
                k, v = line.split("=", 1)
                outs[k] = v
        outcome = "success" if p.returncode == 0 else "failure"
        if outcome == "failure":
            failed[0] = True
        if "id" in step:
            ctx["steps"][step["id"]] = {"outcome": outcome, "conclusion": outcome, "outputs": outs}
        log.append({"step": step.get("name"), "exit": p.returncode, "stdout": p.stdout, "stderr": p.stderr,
                    "outputs": outs})
    result = {"failed": failed[0], "steps": log,
              "outputs": {k: interpolate(v.get("value", ""), ctx) for k, v in action.get("outputs", {}).items()}}
    json.dump(result, open(report_path, "w"), indent=1)


def action_expect(report_path, failed, *expectations):
    """The action's run: failed or not; NAME=VALUE outputs; `exit:STEP:CODE`, `skipped:STEP`, `says:STEP:TEXT`."""
    report = json.load(open(report_path))
    if report["failed"] != (failed == "true"):
        print(f"expected the action to {'fail' if failed == 'true' else 'succeed'}, it did not: "
              + "; ".join(f"{s['step']}: exit {s.get('exit', 'skipped')} {s.get('stderr', '')[-300:]}" for s in report["steps"]))
    steps = {s["step"]: s for s in report["steps"]}
    for e in expectations:
        if e.startswith("skipped:"):
            name = e.split(":", 1)[1]
            s = steps.get(name)
            if s is None or not s.get("skipped"):
                print(f"expected the step {name!r} to be skipped, got {s and 'exit ' + str(s.get('exit'))}")
        elif e.startswith("exit:"):
            _, name, code = e.split(":", 2)
            s = steps.get(name) or {}
            if s.get("exit") != int(code):
                print(f"expected the step {name!r} to exit {code}, got {'skipped' if s.get('skipped') else s.get('exit')}: "
                      f"{(s.get('stdout', '') + s.get('stderr', ''))[-300:]!r}")
        elif e.startswith("says:"):
            _, name, text = e.split(":", 2)
            s = steps.get(name, {})
            if text not in s.get("stdout", "") + s.get("stderr", ""):
                print(f"expected the step {name!r} to say {text!r}, it said {(s.get('stdout', '') + s.get('stderr', ''))[-300:]!r}")
        else:
            k, v = e.split("=", 1)
            if report["outputs"].get(k) != v:
                print(f"output {k}: expected {v!r}, got {report['outputs'].get(k)!r}")


# --- GitLab ----------------------------------------------------------------------------------

def gitlab_script(path, job, out):
    """The job's variables, as defaults that the environment (CI/CD variables) overrides, $VARs in
    them expanded by bash as GitLab would; then its script lines: one bash script."""
    jobs = yaml.safe_load(open(path))
    spec = jobs[job]
    if "merge_request_event" not in json.dumps(spec.get("rules", [])):
        print("expected rules for merge-request pipelines")
    art = spec.get("artifacts", {})
    if art.get("when") != "always" or not {"storewise.sarif", "storewise-comment.md"} <= set(art.get("paths", [])):
        print(f"expected artifacts storewise.sarif and storewise-comment.md when: always, got {art}")
    if not any("integrations/storewise-ci.sh" in line for line in spec["script"]):
        print("expected a script line running integrations/storewise-ci.sh")
    lines = ["set -eo pipefail"]
    for k, v in spec.get("variables", {}).items():
        v = str(v)
        if re.search(r'["\\`]', v) or not re.fullmatch(r"[A-Z_][A-Z0-9_]*", k):
            print(f"variable {k}: cannot model its value {v!r}")
        lines.append(f'export {k}="${{{k}-{v}}}"')
    lines += spec.get("before_script", []) + spec["script"]
    open(out, "w").write("\n".join(lines) + "\n")


class Notes(BaseHTTPRequestHandler):
    """A stand-in for GitLab's merge-request notes API: list, create, update; every request logged."""
    notes = []
    log_path = None

    def log_message(self, *args):
        pass

    def record(self, body=None):
        with open(self.log_path, "a") as f:
            f.write(json.dumps({"method": self.command, "path": urlparse(self.path).path,
                                "token": self.headers.get("PRIVATE-TOKEN"), "body": body}) + "\n")

    def reply(self, code, obj):
        data = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def form(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        return parse_qs(raw, keep_blank_values=True).get("body", [None])[0]

    def do_GET(self):
        self.record()
        self.reply(200, list(reversed(self.notes)) + [{"id": 1, "body": "LGTM"}])

    def do_POST(self):
        body = self.form()
        self.record(body)
        note = {"id": 40 + len(self.notes), "body": body}
        self.notes.append(note)
        self.reply(201, note)

    def do_PUT(self):
        body = self.form()
        self.record(body)
        self.reply(200, {"id": int(self.path.rsplit("/", 1)[1]), "body": body})


def notes_server(port_file, log_path):
    Notes.log_path = log_path
    server = HTTPServer(("127.0.0.1", 0), Notes)
    with open(port_file + ".part", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(port_file + ".part", port_file)
    server.serve_forever()


def notes_expect(log_path, comment_path, *methods):
    """The stand-in saw METHOD:PATH requests in order; every write a storewise comment, the last
    one the comment file."""
    comment = open(comment_path, encoding="utf-8").read()
    seen = [json.loads(l) for l in open(log_path)] if os.path.exists(log_path) else []
    got = [f"{r['method']}:{r['path']}" for r in seen]
    if got != [m.split(":", 1)[0] + ":/api/v4" + m.split(":", 1)[1] for m in methods]:
        print(f"expected the requests {list(methods)} (under /api/v4), got {got}")
    writes = [r for r in seen if r["method"] in ("POST", "PUT")]
    for r in seen:
        if r["token"] != "test-token":
            print(f"{r['method']} {r['path']}: expected the PRIVATE-TOKEN header test-token, got {r['token']!r}")
    for r in writes:
        if not (r["body"] or "").startswith(MARKER + "\n"):
            print(f"{r['method']} {r['path']}: the body does not start with {MARKER}")
    if writes and writes[-1]["body"] != comment:
        print(f"the last write is not the comment file ({len(writes[-1]['body'] or '')} characters, the file {len(comment)})")


if __name__ == "__main__":
    globals()[sys.argv[1].replace("-", "_")](*sys.argv[2:])
PYEOF

# --- the test repository: commit 1 a workload, commit 2 a store added -----------------------------
repo="$tmp/repo"
mkdir -p "$repo/arch"
cd "$repo"
git init -q -b main
git config user.name "storewise test"
git config user.email "test@storewise.invalid"
git config commit.gpgsign false
cp "$root/examples/s1-logistics.yaml" arch/storewise.yaml
git add arch/storewise.yaml
git commit -q -m "the logistics platform"
# commit 2: an Elasticsearch index written by the application beside the primary (a dual write),
# with a search workload on it
awk '
  /^workloads:/ {
    print "  - id: search-index"
    print "    type: elasticsearch"
    print "    role: derived"
    print "    fed_by: { from: main-db, via: dual_write }"
    print "    monthly_cost_usd: 300"
  }
  { print }
  END {
    print "  - id: package-search"
    print "    pattern: full_text_search"
    print "    store: search-index"
    print "    rate: 50/s"
  }' "$root/examples/s1-logistics.yaml" >arch/storewise.yaml
git commit -q -am "a search index for packages"
store_line=$(grep -n '^  - id: search-index$' arch/storewise.yaml | cut -d: -f1)
"$bin" diff --base HEAD~1 arch/storewise.yaml --format json --fail-on none >"$tmp/diff.json"
want_new=$("$py" "$tmp/helpers.py" count "$tmp/diff.json" appeared)
"$bin" analyze arch/storewise.yaml --format json >"$tmp/report.json" || true
want_all=$("$py" "$tmp/helpers.py" count "$tmp/report.json" findings)

echo "== a. integrations/storewise-ci.sh"
gh_env=(GITHUB_OUTPUT="$tmp/gh-output" STOREWISE_FILES="arch/*.yaml" STOREWISE_BASE=HEAD~1)

run_ci "$tmp/a1" "${gh_env[@]}" STOREWISE_FAIL_ON=none
check "fail-on none: exit code" 0 "$rc"
check_py "SARIF: version 2.1.0, URIs arch/storewise.yaml under %SRCROOT%, SW008 at the added store's line ($store_line)" \
  sarif-check storewise.sarif arch/storewise.yaml "$store_line" SW008
check_py "comment: the marker first, the added store, h/month and \$/month deltas, under 65,536 characters" \
  comment-check storewise-comment.md 'adds search-index \(elasticsearch\)' '\+[0-9.]+ h/month' '\+\$[0-9,]+/month' \
  'compared with `[0-9a-f]{12}`' 'SW001'
check_py "GITHUB_OUTPUT: sarif-file, comment-file, new-findings=$want_new" \
  outputs "$tmp/gh-output" storewise.sarif storewise-comment.md "$want_new"

rm -f storewise.sarif storewise-comment.md "$tmp/gh-output"
run_ci "$tmp/a2" "${gh_env[@]}" STOREWISE_FAIL_ON=critical STOREWISE_JSON=python3
check "fail-on critical, reached by the new dual write (SW001): exit code" 1 "$rc"
if [ -s storewise.sarif ] && [ -s storewise-comment.md ] && [ -s "$tmp/gh-output" ]; then
  pass "fail-on reached: the SARIF, the comment and the outputs are written all the same"
else
  fail "fail-on reached: expected storewise.sarif, storewise-comment.md and GITHUB_OUTPUT written, got: $(ls)"
fi
check_py "fail-on reached: the comment says it fails; new-findings=$want_new (counted with python3)" \
  comment-check storewise-comment.md '\*\*fails\*\*: new findings at or above critical'
check_py "fail-on reached: GITHUB_OUTPUT complete" outputs "$tmp/gh-output" storewise.sarif storewise-comment.md "$want_new"
if grep -q 'new findings at or above critical in arch/storewise.yaml' "$tmp/a2.err"; then
  pass "fail-on reached: the log names the file"
else
  fail "fail-on reached: expected 'new findings at or above critical in arch/storewise.yaml' in the log, got: $(tail -3 "$tmp/a2.err")"
fi

run_ci "$tmp/a3" STOREWISE_FILES="arch/*.yaml" STOREWISE_BASE=HEAD~1 STOREWISE_FAIL_ON=medium STOREWISE_SARIF=out/sw.sarif \
  STOREWISE_COMMENT=out/comment.md
check "fail-on medium, other output paths (out/, created): exit code 1 and both written" "1 yes" \
  "$rc $([ -s out/sw.sarif ] && [ -s out/comment.md ] && echo yes || echo no)"
rm -rf out

# a file new in the change (absent at the base): its full report, every finding new
git checkout -q -b new-file
cp "$root/examples/s2-dual-write.yaml" arch/orders.yaml
git add arch/orders.yaml
git commit -q -m "the orders service"
"$bin" analyze arch/orders.yaml --format json >"$tmp/orders.json" || true
want_new2=$((want_new + $("$py" "$tmp/helpers.py" count "$tmp/orders.json" findings)))
run_ci "$tmp/a4" GITHUB_OUTPUT="$tmp/gh-output4" STOREWISE_FILES="arch/*.yaml" STOREWISE_BASE=main~1 STOREWISE_FAIL_ON=none
check "a file absent at the base: exit code" 0 "$rc"
check_py "a file absent at the base: said so, with its full report, beside the other file's diff" \
  comment-check storewise-comment.md '`arch/orders.yaml`: it is new: not at `[0-9a-f]{12}`' '# storewise report: ' \
  'adds search-index'
check_py "a file absent at the base: new-findings=$want_new2 (its findings all new)" \
  outputs "$tmp/gh-output4" storewise.sarif storewise-comment.md "$want_new2"
git checkout -q main

# an invalid workload in the second commit
git checkout -q -b invalid
sed -i 's/^    type: elasticsearch$/    type: elasticsearh/' arch/storewise.yaml
git commit -q -am "a typo"
bad_line=$(grep -n 'type: elasticsearh' arch/storewise.yaml | cut -d: -f1)
run_ci "$tmp/a5" "${gh_env[@]}" STOREWISE_BASE=main~1 STOREWISE_FAIL_ON=none
check "an invalid workload (fail-on none): exit code" 1 "$rc"
if grep -q "arch/storewise.yaml:$bad_line:11" "$tmp/a5.err" && grep -q 'unknown store type `elasticsearh`' "$tmp/a5.err" &&
  grep -q 'arch/storewise.yaml is not a valid workload file' "$tmp/a5.err"; then
  pass "an invalid workload: the log says what, where (arch/storewise.yaml:$bad_line:11) and which file"
else
  fail "an invalid workload: expected arch/storewise.yaml:$bad_line:11 and the problem in the log, got: $(head -c 600 "$tmp/a5.err")"
fi
check_py "an invalid workload: the comment says so with the problem; SW000 at line $bad_line in the SARIF" \
  comment-check storewise-comment.md '\*\*`arch/storewise.yaml` is not a valid workload file\*\*' 'did you mean `elasticsearch`'
check_py "an invalid workload: SW000 at line $bad_line in the SARIF" sarif-check storewise.sarif arch/storewise.yaml "$bad_line" SW000
git checkout -q main

run_ci "$tmp/a6" STOREWISE_FILES="arch/*.yaml" STOREWISE_BASE=0123456789abcdef STOREWISE_FAIL_ON=none
if [ "$rc" = 2 ] && grep -q "the base '0123456789abcdef' is not a commit in this clone" "$tmp/a6.err" && [ -s storewise.sarif ]; then
  pass "a base that is not in the clone: exit 2, says so (fetch-depth), the SARIF still written"
else
  fail "a base that is not in the clone: expected exit 2 and the message, got exit $rc: $(tail -2 "$tmp/a6.err")"
fi
run_ci "$tmp/a7" STOREWISE_FILES="arch/nothing-*.yaml arch/missing.yaml"
check "no file matches / a missing file: exit code (usage error)" 2 "$rc"

# no base, many files, outside any git repository: every finding new, the comment cut to size
mkdir -p "$tmp/many" && cd "$tmp/many"
for i in $(seq -w 1 12); do cp "$root/examples/s6-ecommerce.yaml" "shop-$i.yaml"; done
run_ci "$tmp/a8" GITHUB_OUTPUT="$tmp/gh-output8" STOREWISE_FILES="*.yaml" STOREWISE_FAIL_ON=none
check "no base, 12 files outside a git repository: exit code" 0 "$rc"
check_py "no base, 12 files: the comment cut under 65,536 characters with a note" \
  comment-check storewise-comment.md 'no base commit was given' '(cut here|Not shown)' 'shop-12\.yaml'
"$bin" analyze shop-01.yaml --format json >"$tmp/shop.json" || true
check_py "no base, 12 files: new-findings counts every finding of every file" \
  outputs "$tmp/gh-output8" storewise.sarif storewise-comment.md "$((12 * $("$py" "$tmp/helpers.py" count "$tmp/shop.json" findings)))"
cd "$repo"
rm -f storewise.sarif storewise-comment.md

echo "== b. action.yml and the GitLab job"
check_py "action.yml: a composite action; its run step calls integrations/storewise-ci.sh with every input" \
  action-check "$root/action.yml" "$root/integrations/storewise-ci.sh"
base_sha=$(git rev-parse HEAD~1)
pr_event=$(printf '{"event_name": "pull_request", "repository": "acme/shop", "token": "t0ken", "event": {"pull_request": {"number": 7, "base": {"sha": "%s"}}}}' "$base_sha")

: >"$GH_STUB_LOG"
"$py" "$tmp/helpers.py" action-run "$root/action.yml" "$root" "$repo" '{"files": "arch/*.yaml"}' "$pr_event" "$tmp/run1.json"
check_py "the action on a pull request (fail-on high): fails after commenting; outputs; storewise from the PATH" \
  action-expect "$tmp/run1.json" true "new-findings=$want_new" sarif-file=storewise.sarif comment-file=storewise-comment.md \
  "says:Install storewise:using $tmp/bin/storewise" "exit:Analyse the workload files:0" \
  "exit:Comment on the pull request:0" "exit:Apply fail-on:1"
if grep -q "^api --paginate repos/acme/shop/issues/7/comments" "$GH_STUB_LOG" &&
  grep -q "^api --method POST repos/acme/shop/issues/7/comments -F body=@storewise-comment.md" "$GH_STUB_LOG" &&
  cmp -s "$GH_STUB_LOG.body" storewise-comment.md; then
  pass "post-comment.sh, no earlier comment: lists the comments, then POSTs the comment file (stand-in gh)"
else
  fail "post-comment.sh, no earlier comment: expected a listing and a POST of storewise-comment.md, got: $(tr '\n' ';' <"$GH_STUB_LOG")"
fi

: >"$GH_STUB_LOG"
GH_STUB_IDS=$'981\n982' "$py" "$tmp/helpers.py" action-run "$root/action.yml" "$root" "$repo" \
  '{"files": "arch/*.yaml", "fail-on": "none", "sarif-file": "reports/storewise.sarif"}' "$pr_event" "$tmp/run2.json"
check_py "the action with fail-on none and another sarif-file: succeeds; the outputs follow the inputs" \
  action-expect "$tmp/run2.json" false sarif-file=reports/storewise.sarif "new-findings=$want_new" "exit:Comment on the pull request:0" \
  "skipped:Apply fail-on"
if grep -q "^api --method PATCH repos/acme/shop/issues/comments/981 -F body=@storewise-comment.md" "$GH_STUB_LOG" &&
  ! grep -q "method POST" "$GH_STUB_LOG"; then
  pass "post-comment.sh, an earlier storewise comment: PATCHes the first one (stand-in gh)"
else
  fail "post-comment.sh, an earlier comment: expected a PATCH of comment 981, got: $(tr '\n' ';' <"$GH_STUB_LOG")"
fi

: >"$GH_STUB_LOG"
"$py" "$tmp/helpers.py" action-run "$root/action.yml" "$root" "$repo" '{"files": "arch/*.yaml", "fail-on": "none"}' \
  '{"event_name": "push", "repository": "acme/shop", "token": "t0ken", "event": {}}' "$tmp/run3.json"
check_py "the action on a push (no base, no pull request): succeeds, every finding new, no comment posted" \
  action-expect "$tmp/run3.json" false "new-findings=$want_all" "exit:Comment on the pull request:0" \
  "says:Comment on the pull request:not a pull request"
check "the action on a push: gh not called" 0 "$(wc -l <"$GH_STUB_LOG")"
rm -rf storewise.sarif storewise-comment.md reports .runner

# The GitLab job: its script lines, with GitLab's variables, in the test repository.
# STOREWISE_HOME and STOREWISE_FILES as CI/CD variables: the checkout here, the test's file
gitlab_run() { # LOG-PREFIX ENV...: the job's script, as GitLab's shell would run it
  local prefix=$1
  shift
  rc=0
  env STOREWISE_HOME="$root" STOREWISE_FILES="arch/*.yaml" CI_PROJECT_DIR="$repo" CI_PIPELINE_SOURCE=merge_request_event CI_MERGE_REQUEST_IID=12 CI_PROJECT_ID=34 \
    CI_MERGE_REQUEST_DIFF_BASE_SHA="$base_sha" "$@" bash "$tmp/gitlab.sh" >"$prefix.out" 2>&1 || rc=$?
}
check_py "the GitLab job: merge-request rules, the artifacts (when: always), the script runs storewise-ci.sh" \
  gitlab-script "$root/integrations/gitlab-ci.yml" storewise "$tmp/gitlab.sh"
gitlab_run "$tmp/gl1" CI_API_V4_URL=http://127.0.0.1:9/api/v4
if [ "$rc" = 1 ] && [ -s storewise.sarif ] && [ -s storewise-comment.md ] && grep -q "not posting a note" "$tmp/gl1.out"; then
  pass "the GitLab job without a token: fails on the new high finding, artifacts written, no note posted"
else
  fail "the GitLab job without a token: expected exit 1, both artifacts and 'not posting a note', got exit $rc: $(tail -3 "$tmp/gl1.out")"
fi
check_py "the GitLab job: the SARIF at the added store's line" sarif-check storewise.sarif arch/storewise.yaml "$store_line" SW008

"$py" "$tmp/helpers.py" notes-server "$tmp/notes.port" "$tmp/notes.log" &
stub_pid=$!
for _ in $(seq 50); do [ -s "$tmp/notes.port" ] && break; sleep 0.1; done
api="http://127.0.0.1:$(cat "$tmp/notes.port")/api/v4"
gitlab_run "$tmp/gl2" CI_API_V4_URL="$api" STOREWISE_GITLAB_TOKEN=test-token STOREWISE_FAIL_ON=none
check "the GitLab job with a token, fail-on none: exit code" 0 "$rc"
gitlab_run "$tmp/gl3" CI_API_V4_URL="$api" STOREWISE_GITLAB_TOKEN=test-token
check "the GitLab job with a token, fail-on high: exit code (after posting)" 1 "$rc"
check_py "the GitLab job: posts the comment as a note, then updates that note (stand-in API on 127.0.0.1)" \
  notes-expect "$tmp/notes.log" storewise-comment.md GET:/projects/34/merge_requests/12/notes \
  POST:/projects/34/merge_requests/12/notes GET:/projects/34/merge_requests/12/notes PUT:/projects/34/merge_requests/12/notes/40
kill "$stub_pid" 2>/dev/null || true
wait "$stub_pid" 2>/dev/null || true
stub_pid=""
rm -f storewise.sarif storewise-comment.md

echo "== c. .pre-commit-hooks.yaml with pre-commit ($("$precommit" --version))"
export PRE_COMMIT_HOME="$tmp/pre-commit-home"
# The hooks as in the working tree (committed or not): a repository holding only the manifest
hooks="$tmp/hooks"
mkdir -p "$hooks"
cp "$root/.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" init -q -b main
git -C "$hooks" add .pre-commit-hooks.yaml
git -C "$hooks" -c user.name=t -c user.email=t@t.invalid -c commit.gpgsign=false commit -q -m hooks
rc=0
"$precommit" validate-manifest "$root/.pre-commit-hooks.yaml" >"$tmp/c0.out" 2>&1 || rc=$?
check "pre-commit validate-manifest .pre-commit-hooks.yaml: exit code" 0 "$rc"

# files that the hooks must leave alone: a workflow named storewise.yml, other YAML
mkdir -p .github/workflows
printf 'on: push\njobs: {}\n' >.github/workflows/storewise.yml
printf 'not: [a workload\n' >notes.yaml
git add .github notes.yaml
git commit -q -m "other YAML"
try_repo() { # LOG HOOK: pre-commit try-repo on every file of the test repository
  rc=0
  "$precommit" try-repo "$hooks" "$2" --all-files --color never >"$1" 2>&1 || rc=$?
}
try_repo "$tmp/c1.out" storewise-validate-system
if [ "$rc" = 0 ] && grep -q 'storewise validate.*Passed' "$tmp/c1.out"; then
  pass "storewise-validate-system on the valid commit: passes (the workflow and notes.yaml not checked)"
else
  fail "storewise-validate-system on the valid commit: expected exit 0 and Passed, got exit $rc: $(tail -5 "$tmp/c1.out")"
fi
try_repo "$tmp/c2.out" storewise-analyze-system
if [ "$rc" = 1 ] && grep -q 'SW001' "$tmp/c2.out"; then
  pass "storewise-analyze-system on the commit with a dual write: fails (critical ≥ high), naming SW001"
else
  fail "storewise-analyze-system on the dual write: expected exit 1 and SW001, got exit $rc: $(tail -5 "$tmp/c2.out")"
fi
git checkout -q invalid -- arch/storewise.yaml
git commit -q -m "the typo again"
try_repo "$tmp/c3.out" storewise-validate-system
if [ "$rc" = 1 ] && grep -q "arch/storewise.yaml:$bad_line:11" "$tmp/c3.out" && grep -q 'did you mean `elasticsearch`' "$tmp/c3.out"; then
  pass "storewise-validate-system on an invalid commit: fails, naming arch/storewise.yaml:$bad_line:11 and the fix"
else
  fail "storewise-validate-system on an invalid commit: expected exit 1 and arch/storewise.yaml:$bad_line:11, got exit $rc: $(tail -8 "$tmp/c3.out")"
fi

cd "$root"
echo "($(($(date +%s) - started)) s)"
echo "integrations: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
