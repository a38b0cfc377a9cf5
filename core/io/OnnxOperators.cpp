// SPDX-License-Identifier: GPL-3.0-or-later
// The operator translations of the ONNX converter (io/OnnxConverter.h): Gemm, MatMul, Add of a
// bias, Softmax, Conv, MaxPool/AveragePool, BatchNormalization, Flatten and Reshape, each
// checking its attributes and constant inputs and appending engine layers and their weights
// (ONNX Operators, https://onnx.ai/onnx/operators/). The chain walk that calls them:
// OnnxModel.cpp. Letters and the meaning of `shape`: io/OnnxConverter.h.
#include "io/OnnxConverter.h"

#include "nn/Activation.h"
#include "nn/BatchNormalization.h"
#include "nn/Conv2D.h"
#include "nn/Dense.h"
#include "nn/Flatten.h"
#include "nn/Pooling2D.h"
#include "nn/Reshape.h"
#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace ws::onnx_model {

void Converter::gemm()
{
    onlyAttributes({ "alpha", "beta", "transA", "transB" });
    if (shape_.size() != 1)
        fail("needs an (N, K) input, got per-sample shape " + shapeToString(shape_));
    if (intAttr("transA", 0) != 0)
        fail("transA = 1 (a transposed input) is not supported");
    const bool transB = intAttr("transB", 0) != 0;
    const float alpha = floatAttr("alpha", 1.0f);
    const float beta = floatAttr("beta", 1.0f);
    const Tensor b = *constantInput(1, true);
    if (b.rank() != 2)
        fail("B has shape " + shapeToString(b.shape()) + ", not a matrix");
    const int64_t k = transB ? b.dim(1) : b.dim(0);
    const int64_t units = transB ? b.dim(0) : b.dim(1);
    if (k != shape_[0])
        fail("B has shape " + shapeToString(b.shape()) + (transB ? " (transposed)" : "") + " but the input has "
            + std::to_string(shape_[0]) + " features");
    std::vector<float> kernel(size_t(k * units)); // (in, out)
    for (int64_t i = 0; i < k; ++i)
        for (int64_t j = 0; j < units; ++j)
            kernel[size_t(i * units + j)] = alpha * (transB ? b[j * k + i] : b[i * units + j]);
    std::vector<float> bias(size_t(units), 0.0f);
    if (const std::optional<Tensor> c = constantInput(2, false)) {
        // C broadcasts to (N, units): a scalar, (units) or (1, units); a per-row C is not a bias.
        const bool rowVector = c->size() == units && (c->rank() == 1 || (c->rank() == 2 && c->dim(0) == 1));
        if (c->size() != 1 && !rowVector)
            fail("C has shape " + shapeToString(c->shape()) + "; only a bias of " + std::to_string(units)
                + " values (or one) is supported");
        for (int64_t j = 0; j < units; ++j)
            bias[size_t(j)] = beta * (*c)[c->size() == 1 ? 0 : j];
    }
    Dense& d = add<Dense>(units, true);
    weights_.push_back({ &d, { { "kernel", std::move(kernel) }, { "bias", std::move(bias) } } });
    biasSize_ = units;
    shape_ = { units };
}

void Converter::matMul()
{
    onlyAttributes({});
    if (shape_.size() != 1)
        fail("needs an (N, K) input, got per-sample shape " + shapeToString(shape_)
            + " (batched matrix products are not supported)");
    const Tensor b = *constantInput(1, true);
    if (b.rank() != 2 || b.dim(0) != shape_[0])
        fail("B has shape " + shapeToString(b.shape()) + " but the input has " + std::to_string(shape_[0])
            + " features");
    const int64_t units = b.dim(1);
    // A Dense with a zero bias, so that an Add of a bias that follows folds into it.
    Dense& d = add<Dense>(units, true);
    weights_.push_back({ &d,
        { { "kernel", std::vector<float>(b.data(), b.data() + b.size()) },
            { "bias", std::vector<float>(size_t(units), 0.0f) } } });
    biasSize_ = units;
    shape_ = { units };
}

void Converter::addBias()
{
    onlyAttributes({});
    if (node_->inputs.size() != 2)
        fail("needs two inputs");
    if (!biasTarget_)
        fail("only adding a constant bias to the output of Gemm, MatMul or Conv is supported");
    const Tensor c = *constantInput(node_->inputs[0] == current_ ? 1 : 0, true);
    // Broadcasting (numpy rules) must put the values along the features/channels axis.
    bool ok = c.size() == 1;
    if (shape_.size() == 1)
        ok = ok || (c.size() == biasSize_ && c.dim(c.rank() - 1) == biasSize_);
    else if (shape_.size() == 3)
        ok = ok || (c.size() == biasSize_ && c.rank() >= 3 && c.dim(c.rank() - 3) == biasSize_);
    if (!ok)
        fail("the constant has shape " + shapeToString(c.shape()) + ", which is not a bias of "
            + std::to_string(biasSize_) + " values for an input of per-sample shape " + shapeToString(shape_));
    std::vector<float>& bias = weights_[*biasTarget_].values.at("bias");
    for (int64_t j = 0; j < biasSize_; ++j)
        bias[size_t(j)] += c[c.size() == 1 ? 0 : j];
}

void Converter::softmax()
{
    onlyAttributes({ "axis" });
    const int64_t rank = int64_t(shape_.size()) + 1;
    int64_t axis = intAttr("axis", graph_.opset >= 13 ? -1 : 1);
    if (axis < -rank || axis >= rank)
        fail("axis " + std::to_string(axis) + " is outside the input's " + std::to_string(rank) + " axes");
    if (axis < 0)
        axis += rank;
    if (axis == rank - 1) {
        channelsFirst(); // the ONNX last axis is the engine's last axis
    } else if (rank == 4 && axis == 1 && graph_.opset >= 13) {
        channelsLast(); // over channels: the engine's last axis in NHWC
    } else {
        fail("softmax over axis " + std::to_string(axis) + " of a rank-" + std::to_string(rank)
            + " input is not supported (only the last axis, or the channels of images)");
    }
    add<ActivationLayer>(ActivationKind::Softmax);
}

Padding Converter::padding(Size2 kernel, Size2 strides, bool ceilMode) const
{
    const std::string autoPad = stringAttr("auto_pad", "NOTSET");
    const int64_t h = shape_[1], w = shape_[2];
    if (autoPad == "VALID")
        return Padding::Valid;
    if (autoPad == "SAME_UPPER") // the extra row/column after, as TensorFlow's "same"
        return Padding::Same;
    if (autoPad != "NOTSET")
        fail("auto_pad = " + autoPad + " is not supported (only NOTSET, VALID and SAME_UPPER)");
    const std::vector<int64_t> pads = intsAttr("pads", { 0, 0, 0, 0 });
    if (pads.size() != 4)
        fail("pads has " + std::to_string(pads.size()) + " values, not 4");
    // ONNX output size: floor or ceil of (in + padBefore + padAfter - k) / s + 1.
    auto onnxOut = [&](int64_t in, int64_t k, int64_t s, int64_t before, int64_t after) {
        const int64_t span = in + before + after - k;
        return span < 0 ? int64_t(0) : (ceilMode ? (span + s - 1) / s : span / s) + 1;
    };
    const int64_t outH = onnxOut(h, kernel.h, strides.h, pads[0], pads[2]);
    const int64_t outW = onnxOut(w, kernel.w, strides.w, pads[1], pads[3]);
    if (outH <= 0 || outW <= 0)
        fail("the window " + size2ToString(kernel) + " does not fit the input of size " + size2ToString({ h, w }));
    for (Padding p : { Padding::Valid, Padding::Same }) {
        const WindowAxis ah = windowAxis(h, kernel.h, strides.h, p);
        const WindowAxis aw = windowAxis(w, kernel.w, strides.w, p);
        // Same output size and the same padding before; padding after that no window reaches
        // does not matter.
        if (ah.out == outH && aw.out == outW && ah.padBefore == pads[0] && aw.padBefore == pads[1])
            return p;
    }
    fail("pads [" + std::to_string(pads[0]) + ", " + std::to_string(pads[1]) + ", " + std::to_string(pads[2]) + ", "
        + std::to_string(pads[3]) + "] on an input of size " + size2ToString({ h, w })
        + " are neither 'valid' nor 'same' padding, which is all the engine has");
}

namespace {

Size2 size2Of(const std::vector<int64_t>& v) { return { v[0], v[1] }; }

} // namespace

void Converter::conv()
{
    onlyAttributes({ "auto_pad", "dilations", "group", "kernel_shape", "pads", "strides" });
    requireImage("Conv");
    if (intAttr("group", 1) != 1)
        fail("group = " + std::to_string(intAttr("group", 1)) + " (grouped convolution) is not supported");
    const std::vector<int64_t> dilations = intsAttr("dilations", { 1, 1 });
    if (dilations != std::vector<int64_t> { 1, 1 })
        fail("dilations other than 1 are not supported");
    const Tensor weight = *constantInput(1, true); // (F, C, KH, KW)
    if (weight.rank() != 4 || weight.dim(1) != shape_[0])
        fail("weight has shape " + shapeToString(weight.shape()) + " but the input has " + std::to_string(shape_[0])
            + " channels (a 2-D convolution needs (F, C, KH, KW))");
    const int64_t f = weight.dim(0), c = weight.dim(1), kh = weight.dim(2), kw = weight.dim(3);
    const std::vector<int64_t> kernelShape = intsAttr("kernel_shape", { kh, kw });
    if (kernelShape != std::vector<int64_t> { kh, kw })
        fail("kernel_shape does not match the weight's shape " + shapeToString(weight.shape()));
    const std::vector<int64_t> strides = intsAttr("strides", { 1, 1 });
    if (strides.size() != 2 || strides[0] <= 0 || strides[1] <= 0)
        fail("strides must be two positive integers");
    const Padding pad = padding({ kh, kw }, size2Of(strides), false);
    std::vector<float> kernel(size_t(weight.size())); // (KH, KW, C, F)
    for (int64_t o = 0; o < f; ++o)
        for (int64_t i = 0; i < c; ++i)
            for (int64_t y = 0; y < kh; ++y)
                for (int64_t x = 0; x < kw; ++x)
                    kernel[size_t(((y * kw + x) * c + i) * f + o)] = weight[((o * c + i) * kh + y) * kw + x];
    std::vector<float> bias(size_t(f), 0.0f);
    if (const std::optional<Tensor> b = constantInput(2, false)) {
        if (b->size() != f)
            fail("bias has shape " + shapeToString(b->shape()) + ", not (" + std::to_string(f) + ")");
        std::copy(b->data(), b->data() + f, bias.begin());
    }
    channelsLast();
    Conv2D& layer = add<Conv2D>(f, Size2 { kh, kw }, size2Of(strides), pad, true);
    weights_.push_back({ &layer, { { "kernel", std::move(kernel) }, { "bias", std::move(bias) } } });
    biasSize_ = f;
    const WindowAxis ah = windowAxis(shape_[1], kh, strides[0], pad);
    const WindowAxis aw = windowAxis(shape_[2], kw, strides[1], pad);
    shape_ = { f, ah.out, aw.out };
}

void Converter::pool(PoolKind kind)
{
    const bool isMax = kind == PoolKind::Max;
    if (isMax)
        onlyAttributes({ "auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads", "storage_order", "strides" });
    else
        onlyAttributes({ "auto_pad", "ceil_mode", "count_include_pad", "kernel_shape", "pads", "strides" });
    requireImage(isMax ? "MaxPool" : "AveragePool");
    const std::vector<int64_t> kernel = intsAttr("kernel_shape", {});
    if (kernel.size() != 2 || kernel[0] <= 0 || kernel[1] <= 0)
        fail("kernel_shape must be two positive integers (2-D pooling)");
    const std::vector<int64_t> strides = intsAttr("strides", { 1, 1 }); // ONNX's default, not the pool size
    if (strides.size() != 2 || strides[0] <= 0 || strides[1] <= 0)
        fail("strides must be two positive integers");
    if (intsAttr("dilations", { 1, 1 }) != std::vector<int64_t> { 1, 1 })
        fail("dilations other than 1 are not supported");
    if (intAttr("storage_order", 0) != 0)
        fail("storage_order = 1 is not supported");
    const Padding pad = padding(size2Of(kernel), size2Of(strides), intAttr("ceil_mode", 0) != 0);
    // The engine leaves padded positions out of an average (PyTorch's count_include_pad=False).
    if (!isMax && pad == Padding::Same && intAttr("count_include_pad", 0) != 0)
        fail("count_include_pad = 1 with padding is not supported");
    channelsLast();
    add<Pooling2D>(kind, size2Of(kernel), size2Of(strides), pad);
    const WindowAxis ah = windowAxis(shape_[1], kernel[0], strides[0], pad);
    const WindowAxis aw = windowAxis(shape_[2], kernel[1], strides[1], pad);
    shape_ = { shape_[0], ah.out, aw.out };
}

void Converter::batchNorm()
{
    onlyAttributes({ "epsilon", "momentum", "training_mode", "spatial" });
    if (intAttr("training_mode", 0) != 0)
        fail("training_mode = 1 is not supported (inference only)");
    if (intAttr("spatial", 1) != 1)
        fail("spatial = 0 is not supported");
    if (shape_.size() == 3)
        channelsLast(); // normalise over channels: the engine's last axis
    else if (shape_.size() != 1)
        fail("needs an (N, C) or (N, C, H, W) input, got per-sample shape " + shapeToString(shape_));
    const int64_t c = shape_[0];
    std::map<std::string, std::vector<float>> values;
    const char* names[] = { "gamma", "beta", "moving_mean", "moving_variance" }; // ONNX: scale, B, mean, var
    for (size_t i = 0; i < 4; ++i) {
        const Tensor t = *constantInput(i + 1, true);
        if (t.size() != c)
            fail("input " + std::to_string(i + 1) + " has shape " + shapeToString(t.shape()) + ", not ("
                + std::to_string(c) + ")");
        values[names[i]] = std::vector<float>(t.data(), t.data() + c);
    }
    BatchNormalization& layer = add<BatchNormalization>(0.9f, floatAttr("epsilon", 1e-5f));
    weights_.push_back({ &layer, std::move(values) });
}

void Converter::flatten()
{
    onlyAttributes({ "axis" });
    if (intAttr("axis", 1) != 1)
        fail("axis = " + std::to_string(intAttr("axis", 1)) + " is not supported (only 1: keep the batch axis)");
    channelsFirst(); // ONNX flattens (C, H, W) in that order
    add<Flatten>();
    shape_ = { shapeNumel(shape_) };
}

void Converter::reshape()
{
    onlyAttributes({ "allowzero" });
    const Tensor target = *constantInput(1, true);
    if (target.rank() != 1 || target.size() < 1)
        fail("the shape input has shape " + shapeToString(target.shape()) + ", not a list of sizes");
    const bool allowZero = intAttr("allowzero", 0) != 0;
    Shape sizes;
    for (int64_t i = 0; i < target.size(); ++i) {
        const float v = target[i];
        if (v != std::floor(v) || v < -1 || v > float(1 << 24))
            fail("the shape " + std::to_string(v) + " at index " + std::to_string(i) + " is not a size");
        sizes.push_back(int64_t(v));
    }
    // The batch axis: kept (0), inferred (-1, when the rest is fixed) or the input's fixed batch.
    const int64_t first = sizes[0];
    Shape rest(sizes.begin() + 1, sizes.end());
    for (size_t i = 0; i < rest.size(); ++i)
        if (rest[i] == 0 && !allowZero) {
            if (i >= shape_.size())
                fail("shape entry 0 at index " + std::to_string(i + 1) + " copies an axis the input does not have");
            rest[i] = shape_[i];
        }
    const bool restFixed = std::all_of(rest.begin(), rest.end(), [](int64_t d) { return d > 0; });
    const bool keepsBatch = (first == 0 && !allowZero) || (first == -1 && restFixed && shapeNumel(rest) == shapeNumel(shape_))
        || (first > 0 && first == batch_);
    if (!keepsBatch)
        fail("the shape " + shapeToString(sizes) + " does not keep the batch axis first; only reshapes of each "
            "sample are supported");
    channelsFirst(); // ONNX reshapes the (C, H, W) order
    add<Reshape>(rest);
    // Resolve a -1 for our own shape tracking (Reshape::build checks the sizes again).
    int64_t known = 1;
    int inferred = -1;
    for (size_t i = 0; i < rest.size(); ++i) {
        if (rest[i] == -1)
            inferred = int(i);
        else if (rest[i] > 0)
            known *= rest[i];
        else
            fail("the shape " + shapeToString(sizes) + " has a size " + std::to_string(rest[i]) + " that is not supported");
    }
    if (inferred >= 0)
        rest[size_t(inferred)] = known == 0 ? 0 : shapeNumel(shape_) / known;
    shape_ = rest;
    channelsLast_ = false; // reshaped data is in ONNX order
}

} // namespace ws::onnx_model
