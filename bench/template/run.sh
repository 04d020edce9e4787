#!/usr/bin/env bash
# Renders the same page template with Bengal and with Jinja2 in one run and
# prints both, with the throughput ratio. Builds a Release bench binary in
# build/bench-template unless BUILD_DIR is set.
#   bench/template/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-3}"
build="${BUILD_DIR:-build/bench-template}"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBENGAL_TESTS=OFF >/dev/null
cmake --build "$build" --target template_bench >/dev/null
fixture=bench/template/fixture
echo "== Bengal ($build/bench/template/template_bench, ${seconds}s per measurement)"
bengal_out=$("$build/bench/template/template_bench" "$fixture" --seconds "$seconds")
echo "$bengal_out"
echo "== Jinja2 $(/usr/bin/python3 -c 'import jinja2; print(jinja2.__version__)') (/usr/bin/python3)"
jinja_out=$(/usr/bin/python3 bench/template/jinja_bench.py "$fixture" "$seconds")
echo "$jinja_out"
b=$(echo "$bengal_out" | awk '/single_thread_ns_per_render/ {print $2}')
j=$(echo "$jinja_out" | awk '/jinja2_ns_per_render/ {print $2}')
echo "== single-thread speedup over Jinja2: $(awk -v b="$b" -v j="$j" 'BEGIN { printf "%.1fx", j / b }')"
