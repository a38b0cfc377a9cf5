#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes tests/data/tensorboard/histogram_reference.json: what the Runs dock's Distributions and
Histograms views (core/run/HistogramViews) must show for real histograms, computed here with
NumPy, independently of the C++ code, from the same buckets decoded with Python's protobuf
runtime (tools/tfevents.py compiles core/run/proto/tensorboard.proto).

Histograms used:
  - keras: ../shared/data/tensorboard/keras-tutorial/logs/mod1-reuters-1690485395/train, written
    by TensorFlow 2's Keras TensorBoard callback (histogram_freq=1): (30, 3) bucket tensors, 20
    epochs, two tags;
  - pt: tests/data/tensorboard/writer/pt, HistogramProto as PyTorch's SummaryWriter writes it
    (bucket_limit = right edges, the first bucket starting at `min`);
  - tf2: tests/data/tensorboard/writer/tf2, a (k, 3) tensor.

Per tag and step: the buckets as [left, right, count] triples, the nine distribution values
(TensorBoard's compressor: tensorboard/plugins/distribution/compressor.py, basis points 0, 668,
1587, 3085, 5000, 6915, 8413, 9332, 10000; written here from its description with NumPy) and the
counts on a common grid of 30 equal bins (each bucket's count shared by overlap, a zero-width
bucket in the bin holding its edge) computed as a bucket-by-bin overlap matrix.
Run: /usr/bin/python3 tools/make_histogram_reference.py
"""
import glob
import json
import os
import struct
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tfevents  # noqa: E402

ROOT = tfevents.ROOT
KERAS = os.path.join(os.path.dirname(ROOT), "shared", "data", "tensorboard", "keras-tutorial")
OUT = os.path.join(ROOT, "tests", "data", "tensorboard", "histogram_reference.json")
BPS = np.array([0, 668, 1587, 3085, 5000, 6915, 8413, 9332, 10000], dtype=float)
BINS = 30


def tensor_doubles(t):
    P = tfevents.pb2()
    fmt = {P.DT_FLOAT: "f", P.DT_DOUBLE: "d", P.DT_HALF: "e"}[t.dtype]
    if t.tensor_content:
        n = len(t.tensor_content) // struct.calcsize(fmt)
        return list(struct.unpack("<%d%s" % (n, fmt), t.tensor_content))
    return list(t.double_val) or list(t.float_val)


def histograms(folder):
    """tag -> [(step, wall, triples)] merged by step, the later wall time winning."""
    plugins, out = {}, {}
    for f in sorted(glob.glob(os.path.join(folder, "events.out.tfevents.*"))):
        for e in tfevents.events(f):
            if e.WhichOneof("what") != "summary":
                continue
            for v in e.summary.value:
                tag = v.tag.decode()
                if v.HasField("metadata"):
                    plugins.setdefault(tag, v.metadata.plugin_data.plugin_name.decode())
                kind = v.WhichOneof("value")
                if kind == "histo":
                    h = v.histo
                    edges = [h.min] + list(h.bucket_limit)
                    triples = [[min(edges[i], edges[i + 1]), edges[i + 1], h.bucket[i]] for i in range(len(h.bucket))]
                elif kind == "tensor" and plugins.get(tag) == "histograms":
                    flat = tensor_doubles(v.tensor)
                    triples = [flat[i:i + 3] for i in range(0, len(flat), 3)]
                else:
                    continue
                out.setdefault(tag, []).append((e.step, e.wall_time, triples))
    merged = {}
    for tag, pts in out.items():
        best = {}
        for p in sorted(pts, key=lambda p: (p[0], p[1])):
            best[p[0]] = p
        merged[tag] = [best[s] for s in sorted(best)]
    return merged


def distribution(triples):
    """The value at each basis point: the first bucket whose scaled cumulative count exceeds it,
    linear between the previous right edge (the minimum while nothing was counted) and its own."""
    b = np.array(triples, dtype=float).reshape(-1, 3)
    if b.size == 0:
        return [0.0] * len(BPS)
    lo, hi = b[0, 0], b[-1, 1]
    counts = b[:, 2]
    cum = np.cumsum(counts * BPS[-1] / (counts.sum() or 1.0))
    out = []
    for bp in BPS:
        nonempty = np.nonzero((cum > bp) & (counts > 0) & (cum != np.concatenate(([0.0], cum[:-1]))))[0]
        if len(nonempty) == 0:
            out.append(float(hi))
            continue
        i = nonempty[0]
        prev = cum[i - 1] if i > 0 else 0.0
        left = lo if (i == 0 or prev == 0) else max(b[i - 1, 1], lo)
        right = min(b[i, 1], hi)
        out.append(float(left + (bp - prev) * (right - left) / (cum[i] - prev)))
    # once a basis point finds no bucket, the rest are the maximum too
    return out


def rebin(steps_triples):
    allb = np.concatenate([np.array(t, dtype=float).reshape(-1, 3) for t in steps_triples])
    allb = allb[allb[:, 2] > 0]
    lo, hi = allb[:, 0].min(), allb[:, 1].max()
    if hi == lo:
        lo, hi = lo - 0.5, hi + 0.5
    edges = np.linspace(lo, hi, BINS + 1)
    counts = []
    for triples in steps_triples:
        b = np.array(triples, dtype=float).reshape(-1, 3)
        b = b[b[:, 2] > 0]
        width = b[:, 1] - b[:, 0]
        # overlap of every bucket (rows) with every bin (columns)
        overlap = np.clip(np.minimum(b[:, 1:2], edges[None, 1:]) - np.maximum(b[:, 0:1], edges[None, :-1]), 0, None)
        share = np.where(width[:, None] > 0, overlap / np.where(width > 0, width, 1)[:, None], 0.0)
        c = (share * b[:, 2:3]).sum(axis=0)
        for left, count in b[width == 0][:, [0, 2]]:
            c[min(max(int(np.floor((left - lo) / ((hi - lo) / BINS))), 0), BINS - 1)] += count
        counts.append(c.tolist())
    return edges.tolist(), counts


def entry(pts):
    edges, counts = rebin([p[2] for p in pts])
    return {"steps": [p[0] for p in pts], "buckets": [p[2] for p in pts],
            "distribution": [distribution(p[2]) for p in pts], "edges": edges, "counts": counts}


def main():
    ref = {"bins": BINS, "runs": {}}
    sources = {
        "keras": os.path.join(KERAS, "logs", "mod1-reuters-1690485395", "train"),
        "pt": os.path.join(ROOT, "tests", "data", "tensorboard", "writer", "pt"),
        "tf2": os.path.join(ROOT, "tests", "data", "tensorboard", "writer", "tf2"),
    }
    keep = {"keras": ["dense_3/kernel_0/histogram", "dense_5/bias_0/histogram"]}
    for name, folder in sources.items():
        hs = histograms(folder)
        ref["runs"][name] = {tag: entry(pts) for tag, pts in hs.items() if name not in keep or tag in keep[name]}
    # Hand-made buckets for the corner cases: empty buckets inside, a zero-width bucket, one value.
    ref["cases"] = {name: {"buckets": b, "distribution": distribution(b)} for name, b in {
        "gap": [[0, 1, 2], [1, 2, 0], [2, 3, 0], [3, 4, 2]],
        "leading_empty": [[-5, -4, 0], [-4, 0, 4], [0, 4, 4]],
        "single_value": [[2.5, 2.5, 0], [2.5, 2.5, 7]],
        "no_count": [[0, 1, 0], [1, 2, 0]],
    }.items()}
    with open(OUT, "w") as f:
        json.dump(ref, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print("wrote", OUT, os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()
