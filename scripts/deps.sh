#!/usr/bin/env bash
# Installs the Debian packages Bengal needs, skipping what is already present.
#   scripts/deps.sh build   compiler-side libraries for building bengal
#   scripts/deps.sh test    build + what the test suite uses (oracles, validators, sanitizers)
#   scripts/deps.sh bench   test + peers and tools for benchmarks (hugo, hyperfine)
# Uses sudo when not root. Prints nothing when everything is installed.
set -euo pipefail

level="${1:-build}"
build_pkgs=(cmake ninja-build g++ pkg-config ccache
  libtomlplusplus-dev libyaml-dev libxxhash-dev liblz4-dev libcli11-dev libfmt-dev libmimalloc-dev
  libcpp-httplib-dev libgtest-dev libgmock-dev libbenchmark-dev)
test_pkgs=(python3 python3-jinja2 python3-pygments tidy libxml2-utils
  libmd4c-dev libmd4c-html0-dev clang libclang-rt-14-dev curl)
bench_pkgs=(hugo hyperfine time)

pkgs=("${build_pkgs[@]}")
case "$level" in
  build) ;;
  test) pkgs+=("${test_pkgs[@]}") ;;
  bench) pkgs+=("${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
  *) echo "usage: $0 build|test|bench" >&2; exit 2 ;;
esac

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing Debian packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "error: need root or sudo to install: ${missing[*]}" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
