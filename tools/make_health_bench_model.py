#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a model for the health report benchmarks in docs/benchmarks.md, into the file given
(outside the repository). By default a ~104 M-parameter float32 safetensors model (~415 MB):
  model.embed_tokens.weight   32000 × 1024
  4 blocks: q/k/v/o_proj 1024 × 1024, mlp.up_proj 4096 × 1024, mlp.down_proj 1024 × 4096, two norms
  model.proj.weight           4608 × 4608  (smaller side above 4096: the randomized method)
With --llama-1b, Llama-3.2-1B's layout in bfloat16 as Meta ships it (1.24 B parameters, 2.5 GB):
  model.embed_tokens.weight   128256 × 2048 (tied to the head: no lm_head)
  16 blocks: q/o_proj 2048 × 2048, k/v_proj 512 × 2048, gate/up_proj 8192 × 2048,
             down_proj 2048 × 8192, two norms;  model.norm.weight
Weights are N(0, 0.02²) with a few rank-1 spikes per matrix (a trained layer's outliers), so that
the report has something to find; the values themselves do not change the timing.

Usage: /usr/bin/python3 tools/make_health_bench_model.py [--llama-1b] /tmp/health100m.safetensors
"""
import json
import struct
import sys

import numpy as np


def llama_1b():
    yield "model.embed_tokens.weight", (128256, 2048)
    for i in range(16):
        p = f"model.layers.{i}."
        for n, shape in (("q_proj", (2048, 2048)), ("k_proj", (512, 2048)), ("v_proj", (512, 2048)),
                         ("o_proj", (2048, 2048))):
            yield p + f"self_attn.{n}.weight", shape
        for n, shape in (("gate_proj", (8192, 2048)), ("up_proj", (8192, 2048)), ("down_proj", (2048, 8192))):
            yield p + f"mlp.{n}.weight", shape
        yield p + "input_layernorm.weight", (2048,)
        yield p + "post_attention_layernorm.weight", (2048,)
    yield "model.norm.weight", (2048,)


def bf16_bytes(w):
    """float32 → bfloat16 by rounding to nearest even, as torch's .to(torch.bfloat16) does."""
    u = w.astype(np.float32).view(np.uint32)
    return ((u + 0x7FFF + ((u >> 16) & 1)) >> 16).astype(np.uint16).tobytes()


def tensors():
    yield "model.embed_tokens.weight", (32000, 1024)
    for i in range(4):
        p = f"model.layers.{i}."
        for n in ("q_proj", "k_proj", "v_proj", "o_proj"):
            yield p + f"self_attn.{n}.weight", (1024, 1024)
        yield p + "mlp.up_proj.weight", (4096, 1024)
        yield p + "mlp.down_proj.weight", (1024, 4096)
        yield p + "input_layernorm.weight", (1024,)
        yield p + "post_attention_layernorm.weight", (1024,)
    yield "model.proj.weight", (4608, 4608)


def main():
    args = sys.argv[1:]
    big = "--llama-1b" in args
    args = [a for a in args if a != "--llama-1b"]
    if len(args) != 1:
        sys.exit(__doc__)
    path = args[0]
    dtype, size = ("BF16", 2) if big else ("F32", 4)
    rng = np.random.default_rng(1)
    entries, header, offset = list(llama_1b() if big else tensors()), {"__metadata__": {"format": "pt"}}, 0
    for name, shape in entries:
        n = size * int(np.prod(shape))
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [offset, offset + n]}
        offset += n
    blob = json.dumps(header).encode()
    blob += b" " * (-len(blob) % 8)
    encode = bf16_bytes if big else (lambda w: w.tobytes())
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(blob)) + blob)
        for name, shape in entries:
            if len(shape) == 1:
                f.write(encode(np.ones(shape, np.float32)))
                continue
            w = rng.standard_normal(shape, dtype=np.float32) * np.float32(0.02)
            for k in range(3):  # spikes well above the bulk edge 0.02 (√N + √M)
                u = rng.standard_normal(shape[0]).astype(np.float32)
                v = rng.standard_normal(shape[1]).astype(np.float32)
                s = 0.02 * (np.sqrt(shape[0]) + np.sqrt(shape[1])) * (3 - k)
                w += np.float32(s) * np.outer(u / np.linalg.norm(u), v / np.linalg.norm(v)).astype(np.float32)
            f.write(encode(w))
    print(path, sum(int(np.prod(s)) for _, s in entries), "parameters")


if __name__ == "__main__":
    main()
