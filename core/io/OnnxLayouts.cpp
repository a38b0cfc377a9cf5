// SPDX-License-Identifier: GPL-3.0-or-later
// The ONNX converter's operators that follow the batch wherever it is (io/OnnxConverter.h,
// ValueInfo::batchAxis): torch.onnx exports nn.MultiheadAttention as Transpose to (T, N, E),
// Reshape to (T, N * H, E / H), Transpose to (N * H, T, E / H), batched MatMul, Softmax, and the
// way back through (T * N, E). Each of these is a per-sample operation once the batch is taken
// out, which is how the engine (batch always first) runs it: a Transpose that only moves the
// batch is free, a Reshape that keeps everything before and after the batch in place is a
// Reshape of each sample. Also Slice and Split of activations, ReduceMean/ReduceSum, Pow,
// Sqrt, Erf and LayerNormalization (opset 17), which the same graphs need.
#include "io/OnnxConverter.h"

#include "nn/LayerNormalization.h"
#include "nn/Permute.h"
#include "nn/Reshape.h"
#include "nn/TensorOps.h"
#include "util/Error.h"

#include <algorithm>
#include <numeric>
#include <string>

namespace ws::onnx_model {

namespace {

int64_t product(const Shape& dims, size_t from, size_t to)
{
    int64_t p = 1;
    for (size_t k = from; k < to; ++k)
        p *= dims[k];
    return p;
}

// The engine shape of an ONNX shape whose axis `at` holds outer x N x inner (ValueInfo::shape).
Shape engineShapeOf(const Shape& onnx, size_t at, int64_t outer, int64_t inner)
{
    Shape s(onnx.begin(), onnx.begin() + int64_t(at));
    if (outer > 1)
        s.push_back(outer);
    if (inner > 1)
        s.push_back(inner);
    s.insert(s.end(), onnx.begin() + int64_t(at) + 1, onnx.end());
    return s;
}

} // namespace

// The target holds the batch (a marked element: ValueInfo::batchAxis) once, times a factor.
// The data of one sample stays in place when the axes before the batch hold as many elements
// as before (what is left becomes the batch's outer factor) and so do the axes after it.
void Converter::reshapeAnyLayout(const Folded& target)
{
    ValueInfo& x = activationAnyLayout(0);
    const bool allowZero = intAttr("allowzero", 0) != 0;
    const Shape in = x.onnxDims();
    const size_t p = size_t(x.batchAxis);
    if (target.dims.size() != 1 || target.v.empty())
        fail("the shape input has shape " + shapeToString(target.dims) + ", not a list of sizes");
    Shape sizes;
    std::optional<size_t> q;
    int64_t factor = 1;
    for (size_t i = 0; i < target.v.size(); ++i) {
        double v = target.v[i];
        bool batch = target.batchAt(i);
        if (!batch && v == 0.0 && !allowZero) { // 0 copies the input's axis
            if (i >= in.size())
                fail("shape entry 0 at index " + std::to_string(i) + " copies an axis the input does not have");
            batch = i == p;
            v = double(in[i]);
        }
        if (batch) {
            if (q)
                fail("the shape holds the batch size twice");
            q = i;
            factor = int64_t(v);
            sizes.push_back(factor);
            continue;
        }
        if (v != std::floor(v) || v < -1 || v > double(1 << 24) || v == 0.0)
            fail("the shape " + std::to_string(v) + " at index " + std::to_string(i) + " is not a size");
        sizes.push_back(int64_t(v));
    }
    const int64_t before = product(in, 0, p) * x.batchOuter;
    const int64_t after = x.batchInner * product(in, p + 1, in.size());
    // The batch at index `at` of the target, `times` the batch size: the outer and inner factors
    // and the target with its -1 resolved, or why it cannot be.
    struct Placed {
        int64_t outer = 1, inner = 1;
        Shape sizes;
        std::string why;
    };
    const auto place = [&](size_t at, int64_t times) {
        Placed r;
        r.sizes = sizes;
        r.sizes[at] = times;
        const auto minus = std::find(r.sizes.begin(), r.sizes.end(), int64_t(-1));
        const int64_t prefix = product(r.sizes, 0, at);
        if (minus != r.sizes.end() && size_t(minus - r.sizes.begin()) < at)
            r.why = "has a -1 before the batch axis";
        else if (before % prefix != 0 || times % (before / prefix) != 0)
            r.why = "mixes the batch with the axes before it";
        if (!r.why.empty())
            return r;
        r.outer = before / prefix;
        r.inner = times / r.outer;
        int64_t known = r.inner;
        for (size_t i = at + 1; i < r.sizes.size(); ++i)
            known *= r.sizes[i] == -1 ? 1 : r.sizes[i];
        if (minus != r.sizes.end() && after % known == 0)
            *minus = after / known;
        else if (minus != r.sizes.end() || known != after)
            r.why = "mixes the batch with the axes after it";
        return r;
    };
    if (!q && batch_ > 1) {
        // A fixed batch size gives plain numbers: the batch is where exactly one entry, a
        // multiple of it, keeps each sample's data together.
        std::vector<size_t> fits;
        for (size_t i = 0; i < sizes.size(); ++i)
            if (sizes[i] > 0 && sizes[i] % batch_ == 0 && place(i, sizes[i] / batch_).why.empty())
                fits.push_back(i);
        if (fits.size() > 1)
            fail("the shape " + shapeToString(sizes) + " could hold the batch of " + std::to_string(batch_)
                + " in more than one place");
        if (fits.size() == 1) {
            q = fits[0];
            factor = sizes[*q] / batch_;
        }
    }
    if (!q)
        fail("the shape " + shapeToString(sizes) + " does not say where the batch goes");
    const Placed placed = place(*q, factor);
    if (!placed.why.empty())
        fail("the shape " + shapeToString(sizes) + " " + placed.why);
    sizes = placed.sizes;
    const int64_t outer = placed.outer, inner = placed.inner;
    ValueInfo out;
    out.batchAxis = int(*q);
    out.batchOuter = outer;
    out.batchInner = inner;
    out.shape = engineShapeOf(sizes, *q, outer, inner);
    if (out.shape.empty())
        fail("the result would have no axes besides the batch; not supported");
    const int source = layerIn(x, false);
    out.layer = out.shape == x.shape && !x.channelsLast ? source : addLayer<Reshape>({ source }, out.shape);
    setOutput(std::move(out));
}

void Converter::transpose()
{
    onlyAttributes({ "perm" });
    ValueInfo& x = activationAnyLayout(0);
    const Shape dims = x.onnxDims();
    const int64_t rank = int64_t(dims.size());
    std::vector<int64_t> reversed(static_cast<size_t>(rank));
    std::iota(reversed.rbegin(), reversed.rend(), int64_t(0));
    const std::vector<int64_t> perm = intsAttr("perm", reversed);
    std::vector<char> seen(size_t(rank), 0);
    if (int64_t(perm.size()) != rank)
        fail("perm has " + std::to_string(perm.size()) + " entries but the input has " + std::to_string(rank) + " axes");
    for (int64_t a : perm) {
        if (a < 0 || a >= rank || seen[size_t(a)])
            fail("perm is not a permutation of the input's " + std::to_string(rank) + " axes");
        seen[size_t(a)] = 1;
    }
    // The engine axes in their new order: the batch's outer and inner axes move with it.
    const int merged = int(x.batchOuter > 1) + int(x.batchInner > 1);
    std::vector<int> order;
    ValueInfo out;
    out.batchOuter = x.batchOuter;
    out.batchInner = x.batchInner;
    for (int64_t j = 0; j < rank; ++j) {
        if (perm[size_t(j)] == x.batchAxis) {
            out.batchAxis = int(j);
            for (int m = 0; m < merged; ++m)
                order.push_back(x.batchAxis + m);
        } else {
            order.push_back(x.engineAxis(perm[size_t(j)]));
        }
    }
    const int source = layerIn(x, false);
    bool identity = true;
    for (size_t i = 0; i < order.size(); ++i) {
        identity = identity && order[i] == int(i);
        out.shape.push_back(x.shape[size_t(order[i])]);
    }
    if (identity) {
        out.layer = source;
    } else {
        std::vector<int> oneBased;
        for (int a : order)
            oneBased.push_back(a + 1);
        out.layer = addLayer<Permute>({ source }, oneBased);
    }
    setOutput(std::move(out));
}

ValueInfo Converter::sliceOf(ValueInfo& x, int64_t axis, int64_t start, int64_t end, const std::string& name)
{
    const int engine = engineAxisOf(x, axis, "axis");
    if (end <= start)
        fail("the slice [" + std::to_string(start) + ", " + std::to_string(end) + ") of axis " + std::to_string(axis)
            + " is empty; empty tensors are not supported");
    ValueInfo out;
    out.copyLayout(x);
    out.layer = append(std::make_unique<Slice>(engine, start, end), { layerIn(x, false) }, name);
    out.shape = x.shape;
    out.shape[size_t(engine)] = end - start;
    return out;
}

void Converter::slice()
{
    onlyAttributes({});
    if (graph_.opset < 10)
        fail("Slice before opset 10 (starts/ends as attributes) is only supported on constants");
    ValueInfo x = activationAnyLayout(0);
    const std::vector<int64_t> starts = constantInts(1, "slice bounds"), ends = constantInts(2, "slice bounds");
    std::vector<int64_t> axes = hasInput(3) ? constantInts(3, "slice axes") : std::vector<int64_t>();
    const std::vector<int64_t> steps = hasInput(4) ? constantInts(4, "slice steps") : std::vector<int64_t>();
    if (axes.empty())
        for (size_t k = 0; k < starts.size(); ++k)
            axes.push_back(int64_t(k));
    if (ends.size() != starts.size() || axes.size() != starts.size() || (!steps.empty() && steps.size() != starts.size()))
        fail("starts, ends, axes and steps differ in length");
    if (std::any_of(steps.begin(), steps.end(), [](int64_t s) { return s != 1; }))
        fail("steps other than 1 are not supported on values computed from the model input");
    const std::string base = node_->name.empty() ? "node_" + std::to_string(index_) : node_->name;
    for (size_t k = 0; k < starts.size(); ++k) {
        const Shape dims = x.onnxDims();
        const int engine = engineAxisOf(x, axes[k], "axis");
        const int64_t size = x.shape[size_t(engine)];
        const int64_t b = clampSliceIndex(starts[k], size, 1), e = clampSliceIndex(ends[k], size, 1);
        if (b == 0 && e == size)
            continue; // the whole axis
        x = sliceOf(x, axes[k] < 0 ? axes[k] + int64_t(dims.size()) : axes[k], b, e, base);
    }
    setOutput(std::move(x));
}

// Split: one Slice layer per output (the converter's values have one producer each).
void Converter::split()
{
    onlyAttributes({ "axis", "split", "num_outputs" });
    ValueInfo& x = activationAnyLayout(0);
    const int64_t rank = int64_t(x.onnxDims().size());
    int64_t axis = intAttr("axis", 0);
    const int engine = engineAxisOf(x, axis, "axis");
    if (axis < 0)
        axis += rank;
    const int64_t size = x.shape[size_t(engine)];
    const size_t outputs = node_->outputs.size();
    std::vector<int64_t> parts = hasInput(1) ? constantInts(1, "split sizes") : intsAttr("split", {});
    if (parts.empty()) { // equal parts, the last one smaller (opset 18's num_outputs)
        const int64_t count = intAttr("num_outputs", int64_t(outputs));
        if (count <= 0 || size_t(count) != outputs)
            fail("num_outputs = " + std::to_string(count) + " but the node has " + std::to_string(outputs) + " outputs");
        const int64_t chunk = (size + count - 1) / count;
        for (int64_t k = 0, left = size; k < count; ++k, left -= chunk)
            parts.push_back(std::max<int64_t>(0, std::min(chunk, left)));
    }
    if (parts.size() != outputs)
        fail("split has " + std::to_string(parts.size()) + " sizes but the node has " + std::to_string(outputs)
            + " outputs");
    int64_t sum = 0;
    for (int64_t v : parts) {
        if (v <= 0 || v > size)
            fail("split size " + std::to_string(v) + " is not a positive size within the axis of " + std::to_string(size));
        sum += v;
    }
    if (sum != size)
        fail("the split sizes add up to " + std::to_string(sum) + ", not the axis size " + std::to_string(size));
    int64_t start = 0;
    for (size_t o = 0; o < outputs; ++o) {
        const std::string& name = node_->outputs[o];
        if (!name.empty() && uses_.count(name)) {
            ValueInfo part = sliceOf(x, axis, start, start + parts[o], name);
            names_[name] = infos_.size();
            infos_.push_back(std::move(part));
        }
        start += parts[o];
    }
}

void Converter::reduce()
{
    onlyAttributes({ "axes", "keepdims", "noop_with_empty_axes" });
    ValueInfo& x = activationAnyLayout(0);
    const Shape dims = x.onnxDims();
    const int64_t rank = int64_t(dims.size());
    // Opset 18 (ReduceMean) and 13 (ReduceSum) moved axes to an input.
    std::vector<int64_t> axes = hasInput(1) ? constantInts(1, "axes") : intsAttr("axes", {});
    if (axes.empty()) {
        if (intAttr("noop_with_empty_axes", 0) != 0) {
            const ValueInfo copy = x;
            setOutput(copy);
            return;
        }
        fail("reducing every axis, the batch included, is not supported");
    }
    const bool keep = intAttr("keepdims", 1) != 0;
    std::vector<int64_t> onnxAxes;
    for (int64_t a : axes) {
        engineAxisOf(x, a, "axis"); // refuses the batch axis and axes outside
        onnxAxes.push_back(a < 0 ? a + rank : a);
    }
    std::sort(onnxAxes.begin(), onnxAxes.end());
    if (std::adjacent_find(onnxAxes.begin(), onnxAxes.end()) != onnxAxes.end())
        fail("axes names an axis twice");
    ValueInfo out;
    out.copyLayout(x);
    out.layer = layerIn(x, false);
    out.shape = x.shape;
    // Last axis first, so that the engine axes of the others stay put when an axis goes.
    for (auto it = onnxAxes.rbegin(); it != onnxAxes.rend(); ++it) {
        const int engine = x.engineAxis(*it);
        out.layer = addLayer<Reduce>({ out.layer }, node_->opType == "ReduceMean", engine, keep);
        if (keep)
            out.shape[size_t(engine)] = 1;
        else
            out.shape.erase(out.shape.begin() + engine);
        if (!keep && *it < x.batchAxis)
            --out.batchAxis;
    }
    if (out.shape.empty())
        fail("the result would have no axes besides the batch; not supported");
    setOutput(std::move(out));
}

void Converter::elementwise()
{
    onlyAttributes({});
    ValueInfo& x = activationAnyLayout(0);
    float exponent = 0.5f; // Sqrt
    if (node_->opType == "Pow") {
        const Tensor e = *constantInput(1, true);
        if (e.size() != 1)
            fail("the exponent has shape " + shapeToString(e.shape()) + "; only one number is supported");
        exponent = e[0];
    }
    const Elementwise::Kind kind = node_->opType == "Erf" ? Elementwise::Kind::Erf : Elementwise::Kind::Power;
    setOutput(unary<Elementwise>(x, x.channelsLast, kind, exponent));
}

// LayerNormalization (opset 17) over the last axis, which is what the engine layer normalises.
void Converter::layerNorm()
{
    onlyAttributes({ "axis", "epsilon", "stash_type" });
    ValueInfo& x = activationAnyLayout(0);
    const int64_t rank = int64_t(x.onnxDims().size());
    const int64_t axis = intAttr("axis", -1);
    if (engineAxisOf(x, axis, "axis") != int(x.shape.size()) - 1 || (axis != -1 && axis != rank - 1))
        fail("normalising from axis " + std::to_string(axis) + " is not supported (only the last axis)");
    const int64_t c = x.shape.back();
    std::map<std::string, std::vector<float>> values;
    for (size_t i : { size_t(1), size_t(2) }) {
        const std::optional<Tensor> t = constantInput(i, i == 1);
        if (t && t->size() != c)
            fail("input " + std::to_string(i) + " has shape " + shapeToString(t->shape()) + ", not (" + std::to_string(c) + ")");
        values[i == 1 ? "gamma" : "beta"] = t ? std::vector<float>(t->data(), t->data() + c) : std::vector<float>(size_t(c), 0.0f);
    }
    ValueInfo out = unary<LayerNormalization>(x, false, floatAttr("epsilon", 1e-5f));
    weights_.push_back({ &model_.layer(size_t(out.layer)), std::move(values) });
    setOutput(std::move(out));
}

} // namespace ws::onnx_model
