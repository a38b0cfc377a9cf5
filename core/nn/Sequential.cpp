// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/Sequential.h"

#include "nn/Conv2D.h"
#include "nn/LayerFactory.h"
#include "util/Error.h"

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
    if (layer->name().empty()) {
        std::string base = layer->typeName();
        std::transform(base.begin(), base.end(), base.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        int k = 1;
        for (const auto& l : layers_)
            if (l->typeName() == layer->typeName())
                ++k;
        layer->setName(base + "_" + std::to_string(k));
    }
    for (const auto& l : layers_)
        if (l->name() == layer->name())
            throw ConfigError("two layers are named '" + layer->name() + "'");
    layers_.push_back(std::move(layer));
    built_ = false;
    return *layers_.back();
}

void Sequential::build()
{
    if (inputShape_.empty())
        throw ShapeError("the model has no input shape");
    for (int64_t d : inputShape_)
        if (d <= 0)
            throw ShapeError("the model's input shape " + shapeToString(inputShape_) + " has a non-positive dimension");
    Shape shape = inputShape_;
    for (auto& layer : layers_) {
        layer->inputShape_ = shape;
        shape = layer->build(shape);
        shapeNumel(shape); // throws on overflow
        layer->outputShape_ = shape;
    }
    fused_.clear();
    for (size_t i = 0; i < layers_.size();) {
        const size_t count = FusedConv::match(layers_, i);
        if (count == 0) {
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

void Sequential::zeroGrad()
{
    for (Param* p : params())
        p->grad.setZero();
}

std::vector<LayerSummary> Sequential::summary() const
{
    requireBuilt();
    std::vector<LayerSummary> rows;
    for (const auto& layer : layers_)
        rows.push_back({ layer->name(), layer->typeName(), layer->outputShape(), layer->paramCount() });
    return rows;
}

nlohmann::json Sequential::config() const
{
    nlohmann::json layers = nlohmann::json::array();
    for (const auto& layer : layers_)
        layers.push_back(layer->config());
    return { { "input_shape", inputShape_ }, { "layers", layers } };
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
    for (const auto& layer : layers)
        model.add(makeLayer(layer));
    model.build();
    return model;
}

Workspace Sequential::makeWorkspace(uint64_t seed) const
{
    Workspace ws;
    ws.outputs.resize(layers_.size());
    ws.gradients.resize(layers_.size());
    for (const auto& layer : layers_)
        ws.scratch.push_back(layer->makeScratch());
    ws.rng.reseed(seed);
    return ws;
}

const Tensor& Sequential::forward(const Tensor& x, Workspace& ws, bool training)
{
    requireBuilt();
    if (ws.outputs.size() != layers_.size())
        throw Error("workspace was made for another model");
    if (x.rank() != int(inputShape_.size()) + 1 || !std::equal(inputShape_.begin(), inputShape_.end(), x.shape().begin() + 1))
        throw ShapeError("input batch " + shapeToString(x.shape()) + " does not fit the model's input shape "
            + shapeToString(inputShape_) + " (plus a batch dimension)");
    ws.input = &x;
    ws.fusedPass = training && fusion_ && !fused_.empty();
    if (ws.fusedPass && ws.fusedScratch.size() != fused_.size()) {
        ws.fusedScratch.clear();
        for (const auto& group : fused_)
            ws.fusedScratch.push_back(group.makeScratch());
    }
    const Pass pass { training, &ws.rng };
    const Tensor* in = &x;
    size_t next = 0; // the next fused group
    for (size_t i = 0; i < layers_.size(); ++i) {
        if (ws.fusedPass && next < fused_.size() && fused_[next].first() == i) {
            const FusedConv& group = fused_[next];
            const size_t last = i + group.count() - 1;
            for (size_t j = i; j < last; ++j)
                ws.outputs[j] = Tensor(); // not computed; see Workspace::outputs
            fused_[next].forward(*in, ws.outputs[last], ws.scratch[i].get(), ws.fusedScratch[next].get());
            ++next;
            i = last;
        } else {
            layers_[i]->forward(*in, ws.outputs[i], ws.scratch[i].get(), pass);
        }
        in = &ws.outputs[i];
    }
    return *in;
}

void Sequential::backward(const Tensor& dOutput, Workspace& ws)
{
    requireBuilt();
    if (!ws.input)
        throw Error("backward called before forward");
    // Gradients only flow as far back as the first layer with parameters: below it nothing
    // learns. For the MLP (Flatten, then Dense 784 -> 256) this skips the first Dense layer's
    // input gradient, a (64, 256) x (256, 784) product and a third of that layer's backward work.
    size_t first = layers_.size();
    for (size_t i = 0; i < layers_.size(); ++i)
        if (!layers_[i]->params().empty()) {
            first = i;
            break;
        }
    const Tensor* grad = &dOutput;
    size_t next = ws.fusedPass ? fused_.size() : 0; // one past the next fused group, going down
    for (size_t i = layers_.size(); i-- > first;) {
        if (next > 0 && fused_[next - 1].first() + fused_[next - 1].count() - 1 == i) {
            // A group starts with a Conv2D, which has parameters: first <= its first layer.
            const FusedConv& group = fused_[next - 1];
            const size_t begin = group.first();
            const Tensor& in = begin == 0 ? *ws.input : ws.outputs[begin - 1];
            Tensor* dx = begin == first ? nullptr : &ws.gradients[begin - 1];
            fused_[next - 1].backward(in, ws.outputs[i], *grad, dx, ws.scratch[begin].get(),
                ws.fusedScratch[next - 1].get());
            grad = dx;
            --next;
            i = begin;
            continue;
        }
        const Tensor& in = i == 0 ? *ws.input : ws.outputs[i - 1];
        Tensor* dx = i == first ? nullptr : &ws.gradients[i - 1];
        layers_[i]->backward(in, ws.outputs[i], *grad, dx, ws.scratch[i].get());
        grad = dx;
    }
}

void Sequential::requireBuilt() const
{
    if (!built_)
        throw Error("the model has not been built");
}

} // namespace ws
