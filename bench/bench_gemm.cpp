// SPDX-License-Identifier: GPL-3.0-or-later
// ws::gemm against OpenBLAS cblas_sgemm at the shapes the models multiply (#10), single-threaded
// and with 2 threads, in one program so that both see the same machine load. Shapes are
// row-major m x k times k x n; "TN"/"NT" name the transposed operand as in the layers:
//   Dense forward           x (N, in) W (in, out)                  NN
//   Dense kernel gradient   x^T (in, N) dY (N, out)                TN
//   Dense input gradient    dY (N, out) W^T (out, in)              NT
//   Conv2D forward          cols (N*OH*OW, K) W (K, F)             NN
//   Conv2D kernel gradient  cols^T (K, N*OH*OW) dY (N*OH*OW, F)    TN
//   Conv2D cols gradient    dY (N*OH*OW, F) W^T (F, K)             NT
// Counter: GFLOP per second of process CPU time (2mnk per product; user+sys of all threads), which
// a loaded machine distorts far less than wall time; with 2 threads it is the work per core-second,
// so spinning and waiting at barriers count against the library. Build with -DWS_BUILD_BENCH=ON, then
//   build/release/bench/bench_gemm --benchmark_min_time=0.5
// (OpenBLAS comes from Debian's libopenblas-openmp-dev, a benchmark-only dependency.)
#include "tensor/Gemm.h"
#include "util/AlignedAllocator.h"
#include "util/Threads.h"
#include "util/Rng.h"

#include <benchmark/benchmark.h>
#include <cblas.h>

#include <vector>

namespace {

struct Shape {
    const char* what;
    bool transA, transB;
    int64_t m, n, k;
};

// Batch 64 throughout; the CNN shapes are those of the whole batch (one thread) — with two
// threads Conv2D gives each thread half the rows. Conv2D's backward works a block of samples at a
// time (about 1 MiB of cols and output, Conv2D::samplesPerBlock): the "block" shapes are the
// kernel-gradient products it runs, 3 samples of the small CNN's 14 x 14 and 1 of the tutorial
// CNN's.
const Shape kShapes[] = {
    { "mlp dense1 fwd", false, false, 64, 256, 784 },
    { "mlp dense1 dW", true, false, 784, 256, 64 },
    { "mlp dense2 fwd", false, false, 64, 128, 256 },
    { "mlp dense2 dW", true, false, 256, 128, 64 },
    { "mlp dense2 dx", false, true, 64, 256, 128 },
    { "infer dense1 (batch 1000)", false, false, 1000, 256, 784 },
    { "mlp dense1 dW (batch 4096)", true, false, 784, 256, 4096 },
    { "cnn conv2 fwd", false, false, 12544, 64, 288 },
    { "cnn conv2 dW", true, false, 288, 64, 12544 },
    { "cnn conv2 dW block", true, false, 288, 64, 588 },
    { "cnn conv2 dcols", false, true, 12544, 288, 64 },
    { "cnn dense1 fwd", false, false, 64, 128, 3136 },
    { "tf-cnn conv2 fwd", false, false, 12544, 64, 800 },
    { "tf-cnn conv2 dW", true, false, 800, 64, 12544 },
    { "tf-cnn conv2 dW block", true, false, 800, 64, 196 },
    { "tf-cnn conv2 dcols", false, true, 12544, 800, 64 },
    { "tf-cnn conv2 dcols block", false, true, 196, 800, 64 },
    { "tf-cnn dense1 fwd", false, false, 64, 1024, 3136 },
    { "tf-cnn dense1 dW", true, false, 3136, 1024, 64 },
    { "tf-cnn dense1 dx", false, true, 64, 3136, 1024 },
};

// On a cache line, as the engine's tensors are.
using Floats = std::vector<float, ws::AlignedAllocator<float>>;

Floats randomVector(int64_t n, uint64_t seed)
{
    Floats v(static_cast<size_t>(n));
    ws::Rng rng(seed);
    for (auto& x : v)
        x = float(rng.uniform(-1, 1));
    return v;
}

template <class Product> void run(benchmark::State& state, const Shape& s, Product&& product)
{
    const auto A = randomVector(s.m * s.k, 1), B = randomVector(s.k * s.n, 2);
    Floats C(static_cast<size_t>(s.m * s.n));
    for (auto _ : state) {
        product(A.data(), B.data(), C.data());
        benchmark::DoNotOptimize(C.data());
        benchmark::ClobberMemory();
    }
    state.counters["GFLOP/s"] = benchmark::Counter(2.0 * double(s.m) * double(s.n) * double(s.k),
        benchmark::Counter::kIsIterationInvariantRate, benchmark::Counter::kIs1000);
}

void ours(benchmark::State& state, Shape s)
{
    ws::setThreadCount(int(state.range(0)));
    run(state, s, [&](const float* A, const float* B, float* C) {
        ws::gemm(s.transA, s.transB, s.m, s.n, s.k, A, B, C, false);
    });
}

void openblas(benchmark::State& state, Shape s)
{
    openblas_set_num_threads(int(state.range(0)));
    const int lda = int(s.transA ? s.m : s.k), ldb = int(s.transB ? s.k : s.n);
    run(state, s, [&](const float* A, const float* B, float* C) {
        cblas_sgemm(CblasRowMajor, s.transA ? CblasTrans : CblasNoTrans, s.transB ? CblasTrans : CblasNoTrans,
            int(s.m), int(s.n), int(s.k), 1.0f, A, lda, B, ldb, 0.0f, C, int(s.n));
    });
}

const bool registered = [] {
    for (const Shape& s : kShapes) {
        const std::string name = std::string(s.what) + " " + std::to_string(s.m) + "x" + std::to_string(s.n)
            + "x" + std::to_string(s.k);
        benchmark::RegisterBenchmark(("ws/" + name).c_str(), ours, s)->Arg(1)->Arg(2)->MeasureProcessCPUTime();
        benchmark::RegisterBenchmark(("openblas/" + name).c_str(), openblas, s)->Arg(1)->Arg(2)->MeasureProcessCPUTime();
    }
    return true;
}();

} // namespace

BENCHMARK_MAIN();
