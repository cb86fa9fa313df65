#!/usr/bin/env bash
# `parley --version` names the project's VERSION and the git revision of the source tree as it is
# now (the program must have been built from it), or "unknown" when the source tree is not the top
# of a git checkout.
#   version_test.sh PARLEY VERSION SOURCE_DIR
set -euo pipefail
parley=$1 version=$2 source=$3
revision=unknown
if top=$(git -C "$source" rev-parse --show-toplevel 2>/dev/null) && [ "$(realpath "$top")" = "$(realpath "$source")" ]; then
  revision=$(git -C "$source" rev-parse --short HEAD)
fi
expected="parley $version (git $revision)"
actual=$("$parley" --version)
[ "$actual" = "$expected" ] || { echo "parley --version printed '$actual', expected '$expected'"; exit 1; }
echo "$actual"
