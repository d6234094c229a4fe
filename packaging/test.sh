#!/usr/bin/env bash
# Sets up, builds and runs every test (CTest). This is the command .ci/run calls.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/build.sh
cd build
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j"$(nproc)"
