#!/usr/bin/env bash
# Deploy the site to a remote host.
set -euo pipefail

HOST="${DEPLOY_HOST:-example.com}"
DIR=/var/www/site
KEEP=5
readonly HOST DIR

log() {
  printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

build() {
  local out="$1"
  rm -rf "$out" && mkdir -p "$out"
  bengal build --output "$out" --minify || return 1
  echo "built $(find "$out" -type f | wc -l) files"
}

if [[ -z "${CI:-}" && $# -lt 1 ]]; then
  log "usage: $0 RELEASE"
  exit 2
fi

release=${1:-$(date +%Y%m%d%H%M)}
build "public/$release"

for f in public/"$release"/*.html; do
  gzip -k -9 "$f"
done

case "$release" in
  v*) log "tagged release $release" ;;
  *)  log "snapshot $release" ;;
esac

rsync -az --delete "public/$release/" "$HOST:$DIR/releases/$release/"
ssh "$HOST" "ln -sfn $DIR/releases/$release $DIR/current"
count=$(( KEEP + 1 ))
ssh "$HOST" "ls -1dt $DIR/releases/* | tail -n +$count | xargs rm -rf" \
  && log "done" || log 'cleanup failed'
cat <<EOT > /tmp/deploy.txt
release: $release
EOT
