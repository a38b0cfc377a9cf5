#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Usage: tools/kill_stress.sh [N]   (from the source folder, after a release build)
# Kills tiny trainings (epochs of a few ms, so flushes are a large share of the time) at random moments.
CLI=${WS_CLI:-build/release/app/weightscope-cli}
ok=0; bad=0; empty=0
for i in $(seq 1 ${1:-40}); do
  d=$(mktemp -d)
  $CLI train --dataset spiral --epochs 100000 --batch 10 --threads 1 --runs-dir $d --quiet > /dev/null 2>&1 &
  p=$!
  sleep 0.$((RANDOM % 9 + 1))$((RANDOM % 10))
  kill -9 $p; wait $p 2>/dev/null
  f=$(ls $d/*.h5 2>/dev/null | head -1)
  if [ -z "$f" ]; then empty=$((empty+1));
  elif $CLI runs show "$f" > $d/out 2>&1 && $CLI runs export-csv "$f" > /dev/null 2>&1; then ok=$((ok+1)); else bad=$((bad+1)); cat $d/out | head -2; fi
  rm -rf $d
done
echo "readable $ok unreadable $bad nofile $empty"
