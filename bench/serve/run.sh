#!/usr/bin/env bash
# The serve benchmark on the 10,000-page corpus:
#   bench/serve/run.sh [runs]     (build/release must exist: scripts/test.sh or cmake --preset release)
# Generates the corpus into /dev/shm once, then runs serve_latency.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
runs="${1:-5}"
bin="$here/../../build/release/bench/serve/serve_latency"
corpus=/dev/shm/bengal-serve-10k
if [ ! -f "$corpus/content/_index.md" ]; then
  /usr/bin/python3 "$here/../../../shared/bench/gen_corpus.py" --pages 10000 --out "$corpus" > /dev/null
fi
"$bin" --site "$corpus" --runs "$runs"
