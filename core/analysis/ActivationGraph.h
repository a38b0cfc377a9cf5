// SPDX-License-Identifier: GPL-3.0-or-later
// Which nodes of a graph file (ONNX) a drawing of the model should show, and which boxes each
// reads: the nodes on the path of activations from the graph's inputs. Exporters write many
// nodes that only compute shapes (PyTorch's x.view(x.size(0), -1) becomes Shape, Gather,
// Unsqueeze, Concat before the Reshape) or fold constants; a drawing with those as boxes hides
// the network. The architecture view (ui/inspector) draws what this keeps.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ws {

struct GraphNodeIO {
    std::string opType;
    std::vector<std::string> inputs, outputs; // value names; "" is an omitted optional input
};

struct ActivationGraph {
    std::vector<int> kept; // indices of the nodes shown, in file order
    // Per kept node, what it reads: index into `kept` (k >= 0) or graph input j as -1 - j; each
    // producer once, in the order of the node's inputs.
    std::vector<std::vector<int>> reads;
};

// A node is shown when it reads an activation: a graph input or the output of a shown node.
// Shape and Size read activations but give shapes, not activations, so they are never shown;
// nodes that read only initializers, constants and shapes are folded away. Nodes must come in
// topological order (ONNX requires it); a value read before it is written counts as a constant.
// When the graph has no inputs or nothing reads them, every node is shown (the file's order
// then is all there is to draw).
ActivationGraph activationGraph(const std::vector<GraphNodeIO>& nodes, const std::vector<std::string>& graphInputs);

// The same from a graph as WeightFile::metadata()["graph"] holds it (io/OnnxReader: "nodes" with
// "op_type", "inputs", "outputs"; "inputs" with "name"). Entries of the wrong type read as empty:
// the metadata came from a file.
std::vector<GraphNodeIO> graphNodes(const nlohmann::json& graph);
std::vector<std::string> graphInputNames(const nlohmann::json& graph);

} // namespace ws
