#!/usr/bin/env bash
# Installs the build tree BUILD into the empty prefix PREFIX, as `cmake --install` does for a user:
# the fixture of the consumer tests (CMakeLists.txt here).
set -euo pipefail
build=$1 prefix=$2
rm -rf "$prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
