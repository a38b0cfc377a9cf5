// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/KerasModel.h"

#include "nn/LayerFactory.h"
#include "util/Error.h"

#include <cctype>
#include <algorithm>
#include <functional>
#include <map>
#include <queue>

namespace ws {

namespace {

using json = nlohmann::json;

std::string layerLabel(const KerasLayer& l) { return "layer '" + l.name + "' (" + l.className + ")"; }

bool isNestedModel(const std::string& cls) { return cls == "Sequential" || cls == "Functional" || cls == "Model"; }

// batch_input_shape (Keras 2) or batch_shape (Keras 3) without the batch dimension.
bool readBatchShape(const json& cfg, Shape& out, const std::string& file, const std::string& where)
{
    for (const char* key : { "batch_input_shape", "batch_shape" }) {
        if (!cfg.is_object() || !cfg.contains(key) || cfg.at(key).is_null())
            continue;
        const json& s = cfg.at(key);
        if (!s.is_array() || s.empty())
            throw FormatError(file + ": " + where + ": '" + key + "' is not a shape: " + s.dump());
        Shape shape;
        for (size_t i = 1; i < s.size(); ++i) {
            if (!s[i].is_number_integer() || s[i].get<int64_t>() <= 0)
                throw FormatError(file + ": " + where + ": input shape " + s.dump()
                    + " has a dimension that is not fixed; Weightscope needs a fixed input shape");
            shape.push_back(s[i].get<int64_t>());
        }
        out = std::move(shape);
        return true;
    }
    return false;
}

// Names of the layers feeding one inbound node, Keras 2 ([["name", 0, 0, {}]]) or Keras 3
// ({"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["name", 0, 0]}}]}).
// Keras nests these four or five levels deep; `where` (file and place) names a config nested
// far deeper, which no Keras wrote.
void collectInbound(const json& j, std::vector<std::string>& names, const std::string& where, int depth = 0)
{
    if (depth > 32)
        throw FormatError(where + ": the inbound nodes are nested more than 32 levels deep");
    if (j.is_object()) {
        if (j.contains("keras_history") && j.at("keras_history").is_array() && !j.at("keras_history").empty()
            && j.at("keras_history")[0].is_string()) {
            names.push_back(j.at("keras_history")[0].get<std::string>());
            return;
        }
        for (const auto& [k, v] : j.items())
            collectInbound(v, names, where, depth + 1);
    } else if (j.is_array()) {
        if (j.size() >= 3 && j[0].is_string() && j[1].is_number_integer() && j[2].is_number_integer()) {
            names.push_back(j[0].get<std::string>());
            return;
        }
        for (const auto& v : j)
            collectInbound(v, names, where, depth + 1);
    }
}

// The activation name of a Dense/Conv2D/Activation config: a string, or Keras 3's serialised
// built-in function. Anything else (a custom function) is refused.
std::string activationOf(const json& cfg, const KerasLayer& layer, const std::string& file)
{
    if (!cfg.contains("activation") || cfg.at("activation").is_null())
        return "linear";
    const json& a = cfg.at("activation");
    if (a.is_string())
        return a.get<std::string>();
    if (a.is_object() && a.contains("config") && a.at("config").is_string()
        && a.value("module", std::string()).rfind("keras", 0) == 0)
        return a.at("config").get<std::string>();
    throw FormatError(file + ": " + layerLabel(layer) + ": activation " + a.dump()
        + " is not a built-in Keras activation; custom code is not run");
}

void copyKeys(const json& from, json& to, std::initializer_list<const char*> keys)
{
    for (const char* k : keys)
        if (from.contains(k) && !from.at(k).is_null())
            to[k] = from.at(k);
}

json activationConfig(const std::string& activation, const std::string& name)
{
    return { { "type", "Activation" }, { "activation", activation }, { "name", name } };
}

// Engine layer configs for one Keras layer. The first one reads what the Keras layer reads; the
// layer's weights, in Keras' order, are the parameters of the engine layers in turn.
std::vector<json> engineConfigs(const KerasLayer& layer, const std::string& file)
{
    const json& c = layer.config;
    const std::string& cls = layer.className;
    json e = { { "name", layer.name } };
    std::string fused; // activation applied after a linear layer
    std::vector<json> more; // engine layers after the first, before `fused`
    if (cls == "Dense") {
        e["type"] = "Dense";
        copyKeys(c, e, { "units", "use_bias" });
        fused = activationOf(c, layer, file);
    } else if (cls == "Conv2D" || cls == "Convolution2D") {
        e["type"] = "Conv2D";
        copyKeys(c, e, { "filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "groups",
                           "use_bias" });
        fused = activationOf(c, layer, file);
    } else if (cls == "DepthwiseConv2D" || cls == "SeparableConv2D" || cls == "SeparableConvolution2D") {
        // The kernel (KH, KW, C, M) as Keras stores it; the factory refuses dilation and channels_first.
        e["type"] = "DepthwiseConv2D";
        copyKeys(c, e, { "kernel_size", "depth_multiplier", "strides", "padding", "data_format", "dilation_rate",
                           "use_bias" });
        fused = activationOf(c, layer, file);
        if (cls != "DepthwiseConv2D") {
            // Keras' separable conv is the depthwise conv (strides, padding) without bias, then a
            // 1x1 valid conv with the pointwise kernel (1, 1, C * M, F) and the bias, then the
            // activation: two engine layers whose weights are Keras' three in Keras' order.
            e["use_bias"] = false;
            json pointwise = { { "type", "Conv2D" }, { "name", layer.name + "_pointwise" }, { "kernel_size", { 1, 1 } } };
            copyKeys(c, pointwise, { "filters", "use_bias" });
            more.push_back(std::move(pointwise));
        }
    } else if (cls == "ZeroPadding2D") {
        e["type"] = "ZeroPadding2D";
        copyKeys(c, e, { "padding", "data_format" });
    } else if (cls == "MaxPooling2D" || cls == "MaxPool2D" || cls == "AveragePooling2D" || cls == "AvgPool2D") {
        e["type"] = cls.rfind("Max", 0) == 0 ? "MaxPooling2D" : "AveragePooling2D";
        copyKeys(c, e, { "pool_size", "strides", "padding", "data_format" });
    } else if (cls == "GlobalAveragePooling2D" || cls == "GlobalAvgPool2D") {
        e["type"] = "GlobalAveragePooling2D";
        copyKeys(c, e, { "keepdims", "data_format" });
    } else if (cls == "Flatten") {
        e["type"] = "Flatten";
        copyKeys(c, e, { "data_format" });
    } else if (cls == "Reshape") {
        e["type"] = "Reshape";
        copyKeys(c, e, { "target_shape" });
    } else if (cls == "Dropout") {
        e["type"] = "Dropout";
        copyKeys(c, e, { "rate", "noise_shape" });
    } else if (cls == "BatchNormalization" || cls == "BatchNormalizationV1" || cls == "BatchNormalizationV2") {
        e["type"] = "BatchNormalization";
        copyKeys(c, e, { "axis", "momentum", "epsilon", "center", "scale" });
    } else if (cls == "LayerNormalization") {
        if (c.value("rms_scaling", false))
            throw FormatError(file + ": " + layerLabel(layer) + ": option 'rms_scaling' = true is not supported");
        e["type"] = "LayerNormalization";
        copyKeys(c, e, { "axis", "epsilon", "center", "scale" });
    } else if (cls == "Rescaling") {
        e["type"] = "Rescaling";
        copyKeys(c, e, { "scale", "offset" });
    } else if (cls == "Add" || cls == "Subtract" || cls == "Multiply" || cls == "Average" || cls == "Maximum"
        || cls == "Minimum") {
        e["type"] = cls; // nn/Merge.h: the same names, the same broadcasting
    } else if (cls == "Concatenate") {
        e["type"] = "Concatenate";
        copyKeys(c, e, { "axis" }); // Keras' convention in the engine too: batch = axis 0
    } else if (cls == "Activation") {
        e = activationConfig(activationOf(c, layer, file), layer.name);
    } else if (cls == "ReLU") {
        for (const char* key : { "max_value", "threshold" })
            if (c.contains(key) && !c.at(key).is_null() && !(key[0] == 't' && c.at(key) == 0))
                throw FormatError(file + ": " + layerLabel(layer) + ": option '" + key + "' = " + c.at(key).dump()
                    + " is not supported");
        const float slope = c.value("negative_slope", 0.0f);
        e = activationConfig(slope == 0.0f ? "relu" : "leaky_relu", layer.name);
        if (slope != 0.0f)
            e["alpha"] = slope;
    } else if (cls == "LeakyReLU") {
        e = activationConfig("leaky_relu", layer.name);
        // Keras 2 calls the slope alpha, Keras 3 negative_slope; both default to 0.3.
        e["alpha"] = c.value("negative_slope", c.value("alpha", 0.3f));
    } else if (cls == "Softmax") {
        if (c.contains("axis") && c.at("axis") != -1 && c.at("axis") != json::array({ -1 }))
            throw FormatError(file + ": " + layerLabel(layer) + ": softmax over axis " + c.at("axis").dump()
                + " is not supported (only the last axis)");
        e = activationConfig("softmax", layer.name);
    } else if (cls == "Lambda") {
        throw FormatError(file + ": " + layerLabel(layer)
            + " is a Lambda layer: its Python code is never run, so the model cannot be built "
              "(its weights can still be inspected)");
    } else if (cls == "InputLayer") {
        throw FormatError(file + ": " + layerLabel(layer) + " is an input layer in the middle of the model");
    } else if (isNestedModel(cls)) { // parseArchitecture inlines them; a hand-made architecture may not have
        throw FormatError(file + ": " + layerLabel(layer) + " is a nested model that was not inlined");
    } else {
        throw FormatError(file + ": " + layerLabel(layer)
            + " is a custom or unsupported layer class, so the model cannot be built (its weights can still be "
              "inspected)");
    }
    std::vector<json> out { e };
    out.insert(out.end(), more.begin(), more.end());
    if (!fused.empty() && fused != "linear")
        out.push_back(activationConfig(fused, layer.name + "_" + fused));
    return out;
}

} // namespace

std::string kerasStoreName(const std::string& className, std::map<std::string, int>& used)
{
    std::string store = kerasSnakeCase(className);
    auto [it, fresh] = used.try_emplace(store, 0);
    if (!fresh)
        store.append("_").append(std::to_string(++it->second)); // (not "_" + ...: GCC 12 -Wrestrict false positive)
    return store;
}

std::string kerasSnakeCase(const std::string& className)
{
    // naming.to_snake_case: drop non-word characters, then "(.)([A-Z][a-z]+)" -> "\1_\2" and
    // "([a-z])([A-Z])" -> "\1_\2", then lower-case.
    std::string s;
    for (char ch : className)
        if (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_')
            s += ch;
    auto isUp = [](char ch) { return ch >= 'A' && ch <= 'Z'; };
    auto isLow = [](char ch) { return ch >= 'a' && ch <= 'z'; };
    std::string a;
    for (size_t i = 0; i < s.size(); ++i) {
        if (i > 0 && isUp(s[i]) && i + 1 < s.size() && isLow(s[i + 1]))
            a += '_';
        a += s[i];
    }
    std::string b;
    for (size_t i = 0; i < a.size(); ++i) {
        b += a[i];
        if (isLow(a[i]) && i + 1 < a.size() && isUp(a[i + 1]))
            b += '_';
    }
    for (char& ch : b)
        ch = char(std::tolower(static_cast<unsigned char>(ch)));
    return b;
}

namespace {

std::string joinQuoted(const std::vector<std::string>& names)
{
    std::string out;
    for (const std::string& n : names)
        out += (out.empty() ? "'" : ", '") + n + "'";
    return out;
}

// The layers of a functional model that feed layer i and are not yet placed (indices into
// `layers`; the model's input left out).
std::vector<size_t> layerInputs(const std::vector<KerasLayer>& layers, size_t i, const std::map<std::string, size_t>& index)
{
    std::vector<size_t> out;
    for (const std::string& name : layers[i].inputs)
        if (name != Sequential::kInputName)
            out.push_back(index.at(name));
    return out;
}

// A cycle through the unplaced layers, as "'a' -> 'b' -> 'a'" in the direction data flows.
// Walks from an unplaced layer to an unplaced layer it reads (one exists: that is why it was not
// placed) until a layer comes round again.
std::string describeCycle(const std::vector<KerasLayer>& layers, const std::vector<int>& pending,
    const std::map<std::string, size_t>& index)
{
    size_t at = 0;
    while (pending[at] == 0)
        ++at;
    std::vector<size_t> path;
    std::vector<int> seenAt(layers.size(), -1);
    while (seenAt[at] < 0) {
        seenAt[at] = int(path.size());
        path.push_back(at);
        for (size_t j : layerInputs(layers, at, index))
            if (pending[j] > 0) {
                at = j;
                break;
            }
    }
    std::string out = "'" + layers[at].name + "'";
    for (size_t k = path.size(); k-- > size_t(seenAt[at]);)
        out += " -> '" + layers[path[k]].name + "'";
    return out;
}

// Where one model level sits: the top-level model, or a nested model (a model used as a layer)
// whose layers are inlined into the graph with their names prefixed by the nested model's.
struct Level {
    std::string prefix;      // "" at the top, "encoder/" inside the nested model 'encoder'
    std::string storePrefix; // .keras: "" at the top, "layers/functional/" inside it
    std::string h5Group;     // legacy .h5: the top-level layer whose group holds the weights ("encoder")
    std::string where;       // "model config", "model config, nested model 'encoder'"
    bool top = true;
    int depth = 0;
};

// Checks a functional model's graph and puts its layers in topological order: resolves every
// inbound name (the InputLayer's becomes Sequential::kInputName), refuses dangling names, cycles
// and layers that lead to no output. Returns the outputs' names; the first output comes last
// (the engine's model output is its last layer), so it may be read by no layer when there are
// several. A nested model (`manyOutputs` false) must have one output.
std::vector<std::string> orderFunctional(std::vector<KerasLayer>& layers, const std::string& input, const json& cfg,
    const std::string& file, const std::string& where, bool manyOutputs)
{
    const size_t n = layers.size();
    std::map<std::string, size_t> index;
    for (size_t i = 0; i < n; ++i) {
        if (layers[i].name == input || layers[i].name == Sequential::kInputName || !index.emplace(layers[i].name, i).second)
            throw FormatError(file + ": " + where + ": two layers are named '" + layers[i].name + "'"
                + (layers[i].name == Sequential::kInputName ? " (the engine's name for the model's input)" : ""));
    }
    std::vector<std::vector<size_t>> readers(n); // readers[j]: the layers that read layer j
    std::vector<int> pending(n, 0);               // inputs of layer i not yet placed
    for (size_t i = 0; i < n; ++i) {
        for (std::string& name : layers[i].inputs) {
            if (name == input) {
                name = Sequential::kInputName;
                continue;
            }
            const auto it = index.find(name);
            if (it == index.end())
                throw FormatError(file + ": " + where + ", " + layerLabel(layers[i]) + " reads '" + name
                    + "', which is no layer of the model");
            readers[it->second].push_back(i);
            ++pending[i];
        }
    }
    std::vector<std::string> outputs;
    collectInbound(cfg.value("output_layers", json::array()), outputs, file + ": " + where + ", 'output_layers'");
    if (outputs.empty() || (!manyOutputs && outputs.size() != 1))
        throw FormatError(file + ": " + where + ": the " + (manyOutputs ? "functional" : "nested") + " model has "
            + std::to_string(outputs.size()) + " outputs (" + joinQuoted(outputs) + "); "
            + (manyOutputs ? "it needs at least one" : "a nested model is converted with one output"));
    std::vector<size_t> outIndex;
    for (const std::string& o : outputs) {
        const auto it = index.find(o);
        if (it == index.end())
            throw FormatError(file + ": " + where + ": the model's output '" + o + "' is no layer of the model");
        if (std::find(outIndex.begin(), outIndex.end(), it->second) != outIndex.end())
            throw FormatError(file + ": " + where + ": layer '" + o + "' is given as an output twice");
        outIndex.push_back(it->second);
    }
    // The first output must come last. With one output every other layer leads to it; with
    // several, a first output that another layer reads cannot be the engine's last layer.
    const size_t first = outIndex[0];
    const bool holdBack = outputs.size() > 1;
    if (holdBack && !readers[first].empty())
        throw FormatError(file + ": " + where + ": the model's first output '" + outputs[0] + "' is read by "
            + layerLabel(layers[readers[first][0]]) + "; Weightscope runs models whose first output no layer reads "
              "(save the model with that output listed later)");

    // Kahn's algorithm, always taking the ready layer that comes first in the config, so that a
    // config already in topological order (as Keras writes them) keeps its order.
    std::priority_queue<size_t, std::vector<size_t>, std::greater<>> ready;
    for (size_t i = 0; i < n; ++i)
        if (pending[i] == 0 && !(holdBack && i == first))
            ready.push(i);
    std::vector<size_t> order;
    while (!ready.empty()) {
        const size_t i = ready.top();
        ready.pop();
        order.push_back(i);
        for (size_t r : readers[i])
            if (--pending[r] == 0 && !(holdBack && r == first))
                ready.push(r);
    }
    if (holdBack && pending[first] == 0)
        order.push_back(first);
    if (order.size() != n)
        throw FormatError(file + ": " + where + ": the layers " + describeCycle(layers, pending, index) + " form a cycle");

    // Every layer must lead to an output (the engine computes nothing it does not use).
    std::vector<char> used(n, 0);
    for (size_t o : outIndex)
        used[o] = 1;
    for (size_t k = n; k-- > 0;)
        if (used[order[k]])
            for (size_t j : layerInputs(layers, order[k], index))
                used[j] = 1;
    for (size_t i = 0; i < n; ++i)
        if (!used[i])
            throw FormatError(file + ": " + where + ", " + layerLabel(layers[i]) + " does not lead to "
                + (outputs.size() == 1 ? "the model's output '" + outputs[0] + "'" : "any of the model's outputs"));
    std::vector<KerasLayer> sorted;
    sorted.reserve(n);
    for (size_t i : order)
        sorted.push_back(std::move(layers[i]));
    layers = std::move(sorted); // the first output comes last
    return outputs;
}

struct ParsedLevel {
    std::vector<KerasLayer> layers;   // full names; inputs explicit (kInputName: this level's input)
    std::vector<std::string> outputs; // full names
    std::string className, name;
};

ParsedLevel parseLevel(const json& modelConfig, const Level& lv, const std::string& file, Shape& inputShape,
    size_t& total, std::vector<std::string>& nested)
{
    const std::string& where = lv.where;
    if (!modelConfig.is_object() || !modelConfig.contains("class_name") || !modelConfig.at("class_name").is_string())
        throw FormatError(file + ": " + where + " has no 'class_name'");
    ParsedLevel out;
    out.className = modelConfig.at("class_name").get<std::string>();
    const json cfg = modelConfig.value("config", json::object());
    const bool sequential = out.className == "Sequential";
    if (!sequential && out.className != "Functional" && out.className != "Model")
        throw FormatError(file + ": the model is a '" + out.className
            + "', not a Sequential or Functional model (subclassed models keep their architecture in Python code)");
    // Keras < 2.2.3 wrote a Sequential's config as the bare list of layers.
    const json layers = cfg.is_array() ? cfg : cfg.value("layers", json());
    if (!layers.is_array())
        throw FormatError(file + ": " + where + " has no 'layers' list");
    total += layers.size();
    if (layers.size() > kKerasMaxLayers || total > kKerasMaxLayers)
        throw FormatError(file + ": " + where + " has " + std::to_string(total) + " layers, more than the "
            + std::to_string(kKerasMaxLayers) + " Weightscope converts");
    if (cfg.is_object())
        out.name = cfg.value("name", std::string());

    std::map<std::string, int> used; // saving_lib's per-class counter
    std::vector<std::string> inputLayers; // functional: the InputLayers' names
    std::vector<KerasLayer> local;        // this level's layers, local names
    std::vector<const json*> nestedConfigs; // per local layer: its model config when it is a nested model
    for (size_t i = 0; i < layers.size(); ++i) {
        const json& l = layers[i];
        if (!l.is_object() || !l.contains("class_name") || !l.at("class_name").is_string())
            throw FormatError(file + ": " + where + ": layer " + std::to_string(i) + " has no 'class_name'");
        KerasLayer layer;
        layer.className = l.at("class_name").get<std::string>();
        layer.config = l.value("config", json::object());
        if (!layer.config.is_object())
            throw FormatError(file + ": " + where + ": layer " + std::to_string(i) + " has no 'config' object");
        layer.name = layer.config.value("name", l.value("name", std::string()));
        const std::string at = where + ", " + layerLabel(layer);
        if (inputShape.empty())
            readBatchShape(layer.config, inputShape, file, at);
        const bool isInput = layer.className == "InputLayer";
        if (!sequential) {
            // One inbound node per call of the layer; each names the layers that call read.
            const json nodes = l.value("inbound_nodes", json::array());
            if (!nodes.is_array())
                throw FormatError(file + ": " + at + ": 'inbound_nodes' is not a list");
            if (isInput) {
                if (!nodes.empty())
                    throw FormatError(file + ": " + at + " is an input layer that reads other layers");
                inputLayers.push_back(layer.name);
                continue;
            }
            if (nodes.size() != 1)
                throw FormatError(file + ": " + at
                    + (nodes.empty() ? std::string(" reads nothing (it has no inbound node)")
                                     : " is called " + std::to_string(nodes.size())
                                 + " times (a shared layer); the engine does not share weights between layers"));
            collectInbound(nodes[0], layer.inputs, file + ": " + at);
            if (layer.inputs.empty())
                throw FormatError(file + ": " + at + ": its inbound node names no layer");
        } else if (isInput) {
            if (!local.empty())
                throw FormatError(file + ": " + at + " is an input layer in the middle of the model");
            continue;
        }
        layer.storePath = lv.storePrefix + "layers/" + kerasStoreName(layer.className, used);
        nestedConfigs.push_back(isNestedModel(layer.className) ? &l : nullptr);
        local.push_back(std::move(layer));
    }
    std::vector<std::string> outputs;
    if (!sequential) {
        if (inputLayers.size() != 1)
            throw FormatError(file + ": " + where + ": the " + (lv.top ? "functional" : "nested") + " model has "
                + std::to_string(inputLayers.size()) + " inputs (" + joinQuoted(inputLayers)
                + "); the engine runs models with one input");
        // Keep each layer's nested config with it through the reordering.
        std::map<std::string, const json*> configOf;
        for (size_t i = 0; i < local.size(); ++i)
            configOf[local[i].name] = nestedConfigs[i];
        outputs = orderFunctional(local, inputLayers[0], cfg, file, where, lv.top);
        for (size_t i = 0; i < local.size(); ++i)
            nestedConfigs[i] = configOf[local[i].name];
    } else if (!local.empty()) {
        std::map<std::string, int> seen;
        for (const KerasLayer& l : local)
            if (++seen[l.name] > 1 || l.name == Sequential::kInputName)
                throw FormatError(file + ": " + where + ": two layers are named '" + l.name + "'"
                    + (l.name == Sequential::kInputName ? " (the engine's name for the model's input)" : ""));
        outputs = { local.back().name };
    }

    // Inline: each layer gets its full name and reads full names; a nested model's layers take
    // its place, reading what it read, and its output stands for it.
    std::map<std::string, std::string> fullName; // local name -> the full name of the layer giving its output
    std::string previous = Sequential::kInputName;
    for (size_t i = 0; i < local.size(); ++i) {
        KerasLayer& layer = local[i];
        std::vector<std::string> reads;
        if (sequential)
            reads = { previous };
        else
            for (const std::string& name : layer.inputs)
                reads.push_back(name == Sequential::kInputName ? name : fullName.at(name));
        const std::string own = layer.name;
        const std::string full = lv.prefix + own;
        if (nestedConfigs[i]) {
            if (lv.depth >= 16)
                throw FormatError(file + ": " + where + ", " + layerLabel(layer)
                    + ": models are nested more than 16 deep");
            if (reads.size() != 1)
                throw FormatError(file + ": " + where + ", " + layerLabel(layer) + " is a nested model that reads "
                    + std::to_string(reads.size()) + " tensors; a nested model is converted with one input");
            Level inner;
            inner.prefix = full + "/";
            inner.storePrefix = layer.storePath + "/";
            inner.h5Group = lv.h5Group.empty() ? layer.name : lv.h5Group;
            inner.where = "model config, nested model '" + full + "'";
            inner.top = false;
            inner.depth = lv.depth + 1;
            ParsedLevel sub = parseLevel(*nestedConfigs[i], inner, file, inputShape, total, nested);
            if (sub.layers.empty())
                throw FormatError(file + ": " + inner.where + " has no layers");
            nested.push_back(full);
            for (KerasLayer& l : sub.layers) {
                for (std::string& name : l.inputs)
                    if (name == Sequential::kInputName)
                        name = reads[0];
                out.layers.push_back(std::move(l));
            }
            fullName[layer.name] = sub.outputs.at(0);
        } else {
            layer.localName = layer.name;
            layer.name = full;
            layer.inputs = std::move(reads);
            layer.h5Group = lv.h5Group;
            layer.model = lv.prefix.empty() ? std::string() : lv.prefix.substr(0, lv.prefix.size() - 1);
            fullName[layer.localName] = full;
            out.layers.push_back(std::move(layer));
        }
        previous = fullName.at(own); // (`layer` was moved from)
    }
    for (const std::string& o : outputs)
        out.outputs.push_back(fullName.at(o));
    return out;
}

KerasArchitecture parseArchitecture(const json& modelConfig, const std::string& file)
{
    KerasArchitecture arch;
    size_t total = 0;
    ParsedLevel top = parseLevel(modelConfig, Level { "", "", "", "model config", true, 0 }, file, arch.inputShape, total,
        arch.nestedModels);
    arch.modelClass = top.className;
    arch.name = top.name;
    arch.layers = std::move(top.layers);
    arch.outputs = std::move(top.outputs);
    std::map<std::string, int> seen;
    for (const KerasLayer& l : arch.layers)
        if (++seen[l.name] > 1)
            throw FormatError(file + ": model config: two layers are named '" + l.name + "' once nested models are "
                + "inlined (" + layerLabel(l) + ")");
    // A chain (every Sequential, nested ones included) keeps the Sequential form: no inputs.
    bool chain = true;
    for (size_t i = 0; i < arch.layers.size() && chain; ++i)
        chain = arch.layers[i].inputs
            == std::vector<std::string> { i == 0 ? std::string(Sequential::kInputName) : arch.layers[i - 1].name };
    if (chain && arch.modelClass == "Sequential")
        for (KerasLayer& l : arch.layers)
            l.inputs.clear();
    const json cfg = modelConfig.value("config", json::object());
    if (arch.inputShape.empty() && cfg.is_object())
        readBatchShape(json { { "batch_shape", cfg.value("build_input_shape", json()) } }, arch.inputShape, file,
            "model config");
    if (arch.inputShape.empty())
        readBatchShape(json { { "batch_shape", modelConfig.value("build_config", json::object()).value("input_shape", json()) } },
            arch.inputShape, file, "model config");
    return arch;
}

// The engine indices of the layers a functional layer reads (parseArchitecture put them before it).
std::vector<int> engineInputs(const KerasLayer& layer, const std::map<std::string, int>& produced)
{
    std::vector<int> out;
    for (const std::string& name : layer.inputs) {
        if (name == Sequential::kInputName) {
            out.push_back(Sequential::kModelInput);
            continue;
        }
        const auto it = produced.find(name);
        if (it == produced.end())
            throw ConfigError("reads '" + name + "', which is not a layer before it");
        out.push_back(it->second);
    }
    return out;
}

} // namespace

KerasArchitecture parseKerasArchitecture(const json& modelConfig, const std::string& file)
{
    try {
        return parseArchitecture(modelConfig, file);
    } catch (const json::exception& e) {
        // a key with a value of the wrong type (json::value throws)
        throw FormatError(file + ": model config: " + e.what());
    }
}

Sequential buildKerasModel(const KerasArchitecture& arch, const std::string& file, const KerasWeightSource& weights)
{
    if (arch.inputShape.empty())
        throw FormatError(file + ": the model config gives no input shape (batch_input_shape / batch_shape)");
    Sequential model(arch.inputShape);
    std::vector<std::pair<const KerasLayer*, std::vector<Layer*>>> weighted; // each Keras layer's engine layers
    std::map<std::string, int> produced; // Keras layer name -> the engine layer giving its output
    for (const KerasLayer& kl : arch.layers) {
        std::vector<json> configs;
        try {
            configs = engineConfigs(kl, file);
        } catch (const json::exception& e) {
            throw FormatError(file + ": " + layerLabel(kl) + ": " + e.what());
        }
        weighted.emplace_back(&kl, std::vector<Layer*>());
        for (size_t k = 0; k < configs.size(); ++k) {
            try {
                // A functional layer's first engine layer reads what the Keras layer reads; a
                // split-off activation and every layer of a Sequential read the one before.
                Layer& added = k == 0 && !kl.inputs.empty() ? model.add(makeLayer(configs[k]), engineInputs(kl, produced))
                                                            : model.add(makeLayer(configs[k]));
                weighted.back().second.push_back(&added);
            } catch (const FormatError&) {
                throw;
            } catch (const Error& e) {
                throw FormatError(file + ": " + layerLabel(kl) + ": " + e.what());
            }
        }
        produced[kl.name] = int(model.size()) - 1;
    }
    if (arch.outputs.size() > 1) {
        std::vector<int> outputs;
        for (const std::string& o : arch.outputs)
            outputs.push_back(produced.at(o));
        model.setOutputs(std::move(outputs));
    }
    try {
        model.build();
    } catch (const Error& e) {
        throw FormatError(file + ": the layers of the model config do not fit together: " + e.what());
    }
    for (const auto& [kl, layers] : weighted) {
        // Keras lists a layer's trainable weights, then its non-trainable ones. A weight of an
        // engine layer not named after the Keras layer (a separable conv's pointwise half) is
        // named with its engine layer in messages.
        std::vector<Param*> targets;
        std::vector<std::string> labels;
        for (bool trainable : { true, false })
            for (Layer* layer : layers)
                for (Param* p : trainable ? layer->params() : layer->nonTrainableParams()) {
                    targets.push_back(p);
                    labels.push_back(layer->name() == kl->name ? p->name : layer->name() + " " + p->name);
                }
        if (targets.empty())
            continue;
        const std::vector<KerasWeight> found = weights(*kl);
        if (found.size() != targets.size()) {
            std::string names;
            for (const std::string& label : labels)
                names += (names.empty() ? "" : ", ") + label;
            throw FormatError(file + ": " + layerLabel(*kl) + " has " + std::to_string(found.size())
                + " weights in the file, its config needs " + std::to_string(targets.size()) + " (" + names + ")");
        }
        for (size_t i = 0; i < targets.size(); ++i) {
            if (found[i].shape != targets[i]->value.shape())
                throw FormatError(file + ": " + found[i].where + " has shape " + shapeToString(found[i].shape)
                    + " but " + layerLabel(*kl) + " needs " + shapeToString(targets[i]->value.shape()) + " for its "
                    + labels[i]);
            std::copy(found[i].values.begin(), found[i].values.end(), targets[i]->value.data());
        }
    }
    return model;
}

} // namespace ws
