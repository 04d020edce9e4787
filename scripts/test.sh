#!/usr/bin/env bash
# Quick start, step 2: install what is missing, build everything and run the
# whole test suite (ctest). Prints "N passed, M failed" and exits non-zero on
# any failure.
#   scripts/test.sh            release build (build/release)
#   scripts/test.sh asan|tsan  sanitizer build (build/asan, build/tsan)
# With CI=true warnings are errors.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
scripts/deps.sh test

extra=()
if [ "${CI:-}" = "true" ]; then extra+=(-DBENGAL_WERROR=ON); fi
cmake --preset "$preset" "${extra[@]}" >/dev/null
cmake --build --preset "$preset"

log="build/$preset/ctest.log"
set +e
ctest --preset "$preset" -j "$(nproc)" --timeout 900 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
total=$(grep -oE 'tests failed out of [0-9]+' "$log" | grep -oE '[0-9]+$' || echo 0)
failed=$(grep -oE '[0-9]+ tests failed' "$log" | grep -oE '^[0-9]+' || echo 0)
echo
echo "$preset: $((total - failed)) passed, $failed failed"
exit "$status"
