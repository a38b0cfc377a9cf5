// SPDX-License-Identifier: GPL-3.0-or-later
// The two dense steps of the exact spectrum (analysis/Spectrum.h), done by the system's BLAS and
// LAPACK (Debian's libblas.so.3 / liblapack.so.3: OpenBLAS when installed, chosen at run time by the
// alternatives system): adding a block's X Xᵀ into the Gram matrix (BLAS dsyrk) and every
// eigenvalue of that matrix (LAPACK dsyevd_2stage). Eigen's own SelfAdjointEigenSolver tridiagonalises
// with level-2 operations on one thread; for a 4096-side matrix it took 24 s of CPU where LAPACK's
// blocked reduction needs a fraction (docs/benchmarks.md, "Spectrum of a 4096 × 11008 matrix").
#pragma once

#include <Eigen/Dense>

namespace ws {

// G += X Xᵀ, the lower triangle only (the upper one is left as it was). G (k × k), X (k × b).
void addGramLower(Eigen::MatrixXd& G, const Eigen::MatrixXd& X);

// Every eigenvalue of the symmetric matrix whose lower triangle G holds, ascending. G is
// overwritten. Throws Error when LAPACK reports no convergence.
Eigen::VectorXd symmetricEigenvalues(Eigen::MatrixXd& G);

} // namespace ws
