// SPDX-License-Identifier: GPL-3.0-or-later
// Hugging Face family block graphs (core/analysis/ModelFamily): a config.json and tensor names,
// both from the file. The input's first part is the config, each line of the second part a
// tensor name (FuzzInput.h: parts cut at "--ws-fuzz-part--"). The graph must stay bounded by
// the names: no block without a tensor's layer behind it, every input an earlier block.
#include "FuzzInput.h"

#include "analysis/ModelFamily.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::vector<std::string_view> parts = ws::fuzz::splitParts(data, size);
    const nlohmann::json config = nlohmann::json::parse(parts[0].begin(), parts[0].end(), nullptr, false);
    std::vector<ws::TensorInfo> tensors;
    if (parts.size() > 1)
        for (size_t start = 0; start <= parts[1].size();) {
            const size_t end = std::min(parts[1].find('\n', start), parts[1].size());
            ws::TensorInfo t;
            t.name = std::string(parts[1].substr(start, end - start));
            t.shape = { 2 };
            tensors.push_back(std::move(t));
            start = end + 1;
        }
    const std::optional<ws::FamilyGraph> g = ws::familyGraph(config, tensors);
    if (!g)
        return 0;
    if (g->blocks.size() > 16 * tensors.size() + 16 || size_t(g->layers) > tensors.size())
        std::abort(); // more blocks than the names justify
    for (size_t b = 0; b < g->blocks.size(); ++b)
        for (int from : g->blocks[b].inputs)
            if (from < 0 || size_t(from) >= b)
                std::abort(); // an arrow from a later block, or from nowhere
    return 0;
}
