#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a sparse, sharded safetensors checkpoint with Llama-2-7B's layout (bf16, 291 tensors,
6.74 B parameters, ~13.5 GB in two shards plus model.safetensors.index.json and config.json)
into the folder given, for the listing benchmark in docs/benchmarks.md. The tensor data are
holes (zeros): only the headers are real, which is all that listing reads.

Usage: /usr/bin/python3 tools/make_big_sharded_safetensors.py /tmp/st7b
"""
import json
import os
import struct
import sys

HIDDEN, FFN, LAYERS, VOCAB = 4096, 11008, 32, 32000


def tensors():
    yield "model.embed_tokens.weight", (VOCAB, HIDDEN)
    for i in range(LAYERS):
        p = f"model.layers.{i}."
        for n in ("q_proj", "k_proj", "v_proj", "o_proj"):
            yield p + f"self_attn.{n}.weight", (HIDDEN, HIDDEN)
        yield p + "mlp.gate_proj.weight", (FFN, HIDDEN)
        yield p + "mlp.up_proj.weight", (FFN, HIDDEN)
        yield p + "mlp.down_proj.weight", (HIDDEN, FFN)
        yield p + "input_layernorm.weight", (HIDDEN,)
        yield p + "post_attention_layernorm.weight", (HIDDEN,)
    yield "model.norm.weight", (HIDDEN,)
    yield "lm_head.weight", (VOCAB, HIDDEN)


def write_shard(path, entries):
    header, offset = {"__metadata__": {"format": "pt"}}, 0
    for name, shape in entries:
        n = 2
        for d in shape:
            n *= d
        header[name] = {"dtype": "BF16", "shape": list(shape), "data_offsets": [offset, offset + n]}
        offset += n
    blob = json.dumps(header, separators=(",", ":")).encode()
    blob += b" " * (-len(blob) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(blob)))
        f.write(blob)
        f.truncate(8 + len(blob) + offset)  # a hole, not written data


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    all_tensors = list(tensors())
    half = len(all_tensors) // 2
    shards = [all_tensors[:half], all_tensors[half:]]
    weight_map = {}
    for k, entries in enumerate(shards):
        name = f"model-{k + 1:05d}-of-{len(shards):05d}.safetensors"
        write_shard(os.path.join(out, name), entries)
        weight_map.update({n: name for n, _ in entries})
    with open(os.path.join(out, "model.safetensors.index.json"), "w") as f:
        json.dump({"metadata": {"total_size": 0}, "weight_map": weight_map}, f)
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump({"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": HIDDEN,
                   "intermediate_size": FFN, "num_hidden_layers": LAYERS, "vocab_size": VOCAB}, f)


if __name__ == "__main__":
    main()
