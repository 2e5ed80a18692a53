#!/usr/bin/env bash
# Installs what the build needs from Debian's packages, only when missing.
# usage: scripts/install-deps.sh native|wasm|browser ...
set -euo pipefail

declare -A PACKAGES=(
  [native]="cmake ninja-build g++ catch2 nlohmann-json3-dev"
  [wasm]="emscripten nodejs cmake ninja-build nlohmann-json3-dev"
  [browser]="chromium nodejs npm"
)

missing=()
for kind in "$@"; do
  for pkg in ${PACKAGES[$kind]:?unknown kind $kind}; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
