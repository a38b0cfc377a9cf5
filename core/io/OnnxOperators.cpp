// SPDX-License-Identifier: GPL-3.0-or-later
// The operator translations of the ONNX converter (io/OnnxConverter.h): operators on
// activations (Gemm, MatMul, Add/Sub/Mul/Div, Concat, the activations, Softmax, Conv,
// MaxPool/AveragePool, GlobalAveragePool, BatchNormalization, Flatten, Reshape), each checking
// its attributes and constant inputs and appending engine layers and their weights (ONNX
// Operators, https://onnx.ai/onnx/operators/). The graph walk that calls them: OnnxModel.cpp.
// Letters and the meaning of `shape`: io/OnnxConverter.h.
#include "io/OnnxConverter.h"

#include "nn/Activation.h"
#include "nn/BatchNormalization.h"
#include "nn/ConstantMerge.h"
#include "nn/Conv2D.h"
#include "nn/Dense.h"
#include "nn/DepthwiseConv2D.h"
#include "nn/Flatten.h"
#include "nn/Pooling2D.h"
#include "nn/Reshape.h"
#include "nn/TensorOps.h"
#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace ws::onnx_model {

namespace {

Size2 size2Of(const std::vector<int64_t>& v) { return { v[0], v[1] }; }

// (C, H, W) -> (H, W, C) of a per-sample constant, after aligning it to rank 3 (NumPy rules).
std::pair<Shape, std::vector<float>> toChannelsLast(Shape dims, const std::vector<float>& values)
{
    while (dims.size() < 3)
        dims.insert(dims.begin(), 1);
    const int64_t c = dims[0], h = dims[1], w = dims[2];
    std::vector<float> out(values.size());
    for (int64_t i = 0; i < c; ++i)
        for (int64_t y = 0; y < h; ++y)
            for (int64_t x = 0; x < w; ++x)
                out[size_t((y * w + x) * c + i)] = values[size_t((i * h + y) * w + x)];
    return { Shape { h, w, c }, std::move(out) };
}

} // namespace

void Converter::gemm()
{
    onlyAttributes({ "alpha", "beta", "transA", "transB" });
    ValueInfo& x = activationAnyLayout(0);
    // (N, K), or rows that hold the batch merged with other axes (attention's (T * N, E)).
    if (x.onnxDims().size() != 2 || x.batchAxis != 0)
        fail("needs an (N, K) input, got per-sample shape " + shapeToString(x.shape));
    const int64_t features = x.shape.back();
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
    if (k != features)
        fail("B has shape " + shapeToString(b.shape()) + (transB ? " (transposed)" : "") + " but the input has "
            + std::to_string(features) + " features");
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
    denseOutput(x, units, std::move(kernel), std::move(bias));
}

// A Dense over the last axis of `x` (any layout): the output of Gemm and MatMul with a constant.
void Converter::denseOutput(ValueInfo& x, int64_t units, std::vector<float> kernel, std::vector<float> bias)
{
    ValueInfo out;
    out.copyLayout(x);
    out.layer = addLayer<Dense>({ layerIn(x, false) }, units, true); // the ONNX last axis
    weights_.push_back({ &model_.layer(size_t(out.layer)), { { "kernel", std::move(kernel) }, { "bias", std::move(bias) } } });
    out.shape = x.shape;
    out.shape.back() = units;
    out.biasWeights = weights_.size() - 1;
    out.biasSize = units;
    out.biasLast = true;
    setOutput(std::move(out));
}

void Converter::matMul()
{
    onlyAttributes({});
    if (!isConstant(0) && !isConstant(1)) {
        matMulActivations();
        return;
    }
    ValueInfo& x = activationAnyLayout(0);
    const Shape dims = x.onnxDims();
    if (x.batchAxis == int(dims.size()) - 1)
        fail("the batch is in the last axis of the input (per-sample shape " + shapeToString(x.shape)
            + "); a product with a constant needs it elsewhere");
    const Tensor b = *constantInput(1, true);
    if (b.rank() != 2 || b.dim(0) != x.shape.back())
        fail("B has shape " + shapeToString(b.shape()) + " but the input has " + std::to_string(x.shape.back())
            + " features");
    const int64_t units = b.dim(1);
    // A Dense with a zero bias, so that an Add of a bias that follows folds into it.
    denseOutput(x, units, std::vector<float>(b.data(), b.data() + b.size()), std::vector<float>(size_t(units), 0.0f));
}

// Both operands computed from the input (attention's Q K^T and its weights times V): the batch
// must be in the same place in both and among the axes the product broadcasts over.
void Converter::matMulActivations()
{
    ValueInfo& a = activationAnyLayout(0);
    ValueInfo& b = activationAnyLayout(1);
    const int64_t rank = int64_t(a.onnxDims().size());
    if (int64_t(b.onnxDims().size()) != rank || a.batchAxis != b.batchAxis || a.batchOuter != b.batchOuter
        || a.batchInner != b.batchInner)
        fail("the inputs hold the batch in different places (per-sample shapes " + shapeToString(a.shape) + " and "
            + shapeToString(b.shape) + ")");
    if (a.batchAxis >= rank - 2)
        fail("the batch is in one of the multiplied axes; only a batch among the leading axes is supported");
    if (a.shape.back() != b.shape[b.shape.size() - 2])
        fail("per-sample shapes " + shapeToString(a.shape) + " and " + shapeToString(b.shape)
            + " cannot be multiplied (" + std::to_string(a.shape.back()) + " columns against "
            + std::to_string(b.shape[b.shape.size() - 2]) + " rows)");
    ValueInfo out;
    out.copyLayout(a);
    out.layer = addLayer<MatMul>({ layerIn(a, false), layerIn(b, false) });
    const Shape lead = [&] {
        try {
            return broadcastShapes({ Shape(a.shape.begin(), a.shape.end() - 2), Shape(b.shape.begin(), b.shape.end() - 2) });
        } catch (const ShapeError& e) {
            fail(e.what());
        }
    }();
    out.shape = lead;
    out.shape.push_back(a.shape[a.shape.size() - 2]);
    out.shape.push_back(b.shape.back());
    setOutput(std::move(out));
}

void Converter::arithmetic(MergeKind kind)
{
    onlyAttributes({});
    if (node_->inputs.size() != 2)
        fail("needs two inputs");
    const bool c0 = isConstant(0), c1 = isConstant(1);
    if (!c0 && !c1)
        mergeActivations(kind);
    else
        constantOperand(kind, c0 ? 1 : 0);
}

// Two activations: both channels-last when both are images and one already is (the engine's
// own layout, no Permute for the common residual Add), else both in the ONNX layout. NumPy
// broadcasting then works on the engine shapes as on the ONNX ones: (C, H, W) with (C, 1, 1)
// becomes (H, W, C) with (1, 1, C).
void Converter::mergeActivations(MergeKind kind)
{
    ValueInfo& a = activationAnyLayout(0);
    ValueInfo& b = activationAnyLayout(1);
    requireSameBatchLayout(a, b);
    Shape shape;
    try {
        shape = broadcastShapes({ a.shape, b.shape });
    } catch (const ShapeError& e) {
        fail(e.what());
    }
    const bool images = a.shape.size() == 3 && b.shape.size() == 3;
    const bool last = images && (a.channelsLast || b.channelsLast);
    ValueInfo out;
    out.copyLayout(a);
    out.layer = addLayer<Merge>({ layerIn(a, last), layerIn(b, last) }, kind);
    out.shape = shape;
    out.channelsLast = last;
    setOutput(std::move(out));
}

// An activation with a constant: a bias Add right after Gemm/MatMul/Conv folds into that
// layer's bias (the exporter's MatMul + Add); anything else becomes a ConstantMerge layer
// holding the constant in the activation's layout.
void Converter::constantOperand(MergeKind kind, size_t activationInput)
{
    ValueInfo& x = activationAnyLayout(activationInput);
    const Tensor c = *constantInput(1 - activationInput, true, true);
    const std::string& xName = node_->inputs[activationInput];
    if (kind == MergeKind::Add && x.biasWeights && uses_[xName] == 1) {
        // Broadcasting (numpy rules) must put the values along the features/channels axis.
        const int64_t n = x.biasSize;
        bool ok = c.size() == 1;
        if (x.biasLast)
            ok = ok || (c.size() == n && c.dim(c.rank() - 1) == n);
        else if (x.shape.size() == 3)
            ok = ok || (c.size() == n && c.rank() >= 3 && c.dim(c.rank() - 3) == n);
        if (ok) {
            std::vector<float>& bias = weights_[*x.biasWeights].values.at("bias");
            for (int64_t j = 0; j < n; ++j)
                bias[size_t(j)] += c[c.size() == 1 ? 0 : j];
            ValueInfo out = x;
            setOutput(std::move(out));
            return;
        }
    }
    Shape dims = constantPerSample(x, c.shape());
    Shape result;
    try {
        result = broadcastShapes({ x.shape, dims });
    } catch (const ShapeError& e) {
        fail(e.what());
    }
    // A constant that makes the input larger (a causal mask Or-ed with a padding mask): the
    // input is expanded first, so the ConstantMerge keeps its shape.
    ValueInfo grown;
    ValueInfo& in = result == x.shape ? x : (grown = expandTo(x, result));
    std::vector<float> values(c.data(), c.data() + c.size());
    const bool last = in.shape.size() == 3 && in.channelsLast;
    if (last)
        std::tie(dims, values) = toChannelsLast(dims, values);
    ValueInfo out;
    out.copyLayout(in);
    out.layer = addLayer<ConstantMerge>({ in.layer }, kind, dims, activationInput == 1);
    weights_.push_back({ &model_.layer(size_t(out.layer)), { { "constant", std::move(values) } } });
    out.shape = in.shape;
    out.channelsLast = last;
    setOutput(std::move(out));
}

void Converter::concat()
{
    onlyAttributes({ "axis" });
    if (node_->inputs.empty())
        fail("has no inputs");
    std::vector<ValueInfo*> parts;
    bool anyLast = false;
    for (size_t i = 0; i < node_->inputs.size(); ++i) {
        parts.push_back(&activation(i)); // a constant among activations is refused here
        if (parts.back()->shape.size() != parts[0]->shape.size())
            fail("inputs of different ranks cannot be joined");
        anyLast = anyLast || parts.back()->channelsLast;
    }
    const Shape& first = parts[0]->shape;
    const int64_t rank = int64_t(first.size()) + 1; // with the batch axis
    int64_t axis = intAttr("axis", 1);
    if (axis < -rank || axis >= rank)
        fail("axis " + std::to_string(axis) + " is outside the inputs' " + std::to_string(rank) + " axes");
    if (axis < 0)
        axis += rank;
    if (axis == 0)
        fail("joining along the batch axis is not supported");
    const bool last = first.size() == 3 && anyLast;
    Shape shape = first;
    shape[size_t(axis - 1)] = 0;
    std::vector<int> inputs;
    for (ValueInfo* p : parts) {
        for (size_t k = 0; k < first.size(); ++k)
            if (int64_t(k) != axis - 1 && p->shape[k] != first[k])
                fail("inputs of per-sample shapes " + shapeToString(first) + " and " + shapeToString(p->shape)
                    + " cannot be joined along axis " + std::to_string(axis));
        shape[size_t(axis - 1)] += p->shape[size_t(axis - 1)];
        inputs.push_back(layerIn(*p, last));
    }
    // Keras' axis counts the batch as 0; channels-last images hold (H, W, C).
    const int engineAxis = last ? int(axis == 1 ? 3 : axis - 1) : int(axis);
    ValueInfo out;
    out.layer = addLayer<Concatenate>(std::move(inputs), engineAxis);
    out.shape = shape;
    out.channelsLast = last;
    setOutput(std::move(out));
}

void Converter::activationOp()
{
    const std::string& op = node_->opType;
    ValueInfo& x = activationAnyLayout(0);
    ActivationKind kind = ActivationKind::ReLU;
    float alpha = -1.0f, beta = 0.5f;
    if (op == "LeakyRelu" || op == "Elu") {
        onlyAttributes({ "alpha" });
        kind = op == "LeakyRelu" ? ActivationKind::LeakyReLU : ActivationKind::ELU;
        alpha = floatAttr("alpha", op == "LeakyRelu" ? 0.01f : 1.0f);
    } else if (op == "HardSigmoid") {
        onlyAttributes({ "alpha", "beta" });
        kind = ActivationKind::HardSigmoid;
        alpha = floatAttr("alpha", 0.2f); // ONNX's defaults; PyTorch writes alpha = 1/6
        beta = floatAttr("beta", 0.5f);
        if (alpha < 0.0f)
            fail("a negative alpha is not supported");
    } else if (op == "Gelu") {
        onlyAttributes({ "approximate" });
        const std::string approximate = stringAttr("approximate", "none");
        if (approximate != "none" && approximate != "tanh")
            fail("approximate = '" + approximate + "' is not one of 'none' and 'tanh'");
        kind = approximate == "tanh" ? ActivationKind::GELUTanh : ActivationKind::GELU;
    } else {
        onlyAttributes({});
        kind = op == "Relu"   ? ActivationKind::ReLU
            : op == "Sigmoid" ? ActivationKind::Sigmoid
            : op == "Tanh"    ? ActivationKind::Tanh
                              : ActivationKind::HardSwish;
    }
    setOutput(unary<ActivationLayer>(x, x.channelsLast, kind, alpha, beta));
}

// Clip(min 0, max 6) is ReLU6 and Clip(min 0) ReLU; other bounds become Maximum/Minimum with a
// constant.
void Converter::clip()
{
    onlyAttributes({ "min", "max" });
    ValueInfo& x = activation(0);
    const float inf = std::numeric_limits<float>::infinity();
    float lo = -inf, hi = inf;
    if (graph_.opset < 11) {
        lo = floatAttr("min", -inf);
        hi = floatAttr("max", inf);
    } else {
        for (size_t i : { size_t(1), size_t(2) })
            if (const std::optional<Tensor> t = constantInput(i, false)) {
                if (t->size() != 1)
                    fail("input " + std::to_string(i) + " is not a scalar");
                (i == 1 ? lo : hi) = (*t)[0];
            }
    }
    if (lo == 0.0f && (hi == 6.0f || hi == inf)) {
        setOutput(unary<ActivationLayer>(x, x.channelsLast, hi == inf ? ActivationKind::ReLU : ActivationKind::ReLU6));
        return;
    }
    ValueInfo out;
    out.layer = x.layer;
    out.shape = x.shape;
    out.channelsLast = x.channelsLast;
    for (const auto& [kind, bound] : { std::pair { MergeKind::Maximum, lo }, std::pair { MergeKind::Minimum, hi } }) {
        if (std::isinf(bound))
            continue;
        out.layer = addLayer<ConstantMerge>({ out.layer }, kind, Shape {}, false);
        weights_.push_back({ &model_.layer(size_t(out.layer)), { { "constant", { bound } } } });
    }
    if (out.layer == x.layer)
        out = x; // no bounds: Identity
    setOutput(std::move(out));
}

void Converter::softmax()
{
    onlyAttributes({ "axis" });
    ValueInfo& x = activationAnyLayout(0);
    const int64_t rank = int64_t(x.onnxDims().size());
    int64_t axis = intAttr("axis", graph_.opset >= 13 ? -1 : 1);
    if (!x.batchFirst()) { // the last axis of each sample
        if (engineAxisOf(x, axis, "axis") != int(x.shape.size()) - 1)
            fail("softmax over axis " + std::to_string(axis) + " is not supported here (only the last axis)");
        setOutput(unary<ActivationLayer>(x, false, ActivationKind::Softmax));
        return;
    }
    if (axis < -rank || axis >= rank)
        fail("axis " + std::to_string(axis) + " is outside the input's " + std::to_string(rank) + " axes");
    if (axis < 0)
        axis += rank;
    bool last = false;
    if (axis == rank - 1) {
        last = false; // the ONNX last axis is the engine's last axis
    } else if (rank == 4 && axis == 1 && graph_.opset >= 13) {
        last = true; // over channels: the engine's last axis in NHWC
    } else {
        fail("softmax over axis " + std::to_string(axis) + " of a rank-" + std::to_string(rank)
            + " input is not supported (only the last axis, or the channels of images)");
    }
    setOutput(unary<ActivationLayer>(x, last, ActivationKind::Softmax));
}

Converter::WindowPadding Converter::padding(const Shape& shape, Size2 kernel, Size2 strides, bool ceilMode,
    bool countsPadding) const
{
    const std::string autoPad = stringAttr("auto_pad", "NOTSET");
    const int64_t h = shape[1], w = shape[2];
    if (autoPad == "VALID")
        return {};
    if (autoPad != "NOTSET" && autoPad != "SAME_UPPER")
        fail("auto_pad = " + autoPad + " is not supported (only NOTSET, VALID and SAME_UPPER)");
    Padding2D p;
    if (autoPad == "SAME_UPPER") { // the extra row/column after, as TensorFlow's "same"
        const WindowAxis ah = windowAxis(h, kernel.h, strides.h, Padding::Same);
        const WindowAxis aw = windowAxis(w, kernel.w, strides.w, Padding::Same);
        const int64_t th = std::max<int64_t>((ah.out - 1) * strides.h + kernel.h - h, 0);
        const int64_t tw = std::max<int64_t>((aw.out - 1) * strides.w + kernel.w - w, 0);
        p = { ah.padBefore, th - ah.padBefore, aw.padBefore, tw - aw.padBefore };
    } else {
        const std::vector<int64_t> pads = intsAttr("pads", { 0, 0, 0, 0 });
        if (pads.size() != 4)
            fail("pads has " + std::to_string(pads.size()) + " values, not 4");
        if (std::any_of(pads.begin(), pads.end(), [](int64_t v) { return v < 0; }))
            fail("pads [" + std::to_string(pads[0]) + ", " + std::to_string(pads[1]) + ", " + std::to_string(pads[2])
                + ", " + std::to_string(pads[3]) + "] are negative (cropping is not supported)");
        p = { pads[0], pads[2], pads[1], pads[3] }; // ONNX: [top, left, bottom, right]
    }
    // ONNX output size: floor or ceil of (in + padBefore + padAfter - k) / s + 1; in ceil mode
    // a last window that would start in the padding after the input is dropped (PyTorch's rule,
    // which torch.onnx's files are computed with).
    auto onnxOut = [&](int64_t in, int64_t k, int64_t s, int64_t before, int64_t after) {
        const int64_t span = in + before + after - k;
        if (span < 0)
            return int64_t(0);
        int64_t out = (ceilMode ? (span + s - 1) / s : span / s) + 1;
        if (ceilMode && (out - 1) * s >= in + before)
            --out;
        return out;
    };
    const int64_t outH = onnxOut(h, kernel.h, strides.h, p.top, p.bottom);
    const int64_t outW = onnxOut(w, kernel.w, strides.w, p.left, p.right);
    if (outH <= 0 || outW <= 0)
        fail("the window " + size2ToString(kernel) + " does not fit the input of size " + size2ToString({ h, w }));
    const WindowAxis plainH = windowAxis(h, kernel.h, strides.h, Padding::Valid);
    const WindowAxis plainW = windowAxis(w, kernel.w, strides.w, Padding::Valid);
    if (p == Padding2D {} && plainH.out == outH && plainW.out == outW)
        return { Padding::Valid, std::nullopt, p, { outH, outW } };
    if (!countsPadding) {
        for (Padding mode : { Padding::Valid, Padding::Same }) {
            const WindowAxis ah = windowAxis(h, kernel.h, strides.h, mode);
            const WindowAxis aw = windowAxis(w, kernel.w, strides.w, mode);
            // Same output size and the same padding before; padding after that no window reaches
            // does not matter.
            if (ah.out == outH && aw.out == outW && ah.padBefore == p.top && aw.padBefore == p.left)
                return { mode, std::nullopt, p, { outH, outW } };
        }
    }
    // Padded explicitly (after the input as far as the last window reaches), then a valid
    // window: its floor output must be ONNX's.
    Padding2D q = p;
    q.bottom = std::max(p.bottom, (outH - 1) * strides.h + kernel.h - h - p.top);
    q.right = std::max(p.right, (outW - 1) * strides.w + kernel.w - w - p.left);
    const WindowAxis vh = windowAxis(h + q.top + q.bottom, kernel.h, strides.h, Padding::Valid);
    const WindowAxis vw = windowAxis(w + q.left + q.right, kernel.w, strides.w, Padding::Valid);
    if (vh.out != outH || vw.out != outW)
        fail("the pads and ceil_mode give an output of " + size2ToString({ outH, outW })
            + ", which padding before a window cannot reproduce");
    return { Padding::Valid, q, p, { outH, outW } };
}

// AveragePool over explicitly padded input divides by the window size; ONNX (and PyTorch)
// divide by the positions inside the input (count_include_pad = 0) or inside input and pads
// (= 1; never the extra positions of ceil_mode). The ratio per output position, or nothing when
// it is 1 everywhere.
static std::optional<std::vector<float>> averageCorrection(const Padding2D& p, Size2 out, int64_t h, int64_t w, Size2 kernel,
    Size2 strides, bool countsPadding)
{
    auto covered = [&](int64_t o, int64_t in, int64_t k, int64_t s, int64_t before, int64_t after) {
        int64_t start = o * s - before, end = std::min(start + k, in + after);
        if (!countsPadding) {
            start = std::max<int64_t>(start, 0);
            end = std::min(end, in);
        }
        return std::max<int64_t>(end - start, 1);
    };
    std::vector<float> factor;
    bool any = false;
    for (int64_t y = 0; y < out.h; ++y)
        for (int64_t x = 0; x < out.w; ++x) {
            const int64_t count = covered(y, h, kernel.h, strides.h, p.top, p.bottom)
                * covered(x, w, kernel.w, strides.w, p.left, p.right);
            factor.push_back(float(double(kernel.h * kernel.w) / double(count)));
            any = any || count != kernel.h * kernel.w;
        }
    if (!any)
        return std::nullopt;
    return factor;
}

int Converter::padBefore(int layer, const WindowPadding& pads, Shape& shape, float fill)
{
    if (!pads.explicitPads)
        return layer;
    const Padding2D& p = *pads.explicitPads;
    const std::string base = node_->name.empty() ? "node_" + std::to_string(index_) : node_->name;
    const int padded = append(std::make_unique<ZeroPadding2D>(p, fill), { layer }, base + "_pad");
    shape[1] += p.top + p.bottom;
    shape[2] += p.left + p.right;
    return padded;
}

void Converter::conv()
{
    onlyAttributes({ "auto_pad", "dilations", "group", "kernel_shape", "pads", "strides" });
    ValueInfo& x = activation(0);
    if (x.shape.size() != 3)
        fail("Conv needs an (N, C, H, W) input, got per-sample shape " + shapeToString(x.shape));
    const std::vector<int64_t> dilations = intsAttr("dilations", { 1, 1 });
    if (dilations != std::vector<int64_t> { 1, 1 })
        fail("dilations other than 1 are not supported");
    const int64_t group = intAttr("group", 1);
    const int64_t channels = x.shape[0];
    if (group <= 0 || channels % group != 0)
        fail("group = " + std::to_string(group) + " does not divide the input's " + std::to_string(channels) + " channels");
    const bool depthwise = group > 1 && group == channels;
    if (group > 1 && !depthwise)
        fail("group = " + std::to_string(group) + " (grouped convolution) is not supported; only 1 and the channel "
            "count (depthwise) are");
    const Tensor weight = *constantInput(1, true); // (F, C / group, KH, KW)
    if (weight.rank() != 4 || weight.dim(1) * group != channels || weight.dim(0) % group != 0)
        fail("weight has shape " + shapeToString(weight.shape()) + " but the input has " + std::to_string(channels)
            + " channels and group = " + std::to_string(group) + " (a 2-D convolution needs (F, C / group, KH, KW))");
    const int64_t f = weight.dim(0), c = weight.dim(1), kh = weight.dim(2), kw = weight.dim(3);
    const std::vector<int64_t> kernelShape = intsAttr("kernel_shape", { kh, kw });
    if (kernelShape != std::vector<int64_t> { kh, kw })
        fail("kernel_shape does not match the weight's shape " + shapeToString(weight.shape()));
    const std::vector<int64_t> strides = intsAttr("strides", { 1, 1 });
    if (strides.size() != 2 || strides[0] <= 0 || strides[1] <= 0)
        fail("strides must be two positive integers");
    const WindowPadding pad = padding(x.shape, { kh, kw }, size2Of(strides), false, false);
    // Both kernels come out as (KH, KW, C, F / C) element order: Conv2D's (KH, KW, C, F), and
    // DepthwiseConv2D's (KH, KW, C, M) since ONNX's output channel o = c * M + m reads channel c.
    const int64_t in = depthwise ? channels : c, per = depthwise ? f / channels : f;
    std::vector<float> kernel(size_t(weight.size()));
    for (int64_t o = 0; o < f; ++o)
        for (int64_t i = 0; i < c; ++i)
            for (int64_t y = 0; y < kh; ++y)
                for (int64_t xx = 0; xx < kw; ++xx) {
                    const int64_t ci = depthwise ? o / per : i, fi = depthwise ? o % per : o;
                    kernel[size_t(((y * kw + xx) * in + ci) * per + fi)] = weight[((o * c + i) * kh + y) * kw + xx];
                }
    std::vector<float> bias(size_t(f), 0.0f);
    if (const std::optional<Tensor> b = constantInput(2, false)) {
        if (b->size() != f)
            fail("bias has shape " + shapeToString(b->shape()) + ", not (" + std::to_string(f) + ")");
        std::copy(b->data(), b->data() + f, bias.begin());
    }
    // Explicit pads go into the layer itself (no ZeroPadding2D copy of the input before it).
    const int source = layerIn(x, true);
    ValueInfo out;
    if (depthwise) {
        auto layer = std::make_unique<DepthwiseConv2D>(Size2 { kh, kw }, per, size2Of(strides), pad.padding, true);
        if (pad.explicitPads)
            layer->setPads(*pad.explicitPads);
        out.layer = append(std::move(layer), { source });
    } else {
        auto layer = std::make_unique<Conv2D>(f, Size2 { kh, kw }, size2Of(strides), pad.padding, true);
        if (pad.explicitPads)
            layer->setPads(*pad.explicitPads);
        out.layer = append(std::move(layer), { source });
    }
    weights_.push_back({ &model_.layer(size_t(out.layer)), { { "kernel", std::move(kernel) }, { "bias", std::move(bias) } } });
    const auto [ah, aw] = windowAxes(x.shape[1], x.shape[2], Size2 { kh, kw }, size2Of(strides), pad.padding, pad.explicitPads);
    out.shape = { f, ah.out, aw.out };
    out.channelsLast = true;
    out.biasWeights = weights_.size() - 1;
    out.biasSize = f;
    setOutput(std::move(out));
}

void Converter::pool(PoolKind kind)
{
    const bool isMax = kind == PoolKind::Max;
    if (isMax)
        onlyAttributes({ "auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads", "storage_order", "strides" });
    else
        onlyAttributes({ "auto_pad", "ceil_mode", "count_include_pad", "kernel_shape", "pads", "strides" });
    ValueInfo& x = activation(0);
    if (x.shape.size() != 3)
        fail(std::string(isMax ? "MaxPool" : "AveragePool") + " needs an (N, C, H, W) input, got per-sample shape "
            + shapeToString(x.shape));
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
    // The engine's 'same' average leaves padded positions out (count_include_pad = 0); with 1
    // they count, so the zeros are padded explicitly.
    const bool countsPadding = !isMax && intAttr("count_include_pad", 0) != 0;
    const WindowPadding pad = padding(x.shape, size2Of(kernel), size2Of(strides), intAttr("ceil_mode", 0) != 0, countsPadding);
    Shape shape = x.shape;
    // Max pooling pads with the lowest float so that a padded position never wins.
    const float fill = isMax ? std::numeric_limits<float>::lowest() : 0.0f;
    const int source = padBefore(layerIn(x, true), pad, shape, fill);
    ValueInfo out;
    out.layer = addLayer<Pooling2D>({ source }, kind, size2Of(kernel), size2Of(strides), pad.padding);
    const WindowAxis ah = windowAxis(shape[1], kernel[0], strides[0], pad.padding);
    const WindowAxis aw = windowAxis(shape[2], kernel[1], strides[1], pad.padding);
    out.shape = { shape[0], ah.out, aw.out };
    out.channelsLast = true;
    if (!isMax && pad.explicitPads) {
        if (std::optional<std::vector<float>> factor
            = averageCorrection(pad.declared, pad.out, x.shape[1], x.shape[2], size2Of(kernel), size2Of(strides), countsPadding)) {
            out.layer = append(std::make_unique<ConstantMerge>(MergeKind::Multiply, Shape { ah.out, aw.out, 1 }), { out.layer },
                model_.layer(size_t(out.layer)).name() + "_divisor");
            weights_.push_back({ &model_.layer(size_t(out.layer)), { { "constant", std::move(*factor) } } });
        }
    }
    setOutput(std::move(out));
}

// Pad of images with a constant on height and width (torch.onnx writes AvgPool2d's padding with
// count_include_pad as Pad + AveragePool).
void Converter::pad()
{
    onlyAttributes({ "mode", "pads", "value" });
    ValueInfo& x = activation(0);
    if (stringAttr("mode", "constant") != "constant")
        fail("mode = '" + stringAttr("mode", "constant") + "' is not supported (only constant)");
    if (hasInput(3))
        fail("the axes input is not supported");
    const std::vector<int64_t> pads = graph_.opset < 11 ? intsAttr("pads", {}) : constantInts(1, "pads");
    float fill = floatAttr("value", 0.0f);
    if (graph_.opset >= 11)
        if (const std::optional<Tensor> v = constantInput(2, false)) {
            if (v->size() != 1)
                fail("constant_value is not one number");
            fill = (*v)[0];
        }
    if (x.shape.size() != 3 || pads.size() != 8)
        fail("only (N, C, H, W) inputs and 8 pads are supported, got per-sample shape " + shapeToString(x.shape)
            + " and " + std::to_string(pads.size()) + " pads");
    if (std::any_of(pads.begin(), pads.end(), [](int64_t v) { return v < 0 || v > (1 << 20); }))
        fail("pads are negative (cropping is not supported) or too large");
    if (pads[0] || pads[1] || pads[4] || pads[5])
        fail("padding the batch or channel axis is not supported");
    WindowPadding p;
    p.explicitPads = Padding2D { pads[2], pads[6], pads[3], pads[7] }; // ONNX: begins, then ends
    if (*p.explicitPads == Padding2D {}) {
        const ValueInfo copy = x;
        setOutput(copy);
        return;
    }
    ValueInfo out;
    out.shape = x.shape;
    out.layer = padBefore(layerIn(x, true), p, out.shape, fill);
    out.channelsLast = true;
    setOutput(std::move(out));
}

void Converter::globalAveragePool()
{
    onlyAttributes({});
    ValueInfo& x = activation(0);
    if (x.shape.size() != 3)
        fail("GlobalAveragePool needs an (N, C, H, W) input, got per-sample shape " + shapeToString(x.shape));
    ValueInfo out = unary<GlobalAveragePooling2D>(x, true, true);
    out.shape = { x.shape[0], 1, 1 };
    setOutput(std::move(out));
}

void Converter::batchNorm()
{
    onlyAttributes({ "epsilon", "momentum", "training_mode", "spatial" });
    if (intAttr("training_mode", 0) != 0)
        fail("training_mode = 1 is not supported (inference only)");
    if (intAttr("spatial", 1) != 1)
        fail("spatial = 0 is not supported");
    ValueInfo& x = activation(0);
    if (x.shape.size() != 3 && x.shape.size() != 1)
        fail("needs an (N, C) or (N, C, H, W) input, got per-sample shape " + shapeToString(x.shape));
    const int64_t c = x.shape[0];
    std::map<std::string, std::vector<float>> values;
    const char* names[] = { "gamma", "beta", "moving_mean", "moving_variance" }; // ONNX: scale, B, mean, var
    for (size_t i = 0; i < 4; ++i) {
        const Tensor t = *constantInput(i + 1, true);
        if (t.size() != c)
            fail("input " + std::to_string(i + 1) + " has shape " + shapeToString(t.shape()) + ", not ("
                + std::to_string(c) + ")");
        values[names[i]] = std::vector<float>(t.data(), t.data() + c);
    }
    // Normalise over channels: the engine's last axis, so images go channels-last.
    ValueInfo out = unary<BatchNormalization>(x, true, 0.9f, floatAttr("epsilon", 1e-5f));
    weights_.push_back({ &model_.layer(size_t(out.layer)), std::move(values) });
    setOutput(std::move(out));
}

void Converter::flatten()
{
    onlyAttributes({ "axis" });
    if (intAttr("axis", 1) != 1)
        fail("axis = " + std::to_string(intAttr("axis", 1)) + " is not supported (only 1: keep the batch axis)");
    ValueInfo& x = activation(0);
    ValueInfo out = unary<Flatten>(x, false); // ONNX flattens (C, H, W) in that order
    out.shape = { shapeNumel(x.shape) };
    out.channelsLast = false;
    setOutput(std::move(out));
}

void Converter::reshape()
{
    onlyAttributes({ "allowzero" });
    ValueInfo& x = activationAnyLayout(0);
    const Folded target = foldedInput(1);
    // The batch kept as the first axis of a batch-first value is a reshape of each sample;
    // anything else moves or merges the batch (reshapeAnyLayout).
    bool perSample = x.batchFirst();
    for (size_t i = 0; i < target.v.size(); ++i)
        perSample = perSample && (!target.batchAt(i) || (i == 0 && target.v[i] == 1.0));
    if (!perSample) {
        reshapeAnyLayout(target);
        return;
    }
    if (target.dims.size() != 1 || target.v.empty())
        fail("the shape input has shape " + shapeToString(target.dims) + ", not a list of sizes");
    const bool allowZero = intAttr("allowzero", 0) != 0;
    Shape sizes;
    for (size_t i = 0; i < target.v.size(); ++i) {
        if (target.batchAt(i)) {
            if (i != 0)
                fail("the batch size at index " + std::to_string(i) + " of the shape moves the batch axis");
            sizes.push_back(0); // the batch, kept
            continue;
        }
        const double v = target.v[i];
        if (v != std::floor(v) || v < -1 || v > double(1 << 24))
            fail("the shape " + std::to_string(v) + " at index " + std::to_string(i) + " is not a size");
        sizes.push_back(int64_t(v));
    }
    // The batch axis: kept (0 or the batch size), inferred (-1, when the rest is fixed) or the
    // input's fixed batch.
    const int64_t first = sizes[0];
    const bool batchKept = target.batchAt(0) || (first == 0 && !allowZero);
    Shape rest(sizes.begin() + 1, sizes.end());
    for (size_t i = 0; i < rest.size(); ++i)
        if (rest[i] == 0 && !allowZero) {
            if (i >= x.shape.size())
                fail("shape entry 0 at index " + std::to_string(i + 1) + " copies an axis the input does not have");
            rest[i] = x.shape[i];
        }
    const bool restFixed = std::all_of(rest.begin(), rest.end(), [](int64_t d) { return d > 0; });
    const bool keepsBatch = batchKept || (first == -1 && restFixed && shapeNumel(rest) == shapeNumel(x.shape))
        || (first > 0 && first == batch_);
    if (!keepsBatch)
        fail("the shape " + shapeToString(sizes) + " does not keep the batch axis first; only reshapes of each "
            "sample are supported");
    ValueInfo out = unary<Reshape>(x, false, rest); // ONNX reshapes the (C, H, W) order
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
        rest[size_t(inferred)] = known == 0 ? 0 : shapeNumel(x.shape) / known;
    out.shape = rest;
    out.channelsLast = false;
    setOutput(std::move(out));
}

} // namespace ws::onnx_model
