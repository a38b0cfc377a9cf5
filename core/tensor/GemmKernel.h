// SPDX-License-Identifier: GPL-3.0-or-later
// ws::gemm for CPUs without AVX2 (Gemm.cpp): Eigen's product on the x86-64 baseline.
#pragma once

#include <Eigen/Core>

#include <cstdint>

namespace ws::gemm_kernel {

using Mat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Map = Eigen::Map<Mat>;
using ConstMap = Eigen::Map<const Mat>;

inline void run(bool transA, bool transB, int64_t m, int64_t n, int64_t k, const float* A, const float* B, float* C,
    bool accumulate)
{
    Map c(C, m, n);
    const ConstMap a(A, transA ? k : m, transA ? m : k);
    const ConstMap b(B, transB ? n : k, transB ? k : n);
    auto product = [&](const auto& lhs, const auto& rhs) {
        if (accumulate)
            c.noalias() += lhs * rhs;
        else
            c.noalias() = lhs * rhs;
    };
    if (transA && transB)
        product(a.transpose(), b.transpose());
    else if (transA)
        product(a.transpose(), b);
    else if (transB)
        product(a, b.transpose());
    else
        product(a, b);
}

} // namespace ws::gemm_kernel
