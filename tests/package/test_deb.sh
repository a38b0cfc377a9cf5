#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the .deb with CPack from an already built tree, unpacks it into a scratch root with
# `dpkg -x` and runs the installed programs from there: what a user gets, not the build tree.
# Usage: test_deb.sh BUILD_DIR SOURCE_DIR VERSION
set -euo pipefail
build=$1 src=$2 version=$3
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# Each step says what it does first, so that a failure's place shows even when only the end of
# the output is kept (CI's log).
step() { echo "-- $*"; }

# A package runs on any x86-64: never one built with -march (WS_ARCH, e.g. the bench-native preset).
! grep -Eq '^WS_ARCH:STRING=.+' "$build/CMakeCache.txt" || fail "built with WS_ARCH set: not portable"

step "cpack -G DEB from $build"
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$scratch/out" >"$scratch/cpack.log" 2>&1 \
  || { cat "$scratch/cpack.log"; fail "cpack"; }
deb=$(ls "$scratch"/out/weightscope_*.deb)
echo "built $(basename "$deb") ($(stat -c %s "$deb") bytes)"

step "control fields"
# Control fields: dpkg-shlibdeps must have found the shared libraries of both programs.
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for lib in libc6 libstdc++6 libqt6widgets6 libhdf5 libzip4 zlib1g libgomp1 libqcustomplot; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib"
done
# A LAPACK and a BLAS: the reference ones (liblapack3, libblas3), or OpenBLAS when the build
# machine has its -dev package (./dev bench installs it) and CMake's FindLAPACK linked it.
if ! grep -q "libopenblas0" <<<"$depends"; then
  for lib in liblapack3 libblas3; do
    grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib (and libopenblas0)"
  done
fi
# OpenBLAS: the spectrum's BLAS/LAPACK, several times faster than the reference one (cmake/Packaging.cmake).
grep -q "libopenblas0" <<<"$(dpkg-deb -f "$deb" Recommends)" || fail "Recommends lacks libopenblas0"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "Version is not $version"

step "unpacked files"
root=$scratch/root
dpkg -x "$deb" "$root"
id=io.github.weightscope.Weightscope
for f in usr/bin/weightscope usr/bin/weightscope-cli \
         usr/share/applications/$id.desktop usr/share/metainfo/$id.metainfo.xml \
         usr/share/mime/packages/$id.xml usr/share/icons/hicolor/scalable/apps/$id.svg \
         usr/share/icons/hicolor/16x16/apps/$id.png usr/share/icons/hicolor/512x512/apps/$id.png \
         usr/share/man/man1/weightscope-cli.1.gz usr/share/man/man1/weightscope.1.gz \
         usr/share/doc/weightscope/user-guide.md usr/share/doc/weightscope/copyright; do
  [ -e "$root/$f" ] || fail "missing /$f"
done
# Every hicolor size that resources/ renders, and the copyright file in the DEP-5 format.
for size in 16 22 24 32 48 64 128 256 512; do
  [ -e "$root/usr/share/icons/hicolor/${size}x${size}/apps/$id.png" ] || fail "missing the ${size} px icon"
done
"$(dirname "$0")/check_copyright.py" "$root/usr/share/doc/weightscope/copyright" || fail "copyright file"
step "RPATH, ldd, icon size"
# Nothing may point back into the build tree (RPATH) or need LD_LIBRARY_PATH.
for exe in weightscope weightscope-cli; do
  ! readelf -d "$root/usr/bin/$exe" | grep -E 'RPATH|RUNPATH' || fail "$exe has an RPATH"
  ! ldd "$root/usr/bin/$exe" | grep 'not found' || fail "$exe needs a library the system lacks"
done
file -b "$root/usr/share/icons/hicolor/512x512/apps/$id.png" | grep -q '512 x 512' || fail "512 px icon size"

step "the installed programs run"
cli=$root/usr/bin/weightscope-cli
out=$("$cli" --version); echo "$out"
grep -q "weightscope-cli $version" <<<"$out" || fail "--version printed '$out'"
out=$("$cli" inspect "$src/tests/data/safetensors/dtypes.safetensors"); echo "$out" | head -5
grep -Eq 'bf16 +BF16 +\(4, 5\) +20 +40' <<<"$out" || fail "inspect from the installed program"
out=$(QT_QPA_PLATFORM=offscreen "$root/usr/bin/weightscope" --version 2>&1)
grep -q "$version" <<<"$out" || fail "weightscope --version printed '$out'"

step "man page"
# The installed man page renders without groff warnings.
warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$root/usr/share/man/man1/weightscope-cli.1.gz" 2>&1 >/dev/null || true)
[ -z "$warnings" ] || fail "man page warnings: $warnings"
step "apt-get install --simulate"
# Dependencies resolvable on this system, as apt would install the package.
if command -v apt-get >/dev/null; then
  apt-get install --simulate "$deb" >"$scratch/apt.log" 2>&1 || { cat "$scratch/apt.log"; fail "apt-get cannot install it"; }
fi
echo "package OK"
