#!/usr/bin/env bash
# What `npm run demo` runs: builds and packages GenQueue, installs code-server (cached), and serves real VS Code
# on http://127.0.0.1:${PORT:-8080} with GenQueue installed and a sample video project open.
# No key needed: the offline local provider generates. With FAL_KEY / REPLICATE_API_TOKEN set, the same demo
# uses the real providers (the environment is passed through). `--fresh` starts from a clean sample project.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
PORT="${PORT:-8080}"

bash scripts/ensureSystemDeps.sh
bash scripts/ensureNodeDeps.sh
echo "Building and packaging GenQueue…" >&2
npm run --silent package >&2
CODE_SERVER_DIR="$(bash scripts/setupCodeServer.sh)"
ENTRY="$CODE_SERVER_DIR/node_modules/code-server/out/node/entry.js"

DEMO="$ROOT/.cache/demo"
WORKSPACE="$DEMO/workspace"
if [ "${1:-}" = "--fresh" ]; then rm -rf "$DEMO"; fi
# The workspace is kept between runs so generated assets (possibly paid for) are never thrown away.
if [ ! -d "$WORKSPACE" ]; then
  mkdir -p "$DEMO"
  cp -R "$ROOT/demo-workspace" "$WORKSPACE"
fi
mkdir -p "$DEMO/user/User" "$DEMO/extensions"
if [ ! -f "$DEMO/user/User/settings.json" ]; then
  # The demo workspace lives inside this repository's clone: don't offer to open that repository.
  echo '{ "workbench.startupEditor": "none", "security.workspace.trust.enabled": false, "git.openRepositoryInParentFolders": "never" }' >"$DEMO/user/User/settings.json"
fi

COMMON=(--user-data-dir "$DEMO/user" --extensions-dir "$DEMO/extensions")
node "$ENTRY" "${COMMON[@]}" --install-extension "$ROOT/dist/genqueue.vsix" --force >&2

if [ -n "${FAL_KEY:-}" ] || [ -n "${REPLICATE_API_TOKEN:-}" ]; then
  provider="real providers (key found in the environment: generations may cost money)"
else
  provider="the offline local provider (no key needed)"
fi
cat >&2 <<MSG

  GenQueue demo — VS Code with GenQueue, using $provider.
  Open:  http://127.0.0.1:$PORT/?folder=$WORKSPACE
  Try:   open storyboard.md, press F1, run "GenQueue: Generate Image…", keep editing.
  Stop:  Ctrl-C

MSG
exec node "$ENTRY" --auth none --bind-addr "127.0.0.1:$PORT" "${COMMON[@]}" \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  "$WORKSPACE"
