// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/KerasVariableNames.h"

#include "io/KerasModel.h"

#include <algorithm>
#include <cctype>

namespace ws {

namespace {

using json = nlohmann::json;

// Models nested deeper than this are not walked (Keras applications nest two or three deep;
// io/KerasModel converts up to 16).
constexpr int kMaxDepth = 16;

// A boolean option of a layer config: its default when absent, nothing when it is not a boolean.
std::optional<bool> flag(const json& config, const char* key, bool byDefault)
{
    const auto it = config.find(key);
    if (it == config.end() || it->is_null())
        return byDefault;
    if (!it->is_boolean())
        return std::nullopt;
    return it->get<bool>();
}

// A quantized layer saves other variables (Dense int8: kernel, bias, kernel_scale) under
// policies named "<mode>_from_<dtype>" ("int8_from_float32"), QuantizedDTypePolicy in Keras >= 3.4.
bool quantized(const json& config)
{
    if (const auto q = config.find("quantization_config"); q != config.end() && !q->is_null())
        return true;
    const auto d = config.find("dtype");
    if (d == config.end())
        return false;
    std::string policy;
    if (d->is_string())
        policy = d->get<std::string>();
    if (d->is_object()) {
        if (const auto c = d->find("class_name"); c != d->end() && c->is_string()
            && c->get<std::string>().find("Quantized") != std::string::npos)
            return true;
        if (const auto c = d->find("config"); c != d->end() && c->is_object())
            if (const auto n = c->find("name"); n != c->end() && n->is_string())
                policy = n->get<std::string>();
    }
    return policy.find("_from_") != std::string::npos;
}

// A class whose code is Keras's own: module "keras" or "keras.<...>" where given (not
// "keras_hub..."), no other registered name. A custom class named like a built-in ("Dense" in
// module "my_layers") may save anything.
bool builtIn(const json& layer, const std::string& className)
{
    const auto keras = [](const std::string& m) { return m == "keras" || m.rfind("keras.", 0) == 0; };
    if (const auto m = layer.find("module"); m != layer.end() && !m->is_null()
        && !(m->is_string() && keras(m->get<std::string>())))
        return false;
    if (const auto r = layer.find("registered_name"); r != layer.end() && !r->is_null()
        && !(r->is_string() && r->get<std::string>() == className))
        return false;
    return true;
}

// A layer name Keras accepts: not empty, no '/' (Keras refuses it: '/' separates scopes).
bool plainName(const std::string& name) { return !name.empty() && name.find('/') == std::string::npos; }

// The tensors of one vars group: "<path>/vars/<i>" -> (path, i).
bool splitStorePath(const std::string& name, std::string& path, size_t& index)
{
    const size_t at = name.rfind("/vars/");
    if (at == std::string::npos || at == 0)
        return false;
    const std::string digits = name.substr(at + 6);
    if (digits.empty() || digits.size() > 6 || (digits.size() > 1 && digits[0] == '0'))
        return false;
    for (char c : digits)
        if (!std::isdigit(static_cast<unsigned char>(c)))
            return false;
    path = name.substr(0, at);
    index = size_t(std::stoul(digits));
    return true;
}

// A positive integer option ("units", "filters"), or nothing.
std::optional<int64_t> positive(const json& config, const char* key)
{
    const auto it = config.find(key);
    if (it == config.end() || !it->is_number_integer() || it->get<int64_t>() <= 0)
        return std::nullopt;
    return it->get<int64_t>();
}

// Do the shapes the layer's config fixes fit the tensors of its vars group? Before Keras 3.3 the
// store does not name a group's layer; a config that lists layers the store does not hold (or
// lists them otherwise) would move names onto other layers' weights, and their shapes tell.
// Options a config does not give are not checked.
bool shapesFit(const std::string& cls, const json& config, const std::vector<std::string>& variables,
    const std::vector<const Shape*>& shapes)
{
    const std::optional<int64_t> units = positive(config, cls == "Dense" ? "units" : "filters");
    const std::optional<int64_t> multiplier = positive(config, "depth_multiplier");
    Shape window; // kernel_size as a list; a single number says nothing of the rank
    if (const auto k = config.find("kernel_size"); k != config.end() && k->is_array())
        for (const json& d : *k)
            window.push_back(d.is_number_integer() ? d.get<int64_t>() : -1);
    const bool depthwise = cls.rfind("Depthwise", 0) == 0, transpose = cls.ends_with("Transpose");
    auto is = [](const std::optional<int64_t>& want, int64_t got) { return !want || *want == got; };
    auto windowFits = [&](const Shape& s) {
        if (window.empty())
            return true;
        if (s.size() != window.size() + 2)
            return false;
        return std::equal(window.begin(), window.end(), s.begin());
    };
    if (cls == "EinsumDense" || cls == "PReLU") // shapes set by an equation, or by the input
        return true;
    const Shape* first = nullptr; // normalization: every variable has the shape of the first
    for (size_t i = 0; i < variables.size(); ++i) {
        const std::string& v = variables[i];
        const Shape& s = *shapes[i];
        if (cls.ends_with("Normalization")) {
            if (first && *first != s)
                return false;
            first = &s;
            continue;
        }
        if (s.empty())
            return false;
        const int64_t last = s.back();
        if (v == "embeddings") {
            if (s.size() != 2 || !is(positive(config, "input_dim"), s[0]) || !is(positive(config, "output_dim"), s[1]))
                return false;
        } else if (v == "bias") {
            if (s.size() != 1)
                return false;
            if (depthwise && shapes[0]->size() >= 2 && s[0] != (*shapes[0])[shapes[0]->size() - 2] * shapes[0]->back())
                return false;
            if (!depthwise && !is(units, s[0]))
                return false;
        } else if (v == "pointwise_kernel") {
            if (!is(units, last))
                return false;
        } else if (v == "depthwise_kernel" || (v == "kernel" && depthwise)) {
            if (!windowFits(s) || !is(multiplier, last))
                return false;
        } else if (v == "kernel") {
            if (cls == "Dense" ? s.size() != 2 : !windowFits(s))
                return false;
            if (!is(units, transpose ? (s.size() >= 2 ? s[s.size() - 2] : -1) : last))
                return false;
        }
    }
    return true;
}

struct Walk {
    const std::vector<TensorInfo>& tensors;
    std::map<std::string, std::map<size_t, size_t>> vars; // layer store path -> vars index -> tensor
    std::map<std::string, std::string> names;              // store path -> Keras name
    size_t layers = 0;
    bool tooMany = false;

    // Names one layer's tensors when the store holds exactly its variables, numbered 0..n-1,
    // neither the vars group's name attribute nor the shapes contradict the config.
    void nameLayer(const std::string& storePath, const std::string& className, const json& config,
        const std::string& localName, const std::string& fullName, const std::vector<std::string>& variables)
    {
        const auto it = vars.find(storePath);
        if (it == vars.end() || it->second.size() != variables.size())
            return;
        // The reader's layer: the name attribute, the full name it found for a nested layer, or
        // (no attribute) the store path without "layers/".
        const std::string fromPath = storePath.substr(7);
        std::vector<const Shape*> shapes;
        for (size_t i = 0; i < variables.size(); ++i) {
            const auto t = it->second.find(i);
            if (t == it->second.end())
                return;
            const std::string& layer = tensors[t->second].layer;
            if (!layer.empty() && layer != localName && layer != fullName && layer != fromPath)
                return;
            shapes.push_back(&tensors[t->second].shape);
        }
        if (!shapesFit(className, config, variables, shapes))
            return;
        for (size_t i = 0; i < variables.size(); ++i)
            names[tensors[it->second.at(i)].name] = fullName + "/" + variables[i];
    }

    // One model level: its layers in config order, counted per class as saving_lib counts them.
    void level(const json& model, const std::string& storePrefix, const std::string& namePrefix, int depth)
    {
        if (depth > kMaxDepth || !model.is_object())
            return;
        const auto cfg = model.find("config");
        if (cfg == model.end() || !cfg->is_object())
            return;
        const auto list = cfg->find("layers");
        if (list == cfg->end() || !list->is_array())
            return;
        std::map<std::string, int> used;
        for (const json& layer : *list) {
            if (++layers > kKerasMaxLayers) {
                tooMany = true;
                return;
            }
            // Without a class the count of the layers after it is unknown: stop this level.
            if (!layer.is_object())
                return;
            const auto cls = layer.find("class_name");
            if (cls == layer.end() || !cls->is_string())
                return;
            const std::string className = cls->get<std::string>();
            const std::string storePath = storePrefix + "layers/" + kerasStoreName(className, used);

            const auto config = layer.find("config");
            if (config == layer.end() || !config->is_object() || !builtIn(layer, className))
                continue;
            const auto name = config->find("name");
            if (name == config->end() || !name->is_string() || !plainName(name->get<std::string>()))
                continue;
            const std::string localName = name->get<std::string>();
            const std::string fullName = namePrefix + localName;
            // A nested model's layers are saved below its path (saving_lib walks `layers` of a
            // Sequential or Functional); a subclassed model walks its attributes instead.
            if (className == "Sequential" || className == "Functional") {
                level(layer, storePath + "/", fullName + "/", depth + 1);
                if (tooMany)
                    return;
                continue;
            }
            if (const auto variables = kerasLayerVariables(className, *config))
                nameLayer(storePath, className, *config, localName, fullName, *variables);
        }
    }
};

} // namespace

std::optional<std::vector<std::string>> kerasLayerVariables(const std::string& className, const json& config)
{
    using Names = std::vector<std::string>;
    if (!config.is_object() || quantized(config))
        return std::nullopt;
    // keras/src/layers: core/dense.py, core/einsum_dense.py and convolutional/base_conv.py,
    // base_conv_transpose.py save the kernel, then the bias; base_depthwise_conv.py calls its
    // kernel "kernel" (Keras 2: depthwise_kernel); base_separable_conv.py adds depthwise_kernel,
    // pointwise_kernel, bias.
    const auto withBias = [&](Names names, const char* biasKey) -> std::optional<Names> {
        const auto bias = flag(config, biasKey, true);
        if (!bias)
            return std::nullopt;
        if (*bias)
            names.push_back("bias");
        return names;
    };
    if (className == "Dense" || className == "Conv1D" || className == "Conv2D" || className == "Conv3D"
        || className == "Conv1DTranspose" || className == "Conv2DTranspose" || className == "Conv3DTranspose"
        || className == "DepthwiseConv1D" || className == "DepthwiseConv2D")
        return withBias({ "kernel" }, "use_bias");
    if (className == "SeparableConv1D" || className == "SeparableConv2D")
        return withBias({ "depthwise_kernel", "pointwise_kernel" }, "use_bias");
    if (className == "EinsumDense") {
        const auto axes = config.find("bias_axes");
        if (axes == config.end() || axes->is_null())
            return Names { "kernel" };
        if (!axes->is_string())
            return std::nullopt;
        return Names { "kernel", "bias" };
    }
    // normalization/batch_normalization.py, group_normalization.py, layer_normalization.py:
    // gamma with `scale`, beta with `center`, then BatchNormalization's moving statistics.
    // LayerNormalization's rms_scaling keeps gamma and drops beta.
    if (className == "BatchNormalization" || className == "GroupNormalization" || className == "LayerNormalization") {
        const auto scale = flag(config, "scale", true), center = flag(config, "center", true);
        const auto rms = flag(config, "rms_scaling", false);
        if (!scale || !center || !rms || (*rms && className != "LayerNormalization"))
            return std::nullopt;
        Names names;
        if (*scale || *rms)
            names.push_back("gamma");
        if (*center && !*rms)
            names.push_back("beta");
        if (className == "BatchNormalization")
            names.insert(names.end(), { "moving_mean", "moving_variance" });
        return names;
    }
    if (className == "Embedding")
        return Names { "embeddings" };
    if (className == "PReLU")
        return Names { "alpha" };
    return std::nullopt;
}

std::map<std::string, std::string> kerasVariableNames(const json& modelConfig, const std::vector<TensorInfo>& tensors)
{
    Walk walk { tensors, {}, {}, 0, false };
    for (size_t i = 0; i < tensors.size(); ++i) {
        std::string path;
        size_t index = 0;
        if (splitStorePath(tensors[i].name, path, index) && path.rfind("layers/", 0) == 0)
            walk.vars[path][index] = i;
    }
    if (walk.vars.empty() || !modelConfig.is_object())
        return {};
    // The top level: a Sequential or a Functional model; a subclassed one saves by attribute.
    const auto cls = modelConfig.find("class_name");
    if (cls == modelConfig.end() || !cls->is_string()
        || (cls->get<std::string>() != "Sequential" && cls->get<std::string>() != "Functional")
        || !builtIn(modelConfig, cls->get<std::string>()))
        return {};
    try {
        walk.level(modelConfig, "", "", 0);
    } catch (const std::exception&) {
        return {}; // (json's accessors are checked above; an allocation may still fail)
    }
    if (walk.tooMany)
        return {};
    // A name two tensors would share names neither.
    std::map<std::string, int> uses;
    for (const auto& [path, name] : walk.names)
        ++uses[name];
    for (auto it = walk.names.begin(); it != walk.names.end();)
        it = uses[it->second] > 1 ? walk.names.erase(it) : std::next(it);
    return walk.names;
}

std::map<std::string, std::string> kerasVariableNames(const WeightFile& file)
{
    if (file.format() != "keras")
        return {};
    const auto config = file.metadata().find("model_config");
    if (config == file.metadata().end())
        return {};
    return kerasVariableNames(*config, file.tensors());
}

} // namespace ws
