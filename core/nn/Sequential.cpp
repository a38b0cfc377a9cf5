// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/Sequential.h"

#include "nn/Conv2D.h"
#include "nn/LayerFactory.h"
#include "util/Error.h"
#include "util/ParallelChunks.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace ws {

const Shape& Sequential::outputShape() const
{
    requireBuilt();
    return layers_.empty() ? inputShape_ : layers_.back()->outputShape();
}

Layer& Sequential::add(std::unique_ptr<Layer> layer)
{
    return add(std::move(layer), { int(layers_.size()) - 1 });
}

Layer& Sequential::add(std::unique_ptr<Layer> layer, std::vector<int> inputs)
{
    if (layer->name().empty()) {
        std::string base = layer->typeName();
        std::transform(base.begin(), base.end(), base.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        int k = 1;
        for (const auto& l : layers_)
            if (l->typeName() == layer->typeName())
                ++k;
        layer->setName(base + "_" + std::to_string(k));
    }
    if (layer->name() == kInputName)
        throw ConfigError(std::string("a layer cannot be named '") + kInputName + "': that is the model's input");
    if (find(layer->name()) >= 0)
        throw ConfigError("two layers are named '" + layer->name() + "'");
    if (inputs.empty())
        throw ConfigError("layer '" + layer->name() + "' reads nothing");
    for (int j : inputs)
        if (j < kModelInput || j >= int(layers_.size()))
            throw ConfigError("layer '" + layer->name() + "' reads layer " + std::to_string(j)
                + ", which is not the model's input nor a layer before it");
    layers_.push_back(std::move(layer));
    inputs_.push_back(std::move(inputs));
    built_ = false;
    return *layers_.back();
}

bool Sequential::isChain() const
{
    for (size_t i = 0; i < inputs_.size(); ++i)
        if (inputs_[i] != std::vector<int> { int(i) - 1 })
            return false;
    return true;
}

int Sequential::find(const std::string& name) const
{
    for (size_t i = 0; i < layers_.size(); ++i)
        if (layers_[i]->name() == name)
            return int(i);
    return -1;
}

void Sequential::setOutputs(std::vector<int> layers)
{
    const int n = int(layers_.size());
    if (layers.empty() || layers.front() != n - 1)
        throw ConfigError("the model's first output must be its last layer");
    for (size_t k = 0; k < layers.size(); ++k) {
        if (layers[k] < 0 || layers[k] >= n)
            throw ConfigError("output " + std::to_string(k) + " names layer " + std::to_string(layers[k])
                + ", which the model does not have");
        for (size_t m = 0; m < k; ++m)
            if (layers[m] == layers[k])
                throw ConfigError("layer '" + layers_[size_t(layers[k])]->name() + "' is named as an output twice");
    }
    outputs_ = layers.size() > 1 ? std::move(layers) : std::vector<int>();
    built_ = false;
}

std::vector<int> Sequential::outputs() const
{
    if (!outputs_.empty())
        return outputs_;
    return { int(layers_.size()) - 1 };
}

size_t Sequential::removeUnreadLayers()
{
    const size_t n = layers_.size();
    if (n == 0)
        return 0;
    std::vector<char> live(n, 0);
    live[n - 1] = 1;
    for (int j : outputs_)
        if (j >= 0 && size_t(j) < n)
            live[size_t(j)] = 1;
    for (size_t i = n; i-- > 0;)
        if (live[i])
            for (int j : inputs_[i])
                if (j >= 0)
                    live[size_t(j)] = 1;
    std::vector<int> index(n, -1);
    std::vector<std::unique_ptr<Layer>> layers;
    std::vector<std::vector<int>> inputs;
    for (size_t i = 0; i < n; ++i) {
        if (!live[i])
            continue;
        index[i] = int(layers.size());
        layers.push_back(std::move(layers_[i]));
        std::vector<int> in = inputs_[i];
        for (int& j : in)
            j = j >= 0 ? index[size_t(j)] : j;
        inputs.push_back(std::move(in));
    }
    const size_t removed = n - layers.size();
    layers_ = std::move(layers);
    for (int& j : outputs_)
        j = index[size_t(j)];
    inputs_ = std::move(inputs);
    built_ = false;
    return removed;
}

void Sequential::build()
{
    if (inputShape_.empty())
        throw ShapeError("the model has no input shape");
    for (int64_t d : inputShape_)
        if (d <= 0)
            throw ShapeError("the model's input shape " + shapeToString(inputShape_) + " has a non-positive dimension");
    const size_t n = layers_.size();
    std::vector<int> consumers(n, 0);
    for (size_t i = 0; i < n; ++i) {
        Layer& layer = *layers_[i];
        const size_t count = inputs_[i].size();
        const int wanted = layer.inputCount();
        if ((wanted == 0 && count < 2) || (wanted > 0 && count != size_t(wanted)))
            throwLayerShapeError(layer, "reads " + std::to_string(count) + " input" + (count == 1 ? "" : "s") + ", but needs "
                + (wanted == 0 ? std::string("two or more") : std::to_string(wanted)));
        std::vector<Shape> shapes;
        for (int j : inputs_[i]) {
            shapes.push_back(j == kModelInput ? inputShape_ : layers_[size_t(j)]->outputShape_);
            if (j != kModelInput)
                ++consumers[size_t(j)];
        }
        layer.inputShapes_ = shapes;
        layer.inputShape_ = shapes.front();
        const Shape shape = layer.buildMany(shapes);
        shapeNumel(shape); // throws on overflow
        layer.outputShape_ = shape;
    }
    if (!outputs_.empty() && (outputs_.front() != int(n) - 1 || *std::max_element(outputs_.begin(), outputs_.end()) >= int(n)))
        throw ShapeError("the model's outputs do not fit its layers (layers were added after setOutputs)");
    for (size_t i = 0; i + 1 < n; ++i)
        if (consumers[i] == 0 && std::find(outputs_.begin(), outputs_.end(), int(i)) == outputs_.end())
            throw ShapeError("the output of layer '" + layers_[i]->name()
                + "' is not used: every layer but the last (and the model's other outputs) must feed another");
    // Who reads each output last; the model's outputs (the last layer, setOutputs' others): none
    // ever (n), so that a recycling pass never lends their buffers.
    lastReader_.resize(n);
    for (size_t j = 0; j < n; ++j)
        lastReader_[j] = j;
    for (size_t i = 0; i < n; ++i)
        for (int j : inputs_[i])
            if (j != kModelInput)
                lastReader_[size_t(j)] = std::max(lastReader_[size_t(j)], i);
    if (n > 0)
        lastReader_[n - 1] = n;
    for (int j : outputs_)
        if (j >= 0 && size_t(j) < n)
            lastReader_[size_t(j)] = n;
    needsGradient_.assign(n, 0);
    for (size_t i = 0; i < n; ++i) {
        needsGradient_[i] = !layers_[i]->params().empty();
        for (int j : inputs_[i])
            if (j != kModelInput && needsGradient_[size_t(j)])
                needsGradient_[i] = 1;
    }
    fused_.clear();
    for (size_t i = 0; i < n;) {
        size_t count = FusedConv::match(layers_, i);
        // Fuse only a stretch of the graph that is a chain: each layer after the first reads
        // the one before it, which nothing else reads (its output is not kept in fused passes).
        for (size_t k = 1; k < count; ++k)
            if (inputs_[i + k] != std::vector<int> { int(i + k) - 1 } || consumers[i + k - 1] != 1) {
                count = k;
                break;
            }
        if (count < 2) {
            ++i;
            continue;
        }
        fused_.emplace_back(static_cast<Conv2D&>(*layers_[i]), i, count);
        i += count;
    }
    built_ = true;
}

void Sequential::initialize(uint64_t seed)
{
    requireBuilt();
    Rng master(seed);
    for (auto& layer : layers_) {
        Rng rng(master.next());
        layer->initialize(rng);
    }
}

std::vector<Param*> Sequential::params()
{
    std::vector<Param*> all;
    for (auto& layer : layers_)
        for (Param* p : layer->params())
            all.push_back(p);
    return all;
}

int64_t Sequential::paramCount() const
{
    int64_t n = 0;
    for (const auto& layer : layers_)
        n += layer->paramCount();
    return n;
}

namespace {

void clearGradient(Param& p)
{
    // Gradients of more than one chunk are cleared on the engine's threads (the MLP's 784 x 256
    // kernel took 2 % of a two-thread step on one).
    p.gradPending = false;
    float* g = p.grad.data();
    forEachChunk(p.grad.size(), 8192, [g](int64_t, int64_t begin, int64_t end) { std::fill(g + begin, g + end, 0.0f); });
}

} // namespace

void Sequential::zeroGrad()
{
    for (Param* p : params())
        clearGradient(*p);
}

void Sequential::zeroGradForBackward()
{
    for (const auto& layer : layers_) {
        const bool writes = layer->writesPendingGradients();
        for (Param* p : layer->params()) {
            if (writes)
                p->gradPending = true;
            else
                clearGradient(*p);
        }
    }
}

std::vector<LayerSummary> Sequential::summary() const
{
    requireBuilt();
    std::vector<LayerSummary> rows;
    for (size_t i = 0; i < layers_.size(); ++i) {
        std::vector<std::string> inputs;
        for (int j : inputs_[i])
            inputs.push_back(j == kModelInput ? std::string(kInputName) : layers_[size_t(j)]->name());
        const Layer& layer = *layers_[i];
        rows.push_back({ layer.name(), layer.typeName(), std::move(inputs), layer.outputShape(), layer.paramCount() });
    }
    return rows;
}

nlohmann::json Sequential::config() const
{
    nlohmann::json layers = nlohmann::json::array();
    for (size_t i = 0; i < layers_.size(); ++i) {
        nlohmann::json layer = layers_[i]->config();
        // Only where the layer does not read the one before it: chains keep their old configs.
        if (inputs_[i] != std::vector<int> { int(i) - 1 }) {
            nlohmann::json inputs = nlohmann::json::array();
            for (int j : inputs_[i])
                inputs.push_back(j == kModelInput ? std::string(kInputName) : layers_[size_t(j)]->name());
            layer["inputs"] = inputs;
        }
        layers.push_back(layer);
    }
    nlohmann::json out = { { "input_shape", inputShape_ }, { "layers", layers } };
    if (!outputs_.empty()) {
        nlohmann::json names = nlohmann::json::array();
        for (int j : outputs_)
            names.push_back(layers_[size_t(j)]->name());
        out["outputs"] = names;
    }
    return out;
}

Sequential Sequential::fromConfig(const nlohmann::json& config)
{
    if (!config.is_object() || !config.contains("input_shape") || !config.contains("layers"))
        throw ConfigError("a model config needs 'input_shape' and 'layers'");
    Sequential model;
    // Element by element: nlohmann's get<int64_t>() of a float (2.4e125 from fuzz_model_config)
    // is an out-of-range conversion, undefined behaviour, not an exception.
    const auto& dims = config.at("input_shape");
    if (!dims.is_array())
        throw ConfigError("'input_shape' must be a list of positive integers");
    Shape shape;
    for (const auto& d : dims) {
        if (!d.is_number_integer())
            throw ConfigError("'input_shape' must be a list of positive integers, not " + d.dump());
        shape.push_back(d.get<int64_t>());
    }
    model.setInputShape(shape);
    const auto& layers = config.at("layers");
    if (!layers.is_array())
        throw ConfigError("'layers' must be a list");
    for (const auto& layer : layers) {
        if (!layer.is_object() || !layer.contains("inputs")) {
            model.add(makeLayer(layer));
            continue;
        }
        const auto& names = layer.at("inputs");
        if (!names.is_array() || names.empty())
            throw ConfigError("a layer's 'inputs' must be a list of layer names: " + names.dump());
        std::vector<int> inputs;
        for (const auto& name : names) {
            if (!name.is_string())
                throw ConfigError("a layer's 'inputs' must be a list of layer names: " + names.dump());
            const std::string text = name.get<std::string>();
            const int j = text == kInputName ? kModelInput : model.find(text);
            if (j == kModelInput && text != kInputName)
                throw ConfigError("a layer reads '" + text + "', which is not '" + kInputName
                    + "' nor the name of a layer before it");
            inputs.push_back(j);
        }
        model.add(makeLayer(layer), std::move(inputs));
    }
    if (config.contains("outputs")) {
        const auto& names = config.at("outputs");
        if (!names.is_array() || names.empty())
            throw ConfigError("'outputs' must be a list of layer names: " + names.dump());
        std::vector<int> outputs;
        for (const auto& name : names) {
            const int j = name.is_string() ? model.find(name.get<std::string>()) : -1;
            if (j < 0)
                throw ConfigError("'outputs' names " + name.dump() + ", which is no layer of the model");
            outputs.push_back(j);
        }
        model.setOutputs(std::move(outputs));
    }
    model.build();
    return model;
}

Workspace Sequential::makeWorkspace(uint64_t seed) const
{
    Workspace ws;
    ws.outputs.resize(layers_.size());
    ws.gradients.resize(layers_.size());
    ws.gradientSet.assign(layers_.size(), 0);
    for (const auto& layer : layers_)
        ws.scratch.push_back(layer->makeScratch());
    ws.rng.reseed(seed);
    return ws;
}

const Tensor& Sequential::forward(const Tensor& x, Workspace& ws, bool training)
{
    return forward(x, ws, training, {});
}

const Tensor& Sequential::forward(const Tensor& x, Workspace& ws, bool training, const LayerHook& afterLayer)
{
    return run(x, nullptr, ws, training, afterLayer);
}

const Tensor& Sequential::forwardLending(Tensor& x, Workspace& ws)
{
    return run(x, &x, ws, false, {});
}

const Tensor& Sequential::run(const Tensor& x, Tensor* lent, Workspace& ws, bool training, const LayerHook& afterLayer)
{
    requireBuilt();
    if (ws.outputs.size() != layers_.size())
        throw Error("workspace was made for another model");
    if (x.rank() != int(inputShape_.size()) + 1 || !std::equal(inputShape_.begin(), inputShape_.end(), x.shape().begin() + 1))
        throw ShapeError("input batch " + shapeToString(x.shape()) + " does not fit the model's input shape "
            + shapeToString(inputShape_) + " (plus a batch dimension)");
    ws.input = lent ? nullptr : &x; // a lent buffer may be gone after the pass; no backward follows one
    ws.fusedPass = training && fusion_ && !fused_.empty() && !afterLayer;
    if (ws.fusedPass && ws.fusedScratch.size() != fused_.size()) {
        ws.fusedScratch.clear();
        for (const auto& group : fused_)
            ws.fusedScratch.push_back(group.makeScratch());
    }
    if (layers_.empty())
        return x;
    const Pass pass { training, &ws.rng };
    const int64_t batch = x.dim(0); // x may hand its buffer to a layer below (lent)
    auto read = [&](int j) -> const Tensor& { return j == kModelInput ? x : ws.outputs[size_t(j)]; };
    std::vector<const Tensor*> xs;
    size_t next = 0; // the next fused group
    const bool recycle = ws.recycle && !training && !afterLayer;
    auto kept = [&ws](size_t i) { return std::find(ws.keep.begin(), ws.keep.end(), i) != ws.keep.end(); };
    auto onlyInputReader = [this](size_t i) {
        for (size_t k = 0; k < layers_.size(); ++k)
            if (k != i && std::find(inputs_[k].begin(), inputs_[k].end(), kModelInput) != inputs_[k].end())
                return false;
        return true;
    };
    // The free buffer for `want` elements (pool not empty): the smallest that holds them without
    // growing, else the largest.
    auto bestInPool = [&ws](int64_t want) {
        size_t best = 0;
        for (size_t k = 1; k < ws.pool.size(); ++k) {
            const int64_t c = ws.pool[k].capacity(), b = ws.pool[best].capacity();
            if ((c >= want && (b < want || c < b)) || (b < want && c > b))
                best = k;
        }
        return best;
    };
    auto takeFromPool = [&ws](size_t k) {
        Tensor taken = std::move(ws.pool[k]);
        ws.pool[k] = std::move(ws.pool.back());
        ws.pool.pop_back();
        return taken;
    };
    if (recycle) // every output from the last pass is free again, but the model's and the one asked for
        for (size_t i = 0; i < layers_.size(); ++i)
            if (!kept(i) && lastReader_[i] < layers_.size() && !ws.outputs[i].empty())
                ws.pool.push_back(std::move(ws.outputs[i])), ws.outputs[i] = Tensor();
    for (size_t i = 0; i < layers_.size(); ++i) {
        // An element-wise layer that is the last reader of its input's buffer overwrites it
        // (Layer::forwardsInPlace): MobileNetV3's activations after each convolution.
        // (recycle means inference: no fused training group starts here.)
        if (recycle && inputs_[i].size() == 1 && layers_[i]->forwardsInPlace()) {
            const int j = inputs_[i][0];
            if (j == kModelInput && lent && onlyInputReader(i)) {
                if (!ws.outputs[i].empty())
                    ws.pool.push_back(std::move(ws.outputs[i]));
                ws.outputs[i] = std::move(*lent);
                // A spare for the lender's next batch, if a free buffer holds one.
                const int64_t capacity = ws.outputs[i].capacity();
                const size_t spare = ws.pool.empty() ? 0 : bestInPool(capacity);
                if (!ws.pool.empty() && ws.pool[spare].capacity() >= capacity)
                    *lent = takeFromPool(spare);
                layers_[i]->forwardInPlace(ws.outputs[i], ws.scratch[i].get(), pass);
                continue;
            }
            if (j != kModelInput && lastReader_[size_t(j)] == i && !kept(size_t(j)) && !ws.outputs[size_t(j)].empty()) {
                if (!ws.outputs[i].empty())
                    ws.pool.push_back(std::move(ws.outputs[i]));
                ws.outputs[i] = std::move(ws.outputs[size_t(j)]);
                ws.outputs[size_t(j)] = Tensor();
                layers_[i]->forwardInPlace(ws.outputs[i], ws.scratch[i].get(), pass);
                continue;
            }
        }
        if (recycle && lastReader_[i] < layers_.size() && !kept(i) && !ws.pool.empty()) { // the model's outputs keep theirs
            ws.outputs[i] = takeFromPool(bestInPool(batch * shapeNumel(layers_[i]->outputShape())));
        }
        if (ws.fusedPass && next < fused_.size() && fused_[next].first() == i) {
            const FusedConv& group = fused_[next];
            const size_t last = i + group.count() - 1;
            for (size_t j = i; j < last; ++j)
                ws.outputs[j] = Tensor(); // not computed; see Workspace::outputs
            fused_[next].forward(read(inputs_[i][0]), ws.outputs[last], ws.scratch[i].get(), ws.fusedScratch[next].get());
            ++next;
            i = last;
        } else if (inputs_[i].size() == 1) {
            layers_[i]->forward(read(inputs_[i][0]), ws.outputs[i], ws.scratch[i].get(), pass);
        } else {
            xs.clear();
            for (int j : inputs_[i])
                xs.push_back(&read(j));
            layers_[i]->forwardMany(xs, ws.outputs[i], ws.scratch[i].get(), pass);
        }
        if (afterLayer)
            afterLayer(i, ws.outputs[i]);
        if (recycle)
            for (int j : inputs_[i])
                if (j != kModelInput && lastReader_[size_t(j)] == i && !kept(size_t(j)) && !ws.outputs[size_t(j)].empty())
                    ws.pool.push_back(std::move(ws.outputs[size_t(j)])), ws.outputs[size_t(j)] = Tensor();
    }
    return ws.outputs.back();
}

void Sequential::backward(const Tensor& dOutput, Workspace& ws)
{
    requireBuilt();
    if (!ws.input)
        throw Error("backward called before forward");
    const size_t n = layers_.size();
    if (n == 0)
        return;
    // Gradients only flow into layers that have parameters at or below them: below those nothing
    // learns. For the MLP (Flatten, then Dense 784 -> 256) this skips the first Dense layer's
    // input gradient, a (64, 256) x (256, 784) product and a third of that layer's backward work.
    ws.gradientSet.assign(n, 0);
    auto read = [&](int j) -> const Tensor& { return j == kModelInput ? *ws.input : ws.outputs[size_t(j)]; };
    // Where layer `i`'s k-th input gradient goes: straight into gradients[j] when it is the first
    // one written there, else into a part that is added afterwards (a tensor read twice).
    std::vector<Tensor*> dxs;
    std::vector<std::pair<size_t, size_t>> parts; // (k, j): add gradientParts[k] into gradients[j]
    auto targets = [&](size_t i) {
        dxs.assign(inputs_[i].size(), nullptr);
        parts.clear();
        for (size_t k = 0; k < inputs_[i].size(); ++k) {
            const int j = inputs_[i][k];
            if (j == kModelInput || !needsGradient_[size_t(j)])
                continue;
            if (!ws.gradientSet[size_t(j)]) {
                dxs[k] = &ws.gradients[size_t(j)];
                ws.gradientSet[size_t(j)] = 1;
            } else {
                if (ws.gradientParts.size() < inputs_[i].size())
                    ws.gradientParts.resize(inputs_[i].size());
                dxs[k] = &ws.gradientParts[k];
                parts.emplace_back(k, size_t(j));
            }
        }
    };
    auto addParts = [&]() {
        for (const auto& [k, j] : parts) {
            // A residual block's two gradients of one tensor, element by element (any thread
            // count gives the same bits), on the engine's threads: 1.6 M elements for a 64-image
            // batch of 28 x 28 x 32.
            float* sum = ws.gradients[j].data();
            const float* part = ws.gradientParts[k].data();
            forEachChunk(ws.gradients[j].size(), int64_t(1) << 15, [sum, part](int64_t, int64_t begin, int64_t end) {
                for (int64_t e = begin; e < end; ++e)
                    sum[e] += part[e];
            });
        }
    };
    size_t next = ws.fusedPass ? fused_.size() : 0; // one past the next fused group, going down
    for (size_t i = n; i-- > 0;) {
        if (!needsGradient_[i])
            continue;
        const Tensor* grad = i + 1 == n ? &dOutput : ws.gradientSet[i] ? &ws.gradients[i] : nullptr;
        if (!grad)
            throw Error("layer '" + layers_[i]->name() + "' got no gradient from the layers that read it");
        if (next > 0 && fused_[next - 1].first() + fused_[next - 1].count() - 1 == i) {
            const FusedConv& group = fused_[next - 1];
            const size_t begin = group.first();
            targets(begin);
            fused_[next - 1].backward(read(inputs_[begin][0]), ws.outputs[i], *grad, dxs[0], ws.scratch[begin].get(),
                ws.fusedScratch[next - 1].get());
            addParts();
            --next;
            i = begin;
            continue;
        }
        targets(i);
        if (inputs_[i].size() == 1) {
            layers_[i]->backward(read(inputs_[i][0]), ws.outputs[i], *grad, dxs[0], ws.scratch[i].get());
        } else {
            std::vector<const Tensor*> xs;
            for (int j : inputs_[i])
                xs.push_back(&read(j));
            layers_[i]->backwardMany(xs, ws.outputs[i], *grad, dxs, ws.scratch[i].get());
        }
        addParts();
    }
    // zeroGradForBackward's promise: a layer whose backward did not run (no gradient reached
    // it) or did not write every gradient leaves none pending.
    for (Param* p : params())
        if (p->gradPending)
            clearGradient(*p);
}

void Sequential::requireBuilt() const
{
    if (!built_)
        throw Error("the model has not been built");
}

} // namespace ws
