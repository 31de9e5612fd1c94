#!/usr/bin/env bash
# What `npm test` (and CI's .ci/run) runs: system deps, npm deps, lint, typecheck, package the extension,
# code-server (cached outside the repo), then every suite in ONE Node test-runner run so its summary covers all.
set -euo pipefail
cd "$(dirname "$0")/.."

total_start=$(date +%s)
phase_start=$total_start
timings=()
phase() {
  local now
  now=$(date +%s)
  if [ -n "${current_phase:-}" ]; then
    timings+=("$current_phase: $((now - phase_start))s")
    echo "[test.sh] $current_phase took $((now - phase_start))s" >&2
  fi
  current_phase="$1"
  phase_start=$now
  [ "$1" = done ] || echo "[test.sh] == $1" >&2
}

phase "system dependencies"
bash scripts/ensureSystemDeps.sh

phase "npm dependencies"
bash scripts/ensureNodeDeps.sh

phase "lint"
npm run --silent lint

phase "typecheck"
npm run --silent typecheck

phase "package (dist/genqueue.vsix)"
npm run --silent package >&2

phase "code-server"
bash scripts/setupCodeServer.sh >/dev/null

phase "tests (unit, webview, e2e)"
set +e
node scripts/runTests.mjs unit webview e2e
status=$?
set -e

phase done
echo "[test.sh] timings: ${timings[*]} (total $(($(date +%s) - total_start))s)" >&2
exit $status
