#!/usr/bin/env bash
# Quick start, step 1: install what is missing, build a release bengal, build
# the demo site in examples/demo and say where it is and how to serve it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh build
cmake --preset release >/dev/null
cmake --build --preset release --target bengal
./build/release/src/cli/bengal build --source examples/demo
echo
echo "Demo site written to examples/demo/public/"
if ./build/release/src/cli/bengal serve --help >/dev/null 2>&1; then
  echo "Serve it with live reload:  ./build/release/src/cli/bengal serve --source examples/demo"
  echo "Then open http://127.0.0.1:5173/"
else
  echo "Serve it:  python3 -m http.server --bind 127.0.0.1 --directory examples/demo/public 8000"
  echo "Then open http://127.0.0.1:8000/"
fi
