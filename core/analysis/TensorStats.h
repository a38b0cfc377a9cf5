// SPDX-License-Identifier: GPL-3.0-or-later
// Summary statistics of one tensor of a WeightFile: count, min, max, mean, standard deviation,
// L2 norm, zeros, NaNs and infinities — the statistics table of the inspector and of
// `weightscope-cli inspect --stats`.
//
// The tensor is streamed in fixed chunks of kStatsChunk elements (converted to float32 by the
// reader), so memory stays bounded whatever the tensor's size. Each chunk is summarised in
// float64 (two passes over the chunk while it is in cache: mean, then squared deviations), and
// the chunk summaries are merged in chunk order with Chan et al.'s pairwise update. Chunks are
// spread over OpenMP threads, but the partition and the merge order do not depend on the thread
// count, so results are bit-identical with 1 or N threads.
#pragma once

#include "analysis/TensorView.h"
#include "io/WeightFile.h"

#include <cstdint>

namespace ws {

inline constexpr int64_t kStatsChunk = int64_t(1) << 16;

struct TensorStats {
    int64_t count = 0;  // all elements
    int64_t finite = 0; // elements that are neither NaN nor ±Inf
    int64_t nans = 0;
    int64_t infs = 0;
    int64_t zeros = 0;  // +0 and -0
    // Over the finite elements only (NaN when there are none). std is the population standard
    // deviation (ddof = 0, NumPy's default); l2 is sqrt(sum of squares).
    double min = 0, max = 0, mean = 0, std = 0, l2 = 0;
    double zeroFraction() const { return count > 0 ? double(zeros) / double(count) : 0.0; }
};

// Statistics of tensor `index` of `file`, of its values as float32 (what WeightFile::read gives).
// threads <= 0: OpenMP's default. Throws what the reader throws.
TensorStats computeTensorStats(const WeightFile& file, size_t index, int threads = 0);

// Statistics of any element source (the difference of two tensors, ...); the source is read from
// several threads at once, so its read must be thread-safe (every source of TensorView.h is).
TensorStats computeSourceStats(const ElementSource& source, int threads = 0);

// Statistics of values already in memory (same definitions and same chunking).
TensorStats computeStats(const float* data, int64_t n);

} // namespace ws
