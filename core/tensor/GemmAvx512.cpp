// ws::gemm for CPUs with AVX-512 (F, DQ, VL, BW); built with those flags plus -mavx2 -mfma
// (core/CMakeLists.txt). Eigen's product kernel then works on 16 floats per register and keeps
// a 48 x 4 block of C in registers, against 24 x 4 for AVX2: about 1.6x the AVX2 variant at the
// models' shapes (docs/benchmarks.md). Eigen is renamed here for the same reason as in
// GemmAvx2.cpp: no inline function compiled for AVX-512 may be picked for other code.
#define Eigen ws_eigen_avx512
#include "tensor/GemmKernel.h"

namespace ws::avx512 {

void gemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, const float* A, const float* B, float* C,
    bool accumulate)
{
    gemm_kernel::run(transA, transB, m, n, k, A, B, C, accumulate);
}

void setThreads(int n) { gemm_kernel::setThreads(n); }

} // namespace ws::avx512
