#!/usr/bin/env bash
# Installs what the build needs from Debian's packages, only when missing.
# usage: scripts/install-deps.sh native|wasm|browser|fuzz|lint ...
set -euo pipefail

# package[:command]: a package that provides a command is skipped when the command is already
# there, however it was installed (a Node.js from another source brings its own npm, and
# Debian's npm package would conflict with it).
declare -A PACKAGES=(
  [native]="cmake ninja-build g++ catch2 nlohmann-json3-dev zlib1g-dev"
  [wasm]="emscripten:emcc nodejs:node cmake ninja-build nlohmann-json3-dev"
  [browser]="chromium:chromium nodejs:node npm:npm"
  # libFuzzer (make fuzz): Debian's clang 14 and its runtime libraries
  [fuzz]="clang:clang++ libclang-rt-14-dev cmake ninja-build nlohmann-json3-dev zlib1g-dev"
  # make test-sql: DuckDB comes from npm (@duckdb/node-api in tests/sql), run by Node; PostgreSQL
  # from Debian (its test makes a throwaway cluster with initdb)
  [sql]="nodejs:node npm:npm postgresql"
  # make lint: clang-format (Debian's 14, the version the tree is formatted with) and ESLint's Node
  [lint]="clang-format:clang-format nodejs:node npm:npm"
)

installed() {
  local pkg="${1%%:*}" cmd=""
  [[ "$1" == *:* ]] && cmd="${1#*:}"
  if [ -n "$cmd" ] && command -v "$cmd" >/dev/null 2>&1; then return 0; fi
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"
}

missing=()
for kind in "$@"; do
  for entry in ${PACKAGES[$kind]:?unknown kind $kind}; do
    installed "$entry" || missing+=("${entry%%:*}")
  done
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
