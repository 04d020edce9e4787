#!/usr/bin/env bash
# Real-browser test of `bengal serve` live reload (registered with ctest).
#   tests/browser/run.sh [path/to/bengal]      default: build/release/src/cli/bengal
# Installs what it needs when missing: Debian's chromium, nodejs and npm (apt),
# and playwright-core from package-lock.json (npm ci into tests/browser/
# node_modules, which git ignores). Browsers are never downloaded: the test
# drives /usr/bin/chromium.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bengal="$(realpath "${1:-$here/../../build/release/src/cli/bengal}")"

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing missing Debian packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cd "$here"
# npm ci only when the installed tree does not match the lock file.
stamp=node_modules/.bengal-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi

exec node live_reload_test.mjs "$bengal"
