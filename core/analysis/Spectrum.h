// SPDX-License-Identifier: GPL-3.0-or-later
// The spectrum of a weight matrix: its singular values σ and a power-law fit of the tail of its
// empirical spectral density (the eigenvalues λ = σ² of WᵀW), the "alpha" of WeightWatcher
// (Martin & Mahoney, "Implicit self-regularization in deep neural networks", JMLR 2021). The
// inspector's Spectrum dock draws it; nothing here knows Qt.
//
// How σ is computed (measured in docs/benchmarks.md): the Gram matrix of the smaller side,
// G = XᵀX or XXᵀ (k × k, k = min(rows, cols)), is accumulated in double precision while the
// tensor is streamed in blocks (BLAS dsyrk), then its eigenvalues come from LAPACK's dsyevd_2stage
// (analysis/SymmetricEigen.h); σ = sqrt(max(λ, 0)). This reads the tensor once, never holds it in
// memory (only G), and is several times faster than an SVD of the whole matrix. Squaring costs precision only for σ below
// about 1e-8 σ_max, far under what float32 weights resolve anyway.
//
// A 4-D convolution kernel is seen as the matrix (out, in·kh·kw): for OIHW that is its C-order
// reshape; for HWIO the C-order reshape (kh·kw·in, out) is that matrix transposed with its columns
// permuted, which has the same singular values.
#pragma once

#include "analysis/ConvGrid.h"
#include "analysis/TensorView.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ws {

// The bound: the smaller side of the matrix at most this, so that G (k² doubles, 128 MiB, reduced
// in place) and the eigensolver's workspace (a few MiB: dsyevd_2stage computes eigenvalues only)
// stay well inside a desktop's memory budget of ~300 MiB (docs/cli.md, "health").
inline constexpr int64_t kSpectrumMaxSide = 4096;
// Fewer tail points than this give no fit (the estimate's error is about (α − 1)/√n).
inline constexpr int64_t kPowerLawMinTail = 10;
// Eigenvalues at or below this times the largest count as zero (σ below 1e-5 σ_max): the Gram
// matrix resolves no finer, and a rank-deficient matrix's zeros are no part of its density.
inline constexpr double kSpectrumZeroEigenvalue = 1e-10;

// Clauset, Shalizi & Newman, "Power-law distributions in empirical data", SIAM Review 51 (2009):
// for every candidate xmin (each distinct positive value), the continuous maximum-likelihood
// α = 1 + n / Σ ln(xᵢ / xmin) over the n values ≥ xmin, and the Kolmogorov–Smirnov distance
// D = max |S(x) − P(x)| between the tail's empirical CDF S and the fitted P(x) = 1 − (x/xmin)^(1−α);
// the xmin with the smallest D wins (ties: the larger tail). Only candidates leaving at least
// kPowerLawMinTail values are tried.
struct PowerLawFit {
    bool valid = false;
    double alpha = 0, xmin = 0, ks = 0;
    int64_t tailCount = 0;
    std::string note; // why there is no fit, when !valid
};

// `values` in any order; zeros, negative and non-finite values are left out, and so are those at
// or below kSpectrumZeroEigenvalue × the largest.
PowerLawFit fitPowerLaw(std::vector<double> values);

struct Spectrum {
    int64_t rows = 0, cols = 0; // the matrix whose singular values these are
    bool reshaped = false;      // a 4-D kernel seen as (out, in·kh·kw)
    std::vector<double> sigma;  // singular values, largest first, min(rows, cols) of them
    PowerLawFit fit;            // of λ = σ²
};

// The matrix a tensor of `shape` is seen as: (rows, cols) for 2-D, (out, in·kh·kw) for 4-D.
// Throws Error with a message for other ranks, empty tensors, and a smaller side above maxSide
// (the model health report, which has a method for larger ones, passes no bound).
struct SpectrumMatrix {
    int64_t rows = 0, cols = 0;         // as read in C order from the tensor
    int64_t shownRows = 0, shownCols = 0; // as described to the user: (out, in·kh·kw)
    bool reshaped = false;
};
SpectrumMatrix spectrumMatrix(const Shape& shape, ConvLayout layout, int64_t maxSide = kSpectrumMaxSide);

// For drawing: the density of the positive `values` in `bins` logarithmically spaced bins
// between the smallest and largest (counts / (n · bin width), so it integrates to 1), the bins'
// geometric centres and densities; empty bins are left out (a log axis cannot show zero).
struct LogDensity {
    std::vector<double> centre, density;
};
LogDensity logDensity(const std::vector<double>& values, int bins);

// The fitted power law drawn over the data: the density of all n values at x ≥ xmin,
// (tail / n) · (α − 1) / xmin · (x / xmin)^(−α); and the value of rank r (1 = largest) that the
// fit predicts in the tail, xmin · (r / tail)^(−1 / (α − 1)).
double powerLawDensity(const PowerLawFit& fit, int64_t n, double x);
double powerLawRankValue(const PowerLawFit& fit, double rank);

using SpectrumProgress = std::function<void(double fraction)>; // 0..1, after each block
// Sees every element once, a block at a time, in no stated order (the health report counts
// zeros and the largest |x| in the same pass).
using BlockObserver = std::function<void(const double* values, int64_t count)>;

// Throws Error (NaN/Inf elements, bad shape, too large), Cancelled when `cancel` says so between
// blocks (the final eigensolver step cannot be interrupted: it is bounded by kSpectrumMaxSide).
Spectrum computeSpectrum(const ElementSource& source, const Shape& shape, ConvLayout layout,
    const CancelCheck& cancel = {}, const SpectrumProgress& progress = {}, const BlockObserver& observe = {});

} // namespace ws
