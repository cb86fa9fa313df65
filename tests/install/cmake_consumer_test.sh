#!/usr/bin/env bash
# An outside CMake project (examples/consumer) that finds the Parley installed in PREFIX with
# find_package(Parley) and links Parley::parley alone: it must configure, build and run, with every
# registration, the worker program installed in PREFIX (not the build tree's) and a plugin loaded
# into it.
#   cmake_consumer_test.sh PREFIX CONSUMER_SOURCE WORK CXX PLUGIN
set -euo pipefail
prefix=$1 source=$2 work=$3 cxx=$4 plugin=$5
rm -rf "$work"
cmake -S "$source" -B "$work" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_CXX_COMPILER="$cxx" \
      -DCMAKE_BUILD_TYPE=Release >"$work.log" 2>&1 || { cat "$work.log"; exit 1; }
cmake --build "$work" >>"$work.log" 2>&1 || { cat "$work.log"; exit 1; }
grep -q "Parley_DIR:PATH=$prefix/" "$work/CMakeCache.txt" || { echo "Parley was not found in $prefix"; exit 1; }
# The program finds libparley through the run path CMake gives it; nothing in the environment.
output=$(env -u LD_LIBRARY_PATH -u PARLEY_WORKER "$work/consumer" "$plugin")
echo "$output"
grep -qx "worker: $prefix/libexec/parley/parley-worker" <<<"$output" || { echo "not the installed worker"; exit 1; }
[ "$(grep -c ' vs conceder: agreement in round ' <<<"$output")" -ge 2 ] || { echo "expected two agreements"; exit 1; }
grep -q '^stubborn vs conceder: ' <<<"$output" || { echo "the plugin's negotiator did not play"; exit 1; }
