#!/usr/bin/env bash
# What `npm run demo` runs: builds and packages GenQueue, installs code-server (cached), and serves real VS Code
# on http://127.0.0.1:${PORT:-8080} with GenQueue installed and a sample video project open.
# No key needed: the offline local provider generates. With FAL_KEY / REPLICATE_API_TOKEN set, the same demo
# uses the real providers (the environment is passed through). `--fresh` starts from a clean sample project.
# GENQUEUE_DEMO_DIR moves the demo's state (workspace, VS Code profile, log) elsewhere; tests use it.
# The terminal shows a few lines ending with the URL; the build's and code-server's own output go to a log
# file (printed when a step fails).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
PORT="${PORT:-8080}"

DEMO="${GENQUEUE_DEMO_DIR:-$ROOT/.cache/demo}"
WORKSPACE="$DEMO/workspace"
LOG="$DEMO/demo.log"
if [ "${1:-}" = "--fresh" ]; then rm -rf "$DEMO"; fi
mkdir -p "$DEMO"
: >"$LOG"

# Runs a step with its output in the log; on failure, shows the end of the log and stops.
quietly() {
  if ! "$@" >>"$LOG" 2>&1; then
    echo "GenQueue demo: this step failed: $*" >&2
    tail -n 40 "$LOG" >&2
    echo "(full log: $LOG)" >&2
    exit 1
  fi
}

echo "GenQueue demo: building and packaging the extension…"
quietly bash scripts/ensureSystemDeps.sh
quietly bash scripts/ensureNodeDeps.sh
quietly npm run --silent package
if ! CODE_SERVER_DIR="$(bash scripts/setupCodeServer.sh 2>>"$LOG")"; then
  echo "GenQueue demo: installing code-server failed; see $LOG" >&2
  exit 1
fi
ENTRY="$CODE_SERVER_DIR/node_modules/code-server/out/node/entry.js"

# The workspace is kept between runs so generated assets (possibly paid for) are never thrown away. Files the
# sample gained since are added; its editor setup (tsconfig, type stand-ins) is refreshed.
(cd "$ROOT/demo-workspace" && find . -type f) | while IFS= read -r f; do
  if [ ! -e "$WORKSPACE/$f" ]; then mkdir -p "$(dirname "$WORKSPACE/$f")" && cp "$ROOT/demo-workspace/$f" "$WORKSPACE/$f"; fi
done
cp -R "$ROOT/demo-workspace/tsconfig.json" "$ROOT/demo-workspace/types" "$WORKSPACE/"
mkdir -p "$DEMO/user/User" "$DEMO/extensions"
if [ ! -f "$DEMO/user/User/settings.json" ]; then
  # The demo workspace lives inside this repository's clone: don't offer to open that repository.
  echo '{ "workbench.startupEditor": "none", "security.workspace.trust.enabled": false, "git.openRepositoryInParentFolders": "never" }' >"$DEMO/user/User/settings.json"
fi

COMMON=(--user-data-dir "$DEMO/user" --extensions-dir "$DEMO/extensions")
quietly node "$ENTRY" "${COMMON[@]}" --install-extension "$ROOT/dist/genqueue.vsix" --force

if [ -n "${FAL_KEY:-}" ] || [ -n "${REPLICATE_API_TOKEN:-}" ]; then
  provider="real providers (key found in the environment: generations may cost money)"
else
  provider="the offline local provider (no key needed)"
fi

echo "GenQueue demo: starting VS Code…"
node "$ENTRY" --auth none --bind-addr "127.0.0.1:$PORT" "${COMMON[@]}" \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  "$WORKSPACE" >>"$LOG" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT INT TERM
until grep -q "HTTP server listening on http://127.0.0.1:$PORT" "$LOG"; do
  if ! kill -0 "$SERVER" 2>/dev/null; then
    echo "GenQueue demo: code-server stopped while starting (is port $PORT free? PORT=… picks another):" >&2
    tail -n 20 "$LOG" >&2
    exit 1
  fi
  sleep 0.2
done

cat <<MSG
  Uses $provider.
  Try:  open storyboard.md, press F1, run "GenQueue: Generate Image…", keep editing.
  Stop: Ctrl-C. Log: $LOG
  Open: http://127.0.0.1:$PORT/?folder=$WORKSPACE
MSG
wait "$SERVER"
