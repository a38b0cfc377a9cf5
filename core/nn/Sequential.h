// SPDX-License-Identifier: GPL-3.0-or-later
// A chain of layers with a fixed per-sample input shape. build() validates that the shapes fit
// and reports each layer's output shape and parameter count; forward/backward run a batch
// through a Workspace that holds everything per-batch (activations, gradients, layer scratch).
#pragma once

#include "nn/FusedConv.h"
#include "nn/Layer.h"

#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <vector>

namespace ws {

// Per-batch buffers for one model. One per thread that runs the model.
struct Workspace {
    // outputs[i]: output of layer i. After a training pass that fused layers (see
    // Sequential::setFusion), only the last output of each fused group is there; the others are
    // empty. Inference passes fill them all.
    std::vector<Tensor> outputs;
    std::vector<Tensor> gradients; // gradients[i]: dL/d(input of layer i+1) = dL/d outputs[i]
    std::vector<std::unique_ptr<LayerScratch>> scratch;
    std::vector<std::unique_ptr<LayerScratch>> fusedScratch; // one per fused group, made by forward
    const Tensor* input = nullptr; // the batch last passed to forward (not owned)
    bool fusedPass = false;        // whether that forward ran fused groups
    Rng rng;                       // drives dropout
};

struct LayerSummary {
    std::string name;
    std::string type;
    Shape outputShape;
    int64_t params = 0;
};

class Sequential {
public:
    Sequential() = default;
    explicit Sequential(Shape inputShape) : inputShape_(std::move(inputShape)) {}
    Sequential(Sequential&&) = default;
    Sequential& operator=(Sequential&&) = default;

    void setInputShape(Shape shape) { inputShape_ = std::move(shape); built_ = false; }
    const Shape& inputShape() const { return inputShape_; }
    const Shape& outputShape() const;

    // Appends a layer; an empty name becomes "<type>_<k>" ("dense_1", "relu_2", ...).
    Layer& add(std::unique_ptr<Layer> layer);
    template <class L, class... Args> L& emplace(Args&&... args)
    {
        return static_cast<L&>(add(std::make_unique<L>(std::forward<Args>(args)...)));
    }

    // Validates shapes and allocates parameters; throws ShapeError naming the first bad layer.
    void build();
    bool isBuilt() const { return built_; }
    // Initialises every parameter from one seed (layer i draws from its own stream).
    void initialize(uint64_t seed);

    size_t size() const { return layers_.size(); }
    Layer& layer(size_t i) { return *layers_.at(i); }
    const Layer& layer(size_t i) const { return *layers_.at(i); }

    std::vector<Param*> params();
    int64_t paramCount() const;
    void zeroGrad();
    std::vector<LayerSummary> summary() const;

    // Architecture (no weights) as JSON, and back. See docs/cli.md for the schema.
    nlohmann::json config() const;
    static Sequential fromConfig(const nlohmann::json& config);

    // Sizes a workspace for this model (scratch per layer); seed drives dropout.
    Workspace makeWorkspace(uint64_t seed = 0) const;
    // Runs x (N, inputShape...) through the model; the result lives in ws.outputs.back().
    const Tensor& forward(const Tensor& x, Workspace& ws, bool training);
    // Back-propagates dL/d(output) of the last forward; adds into parameter gradients.
    // ws.gradients are filled only above the first layer that has parameters, and not inside
    // fused groups.
    void backward(const Tensor& dOutput, Workspace& ws);

    // Whether training passes run Conv2D + ReLU (+ 2x2 max pooling) as one fused pass
    // (nn/FusedConv.h): the same results up to float rounding, in less time. On by default;
    // off gives the layers one by one, which the tests compare against.
    void setFusion(bool on) { fusion_ = on; }
    bool fusion() const { return fusion_; }
    // The fused groups found by build(), in layer order.
    const std::vector<FusedConv>& fusedGroups() const { return fused_; }

private:
    void requireBuilt() const;
    Shape inputShape_;
    std::vector<std::unique_ptr<Layer>> layers_;
    std::vector<FusedConv> fused_;
    bool fusion_ = true;
    bool built_ = false;
};

} // namespace ws
