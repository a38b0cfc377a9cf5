#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes tiny Hugging Face model folders under tests/data/family/: config.json and
model.safetensors, with the tensor names and shapes transformers gives them (modeling_llama.py,
modeling_gpt2.py, modeling_bert.py; nn.Linear weights are (out, in), GPT-2's Conv1D (in, out)).

  llama/    LlamaForCausalLM, 2 layers, hidden 16, 4 heads, 2 KV heads (q/k/v/o, gate/up/down)
  llama32/  the same with 32 layers and hidden 8 (the collapsed-layers view and its timing)
  gpt2/     GPT2LMHeadModel as the Hub stores it (no "transformer." prefix, lm_head tied), 2 layers
  bert/     BertForMaskedLM ("bert." prefix, pooler, cls.predictions head), 2 layers

The values are random (NumPy, fixed seed); only names, shapes and config matter here.

Run: /usr/bin/python3 tools/make_family_reference.py
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_safetensors_reference import write_safetensors  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "family")
rng = np.random.default_rng(16)


def folder(name, config, shapes):
    path = os.path.join(OUT, name)
    os.makedirs(path, exist_ok=True)
    tensors = [(n, "F32", s, rng.standard_normal(s).astype("<f4").tobytes()) for n, s in shapes]
    write_safetensors(os.path.join(path, "model.safetensors"), tensors, {"format": "pt"})
    with open(os.path.join(path, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")


def llama(layers, hidden, inter=32, heads=4, kv=2, vocab=32):
    head = hidden // heads
    shapes = [("model.embed_tokens.weight", (vocab, hidden))]
    for i in range(layers):
        p = f"model.layers.{i}."
        shapes += [(p + "self_attn.q_proj.weight", (hidden, hidden)), (p + "self_attn.k_proj.weight", (kv * head, hidden)),
                   (p + "self_attn.v_proj.weight", (kv * head, hidden)), (p + "self_attn.o_proj.weight", (hidden, hidden)),
                   (p + "mlp.gate_proj.weight", (inter, hidden)), (p + "mlp.up_proj.weight", (inter, hidden)),
                   (p + "mlp.down_proj.weight", (hidden, inter)), (p + "input_layernorm.weight", (hidden,)),
                   (p + "post_attention_layernorm.weight", (hidden,))]
    shapes += [("model.norm.weight", (hidden,)), ("lm_head.weight", (vocab, hidden))]
    config = {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": hidden,
              "intermediate_size": inter, "num_attention_heads": heads, "num_hidden_layers": layers,
              "num_key_value_heads": kv, "vocab_size": vocab, "rms_norm_eps": 1e-6, "torch_dtype": "float32"}
    return config, shapes


def gpt2(layers=2, hidden=16, vocab=32, positions=8):
    shapes = [("wte.weight", (vocab, hidden)), ("wpe.weight", (positions, hidden))]
    for i in range(layers):
        p = f"h.{i}."
        shapes += [(p + "ln_1.weight", (hidden,)), (p + "ln_1.bias", (hidden,)),
                   (p + "attn.c_attn.weight", (hidden, 3 * hidden)), (p + "attn.c_attn.bias", (3 * hidden,)),
                   (p + "attn.c_proj.weight", (hidden, hidden)), (p + "attn.c_proj.bias", (hidden,)),
                   (p + "ln_2.weight", (hidden,)), (p + "ln_2.bias", (hidden,)),
                   (p + "mlp.c_fc.weight", (hidden, 4 * hidden)), (p + "mlp.c_fc.bias", (4 * hidden,)),
                   (p + "mlp.c_proj.weight", (4 * hidden, hidden)), (p + "mlp.c_proj.bias", (hidden,))]
    shapes += [("ln_f.weight", (hidden,)), ("ln_f.bias", (hidden,))]
    config = {"architectures": ["GPT2LMHeadModel"], "model_type": "gpt2", "n_embd": hidden, "n_head": 4,
              "n_layer": layers, "n_positions": positions, "vocab_size": vocab}
    return config, shapes


def bert(layers=2, hidden=16, inter=64, vocab=32, positions=8):
    def linear(p, o, i):
        return [(p + ".weight", (o, i)), (p + ".bias", (o,))]

    def norm(p):
        return [(p + ".weight", (hidden,)), (p + ".bias", (hidden,))]

    shapes = [("bert.embeddings.word_embeddings.weight", (vocab, hidden)),
              ("bert.embeddings.position_embeddings.weight", (positions, hidden)),
              ("bert.embeddings.token_type_embeddings.weight", (2, hidden))] + norm("bert.embeddings.LayerNorm")
    for i in range(layers):
        p = f"bert.encoder.layer.{i}."
        for x in ("query", "key", "value"):
            shapes += linear(p + "attention.self." + x, hidden, hidden)
        shapes += linear(p + "attention.output.dense", hidden, hidden) + norm(p + "attention.output.LayerNorm")
        shapes += linear(p + "intermediate.dense", inter, hidden) + linear(p + "output.dense", hidden, inter)
        shapes += norm(p + "output.LayerNorm")
    shapes += linear("bert.pooler.dense", hidden, hidden)
    shapes += linear("cls.predictions.transform.dense", hidden, hidden) + norm("cls.predictions.transform.LayerNorm")
    shapes += [("cls.predictions.bias", (vocab,))]
    config = {"architectures": ["BertForMaskedLM"], "model_type": "bert", "hidden_size": hidden,
              "intermediate_size": inter, "num_attention_heads": 4, "num_hidden_layers": layers,
              "max_position_embeddings": positions, "type_vocab_size": 2, "vocab_size": vocab}
    return config, shapes


folder("llama", *llama(2, 16))
folder("llama32", *llama(32, 8, inter=8, heads=2, kv=1, vocab=8))
folder("gpt2", *gpt2())
folder("bert", *bert())
