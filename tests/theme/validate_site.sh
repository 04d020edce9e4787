#!/usr/bin/env bash
# Builds a site with the default theme and validates every output:
# every HTML page passes `tidy -errors` with zero errors, every feed and the
# sitemap pass `xmllint --noout`, index.json is valid JSON, and the build
# itself passes --strict. Used by ctest (see CMakeLists.txt):
#
#   validate_site.sh demo     BENGAL SITE_DIR          an existing site
#   validate_site.sh corpus   BENGAL GEN_CORPUS.PY N    a generated N-page site
#   validate_site.sh scaffold BENGAL TEMPLATE          `bengal new site --template`
set -euo pipefail

mode="$1"; bengal="$2"
for tool in tidy xmllint; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed (scripts/deps.sh test installs it)"; exit 1; }
done
work="$(mktemp -d "${TMPDIR:-/tmp}/bengal-theme.XXXXXX")"
trap 'rm -rf "$work"' EXIT
out="$work/public"

case "$mode" in
  demo)
    site="$3"; min_pages=30
    # A copy, so the build cache never lands in the source tree.
    cp -r "$site" "$work/site"
    rm -rf "$work/site/.bengal" "$work/site/public"
    ;;
  corpus)
    min_pages="$4"
    /usr/bin/python3 "$3" --pages "$4" --out "$work/site" >/dev/null
    ;;
  scaffold)
    min_pages=3
    (cd "$work" && "$bengal" new site site --template "$3" >/dev/null)
    ;;
  *) echo "usage: $0 demo|corpus|scaffold BENGAL ..." >&2; exit 2 ;;
esac

if ! "$bengal" build --source "$work/site" --output "$out" --strict --quiet >"$work/build.log" 2>&1; then
  echo "FAIL: bengal build --strict of the $mode site:"; cat "$work/build.log"; exit 1
fi

# HTML: tidy reports "file:line:col: Error: ..." (--gnu-emacs); warnings are
# allowed (tidy 5.6 calls valid ARIA attributes "proprietary"), errors not.
find "$out" -name '*.html' -print0 | sort -z >"$work/html.list"
pages=$(tr -cd '\0' <"$work/html.list" | wc -c)
if [ "$pages" -lt "$min_pages" ]; then
  echo "FAIL: expected at least $min_pages HTML pages, found $pages"; exit 1
fi
xargs -0 -n 200 -P 2 tidy -errors -quiet --gnu-emacs yes <"$work/html.list" >"$work/tidy.log" 2>&1 || true
# Lines may interleave between the two tidy processes; an error line always has ": Error: ".
if grep -q ": Error: " "$work/tidy.log"; then
  echo "FAIL: tidy found errors:"; grep ": Error: " "$work/tidy.log" | head -40; exit 1
fi

# Feeds and the sitemap: well-formed XML.
find "$out" -name '*.xml' -print0 | sort -z >"$work/xml.list"
feeds=$(tr -cd '\0' <"$work/xml.list" | wc -c)
if [ "$feeds" -lt 1 ] || [ ! -f "$out/sitemap.xml" ]; then
  echo "FAIL: no feeds or sitemap written"; exit 1
fi
if ! xargs -0 -n 200 xmllint --noout <"$work/xml.list" >"$work/xml.log" 2>&1; then
  echo "FAIL: xmllint:"; head -40 "$work/xml.log"; exit 1
fi

# The search index the theme fetches.
if ! /usr/bin/python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); assert isinstance(d, list) and d' "$out/index.json"; then
  echo "FAIL: index.json is not a non-empty JSON array"; exit 1
fi

echo "ok: $mode: $pages HTML pages pass tidy, $feeds XML files pass xmllint"
