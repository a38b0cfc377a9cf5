// SPDX-License-Identifier: GPL-3.0-or-later
// Inference over many samples: a model, or one of its layers, applied to every sample of an
// input in batches, the results gathered in one tensor allocated once. `weightscope-cli predict`
// runs it on a .npy file that the source reads a batch at a time, so of the input only the batches
// in flight are in memory; the output is the one buffer that grows with N.
//
// N = samples, B = batch size.
#pragma once

#include "nn/Sequential.h"

#include <cstdint>
#include <functional>
#include <string>

namespace ws {

// Writes samples [first, first + count) of the input to `out` (count * numel(inputShape) floats,
// C order, in the layout the model takes). Called from several threads at once, one batch each.
using SampleSource = std::function<void(int64_t first, int64_t count, float* out)>;

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

} // namespace ws
