#!/usr/bin/env bash
# storewise in CI: the script that the GitHub Action (action.yml) and the GitLab CI job
# (integrations/gitlab-ci.yml) run, and that runs as it is on a laptop (scripts/test-integrations.sh
# tests it on a throwaway git repository). Run it from the repository's root, or anywhere inside it.
#
# It writes, for the workload files given:
#   - a SARIF 2.1.0 log (`storewise analyze --format sarif`) for code scanning: every finding at the
#     line of the store or flow it is about, an invalid file's problems as results of SW000;
#   - a pull-request comment in Markdown, starting with the line `<!-- storewise -->` (so that a
#     sticky comment can be found and updated), with, for each file, `storewise diff --base` against
#     the base commit: findings new and resolved, stores and flows added and removed, hours and
#     $/month before → after. A file that is not at the base commit (new in this change), or whose
#     version there is invalid, gets its full `storewise analyze` report instead, every finding
#     counted as new; so does every file when no base is given. An invalid file gets its problems.
#     The whole comment stays under 65,536 characters (GitHub's limit): what does not fit is cut
#     with a note saying how to see the rest.
# and then exits:
#   0  no new finding at or above the fail-on severity (and every file valid);
#   1  a new finding at or above it (`storewise diff --fail-on`: new, or become that severe), or an
#      invalid workload file;
#   2  a usage or I/O error: no file matches, the base is not a commit in this clone, storewise
#      failed. Both output files are written before any of these exits, as far as they can be.
#
# Configuration, by environment variables:
#   STOREWISE_FILES    workload files or globs (`**` too), separated by spaces or newlines; required
#   STOREWISE_BASE     a git ref or commit to compare with; empty: no comparison (every finding new)
#   STOREWISE_FAIL_ON  critical, high, medium, low, info or none (never fails on findings); default high
#   STOREWISE_SARIF    where to write the SARIF log; default storewise.sarif
#   STOREWISE_COMMENT  where to write the comment; default storewise-comment.md
#   STOREWISE_BIN      the storewise binary; default `storewise` (from PATH)
#   STOREWISE_FETCH_BASE=1  when the base is not in the clone, try `git fetch --depth=1 origin BASE`
#   STOREWISE_JSON     jq or python3: which one reads storewise's JSON; default jq when installed
# When GITHUB_OUTPUT is set, the outputs sarif-file, comment-file and new-findings are appended to
# it; when GITHUB_STEP_SUMMARY is set, the comment is appended to the job's summary too.
# A storewise.toml in the repository applies as usual (suppressions, catalog overrides); the
# fail-on given here wins over its `fail-on`.
# shellcheck disable=SC2016 # Markdown's backticks, in single quotes on purpose
set -euo pipefail

bin=${STOREWISE_BIN:-storewise}
files_spec=${STOREWISE_FILES:-}
base=${STOREWISE_BASE:-}
fail_on=${STOREWISE_FAIL_ON:-high}
sarif=${STOREWISE_SARIF:-storewise.sarif}
comment=${STOREWISE_COMMENT:-storewise-comment.md}
marker='<!-- storewise -->'
limit=65536 # GitHub's limit for a comment, in characters; counted here in bytes (never fewer)

say() { printf 'storewise-ci: %s\n' "$*" >&2; }
# An error or a warning, also as a GitHub Actions annotation when running there.
annotate() { # LEVEL MESSAGE
  say "$1: $2"
  if [ -n "${GITHUB_ACTIONS:-}" ]; then printf '::%s title=storewise::%s\n' "$1" "$2"; fi
}
usage_error() { annotate error "$1"; exit 2; }

case "$fail_on" in
  critical | high | medium | low | info | none) ;;
  *) usage_error "STOREWISE_FAIL_ON must be critical, high, medium, low, info or none, not '$fail_on'" ;;
esac
if ! command -v "$bin" >/dev/null 2>&1; then
  usage_error "storewise not found (STOREWISE_BIN=$bin): install it, e.g. cargo install --locked --path <storewise's checkout>/server"
fi
[ -n "${files_spec//[[:space:]]/}" ] || usage_error "STOREWISE_FILES is empty: give the workload files (paths or globs)"

# The files: each word a path or a glob; a glob that matches nothing is only a warning, a path
# that does not exist an error (storewise would say so too, after writing nothing).
shopt -s nullglob globstar
files=()
declare -A seen=()
read -r -d '' -a patterns <<<"$files_spec" || true
for pattern in "${patterns[@]}"; do
  # shellcheck disable=SC2206 # the word is expanded as a glob on purpose
  matches=($pattern)
  if [ "${#matches[@]}" -eq 0 ]; then
    case "$pattern" in
      *[*?[]*) annotate warning "no file matches $pattern"; continue ;;
      *) usage_error "no such workload file: $pattern" ;;
    esac
  fi
  for f in "${matches[@]}"; do
    [ -f "$f" ] || continue
    if [ -z "${seen[$f]:-}" ]; then seen[$f]=1; files+=("$f"); fi
  done
done
shopt -u nullglob globstar
[ "${#files[@]}" -gt 0 ] || usage_error "no workload file matches STOREWISE_FILES ($files_spec)"
say "${#files[@]} workload file(s): ${files[*]}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0 # the exit code: raised to 1 (findings, invalid file) or 2 (error), never lowered
raise() { if [ "$1" -gt "$status" ]; then status=$1; fi; }

# How many findings FILE holds: the new ones of a `diff --format json` (appeared), or all of an
# `analyze --format json` (findings): `{format_version, files: [{report: {findings}}]}`, or, from
# storewise before format_version 1, the report itself. With jq, else python3.
json_count() { # FILE appeared|findings
  local tool=${STOREWISE_JSON:-}
  if [ -z "$tool" ]; then
    if command -v jq >/dev/null 2>&1; then tool=jq; else tool=python3; fi
  fi
  case "$tool:$2" in
    jq:appeared) jq -e '.appeared | length' "$1" ;;
    jq:findings)
      jq -e 'if type == "array" then map(.findings | length) | add // 0
             elif has("files") then [.files[] | (.report.findings // []) | length] | add // 0
             else .findings | length end' "$1" ;;
    python3:*)
      python3 - "$1" "$2" <<'PY'
import json, sys
doc, what = json.load(open(sys.argv[1])), sys.argv[2]
if what == "appeared":
    print(len(doc["appeared"]))
elif isinstance(doc, list):
    print(sum(len(r["findings"]) for r in doc))
elif "files" in doc:
    print(sum(len((f.get("report") or {}).get("findings", [])) for f in doc["files"]))
else:
    print(len(doc["findings"]))
PY
      ;;
    *) say "error: STOREWISE_JSON must be jq or python3, not '$tool'"; return 2 ;;
  esac
}

# 1. Which files are valid; the problems of the others go to the log and the comment.
declare -A invalid=()
i=0
for f in "${files[@]}"; do
  i=$((i + 1))
  rc=0
  "$bin" --color never validate "$f" >"$work/validate-$i.txt" 2>&1 || rc=$?
  case "$rc" in
    0) ;;
    1)
      invalid[$f]=1
      raise 1
      cat "$work/validate-$i.txt" >&2
      annotate error "$f is not a valid workload file (the problems above, and in the SARIF as SW000)"
      ;;
    *) cat "$work/validate-$i.txt" >&2; annotate error "storewise validate $f failed (exit $rc)"; raise 2 ;;
  esac
done

# 2. The SARIF log of every file, findings or not (no --fail-on: exit 1 is a finding at the
#    configuration's fail-on or an invalid file, and the log is written all the same).
mkdir -p "$(dirname "$sarif")" "$(dirname "$comment")"
rc=0
"$bin" --color never analyze --format sarif "${files[@]}" >"$sarif" || rc=$?
if [ "$rc" -ge 2 ] || ! [ -s "$sarif" ]; then
  annotate error "storewise analyze --format sarif failed (exit $rc)"
  raise 2
else
  say "wrote $sarif"
fi

# 3. The base commit, when there is one.
base_sha=""
if [ -n "$base" ]; then
  base_sha=$(git rev-parse --verify -q "$base^{commit}" 2>/dev/null) || base_sha=""
  if [ -z "$base_sha" ] && [ "${STOREWISE_FETCH_BASE:-}" = 1 ]; then
    say "fetching $base from origin (it is not in this clone)"
    if git fetch --no-tags --quiet --depth=1 origin "$base" >&2; then
      base_sha=$(git rev-parse --verify -q "$base^{commit}" 2>/dev/null) || base_sha=""
    fi
  fi
  if [ -z "$base_sha" ]; then
    annotate error "the base '$base' is not a commit in this clone: check out the whole history (GitHub: actions/checkout with fetch-depth: 0; GitLab: GIT_DEPTH: 0)"
    raise 2
  fi
fi
short=${base_sha:0:12}

# 4. One section of the comment per file; count the new findings, apply fail-on.
new_total=0
n=0
failing_files=()
for f in "${files[@]}"; do
  n=$((n + 1))
  section="$work/section-$n.md"
  if [ -n "${invalid[$f]:-}" ]; then
    {
      printf '**`%s` is not a valid workload file**: nothing was analysed. `storewise validate` says:\n\n' "$f"
      printf '````text\n'
      head -c 8000 "$work/validate-$n.txt"
      printf '\n````\n'
    } >"$section"
    continue
  fi
  # "diff": compared with the base; "report": the full report (no base, new file, invalid base)
  mode=report
  why="no base commit was given: the full report, every finding counted as new"
  if [ -n "$base_sha" ]; then
    if git cat-file -e "$base_sha:./$f" 2>/dev/null; then
      rc=0
      "$bin" --color never diff --base "$base_sha" "$f" --format json --fail-on none >"$work/diff.json" 2>"$work/diff.err" || rc=$?
      case "$rc" in
        0) mode="diff" ;;
        1) # the file is valid (step 1), so its version at the base is not
          cat "$work/diff.err" >&2
          why="its version at \`$short\` is not a valid workload file: the full report, every finding counted as new" ;;
        *) cat "$work/diff.err" >&2; annotate error "storewise diff --base $short $f failed (exit $rc)"; raise 2; continue ;;
      esac
    else
      why="it is new: not at \`$short\`; the full report, every finding counted as new"
    fi
  fi
  fail_args=()
  if [ "$fail_on" != none ]; then fail_args=(--fail-on "$fail_on"); fi
  if [ "$mode" = diff ]; then
    count=$(json_count "$work/diff.json" appeared) || { annotate error "cannot read the diff of $f as JSON"; raise 2; continue; }
    rc=0
    "$bin" --color never diff --base "$base_sha" "$f" --format markdown --fail-on "$fail_on" >"$work/body.md" || rc=$?
    heading=$(printf '`%s` compared with `%s`:' "$f" "$short")
  else
    rc=0
    # with --fail-on, exit 1 is a finding at it; without, the configuration's fail-on may say 1
    "$bin" --color never analyze "$f" --format json "${fail_args[@]}" >"$work/report.json" || rc=$?
    if [ "$rc" -ge 2 ]; then annotate error "storewise analyze $f failed (exit $rc)"; raise 2; continue; fi
    if [ "$fail_on" = none ]; then rc=0; fi
    count=$(json_count "$work/report.json" findings) || { annotate error "cannot read the report of $f as JSON"; raise 2; continue; }
    "$bin" --color never analyze "$f" --format markdown >"$work/body.md" || true
    heading=$(printf '`%s`: %s.' "$f" "$why")
  fi
  case "$rc" in
    0) ;;
    1) raise 1; failing_files+=("$f") ;;
    *) annotate error "storewise on $f failed (exit $rc)"; raise 2; continue ;;
  esac
  new_total=$((new_total + count))
  say "$f: $count new finding(s)$([ "$rc" = 1 ] && printf '; some at or above %s' "$fail_on")"
  { printf '%s\n\n' "$heading"; cat "$work/body.md"; } >"$section"
done

# 5. The comment: the marker, a summary line, the sections as long as they fit, a footer.
{
  printf '%s\n' "$marker"
  printf '**storewise**: %s new finding%s in %s workload file%s' "$new_total" "$([ "$new_total" = 1 ] || echo s)" \
    "${#files[@]}" "$([ "${#files[@]}" = 1 ] || echo s)"
  if [ -n "$base_sha" ]; then printf ', compared with `%s`' "$short"; fi
  if [ "${#invalid[@]}" -gt 0 ]; then printf ' · **%s invalid**' "${#invalid[@]}"; fi
  if [ "$fail_on" = none ]; then
    printf ' · fail-on none\n\n'
  elif [ "${#failing_files[@]}" -gt 0 ]; then
    printf ' · **fails**: new findings at or above %s\n\n' "$fail_on"
  else
    printf ' · passes: no new finding at or above %s\n\n' "$fail_on"
  fi
} >"$work/head.md"
version=$("$bin" --version 2>/dev/null || echo storewise)
printf '\n<sub>%s · each finding at its line in the SARIF log (code scanning)</sub>\n' "$version" >"$work/foot.md"

# Cut TEXT (a file) to at most BYTES bytes at a line's end, closing what the cut leaves open.
cut_section() { # FILE BYTES
  LC_ALL=C awk -v max="$2" '
    { n += length($0) + 1; if (n > max) exit; print
      if ($0 ~ /^````/) fence4 = !fence4; else if ($0 ~ /^```/ && !fence4) fence3 = !fence3
      opened += gsub(/<details/, "&"); closed += gsub(/<\/details>/, "&") }
    END { if (fence3) print "```"; if (fence4) print "````"; for (; closed < opened; closed++) print "</details>" }' "$1"
}

budget=$((limit - $(wc -c <"$work/head.md") - $(wc -c <"$work/foot.md") - 1024)) # 1 KiB for the notes
cp "$work/head.md" "$comment"
n=0
cut=0
omitted=()
for f in "${files[@]}"; do
  n=$((n + 1))
  section="$work/section-$n.md"
  [ -f "$section" ] || continue
  size=$(wc -c <"$section")
  if [ "$cut" = 1 ]; then
    omitted+=("$f")
  elif [ $((size + 1)) -le "$budget" ]; then
    { cat "$section"; printf '\n'; } >>"$comment"
    budget=$((budget - size - 1))
  else
    cut=1
    if [ "$budget" -ge 2048 ]; then
      {
        cut_section "$section" $((budget - 300))
        printf '\n_…cut here to keep this comment under 65,536 characters: `%s` shows the rest._\n' \
          "$(if [ -n "$base_sha" ]; then printf 'storewise diff --base %s %s --format markdown' "$short" "$f"; else printf 'storewise analyze %s --format markdown' "$f"; fi)"
      } >>"$comment"
    else
      omitted+=("$f")
    fi
  fi
done
if [ "${#omitted[@]}" -gt 0 ]; then
  printf '\n_Not shown, to keep this comment under 65,536 characters: %s (their findings are in code scanning; the job log has the counts)._\n' \
    "$(printf '`%s`, ' "${omitted[@]}" | sed 's/, $//')" >>"$comment"
fi
cat "$work/foot.md" >>"$comment"
say "wrote $comment ($(wc -c <"$comment") bytes)"

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$comment" >>"$GITHUB_STEP_SUMMARY"; fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    printf 'sarif-file=%s\n' "$sarif"
    printf 'comment-file=%s\n' "$comment"
    printf 'new-findings=%s\n' "$new_total"
  } >>"$GITHUB_OUTPUT"
fi

case "$status" in
  0)
    if [ "$fail_on" = none ]; then say "ok: $new_total new finding(s) (fail-on none)"
    else say "ok: $new_total new finding(s), none at or above $fail_on"; fi
    ;;
  1)
    if [ "${#failing_files[@]}" -gt 0 ]; then
      annotate error "new findings at or above $fail_on in ${failing_files[*]}"
    fi
    if [ "${#invalid[@]}" -gt 0 ]; then annotate error "invalid workload file(s): ${!invalid[*]}"; fi
    ;;
  *) say "failed: see the errors above" ;;
esac
exit "$status"
