#!/usr/bin/env bash
# Incremental rebuilds of the generated bench site, timed from process start
# to exit, output on tmpfs. For each scenario: one cold build, then the edit,
# then the timed `bengal build`; the edit is undone (and the site rebuilt,
# untimed) before the next run. Prints median wall, CPU and peak RSS and the
# outputs rendered, so a timing is never quoted without the work it did.
#
#   bench/site/incremental.sh [PAGES] [RUNS]     e.g. bench/site/incremental.sh 10000 5
#
# Scenarios: cold (no cache), no-op, touch (mtime only), one page's body,
# one page's title, and the footer partial every page includes.
set -euo pipefail
PAGES="${1:-10000}"
RUNS="${2:-5}"
source "$(dirname "$0")/common.sh"

corpus=$(corpus "$PAGES")
site="$WORK/inc-site-$PAGES"
out="$WORK/inc-out-$PAGES"
rm -rf "$site" "$out"
cp -r "$ROOT/bench/bench-theme" "$site"
cp -r "$corpus/content" "$site/content"

page=$(find "$site/content" -name '*.md' ! -name '_index.md' | sort | sed -n "$((PAGES / 2))p")
footer="$site/templates/partials/footer.html"

build() { "$BENGAL" build --quiet --source "$site" --output "$out" "$@"; }
# $1 scenario; runs the timed build, appends "wall cpu rss_kb rendered".
# Wall time comes from bash's microsecond clock around the run (time(1)
# reports it in hundredths, too coarse near 100 ms); CPU and peak RSS from
# time(1).
timed() {
  local start=$EPOCHREALTIME
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/inc.one" "$BENGAL" build --quiet --stats=json \
    --source "$site" --output "$out" >"$WORK/inc.json" 2>"$WORK/inc.err" || {
    echo "$1 failed:" >&2; tail -20 "$WORK/inc.err" >&2; exit 1; }
  local end=$EPOCHREALTIME
  rendered=$(grep -oE '"outputs_rendered": ?[0-9]+' "$WORK/inc.json" | grep -oE '[0-9]+$')
  read -r _ user sys rss <"$WORK/inc.one"
  echo "$(echo "$end - $start" | bc -l) $(echo "$user + $sys" | bc -l) $rss $rendered" >>"$WORK/inc-$1.times"
}

edit_body() { printf '\nAn edited closing line.\n' >>"$page"; }
edit_title() { sed -i '0,/^title:/s/^title: "\?\([^"]*\)"\?$/title: "\1 (edited)"/' "$page"; }
edit_footer() { sed -i 's|</footer>|<!-- edited --></footer>|' "$footer"; }

scenarios="cold noop touch body title partial"
for s in $scenarios; do rm -f "$WORK/inc-$s.times"; done
cp "$page" "$WORK/inc-page.orig"; cp "$footer" "$WORK/inc-footer.orig"
restore() { cp "$WORK/inc-page.orig" "$page"; cp "$WORK/inc-footer.orig" "$footer"; build; }

build --no-incremental  # warms the page cache; not timed
for ((i = 0; i < RUNS; i++)); do
  rm -rf "$site/.bengal" "$out"; timed cold
  timed noop
  touch "$page"; timed touch
  edit_body; timed body; restore
  edit_title; timed title; restore
  edit_footer; timed partial; restore
done

echo "bengal incremental builds, $PAGES pages, median of $RUNS runs ($(nproc) cores)"
printf '%-9s %9s %9s %9s %10s\n' scenario "wall ms" "cpu ms" "rss MiB" rendered
for s in $scenarios; do
  f="$WORK/inc-$s.times"
  printf '%-9s %9.0f %9.0f %9.1f %10s\n' "$s" "$(cut -d' ' -f1 "$f" | median | awk '{print $1*1000}')" \
    "$(cut -d' ' -f2 "$f" | median | awk '{print $1*1000}')" \
    "$(cut -d' ' -f3 "$f" | sort -n | tail -1 | awk '{print $1/1024}')" "$(cut -d' ' -f4 "$f" | median)"
done
