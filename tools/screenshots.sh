#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Pictures of the main window for docs/screenshots/, taken by the app itself
# (--screenshot grabs the window after the demo has trained for a while, or once an opened
# file's first tensor and its statistics are drawn).
# Usage: tools/screenshots.sh [path/to/weightscope]   (default: build/release/app/weightscope)
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

bin=${1:-${WS_BIN:-build/release/app/weightscope}}
out=docs/screenshots
mkdir -p "$out"
[ -x "$bin" ] || { echo "screenshots.sh: no executable at $bin (build first, or pass its path)" >&2; exit 1; }

run() {
  # A real X server (xvfb) renders fonts and styles as users see them; offscreen is the fallback.
  if command -v xvfb-run >/dev/null; then
    xvfb-run -a -s "-screen 0 1600x1000x24" "$bin" "$@"
  else
    QT_QPA_PLATFORM=offscreen "$bin" "$@"
  fi
}

run --demo --screenshot "$out/playground.png" --screenshot-after-ms "${WS_SHOT_MS:-4000}"
echo "wrote $out/playground.png"
# The inspector: a Keras CNN (architecture, conv kernel as a grid of filters) and a pooled heatmap.
run --screenshot "$out/inspector.png" tests/data/keras/keras3_cnn.keras
echo "wrote $out/inspector.png"
run --screenshot "$out/inspector-heatmap.png" --tensor i8_big tests/data/safetensors/dtypes.safetensors
echo "wrote $out/inspector-heatmap.png"
# The Spectrum dock: singular values of a heavy-tailed 150 × 100 matrix and its power-law α.
run --screenshot "$out/inspector-spectrum.png" --spectrum tests/data/spectrum/heavy_150x100.npy
echo "wrote $out/inspector-spectrum.png"
# The Compare dock (#18): a Hugging Face model against its Q4_K GGUF, worst pair first, its A − B.
run --screenshot "$out/inspector-compare.png" --compare tests/data/compare/llama_q4_k.gguf tests/data/compare/llama_hf.safetensors
echo "wrote $out/inspector-compare.png"
# The Metadata view of a whole PyTorch model saved with torch.save(model): its module tree (#17).
run --screenshot "$out/inspector-pytorch-modules.png" --metadata tests/data/torch/models/net.pt
echo "wrote $out/inspector-pytorch-modules.png"

# Long enough for the 3 epochs of the demo MLP to end and the confusion matrix to appear
# (loading Fashion-MNIST takes a few seconds; a busy machine needs more: raise WS_TRAIN_SHOT_MS).
run --training-demo --screenshot "$out/training.png" --screenshot-after-ms "${WS_TRAIN_SHOT_MS:-45000}"
echo "wrote $out/training.png"
# The insight tabs: the samples of one confusion cell (true Shirt, predicted T-shirt/top), and
# a small CNN's activations with three channels of its second convolution switched off.
run --training-demo --training-view confusion:6:0 --screenshot "$out/training-confusion.png" \
  --screenshot-after-ms "${WS_TRAIN_SHOT_MS:-45000}"
echo "wrote $out/training-confusion.png"
run --training-demo --training-model "conv2d(8,3) relu maxpool2d(2) conv2d(16,3) relu maxpool2d(2) flatten dense(64) relu dense(10)" \
  --training-view activations:4:0,4:2,4:5 --screenshot "$out/training-activations.png" \
  --screenshot-after-ms "${WS_TRAIN_SHOT_MS:-45000}"
echo "wrote $out/training-activations.png"

# The Runs dock: six recorded Playground trainings (two learning rates, three seeds each),
# grouped by learning rate into mean ± std bands.
cli=$(dirname "$bin")/weightscope-cli
runs=$(mktemp -d)
trap 'rm -rf "$runs"' EXIT
for lr in 0.003 0.03; do
  for seed in 1 2 3; do
    "$cli" train --dataset spiral --noise 0.1 --model "dense(16) relu dense(16) relu dense(2)" --optimizer adam \
      --lr $lr --epochs 40 --batch 10 --seed $seed --threads 1 --validation-split 0.2 --quiet \
      --runs-dir "$runs" --name "spiral lr=$lr seed=$seed" --tag "lr-$lr,spiral" > /dev/null
  done
done
run --runs "$runs" --runs-group lr --screenshot "$out/runs.png" --screenshot-after-ms "${WS_SHOT_MS_RUNS:-2500}"
echo "wrote $out/runs.png"
# The same runs as a parallel-coordinates plot of their settings against the final accuracy.
run --runs "$runs" --runs-view parallel --screenshot "$out/runs-parallel.png" --screenshot-after-ms "${WS_SHOT_MS_RUNS:-2500}"
echo "wrote $out/runs-parallel.png"

# TensorBoard runs beside Weightscope's (#19): the four hparams sessions Keras logged for MNIST
# (../shared/data/tensorboard, 15 000 batches each) and three Weightscope trainings of about as
# many batches, grouped by tag into mean ± std bands (the TensorBoard runs carry "tensorboard").
tb=../shared/data/tensorboard/keras-tutorial/hparam_tuning
if [ -d "$tb" ]; then
  mixed=$(mktemp -d)
  trap 'rm -rf "$runs" "$mixed"' EXIT
  cp -r "$tb" "$mixed/keras-hparams"
  for seed in 1 2 3; do
    "$cli" train --dataset spiral --noise 0.1 --model "dense(16) relu dense(16) relu dense(2)" --optimizer adam \
      --lr 0.003 --epochs 600 --batch 10 --seed $seed --threads 1 --quiet \
      --runs-dir "$mixed" --name "spiral seed=$seed" --tag "weightscope" > /dev/null
  done
  run --runs "$mixed" --runs-group tag --screenshot "$out/runs-tensorboard.png" --screenshot-after-ms "${WS_SHOT_MS_RUNS:-4000}"
  echo "wrote $out/runs-tensorboard.png"
fi

# Many runs (#19): runs-hover.png and runs-legend-filter.png were taken by hand (a hover and a
# typed filter) on the sweep of tools/make_sweep_tfevents.py; runs-importance.png and
# runs-config-diff.png on twelve `train --dataset spiral` runs (3 rates × adam/sgd × 2 seeds,
# 8 epochs, --validation-split 0.2) with --runs-view importance / diff, the importance's outcome
# set by hand to epoch/val_loss, best (minimised); runs-distributions.png with --runs-view
# distributions on two Keras runs holding dense/bias_0 (keras-tutorial's
# logs/imdb-final-model-*/train and experiments/Exp_0_*/train).
