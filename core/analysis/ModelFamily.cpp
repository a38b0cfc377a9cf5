// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/ModelFamily.h"

#include <charconv>
#include <map>

namespace ws {

namespace {

// A block outside the layers, found by a run of name components anywhere in the name.
struct OuterSpec {
    const char* type;
    std::vector<const char*> keys; // "embed_tokens" matches "model.embed_tokens.weight"
};

// A block of one layer: the tensors whose name after "layers.N." starts with one of `keys`
// (none for a residual Add); `in` names the steps it reads, -1 for the layer's input.
struct StepSpec {
    const char* type;
    const char* label;
    std::vector<const char*> keys;
    std::vector<int> in;
};

struct FamilySpec {
    const char* container; // "layers" in "model.layers.3.mlp.up_proj.weight"
    std::vector<OuterSpec> pre, post;
    std::vector<StepSpec> steps;
};

// Pre-norm decoder blocks (llama, mistral, qwen2, gpt2): x + attn(norm(x)), then y + mlp(norm(y)).
std::vector<StepSpec> preNorm(const char* norm, const char* norm1, const char* attn, const char* norm2, const char* mlp)
{
    return { { norm, norm1, { norm1 }, { -1 } }, { "Attention", attn, { attn }, { 0 } }, { "Add", "residual", {}, { 1, -1 } },
        { norm, norm2, { norm2 }, { 2 } }, { "MLP", mlp, { mlp }, { 3 } }, { "Add", "residual", {}, { 4, 2 } } };
}

const FamilySpec* specFor(const std::string& modelType)
{
    static const FamilySpec llama { "layers", { { "Embedding", { "embed_tokens" } } },
        { { "RMSNorm", { "norm" } }, { "Linear", { "lm_head" } } },
        preNorm("RMSNorm", "input_layernorm", "self_attn", "post_attention_layernorm", "mlp") };
    static const FamilySpec gpt2 { "h", { { "Embedding", { "wte", "wpe" } } },
        { { "LayerNorm", { "ln_f" } }, { "Linear", { "lm_head" } } }, preNorm("LayerNorm", "ln_1", "attn", "ln_2", "mlp") };
    // BERT is post-norm: norm(x + attn(x)), then norm(y + mlp(y)).
    static const FamilySpec bert { "layer", { { "Embedding", { "embeddings" } } },
        { { "Pooler", { "pooler" } }, { "Head", { "cls" } }, { "Linear", { "classifier" } }, { "Linear", { "qa_outputs" } } },
        { { "Attention", "attention", { "attention.self", "attention.output.dense" }, { -1 } },
            { "Add", "residual", {}, { 0, -1 } }, { "LayerNorm", "attention.output.LayerNorm", { "attention.output.LayerNorm" }, { 1 } },
            { "MLP", "intermediate", { "intermediate", "output.dense" }, { 2 } }, { "Add", "residual", {}, { 3, 2 } },
            { "LayerNorm", "output.LayerNorm", { "output.LayerNorm" }, { 4 } } } };
    if (modelType == "llama" || modelType == "mistral" || modelType == "qwen2")
        return &llama;
    if (modelType == "gpt2")
        return &gpt2;
    if (modelType == "bert")
        return &bert;
    return nullptr;
}

// Component-wise: "attention.output.dense" is in "bert.encoder.layer.0.attention.output.dense.weight"
// but "norm" is not in "input_layernorm.weight".
bool hasComponents(const std::string& name, const std::string& key) { return ("." + name + ".").find("." + key + ".") != std::string::npos; }
bool startsWithComponents(const std::string& rest, const std::string& key) { return ("." + rest + ".").rfind("." + key + ".", 0) == 0; }

// "model.layers.3.mlp.up_proj.weight" with container "layers": prefix "model.layers.3", layer 3,
// rest "mlp.up_proj.weight". False when the name is outside the layers.
bool splitLayer(const std::string& name, const std::string& container, std::string& prefix, uint64_t& layer, std::string& rest)
{
    const std::string needle = container + ".";
    for (size_t at = name.find(needle); at != std::string::npos; at = name.find(needle, at + 1)) {
        if (at > 0 && name[at - 1] != '.')
            continue;
        const size_t digits = at + needle.size();
        const size_t dot = name.find('.', digits);
        if (dot == std::string::npos || dot == digits || dot - digits > 9)
            continue;
        const auto [end, ec] = std::from_chars(name.data() + digits, name.data() + dot, layer);
        if (ec != std::errc() || end != name.data() + dot)
            continue;
        prefix = name.substr(0, dot);
        rest = name.substr(dot + 1);
        return true;
    }
    return false;
}

std::optional<int64_t> intOf(const nlohmann::json& config, std::initializer_list<const char*> keys)
{
    for (const char* key : keys) {
        const auto it = config.find(key);
        if (it != config.end() && it->is_number_integer())
            return it->get<int64_t>();
    }
    return std::nullopt;
}

std::string detailFor(const std::string& type, const nlohmann::json& config)
{
    const auto hidden = intOf(config, { "hidden_size", "n_embd" });
    std::string d;
    const auto add = [&d](const std::string& s) { d += (d.empty() ? "" : ", ") + s; };
    if (type == "Attention") {
        if (const auto heads = intOf(config, { "num_attention_heads", "n_head" }))
            add(std::to_string(*heads) + " heads");
        if (const auto kv = intOf(config, { "num_key_value_heads" }))
            add(std::to_string(*kv) + " KV heads");
    }
    if (type == "MLP")
        if (const auto inner = intOf(config, { "intermediate_size", "n_inner" }))
            add("inner " + std::to_string(*inner));
    if (hidden && type != "Add")
        add("hidden " + std::to_string(*hidden));
    return d;
}

void take(FamilyBlock& block, int t, const std::vector<TensorInfo>& tensors)
{
    block.tensors.push_back(t);
    block.params += tensors[size_t(t)].numel();
}

} // namespace

std::optional<FamilyGraph> familyGraph(const nlohmann::json& config, const std::vector<TensorInfo>& tensors)
{
    if (!config.is_object() || !config.contains("model_type") || !config["model_type"].is_string())
        return std::nullopt;
    const std::string modelType = config["model_type"].get<std::string>();
    const FamilySpec* spec = specFor(modelType);
    if (!spec)
        return std::nullopt;

    // Sort every tensor into its block: per layer (in layer order) and step, or outside.
    struct Layer {
        std::string prefix;
        std::vector<FamilyBlock> steps;
    };
    std::map<uint64_t, Layer> layers;
    std::vector<FamilyBlock> pre(spec->pre.size()), post(spec->post.size());
    FamilyBlock other;
    other.type = "Other";
    other.name = "other tensors";
    for (size_t t = 0; t < tensors.size(); ++t) {
        const std::string& name = tensors[t].name;
        std::string prefix, rest;
        uint64_t index = 0;
        if (splitLayer(name, spec->container, prefix, index, rest)) {
            Layer& layer = layers[index];
            if (layer.steps.empty()) {
                layer.prefix = prefix;
                layer.steps.resize(spec->steps.size());
            }
            bool placed = false;
            for (size_t s = 0; s < spec->steps.size() && !placed; ++s)
                for (const char* key : spec->steps[s].keys)
                    if (!placed && startsWithComponents(rest, key)) {
                        take(layer.steps[s], int(t), tensors);
                        placed = true;
                    }
            if (!placed)
                take(other, int(t), tensors);
            continue;
        }
        bool placed = false;
        for (auto* outer : { &spec->pre, &spec->post })
            for (size_t o = 0; o < outer->size() && !placed; ++o)
                for (const char* key : (*outer)[o].keys)
                    if (!placed && hasComponents(name, key)) {
                        FamilyBlock& b = (outer == &spec->pre ? pre : post)[o];
                        take(b, int(t), tensors);
                        // Named as the file names it: "model.embed_tokens", "transformer.wte + wpe".
                        const std::string k = key;
                        if (b.name.empty())
                            b.name = name.substr(0, ("." + name).find("." + k + ".") + k.size());
                        else if (!hasComponents(b.name, k))
                            b.name += " + " + k;
                        placed = true;
                    }
        if (!placed)
            take(other, int(t), tensors);
    }
    if (layers.empty())
        return std::nullopt;

    FamilyGraph g;
    g.family = modelType;
    g.layers = int64_t(layers.size());
    int last = -1; // the block the next one reads
    const auto chainOuter = [&](std::vector<FamilyBlock>& blocks, const std::vector<OuterSpec>& specs) {
        for (size_t o = 0; o < blocks.size(); ++o) {
            if (blocks[o].tensors.empty())
                continue; // a tied lm_head is not in the file
            blocks[o].type = specs[o].type;
            blocks[o].detail = detailFor(blocks[o].type, config);
            if (last >= 0)
                blocks[o].inputs.push_back(last);
            g.blocks.push_back(std::move(blocks[o]));
            last = int(g.blocks.size()) - 1;
        }
    };
    chainOuter(pre, spec->pre);
    for (auto& [index, layer] : layers) {
        const int input = last, first = int(g.blocks.size());
        g.layerNames.push_back(layer.prefix);
        for (size_t s = 0; s < spec->steps.size(); ++s) {
            FamilyBlock& b = layer.steps[s];
            const StepSpec& step = spec->steps[s];
            b.type = step.type;
            b.name = layer.prefix + "." + step.label;
            b.layer = int(g.layerNames.size()) - 1;
            b.detail = detailFor(b.type, config);
            for (int from : step.in)
                if (from >= 0)
                    b.inputs.push_back(first + from);
                else if (input >= 0)
                    b.inputs.push_back(input);
            g.blocks.push_back(std::move(b));
        }
        last = int(g.blocks.size()) - 1;
    }
    chainOuter(post, spec->post);
    if (!other.tensors.empty())
        g.blocks.push_back(std::move(other));

    const auto declared = intOf(config, { "num_hidden_layers", "n_layer" });
    if (declared && *declared != g.layers)
        g.note = "config.json says num_hidden_layers " + std::to_string(*declared) + ", the tensor names hold "
            + std::to_string(g.layers) + " layers";
    return g;
}

} // namespace ws
