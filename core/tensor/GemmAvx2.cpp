// ws::gemm for CPUs with AVX2 and FMA; built with -mavx2 -mfma (core/CMakeLists.txt).
// Eigen is renamed in this file only, so its inline functions compiled for AVX2 get their own
// symbol names and can never replace the baseline ones (see Gemm.h). Include nothing that
// includes Eigen under its real name.
#define Eigen ws_eigen_avx2
#include "tensor/GemmKernel.h"

namespace ws::avx2 {

void gemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, const float* A, const float* B, float* C,
    bool accumulate)
{
    gemm_kernel::run(transA, transB, m, n, k, A, B, C, accumulate);
}

void setThreads(int n) { gemm_kernel::setThreads(n); }

} // namespace ws::avx2
