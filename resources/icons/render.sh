#!/usr/bin/env bash
# Renders motifloom.svg into the hicolor PNG sizes committed beside it (rerun after editing the
# SVG). Needs rsvg-convert (Debian: librsvg2-bin). Sizes: resources/CMakeLists.txt.
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 32 48 64 128 256; do
  mkdir -p "hicolor/${size}x${size}"
  rsvg-convert --width "$size" --height "$size" motifloom.svg --output "hicolor/${size}x${size}/motifloom.png"
done
