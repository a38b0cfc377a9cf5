// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/Predict.h"

#include "util/Error.h"
#include "util/FirstError.h"
#include "util/Threads.h"

#include <omp.h>

#include <algorithm>
#include <cstring>

namespace ws {

namespace {

// One thread's share: a batch buffer and a workspace, both sized by the first batch it runs.
struct Lane {
    Workspace ws;
    Tensor x; // (count, inputShape...)
};

// Runs samples [first, first + count) through the model; the layer's output stays in lane.ws.
const Tensor& runBatch(Sequential& model, Lane& lane, const SampleSource& source, int64_t first, int64_t count,
    size_t layer)
{
    Shape shape = model.inputShape();
    shape.insert(shape.begin(), count);
    lane.x.resize(shape);
    if (source)
        source(first, count, lane.x.data());
    model.forward(lane.x, lane.ws, false);
    return lane.ws.outputs.at(layer);
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
    if (layer >= model.size())
        throw Error("layer " + std::to_string(layer) + " asked of a model with " + std::to_string(model.size())
            + " layers");
    const int64_t n = std::max<int64_t>(samples, 0);
    const int64_t b = std::clamp<int64_t>(batchSize, 1, std::max<int64_t>(n, 1));
    Prediction result;
    result.batchSize = b;
    result.batches = (n + b - 1) / b;
    const int threads = int(std::clamp<int64_t>(threadCount(), 1, std::max<int64_t>(result.batches - 1, 1)));
    std::vector<Lane> lanes(static_cast<size_t>(threads));
    for (Lane& lane : lanes)
        lane.ws = model.makeWorkspace();

    // The first batch runs alone: its output tells the per-sample shape, so the output is
    // allocated once, at its final size, before the other batches fill it in parallel.
    const int64_t firstCount = std::min(b, n);
    const Tensor& firstRows = firstCount ? runBatch(model, lanes[0], source, 0, firstCount, layer)
                                         : runBatch(model, lanes[0], nullptr, 0, 1, layer); // zeros: the shape only
    Shape shape = firstRows.shape();
    if (shape.empty())
        throw ShapeError("layer '" + model.layer(layer).name() + "' gave an output without a batch dimension");
    shape[0] = n;
    result.output = Tensor(shape);
    if (firstCount)
        place(firstRows, result.output, 0, firstCount);

    // The other batches go to the threads one at a time, whichever is free taking the next
    // (dynamic scheduling, one barrier at the end): rounds of one batch per thread, as evaluate()
    // runs them, made every thread wait for the slowest at each round, and on a machine whose cores
    // are busy with other work two threads were slower than one.
    FirstError error;
#pragma omp parallel num_threads(threads) if (threads > 1)
    {
        Lane& lane = lanes[size_t(omp_get_thread_num())];
#pragma omp for schedule(dynamic, 1)
        for (int64_t bi = 1; bi < result.batches; ++bi) {
            if (error.failed())
                continue;
            const int64_t first = bi * b, count = std::min(b, n - first);
            error.capture([&] { place(runBatch(model, lane, source, first, count, layer), result.output, first, count); });
        }
    }
    error.rethrow();
    return result;
}

} // namespace ws
