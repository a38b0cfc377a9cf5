// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/OnnxWriter.h"

#include "nn/Activation.h"
#include "nn/Dense.h"
#include "util/AtomicWrite.h"
#include "util/BuildInfo.h"
#include "util/Error.h"

#include <onnx/onnx_pb.h>

#include <bit>
#include <cstring>

namespace ws {

namespace {

static_assert(std::endian::native == std::endian::little, "ONNX raw_data is little-endian");

void addInitializer(onnx::GraphProto& graph, const std::string& name, const Shape& shape, const float* data)
{
    onnx::TensorProto* t = graph.add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto::FLOAT);
    for (const int64_t d : shape)
        t->add_dims(d);
    t->set_raw_data(data, size_t(shapeNumel(shape)) * sizeof(float));
}

onnx::NodeProto* addNode(onnx::GraphProto& graph, const std::string& op, const std::string& name,
    std::initializer_list<std::string> inputs, const std::string& output)
{
    onnx::NodeProto* n = graph.add_node();
    n->set_op_type(op);
    n->set_name(name);
    for (const std::string& in : inputs)
        n->add_input(in);
    n->add_output(output);
    return n;
}

void addAttribute(onnx::NodeProto& node, const std::string& name, int64_t value)
{
    onnx::AttributeProto* a = node.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INT);
    a->set_i(value);
}

void addAttribute(onnx::NodeProto& node, const std::string& name, float value)
{
    onnx::AttributeProto* a = node.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::FLOAT);
    a->set_f(value);
}

void setValueInfo(onnx::ValueInfoProto& v, const std::string& name, int64_t width)
{
    v.set_name(name);
    onnx::TypeProto_Tensor* t = v.mutable_type()->mutable_tensor_type();
    t->set_elem_type(onnx::TensorProto::FLOAT);
    t->mutable_shape()->add_dim()->set_dim_param("batch");
    t->mutable_shape()->add_dim()->set_dim_value(width);
}

// One activation layer's node(s) reading `in`; returns the name of its output.
std::string addActivation(onnx::GraphProto& graph, const ActivationLayer& a, const std::string& in)
{
    const std::string out = a.name() + ".out";
    switch (a.kind()) {
    case ActivationKind::Linear:
        return in; // nothing to compute
    case ActivationKind::ReLU:
        addNode(graph, "Relu", a.name(), { in }, out);
        return out;
    case ActivationKind::Tanh:
        addNode(graph, "Tanh", a.name(), { in }, out);
        return out;
    case ActivationKind::Sigmoid:
        addNode(graph, "Sigmoid", a.name(), { in }, out);
        return out;
    case ActivationKind::Softmax:
        addAttribute(*addNode(graph, "Softmax", a.name(), { in }, out), "axis", int64_t(1));
        return out;
    case ActivationKind::LeakyReLU:
        addAttribute(*addNode(graph, "LeakyRelu", a.name(), { in }, out), "alpha", a.alpha());
        return out;
    case ActivationKind::ELU:
        addAttribute(*addNode(graph, "Elu", a.name(), { in }, out), "alpha", a.alpha());
        return out;
    case ActivationKind::HardSigmoid: {
        onnx::NodeProto* n = addNode(graph, "HardSigmoid", a.name(), { in }, out);
        addAttribute(*n, "alpha", a.alpha());
        addAttribute(*n, "beta", a.beta());
        return out;
    }
    case ActivationKind::ReLU6: {
        const float bounds[] = { 0.0f, 6.0f };
        addInitializer(graph, a.name() + ".min", {}, &bounds[0]);
        addInitializer(graph, a.name() + ".max", {}, &bounds[1]);
        addNode(graph, "Clip", a.name(), { in, a.name() + ".min", a.name() + ".max" }, out);
        return out;
    }
    case ActivationKind::GELU:
    case ActivationKind::GELUTanh:
    case ActivationKind::HardSwish:
        break;
    }
    throw ConfigError("layer '" + a.name() + "': the " + activationName(a.kind()) + " activation has no ONNX operator at opset "
        + std::to_string(kOnnxWriterOpset) + "; export this model as .h5 or safetensors");
}

} // namespace

std::string onnxModelBytes(Sequential& model, const std::map<std::string, std::string>& metadata)
{
    if (!model.isBuilt())
        throw ConfigError("the model is not built, so it has no weights to export");
    if (!model.isChain() || model.inputShape().size() != 1)
        throw ConfigError("only a chain of dense layers on a vector input can be written as ONNX; "
                          "export this model as .h5 or safetensors");
    onnx::ModelProto proto;
    proto.set_ir_version(kOnnxWriterIrVersion);
    proto.set_producer_name("Weightscope");
    proto.set_producer_version(buildInfo().version);
    onnx::OperatorSetIdProto* opset = proto.add_opset_import();
    opset->set_domain("");
    opset->set_version(kOnnxWriterOpset);
    for (const auto& [key, value] : metadata) {
        onnx::StringStringEntryProto* p = proto.add_metadata_props();
        p->set_key(key);
        p->set_value(value);
    }
    onnx::GraphProto& graph = *proto.mutable_graph();
    graph.set_name("weightscope");
    setValueInfo(*graph.add_input(), "input", model.inputShape()[0]);

    std::string value = "input";
    int64_t width = model.inputShape()[0];
    for (size_t i = 0; i < model.size(); ++i) {
        Layer& layer = model.layer(i);
        if (auto* dense = dynamic_cast<Dense*>(&layer)) {
            const Tensor& w = dense->kernel().value; // (in, out); nn.Linear and Gemm(transB) keep (out, in)
            const int64_t in = w.dim(0), out = w.dim(1);
            std::vector<float> transposed(size_t(in * out));
            for (int64_t r = 0; r < in; ++r)
                for (int64_t c = 0; c < out; ++c)
                    transposed[size_t(c * in + r)] = w.data()[r * out + c];
            addInitializer(graph, layer.name() + ".weight", { out, in }, transposed.data());
            std::vector<float> bias(size_t(out), 0.0f); // Gemm's C; a Dense without bias adds zeros
            if (dense->bias().value.size() == out)
                std::memcpy(bias.data(), dense->bias().value.data(), bias.size() * sizeof(float));
            addInitializer(graph, layer.name() + ".bias", { out }, bias.data());
            onnx::NodeProto* gemm = addNode(graph, "Gemm", layer.name(),
                { value, layer.name() + ".weight", layer.name() + ".bias" }, layer.name() + ".out");
            addAttribute(*gemm, "alpha", 1.0f);
            addAttribute(*gemm, "beta", 1.0f);
            addAttribute(*gemm, "transB", int64_t(1));
            value = layer.name() + ".out";
            width = out;
        } else if (auto* activation = dynamic_cast<ActivationLayer*>(&layer)) {
            value = addActivation(graph, *activation, value);
        } else {
            throw ConfigError("layer '" + layer.name() + "' (" + layer.typeName()
                + ") cannot be written as ONNX, which takes dense layers and activations only; export this model as .h5 or safetensors");
        }
    }
    // The graph's output is named "output", as torch.onnx.export names it: an Identity when the
    // last layer wrote nothing (a linear activation), else the last node's output renamed.
    if (graph.node_size() > 0 && graph.node(graph.node_size() - 1).output(0) == value) {
        graph.mutable_node(graph.node_size() - 1)->set_output(0, "output");
    } else {
        addNode(graph, "Identity", "output", { value }, "output");
    }
    setValueInfo(*graph.add_output(), "output", width);
    std::string bytes;
    if (!proto.SerializeToString(&bytes))
        throw Error("the ONNX model could not be serialised");
    return bytes;
}

void writeOnnx(const std::string& path, Sequential& model, const std::map<std::string, std::string>& metadata)
{
    const std::string bytes = onnxModelBytes(model, metadata); // every check before the file is touched
    writeBytesAtomically(path, bytes.data(), bytes.size());
}

} // namespace ws
