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
#include "nn/Reshape.h"
#include "nn/TensorOps.h"
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

std::optional<Tensor> Converter::constantInput(size_t i, bool required, bool broadcast)
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
    if (v.constant->anyBatch() || (v.constant->batchStandIn && !broadcast))
        fail("input " + std::to_string(i) + " '" + node_->inputs[i] + "' depends on the batch size");
    Tensor t(v.constant->dims);
    for (int64_t k = 0; k < t.size(); ++k)
        t[k] = float(v.constant->v[size_t(k)]);
    return t;
}

ValueInfo& Converter::activationAnyLayout(size_t i)
{
    ValueInfo& v = input(i);
    if (v.constant)
        fail("input " + std::to_string(i) + " '" + node_->inputs[i]
            + "' is a constant; this operator is only supported on values computed from the model input");
    return v;
}

ValueInfo& Converter::activation(size_t i)
{
    ValueInfo& v = activationAnyLayout(i);
    if (!v.batchFirst())
        fail("input " + std::to_string(i) + " '" + node_->inputs[i] + "' has the batch in its axis "
            + std::to_string(v.batchAxis) + (v.batchOuter * v.batchInner > 1 ? " (merged with other axes)" : "")
            + "; this operator is only supported with the batch axis first");
    return v;
}

int Converter::engineAxisOf(const ValueInfo& v, int64_t axis, const char* what)
{
    const int64_t rank = int64_t(v.onnxDims().size());
    if (axis < -rank || axis >= rank)
        fail(std::string(what) + " " + std::to_string(axis) + " is outside the input's " + std::to_string(rank) + " axes");
    if (axis < 0)
        axis += rank;
    if (axis == v.batchAxis)
        fail(std::string(what) + " " + std::to_string(axis) + " is the batch axis; only the axes of each sample are supported");
    return v.engineAxis(axis);
}

Shape ValueInfo::onnxDims() const
{
    const size_t merged = size_t(batchOuter > 1) + size_t(batchInner > 1);
    Shape dims(shape.begin(), shape.begin() + batchAxis);
    dims.push_back(batchOuter * batchInner);
    dims.insert(dims.end(), shape.begin() + batchAxis + int64_t(merged), shape.end());
    return dims;
}

int ValueInfo::engineAxis(int64_t axis) const
{
    const int merged = int(batchOuter > 1) + int(batchInner > 1);
    return axis < batchAxis ? int(axis) : int(axis) - 1 + merged;
}

void ValueInfo::copyLayout(const ValueInfo& from)
{
    batchAxis = from.batchAxis;
    batchOuter = from.batchOuter;
    batchInner = from.batchInner;
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

void Converter::passThrough()
{
    const ValueInfo copy = activationAnyLayout(0);
    setOutput(copy);
    // One value under two names: share the entry, so its layouts are made once.
    names_[node_->outputs[0]] = names_.at(node_->inputs[0]);
    infos_.pop_back();
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

bool Converter::isGraphInput(const std::string& name) const
{
    return std::any_of(graph_.inputs.begin(), graph_.inputs.end(), [&](const OnnxValue& v) { return v.name == name; });
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
            if (!name.empty() && !producer.count(name) && !isGraphInput(name) && !constants_(name)) {
                index_ = i;
                node_ = &graph_.nodes[i];
                fail("input '" + name + "' is neither a graph input, an initializer nor the output of a node");
            }
    return order;
}

namespace {

// Operators the converter knows, by how it runs them.
const std::set<std::string>& supportedOperators()
{
    static const std::set<std::string> ops = { "Add", "And", "AveragePool", "BatchNormalization", "Cast", "Clip", "Concat",
        "Constant", "ConstantOfShape", "Conv", "Div", "Dropout", "Elu", "Equal", "Erf", "Expand", "Flatten", "Gather",
        "Gelu", "Gemm", "GlobalAveragePool", "Greater", "HardSigmoid", "HardSwish", "Identity", "LayerNormalization",
        "LeakyRelu", "Less", "MatMul", "MaxPool", "Mod", "Mul", "Not", "Or", "Pad", "Pow", "Range", "ReduceMean", "ReduceSum", "Relu", "Reshape", "Shape",
        "Sigmoid", "Slice", "Softmax", "Split", "Sqrt", "Squeeze", "Sub", "Tanh", "Transpose", "Unsqueeze", "Where" };
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

void Converter::convertGraph()
{
    if (graph_.inputs.empty())
        fail("the graph has no input besides its initializers; there is nothing to run it on");
    if (graph_.outputs.size() != 1)
        fail("the graph has " + std::to_string(graph_.outputs.size()) + " outputs; only single-output graphs can be run");
    // Each input's per-sample shape; the batch axis comes first in all of them.
    std::vector<InputPart> parts;
    for (const OnnxValue& in : graph_.inputs) {
        const bool several = graph_.inputs.size() > 1;
        if (in.elemType != "FLOAT" && !(several && in.elemType == "BOOL"))
            fail("graph input '" + in.name + "' is " + in.elemType + "; only FLOAT inputs can be run"
                + (several ? " (and BOOL ones beside them, as masks)" : ""));
        if (in.dims.empty())
            fail("graph input '" + in.name + "' has no shape (a batch axis is needed)");
        if (in.dims[0].is_number_integer()) {
            const int64_t n = in.dims[0].get<int64_t>();
            if (batch_ >= 0 && n != batch_)
                fail("graph input '" + in.name + "' has a batch of " + std::to_string(n) + ", graph input '"
                    + graph_.inputs.front().name + "' one of " + std::to_string(batch_));
            batch_ = n;
        }
        InputPart part { in.name, {}, in.elemType == "BOOL" };
        for (size_t i = 1; i < in.dims.size(); ++i) {
            if (!in.dims[i].is_number_integer() || in.dims[i].get<int64_t>() <= 0 || in.dims[i].get<int64_t>() > (int64_t(1) << 31))
                fail("graph input '" + in.name + "' dimension " + std::to_string(i) + " is " + in.dims[i].dump()
                    + "; Weightscope needs a fixed size for every axis but the batch");
            part.shape.push_back(in.dims[i].get<int64_t>());
        }
        if (several && part.shape.empty())
            fail("graph input '" + in.name + "' has only the batch axis; inputs beside another need one more");
        if (several && shapeNumel(part.shape) > (int64_t(1) << 31))
            fail("graph input '" + in.name + "' has " + std::to_string(shapeNumel(part.shape)) + " values per sample; too many");
        parts.push_back(std::move(part));
    }
    if (parts.size() == 1) {
        ValueInfo input;
        input.shape = parts.front().shape;
        model_.setInputShape(input.shape);
        names_[parts.front().name] = 0;
        infos_.push_back(std::move(input));
    } else {
        // Several inputs (a mask beside the tokens): the engine takes them packed one after
        // another in one flat sample (nn/InputParts.h); a Slice and a Reshape per input
        // take each back out. A part nothing reads is removed with the other unread layers.
        int64_t total = 0;
        for (const InputPart& part : parts)
            total += shapeNumel(part.shape);
        model_.setInputShape({ total });
        int64_t offset = 0;
        for (const InputPart& part : parts) {
            const int64_t n = shapeNumel(part.shape);
            ValueInfo input;
            input.shape = part.shape;
            input.boolean = part.boolean;
            const bool flat = part.shape.size() == 1;
            input.layer = append(std::make_unique<Slice>(0, offset, offset + n), { Sequential::kModelInput },
                part.name + (flat ? "_unpacked" : "_slice"));
            if (!flat)
                input.layer = append(std::make_unique<Reshape>(part.shape), { input.layer }, part.name + "_unpacked");
            offset += n;
            names_[part.name] = infos_.size();
            infos_.push_back(std::move(input));
        }
        inputParts_ = parts;
    }

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
    if (!out.batchFirst())
        fail("the graph output '" + graph_.outputs.front().name + "' holds the batch in its axis "
            + std::to_string(out.batchAxis) + (out.batchOuter * out.batchInner > 1 ? " merged with other axes" : "")
            + "; only outputs with the batch axis first are supported");
    if (model_.size() == 0)
        fail("the graph has no operators to run");
    const int last = layerIn(out, false); // give results in the ONNX layout
    if (last != int(model_.size()) - 1)
        fail("the graph output '" + graph_.outputs.front().name
            + "' is not computed last; a layer whose result nothing reads is not supported");
}

Sequential Converter::run()
{
    convertGraph();
    // A layer made for a value that only Shape read (attention's k.transpose() whose size gives
    // the source length) is not needed to run the model.
    if (model_.removeUnreadLayers() > 0) {
        std::set<const Layer*> kept;
        for (size_t i = 0; i < model_.size(); ++i)
            kept.insert(&model_.layer(i));
        std::erase_if(weights_, [&](const PendingWeights& w) { return !kept.count(w.layer); });
    }
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

OnnxShapes Converter::valueShapes() const
{
    json batch = batch_ >= 0 ? json(batch_) : json("N");
    if (batch_ < 0 && !graph_.inputs.empty() && !graph_.inputs.front().dims.empty()
        && graph_.inputs.front().dims[0].is_string() && !graph_.inputs.front().dims[0].get<std::string>().empty())
        batch = graph_.inputs.front().dims[0];
    OnnxShapes shapes;
    for (const auto& [name, index] : names_) {
        const ValueInfo& v = infos_[index];
        std::vector<json> dims;
        if (v.constant) {
            if (v.constant->batchStandIn)
                continue; // its axes of size 1 stand for the batch
            dims.assign(v.constant->dims.begin(), v.constant->dims.end());
        } else {
            const int64_t merged = v.batchOuter * v.batchInner;
            if (merged > 1 && batch_ < 0)
                continue;
            const Shape onnx = v.onnxDims();
            dims.assign(onnx.begin(), onnx.end());
            dims[size_t(v.batchAxis)] = batch_ >= 0 ? json(batch_ * merged) : batch;
        }
        shapes.emplace(name, std::move(dims));
    }
    return shapes;
}

void Converter::convertNode()
{
    const std::string& op = node_->opType;
    if (tryFold())
        return;
    if (op == "Identity" || op == "Dropout") {
        // Dropout at inference passes its input on; a used mask output is refused by setOutput.
        if (op == "Dropout" && hasInput(2) && (!isConstant(2) || (*constantInput(2, true))[0] != 0.0f))
            fail("training_mode is not false; only inference is supported");
        passThrough();
    } else if (op == "Cast") {
        castActivation();
    } else if (op == "Equal" || op == "Less" || op == "Greater" || op == "Not" || op == "And" || op == "Or") {
        logical();
    } else if (op == "Expand") {
        expand();
    } else if (op == "Where") {
        where();
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
        || op == "HardSigmoid" || op == "HardSwish" || op == "Gelu") {
        activationOp();
    } else if (op == "Clip") {
        clip();
    } else if (op == "Softmax") {
        softmax();
    } else if (op == "Conv") {
        conv();
    } else if (op == "MaxPool" || op == "AveragePool") {
        pool(op == "MaxPool" ? PoolKind::Max : PoolKind::Average);
    } else if (op == "Pad") {
        pad();
    } else if (op == "GlobalAveragePool") {
        globalAveragePool();
    } else if (op == "BatchNormalization") {
        batchNorm();
    } else if (op == "Flatten") {
        flatten();
    } else if (op == "Reshape") {
        reshape();
    } else if (op == "Transpose") {
        transpose();
    } else if (op == "Slice") {
        slice();
    } else if (op == "Split") {
        split();
    } else if (op == "ReduceMean" || op == "ReduceSum") {
        reduce();
    } else if (op == "Pow" || op == "Sqrt" || op == "Erf") {
        elementwise();
    } else if (op == "LayerNormalization") {
        layerNorm();
    } else {
        // Shape arithmetic that could not be folded: it reads a value computed from the input.
        fail("is only supported on constants and shapes known at load time; here it reads values computed "
             "from the model input");
    }
}

} // namespace ws::onnx_model

namespace ws {

Sequential buildOnnxModel(const OnnxGraph& graph, const OnnxConstantSource& constants, const std::string& file,
    std::vector<InputPart>* parts)
{
    try {
        onnx_model::Converter converter(graph, constants, file);
        Sequential model = converter.run();
        if (parts)
            *parts = converter.inputParts();
        return model;
    } catch (const FormatError&) {
        throw;
    } catch (const Error& e) {
        // a shape the engine refuses (overflowing sizes, a layer that does not fit)
        throw FormatError(file + ": " + e.what());
    }
}

OnnxShapes onnxValueShapes(const OnnxGraph& graph, const OnnxConstantSource& constants, const std::string& file)
{
    try {
        // Every node converted is enough: building the layers (and filling them with the file's
        // weights) took most of ResNet-18's second and adds nothing to the shapes.
        onnx_model::Converter converter(graph, constants, file);
        converter.convertGraph();
        return converter.valueShapes();
    } catch (const Error&) {
        return {}; // a graph the converter refuses: no shape is known for certain
    }
}

} // namespace ws
