#!/usr/bin/env bash
# Posts COMMENT.md (written by integrations/storewise-ci.sh) on the pull request, or updates the
# comment of an earlier run: the first comment whose body starts with `<!-- storewise -->`, so a
# pull request has one storewise comment, always the latest. The GitHub Action (action.yml) runs
# it with `comment: true`.
#
# Needs the GitHub CLI `gh` (on GitHub's runners), GH_TOKEN (a token that may write
# pull-request comments: the workflow's `github.token` with `permissions: pull-requests: write`),
# GITHUB_REPOSITORY (owner/name, set by Actions) and PR_NUMBER. When one is missing it says so and
# does nothing. Failing to post (a pull request from a fork gets a read-only token) is a warning,
# not a failure: the job's summary has the same text.
set -euo pipefail

file=${1:?usage: post-comment.sh COMMENT.md}
marker='<!-- storewise -->'

skip() { printf 'post-comment: %s: not commenting\n' "$1" >&2; exit 0; }
warn() { printf '::warning title=storewise::%s\n' "$1"; exit 0; }

[ -n "${PR_NUMBER:-}" ] || skip "not a pull request (PR_NUMBER is empty)"
command -v gh >/dev/null 2>&1 || skip "the GitHub CLI gh is not installed"
[ -n "${GH_TOKEN:-}" ] || skip "GH_TOKEN is empty"
[ -n "${GITHUB_REPOSITORY:-}" ] || skip "GITHUB_REPOSITORY is empty"
[ -s "$file" ] || skip "$file is missing or empty"
if [ "$(head -n 1 "$file")" != "$marker" ]; then
  printf 'post-comment: %s does not start with %s\n' "$file" "$marker" >&2
  exit 2
fi

repo=$GITHUB_REPOSITORY
ids=$(gh api --paginate "repos/$repo/issues/$PR_NUMBER/comments" \
  --jq ".[] | select(.body | startswith(\"$marker\")) | .id") ||
  warn "cannot read the comments of #$PR_NUMBER"
id=${ids%%$'\n'*}

if [ -n "$id" ]; then
  gh api --method PATCH "repos/$repo/issues/comments/$id" -F "body=@$file" >/dev/null ||
    warn "cannot update comment $id on #$PR_NUMBER (a pull request from a fork has a read-only token)"
  echo "post-comment: updated the storewise comment on #$PR_NUMBER"
else
  gh api --method POST "repos/$repo/issues/$PR_NUMBER/comments" -F "body=@$file" >/dev/null ||
    warn "cannot comment on #$PR_NUMBER (a pull request from a fork has a read-only token)"
  echo "post-comment: commented on #$PR_NUMBER"
fi
