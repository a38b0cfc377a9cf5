#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a command and samples its resident memory (VmRSS of /proc/PID/status) every second (every
# RSS_INTERVAL seconds when set, e.g. RSS_INTERVAL=0.2 for runs of a few seconds), for the
# long-run check of docs/reliability.md (#9). Prints "seconds rss_kib" lines to OUT (default
# rss.tsv), then the first, minimum, maximum and last sample, and the growth between the
# sample at 10% of the run and the last one.
#   tools/rss_sample.sh OUT -- build/release/app/weightscope-cli train ...
set -euo pipefail
out=${1:?usage: rss_sample.sh OUT -- COMMAND...}
shift
[ "${1:-}" = "--" ] && shift
"$@" >"$out.log" 2>&1 &
pid=$!
interval=${RSS_INTERVAL:-1}
start=$(date +%s.%N)
: >"$out"
while kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
  [ -n "$rss" ] && echo "$(awk -v s="$start" -v n="$(date +%s.%N)" 'BEGIN { printf "%.1f", n - s }') $rss" >>"$out"
  sleep "$interval"
done
wait "$pid" && status=0 || status=$?
awk -v status="$status" '
  { t[NR] = $1; r[NR] = $2; if (NR == 1 || $2 < min) min = $2; if ($2 > max) max = $2 }
  END {
    if (NR == 0) { print "no samples"; exit 1 }
    early = int(NR / 10); if (early < 1) early = 1
    printf "exit %d, %d samples over %.1f s: first %d KiB, min %d, max %d, last %d; from %.1f s to the end: %+d KiB\n",
      status, NR, t[NR], r[1], min, max, r[NR], t[early], r[NR] - r[early]
  }' "$out"
exit "$status"
