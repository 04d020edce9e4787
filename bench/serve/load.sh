#!/usr/bin/env bash
# Load test of `bengal serve`: wrk on 127.0.0.1 for a bounded time while
# pages and a stylesheet are edited, so requests race rebuilds and swaps.
# Passes when every response is a 200, complete, and from one generation
# (load_check.lua), with no socket errors.
#   bench/serve/load.sh [path/to/bengal] [seconds] [connections]
# Defaults: build/release/src/cli/bengal, 5 s, 32 connections. Installs wrk
# (Debian) when missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bengal="$(realpath "${1:-$here/../../build/release/src/cli/bengal}")"
seconds="${2:-5}"
connections="${3:-32}"
pages=10

if ! command -v wrk >/dev/null 2>&1; then
  echo "Installing wrk"
  SUDO=""; if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends wrk
fi

site="$(mktemp -d /tmp/bengal-load-XXXXXX)"
log="$site.log"
server=""
editor=""
cleanup() {
  [ -n "$editor" ] && kill "$editor" 2>/dev/null || true
  if [ -n "$server" ]; then
    kill -INT "$server" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server" 2>/dev/null || true
  fi
  rm -rf "$site" "$log"
}
trap cleanup EXIT

filler="$(printf 'A paragraph of filler text that makes the page a realistic size. %.0s' $(seq 40))"
write_page() {  # index version
  printf -- '---\ntitle: Page %s\n---\nVERSION-START-%s\n\n%s\n\n%s\n\nVERSION-END-%s\n' "$1" "$2" "$filler" "$filler" "$2" \
    > "$site/content/p$1.md.tmp"
  mv "$site/content/p$1.md.tmp" "$site/content/p$1.md"  # the editor's write-then-rename
}
# The stylesheet is also written then renamed. An in-place rewrite can be
# read torn: under load the kernel has been seen to queue the inotify event
# of an O_TRUNC 250 ms after other processes already see the empty file, so
# no watcher can hold such a build back (docs/serve.md).
write_css() {  # version
  printf '/* VERSION-START-%s */\nbody { margin: %spx; }\n/* VERSION-END-%s */\n' "$1" "$(( $1 % 50 ))" "$1" \
    > "$site/static/css/site.css.tmp"
  mv "$site/static/css/site.css.tmp" "$site/static/css/site.css"
}
mkdir -p "$site/content" "$site/static/css"
for i in $(seq 0 $((pages - 1))); do write_page "$i" 0; done
write_css 0

"$bengal" serve -s "$site" --port 0 > /dev/null 2> "$log" &
server=$!
for _ in $(seq 200); do grep -q "Press Ctrl+C" "$log" 2>/dev/null && break; sleep 0.05; done
port="$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1 | cut -d: -f3)"
if [ -z "$port" ]; then echo "bengal serve did not start:"; cat "$log"; exit 1; fi

# Edit a page every 50 ms, the stylesheet every 4th time.
( v=1; while true; do write_page $(( v % pages )) "$v"; [ $(( v % 4 )) -eq 0 ] && write_css "$v"; v=$((v + 1)); sleep 0.05; done ) &
editor=$!

out="$(BENGAL_LOAD_PAGES=$pages wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s -s "$here/load_check.lua" \
  "http://127.0.0.1:$port" 2>&1)"
kill "$editor" 2>/dev/null || true
wait "$editor" 2>/dev/null || true
editor=""
echo "$out"
rebuilds=$(grep -c "changed: rebuilt" "$log" 2>/dev/null || true)
echo "rebuilds during the run: $rebuilds"

status=0
if echo "$out" | grep -q "Socket errors"; then echo "FAIL: socket errors"; status=1; fi
if echo "$out" | grep -q "Non-2xx or 3xx"; then echo "FAIL: non-2xx responses"; status=1; fi
if ! echo "$out" | grep -q "^bad responses: 0$"; then echo "FAIL: bad responses"; status=1; fi
if [ "$rebuilds" -lt 1 ]; then echo "FAIL: no rebuild happened during the run"; status=1; fi
requests=$(echo "$out" | grep -oE '^ *[0-9]+ requests in' | grep -oE '[0-9]+' | head -1)
if [ -z "$requests" ] || [ "$requests" -eq 0 ]; then echo "FAIL: no requests completed"; status=1; fi
if [ $status -eq 0 ]; then echo "load: 1 passed, 0 failed"; else echo "load: 0 passed, 1 failed"; fi
exit $status
