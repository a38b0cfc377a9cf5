// SPDX-License-Identifier: GPL-3.0-or-later
// The engine's training step and its layers on the models of #10, batch 64, one thread: the
// whole step (forward, loss, backward, optimizer) of each preset (the CNNs also without fusing
// their convolutions with ReLU and pooling), and the CNN's layers one by one
// (convolutions forward and backward, ReLU, max pooling). Random images stand in for
// Fashion-MNIST, so no data loading is timed. Counter: samples per second of process CPU time,
// which a loaded machine distorts far less than wall time; `infer/mlp` (evaluate() as
// `eval --batch 1000` runs it, warm, on 1 and 2 threads) counts wall time, as eval reports it.
// Build with -DWS_BUILD_BENCH=ON, then
//   build/release/bench/bench_layers --benchmark_min_time=0.5
// Convolutions forward in inference by im2col, the direct convolution and, for 3x3 stride 1,
// Winograd F(2x2, 3x3) and F(4x4, 3x3) (#23 item 2): ResNet-18's 3x3 layers (224 x 224 and
// 32 x 32 inputs, batch 32), its 7x7 stride-2 stem and a stride-2 3x3 and 1x1 of its second
// stage, the CNNs' (batch 64), and first layers with 1 to 16 input channels. The table behind chooseConvAlgorithm's rule (nn/ConvAlgorithm.cpp):
//   build/release/bench/bench_layers --benchmark_filter='^conv' --benchmark_min_time=0.3
// For instruction counts of exactly one step (load independent), after one untimed warm-up step:
//   valgrind --tool=callgrind --toggle-collect='*timedTrainStep*'
//       build/release/bench/bench_layers --benchmark_filter='step/cnn/' --benchmark_min_time=0
#include "nn/Activation.h"
#include "nn/Conv2D.h"
#include "nn/ConvAlgorithm.h"
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

#include <string>
#include <utility>
#include <vector>

namespace {

constexpr int64_t kBatch = 64;

using ws::bench::presetModel;

void fillRandom(ws::Tensor& t, uint64_t seed)
{
    ws::Rng rng(seed);
    for (int64_t i = 0; i < t.size(); ++i)
        t[i] = float(rng.uniform(0.0, 1.0));
}

struct Step {
    ws::Sequential model;
    ws::Workspace ws;
    ws::Tensor x, grad;
    std::vector<int32_t> labels;
    ws::Optimizer optimizer;

    explicit Step(const std::string& preset, ws::OptimizerConfig config)
        : model(presetModel(preset))
        , ws(model.makeWorkspace(3))
        , x({ kBatch, 28, 28, 1 })
        , labels(size_t(kBatch))
        , optimizer(config, model.params())
    {
        fillRandom(x, 2);
        for (size_t i = 0; i < labels.size(); ++i)
            labels[i] = int32_t(i % 10);
    }
};

// What Trainer::run does per batch. Not inlined, so that callgrind can count it alone.
[[gnu::noinline]] double timedTrainStep(Step& s)
{
    s.model.zeroGradForBackward();
    const ws::Tensor& pred = s.model.forward(s.x, s.ws, true);
    const double loss = ws::computeLoss(ws::LossKind::SoftmaxCrossEntropy, pred, { s.labels.data(), nullptr }, &s.grad);
    s.model.backward(s.grad, s.ws);
    s.optimizer.step(1e-3f);
    return loss;
}

void trainStep(benchmark::State& state, std::string preset, bool fusion)
{
    ws::setThreadCount(1);
    // As Trainer::run: without it, SGD momentum's velocities of dead units decay into subnormals
    // and a longer --benchmark_min_time measured the MLP's step slower (88k falling to 60k).
    const ws::SubnormalsFlushed floats(true, 1);
    ws::OptimizerConfig config;
    if (preset == "mlp") {
        config.kind = ws::OptimizerKind::SGD;
        config.momentum = 0.9f;
    }
    Step s(preset, config);
    s.model.setFusion(fusion);
    timedTrainStep(s); // sizes every buffer
    for (auto _ : state)
        benchmark::DoNotOptimize(timedTrainStep(s));
    state.counters["samples/s"] = benchmark::Counter(double(kBatch), benchmark::Counter::kIsIterationInvariantRate);
}

// What `weightscope-cli eval --batch 1000` times on Fashion-MNIST's 10,000 test images (the
// "infer" case of compare_pytorch.py): evaluate() with its batch gathering, loss, top-5 and
// confusion, on random images. Threads from the argument; wall time, as the CLI reports.
void inferMlp(benchmark::State& state)
{
    ws::setThreadCount(int(state.range(0)));
    ws::Sequential model = presetModel("mlp");
    ws::Dataset data;
    data.x = ws::Tensor({ 10000, 28, 28, 1 });
    fillRandom(data.x, 3);
    data.numClasses = 10;
    data.labels.resize(10000);
    for (size_t i = 0; i < data.labels.size(); ++i)
        data.labels[i] = int32_t(i % 10);
    for (auto _ : state)
        benchmark::DoNotOptimize(ws::evaluate(model, data, ws::LossKind::SoftmaxCrossEntropy, 1000, 5).loss);
    state.counters["samples/s"] = benchmark::Counter(10000.0, benchmark::Counter::kIsIterationInvariantRate);
}

// One layer of a built model, forward and backward, fed random inputs of its shape.
struct LayerCase {
    ws::Sequential model;
    ws::Workspace ws;
    ws::Tensor x, dy, dx;
    int64_t batch;

    LayerCase(ws::Shape inputShape, std::unique_ptr<ws::Layer> layer, int64_t batchSize = kBatch)
        : model(std::move(inputShape))
        , batch(batchSize)
    {
        model.add(std::move(layer));
        model.build();
        model.initialize(1);
        ws = model.makeWorkspace(3);
        ws::Shape shape = model.inputShape();
        shape.insert(shape.begin(), batch);
        x = ws::Tensor(shape);
        fillRandom(x, 4);
        for (int64_t i = 0; i < x.size(); ++i)
            x[i] -= 0.5f; // both signs, for ReLU
        ws::Shape outShape = model.outputShape();
        outShape.insert(outShape.begin(), batch);
        dy = ws::Tensor(outShape);
        fillRandom(dy, 5);
    }
};

void layerForward(benchmark::State& state, LayerCase& c)
{
    ws::setThreadCount(1);
    for (auto _ : state)
        benchmark::DoNotOptimize(c.model.forward(c.x, c.ws, true).data());
    state.counters["samples/s"] = benchmark::Counter(double(kBatch), benchmark::Counter::kIsIterationInvariantRate);
}

void layerBackward(benchmark::State& state, LayerCase& c, bool inputGradient)
{
    ws::setThreadCount(1);
    c.model.forward(c.x, c.ws, true);
    ws::Layer& layer = c.model.layer(0);
    for (auto _ : state) {
        layer.backward(c.x, c.ws.outputs[0], c.dy, inputGradient ? &c.dx : nullptr, c.ws.scratch[0].get());
        benchmark::ClobberMemory();
    }
    state.counters["samples/s"] = benchmark::Counter(double(kBatch), benchmark::Counter::kIsIterationInvariantRate);
}

// An inference forward with the algorithm forced (the environment's WS_CONV is ignored here).
void convForward(benchmark::State& state, LayerCase& c, ws::ConvAlgorithm algorithm)
{
    ws::setThreadCount(1);
    const ws::ConvAlgorithm saved = ws::convAlgorithm();
    ws::setConvAlgorithm(algorithm);
    c.model.forward(c.x, c.ws, false); // sizes the scratch
    for (auto _ : state)
        benchmark::DoNotOptimize(c.model.forward(c.x, c.ws, false).data());
    ws::setConvAlgorithm(saved);
    state.counters["samples/s"] = benchmark::Counter(double(c.batch), benchmark::Counter::kIsIterationInvariantRate);
}

// A convolution's inference forward by each algorithm that applies to it, as
// "conv<KH>x<KW>[s<stride>]/<name>/<algorithm>".
void registerConv(const std::string& name, ws::Shape inputShape, int64_t filters, int64_t kernel, int64_t stride,
    int64_t batch)
{
    using ws::ConvAlgorithm;
    auto* c = new LayerCase(std::move(inputShape),
        std::make_unique<ws::Conv2D>(filters, ws::Size2 { kernel, kernel }, ws::Size2 { stride, stride }, ws::Padding::Same),
        batch);
    c->dy = ws::Tensor(); // forward only
    std::vector<std::pair<ConvAlgorithm, const char*>> algorithms
        = { { ConvAlgorithm::Im2col, "im2col" }, { ConvAlgorithm::Direct, "direct" } };
    if (kernel == 3 && stride == 1) {
        algorithms.emplace_back(ConvAlgorithm::Winograd2, "winograd2");
        algorithms.emplace_back(ConvAlgorithm::Winograd4, "winograd4");
    }
    std::string group = "conv" + std::to_string(kernel) + "x" + std::to_string(kernel);
    if (stride != 1)
        group += "s" + std::to_string(stride);
    for (const auto& [algorithm, label] : algorithms)
        benchmark::RegisterBenchmark((group + "/" + name + "/" + label).c_str(),
            [c, algorithm = algorithm](benchmark::State& s) { convForward(s, *c, algorithm); })
            ->MeasureProcessCPUTime();
}

template <class Make> void registerLayer(const std::string& name, ws::Shape inputShape, Make make, bool inputGradient)
{
    // Cases live as long as the program: Google Benchmark runs them after registration.
    auto* c = new LayerCase(std::move(inputShape), make());
    benchmark::RegisterBenchmark(("layer/" + name + "/forward").c_str(), [c](benchmark::State& s) { layerForward(s, *c); })
        ->MeasureProcessCPUTime();
    benchmark::RegisterBenchmark(("layer/" + name + "/backward").c_str(),
        [c, inputGradient](benchmark::State& s) { layerBackward(s, *c, inputGradient); })
        ->MeasureProcessCPUTime();
}

const bool registered = [] {
    for (const char* preset : { "cnn", "tf-cnn", "mlp" })
        benchmark::RegisterBenchmark((std::string("step/") + preset).c_str(), trainStep, std::string(preset), true)
            ->MeasureProcessCPUTime();
    benchmark::RegisterBenchmark("infer/mlp batch 1000", inferMlp)->Arg(1)->Arg(2)->UseRealTime();
    // The same without fusing Conv2D, ReLU and pooling (Sequential::setFusion).
    for (const char* preset : { "cnn", "tf-cnn" })
        benchmark::RegisterBenchmark((std::string("step unfused/") + preset).c_str(), trainStep, std::string(preset),
            false)
            ->MeasureProcessCPUTime();
    using ws::Conv2D, ws::Padding, ws::Size2;
    // The default CNN's layers; the first convolution's input gradient is never needed.
    registerLayer("cnn conv1 3x3x32", { 28, 28, 1 },
        [] { return std::make_unique<Conv2D>(32, Size2 { 3, 3 }, Size2 { 1, 1 }, Padding::Same); }, false);
    registerLayer("cnn relu1", { 28, 28, 32 }, [] { return std::make_unique<ws::ActivationLayer>(ws::ActivationKind::ReLU); },
        true);
    registerLayer("cnn maxpool1", { 28, 28, 32 },
        [] { return std::make_unique<ws::Pooling2D>(ws::PoolKind::Max, Size2 { 2, 2 }); }, true);
    registerLayer("cnn conv2 3x3x64", { 14, 14, 32 },
        [] { return std::make_unique<Conv2D>(64, Size2 { 3, 3 }, Size2 { 1, 1 }, Padding::Same); }, true);
    registerLayer("tf-cnn conv1 5x5x32", { 28, 28, 1 },
        [] { return std::make_unique<Conv2D>(32, Size2 { 5, 5 }, Size2 { 1, 1 }, Padding::Same); }, false);
    registerLayer("tf-cnn conv2 5x5x64", { 14, 14, 32 },
        [] { return std::make_unique<Conv2D>(64, Size2 { 5, 5 }, Size2 { 1, 1 }, Padding::Same); }, true);
    // name: input HxWxC -> F, batch. Padding same.
    registerConv("cnn 28x28x1-32 b64", { 28, 28, 1 }, 32, 3, 1, 64);
    registerConv("28x28x3-32 b64", { 28, 28, 3 }, 32, 3, 1, 64);
    registerConv("rgb 32x32x3-32 b64", { 32, 32, 3 }, 32, 3, 1, 64);
    registerConv("28x28x8-32 b64", { 28, 28, 8 }, 32, 3, 1, 64);
    registerConv("28x28x16-32 b64", { 28, 28, 16 }, 32, 3, 1, 64);
    registerConv("cnn 14x14x32-64 b64", { 14, 14, 32 }, 64, 3, 1, 64);
    registerConv("resnet18-224 56x56x64-64 b32", { 56, 56, 64 }, 64, 3, 1, 32);
    registerConv("resnet18-224 28x28x128-128 b32", { 28, 28, 128 }, 128, 3, 1, 32);
    registerConv("resnet18-224 14x14x256-256 b32", { 14, 14, 256 }, 256, 3, 1, 32);
    registerConv("resnet18-224 7x7x512-512 b32", { 7, 7, 512 }, 512, 3, 1, 32);
    registerConv("resnet18-32 8x8x64-64 b32", { 8, 8, 64 }, 64, 3, 1, 32);
    registerConv("resnet18-32 4x4x128-128 b32", { 4, 4, 128 }, 128, 3, 1, 32);
    registerConv("resnet18-32 2x2x256-256 b32", { 2, 2, 256 }, 256, 3, 1, 32);
    registerConv("resnet18-32 1x1x512-512 b32", { 1, 1, 512 }, 512, 3, 1, 32);
    registerConv("tf-cnn 28x28x1-32 b64", { 28, 28, 1 }, 32, 5, 1, 64);
    registerConv("28x28x3-32 b64", { 28, 28, 3 }, 32, 5, 1, 64);
    registerConv("28x28x8-32 b64", { 28, 28, 8 }, 32, 5, 1, 64);
    registerConv("tf-cnn 14x14x32-64 b64", { 14, 14, 32 }, 64, 5, 1, 64);
    registerConv("resnet18-224 stem 224x224x3-64 b8", { 224, 224, 3 }, 64, 7, 2, 8);
    registerConv("resnet18-224 56x56x64-128 b32", { 56, 56, 64 }, 128, 3, 2, 32);
    registerConv("resnet18-224 shortcut 56x56x64-128 b32", { 56, 56, 64 }, 128, 1, 2, 32);
    return true;
}();

} // namespace

BENCHMARK_MAIN();
