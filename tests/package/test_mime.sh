#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Compiles packaging's MIME package together with Debian's freedesktop.org.xml into a scratch
# database and asks GIO which type real test files get: by name, and by magic for GGUF/npy.
# Usage: test_mime.sh MIME_XML TEST_DATA_DIR
set -euo pipefail
xml=$1 data=$2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
mkdir -p "$scratch/mime/packages"
cp /usr/share/mime/packages/freedesktop.org.xml "$xml" "$scratch/mime/packages/"
out=$(update-mime-database -V "$scratch/mime" 2>&1) || { echo "$out"; fail "update-mime-database"; }
! grep -i -E 'warning|error' <<<"$out" || fail "update-mime-database complained"

type_of() { XDG_DATA_HOME=$scratch XDG_DATA_DIRS=$scratch gio info -a standard::content-type "$1" | sed -n 's/.*content-type: //p'; }
expect() {
  local got; got=$(type_of "$1")
  [ "$got" = "$2" ] || fail "$1 is $got, expected $2"
  echo "$(basename "$1"): $got"
}
expect "$data/safetensors/dtypes.safetensors" application/x-safetensors
expect "$data/keras/keras2_mlp.h5" application/x-hdf
# Extension-less copies: only the magic can tell.
printf 'GGUF\003\000\000\000\000\000\000\000' >"$scratch/model"; expect "$scratch/model" application/x-gguf
head -c 64 "$(ls "$data"/numpy/*.npy | head -1)" >"$scratch/array"; expect "$scratch/array" application/x-npy
cp "$(ls "$data"/numpy/*.npz | head -1)" "$scratch/a.npz"; expect "$scratch/a.npz" application/x-npz
: >"$scratch/m.keras"; cp "$scratch/a.npz" "$scratch/m.keras"; expect "$scratch/m.keras" application/x-keras
printf 'x' >"$scratch/w.onnx"; expect "$scratch/w.onnx" application/x-onnx
printf 'x' >"$scratch/w.pth"; expect "$scratch/w.pth" application/x-pytorch
# #22: a Playground session the program saved (File ▸ Save Playground Session…). JSON without a
# fixed magic: known by its name, and still JSON to other tools.
session="$data/playground/spiral.wsplay"
grep -q '"format": "weightscope-playground-session"' "$session" || fail "$session is not a Playground session"
expect "$session" application/x-weightscope-playground
cp "$session" "$scratch/Shared.WSPLAY"; expect "$scratch/Shared.WSPLAY" application/x-weightscope-playground
echo "MIME OK"
