// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/InitializerReaders.h"

#include "analysis/ActivationGraph.h"

#include <deque>
#include <set>
#include <unordered_map>

namespace ws {

namespace {

constexpr size_t kMaxReadsLookedAt = 4096; // per initializer

} // namespace

std::string inputRole(const std::string& opType, int input)
{
    if (opType == "Conv" || opType == "ConvTranspose" || opType == "Gemm" || opType == "LayerNormalization"
        || opType == "InstanceNormalization")
        return input == 1 ? "weight" : input == 2 ? "bias" : "";
    if (opType == "MatMul")
        return input == 0 || input == 1 ? "weight" : "";
    if (opType == "BatchNormalization") {
        static const char* const roles[] = { "", "weight", "bias", "running_mean", "running_var" };
        return input >= 0 && input < 5 ? roles[input] : "";
    }
    return "";
}

bool isGeneratedTensorName(const std::string& name) { return name.rfind("onnx::", 0) == 0; }

std::map<std::string, InitializerReader> initializerReaders(const nlohmann::json& graph, const std::vector<std::string>& names)
{
    const std::vector<GraphNodeIO> nodes = graphNodes(graph);
    std::vector<std::string> nodeNames(nodes.size());
    if (const auto list = graph.find("nodes"); list != graph.end() && list->is_array())
        for (size_t i = 0; i < nodes.size() && i < list->size(); ++i)
            if (const auto n = (*list)[i].find("name"); (*list)[i].is_object() && n != (*list)[i].end() && n->is_string())
                nodeNames[i] = n->get<std::string>();
    // value -> (node, input) of every reader, in file order
    std::unordered_map<std::string, std::vector<std::pair<size_t, int>>> readersOf;
    for (size_t i = 0; i < nodes.size(); ++i)
        for (size_t k = 0; k < nodes[i].inputs.size(); ++k)
            if (!nodes[i].inputs[k].empty())
                readersOf[nodes[i].inputs[k]].push_back({ i, int(k) });
    std::map<std::string, InitializerReader> out;
    for (const std::string& name : names) {
        // Breadth-first through Identity nodes; `seen` ends a hostile file's Identity cycle and
        // `budget` its fan-outs (a real graph reads a weight through at most one Identity).
        InitializerReader reader;
        std::deque<std::string> values { name };
        std::set<std::string> seen { name };
        size_t first = nodes.size();
        size_t budget = kMaxReadsLookedAt;
        while (!values.empty() && budget > 0) {
            const auto it = readersOf.find(values.front());
            values.pop_front();
            if (it == readersOf.end())
                continue;
            for (const auto& [i, k] : it->second) {
                if (budget-- == 0)
                    break;
                if (nodes[i].opType == "Identity") {
                    for (const std::string& o : nodes[i].outputs)
                        if (!o.empty() && seen.insert(o).second)
                            values.push_back(o);
                    continue;
                }
                ++reader.readers;
                if (i < first) {
                    first = i;
                    reader.node = nodeNames[i].empty() ? nodes[i].opType : nodeNames[i];
                    reader.opType = nodes[i].opType;
                    reader.input = k;
                }
            }
        }
        if (reader.readers > 0) {
            reader.role = inputRole(reader.opType, reader.input);
            out.emplace(name, std::move(reader));
        }
    }
    return out;
}

} // namespace ws
