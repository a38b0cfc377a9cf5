// SPDX-License-Identifier: GPL-3.0-or-later
// A Hugging Face model's block graph, as Netron draws it, from its config.json (model_type) and
// the tensor names transformers writes: embeddings, then per layer [norm, attention, residual,
// norm, MLP, residual] (BERT: attention, residual, norm, MLP, residual, norm), then the final norm
// and the head. Each block holds the file's real tensors; the names follow modeling_llama.py
// (model.layers.N.self_attn.q_proj, mlp.gate_proj, input_layernorm, ...), modeling_gpt2.py
// (h.N.attn.c_attn, mlp.c_fc, ln_1, wte, ln_f) and modeling_bert.py
// (encoder.layer.N.attention.self.query, intermediate.dense, output.LayerNorm). A prefix before
// them ("model.", "transformer.", "bert.") is whatever the file has.
//
// Bad input is normal input: config values are only shown, never used as sizes; the layers are
// the ones the names hold (a name "layers.999999" makes one layer, not a million), so the block
// count is bounded by the tensor count.
#pragma once

#include "io/WeightFile.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ws {

struct FamilyBlock {
    std::string name;        // "model.layers.3.self_attn" (the tensors' common prefix) or "residual"
    std::string type;        // "Attention", "RMSNorm", "MLP", "Add", "Embedding", ...
    std::string detail;      // "4 heads, 2 KV heads, hidden 64" (from config.json)
    std::vector<int> tensors; // indices in WeightFile::tensors()
    int64_t params = 0;
    std::vector<int> inputs; // indices of the blocks it reads, in this list
    int layer = -1;          // its layer (index in FamilyGraph::layerNames), -1 outside the layers
};

struct FamilyGraph {
    std::string family;      // "llama", "gpt2", "bert" (model_type as config.json has it)
    int64_t layers = 0;      // layers found in the names
    std::vector<std::string> layerNames; // "model.layers.0", ... in layer order
    std::vector<FamilyBlock> blocks; // in drawing order, inputs before the blocks reading them
    std::string note;        // e.g. config.json's num_hidden_layers disagreeing with the names
};

// The block graph when `config` (metadata["config"]) names a known family (llama, mistral,
// qwen2, gpt2, bert) and the names fit it (at least one layer found); nullopt otherwise.
std::optional<FamilyGraph> familyGraph(const nlohmann::json& config, const std::vector<TensorInfo>& tensors);

} // namespace ws
