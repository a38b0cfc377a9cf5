// SPDX-License-Identifier: GPL-3.0-or-later
// The machine's limit for single-precision FMA work: a loop of fused multiply-adds on registers
// only (no memory traffic), as wide as the CPU allows, on 1 … N threads. It is the number
// bench/compare_pytorch.py divides by to say what share of the machine a training reaches (#23).
//
//     bench_fma_peak [--json] [--seconds S]
//
// Each thread runs 12 independent accumulator chains: an FMA has a latency of 4 cycles and two
// units issue one each per cycle on the cores this project measures on, so at least 8 chains are
// needed to keep both busy; 12 leave room for CPUs with longer latency. A vector FMA counts as
// 2 × lanes FLOPs. The best of 5 repetitions of each measurement is kept (the machine is shared;
// the peak is what it can do, not what it did on average). Runtime dispatch: AVX-512F if the CPU
// has it, AVX2+FMA too (both are printed), so the program runs on any x86-64.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace {

constexpr int kChains = 12;

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) float fmaLoopAvx2(int64_t iterations)
{
    __m256 acc[kChains];
    for (int c = 0; c < kChains; ++c)
        acc[c] = _mm256_set1_ps(float(c) * 1e-3f);
    const __m256 a = _mm256_set1_ps(0.999999f), b = _mm256_set1_ps(1e-7f);
    for (int64_t i = 0; i < iterations; ++i)
        for (int c = 0; c < kChains; ++c)
            acc[c] = _mm256_fmadd_ps(acc[c], a, b);
    __m256 sum = acc[0];
    for (int c = 1; c < kChains; ++c)
        sum = _mm256_add_ps(sum, acc[c]);
    float out[8];
    _mm256_storeu_ps(out, sum);
    return out[0]; // kept so the compiler cannot drop the loop
}

__attribute__((target("avx512f"))) float fmaLoopAvx512(int64_t iterations)
{
    __m512 acc[kChains];
    for (int c = 0; c < kChains; ++c)
        acc[c] = _mm512_set1_ps(float(c) * 1e-3f);
    const __m512 a = _mm512_set1_ps(0.999999f), b = _mm512_set1_ps(1e-7f);
    for (int64_t i = 0; i < iterations; ++i)
        for (int c = 0; c < kChains; ++c)
            acc[c] = _mm512_fmadd_ps(acc[c], a, b);
    __m512 sum = acc[0];
    for (int c = 1; c < kChains; ++c)
        sum = _mm512_add_ps(sum, acc[c]);
    return _mm512_reduce_add_ps(sum);
}
#endif

struct Isa {
    const char* name;
    int lanes;
    float (*loop)(int64_t);
};

volatile float sink;

// GFLOP/s of `threads` threads each running `iterations` of the loop (best of 5).
double measure(const Isa& isa, int threads, int64_t iterations)
{
    double best = 0;
    for (int rep = 0; rep < 5; ++rep) {
        std::vector<std::thread> pool;
        std::vector<float> results(static_cast<size_t>(threads));
        const auto start = std::chrono::steady_clock::now();
        for (int t = 0; t < threads; ++t)
            pool.emplace_back([&, t] { results[size_t(t)] = isa.loop(iterations); });
        for (auto& th : pool)
            th.join();
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        for (float r : results)
            sink = sink + r;
        const double flops = double(threads) * double(iterations) * kChains * isa.lanes * 2.0;
        best = std::max(best, flops / seconds / 1e9);
    }
    return best;
}

} // namespace

int main(int argc, char** argv)
{
    bool json = false;
    double seconds = 0.2; // per repetition and thread count
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--json") == 0)
            json = true;
        else if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc)
            seconds = std::max(0.01, std::atof(argv[++i]));
        else {
            std::fprintf(stderr, "usage: bench_fma_peak [--json] [--seconds S]\n");
            return 2;
        }
    }
    std::vector<Isa> isas;
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        isas.push_back({ "avx2", 8, fmaLoopAvx2 });
    if (__builtin_cpu_supports("avx512f"))
        isas.push_back({ "avx512", 16, fmaLoopAvx512 });
#endif
    if (isas.empty()) {
        std::fprintf(stderr, "bench_fma_peak: this CPU has neither AVX2+FMA nor AVX-512F\n");
        return 1;
    }
    const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
    std::string out = "{\"peaks\": [";
    bool first = true;
    for (const Isa& isa : isas) {
        // Calibrate the iteration count to about `seconds` on one thread.
        int64_t iterations = 1 << 20;
        for (;;) {
            const auto start = std::chrono::steady_clock::now();
            sink = sink + isa.loop(iterations);
            const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            if (s >= seconds / 4 || iterations > (int64_t(1) << 40))
                break;
            iterations *= 2;
        }
        for (int threads = 1; threads <= cores; ++threads) {
            const double gflops = measure(isa, threads, iterations);
            if (json) {
                char line[160];
                std::snprintf(line, sizeof line, "%s{\"isa\": \"%s\", \"threads\": %d, \"gflops\": %.1f}",
                    first ? "" : ", ", isa.name, threads, gflops);
                out += line;
                first = false;
            } else {
                std::printf("%-7s %d thread(s): %7.1f GFLOP/s (fp32 FMA, registers only)\n", isa.name, threads, gflops);
            }
        }
    }
    if (json)
        std::printf("%s]}\n", out.c_str());
    return 0;
}
