// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/Predict.h"

#include "util/Error.h"
#include "util/FirstError.h"
#include "util/Threads.h"

#include <omp.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace ws {

SampleSource packedSource(const std::vector<InputPart>& parts, std::vector<SampleSource> sources)
{
    if (sources.size() != parts.size())
        throw ConfigError("a model of " + std::to_string(parts.size()) + " inputs was given " + std::to_string(sources.size()));
    std::vector<int64_t> sizes;
    int64_t total = 0;
    for (const InputPart& p : parts) {
        sizes.push_back(shapeNumel(p.shape));
        total += sizes.back();
    }
    return [sizes, total, sources = std::move(sources)](int64_t first, int64_t count, float* out) {
        std::vector<float> buffer;
        int64_t offset = 0;
        for (size_t k = 0; k < sizes.size(); ++k) {
            const int64_t n = sizes[k];
            buffer.resize(size_t(count * n));
            sources[k](first, count, buffer.data());
            for (int64_t i = 0; i < count; ++i)
                std::copy_n(buffer.data() + i * n, n, out + i * total + offset);
            offset += n;
        }
    };
}

namespace {

// One thread's share: a batch buffer and a workspace, both sized by the first batch it runs.
struct Lane {
    Workspace ws;
    Tensor x; // (count, inputShape...)
};

// Runs samples [first, first + count) through the model; every layer's output stays in lane.ws.
void runBatch(Sequential& model, Lane& lane, const SampleSource& source, int64_t first, int64_t count)
{
    Shape shape = model.inputShape();
    shape.insert(shape.begin(), count);
    lane.x.resize(shape);
    if (source)
        source(first, count, lane.x.data());
    model.forwardLending(lane.x, lane.ws); // lane.x is refilled every batch
}

// Copies a batch's rows to their place in the output, after checking that they have the shape
// the first batch had (a layer whose output changed shape between batches would be an engine bug,
// but a wrong copy would pass silently).
void place(const Tensor& rows, Tensor& output, int64_t first, int64_t count)
{
    Shape want = output.shape();
    want[0] = count;
    if (rows.shape() != want)
        throw ShapeError("a batch of " + std::to_string(count) + " samples gave an output of shape "
            + shapeToString(rows.shape()) + ", not " + shapeToString(want) + " as the first batch did");
    const int64_t perSample = shapeNumel(Shape(want.begin() + 1, want.end()));
    std::memcpy(output.data() + first * perSample, rows.data(), size_t(count * perSample) * sizeof(float));
}

} // namespace

size_t layerIndex(const Sequential& model, const std::string& name)
{
    std::string names;
    for (size_t i = 0; i < model.size(); ++i) {
        if (model.layer(i).name() == name)
            return i;
        names += (i ? ", " : "") + model.layer(i).name();
    }
    throw ConfigError("the model has no layer named '" + name + "'; its layers are: " + names);
}

Prediction predict(Sequential& model, int64_t samples, const SampleSource& source, size_t layer, int64_t batchSize)
{
    MultiPrediction many = predictLayers(model, samples, source, { layer }, batchSize);
    Prediction result;
    result.output = std::move(many.outputs.at(0));
    result.batchSize = many.batchSize;
    result.batches = many.batches;
    return result;
}

MultiPrediction predictLayers(Sequential& model, int64_t samples, const SampleSource& source,
    const std::vector<size_t>& layers, int64_t batchSize)
{
    if (layers.empty())
        throw Error("no layer asked of the model");
    if (!model.isBuilt()) // the outputs below are sized from the built layers' shapes
        throw Error("the model has not been built");
    for (size_t layer : layers)
        if (layer >= model.size())
            throw Error("layer " + std::to_string(layer) + " asked of a model with " + std::to_string(model.size())
                + " layers");
    const int64_t n = std::max<int64_t>(samples, 0);
    const int64_t b = std::clamp<int64_t>(batchSize, 1, std::max<int64_t>(n, 1));
    MultiPrediction result;
    result.batchSize = b;
    result.batches = (n + b - 1) / b;
    const int threads = int(std::clamp<int64_t>(threadCount(), 1, std::max<int64_t>(result.batches, 1)));
    std::vector<Lane> lanes(static_cast<size_t>(threads));
    for (Lane& lane : lanes) {
        lane.ws = model.makeWorkspace();
        lane.ws.recycle = true; // only the outputs asked for are read: the others' buffers are reused
        lane.ws.keep = layers;
    }

    // The outputs are allocated once, at their final size, from the shapes the model was built
    // with; each batch's rows are checked against them (place). Until session 18 a first batch
    // ran alone to learn them, which left a thread idle: 4 batches on 2 threads took the time of
    // 2.7 batches instead of 2 (MobileNetV3 at 224).
    for (size_t layer : layers) {
        Shape shape = model.layer(layer).outputShape();
        shape.insert(shape.begin(), n);
        result.outputs.emplace_back(shape);
    }

    // The batches go to the threads one at a time, whichever is free taking the next (dynamic
    // scheduling, one barrier at the end): rounds of one batch per thread, as evaluate() runs
    // them, made every thread wait for the slowest at each round, and on a machine whose cores
    // are busy with other work two threads were slower than one. One batch runs on the calling
    // thread, its layers using the engine's threads.
    FirstError error;
#pragma omp parallel num_threads(threads) if (threads > 1)
    {
        Lane& lane = lanes[size_t(omp_get_thread_num())];
#pragma omp for schedule(dynamic, 1)
        for (int64_t bi = 0; bi < result.batches; ++bi) {
            if (error.failed())
                continue;
            const int64_t first = bi * b, count = std::min(b, n - first);
            error.capture([&] {
                runBatch(model, lane, source, first, count);
                for (size_t k = 0; k < layers.size(); ++k)
                    place(lane.ws.outputs.at(layers[k]), result.outputs[k], first, count);
            });
        }
    }
    error.rethrow();
    return result;
}

} // namespace ws
