#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a sweep of N TensorBoard runs (default 60: learning rates x seeds), one event file of
500 "train/loss" points each as PyTorch's SummaryWriter writes them, for the screenshots of many
runs in the Runs dock (docs/screenshots/runs-hover.png, runs-legend-filter.png). Needs only
python3-protobuf and protoc (tools/tfevents.py).

Run: /usr/bin/python3 tools/make_sweep_tfevents.py OUT_DIR [N]
"""
import math
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tfevents  # noqa: E402


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    P = tfevents.pb2()
    rates = [0.0003, 0.001, 0.003, 0.01, 0.03, 0.1]
    for i in range(n):
        lr = rates[i % len(rates)]
        seed = i // len(rates)
        run = os.path.join(out, "sweep", "lr%g" % lr, "seed%d" % seed)
        os.makedirs(run, exist_ok=True)
        rng = random.Random(i)
        speed = 200.0 / (1.0 + abs(math.log10(lr / 0.003)) * 2.0)
        with open(os.path.join(run, "events.out.tfevents.1700000000.sweep.%d.0" % i), "wb") as f:
            e = P.Event()
            v = e.summary.value.add(tag=b"train/loss")
            for step in range(500):
                e.wall_time = 1.7e9 + i * 1000 + step
                e.step = step
                v.simple_value = 2.3 * math.exp(-step / speed) + 0.05 + 0.02 * seed + rng.gauss(0, 0.03)
                f.write(tfevents.frame(e.SerializeToString()))


if __name__ == "__main__":
    main()
