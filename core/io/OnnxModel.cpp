// SPDX-License-Identifier: GPL-3.0-or-later
// ONNX graph to engine Sequential (io/OnnxModel.h): orders the nodes the output needs (refusing
// cycles and dangling inputs), refuses every operator the engine lacks before building
// anything, walks the nodes, folds shape arithmetic (OnnxFolding.cpp) or translates each
// operator (OnnxOperators.cpp), then builds the model and copies in the weights. Also the
// converter's per-value bookkeeping (layouts made once per value) and attribute accessors.
// The class itself: io/OnnxConverter.h.
#include "io/OnnxModel.h"

#include "io/OnnxConverter.h"
#include "nn/Activation.h"
#include "nn/Permute.h"
#include "nn/Pooling2D.h"
#include "util/Error.h"

#include <algorithm>
#include <set>

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

bool Folded::anyBatch() const
{
    return std::any_of(isBatch.begin(), isBatch.end(), [](char c) { return c != 0; });
}

ValueInfo& Converter::value(const std::string& name)
{
    if (const auto it = names_.find(name); it != names_.end())
        return infos_[it->second];
    // An initializer (or a Constant node's value, which the reader resolves too).
    std::optional<Tensor> t = constants_(name);
    if (!t)
        fail("input '" + name + "' is neither the graph input, an initializer nor the output of a node");
    Folded f;
    f.dims = t->shape();
    f.v.assign(t->data(), t->data() + t->size());
    const auto type = graph_.constantTypes.find(name);
    f.integer = type != graph_.constantTypes.end() && type->second != "FLOAT" && type->second != "DOUBLE"
        && type->second != "FLOAT16" && type->second != "BFLOAT16";
    ValueInfo info;
    info.constant = std::move(f);
    names_[name] = infos_.size();
    infos_.push_back(std::move(info));
    return infos_.back();
}

bool Converter::hasInput(size_t i) const { return i < node_->inputs.size() && !node_->inputs[i].empty(); }

ValueInfo& Converter::input(size_t i)
{
    if (!hasInput(i))
        fail("input " + std::to_string(i) + " is missing");
    return value(node_->inputs[i]);
}

bool Converter::isConstant(size_t i) { return input(i).constant.has_value(); }

std::optional<Tensor> Converter::constantInput(size_t i, bool required)
{
    if (!hasInput(i)) {
        if (required)
            fail("input " + std::to_string(i) + " is missing");
        return std::nullopt;
    }
    const ValueInfo& v = input(i);
    if (!v.constant)
        fail("input " + std::to_string(i) + " '" + node_->inputs[i]
            + "' is computed from the model input; only constant weights are supported here");
    if (v.constant->anyBatch())
        fail("input " + std::to_string(i) + " '" + node_->inputs[i] + "' depends on the batch size");
    Tensor t(v.constant->dims);
    for (int64_t k = 0; k < t.size(); ++k)
        t[k] = float(v.constant->v[size_t(k)]);
    return t;
}

ValueInfo& Converter::activation(size_t i)
{
    ValueInfo& v = input(i);
    if (v.constant)
        fail("input " + std::to_string(i) + " '" + node_->inputs[i]
            + "' is a constant; this operator is only supported on values computed from the model input");
    return v;
}

void Converter::setOutput(ValueInfo info)
{
    const OnnxNode& n = *node_;
    if (n.outputs.empty() || n.outputs[0].empty())
        fail("has no output");
    for (size_t o = 1; o < n.outputs.size(); ++o)
        if (!n.outputs[o].empty() && uses_.count(n.outputs[o]))
            fail("its output '" + n.outputs[o] + "' is used; only the first output can be");
    names_[n.outputs[0]] = infos_.size();
    infos_.push_back(std::move(info));
}

void Converter::setOutputConstant(Folded folded)
{
    ValueInfo info;
    info.constant = std::move(folded);
    setOutput(std::move(info));
}

int Converter::append(std::unique_ptr<Layer> layer, std::vector<int> inputs, std::string name)
{
    if (name.empty())
        name = node_ && !node_->name.empty() ? node_->name : "node_" + std::to_string(index_);
    std::string unique = name;
    for (int k = 2; !usedNames_.insert(unique).second; ++k)
        unique = name + "_" + std::to_string(k);
    layer->setName(unique);
    model_.add(std::move(layer), std::move(inputs));
    return int(model_.size()) - 1;
}

int Converter::layerIn(ValueInfo& v, bool channelsLast)
{
    if (v.shape.size() != 3 || v.channelsLast == channelsLast)
        return v.layer;
    if (v.otherLayout == -2) {
        const std::string base = (v.layer == Sequential::kModelInput ? std::string(Sequential::kInputName)
                                                                     : model_.layer(size_t(v.layer)).name());
        v.otherLayout = append(std::make_unique<Permute>(channelsLast ? std::vector<int> { 2, 3, 1 } : std::vector<int> { 3, 1, 2 }),
            { v.layer }, base + (channelsLast ? "_to_channels_last" : "_to_channels_first"));
    }
    return v.otherLayout;
}

// Depth-first from the graph output over the nodes that produce what is read; iterative, so a
// long hostile chain cannot exhaust the stack.
std::vector<size_t> Converter::liveNodesInOrder()
{
    std::map<std::string, size_t> producer;
    for (size_t i = 0; i < graph_.nodes.size(); ++i)
        for (const std::string& out : graph_.nodes[i].outputs)
            if (!out.empty() && !producer.emplace(out, i).second) {
                index_ = i;
                node_ = &graph_.nodes[i];
                fail("its output '" + out + "' is also written by another node");
            }
    std::vector<char> state(graph_.nodes.size(), 0); // 0 new, 1 on the path, 2 done
    std::vector<size_t> order;
    std::vector<std::pair<size_t, size_t>> stack; // node, next input to look at
    const auto visit = [&](const std::string& name) {
        const auto it = producer.find(name);
        if (it == producer.end())
            return;
        if (state[it->second] == 1) {
            index_ = it->second;
            node_ = &graph_.nodes[it->second];
            fail("is part of a cycle (it reads its own output through other nodes)");
        }
        if (state[it->second] == 0) {
            state[it->second] = 1;
            stack.push_back({ it->second, 0 });
        }
    };
    visit(graph_.outputs.front().name);
    while (!stack.empty()) {
        auto& [i, next] = stack.back();
        const OnnxNode& n = graph_.nodes[i];
        if (next < n.inputs.size()) {
            const std::string& name = n.inputs[next++];
            if (!name.empty())
                visit(name);
            continue;
        }
        state[i] = 2;
        order.push_back(i);
        stack.pop_back();
    }
    // Every input must come from somewhere: the graph input, an initializer or a node.
    for (size_t i : order)
        for (const std::string& name : graph_.nodes[i].inputs)
            if (!name.empty() && !producer.count(name) && name != graph_.inputs.front().name && !constants_(name)) {
                index_ = i;
                node_ = &graph_.nodes[i];
                fail("input '" + name + "' is neither the graph input, an initializer nor the output of a node");
            }
    return order;
}

namespace {

// Operators the converter knows, by how it runs them.
const std::set<std::string>& supportedOperators()
{
    static const std::set<std::string> ops = { "Add", "AveragePool", "BatchNormalization", "Cast", "Clip", "Concat",
        "Constant", "ConstantOfShape", "Conv", "Div", "Dropout", "Elu", "Equal", "Flatten", "Gather", "Gemm",
        "GlobalAveragePool", "HardSigmoid", "HardSwish", "Identity", "LeakyRelu", "MatMul", "MaxPool", "Mod", "Mul",
        "Range", "Relu", "Reshape", "Shape", "Sigmoid", "Slice", "Softmax", "Squeeze", "Sub", "Tanh", "Unsqueeze",
        "Where" };
    return ops;
}

} // namespace

// Scans every node the output needs before anything is built, so that one message lists all
// that is missing rather than the first of several.
void Converter::refuseMissingOperators(const std::vector<size_t>& order)
{
    std::set<std::string> missing;
    std::optional<size_t> first;
    for (size_t i : order) {
        const OnnxNode& n = graph_.nodes[i];
        const bool standard = n.domain.empty() || n.domain == "ai.onnx";
        if (!standard || !supportedOperators().count(n.opType)) {
            missing.insert(standard ? n.opType : n.domain + "." + n.opType);
            if (!first)
                first = i;
        }
    }
    if (!first)
        return;
    index_ = *first;
    node_ = &graph_.nodes[*first];
    std::string list;
    for (const std::string& op : missing)
        list += (list.empty() ? "" : ", ") + op;
    const bool standard = node_->domain.empty() || node_->domain == "ai.onnx";
    fail((standard ? "operator '" + node_->opType + "'" : "operator of domain '" + node_->domain + "'")
        + " is not supported; operators in this graph the engine lacks: " + list);
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
    ValueInfo input;
    for (size_t i = 1; i < in.dims.size(); ++i) {
        if (!in.dims[i].is_number_integer() || in.dims[i].get<int64_t>() <= 0)
            fail("graph input '" + in.name + "' dimension " + std::to_string(i) + " is " + in.dims[i].dump()
                + "; Weightscope needs a fixed size for every axis but the batch");
        input.shape.push_back(in.dims[i].get<int64_t>());
    }
    model_.setInputShape(input.shape);
    names_[in.name] = 0;
    infos_.push_back(std::move(input));

    const std::vector<size_t> order = liveNodesInOrder();
    refuseMissingOperators(order);
    for (size_t i : order)
        for (const std::string& name : graph_.nodes[i].inputs)
            ++uses_[name];
    ++uses_[graph_.outputs.front().name];
    for (size_t i : order) {
        index_ = i;
        node_ = &graph_.nodes[i];
        convertNode();
    }
    node_ = nullptr;
    ValueInfo& out = value(graph_.outputs.front().name);
    if (out.constant)
        fail("the graph output '" + graph_.outputs.front().name + "' is a constant; there is nothing to run");
    if (model_.size() == 0)
        fail("the graph has no operators to run");
    const int last = layerIn(out, false); // give results in the ONNX layout
    if (last != int(model_.size()) - 1)
        fail("the graph output '" + graph_.outputs.front().name
            + "' is not computed last; a layer whose result nothing reads is not supported");
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

void Converter::convertNode()
{
    const std::string& op = node_->opType;
    if (tryFold())
        return;
    const bool castToFloat = op == "Cast" && intAttr("to", 0) == 1; // FLOAT: the engine's type
    if (op == "Identity" || op == "Dropout" || castToFloat) {
        // Dropout at inference passes its input on; a used mask output is refused by setOutput.
        if (op == "Dropout" && hasInput(2) && (!isConstant(2) || (*constantInput(2, true))[0] != 0.0f))
            fail("training_mode is not false; only inference is supported");
        const ValueInfo copy = activation(0);
        setOutput(copy);
        // One value under two names: share the entry, so its layouts are made once.
        names_[node_->outputs[0]] = names_.at(node_->inputs[0]);
        infos_.pop_back();
    } else if (op == "Gemm") {
        gemm();
    } else if (op == "MatMul") {
        matMul();
    } else if (op == "Add" || op == "Sub" || op == "Mul" || op == "Div") {
        arithmetic(op == "Add" ? MergeKind::Add
                : op == "Sub"  ? MergeKind::Subtract
                : op == "Mul"  ? MergeKind::Multiply
                               : MergeKind::Divide);
    } else if (op == "Concat") {
        concat();
    } else if (op == "Relu" || op == "Sigmoid" || op == "Tanh" || op == "LeakyRelu" || op == "Elu"
        || op == "HardSigmoid" || op == "HardSwish") {
        activationOp();
    } else if (op == "Clip") {
        clip();
    } else if (op == "Softmax") {
        softmax();
    } else if (op == "Conv") {
        conv();
    } else if (op == "MaxPool" || op == "AveragePool") {
        pool(op == "MaxPool" ? PoolKind::Max : PoolKind::Average);
    } else if (op == "GlobalAveragePool") {
        globalAveragePool();
    } else if (op == "BatchNormalization") {
        batchNorm();
    } else if (op == "Flatten") {
        flatten();
    } else if (op == "Reshape") {
        reshape();
    } else {
        // Shape arithmetic that could not be folded: it reads a value computed from the input.
        fail("is only supported on constants and shapes known at load time; here it reads values computed "
             "from the model input");
    }
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
