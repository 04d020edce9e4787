#!/usr/bin/env bash
# Proves serve_latency measures something: a small generated site, one run of
# each scenario; serve_latency exits 1 when an edit produced no reload event
# or the new bytes were not served.
#   bench/serve/smoke.sh path/to/serve_latency
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
site="$(mktemp -d /tmp/bengal-serve-bench-XXXXXX)"
trap 'rm -rf "$site"' EXIT
/usr/bin/python3 "$here/../../../shared/bench/gen_corpus.py" --pages 40 --out "$site" > /dev/null
"$1" --site "$site" --runs 1
