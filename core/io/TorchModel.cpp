// SPDX-License-Identifier: GPL-3.0-or-later
// The module -> ONNX operator table of io/TorchModel.h follows torch/onnx/symbolic_opset9.py
// (what torch.onnx.export writes for these modules); output sizes follow the formulas of the
// PyTorch documentation of Conv2d and MaxPool2d.
#include "io/TorchModel.h"

#include "io/OnnxModel.h"
#include "util/Error.h"

#include <algorithm>
#include <map>
#include <optional>

namespace ws {

namespace {

using json = nlohmann::json;

using Module = TorchLayer;

// A size attribute: an int, or a tuple of two ("kernel_size": 3 or [3, 3]).
std::optional<std::pair<int64_t, int64_t>> pairOf(const json& v)
{
    if (v.is_number_integer())
        return std::pair { v.get<int64_t>(), v.get<int64_t>() };
    if (v.is_array() && v.size() == 2 && v[0].is_number_integer() && v[1].is_number_integer())
        return std::pair { v[0].get<int64_t>(), v[1].get<int64_t>() };
    return std::nullopt;
}

class Builder {
public:
    Builder(std::vector<TorchLayer> layers, const WeightFile& file)
        : file_(file), modules_(std::move(layers))
    {
        if (modules_.empty())
            throw FormatError(file.path() + ": an empty nn.Sequential");
        // The input size search runs the shapes through every module for each size it tries.
        constexpr size_t kMaxModules = 10000;
        if (modules_.size() > kMaxModules)
            throw FormatError(file.path() + ": an nn.Sequential of " + std::to_string(modules_.size())
                              + " modules, more than the " + std::to_string(kMaxModules) + " that are converted");
    }

    Sequential build()
    {
        const Shape input = inputShape();
        OnnxGraph g;
        g.opset = 13;
        OnnxValue in { "input", "FLOAT", { json("N") } };
        for (const int64_t d : input)
            in.dims.push_back(d);
        g.inputs.push_back(in);
        std::string x = "input";
        for (const Module& m : modules_) {
            std::optional<OnnxNode> node = nodeOf(m, x);
            if (!node)
                continue; // Identity
            x = node->outputs.front();
            g.nodes.push_back(std::move(*node));
        }
        g.outputs.push_back({ x, "FLOAT", {} });
        for (const TensorInfo& t : file_.tensors())
            g.constantTypes[t.name] = "FLOAT";
        const OnnxConstantSource constants = [&](const std::string& name) -> std::optional<Tensor> {
            for (size_t i = 0; i < file_.tensors().size(); ++i)
                if (file_.tensors()[i].name == name)
                    return file_.readTensor(i);
            return std::nullopt;
        };
        return buildOnnxModel(g, constants, file_.path());
    }

private:
    [[noreturn]] void fail(const Module& m, const std::string& why) const
    {
        throw FormatError(file_.path() + ": module '" + m.name + "' (" + m.cls + "): " + why);
    }

    int64_t intAttr(const Module& m, const char* key) const
    {
        const json& v = m.attrs.contains(key) ? m.attrs.at(key) : json();
        if (!v.is_number_integer())
            fail(m, std::string("no integer '") + key + "' among its attributes");
        return v.get<int64_t>();
    }
    // A count of features or channels: 1 to 2^24, so that shapes cannot overflow.
    int64_t sizeAttr(const Module& m, const char* key) const
    {
        const int64_t v = intAttr(m, key);
        if (v < 1 || v > (int64_t(1) << 24))
            fail(m, std::string("its '") + key + "' is " + std::to_string(v) + ", not a count from 1 to 2^24");
        return v;
    }
    std::pair<int64_t, int64_t> pairAttr(const Module& m, const char* key) const
    {
        const auto p = pairOf(m.attrs.contains(key) ? m.attrs.at(key) : json());
        constexpr int64_t kMaxSize = int64_t(1) << 20; // sizes beyond this are not images; and no overflow below
        if (!p || p->first < 0 || p->second < 0 || p->first > kMaxSize || p->second > kMaxSize)
            fail(m, std::string("its '") + key + "' is not one or two integers from 0 to " + std::to_string(kMaxSize));
        return *p;
    }
    bool hasTensor(const std::string& name) const
    {
        return std::any_of(file_.tensors().begin(), file_.tensors().end(),
                           [&](const TensorInfo& t) { return t.name == name; });
    }

    // Padding of a Conv2d: (top, left), or nullopt for padding='same'.
    std::optional<std::pair<int64_t, int64_t>> convPadding(const Module& m) const
    {
        const json& p = m.attrs.contains("padding") ? m.attrs.at("padding") : json();
        if (p == "same")
            return std::nullopt;
        if (p == "valid")
            return std::pair<int64_t, int64_t> { 0, 0 };
        return pairAttr(m, "padding");
    }

    // The per-sample shape after `m`, or nullopt when `m` does not accept `in` (used to search the
    // input size: no message is needed there).
    std::optional<Shape> after(const Module& m, const Shape& in) const
    {
        const std::string& c = m.cls;
        if (c == "ReLU" || c == "Sigmoid" || c == "Tanh" || c == "Dropout" || c == "Identity")
            return in;
        if (c == "Linear") {
            if (in.size() != 1 || in[0] != sizeAttr(m, "in_features"))
                return std::nullopt;
            return Shape { sizeAttr(m, "out_features") };
        }
        if (c == "Flatten") {
            if (intAttr(m, "start_dim") != 1 || intAttr(m, "end_dim") != -1)
                fail(m, "only Flatten(start_dim=1, end_dim=-1) is supported");
            int64_t n = 1;
            for (const int64_t d : in)
                if (__builtin_mul_overflow(n, d, &n) || n > (int64_t(1) << 40))
                    return std::nullopt;
            return Shape { n };
        }
        if (c == "BatchNorm2d" || c == "BatchNorm1d") {
            if (in.empty() || in[0] != sizeAttr(m, "num_features") || in.size() != (c == "BatchNorm2d" ? 3u : 1u))
                return std::nullopt;
            return in;
        }
        const bool conv = c == "Conv2d";
        if (!conv && c != "MaxPool2d")
            fail(m, "this kind of module is not supported (Conv2d, Linear, BatchNorm1d/2d, ReLU, Sigmoid, Tanh, "
                    "MaxPool2d, Flatten, Dropout and Identity are)");
        if (in.size() != 3 || (conv && in[0] != sizeAttr(m, "in_channels")))
            return std::nullopt;
        const auto k = pairAttr(m, "kernel_size");
        const auto d = pairAttr(m, "dilation");
        const json& strideJson = m.attrs.contains("stride") ? m.attrs.at("stride") : json();
        const auto s = !conv && strideJson.is_null() ? k : pairAttr(m, "stride");
        const auto p = conv ? convPadding(m) : std::optional(pairAttr(m, "padding"));
        const bool ceil = !conv && m.attrs.value("ceil_mode", false);
        if (s.first < 1 || s.second < 1 || k.first < 1 || k.second < 1 || d.first < 1 || d.second < 1)
            fail(m, "a kernel, stride or dilation below 1");
        // torch.nn.Conv2d / MaxPool2d: out = floor or ceil((in + 2p - d(k - 1) - 1) / s) + 1; with
        // ceil_mode the last window must start inside the input or its left padding.
        auto out = [&](int64_t size, int64_t kk, int64_t ss, int64_t pp, int64_t dd) -> int64_t {
            const int64_t span = size + 2 * pp - dd * (kk - 1) - 1;
            if (span < 0)
                return 0;
            int64_t o = (ceil ? (span + ss - 1) / ss : span / ss) + 1;
            if (ceil && (o - 1) * ss >= size + pp)
                --o;
            return o;
        };
        const int64_t h = p ? out(in[1], k.first, s.first, p->first, d.first) : in[1];
        const int64_t w = p ? out(in[2], k.second, s.second, p->second, d.second) : in[2];
        if (h < 1 || w < 1)
            return std::nullopt;
        return Shape { conv ? sizeAttr(m, "out_channels") : in[0], h, w };
    }

    bool accepts(Shape shape) const
    {
        for (const Module& m : modules_) {
            const auto next = after(m, shape);
            if (!next)
                return false;
            shape = *next;
        }
        return true;
    }

    Shape inputShape() const
    {
        const Module& first = modules_.front();
        if (first.cls == "Linear" || first.cls == "BatchNorm1d")
            return Shape { sizeAttr(first, first.cls == "Linear" ? "in_features" : "num_features") };
        const auto channels = std::find_if(modules_.begin(), modules_.end(), [](const Module& m) {
            return m.cls == "Conv2d" || m.cls == "BatchNorm2d";
        });
        if (channels == modules_.end())
            fail(first, "the input size cannot be told: no Linear, Conv2d or BatchNorm comes first");
        const int64_t c = sizeAttr(*channels, channels->cls == "Conv2d" ? "in_channels" : "num_features");
        if (std::none_of(modules_.begin(), modules_.end(), [](const Module& m) { return m.cls == "Linear"; }))
            fail(first, "the input size cannot be told: a pickle does not record it and no Linear layer fixes it");
        constexpr int64_t kMaxSide = 4096;
        for (int64_t side = 1; side <= kMaxSide; ++side)
            if (accepts(Shape { c, side, side }))
                return Shape { c, side, side };
        fail(first, "no square input of " + std::to_string(c) + " channels up to " + std::to_string(kMaxSide)
                        + " pixels fits all the layers (the Linear after the Flatten fixes the size)");
    }

    std::optional<OnnxNode> nodeOf(const Module& m, const std::string& x) const
    {
        OnnxNode n;
        n.name = m.name;
        n.inputs = { x };
        n.outputs = { "out_" + m.name };
        const std::string& c = m.cls;
        auto param = [&](const char* what, bool required) {
            const std::string name = m.name + "." + what;
            if (hasTensor(name))
                n.inputs.push_back(name);
            else if (required)
                fail(m, "the file holds no tensor '" + name + "'");
        };
        auto ints = [](std::pair<int64_t, int64_t> p) { return json::array({ p.first, p.second }); };
        if (c == "Identity") {
            return std::nullopt;
        } else if (c == "ReLU" || c == "Sigmoid" || c == "Tanh" || c == "Dropout") {
            n.opType = c == "ReLU" ? "Relu" : c;
        } else if (c == "Flatten") {
            n.opType = "Flatten";
            n.attributes["axis"] = 1;
        } else if (c == "Linear") {
            n.opType = "Gemm";
            n.attributes["transB"] = 1;
            param("weight", true);
            param("bias", false);
        } else if (c == "BatchNorm2d" || c == "BatchNorm1d") {
            if (!m.attrs.value("affine", true) || !m.attrs.value("track_running_stats", true))
                fail(m, "only affine BatchNorm with running statistics is supported");
            n.opType = "BatchNormalization";
            const json eps = m.attrs.value("eps", json(1e-5));
            n.attributes["epsilon"] = eps.is_number() ? eps.get<double>() : 1e-5;
            for (const char* p : { "weight", "bias", "running_mean", "running_var" })
                param(p, true);
        } else if (c == "Conv2d") {
            if (m.attrs.value("padding_mode", "zeros") != "zeros")
                fail(m, "padding_mode '" + m.attrs.value("padding_mode", "") + "' is not supported (only zeros)");
            n.opType = "Conv";
            n.attributes["kernel_shape"] = ints(pairAttr(m, "kernel_size"));
            n.attributes["strides"] = ints(pairAttr(m, "stride"));
            n.attributes["dilations"] = ints(pairAttr(m, "dilation"));
            n.attributes["group"] = intAttr(m, "groups");
            if (const auto p = convPadding(m))
                n.attributes["pads"] = json::array({ p->first, p->second, p->first, p->second });
            else
                n.attributes["auto_pad"] = "SAME_UPPER"; // PyTorch's 'same' puts the odd pixel at the end
            param("weight", true);
            param("bias", false);
        } else if (c == "MaxPool2d") {
            if (m.attrs.value("return_indices", false))
                fail(m, "return_indices=True is not supported");
            n.opType = "MaxPool";
            const auto k = pairAttr(m, "kernel_size");
            const json& s = m.attrs.contains("stride") ? m.attrs.at("stride") : json();
            const auto p = pairAttr(m, "padding");
            n.attributes["kernel_shape"] = ints(k);
            n.attributes["strides"] = ints(s.is_null() ? k : pairAttr(m, "stride"));
            n.attributes["pads"] = json::array({ p.first, p.second, p.first, p.second });
            n.attributes["dilations"] = ints(pairAttr(m, "dilation"));
            n.attributes["ceil_mode"] = m.attrs.value("ceil_mode", false) ? 1 : 0;
        } else {
            after(m, Shape {}); // refuses the kind by name
        }
        return n;
    }

    const WeightFile& file_;
    std::vector<Module> modules_;
};

} // namespace

Sequential buildTorchLayers(std::vector<TorchLayer> layers, const WeightFile& file)
{
    return Builder(std::move(layers), file).build();
}

Sequential buildTorchSequential(const nlohmann::json& modules, const WeightFile& file)
{
    const json& tree = modules.at("(root)");
    const std::string type = tree.value("type", "");
    if (type != "torch.nn.modules.container.Sequential")
        throw FormatError(file.path() + ": the model is a " + type
                          + ", whose forward() is Python code that the file does not hold, so it cannot be run "
                            "(only an nn.Sequential of Conv2d, Linear, BatchNorm, ReLU, Sigmoid, Tanh, "
                            "MaxPool2d, Flatten and Dropout can; its tensors can be inspected)");
    // The children in the order of the Sequential's _modules: the order it runs them.
    std::vector<TorchLayer> layers;
    for (const json& name : tree.value("children", json::array())) {
        if (!name.is_string() || !modules.contains(name.get<std::string>()))
            throw FormatError(file.path() + ": the Sequential's child " + name.dump() + " has no module entry");
        const json& child = modules.at(name.get<std::string>());
        layers.push_back({ name.get<std::string>(), child.value("class", ""), child.value("attributes", json::object()) });
    }
    return buildTorchLayers(std::move(layers), file);
}

} // namespace ws
