// SPDX-License-Identifier: GPL-3.0-or-later
// forEachChunk(n, chunk, fn): fn(k, begin, end) for the fixed chunks [k * chunk, min(n, (k + 1) *
// chunk)) of [0, n), spread over the engine's threads (util/Threads.h). The chunks do not depend
// on the thread count, so work that keeps one result per chunk (and merges them in chunk order)
// or computes each element alone gives the same bits on any number of threads. Fewer than two
// chunks run on the calling thread, and inside another parallel region everything does.
#pragma once

#include "util/Threads.h"

#include <algorithm>
#include <cstdint>

namespace ws {

template <class Fn> void forEachChunk(int64_t n, int64_t chunk, Fn&& fn)
{
    const int64_t chunks = (n + chunk - 1) / chunk;
    const int threads = int(std::clamp<int64_t>(threadCount(), 1, std::max<int64_t>(chunks, 1)));
    if (threads == 1) {
        // The same chunks in the same order, without entering an OpenMP region: even one that
        // runs serialised cost about 0.3 us a call, 15 % of an activation on an MLP's 64 x 256
        // (#23 item 3).
        for (int64_t k = 0; k < chunks; ++k)
            fn(k, k * chunk, std::min(n, (k + 1) * chunk));
        return;
    }
#pragma omp parallel for num_threads(threads) schedule(static)
    for (int64_t k = 0; k < chunks; ++k)
        fn(k, k * chunk, std::min(n, (k + 1) * chunk));
}

} // namespace ws
