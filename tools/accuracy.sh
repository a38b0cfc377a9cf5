#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The long accuracy runs of issue #2 on the real Fashion-MNIST test set, each printing its
# per-epoch lines and final test metrics. Figures go to docs/benchmarks.md.
#   tools/accuracy.sh [cnn|tf-cnn|mlp|all]
set -euo pipefail
cd "$(dirname "$0")/.."
cli=build/release/app/weightscope-cli
which=${1:-all}
run() { echo "== $*"; "$cli" train --dataset fashion-mnist "$@"; }
case "$which" in
  mlp|all) run --model mlp --epochs 12 --batch 64 --optimizer adam --lr 0.001 --schedule cosine ;;&
  cnn|all) run --model cnn --epochs 12 --batch 64 --optimizer adam --lr 0.001 --schedule cosine ;;&
  tf-cnn|all) run --model tf-cnn --epochs 10 --batch 64 --optimizer adam --lr 0.001 --schedule cosine ;;&
  mlp|cnn|tf-cnn|all) ;;
  *) echo "usage: $0 [mlp|cnn|tf-cnn|all]" >&2; exit 2 ;;
esac
