#!/usr/bin/env bash
# Checks that every C++ source of the project is formatted as .clang-format says (the test
# `clang_format`). Prints each file that is not, and the command that formats them all.
# Usage: scripts/check_format.sh [SOURCE_DIR]
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"

if ! command -v clang-format >/dev/null; then
  echo "clang-format is not installed (scripts/setup installs Debian's package clang-format)" >&2
  exit 1
fi
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files -- '*.cc' '*.h')
else
  mapfile -t files < <(find src include tests bench fuzz python examples -name '*.cc' -o -name '*.h' | sort)
fi

unformatted=()
for file in "${files[@]}"; do
  [ -f "$file" ] || continue
  clang-format --dry-run --Werror "$file" >/dev/null 2>&1 || unformatted+=("$file")
done
if [ ${#unformatted[@]} -gt 0 ]; then
  printf '%s is not formatted as .clang-format says\n' "${unformatted[@]}" >&2
  echo "format them with: clang-format -i ${unformatted[*]}" >&2
  exit 1
fi
echo "${#files[@]} sources formatted as .clang-format says"
