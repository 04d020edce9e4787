#!/usr/bin/env bash
# Builds the libFuzzer targets (clang + ASan/UBSan: the "asan" preset builds
# them beside the sanitizer test suite, so CI compiles the code once) and runs
# each one for a bounded time, seeded from fuzz/<name>/corpus if present.
#   scripts/fuzz.sh            60 s per target
#   scripts/fuzz.sh --ci       short bounded run for CI (20 s per target)
#   scripts/fuzz.sh TARGET S   one target (e.g. fuzz_markdown) for S seconds
# Exits non-zero if any target crashes or reports a sanitizer error.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=60
only=""
if [ "${1:-}" = "--ci" ]; then seconds=20; elif [ -n "${1:-}" ]; then only="$1"; seconds="${2:-60}"; fi
scripts/deps.sh test
cmake --preset asan >/dev/null
cmake --build --preset asan
failed=0
ran=0
for bin in build/asan/fuzz/*/fuzz_*; do
  [ -x "$bin" ] || continue
  name=$(basename "$bin")
  [ -n "$only" ] && [ "$name" != "$only" ] && continue
  seed_dir="fuzz/${name#fuzz_}/corpus"
  work=$(mktemp -d)
  [ -d "$seed_dir" ] && cp -r "$seed_dir"/. "$work"/ 2>/dev/null || true
  echo "== $name for ${seconds}s"
  if ! "$bin" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
        -print_final_stats=1 "$work" 2>"build/asan/$name.log"; then
    echo "FAILED: $name (see build/asan/$name.log)"; tail -40 "build/asan/$name.log"; failed=$((failed + 1))
  else
    grep -E "stat::number_of_executed_units|Done" "build/asan/$name.log" | tail -2 || true
  fi
  ran=$((ran + 1))
  rm -rf "$work"
done
echo "fuzz: $((ran - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
