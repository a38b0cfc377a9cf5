// SPDX-License-Identifier: GPL-3.0-or-later
// Everything else a training step touches (#23 item 3), each part alone at the sizes of the
// presets' steps (batch 64): the optimizer step (SGD with momentum, Adam) over the MLP's and the
// CNN's parameters, activations forward and backward at the CNN's first activation
// (64 x 28 x 28 x 32) and the MLP's (64 x 256), max and average pooling 2x2, softmax
// cross-entropy with its gradient, dropout with its mask, and gathering a batch of
// Fashion-MNIST-sized rows. Part of bench_layers (same program, same options), e.g.
//   build/release/bench/bench_layers --benchmark_filter='^(opt|act|pool|loss|dropout|gather)/'
//
// Each reports elements per second and bytes per second, the bytes being what the operation
// must read plus what it must write (the label says which), counted as bench_bandwidth counts
// them, so that bytes/s compares with that program's limit for the working set's size. Cases
// that run on the engine's threads are measured at 1 and 2 threads: one thread in process CPU
// time (as the rest of bench_layers), two in wall time (CPU time would add both threads up).
#include "data/Dataset.h"
#include "nn/Activation.h"
#include "nn/Dropout.h"
#include "nn/LayerFactory.h"
#include "nn/Loss.h"
#include "nn/Pooling2D.h"
#include "nn/Sequential.h"
#include "train/Experiment.h"
#include "train/Metrics.h"
#include "train/Optimizer.h"
#include "util/Rng.h"
#include "util/Subnormals.h"
#include "util/Threads.h"

#include "PresetModel.h"

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <numeric>
#include <string>
#include <vector>

namespace {

constexpr int64_t kBatch = 64;

void fillUniform(ws::Tensor& t, uint64_t seed, double lo, double hi)
{
    ws::Rng rng(seed);
    for (int64_t i = 0; i < t.size(); ++i)
        t[i] = float(rng.uniform(lo, hi));
}

// elements and bytes are per iteration; `what` says which bytes were counted.
void report(benchmark::State& state, double elements, double bytes, const std::string& what)
{
    using benchmark::Counter;
    state.counters["elem/s"] = Counter(elements, Counter::kIsIterationInvariantRate);
    state.counters["bytes/s"] = Counter(bytes, Counter::kIsIterationInvariantRate);
    state.SetLabel(what);
}

// Registers fn at 1 thread (process CPU time) and, when `threaded`, at 2 (wall time).
template <class Fn> void registerThreads(const std::string& name, bool threaded, Fn fn)
{
    for (int threads : { 1, 2 }) {
        if (threads == 2 && !threaded)
            break;
        auto* b = benchmark::RegisterBenchmark((name + "/threads:" + std::to_string(threads)).c_str(),
            [fn, threads](benchmark::State& s) {
                ws::setThreadCount(threads);
                fn(s);
                ws::setThreadCount(1);
            });
        if (threads == 1)
            b->MeasureProcessCPUTime();
        else
            b->UseRealTime();
    }
}

// ---- optimizer step ---------------------------------------------------------------------------

using ws::bench::presetModel;

void optimizerStep(benchmark::State& state, const std::string& preset, ws::OptimizerKind kind)
{
    ws::Sequential model = presetModel(preset);
    int64_t count = 0;
    uint64_t seed = 7;
    for (ws::Param* p : model.params()) {
        fillUniform(p->grad, seed++, -1e-2, 1e-2);
        count += p->value.size();
    }
    ws::OptimizerConfig config;
    config.kind = kind;
    config.momentum = kind == ws::OptimizerKind::SGD ? 0.9f : 0.0f;
    ws::Optimizer optimizer(config, model.params());
    const ws::SubnormalsFlushed floats(true, ws::threadCount()); // as Trainer::run
    for (auto _ : state)
        optimizer.step(1e-6f); // small, so that the weights stay ordinary numbers however long it runs
    // SGD momentum: p read + written, g read, velocity read + written; Adam also its second moment.
    const int perElement = kind == ws::OptimizerKind::SGD ? 20 : 28;
    report(state, double(count), double(count) * perElement,
        std::to_string(count) + " params, " + std::to_string(perElement) + " B each");
}

// ---- activations ------------------------------------------------------------------------------

struct Elementwise {
    std::unique_ptr<ws::Layer> layer;
    std::unique_ptr<ws::LayerScratch> scratch;
    ws::Tensor x, y, dy, dx;
    ws::Rng rng { 11 };

    Elementwise(std::unique_ptr<ws::Layer> l, const ws::Shape& sample)
        : layer(std::move(l))
    {
        layer->build(sample);
        scratch = layer->makeScratch();
        ws::Shape shape = sample;
        shape.insert(shape.begin(), kBatch);
        x = ws::Tensor(shape);
        fillUniform(x, 4, -3.0, 3.0); // both signs, and the curved part of tanh, sigmoid, GELU
        layer->forward(x, y, scratch.get(), { true, &rng });
        dy = ws::Tensor(y.shape());
        fillUniform(dy, 5, -1.0, 1.0);
    }
};

std::string shapeName(const ws::Shape& sample)
{
    std::string s = std::to_string(kBatch);
    for (int64_t d : sample) {
        s += 'x';
        s += std::to_string(d);
    }
    return s;
}

// forwardBytes / backwardBytes per element of x.
template <class Make>
void registerElementwise(const std::string& name, const ws::Shape& sample, Make make, bool threaded, int forwardBytes,
    int backwardBytes, const std::string& forwardWhat, const std::string& backwardWhat)
{
    auto* c = new Elementwise(make(), sample); // lives as long as the program, as the registrations
    const double n = double(c->x.size());
    registerThreads(name + "/" + shapeName(sample) + "/forward", threaded, [=](benchmark::State& s) {
        for (auto _ : s) {
            c->layer->forward(c->x, c->y, c->scratch.get(), { true, &c->rng });
            benchmark::ClobberMemory();
        }
        report(s, n, n * forwardBytes, forwardWhat);
    });
    registerThreads(name + "/" + shapeName(sample) + "/backward", threaded, [=](benchmark::State& s) {
        c->layer->forward(c->x, c->y, c->scratch.get(), { true, &c->rng });
        for (auto _ : s) {
            c->layer->backward(c->x, c->y, c->dy, &c->dx, c->scratch.get());
            benchmark::ClobberMemory();
        }
        report(s, n, n * backwardBytes, backwardWhat);
    });
}

// ---- softmax cross-entropy --------------------------------------------------------------------

void softmaxCrossEntropy(benchmark::State& state, int64_t classes)
{
    ws::Tensor logits({ kBatch, classes }), grad;
    fillUniform(logits, 8, -5.0, 5.0);
    std::vector<int32_t> labels(static_cast<size_t>(kBatch));
    for (size_t i = 0; i < labels.size(); ++i)
        labels[i] = int32_t(i * 7 % size_t(classes));
    for (auto _ : state)
        benchmark::DoNotOptimize(
            ws::computeLoss(ws::LossKind::SoftmaxCrossEntropy, logits, { labels.data(), nullptr }, &grad));
    const double n = double(logits.size());
    report(state, n, n * 8, "logits read, gradient written: 8 B an element");
}

// ---- batch gathering --------------------------------------------------------------------------

void gatherBatch(benchmark::State& state)
{
    // Fashion-MNIST's training set: 60000 rows of 784 floats (188 MB, far past any cache).
    ws::Dataset data;
    data.x = ws::Tensor({ 60000, 28, 28, 1 });
    fillUniform(data.x, 9, 0.0, 1.0);
    data.numClasses = 10;
    data.labels.resize(60000);
    for (size_t i = 0; i < data.labels.size(); ++i)
        data.labels[i] = int32_t(i % 10);
    std::vector<int64_t> order(60000);
    std::iota(order.begin(), order.end(), int64_t(0));
    ws::Rng(10).shuffle(order.begin(), order.end());
    ws::Tensor x, targets;
    std::vector<int32_t> labels;
    size_t at = 0;
    for (auto _ : state) {
        ws::gatherBatch(data, order.data() + at, kBatch, x, labels, targets);
        benchmark::ClobberMemory();
        at = at + 2 * kBatch > order.size() ? 0 : at + kBatch; // an epoch's batches, in turn
    }
    // Per row: 784 floats read and written, its index and label read, its label written.
    const double perRow = 784.0 * 8 + 8 + 4 + 4;
    report(state, double(kBatch * 784), double(kBatch) * perRow, "per row: 784 floats read + written, index, label");
}

const bool registered = [] {
    using ws::ActivationKind, ws::OptimizerKind, ws::Size2;
    for (const char* preset : { "mlp", "cnn" }) {
        registerThreads(std::string("opt/sgd-momentum/") + preset, true,
            [preset = std::string(preset)](benchmark::State& s) { optimizerStep(s, preset, OptimizerKind::SGD); });
        registerThreads(std::string("opt/adam/") + preset, true,
            [preset = std::string(preset)](benchmark::State& s) { optimizerStep(s, preset, OptimizerKind::Adam); });
    }

    const std::pair<ActivationKind, const char*> activations[] = { { ActivationKind::ReLU, "relu" },
        { ActivationKind::Tanh, "tanh" }, { ActivationKind::Sigmoid, "sigmoid" }, { ActivationKind::GELU, "gelu" },
        { ActivationKind::Softmax, "softmax" } };
    for (const ws::Shape& sample : { ws::Shape { 28, 28, 32 }, ws::Shape { 256 } })
        for (const auto& [kind, label] : activations) {
            const bool readsY = kind != ActivationKind::ReLU && kind != ActivationKind::GELU;
            registerElementwise(std::string("act/") + label, sample,
                [kind = kind] { return std::make_unique<ws::ActivationLayer>(kind); }, true, 8,
                12, "x read, y written: 8 B an element",
                std::string(readsY ? "y" : "x") + ", dy read, dx written: 12 B an element");
        }

    for (const auto& [kind, label] : { std::pair { ws::PoolKind::Max, "max" }, std::pair { ws::PoolKind::Average, "avg" } }) {
        const bool max = kind == ws::PoolKind::Max;
        // Per input element: x read (4 B), a quarter of an output written (1 B) and for max pooling
        // a quarter of an argmax (1 B); backward the reverse.
        registerElementwise(std::string("pool/") + label + " 2x2", { 28, 28, 32 },
            [kind = kind] { return std::make_unique<ws::Pooling2D>(kind, Size2 { 2, 2 }); }, true, max ? 6 : 5,
            max ? 6 : 5, max ? "x read, y and argmax written: 6 B an input element" : "x read, y written: 5 B an input element",
            max ? "dy and argmax read, dx written: 6 B an input element" : "dy read, dx written: 5 B an input element");
    }

    for (int64_t classes : { 10, 1000 })
        registerThreads("loss/softmax-ce/" + std::to_string(kBatch) + "x" + std::to_string(classes), true,
            [classes](benchmark::State& s) { softmaxCrossEntropy(s, classes); });

    // The CNN's dropout (0.3 after dense(128)), the TF-tutorial CNN's (0.4 after dense(1024)), and
    // one at the CNN's first activation's size.
    for (const auto& [rate, sample] : { std::pair { 0.3f, ws::Shape { 128 } }, std::pair { 0.4f, ws::Shape { 1024 } },
             std::pair { 0.3f, ws::Shape { 28, 28, 32 } } })
        registerElementwise("dropout/" + std::to_string(rate).substr(0, 3), sample,
            [rate = rate] { return std::make_unique<ws::Dropout>(rate); }, false, 12, 12,
            "x read, mask and y written: 12 B an element", "dy and mask read, dx written: 12 B an element");

    registerThreads("gather/64 of 60000x784", false, gatherBatch);
    return true;
}();

} // namespace
