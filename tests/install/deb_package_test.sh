#!/usr/bin/env bash
# The Debian package as CPack makes it from the build tree BUILD: its control fields (Depends
# names the package of every library its programs and modules need), its layout, and its programs
# run from a temporary root it is unpacked into: `parley negotiate` and `--version`, an isolated
# negotiator (which must start the worker program of the package, not the build tree's), a plugin
# in the program and in the worker, and `import parley`.
#
# The programs need nothing in the environment: they find libparley relative to themselves
# ($ORIGIN), and the library finds the worker relative to itself. Python needs PYTHONPATH only
# because the package is unpacked rather than installed: installed, the module is in
# /usr/lib/python3/dist-packages, on python3's own path.
#   deb_package_test.sh BUILD WORK LIBDIR VERSION PLUGIN PYTHON(ON/OFF)
set -euo pipefail
build=$1 work=$2 libdir=$3 version=$4 plugin=$5 python=$6
fail() { echo "deb_package_test: $*"; exit 1; }
rm -rf "$work"
mkdir -p "$work"
# CPack packs what `cmake --install` puts under /usr, with the fields of the build's CPackConfig.cmake.
# It is given that install rather than the build tree, whose install it would first bring up to
# date: building inside the test run, under programs that other tests are running.
DESTDIR="$work/stage" cmake --install "$build" --prefix /usr --strip >/dev/null
cpack --config "$build/CPackConfig.cmake" -B "$work" -D CPACK_INSTALL_CMAKE_PROJECTS= \
      -D "CPACK_INSTALLED_DIRECTORIES=$work/stage;." >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; exit 1; }
debs=("$work"/parley_*.deb)
[ ${#debs[@]} = 1 ] && [ -f "${debs[0]}" ] || fail "expected one parley_*.deb in $work"
deb=${debs[0]}
dpkg-deb -I "$deb"
[ "$(dpkg-deb -f "$deb" Package)" = parley ] || fail "package name"
[[ "$(dpkg-deb -f "$deb" Version)" == "$version"-* ]] || fail "version is not $version-*"

root=$work/root
dpkg-deb -x "$deb" "$root"
for file in usr/bin/parley usr/libexec/parley/parley-worker "usr/$libdir/libparley.so" usr/include/parley/protocol.h \
            "usr/$libdir/cmake/Parley/ParleyConfig.cmake" "usr/$libdir/pkgconfig/parley.pc"; do
  [ -e "$root/$file" ] || fail "/$file is missing"
done
library=$(readlink -f "$root/usr/$libdir/libparley.so")
soname=$(objdump -p "$library" | awk '$1 == "SONAME" {print $2}')
[ -e "$root/usr/$libdir/$soname" ] || fail "no file named after the soname '$soname'"

# Depends, checked against what the ELF files need: each library they load, other than Parley's
# own, must belong to a package that Depends names.
depends=$(dpkg-deb -f "$deb" Depends)
elves=$(find "$root" -type f -exec file {} + | awk -F: '/ELF/ {print $1}')
for needed in $(objdump -p $elves | awk '$1 == "NEEDED" {print $2}' | sort -u); do
  [ "$needed" = "$soname" ] && continue
  # Every reader below reads its input to the end: one that stopped early would kill the writer
  # with SIGPIPE, which pipefail turns into a failure of the whole test, now and then.
  path=$(ldconfig -p | awk -v name="$needed" '$1 == name && /x86-64|64bit/ && !found {print $NF; found = 1}')
  [ -n "$path" ] || path=$(ldconfig -p | awk -v name="$needed" '$1 == name && !found {print $NF; found = 1}')
  [ -n "$path" ] || fail "$needed is not installed on this machine"
  owner=$( (dpkg -S "$path" 2>/dev/null || dpkg -S "$(readlink -f "$path")") | awk -F: 'NR == 1 {print $1}')
  tr ',' '\n' <<<"$depends" | awk '{print $1}' | grep -xF "$owner" >/dev/null ||
    fail "Depends ($depends) does not name $owner, which has $needed"
done

run() { env -i PATH=/usr/bin:/bin "$@"; }
parley=$root/usr/bin/parley
for program in "$parley" "$root/usr/libexec/parley/parley-worker"; do
  loaded=$(run ldd "$program" | awk -v name="$soname" '$1 == name {print $3}')
  [ "$(realpath -ms "$loaded")" = "$root/usr/$libdir/$soname" ] || fail "$program loads '$loaded', not the package's library"
done
run "$parley" negotiate >"$work/negotiate.txt"
cat "$work/negotiate.txt"
grep -q '^Scenario' "$work/negotiate.txt" || fail "parley negotiate printed no scenario"
[[ "$(run "$parley" --version)" == "parley $version (git "* ]] || fail "parley --version: $(run "$parley" --version)"

# The isolated negotiator starts the package's worker, seen through a wrapper that leaves a mark...
worker=$root/usr/libexec/parley/parley-worker
mv "$worker" "$worker.real"
printf '#!/bin/sh\ntouch "%s"\nexec "%s" "$@"\n' "$work/worker-started" "$worker.real" >"$worker"
chmod +x "$worker"
rafah=(--scenario 'ceasefire-2024#rafah' --rounds 200 --seed 7)
output=$(run "$parley" negotiate --isolate "${rafah[@]}" --negotiators boulware,conceder)
grep -q '^Result *agreement' <<<"$output" || fail "isolated negotiation: $output"
[ -e "$work/worker-started" ] || fail "the isolated negotiation did not start the package's worker"
# ...and without it, the negotiator's fault names only the places of the package, none of the
# build tree's.
rm "$worker"
output=$(run "$parley" negotiate --isolate "${rafah[@]}")
places="$root/usr/bin/parley-worker, $worker, $root/usr/$libdir/parley-worker"
grep -qF "cannot find the negotiator worker program parley-worker (looked for $places);" \
  <<<"$output" || fail "the fault without a worker is not as expected: $output"
mv "$worker.real" "$worker"

# A plugin resolves its calls into Parley against the package's library, in the program and in
# the worker, which loads it again.
for negotiators in 'stubborn(accept=0.5),conceder' 'process(inner=stubborn(accept=0.5)),conceder'; do
  output=$(run "$parley" negotiate --plugin "$plugin" "${rafah[@]}" --negotiators "$negotiators")
  grep -q '^Result *agreement' <<<"$output" || fail "$negotiators with the plugin: $output"
done

if [ "$python" = ON ]; then
  run PYTHONPATH="$root/usr/lib/python3/dist-packages" PYTHONDONTWRITEBYTECODE=1 python3 -c '
import sys
import parley
assert parley.__file__.startswith(sys.argv[1]), parley.__file__
assert parley.__version__ == sys.argv[2], parley.__version__
scenario = parley.load_scenario("ceasefire-2024#rafah")
result = parley.negotiate(scenario, ["process(inner=boulware)", "conceder"], rounds=200, seed=7)
assert result.agreement is not None, result
print("import parley:", parley.__file__, parley.__version__)
' "$root/" "$version"
fi
