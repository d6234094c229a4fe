#!/usr/bin/env bash
# Sets up, builds and starts MotifLoom: the desktop lab when there is a display, otherwise
# the headless demo of the command line (simulate data, train CNN-25, show learned motifs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/build.sh
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec build/bin/motifloom "$@"
else
  echo "No display found: running the headless demo (build/bin/motifloom-cli demo)."
  exec build/bin/motifloom-cli demo "$@"
fi
