// SPDX-License-Identifier: GPL-3.0-or-later
// The model health report (#18 item 4): for every 2-D weight and 4-D convolution kernel of a
// file, the spectral metrics WeightWatcher computes (Martin & Mahoney, "Implicit
// self-regularization in deep neural networks", JMLR 22, 2021), every layer included:
//   - α, the power-law exponent of the eigenvalues λ = σ² (analysis/Spectrum.h, Clauset et al.);
//   - the spectral norm σ_max, the Frobenius norm and the stable rank ‖W‖_F² / σ_max²;
//   - the Marchenko–Pastur bulk edge λ+ = s² (√N + √M)² of an N × M matrix of i.i.d. elements of
//     variance s² (Marchenko & Pastur, Math. USSR-Sbornik 1, 1967), the MP soft rank λ+ / λ_max
//     (Martin & Mahoney 2021), and the outliers: eigenvalues above the edge plus four Tracy–Widom
//     scales, s² (√N + √M)(1/√N + 1/√M)^(1/3) (Johnstone, Ann. Statist. 29, 2001), so that a
//     random matrix's own largest eigenvalue (within ~2 scales of λ+) does not count;
//   - the share of elements exactly zero (sparsity) and the largest |w|.
// s² is estimated from the matrix: the mean square of its elements, ‖W‖_F² / (N·M), with the
// energy of the outliers taken out and the count redone until it stops changing (a spike of
// rank r inflates the plain mean square by σ_spike² / (N·M), which would lift the edge), but never
// past the point where the outliers would hold over half of ‖W‖_F² (no bulk is left to estimate).
//
// Methods. A matrix whose smaller side is at most HealthOptions::exactMaxSide (kSpectrumMaxSide)
// gets every eigenvalue, exactly, as the Spectrum dock computes them (Gram matrix in double,
// LAPACK's dsyevd_2stage). A larger one is not skipped: its top k eigenvalues come from randomized
// subspace iteration on the Gram matrix G (Halko, Martinsson & Tropp, "Finding structure with
// randomness", SIAM Review 53, 2011, Algorithms 4.4 and 5.3 applied to G = WᵀW or WWᵀ): a Gaussian
// start Ω of k + p columns, Q = orth(G Q) repeated, each product G Q = Σ X (Xᵀ Q) one streamed pass
// over the tensor, then the Rayleigh–Ritz values of Qᵀ G Q. Such a row says "randomized, top k";
// its α is fitted to those k eigenvalues (the tail, with xmin among them), its stable rank uses
// the exact Frobenius norm, and an outlier count equal to k means "at least k".
//
// Memory: one streamed block (8 MiB) plus, exactly, the Gram matrix (≤ 128 MiB at 4096, reduced
// in place) and a few MiB of eigensolver workspace, or, randomized, a few (smaller side × (k + p))
// double matrices. The pages of a mapped tensor are given back once it is read
// (WeightFile::releaseTensor). The spectrum of a 4096 × 11008 matrix peaked at 305 MB resident
// (docs/benchmarks.md, "Spectrum of a 4096 × 11008 matrix").
// Results are cached per file in the caller's cache folder (one JSON file a weight file, written
// atomically), keyed by the path, size and modification time of the file and each tensor's name
// and shape, so that a second report of an unchanged file reads no tensor.
#pragma once

#include "analysis/ConvGrid.h"
#include "analysis/Spectrum.h"
#include "io/WeightFile.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <limits>
#include <string>
#include <vector>

namespace ws {

struct HealthOptions {
    int64_t exactMaxSide = kSpectrumMaxSide; // a larger smaller side: the randomized method
    int topK = 64;        // eigenvalues the randomized method reports
    int oversample = 16;  // extra columns of the start matrix (HMT 2011 §4.2: 5–10 are usually enough)
    int iterations = 5;   // products by G after the first; each is one pass over the tensor
    uint64_t seed = 20261206;
    std::string key() const; // what a cache entry was computed with
};

enum class HealthMethod { Exact, Randomized };

inline constexpr double kHealthNaN = std::numeric_limits<double>::quiet_NaN();

struct HealthRow {
    std::string name;
    Shape shape;
    int64_t rows = 0, cols = 0;  // the matrix as shown: (out, in·kh·kw) for a kernel
    bool reshaped = false;
    HealthMethod method = HealthMethod::Exact;
    int64_t eigenvalues = 0;     // computed: min(rows, cols) exactly, or the top k
    PowerLawFit fit;             // α of λ = σ²
    double spectralNorm = kHealthNaN; // σ_max
    double frobenius = kHealthNaN;    // ‖W‖_F
    double stableRank = kHealthNaN;   // ‖W‖_F² / σ_max²
    double mpVariance = kHealthNaN;   // s², the estimated variance of the bulk's elements
    double mpEdge = kHealthNaN;       // λ+ = s² (√rows + √cols)²
    double mpSoftRank = kHealthNaN;   // λ+ / λ_max
    int64_t outliers = 0;             // λ above λ+ + 4 Tracy–Widom scales
    bool outliersAtLeast = false;     // randomized and every one of the top k is an outlier
    double sparsity = kHealthNaN;     // share of elements exactly 0
    double maxAbs = kHealthNaN;
    std::string error;                // why there are no numbers (NaN/Inf elements, ...); empty: fine
    bool cached = false;              // read from the cache, not computed now
};

struct HealthReport {
    std::string path, format;
    std::vector<HealthRow> rows;      // the file's 2-D and 4-D tensors, in file order
    int64_t otherTensors = 0;         // of other ranks (biases, norms, scalars): no spectrum
    int64_t randomized = 0, cached = 0, failed = 0;
    std::string cacheFile;            // where the results were stored ("" without a cache folder)
    std::string cacheNote;            // why the cache could not be read or written, if so
};

// fraction of the whole report 0..1, the tensor being worked on
using HealthProgress = std::function<void(double fraction, const std::string& tensor)>;
using HealthRowDone = std::function<void(const HealthRow& row, size_t position)>;

// One matrix. Throws Error (bad shape, NaN/Inf) and Cancelled.
HealthRow analyseHealth(const ElementSource& source, const std::string& name, const Shape& shape, ConvLayout layout,
    const HealthOptions& options = {}, const CancelCheck& cancel = {}, const std::function<void(double)>& progress = {});

// The MP edge, soft rank and outliers of `lambda` (descending; all of them, or the top ones when
// `partial`) for a rows × cols matrix whose squared Frobenius norm is frobenius2. Fills those
// fields of `row`.
void fitMarchenkoPastur(HealthRow& row, const std::vector<double>& lambda, double frobenius2, bool partial);

// Every 2-D and 4-D tensor of `file`; a tensor that fails becomes a row with `error`. cacheDir ""
// means no cache. Throws Cancelled (after storing what was computed in the cache).
HealthReport computeHealth(const WeightFile& file, const std::string& cacheDir, const HealthOptions& options = {},
    const CancelCheck& cancel = {}, const HealthProgress& progress = {}, const HealthRowDone& rowDone = {});

// $XDG_CACHE_HOME/weightscope/health, else ~/.cache/weightscope/health (XDG Base Directory): the
// command line and the GUI share it, so a report made by one is instant in the other.
std::string defaultHealthCacheDir();

// "exact" or "randomized, top k"
std::string healthMethodText(const HealthRow& row);

nlohmann::json healthRowJson(const HealthRow& row);
HealthRow healthRowFromJson(const nlohmann::json& j); // throws nlohmann exceptions on a bad entry
nlohmann::json healthReportJson(const HealthReport& report);
void writeHealthCsv(std::ostream& out, const HealthReport& report);

} // namespace ws
