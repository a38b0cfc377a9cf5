// SPDX-License-Identifier: GPL-3.0-or-later
// Shape arithmetic evaluated at load time (io/OnnxConverter.h): torch.onnx.export writes
// `x.view(x.size(0), -1)` as Shape -> Gather -> Unsqueeze -> Concat -> Reshape, and integer
// arithmetic (Div, Mod, Cast, Where, ...) around sizes, and the constant parts of attention
// masks (Range, Greater, Or, ...). These run here on constants and on the
// known shapes of activations, following the ONNX operator definitions (opset 1-21), so that the
// engine only sees the Reshape with its final sizes. The batch size is unknown: Shape marks the
// elements that stand for it, and arithmetic on a marked element is refused naming the node.
#include "io/OnnxConverter.h"

#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ws::onnx_model {

namespace {

// Folded tensors never get larger than this (a hostile ConstantOfShape could ask for 10^12).
constexpr int64_t kMaxFolded = int64_t(1) << 22;

bool isFloatType(int64_t onnxType) { return onnxType == 1 || onnxType == 10 || onnxType == 11 || onnxType == 16; }

// Normalises an axis of a rank-`rank` tensor (negative counts from the end); -1 when outside.
int64_t normAxis(int64_t axis, int64_t rank)
{
    if (axis < -rank || axis >= rank)
        return -1;
    return axis < 0 ? axis + rank : axis;
}

} // namespace

Folded Converter::foldedInput(size_t i)
{
    ValueInfo& v = input(i);
    if (!v.constant)
        fail("input " + std::to_string(i) + " '" + node_->inputs[i] + "' is not known at load time");
    if (v.constant->batchStandIn)
        fail("input " + std::to_string(i) + " '" + node_->inputs[i]
            + "' has a size that depends on the batch size, which is only known when the model runs");
    return *v.constant;
}

std::vector<int64_t> Converter::constantInts(size_t i, const char* what)
{
    std::vector<int64_t> out;
    const Folded f = foldedInput(i);
    if (f.anyBatch())
        fail(std::string(what) + " that depend on the batch size are not supported");
    for (double d : f.v) // int64 bounds like INT64_MAX arrive as large doubles: clamp first
        out.push_back(d >= 9.2e18 ? std::numeric_limits<int64_t>::max()
                : d <= -9.2e18    ? std::numeric_limits<int64_t>::min()
                                  : int64_t(d));
    return out;
}

int64_t clampSliceIndex(int64_t i, int64_t size, int64_t step)
{
    if (i < 0)
        i = i < -size ? -1 : i + size;
    return step > 0 ? std::clamp(i, int64_t(0), size) : std::clamp(i, int64_t(-1), size - 1);
}

bool Converter::tryFold()
{
    const OnnxNode& n = *node_;
    const std::string& op = n.opType;
    static const std::set<std::string> foldable = { "Add", "And", "Cast", "Concat", "Constant", "ConstantOfShape", "Div",
        "Equal", "Gather", "Greater", "Identity", "Less", "Mod", "Mul", "Not", "Or", "Range", "Shape", "Slice",
        "Squeeze", "Sub", "Unsqueeze", "Where" };
    if (!foldable.count(op))
        return false;
    if (op == "Constant") {
        if (!constants_(n.outputs.empty() ? std::string() : n.outputs[0]))
            fail("its value is not a tensor of numbers (value, value_float(s) or value_int(s))");
        value(n.outputs[0]); // reads it through the constant source
        return true;
    }
    if (op == "Shape") {
        onlyAttributes({ "start", "end" });
        const ValueInfo& x = input(0);
        Folded f;
        if (x.constant && x.constant->batchStandIn)
            foldedInput(0); // refuses: its shape is not known
        if (x.constant) {
            for (int64_t d : x.constant->dims)
                f.v.push_back(double(d));
        } else {
            // A marked element holds the factor the batch size is multiplied by (the batch
            // axis may be merged with others: ValueInfo::batchAxis).
            const Shape dims = x.onnxDims();
            f.isBatch.assign(dims.size(), 0);
            for (size_t k = 0; k < dims.size(); ++k)
                f.v.push_back(double(dims[k]));
            if (batch_ < 0)
                f.isBatch[size_t(x.batchAxis)] = 1;
            else
                f.v[size_t(x.batchAxis)] *= double(batch_);
        }
        // Since opset 15: a slice [start, end) of the shape, clamped.
        const int64_t rank = int64_t(f.v.size());
        auto clampAxis = [&](int64_t a) { return std::clamp(a < 0 ? a + rank : a, int64_t(0), rank); };
        const int64_t start = clampAxis(intAttr("start", 0)), end = std::max(start, clampAxis(intAttr("end", rank)));
        f.v = std::vector<double>(f.v.begin() + start, f.v.begin() + end);
        if (!f.isBatch.empty())
            f.isBatch = std::vector<char>(f.isBatch.begin() + start, f.isBatch.begin() + end);
        f.dims = { end - start };
        f.integer = true;
        setOutputConstant(std::move(f));
        return true;
    }
    // Everything else folds only when every input is known.
    for (size_t i = 0; i < n.inputs.size(); ++i)
        if (hasInput(i) && !isConstant(i))
            return false;

    if (op == "Identity") {
        setOutputConstant(foldedInput(0));
        return true;
    }
    if (op == "Cast") {
        onlyAttributes({ "to", "saturate" });
        Folded f = foldedInput(0);
        const int64_t to = intAttr("to", 1);
        f.integer = !isFloatType(to);
        if (f.integer)
            for (size_t i = 0; i < f.v.size(); ++i)
                f.v[i] = to == 9 ? double(f.v[i] != 0.0) : std::trunc(f.v[i]); // 9: BOOL
        setOutputConstant(std::move(f));
        return true;
    }
    if (op == "ConstantOfShape") {
        onlyAttributes({ "value" });
        const Folded shape = foldedInput(0);
        Folded f;
        int64_t count = 1;
        for (size_t k = 0; k < shape.v.size(); ++k) {
            // A batch-sized axis: the value is the same everywhere, so size 1 broadcasts alike.
            const double d = shape.batchAt(k) ? 1.0 : shape.v[k];
            f.batchStandIn = f.batchStandIn || shape.batchAt(k);
            if (d < 0 || d > double(kMaxFolded) || count * int64_t(d) > kMaxFolded)
                fail("the shape " + std::to_string(d) + " is negative or too large to fold");
            f.dims.push_back(int64_t(d));
            count *= int64_t(d);
        }
        double fill = 0.0;
        f.integer = false;
        if (const auto it = node_->attributes.find("value"); it != node_->attributes.end()) {
            const auto& t = (*it)["tensor"];
            if (!t.is_object() || !t.contains("values") || t["values"].size() != 1)
                fail("attribute 'value' must be a tensor of one number");
            fill = t["values"][0].get<double>();
            f.integer = t.value("dtype", std::string("FLOAT")) != "FLOAT" && t.value("dtype", std::string()) != "DOUBLE";
        }
        f.v.assign(size_t(count), fill);
        setOutputConstant(std::move(f));
        return true;
    }
    if (op == "Range") {
        const Folded start = foldedInput(0), limit = foldedInput(1), delta = foldedInput(2);
        if (start.v.size() != 1 || limit.v.size() != 1 || delta.v.size() != 1)
            fail("start, limit and delta must be scalars");
        if (start.anyBatch() || limit.anyBatch() || delta.anyBatch())
            fail("a range whose length depends on the batch size is not supported");
        const double s = start.v[0], l = limit.v[0], d = delta.v[0];
        const double count = d == 0.0 ? -1.0 : std::ceil((l - s) / d);
        if (!(count <= double(kMaxFolded)))
            fail("the range is empty-stepped or too long to fold");
        Folded f;
        f.integer = start.integer;
        for (int64_t i = 0; i < int64_t(std::max(count, 0.0)); ++i)
            f.v.push_back(s + double(i) * d);
        f.dims = { int64_t(f.v.size()) };
        setOutputConstant(std::move(f));
        return true;
    }
    if (op == "Unsqueeze" || op == "Squeeze") {
        Folded f = foldedInput(0);
        std::vector<int64_t> axes;
        if (hasInput(1)) {
            for (double a : foldedInput(1).v)
                axes.push_back(int64_t(a));
        } else {
            axes = intsAttr("axes", {});
        }
        if (op == "Unsqueeze") {
            const int64_t rank = int64_t(f.dims.size() + axes.size());
            std::vector<char> inserted(size_t(rank), 0);
            for (int64_t a : axes) {
                const int64_t k = normAxis(a, rank);
                if (k < 0 || inserted[size_t(k)])
                    fail("axis " + std::to_string(a) + " is outside the result or repeated");
                inserted[size_t(k)] = 1;
            }
            Shape dims;
            size_t next = 0;
            for (int64_t k = 0; k < rank; ++k)
                dims.push_back(inserted[size_t(k)] ? 1 : f.dims[next++]);
            f.dims = dims;
        } else {
            const int64_t rank = int64_t(f.dims.size());
            std::vector<char> removed(size_t(rank), 0);
            for (int64_t a : axes) {
                const int64_t k = normAxis(a, rank);
                if (k < 0 || f.dims[size_t(k)] != 1)
                    fail("axis " + std::to_string(a) + " is not an axis of size 1");
                removed[size_t(k)] = 1;
            }
            Shape dims;
            for (int64_t k = 0; k < rank; ++k)
                if (!(axes.empty() ? f.dims[size_t(k)] == 1 : removed[size_t(k)]))
                    dims.push_back(f.dims[size_t(k)]);
            f.dims = dims;
        }
        setOutputConstant(std::move(f));
        return true;
    }
    if (op == "Gather") {
        onlyAttributes({ "axis" });
        const Folded data = foldedInput(0), idx = foldedInput(1);
        const int64_t rank = int64_t(data.dims.size());
        const int64_t axis = normAxis(intAttr("axis", 0), rank);
        if (axis < 0)
            fail("axis is outside the data's " + std::to_string(rank) + " axes");
        int64_t outer = 1, inner = 1;
        for (int64_t k = 0; k < axis; ++k)
            outer *= data.dims[size_t(k)];
        for (int64_t k = axis + 1; k < rank; ++k)
            inner *= data.dims[size_t(k)];
        const int64_t size = data.dims[size_t(axis)];
        Folded f;
        f.integer = data.integer;
        f.dims.assign(data.dims.begin(), data.dims.begin() + axis);
        f.dims.insert(f.dims.end(), idx.dims.begin(), idx.dims.end());
        f.dims.insert(f.dims.end(), data.dims.begin() + axis + 1, data.dims.end());
        for (int64_t o = 0; o < outer; ++o)
            for (size_t j = 0; j < idx.v.size(); ++j) {
                if (idx.batchAt(j))
                    fail("an index that depends on the batch size is not supported");
                int64_t k = int64_t(idx.v[j]);
                if (k < -size || k >= size)
                    fail("index " + std::to_string(k) + " is outside an axis of size " + std::to_string(size));
                if (k < 0)
                    k += size;
                for (int64_t i = 0; i < inner; ++i) {
                    const size_t from = size_t((o * size + k) * inner + i);
                    f.v.push_back(data.v[from]);
                    if (data.batchAt(from))
                        f.isBatch.resize(f.v.size(), 0), f.isBatch.back() = 1;
                }
            }
        f.isBatch.resize(f.isBatch.empty() ? 0 : f.v.size(), 0);
        setOutputConstant(std::move(f));
        return true;
    }
    if (op == "Concat") {
        onlyAttributes({ "axis" });
        std::vector<Folded> parts;
        for (size_t i = 0; i < n.inputs.size(); ++i)
            parts.push_back(foldedInput(i));
        if (parts.empty())
            fail("has no inputs");
        const int64_t rank = int64_t(parts[0].dims.size());
        const int64_t axis = normAxis(intAttr("axis", 0), rank);
        if (axis < 0)
            fail("axis is outside the inputs' " + std::to_string(rank) + " axes");
        Folded f;
        f.dims = parts[0].dims;
        f.dims[size_t(axis)] = 0;
        f.integer = parts[0].integer;
        int64_t outer = 1;
        for (int64_t k = 0; k < axis; ++k)
            outer *= f.dims[size_t(k)];
        for (const Folded& p : parts) {
            if (int64_t(p.dims.size()) != rank)
                fail("inputs of different ranks cannot be joined");
            for (int64_t k = 0; k < rank; ++k)
                if (k != axis && p.dims[size_t(k)] != parts[0].dims[size_t(k)])
                    fail("inputs of shapes " + shapeToString(parts[0].dims) + " and " + shapeToString(p.dims)
                        + " cannot be joined along axis " + std::to_string(axis));
            f.dims[size_t(axis)] += p.dims[size_t(axis)];
        }
        const bool marks = std::any_of(parts.begin(), parts.end(), [](const Folded& p) { return p.anyBatch(); });
        for (int64_t o = 0; o < outer; ++o)
            for (const Folded& p : parts) {
                const int64_t chunk = outer == 0 ? 0 : int64_t(p.v.size()) / outer;
                for (int64_t i = 0; i < chunk; ++i) {
                    f.v.push_back(p.v[size_t(o * chunk + i)]);
                    if (marks)
                        f.isBatch.push_back(p.batchAt(size_t(o * chunk + i)));
                }
            }
        setOutputConstant(std::move(f));
        return true;
    }
    if (op == "Slice") {
        const Folded data = foldedInput(0);
        const int64_t rank = int64_t(data.dims.size());
        std::vector<int64_t> starts, ends, axes, steps;
        auto ints = [&](size_t i) { return constantInts(i, "slice bounds"); };
        if (graph_.opset < 10) {
            starts = intsAttr("starts", {});
            ends = intsAttr("ends", {});
            axes = intsAttr("axes", {});
        } else {
            starts = ints(1);
            ends = ints(2);
            if (hasInput(3))
                axes = ints(3);
            if (hasInput(4))
                steps = ints(4);
        }
        if (axes.empty())
            for (size_t k = 0; k < starts.size(); ++k)
                axes.push_back(int64_t(k));
        if (steps.empty())
            steps.assign(starts.size(), 1);
        if (ends.size() != starts.size() || axes.size() != starts.size() || steps.size() != starts.size())
            fail("starts, ends, axes and steps differ in length");
        std::vector<int64_t> first(size_t(rank), 0), step(size_t(rank), 1);
        Shape dims = data.dims;
        for (size_t k = 0; k < starts.size(); ++k) {
            const int64_t a = normAxis(axes[k], rank);
            if (a < 0 || steps[k] == 0)
                fail("axis " + std::to_string(axes[k]) + " or step 0 is not valid");
            const int64_t size = data.dims[size_t(a)], s = steps[k];
            const int64_t b = clampSliceIndex(starts[k], size, s), e = clampSliceIndex(ends[k], size, s);
            first[size_t(a)] = b;
            step[size_t(a)] = s;
            dims[size_t(a)] = s > 0 ? std::max<int64_t>(0, (e - b + s - 1) / s) : std::max<int64_t>(0, (b - e - s - 1) / -s);
        }
        Folded f;
        f.dims = dims;
        f.integer = data.integer;
        const int64_t count = shapeNumel(dims);
        std::vector<int64_t> index(size_t(rank), 0);
        for (int64_t i = 0; i < count; ++i) {
            int64_t from = 0;
            for (int64_t k = 0; k < rank; ++k)
                from = from * data.dims[size_t(k)] + first[size_t(k)] + index[size_t(k)] * step[size_t(k)];
            f.v.push_back(data.v[size_t(from)]);
            if (data.anyBatch())
                f.isBatch.push_back(data.batchAt(size_t(from)));
            for (int64_t k = rank; k-- > 0;) {
                if (++index[size_t(k)] < dims[size_t(k)])
                    break;
                index[size_t(k)] = 0;
            }
        }
        setOutputConstant(std::move(f));
        return true;
    }

    if (op == "Not") {
        Folded f = foldedInput(0);
        if (f.anyBatch())
            fail("Not of the batch size is not supported");
        for (double& d : f.v)
            d = d == 0.0 ? 1.0 : 0.0;
        f.integer = true;
        setOutputConstant(std::move(f));
        return true;
    }

    // Element-wise with broadcasting: Add, Sub, Mul, Div, Mod, Equal, Less, Greater, And, Or, Where.
    std::vector<Folded> in;
    for (size_t i = 0; i < n.inputs.size(); ++i)
        in.push_back(foldedInput(i));
    const size_t arity = op == "Where" ? 3 : 2;
    if (in.size() != arity)
        fail("needs " + std::to_string(arity) + " inputs");
    onlyAttributes({ "fmod" });
    std::vector<Shape> shapes;
    for (const Folded& f : in)
        shapes.push_back(f.dims);
    Shape outDims;
    try {
        outDims = broadcastShapes(shapes);
    } catch (const ShapeError& e) {
        fail(e.what());
    }
    const int64_t count = shapeNumel(outDims);
    if (count > kMaxFolded)
        fail("the result is too large to fold");
    std::vector<std::vector<int32_t>> maps;
    for (const Folded& f : in)
        maps.push_back(broadcastMap(f.dims, outDims));
    Folded out;
    out.dims = outDims;
    const bool logical = op == "Equal" || op == "Less" || op == "Greater" || op == "And" || op == "Or";
    out.integer = logical || (op == "Where" ? in[1].integer : in[0].integer);
    const bool fmod = intAttr("fmod", 0) != 0;
    for (int64_t i = 0; i < count; ++i) {
        auto at = [&](size_t k) { return size_t(maps[k][size_t(i)]); };
        if (op == "Where") {
            if (in[0].batchAt(at(0)))
                fail("a condition that depends on the batch size is not supported");
            const size_t k = in[0].v[at(0)] != 0.0 ? 1 : 2;
            out.v.push_back(in[k].v[at(k)]);
            if (in[k].batchAt(at(k)))
                out.isBatch.resize(size_t(i + 1), 0), out.isBatch.back() = 1;
            continue;
        }
        const bool marked0 = in[0].batchAt(at(0)), marked1 = in[1].batchAt(at(1));
        const double a = in[0].v[at(0)], b = in[1].v[at(1)];
        if (op == "Mul" && marked0 != marked1 && out.integer) {
            // The batch size times a known size (a transformer's N * heads): the factor grows.
            out.v.push_back(a * b);
            out.isBatch.resize(size_t(i + 1), 0);
            out.isBatch.back() = 1;
            continue;
        }
        if (marked0 || marked1)
            fail("arithmetic on the batch size, which is only known when the model runs, is not supported");
        double r = 0.0;
        if (op == "Add")
            r = a + b;
        else if (op == "Sub")
            r = a - b;
        else if (op == "Mul")
            r = a * b;
        else if (op == "Equal")
            r = a == b ? 1.0 : 0.0;
        else if (op == "Less")
            r = a < b ? 1.0 : 0.0;
        else if (op == "Greater")
            r = a > b ? 1.0 : 0.0;
        else if (op == "And")
            r = a != 0.0 && b != 0.0 ? 1.0 : 0.0;
        else if (op == "Or")
            r = a != 0.0 || b != 0.0 ? 1.0 : 0.0;
        else if ((op == "Div" || op == "Mod") && out.integer && b == 0.0)
            fail("integer division by zero");
        else if (op == "Div")
            r = out.integer ? std::trunc(a / b) : a / b;
        else if (fmod || !out.integer) // Mod: fmod's sign follows the dividend; floats need fmod = 1
            r = std::fmod(a, b);
        else // integer Mod: the sign of the divisor, as Python's %
            r = a - b * std::floor(a / b);
        out.v.push_back(r);
    }
    if (!out.isBatch.empty())
        out.isBatch.resize(out.v.size(), 0);
    setOutputConstant(std::move(out));
    return true;
}

} // namespace ws::onnx_model
