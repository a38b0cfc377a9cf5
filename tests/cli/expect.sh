#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a command and checks its exit status and output (stdout and stderr together).
#   expect.sh STATUS REGEX -- COMMAND...
# STATUS is a number, or "nonzero". Used by the CLI tests in tests/CMakeLists.txt.
set -u
want=$1 regex=$2
shift 3
out=$("$@" 2>&1)
got=$?
if [ "$want" = nonzero ]; then
  [ "$got" -ne 0 ] || { echo "expected a non-zero exit, got 0"; echo "$out"; exit 1; }
else
  [ "$got" -eq "$want" ] || { echo "expected exit $want, got $got"; echo "$out"; exit 1; }
fi
if ! grep -Eq -- "$regex" <<<"$out"; then
  echo "output does not match /$regex/:"
  echo "$out"
  exit 1
fi
echo "ok: exit $got, output matches /$regex/"
