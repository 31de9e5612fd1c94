#!/usr/bin/env bash
# Installs code-server 4.100.0 (VS Code 1.100 server + web workbench) into a cache outside the repo,
# so the e2e tests and the demo run real VS Code without downloading it from Microsoft.
# Follows shared/docs/vscode-in-browser.md. Idempotent: a marker is written only after a full, verified install.
# Prints the install folder on stdout (everything else goes to stderr).
set -euo pipefail

VERSION=4.100.0
CACHE_ROOT="${GENQUEUE_CACHE:-$HOME/.cache/genqueue}"
DIR="$CACHE_ROOT/code-server-$VERSION"
MARKER="$DIR/.genqueue-complete"
ENTRY="$DIR/node_modules/code-server/out/node/entry.js"

if [ -f "$MARKER" ] && [ -f "$ENTRY" ]; then
  echo "$DIR"
  exit 0
fi

HERE="$(cd "$(dirname "$0")" && pwd)"
bash "$HERE/ensureSystemDeps.sh"

start=$(date +%s)
log() { echo "[setupCodeServer +$(($(date +%s) - start))s] $*" >&2; }

# node-pty's build runs `npx node-gyp`; npx must not stop to ask before fetching it.
export npm_config_yes=true
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
if ! command -v node-gyp >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  log "installing node-gyp globally"
  npm install -g node-gyp >&2
fi

# A half-finished earlier attempt is thrown away: partial native builds are not worth debugging.
rm -rf "$DIR"
mkdir -p "$DIR"
cd "$DIR"
echo '{ "name": "genqueue-code-server-cache", "version": "1.0.0", "private": true }' >package.json

# The package's own postinstall refuses to run as root and downloads ripgrep from GitHub: skip it.
log "npm install code-server@$VERSION"
npm install --no-save "code-server@$VERSION" --ignore-scripts >&2

cd node_modules/code-server/lib/vscode
log "npm install (VS Code server dependencies)"
npm install --omit=dev --ignore-scripts >&2

# @vscode/ripgrep would download rg from GitHub; Debian's works.
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg

NATIVE=(node-pty @vscode/spdlog native-watchdog @parcel/watcher kerberos @vscode/deviceid)
log "npm rebuild ${NATIVE[*]}"
npm rebuild --foreground-scripts "${NATIVE[@]}" >&2
ln -sfn node_modules node_modules.asar

log "npm install (built-in extensions)"
(cd extensions && npm install --omit=dev >&2)

# argon2 (code-server's password hashing, loaded at start-up) is hoisted to the cache root: rebuild it there.
cd "$DIR"
log "npm rebuild argon2"
npm rebuild --foreground-scripts argon2 >&2

# npm 11 may skip install scripts with only a notice: load every native module to prove it was built.
log "verifying native modules"
(
  cd node_modules/code-server/lib/vscode
  node -e '
    const mods = ["node-pty", "@vscode/spdlog", "native-watchdog", "@parcel/watcher", "kerberos"];
    for (const m of mods) {
      try { require(m); } catch (e) { console.error(`native module ${m} did not load: ${e.message}`); process.exit(1); }
    }
  ' >&2
)
node -e 'require("argon2")' >&2 || {
  echo "native module argon2 did not load" >&2
  exit 1
}
"$DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" --version >/dev/null

node "$ENTRY" --version >&2
touch "$MARKER"
log "code-server $VERSION ready in $DIR"
echo "$DIR"
