// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/LayerFactory.h"

#include "nn/Activation.h"
#include "nn/BatchNormalization.h"
#include "nn/ConstantMerge.h"
#include "nn/Conv2D.h"
#include "nn/DepthwiseConv2D.h"
#include "nn/Dense.h"
#include "nn/Dropout.h"
#include "nn/Flatten.h"
#include "nn/LayerNormalization.h"
#include "nn/Merge.h"
#include "nn/Permute.h"
#include "nn/TensorOps.h"
#include "nn/Pooling2D.h"
#include "nn/Rescaling.h"
#include "nn/Reshape.h"
#include "nn/Sequential.h"
#include "nn/Where.h"
#include "nn/ZeroPadding2D.h"
#include "util/Error.h"
#include "util/JsonNumbers.h"

#include <algorithm>
#include <array>
#include <optional>
#include <type_traits>
#include <cctype>
#include <functional>
#include <map>

namespace ws {

namespace {

using json = nlohmann::json;

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

template <class T> T get(const json& j, const char* key, T fallback)
{
    if (!j.contains(key))
        return fallback;
    if (!numbersFit<T>(j.at(key)))
        throw ConfigError(std::string("layer option '") + key + "' must be an integer in range: " + j.at(key).dump());
    try {
        return j.at(key).get<T>();
    } catch (const json::exception&) {
        throw ConfigError(std::string("layer option '") + key + "' has the wrong type: " + j.at(key).dump());
    }
}

// A (height, width) option: an int for both, a pair [h, w], or "HxW" from the compact form.
// Absent or null gives the fallback.
Size2 getSize2(const json& j, const char* key, Size2 fallback)
{
    if (!j.contains(key) || j.at(key).is_null())
        return fallback;
    const json& v = j.at(key);
    auto bad = [&]() -> ConfigError {
        return ConfigError(std::string("layer option '") + key + "' must be an integer or a pair of integers, got "
            + v.dump());
    };
    if (v.is_number_integer())
        return { v.get<int64_t>(), v.get<int64_t>() };
    if (v.is_array()) {
        if (v.size() != 2 || !v[0].is_number_integer() || !v[1].is_number_integer())
            throw bad();
        return { v[0].get<int64_t>(), v[1].get<int64_t>() };
    }
    if (v.is_string()) {
        const std::string text = lower(v.get<std::string>());
        const auto x = text.find('x');
        try {
            size_t usedH = 0, usedW = 0;
            const std::string h = text.substr(0, x), w = text.substr(x + 1);
            const Size2 s { std::stoll(h, &usedH), std::stoll(w, &usedW) };
            if (x != std::string::npos && usedH == h.size() && usedW == w.size())
                return s;
        } catch (const std::exception&) {
        }
    }
    throw bad();
}

// Keras options we do not implement: accepted only at their default value.
void requireDefault(const json& j, const char* key, const json& allowed, const char* layer)
{
    if (!j.contains(key) || j.at(key).is_null())
        return;
    for (const auto& a : allowed)
        if (j.at(key) == a)
            return;
    throw ConfigError(std::string(layer) + ": option '" + key + "' = " + j.at(key).dump() + " is not supported (only "
        + allowed.dump() + ")");
}

Padding getPadding(const json& j) { return parsePadding(lower(get<std::string>(j, "padding", "valid"))); }

// A convolution's valid/same; explicit pads (getConvPads) are set on a valid layer.
Padding getConvPadding(const json& j)
{
    return j.contains("padding") && j.at("padding").is_array() ? Padding::Valid : getPadding(j);
}

// Keras' ZeroPadding2D padding: an int for every side, (rows, columns) for both sides of each,
// or ((top, bottom), (left, right)).
Padding2D getPadding2D(const json& j)
{
    const json v = j.contains("padding") ? j.at("padding") : json(1);
    const auto isInt = [](const json& e) { return e.is_number_integer(); };
    const auto isPair = [&](const json& e) { return e.is_array() && e.size() == 2 && isInt(e[0]) && isInt(e[1]); };
    if (isInt(v))
        return { v.get<int64_t>(), v.get<int64_t>(), v.get<int64_t>(), v.get<int64_t>() };
    if (isPair(v))
        return { v[0].get<int64_t>(), v[0].get<int64_t>(), v[1].get<int64_t>(), v[1].get<int64_t>() };
    if (v.is_array() && v.size() == 2 && isPair(v[0]) && isPair(v[1]))
        return { v[0][0].get<int64_t>(), v[0][1].get<int64_t>(), v[1][0].get<int64_t>(), v[1][1].get<int64_t>() };
    throw ConfigError("ZeroPadding2D: 'padding' must be an integer, (rows, columns) or ((top, bottom), (left, right)), got "
        + v.dump());
}

// A convolution's explicit pads, "padding": [[top, bottom], [left, right]] (as our configs
// save an imported ONNX convolution); none for "valid"/"same".
std::optional<Padding2D> getConvPads(const json& j, const char* layer)
{
    if (!j.contains("padding") || !j.at("padding").is_array())
        return std::nullopt;
    const json& v = j.at("padding");
    const auto isSide = [](const json& e) { return e.is_number_integer() && e.get<int64_t>() >= 0 && e.get<int64_t>() <= 65536; };
    const auto isPair = [&](const json& e) { return e.is_array() && e.size() == 2 && isSide(e[0]) && isSide(e[1]); };
    if (v.size() == 2 && isPair(v[0]) && isPair(v[1]))
        return Padding2D { v[0][0].get<int64_t>(), v[0][1].get<int64_t>(), v[1][0].get<int64_t>(), v[1][1].get<int64_t>() };
    throw ConfigError(std::string(layer) + ": 'padding' must be \"valid\", \"same\" or [[top, bottom], [left, right]] "
        "with each side from 0 to 65536, got " + v.dump());
}

template <class L> std::unique_ptr<Layer> withPads(std::unique_ptr<L> layer, const json& j, const char* name)
{
    if (const std::optional<Padding2D> pads = getConvPads(j, name))
        layer->setPads(*pads);
    return layer;
}

std::unique_ptr<Layer> makePooling(PoolKind kind, const json& j)
{
    requireDefault(j, "data_format", json::array({ "channels_last" }), "pooling");
    const Size2 pool = getSize2(j, "pool_size", { 2, 2 });
    return std::make_unique<Pooling2D>(kind, pool, getSize2(j, "strides", pool), getPadding(j));
}

// The axis of a normalisation layer: an integer, or Keras' one-element list; -1 when absent.
int getNormAxis(const json& j, const char* layer)
{
    if (!j.contains("axis"))
        return -1;
    const json& a = j.at("axis");
    if (a.is_array() && a.size() == 1 && a[0].is_number_integer())
        return a[0].get<int>();
    if (a.is_number_integer())
        return a.get<int>();
    throw ConfigError(std::string(layer) + ": 'axis' must be one integer, got " + a.dump());
}

struct LayerType {
    std::string typeName;               // as written in configs
    std::vector<std::string> aliases;   // lower-case spellings accepted in the compact form
    std::vector<std::string> positional; // argument names in order
    std::function<std::unique_ptr<Layer>(const json&)> make;
};

std::unique_ptr<Layer> makeActivation(ActivationKind kind, const json& j)
{
    return std::make_unique<ActivationLayer>(kind, get<float>(j, "alpha", -1.0f), get<float>(j, "beta", 0.5f));
}

const std::vector<LayerType>& layerTypes()
{
    static const std::vector<LayerType> types = [] {
        std::vector<LayerType> t;
        t.push_back({ "Dense", { "dense", "linear_layer", "fc" }, { "units" }, [](const json& j) {
                         return std::make_unique<Dense>(get<int64_t>(j, "units", 0), get<bool>(j, "use_bias", true),
                             Initializer::parse(get<std::string>(j, "kernel_initializer", "glorot_uniform")),
                             Initializer::parse(get<std::string>(j, "bias_initializer", "zeros")));
                     } });
        // "Activation" with an "activation" key, and each activation under its own name.
        t.push_back({ "Activation", { "activation" }, { "activation" }, [](const json& j) {
                         return makeActivation(parseActivation(get<std::string>(j, "activation", "linear")), j);
                     } });
        for (ActivationKind kind : enumValues<ActivationKind>()) {
            const ActivationLayer probe(kind);
            const bool hasAlpha = kind == ActivationKind::LeakyReLU || kind == ActivationKind::ELU
                || kind == ActivationKind::HardSigmoid;
            t.push_back({ probe.typeName(), { activationName(kind), lower(probe.typeName()) },
                kind == ActivationKind::HardSigmoid ? std::vector<std::string> { "alpha", "beta" }
                    : hasAlpha                      ? std::vector<std::string> { "alpha" }
                                                    : std::vector<std::string> {},
                [kind](const json& j) { return makeActivation(kind, j); } });
        }
        t.push_back({ "Conv2D", { "conv2d", "convolution2d" }, { "filters", "kernel_size", "strides", "padding" },
            [](const json& j) {
                requireDefault(j, "data_format", json::array({ "channels_last" }), "Conv2D");
                requireDefault(j, "dilation_rate", json::array({ 1, json::array({ 1, 1 }) }), "Conv2D");
                requireDefault(j, "groups", json::array({ 1 }), "Conv2D");
                // Keras' fused activation: the importer splits it into its own layer; here
                // silently dropping it would change the model.
                requireDefault(j, "activation", json::array({ "linear" }), "Conv2D (add the activation as a layer after it)");
                return withPads(std::make_unique<Conv2D>(get<int64_t>(j, "filters", 0), getSize2(j, "kernel_size", { 0, 0 }),
                                    getSize2(j, "strides", { 1, 1 }), getConvPadding(j), get<bool>(j, "use_bias", true),
                                    Initializer::parse(get<std::string>(j, "kernel_initializer", "glorot_uniform")),
                                    Initializer::parse(get<std::string>(j, "bias_initializer", "zeros"))),
                    j, "Conv2D");
            } });
        t.push_back({ "DepthwiseConv2D", { "depthwiseconv2d", "dwconv2d" }, { "kernel_size", "depth_multiplier", "strides", "padding" },
            [](const json& j) {
                requireDefault(j, "data_format", json::array({ "channels_last" }), "DepthwiseConv2D");
                requireDefault(j, "dilation_rate", json::array({ 1, json::array({ 1, 1 }) }), "DepthwiseConv2D");
                requireDefault(j, "activation", json::array({ "linear" }), "DepthwiseConv2D (add the activation as a layer after it)");
                return withPads(std::make_unique<DepthwiseConv2D>(getSize2(j, "kernel_size", { 0, 0 }),
                                    get<int64_t>(j, "depth_multiplier", 1), getSize2(j, "strides", { 1, 1 }), getConvPadding(j),
                                    get<bool>(j, "use_bias", true),
                                    Initializer::parse(get<std::string>(j, "depthwise_initializer", "glorot_uniform")),
                                    Initializer::parse(get<std::string>(j, "bias_initializer", "zeros"))),
                    j, "DepthwiseConv2D");
            } });
        t.push_back({ "ZeroPadding2D", { "zeropadding2d", "zeropad2d", "pad2d" }, { "padding" }, [](const json& j) {
                         requireDefault(j, "data_format", json::array({ "channels_last" }), "ZeroPadding2D");
                         return std::make_unique<ZeroPadding2D>(getPadding2D(j), get<float>(j, "fill_value", 0.0f));
                     } });
        t.push_back({ "MaxPooling2D", { "maxpool2d", "maxpooling2d" }, { "pool_size", "strides", "padding" },
            [](const json& j) { return makePooling(PoolKind::Max, j); } });
        t.push_back({ "AveragePooling2D", { "avgpool2d", "averagepooling2d", "avgpooling2d" },
            { "pool_size", "strides", "padding" }, [](const json& j) { return makePooling(PoolKind::Average, j); } });
        t.push_back({ "GlobalAveragePooling2D", { "globalavgpool2d", "globalaveragepooling2d" }, { "keepdims" },
            [](const json& j) {
                requireDefault(j, "data_format", json::array({ "channels_last" }), "GlobalAveragePooling2D");
                return std::make_unique<GlobalAveragePooling2D>(get<bool>(j, "keepdims", false));
            } });
        t.push_back({ "Flatten", { "flatten" }, {}, [](const json& j) {
                         requireDefault(j, "data_format", json::array({ "channels_last" }), "Flatten");
                         return std::make_unique<Flatten>();
                     } });
        t.push_back({ "Reshape", { "reshape" }, { "target_shape" }, [](const json& j) {
                         if (!j.contains("target_shape"))
                             throw ConfigError("Reshape needs a target_shape, e.g. reshape(7, 7, 16)");
                         return std::make_unique<Reshape>(get<Shape>(j, "target_shape", {}));
                     } });
        t.push_back({ "Permute", { "permute" }, { "dims" }, [](const json& j) {
                         if (!j.contains("dims"))
                             throw ConfigError("Permute needs dims, e.g. permute(dims=[2, 3, 1])");
                         return std::make_unique<Permute>(get<std::vector<int>>(j, "dims", {}));
                     } });
        t.push_back({ "Dropout", { "dropout" }, { "rate" }, [](const json& j) {
                         requireDefault(j, "noise_shape", json::array(), "Dropout");
                         return std::make_unique<Dropout>(get<float>(j, "rate", 0.5f));
                     } });
        t.push_back({ "BatchNormalization", { "batchnorm", "batchnormalization", "bn" }, { "momentum", "epsilon" },
            [](const json& j) {
                return std::make_unique<BatchNormalization>(get<float>(j, "momentum", 0.99f),
                    get<float>(j, "epsilon", 1e-3f), get<bool>(j, "center", true), get<bool>(j, "scale", true),
                    getNormAxis(j, "BatchNormalization"));
            } });
        t.push_back({ "LayerNormalization", { "layernorm", "layernormalization" }, { "epsilon" }, [](const json& j) {
                         return std::make_unique<LayerNormalization>(get<float>(j, "epsilon", 1e-3f),
                             get<bool>(j, "center", true), get<bool>(j, "scale", true), getNormAxis(j, "LayerNormalization"));
                     } });
        t.push_back({ "Rescaling", { "rescaling", "rescale" }, { "scale", "offset" }, [](const json& j) {
                         return std::make_unique<Rescaling>(get<float>(j, "scale", 1.0f), get<float>(j, "offset", 0.0f));
                     } });
        // Layers that read several inputs (a graph's joins); in the compact form, res(...) makes
        // the Add of a residual block.
        for (MergeKind kind : enumValues<MergeKind>())
            t.push_back({ std::string(enumName(kind)), { lower(std::string(enumName(kind))) }, {},
                [kind](const json&) { return std::make_unique<Merge>(kind); } });
        t.push_back({ "Concatenate", { "concatenate", "concat" }, { "axis" },
            [](const json& j) { return std::make_unique<Concatenate>(get<int>(j, "axis", -1)); } });
        t.push_back({ "ConstantMerge", { "constantmerge" }, { "kind", "shape", "constant_first" }, [](const json& j) {
                         return std::make_unique<ConstantMerge>(parseEnum<MergeKind>(get<std::string>(j, "kind", "Add")),
                             get<Shape>(j, "shape", {}), get<bool>(j, "constant_first", false));
                     } });
        // Tensor arithmetic of imported graphs (nn/TensorOps.h).
        t.push_back({ "MatMul", { "matmul" }, {}, [](const json&) { return std::make_unique<MatMul>(); } });
        t.push_back({ "Slice", { "slice" }, { "axis", "start", "end" }, [](const json& j) {
                         return std::make_unique<Slice>(get<int>(j, "axis", 0), get<int64_t>(j, "start", 0),
                             get<int64_t>(j, "end", 1));
                     } });
        for (const bool mean : { true, false })
            t.push_back({ mean ? "ReduceMean" : "ReduceSum", { mean ? "reducemean" : "reducesum" }, { "axis", "keepdims" },
                [mean](const json& j) {
                    return std::make_unique<Reduce>(mean, get<int>(j, "axis", 0), get<bool>(j, "keepdims", true));
                } });
        t.push_back({ "Power", { "power", "pow" }, { "exponent" }, [](const json& j) {
                         return std::make_unique<Elementwise>(Elementwise::Kind::Power, get<float>(j, "exponent", 1.0f));
                     } });
        t.push_back({ "Erf", { "erf" }, {}, [](const json&) { return std::make_unique<Elementwise>(Elementwise::Kind::Erf); } });
        t.push_back({ "Expand", { "expand" }, { "shape" }, [](const json& j) {
                         return std::make_unique<Expand>(get<Shape>(j, "shape", {}));
                     } });
        // Where's operands: "input", or {"shape": [...]} for a constant (its values are weights).
        t.push_back({ "Where", { "where" }, {}, [](const json& j) {
                         std::array<std::optional<Where::Constant>, 3> operands;
                         const char* names[3] = { "condition", "a", "b" };
                         for (size_t k = 0; k < 3; ++k) {
                             const json operand = j.contains(names[k]) ? j.at(names[k]) : json("input");
                             if (operand.is_object())
                                 operands[k] = Where::Constant { get<Shape>(operand, "shape", {}), {} };
                             else if (operand != "input")
                                 throw ConfigError(std::string("Where: '") + names[k]
                                     + "' must be \"input\" or {\"shape\": [...]}");
                         }
                         return std::make_unique<Where>(std::move(operands));
                     } });
        return t;
    }();
    return types;
}

const LayerType& findType(const std::string& name)
{
    const std::string key = lower(name);
    for (const auto& type : layerTypes()) {
        if (lower(type.typeName) == key)
            return type;
        if (std::find(type.aliases.begin(), type.aliases.end(), key) != type.aliases.end())
            return type;
    }
    throw ConfigError("unknown layer type '" + name + "'; known types:\n" + layerSpecHelp());
}

json parseValue(const std::string& text)
{
    // numbers and booleans as such; everything else a string
    try {
        size_t used = 0;
        const long long i = std::stoll(text, &used);
        if (used == text.size())
            return i;
        const double d = std::stod(text, &used);
        if (used == text.size())
            return d;
    } catch (const std::exception&) {
    }
    if (text == "true" || text == "false")
        return text == "true";
    return text;
}

std::string trim(const std::string& s)
{
    const auto b = s.find_first_not_of(" \t\n");
    if (b == std::string::npos)
        return {};
    return s.substr(b, s.find_last_not_of(" \t\n") - b + 1);
}

} // namespace

std::unique_ptr<Layer> makeLayer(const json& config)
{
    if (!config.is_object() || !config.contains("type") || !config.at("type").is_string())
        throw ConfigError("a layer config needs a 'type': " + config.dump());
    const LayerType& type = findType(config.at("type").get<std::string>());
    auto layer = type.make(config);
    if (config.contains("name") && config.at("name").is_string())
        layer->setName(config.at("name").get<std::string>());
    return layer;
}

namespace {

// Replaces the layer indices in "inputs" (written by parseLayerSpec for res blocks; -1 is the
// model's input) by the names Sequential::add will give the layers.
void nameInputs(json& layers)
{
    std::vector<std::string> names;
    std::map<std::string, int> seen; // per type name: how many layers so far
    for (const json& layer : layers) {
        const std::string type = makeLayer(layer)->typeName();
        const int k = ++seen[type];
        names.push_back(layer.contains("name") && layer.at("name").is_string() ? layer.at("name").get<std::string>()
                                                                                : lower(type) + "_" + std::to_string(k));
    }
    for (json& layer : layers)
        if (layer.contains("inputs"))
            for (json& input : layer.at("inputs"))
                input = input.get<int>() < 0 ? std::string(Sequential::kInputName) : names[input.get<size_t>()];
}

} // namespace

json parseLayerSpec(const std::string& text)
{
    json layers = json::array();
    std::vector<size_t> blocks; // open res( blocks: the index of their first layer
    size_t i = 0;
    const size_t n = text.size();
    while (i < n) {
        while (i < n && (std::isspace(static_cast<unsigned char>(text[i])) || text[i] == ';'))
            ++i;
        if (i >= n)
            break;
        if (text[i] == ')') {
            // The end of a residual block: Add(its last layer, what the block read).
            if (blocks.empty())
                throw ConfigError("model spec: ')' at character " + std::to_string(i + 1) + " closes nothing");
            const size_t first = blocks.back();
            blocks.pop_back();
            if (layers.size() == first)
                throw ConfigError("model spec: res() at character " + std::to_string(i + 1) + " holds no layers");
            layers.push_back({ { "type", "Add" }, { "inputs", { int(layers.size()) - 1, int(first) - 1 } } });
            ++i;
            continue;
        }
        size_t start = i;
        while (i < n && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_'))
            ++i;
        const std::string word = text.substr(start, i - start);
        if (word.empty())
            throw ConfigError("model spec: unexpected '" + std::string(1, text[i]) + "' at character " + std::to_string(i + 1));
        if (lower(word) == "res" && i < n && text[i] == '(') {
            blocks.push_back(layers.size());
            ++i;
            continue;
        }
        const LayerType& type = findType(word);
        json layer = { { "type", type.typeName } };
        if (i < n && text[i] == '(') {
            const size_t close = text.find(')', i);
            if (close == std::string::npos)
                throw ConfigError("model spec: '(' after '" + word + "' is never closed");
            const std::string args = text.substr(i + 1, close - i - 1);
            i = close + 1;
            size_t pos = 0;
            size_t argIndex = 0;
            json positionalRest = json::array();
            while (pos <= args.size()) {
                size_t comma = args.find(',', pos);
                if (comma == std::string::npos)
                    comma = args.size();
                const std::string arg = trim(args.substr(pos, comma - pos));
                pos = comma + 1;
                if (arg.empty()) {
                    if (comma == args.size())
                        break;
                    continue;
                }
                const auto eq = arg.find('=');
                if (eq != std::string::npos) {
                    layer[trim(arg.substr(0, eq))] = parseValue(trim(arg.substr(eq + 1)));
                } else if (type.positional.size() == 1
                    && (type.positional[0] == "target_shape" || type.positional[0] == "dims")) {
                    positionalRest.push_back(parseValue(arg));
                } else if (argIndex < type.positional.size()) {
                    layer[type.positional[argIndex++]] = parseValue(arg);
                } else {
                    throw ConfigError("model spec: too many arguments for " + word);
                }
            }
            if (!positionalRest.empty())
                layer[type.positional[0]] = positionalRest; // a list: reshape(7, 7, 16), permute(2, 3, 1)
        }
        if (type.typeName == "Activation" && !layer.contains("activation"))
            throw ConfigError("model spec: 'activation' needs a name, e.g. activation(relu)");
        if (layer.contains("inputs"))
            throw ConfigError("model spec: 'inputs' cannot be given in the compact form; use res(...) or a JSON config");
        layers.push_back(layer);
    }
    if (!blocks.empty())
        throw ConfigError("model spec: res( is never closed");
    if (layers.empty())
        throw ConfigError("model spec is empty");
    nameInputs(layers);
    return layers;
}

std::string layerSpecHelp()
{
    std::string help;
    for (const auto& type : layerTypes()) {
        help += "  " + (type.aliases.empty() ? lower(type.typeName) : type.aliases.front());
        if (!type.positional.empty()) {
            help += "(";
            for (size_t i = 0; i < type.positional.size(); ++i)
                help += (i ? ", " : "") + type.positional[i];
            help += ")";
        }
        help += "\n";
    }
    help += "  res(LAYERS...)   a residual block: its layers, then the Add of their output and the block's input\n";
    return help;
}

} // namespace ws
