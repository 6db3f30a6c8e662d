#!/usr/bin/env bash
# Tests the README's pre-commit steps end to end, without pre-commit itself: tags a release in a temporary clone
# (scripts/tag-release.mjs), fetches the tag as pre-commit's store does, installs it as pre-commit's `language: node`
# does, then runs the hook's entry on staged forms. Both of pre-commit's install methods are tried:
#   current (4.6.1 and later): npm install --allow-git=root --install-links -g git+file://<clone>
#   earlier:                 npm install --include=dev --include=prod --ignore-prepublish --no-progress --no-save,
#                            then npm pack (its stdout read as the file name), then npm install -g <that file>
# Usage: scripts/test-hook.sh [--current-only]. Needs git, node, npm and the registry (or npm's cache) for the
# package's two dependencies. Exit 0 when every step works.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/evalform-hook.XXXXXX")"
trap 'rm -rf "$work"' EXIT
say() { printf '\n== %s\n' "$*"; }
die() { printf 'test-hook: FAILED: %s\n' "$*" >&2; exit 1; }
export GIT_AUTHOR_NAME="${GIT_AUTHOR_NAME:-evalform test}" GIT_AUTHOR_EMAIL="${GIT_AUTHOR_EMAIL:-test@example.invalid}"
export GIT_COMMITTER_NAME="${GIT_COMMITTER_NAME:-$GIT_AUTHOR_NAME}" GIT_COMMITTER_EMAIL="${GIT_COMMITTER_EMAIL:-$GIT_AUTHOR_EMAIL}"

say "a release tag in a clone of HEAD ($(git -C "$repo" rev-parse --short HEAD))"
git clone -q "$repo" "$work/upstream"
# A clone brings the repository's tags: the release of this version, if already made, is made again here on HEAD.
git -C "$work/upstream" tag -d "v$(node -p "require('$work/upstream/package.json').version")" >/dev/null 2>&1 || true
# The build needs the devDependencies; the clone has the same package-lock.json, so the checkout's are the same ones.
ln -s "$repo/node_modules" "$work/upstream/node_modules"
node "$work/upstream/scripts/tag-release.mjs" >"$work/tag.txt"
cat "$work/tag.txt"
tag="v$(node -p "require('$work/upstream/package.json').version")"
git -C "$work/upstream" cat-file -e "$tag:dist/bin/evalform.cjs" || die "$tag does not hold dist/bin/evalform.cjs"
[ "$(git -C "$work/upstream" rev-parse "$tag^{commit}^")" = "$(git -C "$work/upstream" rev-parse HEAD)" ] || die "$tag is not on HEAD"
[ -z "$(git -C "$work/upstream" status --porcelain --untracked-files=no)" ] || die "tagging changed the work tree"

# pre-commit's store (store.py clone / _shallow_clone): a new repository, the rev fetched at depth 1 and checked out.
fetch_as_pre_commit() {
  git init -q --template= "$1"
  git -C "$1" remote add origin "$work/upstream"
  git -C "$1" -c protocol.version=2 fetch -q origin "$tag" --depth=1
  git -C "$1" -c advice.detachedHead=false checkout -q FETCH_HEAD
}

# The forms repository the hook runs in: one form that adds up, one that does not, a YAML file that is not a form.
forms="$work/forms"
mkdir -p "$forms"
cp "$repo/examples/hunan-2022-operations.yaml" "$forms/运行维护.yaml"
cp "$repo/examples/hunan-2022-business.yaml" "$forms/业务.yaml"
printf 'name: not a form\n' >"$forms/other.yaml"

run_hook() { # $1: the environment; the entry (`evalform check`) with the staged file names, as pre-commit runs it
  local env="$1" out code
  shift
  out="$(cd "$forms" && PATH="$env/bin:$PATH" evalform check "$@" 2>&1)" && code=0 || code=$?
  printf '%s\n' "$out" | sed 's/^/    /'
  printf '%s' "$code"  >"$work/code"
  printf '%s' "$out" >"$work/out"
}

check_env() { # $1: the environment pre-commit made
  local env="$1"
  [ -x "$env/bin/evalform" ] || die "no evalform in $env/bin"
  [ ! -e "$env/lib/node_modules/evalform/node_modules/typescript" ] || die "devDependencies were installed with the hook"
  run_hook "$env" 运行维护.yaml other.yaml
  [ "$(cat "$work/code")" = 0 ] || die "a form that adds up failed the hook"
  grep -q '已检查 1 张表 · 0 个错误' "$work/out" || die "no summary line for the good form"
  run_hook "$env" 运行维护.yaml 业务.yaml other.yaml
  [ "$(cat "$work/code")" = 1 ] || die "a form that does not add up passed the hook"
  grep -q 'rate-mismatch' "$work/out" || die "the hook did not name the rate-mismatch"
  grep -q '跳过 1 个文件' "$work/out" || die "the YAML file that is not a form was not skipped"
}

say "pre-commit 4.6.1 and later: npm install -g git+file://"
fetch_as_pre_commit "$work/store-current"
env="$work/env-current"
NPM_CONFIG_PREFIX="$env" npm_config_prefix="$env" \
  npm install --allow-git=root --install-links -g "git+file://$work/store-current" --no-audit --no-fund
check_env "$env"

if [ "${1:-}" != --current-only ]; then
  say "pre-commit before 4.6.1: npm install in the clone, npm pack, npm install -g the tarball"
  fetch_as_pre_commit "$work/store-legacy"
  env="$work/env-legacy"
  (
    cd "$work/store-legacy"
    export NPM_CONFIG_PREFIX="$env" npm_config_prefix="$env"
    npm install --include=dev --include=prod --ignore-prepublish --no-progress --no-save --no-audit --no-fund
    # pre-commit reads npm pack's stdout as the tarball's name: anything a script prints there breaks the install.
    pkg="$(npm pack)"
    pkg="$(printf '%s' "$pkg" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')"
    [ -f "$pkg" ] || die "npm pack printed more than the file name: $pkg"
    npm install -g "./$pkg" --no-audit --no-fund
  )
  check_env "$env"
fi

say "the hook installs from $tag and works"
