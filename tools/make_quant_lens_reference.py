#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes tests/data/compare/lens_expected.json: the error per quantization block and the
original-vs-dequantised 2-D histograms that core/analysis/QuantBlockError.h and PairScatter.h
must give for pairs of tests/data/compare/ (#18 item 3).

Independent of the C++ code: the files are read here with NumPy (a small GGUF and safetensors
reader below), the quantised tensors dequantised by tools/make_gguf_reference.py's NumPy
dequantisers (checked bit for bit against ggml's order of operations by tests/core/test_gguf.cpp),
llama.cpp's Q/K permutation applied to the original so that both sides are in the GGUF's layout,
and every measure computed in float64:
  per block of the quantised tensor's rows (32 or 256 elements, ggml's ne[0] direction)
    relative L2 = sqrt(Σ(o − q)² / Σo²), RMS = sqrt(Σ(o − q)² / n),
  pooled to at most (max_rows, max_cols) cells of ceil(rows / max_rows) × ceil(blocks / max_cols)
  blocks, each cell the largest of its blocks;
  the 2-D histogram of (original, dequantised) over one range [lo, hi] for both axes, lo and hi
  the smallest and largest value of either side, bin = floor((v − lo) · (bins / (hi − lo))),
  clipped to the last bin; NumPy's histogram2d on the same range is checked to agree. With a
  tail, the range is first trimmed to the central 1 − 2·tail of both sides' values by the rule of
  core/analysis/PairScatter.h (a 16 384-bin histogram over [min, max]).

Run after tools/make_quant_pairs.py: /usr/bin/python3 tools/make_quant_lens_reference.py
"""
import json
import os
import struct
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_gguf_reference as g  # noqa: E402

DIR = os.path.join(HERE, "..", "tests", "data", "compare")
TYPE_NAMES = {v: k for k, v in g.GGML.items()}
BLOCK = {"Q8_0": 32, "Q4_K": 256}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    n = struct.unpack_from("<Q", data, 0)[0]
    header = json.loads(data[8:8 + n])
    out = {}
    for name, t in header.items():
        if name == "__metadata__":
            continue
        assert t["dtype"] == "F16", t
        lo, hi = t["data_offsets"]
        out[name] = np.frombuffer(data[8 + n + lo:8 + n + hi], dtype="<f2").astype(np.float32).reshape(t["shape"])
    return out


def read_gguf(path):
    """{name: (ggml type name, float32 array in C order, shape = reversed ne)} and the metadata."""
    with open(path, "rb") as f:
        data = f.read()
    pos = 4
    version, n_tensors, n_kv = struct.unpack_from("<IQQ", data, pos)
    pos += 20

    def string():
        nonlocal pos
        n = struct.unpack_from("<Q", data, pos)[0]
        s = data[pos + 8:pos + 8 + n].decode("utf-8")
        pos += 8 + n
        return s

    def value(vtype):
        nonlocal pos
        if vtype == g.STRING:
            return string()
        if vtype == g.ARRAY:
            etype, n = struct.unpack_from("<IQ", data, pos)
            pos += 12
            return [value(etype) for _ in range(n)]
        fmt = g.SCALAR_FORMATS[vtype]
        v = struct.unpack_from(fmt, data, pos)[0]
        pos += struct.calcsize(fmt)
        return v

    meta = {}
    for _ in range(n_kv):
        key = string()
        vtype = struct.unpack_from("<I", data, pos)[0]
        pos += 4
        meta[key] = value(vtype)
    infos = []
    for _ in range(n_tensors):
        name = string()
        nd = struct.unpack_from("<I", data, pos)[0]
        ne = struct.unpack_from("<%dQ" % nd, data, pos + 4)
        ttype, offset = struct.unpack_from("<IQ", data, pos + 4 + 8 * nd)
        pos += 4 + 8 * nd + 12
        infos.append((name, list(ne), TYPE_NAMES[ttype], offset))
    align = meta.get("general.alignment", 32)
    start = pos + (align - pos % align) % align
    tensors = {}
    for name, ne, tname, offset in infos:
        shape = list(reversed(ne))
        count = int(np.prod(shape))
        if tname == "F32":
            arr = np.frombuffer(data, dtype="<f4", count=count, offset=start + offset)
        else:
            be = BLOCK[tname]
            nbytes = count // be * {"Q8_0": 34, "Q4_K": 144}[tname]
            arr = g.QUANTS[tname][1](data[start + offset:start + offset + nbytes])
        tensors[name] = (tname, np.asarray(arr, dtype=np.float32).reshape(shape))
    return tensors, meta


def permute(w, n_head):
    """llama.cpp's LlamaModel.permute: the original rows in the GGUF's order."""
    return w.reshape(n_head, 2, w.shape[0] // n_head // 2, *w.shape[1:]).swapaxes(1, 2).reshape(w.shape)


def block_errors(orig, deq, be, max_rows, max_cols):
    """orig and deq in the quantised tensor's layout, (rows, cols)."""
    o = orig.astype(np.float64).reshape(orig.shape[0], -1, be)
    q = deq.astype(np.float64).reshape(o.shape)
    dd = ((o - q) ** 2).sum(axis=2)
    oo = (o ** 2).sum(axis=2)
    rel = np.sqrt(dd / oo)
    rms = np.sqrt(dd / be)
    rows, blocks = rel.shape
    pr, pc = -(-rows // max_rows), -(-blocks // max_cols)

    def pool(m):
        cr, cc = -(-rows // pr), -(-blocks // pc)
        out = np.zeros((cr, cc))
        for r in range(cr):
            for c in range(cc):
                out[r, c] = m[r * pr:(r + 1) * pr, c * pc:(c + 1) * pc].max()
        return out.astype(np.float32)

    worst = np.unravel_index(np.argmax(rel), rel.shape)  # the first of equals in row-major order
    return {"rows": rows, "blocks_per_row": blocks, "pool_rows": pr, "pool_cols": pc,
            "relative": pool(rel).ravel().tolist(), "rms": pool(rms).ravel().tolist(),
            "worst_row": int(worst[0]), "worst_block": int(worst[1]), "worst_relative": float(rel[worst]),
            "max_rows": max_rows, "max_cols": max_cols}


def trimmed_range(v, lo, hi, tail, bins=1 << 14):
    scale = bins / (hi - lo)
    counts = np.bincount(np.clip(np.floor((v - lo) * scale).astype(np.int64), 0, bins - 1), minlength=bins)
    cut = tail * float(v.size)
    first = int(np.argmax(np.cumsum(counts) > cut))
    last = int(bins - 1 - np.argmax(np.cumsum(counts[::-1]) > cut))
    return lo + first / scale, lo + (last + 1) / scale


def scatter(x, y, bins, tail=0.0):
    x = x.astype(np.float32).ravel().astype(np.float64)
    y = y.astype(np.float32).ravel().astype(np.float64)
    lo, hi = min(x.min(), y.min()), max(x.max(), y.max())
    if tail > 0:
        lo, hi = trimmed_range(np.concatenate([x, y]), lo, hi, tail)
    scale = bins / (hi - lo)
    inside = (x >= lo) & (x <= hi) & (y >= lo) & (y <= hi)
    x, y, outside = x[inside], y[inside], int((~inside).sum())

    def index(v):
        return np.clip(np.floor((v - lo) * scale).astype(np.int64), 0, bins - 1)

    counts = np.zeros((bins, bins), dtype=np.int64)  # [y bin, x bin]
    np.add.at(counts, (index(y), index(x)), 1)
    numpy_counts, _, _ = np.histogram2d(y, x, bins=bins, range=[[lo, hi], [lo, hi]])
    differ = int(np.abs(numpy_counts - counts).sum())
    assert differ <= 2, f"histogram2d disagrees by {differ} points"
    return {"bins": bins, "tail": tail, "lo": lo, "hi": hi, "counts": counts.ravel().tolist(),
            "points": int(x.size), "outside": outside}


def main():
    hf = read_safetensors(os.path.join(DIR, "llama_hf.safetensors"))
    q8, meta = read_gguf(os.path.join(DIR, "llama_q8_0.gguf"))
    q4, _ = read_gguf(os.path.join(DIR, "llama_q4_k.gguf"))
    heads = {"attn_q": meta["llama.attention.head_count"], "attn_k": meta["llama.attention.head_count_kv"]}
    hf_names = json.load(open(os.path.join(DIR, "expected.json")))["hf_names"]

    def original(gguf_name):
        o = hf[hf_names[gguf_name]]
        kind = gguf_name.split(".")[2]
        return permute(o, heads[kind]) if kind in heads else o

    cases = []
    for a, b, name, max_rows, max_cols in [
            ("llama_hf.safetensors", "llama_q8_0.gguf", "blk.0.attn_q.weight", 512, 512),
            ("llama_hf.safetensors", "llama_q8_0.gguf", "blk.1.ffn_down.weight", 512, 512),
            ("llama_hf.safetensors", "llama_q8_0.gguf", "blk.1.ffn_down.weight", 5, 3),
            ("llama_hf.safetensors", "llama_q4_k.gguf", "blk.1.ffn_down.weight", 512, 512),
            ("llama_hf.safetensors", "llama_q4_k.gguf", "blk.0.ffn_gate.weight", 64, 512),
            ("llama_q8_0.gguf", "llama_hf.safetensors", "blk.0.attn_k.weight", 512, 512)]:
        files = {"llama_q8_0.gguf": q8, "llama_q4_k.gguf": q4}
        tname, deq = files[a if a.endswith(".gguf") else b][name]
        case = {"a": a, "b": b, "tensor": name, "type": tname}
        case.update(block_errors(original(name), deq, BLOCK[tname], max_rows, max_cols))
        cases.append(case)
    scatters = []
    for a, b, name, bins, tail in [("llama_hf.safetensors", "llama_q4_k.gguf", "blk.1.ffn_down.weight", 16, 0.0),
                                   ("llama_q8_0.gguf", "llama_hf.safetensors", "blk.0.attn_k.weight", 8, 0.0),
                                   ("llama_hf.safetensors", "llama_q4_k.gguf", "blk.1.ffn_down.weight", 12, 0.01)]:
        files = {"llama_q8_0.gguf": q8, "llama_q4_k.gguf": q4}
        _, deq = files[a if a.endswith(".gguf") else b][name]
        s = {"a": a, "b": b, "tensor": name, "original_is_b": a.endswith(".gguf")}
        s.update(scatter(original(name), deq, bins, tail))
        scatters.append(s)
    path = os.path.join(DIR, "lens_expected.json")
    with open(path, "w") as f:
        json.dump({"block_errors": cases, "scatters": scatters}, f, indent=1)
        f.write("\n")
    print(f"wrote {path}: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
