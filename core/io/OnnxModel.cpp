// SPDX-License-Identifier: GPL-3.0-or-later
// ONNX graph to engine Sequential (io/OnnxModel.h): checks the graph is a single-input chain,
// walks its nodes in order, dispatches each operator to its translation (OnnxOperators.cpp),
// then builds the model and copies in the weights. Also the converter's attribute and constant
// accessors and the NCHW/NHWC bookkeeping. The class itself: io/OnnxConverter.h.
#include "io/OnnxModel.h"

#include "io/OnnxConverter.h"
#include "nn/Activation.h"
#include "nn/Permute.h"
#include "nn/Pooling2D.h"
#include "util/Error.h"

#include <algorithm>

namespace ws::onnx_model {

namespace {

using json = nlohmann::json;

std::string nodeLabel(const OnnxNode& node, size_t index)
{
    const std::string name = node.name.empty() ? "#" + std::to_string(index) : "'" + node.name + "'";
    return "node " + name + " (" + node.opType + ")";
}

} // namespace

void Converter::fail(const std::string& what) const
{
    throw FormatError(file_ + ": " + (node_ ? nodeLabel(*node_, index_) + ": " : std::string()) + what);
}

int64_t Converter::intAttr(const char* key, int64_t fallback) const
{
    const auto it = node_->attributes.find(key);
    if (it == node_->attributes.end())
        return fallback;
    if (!it->is_number_integer())
        fail(std::string("attribute '") + key + "' is not an integer: " + it->dump());
    return it->get<int64_t>();
}

float Converter::floatAttr(const char* key, float fallback) const
{
    const auto it = node_->attributes.find(key);
    if (it == node_->attributes.end())
        return fallback;
    if (!it->is_number())
        fail(std::string("attribute '") + key + "' is not a number: " + it->dump());
    return it->get<float>();
}

std::vector<int64_t> Converter::intsAttr(const char* key, std::vector<int64_t> fallback) const
{
    const auto it = node_->attributes.find(key);
    if (it == node_->attributes.end())
        return fallback;
    if (!it->is_array() || !std::all_of(it->begin(), it->end(), [](const json& v) { return v.is_number_integer(); }))
        fail(std::string("attribute '") + key + "' is not a list of integers: " + it->dump());
    return it->get<std::vector<int64_t>>();
}

std::string Converter::stringAttr(const char* key, const std::string& fallback) const
{
    const auto it = node_->attributes.find(key);
    if (it == node_->attributes.end())
        return fallback;
    if (!it->is_string())
        fail(std::string("attribute '") + key + "' is not a string: " + it->dump());
    return it->get<std::string>();
}

void Converter::onlyAttributes(std::initializer_list<const char*> known) const
{
    // No structured binding: clang 14 (the fuzz preset) cannot capture one in the lambda.
    for (const auto& item : node_->attributes.items()) {
        const std::string& key = item.key();
        if (std::none_of(known.begin(), known.end(), [&](const char* k) { return key == k; }))
            fail("attribute '" + key + "' = " + item.value().dump() + " is not supported");
    }
}

std::optional<Tensor> Converter::constantInput(size_t i, bool required) const
{
    if (i >= node_->inputs.size() || node_->inputs[i].empty()) {
        if (required)
            fail("input " + std::to_string(i) + " is missing");
        return std::nullopt;
    }
    std::optional<Tensor> t = constants_(node_->inputs[i]);
    if (!t)
        fail("input " + std::to_string(i) + " '" + node_->inputs[i]
            + "' is not a constant (only chains whose weights are initializers can be run)");
    return t;
}

void Converter::requireImage(const char* what) const
{
    if (shape_.size() != 3)
        fail(std::string(what) + " needs an (N, C, H, W) input, got per-sample shape " + shapeToString(shape_));
}

void Converter::channelsLast()
{
    if (shape_.size() == 3 && !channelsLast_) {
        addNamed<Permute>("to_channels_last", std::vector<int> { 2, 3, 1 });
        channelsLast_ = true;
        biasTarget_.reset();
    }
}

void Converter::channelsFirst()
{
    if (shape_.size() == 3 && channelsLast_) {
        addNamed<Permute>("to_channels_first", std::vector<int> { 3, 1, 2 });
        channelsLast_ = false;
        biasTarget_.reset();
    }
}

Sequential Converter::run()
{
    if (graph_.inputs.size() != 1)
        fail("the graph has " + std::to_string(graph_.inputs.size())
            + " inputs besides its initializers; only single-input graphs can be run");
    if (graph_.outputs.size() != 1)
        fail("the graph has " + std::to_string(graph_.outputs.size()) + " outputs; only single-output graphs can be run");
    const OnnxValue& in = graph_.inputs.front();
    if (in.elemType != "FLOAT")
        fail("graph input '" + in.name + "' is " + in.elemType + "; only FLOAT inputs can be run");
    if (in.dims.empty())
        fail("graph input '" + in.name + "' has no shape (a batch axis is needed)");
    if (in.dims[0].is_number_integer())
        batch_ = in.dims[0].get<int64_t>();
    for (size_t i = 1; i < in.dims.size(); ++i) {
        if (!in.dims[i].is_number_integer() || in.dims[i].get<int64_t>() <= 0)
            fail("graph input '" + in.name + "' dimension " + std::to_string(i) + " is " + in.dims[i].dump()
                + "; Weightscope needs a fixed size for every axis but the batch");
        shape_.push_back(in.dims[i].get<int64_t>());
    }
    model_.setInputShape(shape_);

    std::string& current = current_;
    current = in.name;
    for (index_ = 0; index_ < graph_.nodes.size(); ++index_) {
        node_ = &graph_.nodes[index_];
        const OnnxNode& n = *node_;
        if (!n.domain.empty() && n.domain != "ai.onnx")
            fail("operator of domain '" + n.domain + "' is not supported (only standard ONNX operators can be run)");
        if (n.opType == "Constant")
            continue; // a value, looked up through the constant source when a node uses it
        // The exporter writes Identity for initializers it deduplicated (the constant source
        // resolves those); on the data path Identity changes nothing.
        if (n.opType == "Identity" && n.inputs.size() == 1 && n.outputs.size() == 1) {
            if (n.inputs[0] == current) {
                current = n.outputs[0];
                continue;
            }
            if (constants_(n.outputs[0]))
                continue;
        }
        // Add is commutative: the bias may come first.
        const bool reads = !n.inputs.empty()
            && (n.inputs[0] == current || (n.opType == "Add" && n.inputs.size() == 2 && n.inputs[1] == current));
        if (!reads)
            fail("does not read the output of the previous operator ('" + current
                + "'); only simple chains of operators can be run");
        for (size_t o = 1; o < n.outputs.size(); ++o)
            if (!n.outputs[o].empty())
                for (const OnnxNode& other : graph_.nodes)
                    if (std::find(other.inputs.begin(), other.inputs.end(), n.outputs[o]) != other.inputs.end())
                        fail("its output '" + n.outputs[o] + "' is used; only the first output can be");
        if (n.outputs.empty() || n.outputs[0].empty())
            fail("has no output");
        std::optional<size_t> biasTarget;
        const std::string& op = n.opType;
        if (op == "Gemm" || op == "MatMul") {
            op == "Gemm" ? gemm() : matMul();
            biasTarget = weights_.size() - 1;
        } else if (op == "Conv") {
            conv();
            biasTarget = weights_.size() - 1;
        } else if (op == "Add") {
            addBias();
            biasTarget = biasTarget_;
        } else if (op == "Relu" || op == "Sigmoid" || op == "Tanh") {
            onlyAttributes({});
            add<ActivationLayer>(op == "Relu" ? ActivationKind::ReLU
                    : op == "Sigmoid"         ? ActivationKind::Sigmoid
                                              : ActivationKind::Tanh);
        } else if (op == "Softmax") {
            softmax();
        } else if (op == "MaxPool" || op == "AveragePool") {
            pool(op == "MaxPool" ? PoolKind::Max : PoolKind::Average);
        } else if (op == "GlobalAveragePool") {
            onlyAttributes({});
            requireImage("GlobalAveragePool");
            channelsLast();
            add<GlobalAveragePooling2D>(true);
            shape_ = { shape_[0], 1, 1 };
        } else if (op == "BatchNormalization") {
            batchNorm();
        } else if (op == "Flatten") {
            flatten();
        } else if (op == "Reshape") {
            reshape();
        } else {
            fail("operator '" + op
                + "' is not supported (supported: Gemm, MatMul, Add, Relu, Sigmoid, Tanh, Softmax, Conv, MaxPool, "
                  "AveragePool, GlobalAveragePool, BatchNormalization, Flatten, Reshape)");
        }
        biasTarget_ = biasTarget;
        current = n.outputs[0];
    }
    node_ = nullptr;
    if (model_.size() == 0)
        fail("the graph has no operators to run");
    if (graph_.outputs.front().name != current)
        fail("the graph output '" + graph_.outputs.front().name + "' is not the output of the last operator ('"
            + current + "'); only simple chains can be run");
    channelsFirst(); // give results in the ONNX layout
    try {
        model_.build();
    } catch (const Error& e) {
        fail(std::string("the converted layers do not fit together: ") + e.what());
    }
    for (PendingWeights& w : weights_) {
        std::vector<Param*> targets = w.layer->params();
        for (Param* p : w.layer->nonTrainableParams())
            targets.push_back(p);
        for (Param* p : targets) {
            const auto it = w.values.find(p->name);
            if (it == w.values.end() || int64_t(it->second.size()) != p->value.size())
                throw FormatError(file_ + ": layer '" + w.layer->name() + "': weight '" + p->name
                    + "' does not have the size the layer needs");
            std::copy(it->second.begin(), it->second.end(), p->value.data());
        }
    }
    return std::move(model_);
}

} // namespace ws::onnx_model

namespace ws {

Sequential buildOnnxModel(const OnnxGraph& graph, const OnnxConstantSource& constants, const std::string& file)
{
    try {
        return onnx_model::Converter(graph, constants, file).run();
    } catch (const FormatError&) {
        throw;
    } catch (const Error& e) {
        // a shape the engine refuses (overflowing sizes, a layer that does not fit)
        throw FormatError(file + ": " + e.what());
    }
}

} // namespace ws
