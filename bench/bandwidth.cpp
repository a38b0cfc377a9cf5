// SPDX-License-Identifier: GPL-3.0-or-later
// The machine's limit for memory-bound work: STREAM-like loops (McCalpin's STREAM: copy
// a = b, triad a = b + s c; and a read-only sum) over float arrays whose working set lives in
// L1, L2, the last-level cache or DRAM, on 1 … N threads. Activations, pooling, the loss, dropout
// and the optimizer step move a few bytes per FLOP, so their ceiling is this one, not
// bench_fma_peak's (#23 item 3; docs/benchmarks.md "Everything else a step touches").
//
//     bench_bandwidth [--json] [--max-mib M]
//
// Bytes are counted as STREAM counts them: what the loop reads plus what it writes (copy 8 B an
// element, triad 12, read 4), not the extra line reads a store that misses the cache costs. The
// engine's benchmarks in bench_layers count their bytes the same way, so the two compare
// directly. Each thread works on arrays of its own (first touched by itself); a size is the
// working set of one thread, all its arrays together. The best of 5 repetitions is kept (the
// machine is shared; the limit is what it can do). The loops are plain C++ built for AVX-512F,
// AVX2 and the baseline; the widest the CPU has runs (printed).
#include <algorithm>
#include <barrier>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

enum class Kernel { Read, Copy, Triad };
constexpr const char* kKernelNames[] = { "read", "copy", "triad" };
constexpr int kArrays[] = { 1, 2, 3 };       // arrays each kernel touches
constexpr int kBytesPerElement[] = { 4, 8, 12 }; // read + written, STREAM's count

// One pass of the kernel over n elements. 128 partial sums let the read loop vectorise without
// -ffast-math, in enough independent chains to hide the latency of an add; the order of the sum
// does not matter here.
#define WS_STREAM_KERNELS(suffix, attr)                                                                  \
    attr float readPass##suffix(const float* __restrict a, int64_t n)                                    \
    {                                                                                                    \
        float acc[128] = {};                                                                              \
        for (int64_t i = 0; i + 128 <= n; i += 128)                                                      \
            for (int j = 0; j < 128; ++j)                                                                \
                acc[j] += a[i + j];                                                                      \
        float s = 0;                                                                                     \
        for (float v : acc)                                                                              \
            s += v;                                                                                      \
        return s;                                                                                        \
    }                                                                                                    \
    attr void copyPass##suffix(float* __restrict a, const float* __restrict b, int64_t n)                \
    {                                                                                                    \
        for (int64_t i = 0; i < n; ++i)                                                                  \
            a[i] = b[i];                                                                                 \
    }                                                                                                    \
    attr void triadPass##suffix(float* __restrict a, const float* __restrict b, const float* __restrict c, \
        float s, int64_t n)                                                                              \
    {                                                                                                    \
        for (int64_t i = 0; i < n; ++i)                                                                  \
            a[i] = b[i] + s * c[i];                                                                      \
    }

WS_STREAM_KERNELS(Base, )
#if defined(__x86_64__)
WS_STREAM_KERNELS(Avx2, __attribute__((target("avx2"))))
WS_STREAM_KERNELS(Avx512, __attribute__((target("avx512f"))))
#endif

struct Isa {
    const char* name;
    float (*read)(const float*, int64_t);
    void (*copy)(float*, const float*, int64_t);
    void (*triad)(float*, const float*, const float*, float, int64_t);
};

volatile float sink;

// GB/s of `threads` threads, each running the kernel over its own working set of `bytes`.
double measure(const Isa& isa, Kernel kernel, int threads, int64_t bytes)
{
    const int64_t n = std::max<int64_t>(128, bytes / (4 * kArrays[int(kernel)]) / 128 * 128);
    // Enough passes that one measurement moves about 256 MiB a thread (a few ms in cache).
    const int64_t passes = std::max<int64_t>(2, (int64_t(256) << 20) / (n * kBytesPerElement[int(kernel)]));
    constexpr int kReps = 5;
    std::vector<double> seconds(kReps);
    std::barrier sync(threads);
    auto work = [&](int t) {
        std::vector<float> a(size_t(n), 1.0f), b(size_t(n), 2.0f), c(size_t(n), 0.5f);
        float local = 0;
        for (int rep = 0; rep < kReps; ++rep) {
            sync.arrive_and_wait();
            const auto start = std::chrono::steady_clock::now();
            for (int64_t p = 0; p < passes; ++p) {
                switch (kernel) {
                case Kernel::Read:
                    local += isa.read(a.data(), n);
                    break;
                case Kernel::Copy:
                    isa.copy(a.data(), b.data(), n);
                    break;
                case Kernel::Triad:
                    isa.triad(a.data(), b.data(), c.data(), 0.5f, n);
                    break;
                }
            }
            sync.arrive_and_wait();
            if (t == 0)
                seconds[size_t(rep)] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        }
        sink = sink + local + a[size_t(n / 2)];
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t)
        pool.emplace_back(work, t);
    work(0);
    for (auto& th : pool)
        th.join();
    const double best = *std::min_element(seconds.begin(), seconds.end());
    return double(threads) * double(passes) * double(n) * kBytesPerElement[int(kernel)] / best / 1e9;
}

std::string sizeLabel(int64_t bytes)
{
    return bytes >= (int64_t(1) << 20) ? std::to_string(bytes >> 20) + " MiB" : std::to_string(bytes >> 10) + " KiB";
}

} // namespace

int main(int argc, char** argv)
{
    bool json = false;
    int64_t maxMib = 1024;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--json") == 0)
            json = true;
        else if (std::strcmp(argv[i], "--max-mib") == 0 && i + 1 < argc)
            maxMib = std::max<int64_t>(1, std::atoll(argv[++i]));
        else {
            std::fprintf(stderr, "usage: bench_bandwidth [--json] [--max-mib M]\n");
            return 2;
        }
    }
    Isa isa { "baseline", readPassBase, copyPassBase, triadPassBase };
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f"))
        isa = { "avx512", readPassAvx512, copyPassAvx512, triadPassAvx512 };
    else if (__builtin_cpu_supports("avx2"))
        isa = { "avx2", readPassAvx2, copyPassAvx2, triadPassAvx2 };
#endif
    // Working sets from L1 to well past any last-level cache.
    std::vector<int64_t> sizes;
    for (int64_t kib : { 32, 256, 1024, 4096, 16384, 65536 })
        if (kib <= maxMib * 1024)
            sizes.push_back(kib << 10);
    if (maxMib > 64)
        sizes.push_back(maxMib << 20);
    const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
    std::string out = std::string("{\"isa\": \"") + isa.name + "\", \"results\": [";
    bool first = true;
    if (!json) {
        std::printf("GB/s (bytes read + written per second, best of 5), %s loops; columns: working set per thread\n",
            isa.name);
        std::printf("%-6s %-7s", "loop", "threads");
        for (int64_t s : sizes)
            std::printf(" %9s", sizeLabel(s).c_str());
        std::printf("\n");
    }
    for (Kernel kernel : { Kernel::Read, Kernel::Copy, Kernel::Triad }) {
        for (int threads = 1; threads <= cores; ++threads) {
            if (!json)
                std::printf("%-6s %-7d", kKernelNames[int(kernel)], threads);
            for (int64_t s : sizes) {
                const double gbs = measure(isa, kernel, threads, s);
                if (json) {
                    char line[200];
                    std::snprintf(line, sizeof line, "%s{\"loop\": \"%s\", \"threads\": %d, \"bytes\": %lld, \"gbs\": %.1f}",
                        first ? "" : ", ", kKernelNames[int(kernel)], threads, static_cast<long long>(s), gbs);
                    out += line;
                    first = false;
                } else {
                    std::printf(" %9.1f", gbs);
                    std::fflush(stdout);
                }
            }
            if (!json)
                std::printf("\n");
        }
    }
    if (json)
        std::printf("%s]}\n", out.c_str());
    return 0;
}
