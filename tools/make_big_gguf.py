#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes GGUF files for the benchmarks in docs/benchmarks.md (never committed):

  DIR/ws-bench-llama7b-q4k.gguf  the layout of a Llama-2-7B Q4_K_M file: 291 tensors (token_embd
      32000 x 4096 Q4_K, 32 blocks of attention Q4_K/Q6_K, ffn 11008 x 4096 Q4_K/Q6_K, F32
      norms, output Q6_K), a 32000-token tokenizer, 4.3 GB. The tensor data is a sparse
      hole except blk.0.ffn_up.weight, which holds random valid Q4_K blocks, so the file takes
      little disk space; listing it reads only the header.
  DIR/ws-bench-ffn-q4k.gguf      that one 4096 x 11008 Q4_K tensor alone (25 MB), for
      `inspect --stats`.

Run: /usr/bin/python3 tools/make_big_gguf.py [DIR]   (default /tmp)
"""
import os
import struct
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_gguf_reference import ARRAY, F32, GGML, I32, STRING, U32, gguf_string, gguf_value  # noqa: E402

ALIGN = 32
BLOCK_BYTES = {"F32": 4, "Q4_K": 144, "Q6_K": 210}
BLOCK_ELEMENTS = {"F32": 1, "Q4_K": 256, "Q6_K": 256}


def random_q4k(n_elements, rng):
    """Valid Q4_K blocks: d = 0.001, dmin = 0.0005 (float16), random 6-bit scales and 4-bit quants."""
    blocks = n_elements // 256
    raw = rng.integers(0, 256, (blocks, 144), dtype=np.uint8)
    head = np.array([np.float16(0.001), np.float16(0.0005)], dtype=np.float16).view(np.uint8)
    raw[:, 0:4] = head
    return raw.tobytes()


def write(path, kvs, tensors, filled):
    """tensors: list of (name, ne, type); filled: {name: bytes}; other tensors are holes."""
    head = bytearray(b"GGUF" + struct.pack("<IQQ", 3, len(tensors), len(kvs)))
    for key, vtype, value in kvs:
        head += gguf_string(key) + struct.pack("<I", vtype) + gguf_value(vtype, value)
    offset = 0
    placed = []
    for name, ne, tname in tensors:
        n = int(np.prod(ne))
        size = n // BLOCK_ELEMENTS[tname] * BLOCK_BYTES[tname]
        head += gguf_string(name) + struct.pack("<I", len(ne)) + b"".join(struct.pack("<Q", d) for d in ne)
        head += struct.pack("<IQ", GGML[tname], offset)
        placed.append((name, offset, size))
        offset += size + (ALIGN - size % ALIGN) % ALIGN
    head += b"\0" * ((ALIGN - len(head) % ALIGN) % ALIGN)
    start = len(head)
    with open(path, "wb") as f:
        f.write(head)
        for name, off, size in placed:
            if name in filled:
                f.seek(start + off)
                f.write(filled[name])
        f.truncate(start + offset)
    return start + offset


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "/tmp"
    rng = np.random.default_rng(1)
    tokens = ["<unk>", "<s>", "</s>"] + [f"<0x{i:02X}>" for i in range(256)] + [f"tok{i}" for i in range(32000 - 259)]
    kvs = [
        ("general.architecture", STRING, "llama"), ("general.name", STRING, "benchmark llama 7b layout"),
        ("general.file_type", U32, 15), ("general.quantization_version", U32, 2),
        ("llama.context_length", U32, 4096), ("llama.embedding_length", U32, 4096),
        ("llama.block_count", U32, 32), ("llama.feed_forward_length", U32, 11008),
        ("llama.attention.head_count", U32, 32), ("llama.attention.head_count_kv", U32, 32),
        ("llama.rope.dimension_count", U32, 128), ("llama.attention.layer_norm_rms_epsilon", F32, 1e-5),
        ("tokenizer.ggml.model", STRING, "llama"),
        ("tokenizer.ggml.tokens", ARRAY, (STRING, tokens)),
        ("tokenizer.ggml.scores", ARRAY, (F32, [float(-i) for i in range(32000)])),
        ("tokenizer.ggml.token_type", ARRAY, (I32, [2, 3, 3] + [6] * 256 + [1] * (32000 - 259))),
    ]
    tensors = [("token_embd.weight", [4096, 32000], "Q4_K")]
    for i in range(32):
        p = f"blk.{i}."
        tensors += [(p + "attn_norm.weight", [4096], "F32"), (p + "attn_q.weight", [4096, 4096], "Q4_K"),
                    (p + "attn_k.weight", [4096, 4096], "Q4_K"), (p + "attn_v.weight", [4096, 4096], "Q6_K"),
                    (p + "attn_output.weight", [4096, 4096], "Q4_K"), (p + "ffn_gate.weight", [4096, 11008], "Q4_K"),
                    (p + "ffn_up.weight", [4096, 11008], "Q4_K"), (p + "ffn_down.weight", [11008, 4096], "Q6_K"),
                    (p + "ffn_norm.weight", [4096], "F32")]
    tensors += [("output_norm.weight", [4096], "F32"), ("output.weight", [4096, 32000], "Q6_K")]
    ffn = random_q4k(4096 * 11008, rng)
    big = os.path.join(out, "ws-bench-llama7b-q4k.gguf")
    size = write(big, kvs, tensors, {"blk.0.ffn_up.weight": ffn})
    print(f"{big}: {len(tensors)} tensors, {size / 1e9:.2f} GB")
    small = os.path.join(out, "ws-bench-ffn-q4k.gguf")
    size = write(small, kvs[:1], [("blk.0.ffn_up.weight", [4096, 11008], "Q4_K")], {"blk.0.ffn_up.weight": ffn})
    print(f"{small}: 1 tensor, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
