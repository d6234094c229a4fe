#!/usr/bin/env bash
# Builds the Debian package build/motifloom_<version>_amd64.deb (CPack, packaging/cmake/
# DebianPackage.cmake) and checks it with lintian (no errors allowed). Install it with
#   sudo apt-get install ./build/motifloom_*.deb
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/build.sh
cd build
rm -f motifloom_*_amd64.deb
cpack -G DEB
deb=$(ls motifloom_*_amd64.deb)
if command -v lintian >/dev/null; then
  # Errors fail the build; warnings and notes are shown.
  lintian --fail-on error --no-tag-display-limit "$deb"
fi
echo "package: build/$deb"
