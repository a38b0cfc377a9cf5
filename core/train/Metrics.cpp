// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/Metrics.h"

#include "util/FirstError.h"
#include "util/ParallelChunks.h"
#include "util/Threads.h"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>

namespace ws {

double Evaluation::macroF1() const
{
    if (f1.empty())
        return std::numeric_limits<double>::quiet_NaN();
    return std::accumulate(f1.begin(), f1.end(), 0.0) / double(f1.size());
}

void predictClasses(const Tensor& pred, std::vector<int32_t>& out)
{
    const int64_t n = pred.rank() ? pred.dim(0) : 0;
    const int64_t k = n ? pred.size() / n : 0;
    out.resize(size_t(n));
    for (int64_t r = 0; r < n; ++r) {
        const float* row = pred.data() + r * k;
        out[size_t(r)] = k == 1 ? int32_t(row[0] > 0.0f) : int32_t(std::max_element(row, row + k) - row);
    }
}

double batchAccuracy(const Tensor& pred, const int32_t* labels)
{
    std::vector<int32_t> predicted;
    predictClasses(pred, predicted);
    if (predicted.empty())
        return 0.0;
    int64_t correct = 0;
    for (size_t i = 0; i < predicted.size(); ++i)
        correct += predicted[i] == labels[i];
    return double(correct) / double(predicted.size());
}

void gatherBatch(const Dataset& data, const int64_t* indices, int64_t count, Tensor& x,
    std::vector<int32_t>& labels, Tensor& targets)
{
    Shape shape = data.x.shape();
    shape[0] = count;
    // Every element is copied below: no zeros first (a buffer lent to the last pass comes back
    // smaller, and clearing its growth took 2.7 % of the MLP's inference).
    x.resizeForOverwrite(shape);
    const int64_t stride = data.size() ? data.x.size() / data.size() : 0;
    // On the engine's threads, 32 samples a chunk: the copy (random rows of a large training set,
    // 8 % of a two-thread MLP step's first thread) no longer runs while the second thread waits.
    float* out = x.data();
    forEachChunk(count, 32, [&](int64_t, int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i)
            std::memcpy(out + i * stride, data.x.data() + indices[i] * stride, size_t(stride) * sizeof(float));
    });
    labels.clear();
    if (data.isClassification()) {
        for (int64_t i = 0; i < count; ++i)
            labels.push_back(data.labels[size_t(indices[i])]);
    } else {
        Shape ts = data.targets.shape();
        ts[0] = count;
        targets.resizeForOverwrite(ts);
        const int64_t tStride = data.targets.size() / data.size();
        for (int64_t i = 0; i < count; ++i)
            std::memcpy(targets.data() + i * tStride, data.targets.data() + indices[i] * tStride,
                size_t(tStride) * sizeof(float));
    }
}

namespace {

// Rows of pred (count, k) whose label's score has fewer than topK scores above it.
int64_t topKHits(const Tensor& pred, const std::vector<int32_t>& labels, int topK)
{
    const int64_t count = int64_t(labels.size());
    const int64_t k = count ? pred.size() / count : 0;
    if (topK < 2 || k <= 1)
        return 0;
    int64_t hits = 0;
    for (int64_t i = 0; i < count; ++i) {
        const float* row = pred.data() + i * k;
        const float mine = row[labels[size_t(i)]];
        int64_t higher = 0;
        for (int64_t j = 0; j < k; ++j)
            higher += row[j] > mine;
        hits += higher < topK;
    }
    return hits;
}

} // namespace

Evaluation evaluate(Sequential& model, const Dataset& data, LossKind loss, int64_t batchSize, int topK,
    std::vector<int32_t>* predictedOut, const std::function<bool()>& cancelled)
{
    Evaluation ev;
    ev.samples = data.size();
    const bool classify = data.isClassification();
    const int classes = classify ? std::max(2, data.numClasses) : 0;
    if (classify)
        ev.confusion.assign(size_t(classes), std::vector<int64_t>(size_t(classes), 0));
    ev.topK = topK;
    batchSize = std::max<int64_t>(batchSize, 1);
    const int64_t n = data.size();
    const int64_t batches = (n + batchSize - 1) / batchSize;
    std::vector<int64_t> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    // Whole batches go to the threads, one batch per thread per round, each thread with its own
    // workspace (an inference pass writes only there) and its products on one thread: splitting
    // every product across 2 threads gave the MLP 1.28x, splitting the batches ~1.7x, as the
    // convolutions' sample split does. Each batch's results land at its own place and are summed
    // in batch order below, so the result does not depend on the thread count.
    const int threads = int(std::clamp<int64_t>(threadCount(), 1, std::max<int64_t>(batches, 1)));
    struct Lane {
        Workspace ws;
        Tensor x, targets;
        std::vector<int32_t> labels, predicted;
    };
    std::vector<Lane> lanes(static_cast<size_t>(threads));
    for (Lane& lane : lanes) {
        lane.ws = model.makeWorkspace();
        lane.ws.recycle = true; // only the prediction is read: activations in place, buffers reused
    }
    std::vector<double> batchLoss(size_t(batches), 0.0);
    std::vector<int64_t> batchTopHits(size_t(batches), 0);
    std::vector<int32_t> labelsOf(classify ? size_t(n) : 0), predictedOf(classify ? size_t(n) : 0);
    for (int64_t first = 0; first < batches; first += threads) {
        if (cancelled && cancelled()) {
            Evaluation stopped;
            stopped.cancelled = true;
            if (predictedOut)
                predictedOut->clear();
            return stopped;
        }
        const int inRound = int(std::min<int64_t>(threads, batches - first));
        FirstError error;
#pragma omp parallel for num_threads(inRound) schedule(static, 1) if (inRound > 1)
        for (int j = 0; j < inRound; ++j) {
            Lane& lane = lanes[size_t(j)];
            const int64_t bi = first + j, b = bi * batchSize;
            const int64_t count = std::min(batchSize, n - b);
            error.capture([&] {
                gatherBatch(data, order.data() + b, count, lane.x, lane.labels, lane.targets);
                const Tensor& pred = model.forwardLending(lane.x, lane.ws); // no copy of the batch for a first Flatten
                const Targets t { classify ? lane.labels.data() : nullptr, classify ? nullptr : lane.targets.data() };
                batchLoss[size_t(bi)] = computeLoss(loss, pred, t, nullptr) * double(count);
                if (classify) {
                    predictClasses(pred, lane.predicted);
                    std::copy(lane.labels.begin(), lane.labels.end(), labelsOf.begin() + b);
                    std::copy(lane.predicted.begin(), lane.predicted.end(), predictedOf.begin() + b);
                    batchTopHits[size_t(bi)] = topKHits(pred, lane.labels, topK);
                }
            });
        }
        error.rethrow();
    }
    double lossSum = 0.0;
    for (const double l : batchLoss)
        lossSum += l;
    const int64_t topHits = std::accumulate(batchTopHits.begin(), batchTopHits.end(), int64_t(0));
    if (classify)
        for (int64_t i = 0; i < n; ++i)
            ev.confusion[size_t(labelsOf[size_t(i)])][size_t(std::min<int32_t>(predictedOf[size_t(i)], classes - 1))]++;
    if (predictedOut) {
        if (classify)
            *predictedOut = std::move(predictedOf);
        else
            predictedOut->clear();
    }
    ev.loss = data.size() ? lossSum / double(data.size()) : 0.0;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (!classify) {
        ev.accuracy = ev.topKAccuracy = nan;
        return ev;
    }
    int64_t correct = 0;
    for (int c = 0; c < classes; ++c)
        correct += ev.confusion[size_t(c)][size_t(c)];
    ev.accuracy = data.size() ? double(correct) / double(data.size()) : 0.0;
    ev.topKAccuracy = topK >= 2 && model.outputShape().back() > 1 && data.size() ? double(topHits) / double(data.size()) : nan;
    for (int c = 0; c < classes; ++c) {
        int64_t predictedAs = 0, actual = 0;
        for (int o = 0; o < classes; ++o) {
            predictedAs += ev.confusion[size_t(o)][size_t(c)];
            actual += ev.confusion[size_t(c)][size_t(o)];
        }
        const double tp = double(ev.confusion[size_t(c)][size_t(c)]);
        const double p = predictedAs ? tp / double(predictedAs) : 0.0;
        const double r = actual ? tp / double(actual) : 0.0;
        ev.precision.push_back(p);
        ev.recall.push_back(r);
        ev.f1.push_back(p + r > 0 ? 2 * p * r / (p + r) : 0.0);
    }
    return ev;
}

} // namespace ws
