# Sourced by the bench/site scripts: paths, tool checks, the generated corpus
# and a median helper. Override WORK, BENGAL, SHARED from the environment.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SHARED="${SHARED:-$ROOT/../shared}"
WORK="${WORK:-/dev/shm/bengal-bench}"
BENGAL="${BENGAL:-$ROOT/build/release/src/cli/bengal}"
mkdir -p "$WORK"
[ -x /usr/bin/time ] || { echo "GNU time not found: scripts/deps.sh bench" >&2; exit 1; }
[ -x "$BENGAL" ] || { echo "no bengal at $BENGAL: cmake --preset release && cmake --build --preset release" >&2; exit 1; }

corpus() {  # generated once per size (seed 42); prints its folder
  local n=$1 dir="$WORK/corpus-$1"
  if [ ! -f "$dir/.done" ]; then
    rm -rf "$dir"
    python3 "$SHARED/bench/gen_corpus.py" --pages "$n" --out "$dir" --seed 42 >/dev/null
    touch "$dir/.done"
  fi
  echo "$dir"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
