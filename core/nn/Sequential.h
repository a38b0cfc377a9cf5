// SPDX-License-Identifier: GPL-3.0-or-later
// The engine's model: a graph of layers with one input of a fixed per-sample shape and one output.
// Layers are kept in an order in which each reads only the model input or layers before it
// (a topological order, so a cycle cannot be written); by default a layer reads the one before
// it, so a chain is just the graph whose every layer reads its predecessor. Layers that read
// several tensors (nn/Merge.h: Add, Concatenate, ...) make branches and skip connections. The
// last layer's output is the model's; every other layer must feed some layer, except the layers
// named as further outputs (setOutputs: a Keras model with two outputs), whose outputs the
// inference passes keep in the workspace as they keep every layer's.
// build() validates that the shapes fit and reports each layer's output shape and parameter
// count; forward/backward run a batch through a Workspace that holds everything per-batch
// (activations, gradients, layer scratch). Backward sums the gradients of a tensor that several
// layers read.
#pragma once

#include "nn/FusedConv.h"
#include "nn/Layer.h"

#include <nlohmann/json_fwd.hpp>

#include <algorithm>
#include <functional>
#include <memory>
#include <vector>

namespace ws {

// Per-batch buffers for one model. One per thread that runs the model.
struct Workspace {
    // outputs[i]: output of layer i. After a training pass that fused layers (see
    // Sequential::setFusion), only the last output of each fused group is there; the others are
    // empty. Inference passes fill them all.
    std::vector<Tensor> outputs;
    std::vector<Tensor> gradients; // gradients[i]: dL/d outputs[i]
    std::vector<char> gradientSet; // whether backward has written gradients[i] yet
    std::vector<Tensor> gradientParts; // a layer's input gradients that are added to gradients[j]
    std::vector<std::unique_ptr<LayerScratch>> scratch;
    std::vector<std::unique_ptr<LayerScratch>> fusedScratch; // one per fused group, made by forward
    const Tensor* input = nullptr; // the batch last passed to forward (not owned)
    bool fusedPass = false;        // whether that forward ran fused groups
    Rng rng;                       // drives dropout
    // Inference passes that want only the last output (and `keep`'s) set recycle: an output
    // whose last reader has run goes to `pool`, and a later layer's output takes its buffer.
    // Only the outputs still to be read are then held: for MobileNetV3 at 224 × 224, batch 32,
    // a few hundred MB instead of every layer's (a fresh buffer per layer and batch also cost
    // page faults and zeroing, half of predict's time; docs/benchmarks.md). Training passes,
    // passes with a hook, and forward(..., training = true) never recycle; after a recycled pass
    // ws.outputs[i] holds some other layer's data unless i is one of the model's outputs or in `keep`.
    bool recycle = false;
    std::vector<size_t> keep; // layers whose outputs are read after the pass
    std::vector<Tensor> pool;
};

struct LayerSummary {
    std::string name;
    std::string type;
    std::vector<std::string> inputs; // the layers it reads; Sequential::kInputName for the model's input
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

    // The name under which configs and summaries refer to the model's input; no layer may have it.
    static constexpr const char* kInputName = "input";
    static constexpr int kModelInput = -1; // in inputs(): the model's input

    // Appends a layer that reads the last one (the model's input for the first layer); an empty
    // name becomes "<type>_<k>" ("dense_1", "relu_2", ...).
    Layer& add(std::unique_ptr<Layer> layer);
    // Appends a layer that reads the given layers (indices of layers added before it, or
    // kModelInput), in that order.
    Layer& add(std::unique_ptr<Layer> layer, std::vector<int> inputs);
    template <class L, class... Args> L& emplace(Args&&... args)
    {
        return static_cast<L&>(add(std::make_unique<L>(std::forward<Args>(args)...)));
    }

    // The model's outputs as layer indices: the last layer first (forward returns it, backward
    // starts there, evaluation scores it), then further outputs that nothing need read. Before
    // build(); ConfigError when the first is not the last layer or an index repeats.
    void setOutputs(std::vector<int> layers);
    // The model's outputs; {size() - 1} unless setOutputs gave more.
    std::vector<int> outputs() const;
    size_t outputCount() const { return std::max<size_t>(1, outputs_.size()); }

    // Removes the layers that the last one does not depend on (nothing reads their outputs, or
    // only such layers do), keeping the others' order and inputs; before build(). For graph
    // importers, which make a layer for a value of which only the shape turns out to be needed
    // (an ONNX Shape node). Returns how many were removed; the layers that stay are not moved.
    size_t removeUnreadLayers();
    // Validates shapes and allocates parameters; throws ShapeError naming the first bad layer.
    void build();
    bool isBuilt() const { return built_; }
    // Initialises every parameter from one seed (layer i draws from its own stream).
    void initialize(uint64_t seed);

    size_t size() const { return layers_.size(); }
    Layer& layer(size_t i) { return *layers_.at(i); }
    const Layer& layer(size_t i) const { return *layers_.at(i); }
    // The layers that layer i reads (kModelInput for the model's input).
    const std::vector<int>& inputs(size_t i) const { return inputs_.at(i); }
    // Whether every layer reads only the one before it.
    bool isChain() const;
    // The index of the layer with this name, or -1.
    int find(const std::string& name) const;

    std::vector<Param*> params();
    int64_t paramCount() const;
    void zeroGrad();
    // zeroGrad() for a backward() that follows (Trainer::run): the gradients of layers that
    // write them whole (Layer::writesPendingGradients, Dense) are marked pending instead of
    // cleared, and their backward overwrites them; backward() clears any still pending at its
    // end. The TF-tutorial CNN's 3136 x 1024 kernel gradient was cleared (12.8 MB written) and
    // read back by the product that added to it. The gradients are those of zeroGrad(), except
    // that a sum of negative zeros stays -0 where 0 + -0 gave +0; weights update the same.
    void zeroGradForBackward();
    std::vector<LayerSummary> summary() const;

    // Architecture (no weights) as JSON, and back. See docs/cli.md for the schema.
    nlohmann::json config() const;
    static Sequential fromConfig(const nlohmann::json& config);

    // Sizes a workspace for this model (scratch per layer); seed drives dropout.
    Workspace makeWorkspace(uint64_t seed = 0) const;
    // Runs x (N, inputShape...) through the model; the result lives in ws.outputs.back().
    const Tensor& forward(const Tensor& x, Workspace& ws, bool training);
    // The same, calling afterLayer(i, output) once layer i has run and before any layer reads
    // its output, which it may change (ablation masks units this way: analysis/UnitMask.h).
    // No fused groups run in such a pass: each layer's output is made.
    using LayerHook = std::function<void(size_t layer, Tensor& output)>;
    const Tensor& forward(const Tensor& x, Workspace& ws, bool training, const LayerHook& afterLayer);
    // An inference forward that may take x's buffer: when ws.recycle is set and the model's input
    // has one reader, a layer that works in place (a Flatten, an activation), that layer's output
    // is x's buffer, not a copy of the batch (3 MB a batch of 1000 Fashion-MNIST images). x is
    // then left holding a spare buffer from ws.pool (once warm, the one it lent the pass before)
    // or nothing: for callers that refill x every batch (evaluate, predict). Otherwise, and with
    // the same numbers, forward(x, ws, false).
    const Tensor& forwardLending(Tensor& x, Workspace& ws);
    // Back-propagates dL/d(output) of the last forward; adds into parameter gradients.
    // ws.gradients are filled only for layers at or above a layer with parameters (below them
    // nothing learns), and not inside fused groups.
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
    // forward and forwardLending: `lent`, when set, is x itself, whose buffer may be taken.
    const Tensor& run(const Tensor& x, Tensor* lent, Workspace& ws, bool training, const LayerHook& afterLayer);
    Shape inputShape_;
    std::vector<std::unique_ptr<Layer>> layers_;
    std::vector<std::vector<int>> inputs_;
    std::vector<int> outputs_; // setOutputs; empty: the last layer alone
    std::vector<char> needsGradient_; // layer i has parameters or reads a layer that needs one
    std::vector<size_t> lastReader_;  // the last layer reading layer j's output (j itself: none)
    std::vector<FusedConv> fused_;
    bool fusion_ = true;
    bool built_ = false;
};

} // namespace ws
