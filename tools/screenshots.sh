#!/usr/bin/env bash
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
