// SPDX-License-Identifier: GPL-3.0-or-later
// Times TensorStats on a Llama-sized matrix: a 4096x11008 BF16 tensor (an MLP up_proj of a
// 7B model, 90 MB) in a safetensors file written to the temporary folder, read through the
// memory-mapped reader. Target (docs/DESIGN.md machine, 2 cores): under 150 ms with 2 threads.
// The same matrix as Q4_K in a GGUF file (25 MB, dequantised while streaming): under 300 ms.
//   build/s/bench/bench_stats --benchmark_min_time=2
#include "analysis/Downsample.h"
#include "analysis/TensorStats.h"
#include "io/GgufReader.h"
#include "io/SafetensorsReader.h"
#include "tensor/DType.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <omp.h>
#include <unistd.h>

namespace {

constexpr int64_t kRows = 4096, kCols = 11008;

const std::string& benchFile()
{
    static const std::string path = [] {
        const std::string p = (std::filesystem::temp_directory_path()
            / ("ws_bench_stats_" + std::to_string(::getpid()) + ".safetensors")).string();
        const int64_t n = kRows * kCols;
        std::string header = R"({"w":{"dtype":"BF16","shape":[4096,11008],"data_offsets":[0,)"
            + std::to_string(2 * n) + "]}}";
        header.append((8 - header.size() % 8) % 8, ' ');
        std::ofstream out(p, std::ios::binary);
        const uint64_t len = header.size();
        for (int i = 0; i < 8; ++i)
            out.put(char(uint8_t(len >> (8 * i))));
        out << header;
        std::mt19937 rng(1);
        std::normal_distribution<float> normal(0.0f, 0.02f);
        std::vector<uint16_t> row(static_cast<size_t>(kCols));
        for (int64_t r = 0; r < kRows; ++r) {
            for (auto& v : row)
                v = ws::floatToBfloat16(normal(rng));
            out.write(reinterpret_cast<const char*>(row.data()), std::streamsize(row.size() * 2));
        }
        std::atexit([] { std::remove(benchFile().c_str()); });
        return p;
    }();
    return path;
}

void BM_StatsBf16_4096x11008(benchmark::State& state)
{
    ws::SafetensorsFile file(benchFile());
    const int threads = int(state.range(0));
    for (auto _ : state) {
        const ws::TensorStats s = ws::computeTensorStats(file, 0, threads);
        benchmark::DoNotOptimize(s);
    }
    state.SetItemsProcessed(state.iterations() * kRows * kCols);
    state.SetBytesProcessed(state.iterations() * kRows * kCols * 2);
}
// Real time is the target; process CPU time (all threads) shows what contention on a shared
// machine hides: on idle cores, wall time with 2 threads is about half of it.
BENCHMARK(BM_StatsBf16_4096x11008)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();

// The inspector's heatmap of the same matrix: pooled to 614 × 397 cells (what the main window
// asks for at its default size), min/max/mean per cell, on 1 or 2 OpenMP threads.
void BM_DownsampleBf16_4096x11008(benchmark::State& state)
{
    ws::SafetensorsFile file(benchFile());
    omp_set_num_threads(int(state.range(0)));
    const ws::ElementSource source = ws::tensorSource(file, 0);
    const ws::View2D view = ws::makeView(file.tensors()[0].shape, ws::defaultSlice(file.tensors()[0].shape));
    for (auto _ : state) {
        const ws::Heatmap h = ws::downsample(source, view, 614, 397);
        benchmark::DoNotOptimize(h);
    }
    omp_set_num_threads(omp_get_num_procs());
    state.SetItemsProcessed(state.iterations() * kRows * kCols);
}
BENCHMARK(BM_DownsampleBf16_4096x11008)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();

// One Q4_K tensor, ne = [11008, 4096], of random valid blocks (d = 0.001, dmin = 0.0005).
const std::string& ggufFile()
{
    static const std::string path = [] {
        const std::string p = (std::filesystem::temp_directory_path()
            / ("ws_bench_stats_" + std::to_string(::getpid()) + ".gguf")).string();
        std::string head("GGUF", 4);
        const auto put = [&head](uint64_t v, int bytes) {
            for (int i = 0; i < bytes; ++i)
                head += char(uint8_t(v >> (8 * i)));
        };
        put(3, 4), put(1, 8), put(0, 8);                 // version, one tensor, no metadata
        put(1, 8), head += "w", put(2, 4), put(kCols, 8), put(kRows, 8), put(12, 4), put(0, 8);
        head.append((32 - head.size() % 32) % 32, '\0');
        std::ofstream out(p, std::ios::binary);
        out << head;
        std::mt19937 rng(1);
        std::vector<uint8_t> block(144);
        for (int64_t b = 0; b < kRows * kCols / 256; ++b) {
            for (auto& v : block)
                v = uint8_t(rng());
            block[0] = 0x19, block[1] = 0x14; // 0.001 as float16
            block[2] = 0x19, block[3] = 0x10; // 0.0005
            out.write(reinterpret_cast<const char*>(block.data()), std::streamsize(block.size()));
        }
        std::atexit([] { std::remove(ggufFile().c_str()); });
        return p;
    }();
    return path;
}

void BM_StatsQ4K_4096x11008(benchmark::State& state)
{
    ws::GgufFile file(ggufFile());
    const int threads = int(state.range(0));
    for (auto _ : state) {
        const ws::TensorStats s = ws::computeTensorStats(file, 0, threads);
        benchmark::DoNotOptimize(s);
    }
    state.SetItemsProcessed(state.iterations() * kRows * kCols);
}
BENCHMARK(BM_StatsQ4K_4096x11008)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();

} // namespace

BENCHMARK_MAIN();
