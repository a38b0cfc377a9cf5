// SPDX-License-Identifier: GPL-3.0-or-later
// The ONNX-to-Sequential converter behind buildOnnxModel (io/OnnxModel.h), shared by its two
// source files: OnnxModel.cpp walks the graph's chain and holds the attribute and constant
// accessors, OnnxOperators.cpp translates each supported operator into engine layers.
// Internal to core.
#pragma once

#include "io/OnnxModel.h"
#include "nn/Pooling2D.h"
#include "nn/Window2D.h"

#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ws::onnx_model {

// Letters: N = batch, C = channels, H/W = height/width, F = filters, KH/KW = kernel size.
// `shape` below is always the ONNX per-sample shape (no batch): (C, H, W) for images, whatever
// the engine holds at that point.

// Weights to copy into a layer's parameters once the model is built, by parameter name.
struct PendingWeights {
    Layer* layer = nullptr;
    std::map<std::string, std::vector<float>> values;
};

class Converter {
public:
    Converter(const OnnxGraph& graph, const OnnxConstantSource& constants, const std::string& file)
        : graph_(graph), constants_(constants), file_(file)
    {
    }

    Sequential run();

private:
    [[noreturn]] void fail(const std::string& what) const;

    // Attribute accessors: absent gives the fallback, a value of the wrong kind is an error.
    int64_t intAttr(const char* key, int64_t fallback) const;
    float floatAttr(const char* key, float fallback) const;
    std::vector<int64_t> intsAttr(const char* key, std::vector<int64_t> fallback) const;
    std::string stringAttr(const char* key, const std::string& fallback) const;
    // Refuses attributes the conversion does not read (a new option would otherwise be ignored).
    void onlyAttributes(std::initializer_list<const char*> known) const;

    // Input `i` of the node as a constant; `required` false allows an omitted optional input.
    std::optional<Tensor> constantInput(size_t i, bool required) const;

    void requireImage(const char* what) const;
    void channelsLast();
    void channelsFirst();
    // Appends a layer named after the node (or `name`), made unique: ONNX does not require
    // unique node names, Sequential does.
    template <class L, class... Args> L& add(Args&&... args) { return addNamed<L>(std::string(), std::forward<Args>(args)...); }
    template <class L, class... Args> L& addNamed(std::string name, Args&&... args)
    {
        auto layer = std::make_unique<L>(std::forward<Args>(args)...);
        if (name.empty())
            name = node_ && !node_->name.empty() ? node_->name : "node_" + std::to_string(index_);
        std::string unique = name;
        for (int k = 2; !usedNames_.insert(unique).second; ++k)
            unique = name + "_" + std::to_string(k);
        layer->setName(unique);
        L& ref = *layer;
        model_.add(std::move(layer));
        return ref;
    }

    void gemm();
    void matMul();
    void addBias();
    void softmax();
    void conv();
    void pool(PoolKind kind);
    void batchNorm();
    void flatten();
    void reshape();

    // The padding of a window op as the engine's valid/same; refuses what neither is.
    Padding padding(Size2 kernel, Size2 strides, bool ceilMode) const;

    const OnnxGraph& graph_;
    const OnnxConstantSource& constants_;
    const std::string& file_;
    const OnnxNode* node_ = nullptr;
    size_t index_ = 0;

    Sequential model_;
    Shape shape_;               // ONNX per-sample shape of the current value
    bool channelsLast_ = false; // images: the engine holds (H, W, C) rather than (C, H, W)
    int64_t batch_ = -1;        // the graph input's batch size when fixed, else -1
    std::vector<PendingWeights> weights_;
    // Index in weights_ of the last layer when it is a Dense/Conv2D whose bias a following Add
    // may fold into.
    std::optional<size_t> biasTarget_;
    std::string current_; // the value the chain has reached
    std::set<std::string> usedNames_;
    int64_t biasSize_ = 0;
};

} // namespace ws::onnx_model
