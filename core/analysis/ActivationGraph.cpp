// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/ActivationGraph.h"

#include <algorithm>
#include <unordered_map>

namespace ws {

namespace {

std::string text(const nlohmann::json& j, const char* key)
{
    const auto it = j.is_object() ? j.find(key) : j.end();
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> texts(const nlohmann::json& j, const char* key)
{
    std::vector<std::string> out;
    const auto it = j.is_object() ? j.find(key) : j.end();
    if (it != j.end() && it->is_array())
        for (const nlohmann::json& v : *it)
            out.push_back(v.is_string() ? v.get<std::string>() : std::string());
    return out;
}

const nlohmann::json& list(const nlohmann::json& graph, const char* key)
{
    static const nlohmann::json empty = nlohmann::json::array();
    const auto it = graph.is_object() ? graph.find(key) : graph.end();
    return it != graph.end() && it->is_array() ? *it : empty;
}

ActivationGraph build(const std::vector<GraphNodeIO>& nodes, const std::vector<std::string>& graphInputs, bool all)
{
    ActivationGraph g;
    std::unordered_map<std::string, int> producer; // activation value -> k or -1 - j
    for (size_t j = 0; j < graphInputs.size(); ++j)
        producer.emplace(graphInputs[j], -1 - int(j));
    for (size_t i = 0; i < nodes.size(); ++i) {
        const GraphNodeIO& node = nodes[i];
        std::vector<int> reads;
        for (const std::string& input : node.inputs) {
            const auto it = input.empty() ? producer.end() : producer.find(input);
            if (it != producer.end() && std::find(reads.begin(), reads.end(), it->second) == reads.end())
                reads.push_back(it->second);
        }
        const bool shapeOnly = node.opType == "Shape" || node.opType == "Size";
        if (!all && (reads.empty() || shapeOnly))
            continue;
        const int k = int(g.kept.size());
        g.kept.push_back(int(i));
        g.reads.push_back(std::move(reads));
        for (const std::string& output : node.outputs)
            if (!output.empty())
                producer[output] = k;
    }
    return g;
}

} // namespace

ActivationGraph activationGraph(const std::vector<GraphNodeIO>& nodes, const std::vector<std::string>& graphInputs)
{
    ActivationGraph g = build(nodes, graphInputs, false);
    if (g.kept.empty())
        g = build(nodes, graphInputs, true);
    return g;
}

std::vector<GraphNodeIO> graphNodes(const nlohmann::json& graph)
{
    std::vector<GraphNodeIO> nodes;
    for (const nlohmann::json& n : list(graph, "nodes"))
        nodes.push_back({ text(n, "op_type"), texts(n, "inputs"), texts(n, "outputs") });
    return nodes;
}

std::vector<std::string> graphInputNames(const nlohmann::json& graph)
{
    std::vector<std::string> names;
    for (const nlohmann::json& v : list(graph, "inputs"))
        names.push_back(text(v, "name"));
    return names;
}

} // namespace ws
