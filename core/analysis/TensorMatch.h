// SPDX-License-Identifier: GPL-3.0-or-later
// Pairing the tensors of two weight files by meaning (#18), for `weightscope-cli compare` and the
// inspector's Compare dock; analysis/TensorDiff.h then measures each pair. In order:
//   1. the same name;
//   2. the same name once spelt alike (tensorSpelling): "/" and "." are one separator (a native
//      model file's "dense_1/kernel" is its export's "dense_1.kernel"), Keras's ":0" goes, and a
//      Keras layer name is put in front where the reader lists it apart;
//   3. name maps (canonicalTensorName): Hugging Face ↔ GGUF for the llama/mistral/qwen2, gpt2,
//      phi and gemma families, after gguf-py's tensor_mapping.py ("model.layers.3.mlp.up_proj.weight"
//      = "blk.3.ffn_up.weight", "lm_head.weight" = "output.weight"), and Keras ↔ PyTorch parameter
//      names (kernel = weight, gamma/beta = weight/bias, moving_mean = running_mean);
//   4. what is left, by shape and order ("matched by position").
// Layouts: GGUF dims are already reversed by its reader (shape (rows, cols) in C order, as HF
// has them); 2-D tensors whose shapes are each other's reverse are compared transposed (Keras
// (in, out) vs PyTorch (out, in), GPT-2's Conv1D); a llama-family GGUF's attn_q/attn_k rows are
// compared with llama.cpp's Q/K permutation undone (heads from `<arch>.attention.head_count[_kv]`).
// Never silent: two tensors of one file that a map gives the same name are both marked
// Ambiguous and left unpaired, with a note naming the other; everything unpaired is listed.
#pragma once

#include "analysis/TensorDiff.h"
#include "io/WeightFile.h"

#include <string>
#include <vector>

namespace ws {

// Rows in A's order (unpaired ones included), then the tensors only B has, in B's order. No
// statistics yet: they cost a read of both tensors each (comparePair).
std::vector<DiffRow> matchTensors(const WeightFile& a, const WeightFile& b);

// Step 2's spelling: "dense/kernel:0" → "dense.kernel"; `layer` is put in front when the name
// does not start with it (Keras lists the first "kernel:0" of layer "dense" without it).
std::string tensorSpelling(const std::string& name, const std::string& layer = {});
// Step 3's name: the GGUF name for a Hugging Face one ("model.embed_tokens.weight" →
// "token_embd.weight"), PyTorch's parameter names for Keras's; other names unchanged. `arch` is
// the GGUF general.architecture where known ("gemma2" maps post_attention_layernorm to
// post_attention_norm, the others to ffn_norm).
std::string canonicalTensorName(const std::string& spelling, const std::string& arch = {});

// The transformer block a name belongs to ("blk.3.attn_q.weight", "model.layers.3.…", "h.3.…",
// "encoder.layer.3.…"): 3; -1 for none.
int transformerBlock(const std::string& name);

// The whole model's and every block's totals, from the rows' sums (blocks in order, then -1 for
// the tensors outside any block, then the model).
struct DiffTotal {
    int block = -1;      // -1: outside any block (embeddings, final norm, head)
    bool model = false;  // the whole model
    int tensors = 0;     // pairs with statistics
    DiffStats stats;
};
std::vector<DiffTotal> diffTotals(const std::vector<DiffRow>& rows);

// Compared rows by relative error, largest first (NaN after the numbers), then the rest in order.
void sortWorstFirst(std::vector<DiffRow>& rows);

const char* matchKindName(MatchKind kind);   // "name", "spelling", "name map", "position", ""
const char* diffStatusName(DiffStatus status); // "matched", "reshaped", "only in A", "only in B", "ambiguous"

} // namespace ws
