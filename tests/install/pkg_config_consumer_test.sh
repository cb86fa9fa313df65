#!/usr/bin/env bash
# The consumer of examples/consumer compiled by hand against the Parley installed in PREFIX, with
# nothing but `pkg-config --cflags --libs parley`, then run. It runs with LD_LIBRARY_PATH only
# because PREFIX is not on the system's library path, as for any shared library installed there.
# It is compiled with hidden visibility, as many projects (and pybind11 modules) are: the public
# headers keep Parley's registries visible (docs/install.md#symbol-visibility), so it must still
# find every registration.
#   pkg_config_consumer_test.sh PREFIX LIBDIR CONSUMER_SOURCE WORK CXX PLUGIN
set -euo pipefail
prefix=$1 libdir=$2 source=$3 work=$4 cxx=$5 plugin=$6
rm -rf "$work"
mkdir -p "$work"
export PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig"
flags=$(pkg-config --cflags --libs parley)
echo "pkg-config --cflags --libs parley: $flags"
# shellcheck disable=SC2086  # the flags are words
"$cxx" -std=c++20 -O1 -fvisibility=hidden -fvisibility-inlines-hidden "$source/main.cc" $flags -o "$work/consumer"
output=$(env -u PARLEY_WORKER LD_LIBRARY_PATH="$prefix/$libdir" "$work/consumer" "$plugin")
echo "$output"
grep -qx "worker: $prefix/libexec/parley/parley-worker" <<<"$output" || { echo "not the installed worker"; exit 1; }
[ "$(grep -c ' vs conceder: agreement in round ' <<<"$output")" -ge 2 ] || { echo "expected two agreements"; exit 1; }
grep -q '^stubborn vs conceder: ' <<<"$output" || { echo "the plugin's negotiator did not play"; exit 1; }
