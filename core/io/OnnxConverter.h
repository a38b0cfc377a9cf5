// SPDX-License-Identifier: GPL-3.0-or-later
// The ONNX-to-Sequential converter behind buildOnnxModel (io/OnnxModel.h), shared by its three
// source files: OnnxModel.cpp orders the graph, refuses what cannot run, walks the nodes and
// holds the per-value bookkeeping and the attribute accessors; OnnxFolding.cpp evaluates the
// shape arithmetic exporters write (Shape, Gather, Concat, ...) at load time; OnnxOperators.cpp
// translates the operators on activations into engine layers. Internal to core.
//
// Every ONNX value is either
//   - an activation: the engine layer that produces it (or the model input), its ONNX
//     per-sample shape (no batch), and whether the engine holds it channels-last; the same
//     data in the other layout is made by one Permute, made once and remembered, or
//   - a constant (an initializer, a Constant node, or something folded from constants and from
//     the shapes of activations). The batch size is unknown at load time: the elements of a
//     folded tensor that stand for it are marked, travel through Gather/Unsqueeze/Concat/Slice
//     and are accepted only where Reshape keeps the batch axis.
#pragma once

#include "io/OnnxModel.h"
#include "nn/Merge.h"
#include "nn/Pooling2D.h"
#include "nn/Window2D.h"
#include "nn/ZeroPadding2D.h"

#include <deque>
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
// layout the engine holds.

// Weights to copy into a layer's parameters once the model is built, by parameter name.
struct PendingWeights {
    Layer* layer = nullptr;
    std::map<std::string, std::vector<float>> values;
};

// A constant tensor while folding: doubles hold every int64 a shape needs exactly.
struct Folded {
    Shape dims;                 // the whole ONNX shape (a constant has no batch axis)
    std::vector<double> v;      // row-major
    std::vector<char> isBatch;  // per element: stands for the dynamic batch size (v is meaningless); may be empty
    bool integer = false;       // an integer or bool tensor: Div truncates, Cast to float clears it
    // A ConstantOfShape whose shape depends on the batch size (attention's zeros_like(mask)): one
    // value repeated, so an axis of size 1 in place of each batch-sized one broadcasts to the same
    // result. Only operators that broadcast it against an activation read it (constantInput with
    // `broadcast`); folding it or taking its shape is refused.
    bool batchStandIn = false;
    bool batchAt(size_t i) const { return !isBatch.empty() && isBatch[i]; }
    bool anyBatch() const;
};

struct ValueInfo {
    std::optional<Folded> constant; // set: a constant; the fields below are unused
    int layer = Sequential::kModelInput;
    Shape shape;
    bool channelsLast = false;
    bool boolean = false;           // 0/1 values (a comparison, Not, And, Or): Cast to bool keeps them
    int otherLayout = -2;           // the Permute giving the other layout, once made (-2: none)
    // A Gemm/MatMul/Conv output: index in weights_ of the layer whose bias an Add may fold into.
    std::optional<size_t> biasWeights;
    int64_t biasSize = 0;
    bool biasLast = false;          // that bias is along the last axis (Dense), not the channels
    // Where the batch is. The engine always holds it first; ONNX graphs move it (a transformer's
    // attention works on (T, N, E) and merges it with the heads into (T, N * H, E / H)). ONNX
    // axis `batchAxis` is then batchOuter x N x batchInner (row-major), and `shape` is the ONNX
    // shape with N taken out: the axes before `batchAxis`, batchOuter and batchInner (each only
    // when larger than 1), the axes after it. With the defaults `shape` is the per-sample shape.
    int batchAxis = 0;
    int64_t batchOuter = 1;
    int64_t batchInner = 1;
    bool batchFirst() const { return batchAxis == 0 && batchOuter == 1 && batchInner == 1; }
    // The ONNX shape with the batch axis's size given as batchOuter * batchInner.
    Shape onnxDims() const;
    // The engine axis (per sample) of ONNX axis `axis` (not the batch axis; 0 <= axis < rank).
    int engineAxis(int64_t axis) const;
    void copyLayout(const ValueInfo& from);
};

// ONNX Slice's clamping of a start or end index on an axis of `size` for step `step`.
int64_t clampSliceIndex(int64_t i, int64_t size, int64_t step);

class Converter {
public:
    Converter(const OnnxGraph& graph, const OnnxConstantSource& constants, const std::string& file)
        : graph_(graph), constants_(constants), file_(file)
    {
    }

    Sequential run();
    // run()'s first part: every node converted into layers and the output checked, nothing built.
    void convertGraph();
    // After run(): the graph inputs packed into the model's one input; empty for a single input.
    const std::vector<InputPart>& inputParts() const { return inputParts_; }
    // After convertGraph(): every value's ONNX shape as onnxValueShapes (io/OnnxModel.h) gives it.
    OnnxShapes valueShapes() const;

private:
    [[noreturn]] void fail(const std::string& what) const;

    // Graph order: the nodes the output needs, each after the nodes it reads.
    std::vector<size_t> liveNodesInOrder();
    void refuseMissingOperators(const std::vector<size_t>& order);
    bool isGraphInput(const std::string& name) const;
    void convertNode();

    // Attribute accessors: absent gives the fallback, a value of the wrong kind is an error.
    int64_t intAttr(const char* key, int64_t fallback) const;
    float floatAttr(const char* key, float fallback) const;
    std::vector<int64_t> intsAttr(const char* key, std::vector<int64_t> fallback) const;
    std::string stringAttr(const char* key, const std::string& fallback) const;
    // Refuses attributes the conversion does not read (a new option would otherwise be ignored).
    void onlyAttributes(std::initializer_list<const char*> known) const;

    // Values by name. value(i) is input i of the current node (which must be there).
    ValueInfo& value(const std::string& name);
    ValueInfo& input(size_t i);
    bool hasInput(size_t i) const;
    bool isConstant(size_t i);
    // Input `i` as a float tensor (a constant without batch marks); `required` false allows an
    // omitted optional input; `broadcast` accepts a Folded::batchStandIn (for operands that are
    // broadcast against an activation).
    std::optional<Tensor> constantInput(size_t i, bool required, bool broadcast = false);
    // Input `i` as an activation (refused when it is a constant) whose batch axis comes first.
    ValueInfo& activation(size_t i);
    // The same with the batch anywhere (ValueInfo::batchAxis), for the operators that follow it.
    ValueInfo& activationAnyLayout(size_t i);
    // An ONNX axis of `v` (an attribute or input, negative counting from the end) as the engine
    // axis; refused naming `what` when outside v's axes or when it is the batch axis.
    int engineAxisOf(const ValueInfo& v, int64_t axis, const char* what);
    // The node's first output becomes `info`; every other output must be unused.
    void setOutput(ValueInfo info);
    void setOutputConstant(Folded folded);
    // The node's output is its input activation under another name (Identity, Dropout, Cast).
    void passThrough();

    // The engine layer holding `v` in the wanted layout (images only; other ranks have one).
    int layerIn(ValueInfo& v, bool channelsLast);
    // Appends a layer reading `inputs`, named after the node (or `name`), made unique: ONNX does
    // not require unique node names, Sequential does. Returns its index.
    int append(std::unique_ptr<Layer> layer, std::vector<int> inputs, std::string name = {});
    template <class L, class... Args> int addLayer(std::vector<int> inputs, Args&&... args)
    {
        return append(std::make_unique<L>(std::forward<Args>(args)...), std::move(inputs));
    }
    // A one-input layer on activation `v` in the given layout; the result keeps v's layout.
    template <class L, class... Args> ValueInfo unary(ValueInfo& v, bool channelsLast, Args&&... args)
    {
        ValueInfo out;
        out.copyLayout(v);
        out.channelsLast = v.shape.size() == 3 && channelsLast;
        out.layer = addLayer<L>({ layerIn(v, out.channelsLast) }, std::forward<Args>(args)...);
        out.shape = v.shape;
        return out;
    }

    // Folding (OnnxFolding.cpp): true when the node was evaluated at load time.
    bool tryFold();
    Folded foldedInput(size_t i);
    // A constant input as integers (int64 limits kept); `what` names them in a refusal.
    std::vector<int64_t> constantInts(size_t i, const char* what);

    // Operators on activations (OnnxOperators.cpp).
    void gemm();
    void matMul();
    void denseOutput(ValueInfo& x, int64_t units, std::vector<float> kernel, std::vector<float> bias);
    void arithmetic(MergeKind kind);
    void mergeActivations(MergeKind kind);
    void constantOperand(MergeKind kind, size_t activationInput);
    // The per-sample engine shape (ONNX layout) of constant dims `dims` broadcast against `x`: the
    // batch axis (size 1) goes, axes merged with it are stretched over; refused naming the node
    // when the constant varies along the batch.
    Shape constantPerSample(const ValueInfo& x, Shape dims);
    // Refuses two activations that hold the batch differently (axis, merging or rank).
    void requireSameBatchLayout(const ValueInfo& a, const ValueInfo& b);
    // Masks (OnnxOperators.cpp): comparisons, Not, And/Or, Cast of activations, Expand, Where.
    void logical();
    void castActivation();
    void expand();
    void where();
    // An Expand layer giving `x` (ONNX layout) the per-sample shape `shape`, as a value.
    ValueInfo expandTo(ValueInfo& x, const Shape& shape);
    void concat();
    void activationOp();
    void clip();
    void softmax();
    void conv();
    void pool(PoolKind kind);
    void globalAveragePool();
    void pad();
    void batchNorm();
    void flatten();
    void reshape();
    // Operators that follow the batch axis wherever it is (transformer graphs).
    void reshapeAnyLayout(const Folded& target);
    void transpose();
    void matMulActivations();
    void slice();
    void split();
    void reduce();
    void elementwise();
    void layerNorm();
    // A Slice layer of [start, end) along ONNX axis `axis` of `x`, as a value.
    ValueInfo sliceOf(ValueInfo& x, int64_t axis, int64_t start, int64_t end, const std::string& name);

    // The padding of a window op: the engine's valid/same when the pads are one of those, else
    // `explicitPads` says what a ZeroPadding2D before a valid window must add.
    struct WindowPadding {
        Padding padding = Padding::Valid;
        std::optional<Padding2D> explicitPads; // what the file says, plus what ceil_mode's last window needs
        Padding2D declared;                    // what the file says
        Size2 out;                             // the output size
    };
    // `countsPadding`: the padded positions count (AveragePool count_include_pad = 1), so they
    // are always explicit.
    WindowPadding padding(const Shape& shape, Size2 kernel, Size2 strides, bool ceilMode, bool countsPadding) const;
    // Inserts the ZeroPadding2D of `pads` (if any) before a window op on channels-last `layer`;
    // returns the layer to read and updates `shape` (C, H, W).
    int padBefore(int layer, const WindowPadding& pads, Shape& shape, float fill);

    const OnnxGraph& graph_;
    const OnnxConstantSource& constants_;
    const std::string& file_;
    const OnnxNode* node_ = nullptr;
    size_t index_ = 0;

    Sequential model_;
    std::vector<InputPart> inputParts_;
    int64_t batch_ = -1; // the graph input's batch size when fixed, else -1
    std::deque<ValueInfo> infos_;         // a deque: references stay valid as values are added
    std::map<std::string, size_t> names_; // value name -> index in infos_ (Identity shares one)
    std::map<std::string, int> uses_;     // how many live nodes (and the graph output) read a value
    std::vector<PendingWeights> weights_;
    std::set<std::string> usedNames_;
};

} // namespace ws::onnx_model
