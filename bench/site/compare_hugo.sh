#!/usr/bin/env bash
# Cold builds of the same generated site with Hugo and Bengal, alternating in
# one run, output on tmpfs. Prints wall time, CPU time, peak RSS, pages/s and
# the Hugo/Bengal ratio, and checks that both wrote the same set of files.
#
#   bench/site/compare_hugo.sh [SIZES] [RUNS]     e.g. bench/site/compare_hugo.sh "1000 10000" 3
#
# The corpus comes from ../shared/bench/gen_corpus.py (seed 42); Hugo uses the
# reference theme in ../shared/bench/hugo, Bengal the skeleton in
# bench/bench-theme (content/ is copied into a copy of each). Needs hugo and
# GNU time (scripts/deps.sh bench) and a release build of bengal.
set -euo pipefail
SIZES="${1:-1000 10000}"
RUNS="${2:-3}"
HUGO="${HUGO:-hugo}"
source "$(dirname "$0")/common.sh"
command -v "$HUGO" >/dev/null || { echo "hugo not found: scripts/deps.sh bench" >&2; exit 1; }

# $1 label, $2 output dir, rest: command. Appends "wall user sys rss_kb" to $WORK/<label>.times
timed() {
  local label=$1 out=$2; shift 2
  rm -rf "$out"
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/$label.one" "$@" >/dev/null 2>"$WORK/$label.err" || {
    echo "$label failed:" >&2; tail -20 "$WORK/$label.err" >&2; exit 1; }
  cat "$WORK/$label.one" >>"$WORK/$label.times"
}


printf '%-7s %6s %9s %9s %9s %10s %9s\n' tool pages "wall s" "cpu s" "rss MiB" "pages/s" "cpu ms/pg"
for n in $SIZES; do
  c=$(corpus "$n")
  hugo_site="$WORK/hugo-site-$n"; bengal_site="$WORK/bengal-site-$n"
  rm -rf "$hugo_site" "$bengal_site"
  cp -r "$SHARED/bench/hugo" "$hugo_site"; cp -r "$c/content" "$hugo_site/content"
  cp -r "$ROOT/bench/bench-theme" "$bengal_site"; cp -r "$c/content" "$bengal_site/content"
  rm -f "$WORK"/hugo-$n.times "$WORK"/bengal-$n.times
  for ((i = 0; i <= RUNS; i++)); do  # run 0 warms the page cache and is discarded
    timed "hugo-$n" "$WORK/out-hugo-$n" "$HUGO" --source "$hugo_site" --destination "$WORK/out-hugo-$n" --gc --ignoreCache --quiet
    rm -rf "$bengal_site/.bengal"
    timed "bengal-$n" "$WORK/out-bengal-$n" "$BENGAL" build --quiet --source "$bengal_site" --output "$WORK/out-bengal-$n"
    if [ "$i" -eq 0 ]; then rm -f "$WORK"/hugo-$n.times "$WORK"/bengal-$n.times; fi
  done
  for tool in hugo bengal; do
    f="$WORK/$tool-$n.times"
    wall=$(cut -d' ' -f1 "$f" | median)
    cpu=$(awk '{print $2+$3}' "$f" | median)
    rss=$(cut -d' ' -f4 "$f" | sort -n | tail -1)
    printf '%-7s %6d %9.3f %9.3f %9.1f %10.0f %9.3f\n' "$tool" "$n" "$wall" "$cpu" "$(echo "$rss/1024" | bc -l)" \
      "$(echo "$n/$wall" | bc -l)" "$(echo "$cpu*1000/$n" | bc -l)"
    eval "${tool}_wall=$wall ${tool}_cpu=$cpu ${tool}_rss=$rss"
  done
  printf 'ratio (Hugo/Bengal) at %d pages: wall %.1fx, cpu %.1fx, peak RSS %.1fx\n' "$n" \
    "$(echo "$hugo_wall/$bengal_wall" | bc -l)" "$(echo "$hugo_cpu/$bengal_cpu" | bc -l)" \
    "$(echo "$hugo_rss/$bengal_rss" | bc -l)"
  (cd "$WORK/out-hugo-$n" && find . -type f | sort) >"$WORK/files-hugo-$n"
  (cd "$WORK/out-bengal-$n" && find . -type f | sort) >"$WORK/files-bengal-$n"
  if diff -q "$WORK/files-hugo-$n" "$WORK/files-bengal-$n" >/dev/null; then
    echo "same file set: $(wc -l <"$WORK/files-bengal-$n") files"
  else
    echo "FILE SETS DIFFER (hugo vs bengal):"; diff "$WORK/files-hugo-$n" "$WORK/files-bengal-$n" | head -20
    exit 1
  fi
done
