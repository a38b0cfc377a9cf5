#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the comparison pairs under tests/data/compare/ and the metrics they must give (#18).

A tiny llama-like model in Hugging Face's layout (safetensors, F16: the dtype checkpoints are
usually published in) and the GGUF files llama.cpp's convert_hf_to_gguf.py + llama-quantize
would make of it, in two quant types. There is no converter here, so this script does what the
converter does:
  - names: model.layers.N.self_attn.q_proj.weight -> blk.N.attn_q.weight, ... (gguf-py's
    tensor_mapping.py for MODEL_ARCH.LLAMA);
  - the Q/K rows permuted for llama.cpp's rotary embedding, LlamaModel.permute:
        w.reshape(n_head, 2, rows // n_head // 2, cols).swapaxes(1, 2).reshape(rows, cols)
    with n_head for attn_q and n_head_kv for attn_k;
  - dims written ggml-style (ne[0] = the fastest-varying dimension first);
  - 1-D norms kept in F32, the rest quantised; in the Q4_K file the tensors whose rows are not a
    multiple of 256 fall back to Q8_0, as llama-quantize does.
The quantisers and the GGUF container are those of tools/make_gguf_reference.py, whose output
the K-quant dequantisation tests (tests/core/test_gguf.cpp) check bit for bit against
ggml-quants.c's order of operations; the dequantised values used below are those same NumPy
dequantisers' (the C++ reader must give the same float32 values).

A Keras 2 MLP (tests/data/keras/keras2_mlp.h5) is written again in PyTorch's layout
(Linear weight (out, in), names "dense.weight") so that the (in, out) ↔ (out, in) transposition
is tested against a file that really has Keras's layout.

expected.json: for every pair, tensor by tensor (named by the GGUF/torch side), the metrics
computed here in float64 on the same float32 arrays with the permutation undone:
relative L2 ‖a − b‖/‖a‖, max |a − b|, cosine, SNR in dB 10·log10(Σa²/Σ(a−b)²), the share of
elements with a·b < 0, and the totals of the whole model.

Run: /usr/bin/python3 tools/make_quant_pairs.py
"""
import json
import os
import struct
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_gguf_reference as g  # noqa: E402
from make_safetensors_reference import write_safetensors  # noqa: E402

OUT = os.path.join(HERE, "..", "tests", "data", "compare")
KERAS_MLP = os.path.join(HERE, "..", "tests", "data", "keras", "keras2_mlp.h5")

VOCAB, HIDDEN, INTER, LAYERS, N_HEAD, N_HEAD_KV = 32, 32, 256, 2, 4, 2
HEAD_DIM = HIDDEN // N_HEAD


def permute(w, n_head):
    """llama.cpp's LlamaModel.permute, for a (rows, cols) array."""
    return w.reshape(n_head, 2, w.shape[0] // n_head // 2, *w.shape[1:]).swapaxes(1, 2).reshape(w.shape)


def hf_model(rng):
    """[(hf name, gguf name, float16 array, permute heads or 0)] in the order HF writes them."""
    t = [("model.embed_tokens.weight", "token_embd.weight", (VOCAB, HIDDEN), 0)]
    for n in range(LAYERS):
        h, b = f"model.layers.{n}.", f"blk.{n}."
        t += [(h + "self_attn.q_proj.weight", b + "attn_q.weight", (HIDDEN, HIDDEN), N_HEAD),
              (h + "self_attn.k_proj.weight", b + "attn_k.weight", (N_HEAD_KV * HEAD_DIM, HIDDEN), N_HEAD_KV),
              (h + "self_attn.v_proj.weight", b + "attn_v.weight", (N_HEAD_KV * HEAD_DIM, HIDDEN), 0),
              (h + "self_attn.o_proj.weight", b + "attn_output.weight", (HIDDEN, HIDDEN), 0),
              (h + "mlp.gate_proj.weight", b + "ffn_gate.weight", (INTER, HIDDEN), 0),
              (h + "mlp.up_proj.weight", b + "ffn_up.weight", (INTER, HIDDEN), 0),
              (h + "mlp.down_proj.weight", b + "ffn_down.weight", (HIDDEN, INTER), 0),
              (h + "input_layernorm.weight", b + "attn_norm.weight", (HIDDEN,), 0),
              (h + "post_attention_layernorm.weight", b + "ffn_norm.weight", (HIDDEN,), 0)]
    t += [("model.norm.weight", "output_norm.weight", (HIDDEN,), 0),
          ("lm_head.weight", "output.weight", (VOCAB, HIDDEN), 0)]
    out = []
    for hf, gg, shape, heads in t:
        if len(shape) == 1:
            x = 1 + 0.1 * rng.standard_normal(shape)
        else:
            x = rng.standard_normal(shape) / np.sqrt(shape[1])
        out.append((hf, gg, x.astype(np.float16), heads))
    return out


def snr_db(aa, dd):
    """None (JSON null) stands for +inf: no error at all (the F32 norms)."""
    return float(10 * np.log10(aa / dd)) if dd > 0 else None


def metrics(a, b):
    a = a.astype(np.float64).ravel()
    b = b.astype(np.float64).ravel()
    d = a - b
    aa, bb, dd = float(a @ a), float(b @ b), float(d @ d)
    return {"relative_l2": float(np.sqrt(dd / aa)), "max_abs": float(np.abs(d).max()),
            "cosine": float(a @ b / np.sqrt(aa * bb)), "snr_db": snr_db(aa, dd),
            "sign_flips": float(np.mean(a * b < 0)), "elements": int(a.size),
            "sums": {"aa": aa, "bb": bb, "ab": float(a @ b), "dd": dd}}


def totals(rows):
    aa = sum(r["sums"]["aa"] for r in rows)
    bb = sum(r["sums"]["bb"] for r in rows)
    ab = sum(r["sums"]["ab"] for r in rows)
    dd = sum(r["sums"]["dd"] for r in rows)
    return {"relative_l2": float(np.sqrt(dd / aa)), "cosine": float(ab / np.sqrt(aa * bb)),
            "snr_db": snr_db(aa, dd), "max_abs": max(r["max_abs"] for r in rows)}


def write_gguf_pair(name, model, quant_for):
    """quant_for(array) -> ggml type name; returns {gguf name: metrics against the HF values}."""
    kvs = [("general.architecture", g.STRING, "llama"), ("general.name", g.STRING, "compare reference"),
           ("llama.block_count", g.U32, LAYERS), ("llama.embedding_length", g.U32, HIDDEN),
           ("llama.attention.head_count", g.U32, N_HEAD), ("llama.attention.head_count_kv", g.U32, N_HEAD_KV),
           ("general.quantization_version", g.U32, 2)]
    tensors, expected = [], {}
    for _, gg, x, heads in model:
        a = x.astype(np.float32)
        w = permute(a, heads) if heads else a
        qtype = quant_for(w)
        if qtype == "F32":
            raw, deq = w.astype("<f4").tobytes(), w
        else:
            raw = g.QUANTS[qtype][0](w.ravel())
            deq = g.QUANTS[qtype][1](raw).reshape(w.shape)
        tensors.append((gg, list(reversed(w.shape)), qtype, raw))
        # The comparison undoes the permutation: HF row order on both sides.
        back = deq
        if heads:
            back = deq.reshape(heads, w.shape[0] // heads // 2, 2, *w.shape[1:]).swapaxes(1, 2).reshape(w.shape)
            assert np.array_equal(permute(back, heads), deq)
        m = metrics(a, back)
        m["type"] = qtype
        expected[gg] = m
    g.write_gguf(os.path.join(OUT, name), kvs, tensors)
    return {"tensors": expected, "total": totals(list(expected.values()))}


def keras_as_torch():
    """keras2_mlp.h5's Dense layers in PyTorch's layout: weight (out, in), bias."""
    import h5py
    tensors = []
    with h5py.File(KERAS_MLP, "r") as f:
        for layer in ("dense", "dense_1"):
            group = f["model_weights"][layer][layer]
            kernel = np.asarray(group["kernel:0"], dtype=np.float32)
            bias = np.asarray(group["bias:0"], dtype=np.float32)
            w = np.ascontiguousarray(kernel.T)
            tensors.append((layer + ".weight", "F32", w.shape, w.astype("<f4").tobytes()))
            tensors.append((layer + ".bias", "F32", bias.shape, bias.astype("<f4").tobytes()))
    write_safetensors(os.path.join(OUT, "keras2_mlp_torch.safetensors"), tensors, {"format": "pt"})


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(18)
    model = hf_model(rng)
    write_safetensors(os.path.join(OUT, "llama_hf.safetensors"),
                      [(hf, "F16", x.shape, x.astype("<f2").tobytes()) for hf, _, x, _ in model], {"format": "pt"})
    expected = {"hf_names": {gg: hf for hf, gg, _, _ in model}}
    expected["llama_q8_0.gguf"] = write_gguf_pair(
        "llama_q8_0.gguf", model, lambda w: "F32" if w.ndim == 1 else "Q8_0")
    expected["llama_q4_k.gguf"] = write_gguf_pair(
        "llama_q4_k.gguf", model, lambda w: "F32" if w.ndim == 1 else "Q4_K" if w.shape[-1] % 256 == 0 else "Q8_0")
    keras_as_torch()
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")
    total = sum(os.path.getsize(os.path.join(OUT, n)) for n in os.listdir(OUT))
    print(f"wrote {OUT}: {total} bytes")


if __name__ == "__main__":
    main()
