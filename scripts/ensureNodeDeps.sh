#!/usr/bin/env bash
# Installs the project's npm dependencies when they are missing or older than package-lock.json,
# then proves esbuild's native binary runs (npm 11 may skip install scripts with only a notice).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "npm ci (node_modules missing or older than package-lock.json)" >&2
  if ! npm ci --no-audit --no-fund >&2; then
    # npm 11 refuses `npm ci` when the lock lacks other platforms' optional packages (npm/cli#4828: e.g.
    # @biomejs/cli-darwin-*); `npm install` installs the same locked versions and leaves the lock as it is.
    echo "npm ci refused package-lock.json (see above); installing the locked versions with npm install" >&2
    npm install --no-audit --no-fund >&2
  fi
fi

if ! node -e 'require("esbuild").transformSync("let a = 1")' >/dev/null 2>&1; then
  echo "esbuild's binary does not run; rebuilding it" >&2
  npm rebuild esbuild >&2
  node -e 'require("esbuild").transformSync("let a = 1")' >/dev/null
fi
