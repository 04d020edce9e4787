#!/usr/bin/env bash
# Renders the same page template with Bengal and with Jinja2 and prints both
# with the throughput ratio. Measurements alternate (Bengal, Jinja2, Bengal,
# ...) for ROUNDS rounds so load from other processes hits both alike; the
# ratio reported is the median of the per-round ratios. Times are per-thread
# CPU time. Builds a Release bench binary in build/bench-template (or
# $BUILD_DIR).
#   bench/template/run.sh [SECONDS_PER_MEASUREMENT] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-2}"
rounds="${2:-3}"
build="${BUILD_DIR:-build/bench-template}"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBENGAL_TESTS=OFF >/dev/null
cmake --build "$build" --target template_bench >/dev/null
fixture=bench/template/fixture
bench="$build/bench/template/template_bench"
echo "== Bengal ($bench), Jinja2 $(/usr/bin/python3 -c 'import jinja2; print(jinja2.__version__)'); ${seconds}s CPU per measurement, $rounds rounds"
"$bench" "$fixture" --seconds "$seconds" | grep -E "allocations_per_render|output_bytes|threads|all_threads"
bytes=$("$bench" "$fixture" --renders 1 | awk '{print $4}')
ratios=()
for r in $(seq 1 "$rounds"); do
  b=$("$bench" "$fixture" --seconds "$seconds" | awk '/single_thread_ns_per_render/ {print $2}')
  j=$(/usr/bin/python3 bench/template/jinja_bench.py "$fixture" "$seconds" | awk '/jinja2_ns_per_render/ {print $2}')
  ratio=$(awk -v b="$b" -v j="$j" 'BEGIN { printf "%.1f", j / b }')
  ratios+=("$ratio")
  echo "round $r: bengal ${b} ns/render ($(awk -v b="$b" -v n="$bytes" 'BEGIN { printf "%.0f", n / b * 1000 }') MB/s), jinja2 ${j} ns/render, ratio ${ratio}x"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}')
echo "== single-thread speedup over Jinja2 (median of $rounds rounds): ${median}x"
