#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes one TensorBoard event file of N scalar points (default 1,000,000) the way PyTorch's
SummaryWriter does (one Event with one simple_value per step, tag "train/loss"), for the
benchmark in docs/benchmarks.md ("TensorBoard: one file of 1 million scalar points"). Not
committed: it is 45 MB. Needs only python3-protobuf and protoc (tools/tfevents.py).

Run: /usr/bin/python3 tools/make_big_tfevents.py OUT_DIR [N]
"""
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tfevents  # noqa: E402


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    os.makedirs(out, exist_ok=True)
    P = tfevents.pb2()
    path = os.path.join(out, "events.out.tfevents.1700000000.bench.1.0")
    with open(path, "wb") as f:
        f.write(tfevents.frame(P.Event(wall_time=1.7e9, file_version=b"brain.Event:2").SerializeToString()))
        e = P.Event()
        v = e.summary.value.add(tag=b"train/loss")
        for step in range(n):
            e.wall_time = 1.7e9 + step * 0.01
            e.step = step
            v.simple_value = 2.0 * math.exp(-step / 300000.0) + 0.01 * (step % 17)
            f.write(tfevents.frame(e.SerializeToString()))
    print(path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
