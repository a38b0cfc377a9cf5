// SPDX-License-Identifier: GPL-3.0-or-later
// Attention masks in the ONNX converter (io/OnnxConverter.h). torch.onnx writes a padding mask
// (src_key_padding_mask) and a causal mask as comparisons (Equal, Less, Greater), Not, And/Or,
// Cast to and from bool, Expand over the heads and Where(mask, -inf, 0); GPT-style blocks write
// masked_fill(bias == 0, -inf) as Where(constant, -inf, scores). What only depends on constants
// and shapes is folded (OnnxFolding.cpp); what depends on the input becomes engine layers here:
// comparisons are Merge/ConstantMerge of kind Equal/Less/Greater giving 1 or 0, And/Or are
// Minimum/Maximum of those, Not is Equal to 0, Where is the Where layer (nn/Where.h), Expand the
// Expand layer (nn/TensorOps.h). Operator semantics: https://onnx.ai/onnx/operators/.
#include "io/OnnxConverter.h"

#include "nn/ConstantMerge.h"
#include "nn/TensorOps.h"
#include "nn/Where.h"

namespace ws::onnx_model {

namespace {

constexpr int64_t kOnnxFloat = 1, kOnnxBool = 9, kOnnxDouble = 11;

} // namespace

void Converter::requireSameBatchLayout(const ValueInfo& a, const ValueInfo& b)
{
    // Per-sample broadcasting equals ONNX's only when both hold the batch on the same axis: a
    // lower-rank operand would put its batch against another axis.
    if (a.batchAxis != b.batchAxis || a.batchOuter != b.batchOuter || a.batchInner != b.batchInner
        || a.onnxDims().size() != b.onnxDims().size())
        fail("the inputs hold the batch in different places (per-sample shapes " + shapeToString(a.shape) + " and "
            + shapeToString(b.shape) + ")");
}

Shape Converter::constantPerSample(const ValueInfo& x, Shape dims)
{
    const Shape given = dims;
    const Shape xDims = x.onnxDims();
    if (dims.size() > xDims.size())
        fail("the constant of shape " + shapeToString(given) + " has more axes than the input "
            + shapeToString(xDims) + "; it would move the batch axis");
    dims.insert(dims.begin(), xDims.size() - dims.size(), 1);
    const size_t at = size_t(x.batchAxis);
    if (dims[at] != 1)
        fail("the constant of shape " + shapeToString(given) + " varies along the batch axis");
    dims.erase(dims.begin() + int64_t(at));
    dims.insert(dims.begin() + int64_t(at), size_t(x.batchOuter > 1) + size_t(x.batchInner > 1), 1);
    // Leading axes of size 1 are what NumPy adds anyway; without them a constant of lower rank
    // stays as small as it was.
    while (dims.size() > given.size() && !dims.empty() && dims.front() == 1)
        dims.erase(dims.begin());
    return dims;
}

ValueInfo Converter::expandTo(ValueInfo& x, const Shape& shape)
{
    ValueInfo out;
    out.copyLayout(x);
    out.boolean = x.boolean;
    out.layer = addLayer<Expand>({ layerIn(x, false) }, shape);
    try {
        out.shape = broadcastShapes({ x.shape, shape });
    } catch (const ShapeError& e) {
        fail(e.what());
    }
    return out;
}

// Equal, Less, Greater of activations or an activation and a constant; Not; And, Or.
void Converter::logical()
{
    const std::string& op = node_->opType;
    if (op == "Not") {
        onlyAttributes({});
        ValueInfo& x = activationAnyLayout(0);
        ValueInfo out = unary<ConstantMerge>(x, x.channelsLast, MergeKind::Equal, Shape {}, false);
        weights_.push_back({ &model_.layer(size_t(out.layer)), { { "constant", { 0.0f } } } });
        out.boolean = true;
        setOutput(std::move(out));
        return;
    }
    arithmetic(op == "Equal"  ? MergeKind::Equal
            : op == "Less"    ? MergeKind::Less
            : op == "Greater" ? MergeKind::Greater
            : op == "And"     ? MergeKind::Minimum
                              : MergeKind::Maximum);
    infos_.back().boolean = true;
}

// Cast of an activation: to float (the engine's type) it is the value itself; 0/1 values stay
// what they are in any type; other values cast to bool become x != 0, i.e. Not(Not(x)).
void Converter::castActivation()
{
    onlyAttributes({ "to", "saturate" });
    const int64_t to = intAttr("to", kOnnxFloat);
    ValueInfo& x = activationAnyLayout(0);
    if (to == kOnnxFloat || to == kOnnxDouble || x.boolean) {
        passThrough();
        return;
    }
    if (to != kOnnxBool)
        fail("a cast of values computed from the model input to ONNX type " + std::to_string(to)
            + " is not supported (only to float and bool)");
    ValueInfo isZero = unary<ConstantMerge>(x, x.channelsLast, MergeKind::Equal, Shape {}, false);
    weights_.push_back({ &model_.layer(size_t(isZero.layer)), { { "constant", { 0.0f } } } });
    ValueInfo out = unary<ConstantMerge>(isZero, isZero.channelsLast, MergeKind::Equal, Shape {}, false);
    weights_.push_back({ &model_.layer(size_t(out.layer)), { { "constant", { 0.0f } } } });
    out.boolean = true;
    setOutput(std::move(out));
}

// Expand(x, shape): the shape may hold the batch size (from Shape) on the batch axis only, and
// may not add axes in front of the batch.
void Converter::expand()
{
    onlyAttributes({});
    ValueInfo& x = activationAnyLayout(0);
    const Folded target = foldedInput(1);
    if (target.dims.size() != 1)
        fail("the shape must be a list of sizes, got a tensor of shape " + shapeToString(target.dims));
    const Shape xDims = x.onnxDims();
    if (target.v.size() > xDims.size())
        fail("expanding to " + std::to_string(target.v.size()) + " axes adds axes before the batch axis of the input ("
            + std::to_string(xDims.size()) + " axes); not supported");
    Shape dims;
    const size_t offset = xDims.size() - target.v.size();
    for (size_t k = 0; k < target.v.size(); ++k) {
        if (target.batchAt(k) && k + offset != size_t(x.batchAxis))
            fail("the batch size is asked for on axis " + std::to_string(k) + ", which is not the input's batch axis");
        const double d = target.batchAt(k) ? 1.0 : target.v[k];
        if (!(d >= 0.0 && d <= 2147483647.0))
            fail("size " + std::to_string(d) + " on axis " + std::to_string(k) + " is negative or too large");
        dims.push_back(int64_t(d));
    }
    const Shape perSample = constantPerSample(x, dims);
    Shape full;
    try {
        full = broadcastShapes({ x.shape, perSample });
    } catch (const ShapeError& e) {
        fail(e.what());
    }
    if (full == x.shape) {
        passThrough();
        return;
    }
    setOutput(expandTo(x, perSample));
}

// Where(condition, a, b): constants are held by the layer, activations are its inputs (in the
// ONNX layout, all holding the batch alike). Constants may not set the output's size: the first
// activation is expanded when they would.
void Converter::where()
{
    onlyAttributes({});
    if (node_->inputs.size() != 3)
        fail("needs three inputs (condition, a, b)");
    const ValueInfo* reference = nullptr;
    for (size_t k = 0; k < 3 && !reference; ++k)
        if (!isConstant(k))
            reference = &activationAnyLayout(k);
    std::array<std::optional<Where::Constant>, 3> operands;
    std::vector<ValueInfo*> activations;
    std::vector<Shape> all, fromInputs;
    for (size_t k = 0; k < 3; ++k) {
        if (isConstant(k)) {
            const Tensor c = *constantInput(k, true, true);
            operands[k] = Where::Constant { constantPerSample(*reference, c.shape()),
                std::vector<float>(c.data(), c.data() + c.size()) };
            all.push_back(operands[k]->shape);
            continue;
        }
        ValueInfo& v = activationAnyLayout(k);
        requireSameBatchLayout(*reference, v);
        activations.push_back(&v);
        all.push_back(v.shape);
        fromInputs.push_back(v.shape);
    }
    Shape full, shapeOfInputs;
    try {
        full = broadcastShapes(all);
        shapeOfInputs = broadcastShapes(fromInputs);
    } catch (const ShapeError& e) {
        fail(e.what());
    }
    std::vector<int> inputs;
    for (ValueInfo* v : activations)
        inputs.push_back(layerIn(*v, false));
    if (full != shapeOfInputs) {
        ValueInfo grown = expandTo(*activations.front(), full);
        inputs.front() = grown.layer;
    }
    ValueInfo out;
    out.copyLayout(*reference);
    std::vector<std::vector<float>> values;
    for (auto& operand : operands)
        values.push_back(operand ? operand->values : std::vector<float>());
    out.layer = addLayer<Where>(std::move(inputs), std::move(operands));
    PendingWeights pending { &model_.layer(size_t(out.layer)), {} };
    const char* names[3] = { "condition", "a", "b" };
    for (size_t k = 0; k < 3; ++k)
        if (isConstant(k))
            pending.values[names[k]] = std::move(values[k]);
    weights_.push_back(std::move(pending));
    out.shape = full;
    setOutput(std::move(out));
}

} // namespace ws::onnx_model
