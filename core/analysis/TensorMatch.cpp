// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/TensorMatch.h"

#include "io/KerasVariableNames.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>
#include <utility>

namespace ws {

namespace {

bool startsWith(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

bool allDigits(const std::string& s)
{
    return !s.empty() && s.size() <= 6 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Hugging Face module path inside a block → GGUF name (gguf-py's tensor_mapping.py,
// MODEL_TENSOR.ATTN_Q ... FFN_DOWN, for LLAMA, QWEN2, GPT2, PHI2, PHI3, GEMMA, GEMMA2).
const std::map<std::string, std::string>& blockNames()
{
    static const std::map<std::string, std::string> m = {
        { "self_attn.q_proj", "attn_q" },
        { "self_attn.k_proj", "attn_k" },
        { "self_attn.v_proj", "attn_v" },
        { "self_attn.o_proj", "attn_output" },
        { "self_attn.dense", "attn_output" },  // phi2
        { "self_attn.qkv_proj", "attn_qkv" },  // phi3
        { "self_attn.q_norm", "attn_q_norm" }, // qwen3, gemma3
        { "self_attn.k_norm", "attn_k_norm" },
        { "mlp.gate_proj", "ffn_gate" },
        { "mlp.up_proj", "ffn_up" },
        { "mlp.down_proj", "ffn_down" },
        { "mlp.fc1", "ffn_up" },               // phi2
        { "mlp.fc2", "ffn_down" },
        { "mlp.gate_up_proj", "ffn_up" },      // phi3
        { "input_layernorm", "attn_norm" },
        { "post_attention_layernorm", "ffn_norm" },
        { "pre_feedforward_layernorm", "ffn_norm" },      // gemma2
        { "post_feedforward_layernorm", "post_ffw_norm" }, // gemma2
        { "ln_1", "attn_norm" },               // gpt2
        { "ln_2", "ffn_norm" },
        { "attn.c_attn", "attn_qkv" },
        { "attn.c_proj", "attn_output" },
        { "mlp.c_fc", "ffn_up" },
        { "mlp.c_proj", "ffn_down" },
    };
    return m;
}

// Outside the blocks, after "model." or "transformer.".
const std::map<std::string, std::string>& topNames()
{
    static const std::map<std::string, std::string> m = {
        { "embed_tokens", "token_embd" },
        { "wte", "token_embd" },               // gpt2
        { "wpe", "position_embd" },
        { "norm", "output_norm" },
        { "final_layernorm", "output_norm" },  // phi2
        { "ln_f", "output_norm" },             // gpt2
        { "lm_head", "output" },
    };
    return m;
}

// Keras parameter names → PyTorch's.
const std::map<std::string, std::string>& kerasParams()
{
    static const std::map<std::string, std::string> m = {
        { "kernel", "weight" }, { "gamma", "weight" }, { "beta", "bias" }, { "embeddings", "weight" },
        { "moving_mean", "running_mean" }, { "moving_variance", "running_var" },
    };
    return m;
}

// "x.weight" → ("x", ".weight"); a name without a parameter suffix keeps it all.
std::pair<std::string, std::string> splitParam(const std::string& s)
{
    for (const char* suffix : { ".weight", ".bias" })
        if (s.size() > std::string(suffix).size() && s.ends_with(suffix))
            return { s.substr(0, s.size() - std::string(suffix).size()), suffix };
    return { s, "" };
}

std::string hfToGguf(const std::string& s, const std::string& arch)
{
    auto [path, param] = splitParam(s);
    if (param.empty())
        return s;
    for (const char* prefix : { "model.", "transformer." })
        if (startsWith(path, prefix)) {
            path = path.substr(std::string(prefix).size());
            break;
        }
    if (const auto it = topNames().find(path); it != topNames().end())
        return it->second + param;
    for (const char* blocks : { "layers.", "h." }) {
        if (!startsWith(path, blocks))
            continue;
        const size_t dot = path.find('.', std::string(blocks).size());
        const std::string n = path.substr(std::string(blocks).size(), dot == std::string::npos ? std::string::npos : dot - std::string(blocks).size());
        if (dot == std::string::npos || !allDigits(n))
            return s;
        const std::string inner = path.substr(dot + 1);
        std::string mapped;
        if (inner == "post_attention_layernorm" && (arch == "gemma2" || arch == "gemma3"))
            mapped = "post_attention_norm";
        else if (const auto it = blockNames().find(inner); it != blockNames().end())
            mapped = it->second;
        else
            return s;
        return "blk." + n + "." + mapped + param;
    }
    return s;
}

std::string ggufArch(const WeightFile& f)
{
    if (f.format() != "gguf")
        return {};
    const auto it = f.metadata().find("general.architecture");
    return it != f.metadata().end() && it->is_string() ? it->get<std::string>() : std::string();
}

int64_t metadataCount(const WeightFile& f, const std::string& key)
{
    const auto it = f.metadata().find(key);
    return it != f.metadata().end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

double bitsPerWeight(const TensorInfo& t)
{
    return t.bitsPerWeight > 0 ? t.bitsPerWeight : 8.0 * double(dtypeSize(t.dtype));
}

bool reversed2D(const Shape& a, const Shape& b) { return a.size() == 2 && b.size() == 2 && a[0] == b[1] && a[1] == b[0]; }

// The names a side gives its unpaired tensors under steps 2 and 3.
struct Keys {
    std::vector<std::string> spelling, key;
    std::unordered_map<std::string, std::vector<size_t>> byKey; // unpaired tensors only
};

Keys keysOf(const WeightFile& f, const std::vector<int64_t>& partner, const std::string& arch)
{
    // A .keras file's store paths ("layers/dense_1/vars/0") are spelt by their Keras names
    // ("out_a/kernel", io/KerasVariableNames.h), as a Keras 2 .h5 of the model names them
    // ("out_a/kernel:0"); without them the two paired by position only.
    const std::map<std::string, std::string> keras = kerasVariableNames(f);
    Keys k;
    for (size_t i = 0; i < f.tensors().size(); ++i) {
        const TensorInfo& t = f.tensors()[i];
        const auto named = keras.find(t.name);
        k.spelling.push_back(named != keras.end() ? tensorSpelling(named->second) : tensorSpelling(t.name, t.layer));
        k.key.push_back(canonicalTensorName(k.spelling.back(), arch));
        if (partner[i] < 0)
            k.byKey[k.key.back()].push_back(i);
    }
    return k;
}

std::string listNames(const WeightFile& f, const std::vector<size_t>& which)
{
    std::string s;
    for (size_t i : which)
        s += (s.empty() ? "'" : ", '") + f.tensors()[i].name + "'";
    return s;
}

// The layout of a pair; a Q/K permutation that cannot be undone says why in `note`.
PairLayout layoutOf(const WeightFile& a, const WeightFile& b, const TensorInfo& ta, const TensorInfo& tb,
    MatchKind how, const std::string& key, std::string& note)
{
    PairLayout layout;
    if (ta.shape != tb.shape) {
        layout.transposed = reversed2D(ta.shape, tb.shape);
        return layout;
    }
    const bool ggufA = a.format() == "gguf", ggufB = b.format() == "gguf";
    const std::string arch = ggufA ? ggufArch(a) : ggufArch(b);
    // llama.cpp permutes Q and K for its rotary embedding in LlamaModel (llama, mistral, ...);
    // an HF name mapped onto a GGUF one is the converter's input, so its rows are in HF order.
    if (ggufA == ggufB || how != MatchKind::NameMap || arch != "llama")
        return layout;
    const auto [path, param] = splitParam(key);
    const bool q = path.ends_with(".attn_q"), k = path.ends_with(".attn_k");
    if (!q && !k)
        return layout;
    const WeightFile& g = ggufA ? a : b;
    const int64_t heads = metadataCount(g, arch + ".attention.head_count");
    const int64_t kvHeads = metadataCount(g, arch + ".attention.head_count_kv");
    layout.heads = q ? heads : (kvHeads > 0 ? kvHeads : heads);
    layout.permutedInB = ggufB;
    try {
        if (layout.heads <= 0)
            throw Error(g.path() + " gives no " + arch + ".attention.head_count");
        PairIndex check(ta.shape, layout);
    } catch (const Error& e) {
        note = std::string("the Q/K permutation is not undone: ") + e.what();
        layout.heads = 0;
    }
    return layout;
}

} // namespace

std::string tensorSpelling(const std::string& name, const std::string& layer)
{
    std::string s = name;
    if (const size_t colon = s.rfind(':'); colon != std::string::npos && allDigits(s.substr(colon + 1)))
        s.erase(colon);
    std::replace(s.begin(), s.end(), '/', '.');
    std::string prefix = layer;
    std::replace(prefix.begin(), prefix.end(), '/', '.');
    if (!prefix.empty() && s != prefix && !startsWith(s, prefix + "."))
        s = prefix + "." + s;
    return s;
}

std::string canonicalTensorName(const std::string& spelling, const std::string& arch)
{
    std::string s = spelling;
    const size_t dot = s.rfind('.');
    const std::string last = s.substr(dot == std::string::npos ? 0 : dot + 1);
    if (const auto it = kerasParams().find(last); it != kerasParams().end())
        s = s.substr(0, s.size() - last.size()) + it->second;
    return hfToGguf(s, arch);
}

int transformerBlock(const std::string& name)
{
    std::string s = name;
    std::replace(s.begin(), s.end(), '/', '.');
    std::vector<std::string> parts;
    for (size_t at = 0;;) {
        const size_t dot = s.find('.', at);
        parts.push_back(s.substr(at, dot == std::string::npos ? std::string::npos : dot - at));
        if (dot == std::string::npos)
            break;
        at = dot + 1;
    }
    for (size_t i = 0; i + 1 < parts.size(); ++i)
        if ((parts[i] == "blk" || parts[i] == "layers" || parts[i] == "layer" || parts[i] == "h" || parts[i] == "blocks"
                || parts[i] == "block")
            && allDigits(parts[i + 1]))
            return std::stoi(parts[i + 1]);
    return -1;
}

std::vector<DiffRow> matchTensors(const WeightFile& a, const WeightFile& b)
{
    const std::vector<TensorInfo>& ta = a.tensors();
    const std::vector<TensorInfo>& tb = b.tensors();
    std::vector<int64_t> partnerA(ta.size(), -1), partnerB(tb.size(), -1);
    std::vector<MatchKind> how(ta.size(), MatchKind::None);
    std::vector<std::string> noteA(ta.size()), noteB(tb.size());
    std::vector<bool> ambiguousA(ta.size(), false), ambiguousB(tb.size(), false);
    auto pair = [&](size_t i, size_t j, MatchKind kind) {
        partnerA[i] = int64_t(j);
        partnerB[j] = int64_t(i);
        how[i] = kind;
    };

    // 1. The same name.
    std::unordered_map<std::string, size_t> nameB;
    for (size_t j = 0; j < tb.size(); ++j)
        nameB.emplace(tb[j].name, j);
    for (size_t i = 0; i < ta.size(); ++i)
        if (const auto it = nameB.find(ta[i].name); it != nameB.end() && partnerB[it->second] < 0)
            pair(i, it->second, MatchKind::Name);

    // 2 and 3. Spelling and name maps; a name two tensors share is reported, never guessed.
    std::string arch = ggufArch(a);
    if (arch.empty())
        arch = ggufArch(b);
    const Keys ka = keysOf(a, partnerA, arch), kb = keysOf(b, partnerB, arch);
    for (const auto& [key, inA] : ka.byKey) {
        const auto it = kb.byKey.find(key);
        if (it == kb.byKey.end())
            continue;
        const std::vector<size_t>& inB = it->second;
        if (inA.size() == 1 && inB.size() == 1) {
            const size_t i = inA.front(), j = inB.front();
            pair(i, j, ka.spelling[i] == kb.spelling[j] ? MatchKind::Spelling : MatchKind::NameMap);
            continue;
        }
        const std::string note = "'" + key + "' is the name of " + listNames(a, inA) + " in A and of "
            + listNames(b, inB) + " in B: not paired";
        for (size_t i : inA) {
            ambiguousA[i] = true;
            noteA[i] = note;
        }
        for (size_t j : inB) {
            ambiguousB[j] = true;
            noteB[j] = note;
        }
    }

    // 4. By shape and order: each left-over tensor of A takes the next left-over one of B that
    // has its shape (or its transpose).
    size_t from = 0;
    for (size_t i = 0; i < ta.size(); ++i) {
        if (partnerA[i] >= 0 || ambiguousA[i])
            continue;
        for (size_t j = from; j < tb.size(); ++j)
            if (partnerB[j] < 0 && !ambiguousB[j] && (ta[i].shape == tb[j].shape || reversed2D(ta[i].shape, tb[j].shape))) {
                pair(i, j, MatchKind::Position);
                from = j + 1;
                break;
            }
    }

    std::vector<DiffRow> rows;
    for (size_t i = 0; i < ta.size(); ++i) {
        DiffRow row;
        row.name = ta[i].name;
        row.indexA = int64_t(i);
        row.shapeA = ta[i].shape;
        row.bitsA = bitsPerWeight(ta[i]);
        row.block = transformerBlock(ka.key[i]);
        row.note = noteA[i];
        row.how = how[i];
        if (partnerA[i] < 0) {
            row.status = ambiguousA[i] ? DiffStatus::Ambiguous : DiffStatus::OnlyInA;
        } else {
            const TensorInfo& t = tb[size_t(partnerA[i])];
            row.indexB = partnerA[i];
            row.shapeB = t.shape;
            row.bitsB = bitsPerWeight(t);
            if (t.name != row.name)
                row.nameB = t.name;
            if (row.block < 0)
                row.block = transformerBlock(kb.key[size_t(partnerA[i])]);
            row.layout = layoutOf(a, b, ta[i], t, row.how, ka.key[i], row.note);
            row.status = row.shapeA == row.shapeB || row.layout.transposed ? DiffStatus::Matched : DiffStatus::Reshaped;
        }
        rows.push_back(std::move(row));
    }
    for (size_t j = 0; j < tb.size(); ++j)
        if (partnerB[j] < 0) {
            DiffRow row;
            row.name = tb[j].name;
            row.status = ambiguousB[j] ? DiffStatus::Ambiguous : DiffStatus::OnlyInB;
            row.indexB = int64_t(j);
            row.shapeB = tb[j].shape;
            row.bitsB = bitsPerWeight(tb[j]);
            row.block = transformerBlock(kb.key[j]);
            row.note = noteB[j];
            rows.push_back(std::move(row));
        }
    return rows;
}

std::vector<DiffTotal> diffTotals(const std::vector<DiffRow>& rows)
{
    std::map<int, std::vector<const DiffStats*>> byBlock;
    std::vector<const DiffStats*> all;
    for (const DiffRow& r : rows)
        if (r.stats.computed) {
            byBlock[r.block].push_back(&r.stats);
            all.push_back(&r.stats);
        }
    std::vector<DiffTotal> totals;
    for (const auto& [block, parts] : byBlock)
        if (block >= 0)
            totals.push_back({ block, false, int(parts.size()), combine(parts) });
    if (const auto it = byBlock.find(-1); it != byBlock.end())
        totals.push_back({ -1, false, int(it->second.size()), combine(it->second) });
    totals.push_back({ -1, true, int(all.size()), combine(all) });
    return totals;
}

void sortWorstFirst(std::vector<DiffRow>& rows)
{
    auto rank = [](const DiffRow& r) { return !r.stats.computed ? 2 : std::isnan(r.stats.relativeL2) ? 1 : 0; };
    std::stable_sort(rows.begin(), rows.end(), [&](const DiffRow& x, const DiffRow& y) {
        const int rx = rank(x), ry = rank(y);
        if (rx != ry)
            return rx < ry;
        return rx == 0 && x.stats.relativeL2 > y.stats.relativeL2;
    });
}

const char* matchKindName(MatchKind kind)
{
    switch (kind) {
    case MatchKind::Name: return "name";
    case MatchKind::Spelling: return "spelling";
    case MatchKind::NameMap: return "name map";
    case MatchKind::Position: return "position";
    case MatchKind::None: break;
    }
    return "";
}

const char* diffStatusName(DiffStatus status)
{
    switch (status) {
    case DiffStatus::Matched: return "matched";
    case DiffStatus::Reshaped: return "reshaped";
    case DiffStatus::OnlyInA: return "only in A";
    case DiffStatus::OnlyInB: return "only in B";
    case DiffStatus::Ambiguous: return "ambiguous";
    }
    return "";
}

} // namespace ws
