// SPDX-License-Identifier: GPL-3.0-or-later
// Inference over many samples: a model, or one of its layers, applied to every sample of an
// input in batches, the results gathered in one tensor allocated once. `weightscope-cli predict`
// runs it on a .npy file that the source reads a batch at a time, so of the input only the batches
// in flight are in memory; the output is the one buffer that grows with N.
//
// N = samples, B = batch size.
#pragma once

#include "nn/InputParts.h"
#include "nn/Sequential.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ws {

// Writes samples [first, first + count) of the input to `out` (count * numel(inputShape) floats,
// C order, in the layout the model takes). Called from several threads at once, one batch each.
using SampleSource = std::function<void(int64_t first, int64_t count, float* out)>;

// The source for a model of several inputs (nn/InputParts.h, an ONNX graph given a mask
// beside its tokens): parts[k]'s values of each sample come from sources[k] (numel(parts[k].shape)
// floats a sample), packed one part after another as the model takes them. Each call reads a
// batch of every part into a buffer of its own, so calls from several threads do not meet.
SampleSource packedSource(const std::vector<InputPart>& parts, std::vector<SampleSource> sources);

struct Prediction {
    Tensor output;       // (N, the layer's output shape...)
    int64_t batchSize = 0; // B after clamping
    int64_t batches = 0;   // batches of at most B samples that ran
};

// The index of the layer named `name`; ConfigError listing the model's layer names otherwise.
size_t layerIndex(const Sequential& model, const std::string& name);

// Runs N samples through `model` in inference mode, B at a time (B is clamped to [1, N], so a
// small input allocates no batch it does not fill), and keeps layer `layer`'s output of each: for
// layer size() - 1 the model's output. Batches are spread over the calling thread's thread count
// (util/Threads) as evaluate() spreads them; every batch writes its own rows. N = 0 gives an empty
// (0, shape...) output; one zero sample runs to find the shape. Throws what the source and the
// model throw.
Prediction predict(Sequential& model, int64_t samples, const SampleSource& source, size_t layer, int64_t batchSize);

struct MultiPrediction {
    std::vector<Tensor> outputs; // per asked layer: (N, its output shape...)
    int64_t batchSize = 0;
    int64_t batches = 0;
};

// predict() keeping several layers' outputs from the same passes: a model's several outputs
// (Sequential::outputs) in one run.
MultiPrediction predictLayers(Sequential& model, int64_t samples, const SampleSource& source,
    const std::vector<size_t>& layers, int64_t batchSize);

} // namespace ws
