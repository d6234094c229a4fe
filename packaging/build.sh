#!/usr/bin/env bash
# Sets up (packaging/setup.sh) and builds MotifLoom into ./build (Release). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/setup.sh
# apt-get download (used by configure to fetch the JASPAR file) needs package lists.
if [ ! -e build/share/motifloom/pfm_vertebrates.txt ] && ! apt-cache show r-bioc-pwmenrich >/dev/null 2>&1; then
  [ "$(id -u)" -eq 0 ] && apt-get update -qq || sudo apt-get update -qq
fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
