#!/usr/bin/env bash
# Installs the Debian packages GenQueue's build, end-to-end tests and demo need:
# Chromium (the browser Playwright drives) and the headers code-server's native modules compile against.
# As root: installs what is missing. Otherwise: says what is missing and how to install it, and fails.
set -euo pipefail

PACKAGES=(
  chromium          # the window for e2e tests, webview tests and screenshots
  libkrb5-dev       # kerberos native module (gssapi/gssapi.h)
  libx11-dev        # native-keymap
  libxkbfile-dev    # native-keymap
  libsecret-1-dev   # keytar-style secret storage modules
  pkg-config
  python3 make g++  # node-gyp builds
  ripgrep           # copied into code-server: its own download of rg needs GitHub
  fonts-dejavu-core # readable text in screenshots
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "GenQueue needs these Debian packages, which are missing: ${missing[*]}" >&2
  echo "Install them as root with:" >&2
  echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "Installing missing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=900 update -q >&2
apt-get -o DPkg::Lock::Timeout=900 install -y -q --no-install-recommends "${missing[@]}" >&2
