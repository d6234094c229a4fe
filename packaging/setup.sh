#!/usr/bin/env bash
# Installs what MotifLoom needs on Debian 12 (idempotent: quiet when everything is present).
# Run as root, or as a user with sudo. The JASPAR motif file is fetched by CMake's configure
# step (packaging/cmake/FetchJaspar.cmake), not here.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config
  qt6-base-dev qt6-svg-dev libqcustomplot-dev libgl-dev
  libeigen3-dev libtbb-dev zlib1g-dev nlohmann-json3-dev libcli11-dev
  fonts-dejavu-core            # logos and offscreen tests draw letters
  xvfb xauth                   # headless screenshots and GUI runs without a display
  python3-torch python3-numpy  # the exported PyTorch project and its tests (/usr/bin/python3)
  python3-onnx                 # ONNX export/import checks
  libonnx-dev libprotobuf-dev  # ONNX files read and written in core/exchange (onnx_proto)
  qemu-user                    # tests run the CLI on an emulated CPU without AVX (portability)
  desktop-file-utils appstream shared-mime-info  # resources/ validated by tests/app/test_resources.cpp
  help2man dpkg-dev fakeroot file lintian  # packaging/deb.sh: man pages, dpkg-shlibdeps, checks
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "setup: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
