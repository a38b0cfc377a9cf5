#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the safetensors reference files under tests/data/safetensors/ and expected.json.

The `safetensors` Python package is not in Debian, so the container is written here by hand,
following the format of huggingface/safetensors (README, "Format"): 8-byte little-endian header
length N, N bytes of JSON, then the packed data buffer. Element bytes come from real libraries:
torch for BF16 and F16 (round-to-nearest-even as PyTorch does it), NumPy for everything else.
torch 1.13 has no float8 types, so the F8 tensors hold all 256 byte codes and their values are
decoded here from the OCP 8-bit floating point specification (E4M3FN and E5M2).

expected.json holds, per file and tensor, the dtype, shape, the values as float32 (what
WeightFile::read returns; NaN and infinities as strings) and NumPy float64 statistics of those
float32 values over the finite elements (population std).

Run: /usr/bin/python3 tools/make_safetensors_reference.py
"""
import json
import math
import os
import struct

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "safetensors")


def write_safetensors(path, tensors, metadata=None):
    """tensors: list of (name, dtype string, shape, raw little-endian bytes)."""
    header = {}
    if metadata is not None:
        header["__metadata__"] = metadata
    offset = 0
    for name, dtype, shape, raw in tensors:
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for _, _, _, raw in tensors:
            f.write(raw)


def f8_e4m3fn(code):
    s = -1.0 if code & 0x80 else 1.0
    e, m = (code >> 3) & 0xF, code & 0x7
    if e == 0xF and m == 0x7:
        return float("nan")
    if e == 0:
        return s * m / 8.0 * 2.0 ** -6
    return s * (1 + m / 8.0) * 2.0 ** (e - 7)


def f8_e5m2(code):
    s = -1.0 if code & 0x80 else 1.0
    e, m = (code >> 2) & 0x1F, code & 0x3
    if e == 0x1F:
        return float("nan") if m else s * float("inf")
    if e == 0:
        return s * m / 4.0 * 2.0 ** -14
    return s * (1 + m / 4.0) * 2.0 ** (e - 15)


def encode(v):
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def stats(values32):
    v = np.asarray(values32, dtype=np.float32).astype(np.float64).ravel()
    finite = v[np.isfinite(v)]
    out = {
        "count": int(v.size),
        "finite": int(finite.size),
        "nans": int(np.isnan(v).sum()),
        "infs": int(np.isinf(v).sum()),
        "zeros": int((v == 0).sum()),
        "l2": float(np.sqrt(np.sum(finite * finite))),
    }
    if finite.size:
        out.update(min=float(finite.min()), max=float(finite.max()), mean=float(finite.mean()),
                   std=float(finite.std()))
    return out


def entry(name, dtype, shape, raw, values32, with_values=True):
    """A tensor for the file and its expectations."""
    values32 = np.asarray(values32, dtype=np.float32).reshape(-1)
    exp = {"name": name, "dtype": dtype, "shape": list(shape), "stats": stats(values32)}
    if with_values:
        exp["values"] = [encode(x) for x in values32]
    else:
        exp["first_values"] = [encode(x) for x in values32[:16]]
    return (name, dtype, shape, raw), exp


def torch_half(name, dtype, shape, values):
    t = torch.tensor(values, dtype=torch.bfloat16 if dtype == "BF16" else torch.float16).reshape(shape)
    raw = t.contiguous().view(torch.int16).numpy().astype("<i2").tobytes()
    return entry(name, dtype, shape, raw, t.float().numpy())


def numpy_tensor(name, dtype, shape, array):
    a = np.asarray(array).reshape(shape)
    le = a.astype(a.dtype.newbyteorder("<"))
    with np.errstate(over="ignore"):  # 1e300 becomes inf in float32, as in WeightFile::read
        return entry(name, dtype, shape, le.tobytes(), a.astype(np.float32))


def main():
    os.makedirs(os.path.join(OUT, "sharded"), exist_ok=True)
    rng = np.random.default_rng(20240501)
    expected = {}

    special = [0.0, -0.0, 1.0, -2.5, 3.140625, 1e-3, 65504.0, 1e-8, float("inf"), float("-inf"), float("nan"), 7.0]
    codes = np.arange(256, dtype=np.uint8)
    items = [
        numpy_tensor("f64", "F64", [2, 3], np.array([0.1, -1.5, 1e300, -1e-300, 3.0, 0.0], dtype=np.float64)),
        numpy_tensor("f32", "F32", [3, 4], rng.standard_normal(12).astype(np.float32)),
        numpy_tensor("f32_special", "F32", [12], np.array(special, dtype=np.float32)),
        torch_half("f16", "F16", [2, 6], special),
        torch_half("bf16", "BF16", [4, 5], list(rng.standard_normal(20) * 0.02)),
        entry("f8_e4m3", "F8_E4M3", [256], codes.tobytes(), [f8_e4m3fn(int(c)) for c in codes]),
        entry("f8_e5m2", "F8_E5M2", [16, 16], codes.tobytes(), [f8_e5m2(int(c)) for c in codes]),
        numpy_tensor("i64", "I64", [5], np.array([-(2 ** 40), -1, 0, 1, 2 ** 53], dtype=np.int64)),
        numpy_tensor("i32", "I32", [2, 2], np.array([-(2 ** 31), -7, 0, 2 ** 31 - 1], dtype=np.int32)),
        numpy_tensor("i16", "I16", [4], np.array([-32768, -1, 0, 32767], dtype=np.int16)),
        numpy_tensor("i8", "I8", [4], np.array([-128, -1, 0, 127], dtype=np.int8)),
        numpy_tensor("u8", "U8", [4], np.array([0, 1, 128, 255], dtype=np.uint8)),
        numpy_tensor("u16", "U16", [3], np.array([0, 1, 65535], dtype=np.uint16)),
        numpy_tensor("u32", "U32", [3], np.array([0, 1, 2 ** 32 - 1], dtype=np.uint32)),
        numpy_tensor("u64", "U64", [3], np.array([0, 1, 2 ** 64 - 1], dtype=np.uint64)),
        entry("bool", "BOOL", [5], bytes([1, 0, 1, 1, 0]), [1, 0, 1, 1, 0]),
        numpy_tensor("scalar", "F32", [], np.array(42.5, dtype=np.float32)),
        numpy_tensor("empty", "F32", [0, 3], np.zeros((0, 3), dtype=np.float32)),
    ]
    # Several statistics chunks (64K elements each) to check the merge against NumPy.
    big = rng.integers(-128, 128, size=70000, dtype=np.int8)
    items.append(entry("i8_big", "I8", [700, 100], big.tobytes(), big.astype(np.float32), with_values=False))
    meta = {"format": "pt", "producer": "tools/make_safetensors_reference.py"}
    write_safetensors(os.path.join(OUT, "dtypes.safetensors"), [i[0] for i in items], meta)
    expected["dtypes.safetensors"] = {"format": "safetensors", "metadata": meta, "tensors": [i[1] for i in items]}

    # A tiny Llama-shaped model in two shards, as transformers' save_pretrained lays it out.
    torch.manual_seed(0)
    hidden, vocab, inter = 8, 16, 12
    names_shapes = [
        ("model.embed_tokens.weight", [vocab, hidden]),
        ("model.layers.0.input_layernorm.weight", [hidden]),
        ("model.layers.0.mlp.down_proj.weight", [hidden, inter]),
        ("model.layers.0.mlp.gate_proj.weight", [inter, hidden]),
        ("model.layers.0.mlp.up_proj.weight", [inter, hidden]),
        ("model.layers.0.self_attn.q_proj.weight", [hidden, hidden]),
        ("model.norm.weight", [hidden]),
        ("lm_head.weight", [vocab, hidden]),
    ]
    shard_names = ["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"]
    shards = {s: [] for s in shard_names}
    weight_map = {}
    tensors_exp = {}
    total = 0
    for k, (name, shape) in enumerate(names_shapes):
        shard = shard_names[0] if k < 4 else shard_names[1]
        item = torch_half(name, "BF16", shape, (torch.randn(shape) * 0.1).flatten().tolist())
        shards[shard].append(item[0])
        weight_map[name] = shard
        tensors_exp[name] = item[1]
        total += len(item[0][3])
    for s in shard_names:
        write_safetensors(os.path.join(OUT, "sharded", s), shards[s], {"format": "pt"})
    weight_map = dict(sorted(weight_map.items()))  # transformers writes the map sorted by name
    with open(os.path.join(OUT, "sharded", "model.safetensors.index.json"), "w") as f:
        json.dump({"metadata": {"total_size": total}, "weight_map": weight_map}, f, indent=2)
    config = {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": hidden,
              "intermediate_size": inter, "num_hidden_layers": 1, "num_attention_heads": 2,
              "vocab_size": vocab, "torch_dtype": "bfloat16"}
    with open(os.path.join(OUT, "sharded", "config.json"), "w") as f:
        json.dump(config, f, indent=2)
    expected["sharded"] = {"format": "safetensors (sharded)", "config": config,
                           "tensors": [tensors_exp[n] for n in weight_map]}

    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)


if __name__ == "__main__":
    main()
