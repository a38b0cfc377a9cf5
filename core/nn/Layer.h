// SPDX-License-Identifier: GPL-3.0-or-later
// The layer interface of the engine.
//
// A layer owns its parameters (weights and their gradients). Everything that lives only for one
// batch — cached inputs of a nonlinearity, dropout masks, batch-norm statistics, im2col buffers —
// lives in a LayerScratch that the caller owns (one per layer per Workspace), so the same model
// can run inference on one thread while another Workspace holds a training batch.
//
// Contract:
//   build(inputShape)  — called once by Sequential::build with the per-sample input shape (no
//                         batch dimension); validates it and returns the per-sample output shape;
//                         allocates parameters (uninitialised). Throws ShapeError naming the layer.
//   initialize(rng)    — fills parameters from the layer's initialisers.
//   forward(x, y, s, pass)  — y = f(x) for a batch; keeps in `s` what backward needs.
//   backward(x, y, dy, dx, s) — ADDS parameter gradients into Param::grad and, when dx is not
//                         null, writes dL/dx. zeroGrad() is explicit and done by the caller.
// Layers that read several tensors (Add, Concatenate: nn/Merge.h) say so in inputCount() and
// implement the *Many forms, which take one entry per input; the model (a graph of layers,
// nn/Sequential.h) calls those. For the others the *Many forms call the one-input forms.
#pragma once

#include "tensor/Tensor.h"
#include "util/Rng.h"

#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ws {

struct Param {
    std::string name;  // "kernel", "bias", "gamma", ...
    Tensor value;
    Tensor grad;       // same shape as value
    bool regularize = false; // L1/L2/weight decay apply (kernels yes, biases and norms no)
    // The gradient is zero, but its memory was not cleared (Sequential::zeroGradForBackward):
    // the layer's next backward writes it instead of adding to it. takeGradPending() reads and
    // clears the mark, and says whether the layer should write.
    bool gradPending = false;
    bool takeGradPending() { return std::exchange(gradPending, false); }
};

// Per-batch state of one layer; each layer type derives its own.
struct LayerScratch {
    virtual ~LayerScratch() = default;
};

// What kind of pass is running. The Rng is the workspace's and drives dropout.
struct Pass {
    bool training = false;
    Rng* rng = nullptr;
};

class Layer {
public:
    virtual ~Layer() = default;

    // Type name as shown to users and written in configs: "Dense", "Conv2D", "ReLU", ...
    virtual std::string typeName() const = 0;
    const std::string& name() const { return name_; }
    void setName(std::string name) { name_ = std::move(name); }

    virtual Shape build(const Shape& inputShape) = 0;
    virtual void initialize(Rng& /*rng*/) {}

    virtual std::unique_ptr<LayerScratch> makeScratch() const { return nullptr; }
    virtual void forward(const Tensor& x, Tensor& y, LayerScratch* scratch, const Pass& pass) = 0;
    virtual void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx,
        LayerScratch* scratch) = 0;
    // An inference forward that overwrites its input with its output (element-wise layers).
    // Sequential::forward uses it where nothing reads the input afterwards and the pass keeps
    // no outputs for a backward: no second buffer, one pass over memory instead of a read and a
    // write elsewhere. Only called where forwardsInPlace() says so; the same numbers as forward.
    virtual bool forwardsInPlace() const { return false; }
    virtual void forwardInPlace(Tensor& /*xy*/, LayerScratch* /*scratch*/, const Pass& /*pass*/) {}

    // How many tensors the layer reads: 1 for most; 0 for "two or more" (Add, Concatenate).
    virtual int inputCount() const { return 1; }
    // The forms the model calls, one entry per input (xs[k] is input k; dxs[k] may be null when
    // that input's gradient is not needed). A one-input layer gets exactly one entry.
    virtual Shape buildMany(const std::vector<Shape>& inputShapes);
    virtual void forwardMany(const std::vector<const Tensor*>& xs, Tensor& y, LayerScratch* scratch, const Pass& pass);
    virtual void backwardMany(const std::vector<const Tensor*>& xs, const Tensor& y, const Tensor& dy,
        const std::vector<Tensor*>& dxs, LayerScratch* scratch);

    virtual std::vector<Param*> params() { return {}; }
    std::vector<const Param*> params() const;
    // Whether backward() writes the whole gradient of every parameter marked gradPending (and
    // clears the mark) instead of adding to it. Sequential::zeroGradForBackward clears the
    // gradients of layers that do not.
    virtual bool writesPendingGradients() const { return false; }
    // State that is saved with the weights but not trained (Keras' non_trainable_weights, e.g.
    // batch norm's moving mean and variance). Optimisers never see these; their grad is empty.
    virtual std::vector<Param*> nonTrainableParams() { return {}; }
    int64_t paramCount() const;

    // Hyper-parameters (not weights) as JSON: {"type": ..., "name": ..., ...}; see LayerFactory.
    virtual nlohmann::json config() const;

    // Shapes seen at build time (per sample, no batch dimension); inputShape() is the first
    // input's, inputShapes() every input's.
    const Shape& inputShape() const { return inputShape_; }
    const std::vector<Shape>& inputShapes() const { return inputShapes_; }
    const Shape& outputShape() const { return outputShape_; }

protected:
    friend class Sequential;
    std::string name_;
    Shape inputShape_;
    std::vector<Shape> inputShapes_;
    Shape outputShape_;
};

// Prefixes a shape error with the layer's name and type.
[[noreturn]] void throwLayerShapeError(const Layer& layer, const std::string& what);

// The layer's own scratch type, or an Error naming the layer when the caller passed none (or
// another layer's): forward/backward of layers that keep per-batch state need theirs.
[[noreturn]] void throwMissingScratch(const Layer& layer);
template <class S> S& scratchAs(LayerScratch* scratch, const Layer& layer)
{
    auto* s = dynamic_cast<S*>(scratch);
    if (!s)
        throwMissingScratch(layer);
    return *s;
}

} // namespace ws
