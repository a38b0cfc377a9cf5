// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/StateDictModel.h"

#include "io/TorchModel.h"
#include "nn/LayerFactory.h"
#include "util/Error.h"

namespace ws {

namespace {

using json = nlohmann::json;

// Another file's tensors under the names the Sequential builder looks up ("0.weight"): the
// module paths of the layers they were given to.
class RenamedTensors final : public WeightFile {
public:
    explicit RenamedTensors(const WeightFile& source)
        : source_(source)
    {
        path_ = source.path();
    }
    void add(size_t index, const std::string& name)
    {
        TensorInfo t = source_.tensors()[index];
        t.name = name;
        tensors_.push_back(std::move(t));
        from_.push_back(index);
    }
    std::string format() const override { return source_.format(); }
    void read(size_t index, int64_t first, int64_t count, float* out) const override
    {
        checkedRead(index, first, count);
        source_.read(from_[index], first, count, out);
    }

private:
    const WeightFile& source_;
    std::vector<size_t> from_;
};

// "Conv2D(filters=8, kernel_size=3)": a layer as messages name it.
std::string describe(const json& layer)
{
    std::string text = layer.value("type", "?") + "(";
    bool first = true;
    for (const auto& [key, value] : layer.items()) {
        if (key == "type")
            continue;
        text += (first ? "" : ", ") + key + "=" + (value.is_string() ? value.get<std::string>() : value.dump());
        first = false;
    }
    return text + ")";
}

// A shape where -1 is any size: "(8, any, 3, 3)".
std::string wantText(const Shape& want)
{
    std::string text = "(";
    for (size_t d = 0; d < want.size(); ++d)
        text += (d ? ", " : "") + (want[d] < 0 ? std::string("any") : std::to_string(want[d]));
    return text + (want.size() == 1 ? ",)" : ")");
}

// An int or a pair of ints ("kernel_size": 3 or [3, 3]) as the pair PyTorch writes; `fallback`
// when the layer does not say.
json pairOf(const json& layer, const char* key, const json& fallback, const std::string& what)
{
    if (!layer.contains(key))
        return fallback;
    const json& v = layer.at(key);
    if (v.is_number_integer() && v.get<int64_t>() > 0)
        return json::array({ v, v });
    if (v.is_array() && v.size() == 2 && v[0].is_number_integer() && v[1].is_number_integer())
        return v;
    throw ConfigError(what + ": '" + key + "' is " + v.dump() + ", not a size or a pair of sizes");
}

int64_t countOf(const json& layer, const char* key, const std::string& what)
{
    const json v = layer.value(key, json());
    if (!v.is_number_integer() || v.get<int64_t>() < 1)
        throw ConfigError(what + ": needs a positive integer '" + key + "'");
    return v.get<int64_t>();
}

} // namespace

StateDictModel buildStateDictModel(const WeightFile& file, const std::string& layerSpec)
{
    const json layers = parseLayerSpec(layerSpec);
    if (!layers.is_array() || layers.empty())
        throw ConfigError("--model: no layers in '" + layerSpec + "'");
    const std::vector<TensorInfo>& tensors = file.tensors();
    RenamedTensors renamed(file);
    StateDictModel out;
    json modules = json::object(), children = json::array();
    size_t next = 0; // the next tensor of the file to give out
    // BatchNorm's step counter is an int64 scalar that no layer of the engine keeps.
    auto skipCounters = [&] {
        while (next < tensors.size() && tensors[next].name.ends_with("num_batches_tracked"))
            ++next;
    };
    bool spatial = false; // the value between layers is an image (after a conv or pool, before flatten)
    int64_t width = -1;   // its channels or features, where a layer fixed them
    for (size_t i = 0; i < layers.size(); ++i) {
        const json& layer = layers[i];
        const std::string type = layer.value("type", ""), name = std::to_string(i);
        const std::string what = "layer " + std::to_string(i + 1) + " " + describe(layer);
        const std::string where = file.path() + ": " + what; // for what the layer itself gets wrong
        auto take = [&](const char* param, const Shape& want) -> Shape {
            skipCounters();
            if (next >= tensors.size())
                throw FormatError(file.path() + ": " + what + " needs a " + param + " " + wantText(want)
                    + ", but the file holds no more tensors (" + std::to_string(tensors.size()) + " in all)");
            const TensorInfo& t = tensors[next];
            bool fits = t.shape.size() == want.size();
            for (size_t d = 0; fits && d < want.size(); ++d)
                fits = want[d] < 0 || want[d] == t.shape[d];
            if (!fits)
                throw FormatError(file.path() + ": tensor " + std::to_string(next + 1) + " '" + t.name + "' "
                    + shapeToString(t.shape) + " does not fit " + what + ", whose " + param + " is " + wantText(want)
                    + " in PyTorch's layout");
            renamed.add(next, name + "." + param);
            out.assignments.push_back(t.name + " " + shapeToString(t.shape) + " -> " + what + ": " + param);
            return tensors[next++].shape;
        };
        json attrs = json::object();
        std::string cls;
        if (type == "Conv2D") {
            const int64_t filters = countOf(layer, "filters", where);
            const json kernel = pairOf(layer, "kernel_size", json(), where);
            if (kernel.is_null())
                throw ConfigError(where + ": needs a kernel_size");
            const Shape w = take("weight", { filters, spatial ? width : -1, kernel[0].get<int64_t>(), kernel[1].get<int64_t>() });
            if (layer.value("use_bias", true))
                take("bias", { filters });
            const std::string padding = layer.value("padding", "valid");
            attrs = { { "in_channels", w[1] }, { "out_channels", filters }, { "kernel_size", kernel },
                { "stride", pairOf(layer, "strides", json::array({ 1, 1 }), where) },
                { "padding", padding == "same" ? json("same") : json::array({ 0, 0 }) },
                { "dilation", json::array({ 1, 1 }) }, { "groups", 1 }, { "padding_mode", "zeros" } };
            cls = "Conv2d";
            spatial = true;
            width = filters;
        } else if (type == "Dense") {
            const int64_t units = countOf(layer, "units", where);
            const Shape w = take("weight", { units, width });
            if (layer.value("use_bias", true))
                take("bias", { units });
            attrs = { { "in_features", w[1] }, { "out_features", units } };
            cls = "Linear";
            spatial = false;
            width = units;
        } else if (type == "BatchNormalization") {
            if (!layer.value("center", true) || !layer.value("scale", true))
                throw ConfigError(where + ": PyTorch's BatchNorm always has a weight and a bias");
            const int64_t c = take("weight", { width })[0];
            for (const char* p : { "bias", "running_mean", "running_var" })
                take(p, { c });
            attrs = { { "num_features", c }, { "eps", layer.value("epsilon", 1e-5) }, { "affine", true },
                { "track_running_stats", true } };
            cls = spatial ? "BatchNorm2d" : "BatchNorm1d";
            width = c;
        } else if (type == "ReLU" || type == "Sigmoid" || type == "Tanh" || type == "Dropout") {
            cls = type;
        } else if (type == "MaxPooling2D") {
            if (layer.value("padding", "valid") != "valid")
                throw ConfigError(where + ": only padding=valid pools are PyTorch's MaxPool2d");
            const json pool = pairOf(layer, "pool_size", json::array({ 2, 2 }), where);
            attrs = { { "kernel_size", pool }, { "stride", pairOf(layer, "strides", pool, where) },
                { "padding", json::array({ 0, 0 }) }, { "dilation", json::array({ 1, 1 }) }, { "ceil_mode", false } };
            cls = "MaxPool2d";
        } else if (type == "Flatten") {
            attrs = { { "start_dim", 1 }, { "end_dim", -1 } };
            cls = "Flatten";
            spatial = false;
            width = -1;
        } else {
            throw ConfigError(where + ": this kind of layer takes no PyTorch state dict here (conv2d, dense, "
                                     "batchnorm, relu, sigmoid, tanh, maxpool2d, flatten and dropout do)");
        }
        modules[name] = { { "class", cls }, { "type", "torch.nn." + cls }, { "attributes", attrs } };
        children.push_back(name);
    }
    skipCounters();
    if (next < tensors.size())
        throw FormatError(file.path() + ": the layers take " + std::to_string(out.assignments.size())
            + " tensors, but the file holds more: tensor " + std::to_string(next + 1) + " '" + tensors[next].name
            + "' " + shapeToString(tensors[next].shape) + " is left over");
    modules["(root)"] = { { "type", "torch.nn.modules.container.Sequential" }, { "class", "Sequential" },
        { "children", children } };
    out.model = buildTorchSequential(modules, renamed);
    return out;
}

} // namespace ws
