// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/Spectrum.h"
#include "analysis/GramBlocks.h"
#include "analysis/SymmetricEigen.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ws {

namespace {

constexpr int64_t kBlockElements = int64_t(1) << 20; // per streamed block (8 MiB as doubles)

std::string dims(int64_t r, int64_t c) { return std::to_string(r) + " × " + std::to_string(c); }

void requireFinite(const float* v, int64_t n)
{
    for (int64_t i = 0; i < n; ++i)
        if (!std::isfinite(v[i]))
            throw Error("the matrix has NaN or infinite elements: its singular values are undefined");
}

} // namespace

PowerLawFit fitPowerLaw(std::vector<double> values)
{
    PowerLawFit fit;
    double largest = 0;
    for (double v : values)
        if (std::isfinite(v))
            largest = std::max(largest, v);
    const double floor = largest * kSpectrumZeroEigenvalue;
    std::erase_if(values, [floor](double v) { return !std::isfinite(v) || v <= floor; });
    std::sort(values.begin(), values.end());
    const int64_t n = int64_t(values.size());
    if (n < kPowerLawMinTail) {
        fit.note = "too few nonzero eigenvalues (" + std::to_string(n) + ") for a power-law fit; at least "
            + std::to_string(kPowerLawMinTail) + " are needed";
        return fit;
    }
    // suffix[i] = Σ_{j ≥ i} ln x_j: each candidate's α in O(1), its KS distance in O(tail).
    std::vector<double> suffix(size_t(n) + 1, 0.0);
    for (int64_t i = n - 1; i >= 0; --i)
        suffix[size_t(i)] = suffix[size_t(i) + 1] + std::log(values[size_t(i)]);

    double bestD = std::numeric_limits<double>::infinity();
    for (int64_t start = 0; start + kPowerLawMinTail <= n; ++start) {
        if (start > 0 && values[size_t(start)] == values[size_t(start) - 1])
            continue; // each distinct value once, with all its copies in the tail
        const double xmin = values[size_t(start)];
        const int64_t m = n - start;
        const double logSum = suffix[size_t(start)] - double(m) * std::log(xmin);
        if (!(logSum > 0))
            continue; // every tail value equal to xmin: no slope to fit
        const double alpha = 1.0 + double(m) / logSum;
        double d = 0;
        for (int64_t i = 0; i < m; ++i) {
            const double p = 1.0 - std::pow(values[size_t(start + i)] / xmin, 1.0 - alpha);
            d = std::max({ d, p - double(i) / double(m), double(i + 1) / double(m) - p });
        }
        if (d < bestD) { // strict: on a tie the earlier (larger) tail stays
            bestD = d;
            fit.valid = true;
            fit.alpha = alpha;
            fit.xmin = xmin;
            fit.ks = d;
            fit.tailCount = m;
        }
    }
    if (!fit.valid)
        fit.note = "the nonzero eigenvalues are all equal: there is no tail to fit";
    return fit;
}

LogDensity logDensity(const std::vector<double>& values, int bins)
{
    LogDensity out;
    double lo = std::numeric_limits<double>::infinity(), hi = 0;
    int64_t n = 0;
    for (double v : values)
        if (std::isfinite(v) && v > 0) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
            ++n;
        }
    if (n == 0 || bins < 1)
        return out;
    if (!(hi > lo)) { // one value: one bin a factor e wide around it
        out.centre = { lo };
        out.density = { 1.0 / (lo * (std::exp(0.5) - std::exp(-0.5))) };
        return out;
    }
    const double l0 = std::log(lo), step = (std::log(hi) - l0) / bins;
    std::vector<int64_t> count(size_t(bins), 0);
    for (double v : values)
        if (std::isfinite(v) && v > 0)
            ++count[size_t(std::clamp(int((std::log(v) - l0) / step), 0, bins - 1))];
    for (int b = 0; b < bins; ++b) {
        if (count[size_t(b)] == 0)
            continue;
        const double a = std::exp(l0 + b * step), e = std::exp(l0 + (b + 1) * step);
        out.centre.push_back(std::sqrt(a * e));
        out.density.push_back(double(count[size_t(b)]) / (double(n) * (e - a)));
    }
    return out;
}

double powerLawDensity(const PowerLawFit& fit, int64_t n, double x)
{
    if (!fit.valid || n <= 0 || x < fit.xmin)
        return std::numeric_limits<double>::quiet_NaN();
    return double(fit.tailCount) / double(n) * (fit.alpha - 1.0) / fit.xmin * std::pow(x / fit.xmin, -fit.alpha);
}

double powerLawRankValue(const PowerLawFit& fit, double rank)
{
    if (!fit.valid || rank <= 0)
        return std::numeric_limits<double>::quiet_NaN();
    return fit.xmin * std::pow(rank / double(fit.tailCount), -1.0 / (fit.alpha - 1.0));
}

SpectrumMatrix spectrumMatrix(const Shape& shape, ConvLayout layout, int64_t maxSide)
{
    SpectrumMatrix m;
    if (shape.size() == 2) {
        m.rows = m.shownRows = shape[0];
        m.cols = m.shownCols = shape[1];
    } else if (shape.size() == 4) {
        m.reshaped = true;
        if (layout == ConvLayout::OIHW) {
            m.rows = shape[0];
            m.cols = shape[1] * shape[2] * shape[3];
        } else { // HWIO: (kh·kw·in, out) in C order, the transpose up to a column permutation
            m.rows = shape[0] * shape[1] * shape[2];
            m.cols = shape[3];
        }
        m.shownRows = layout == ConvLayout::OIHW ? m.rows : m.cols;
        m.shownCols = layout == ConvLayout::OIHW ? m.cols : m.rows;
    } else {
        throw Error("the spectrum needs a 2-D weight matrix or a 4-D convolution kernel; this tensor is "
            + shapeToString(shape));
    }
    if (m.rows <= 0 || m.cols <= 0)
        throw Error("the matrix " + dims(m.shownRows, m.shownCols) + " has no elements");
    if (std::min(m.rows, m.cols) > maxSide)
        throw Error("the matrix " + dims(m.shownRows, m.shownCols) + " is too large for its spectrum here: the smaller side may be at most "
            + std::to_string(kSpectrumMaxSide) + " (its Gram matrix and the eigensolver need about "
            + std::to_string(2 * 8 * kSpectrumMaxSide * kSpectrumMaxSide >> 20) + " MiB)");
    return m;
}

void forEachGramBlock(const ElementSource& source, const SpectrumMatrix& sm, const CancelCheck& cancel,
    const GramBlockVisitor& visit)
{
    const int64_t m = sm.rows, n = sm.cols;
    std::vector<float> buffer;
    if (n <= m) {
        // G = XᵀX = Σ over rows x xᵀ: contiguous blocks of whole rows, each a column of B (n × b).
        const int64_t b = std::max<int64_t>(1, kBlockElements / n);
        for (int64_t r0 = 0; r0 < m; r0 += b) {
            if (cancel && cancel())
                throw Cancelled();
            const int64_t rows = std::min(b, m - r0);
            buffer.resize(size_t(rows * n));
            source.read(r0 * n, rows * n, buffer.data());
            requireFinite(buffer.data(), rows * n);
            visit(Eigen::Map<const Eigen::MatrixXf>(buffer.data(), n, rows).cast<double>(), double(r0 + rows) / double(m));
        }
    } else {
        // G = XXᵀ = Σ over column blocks C Cᵀ, C = X[:, c0 : c0 + w] (m × w), read row by row.
        const int64_t w = std::max<int64_t>(1, kBlockElements / m);
        using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
        for (int64_t c0 = 0; c0 < n; c0 += w) {
            if (cancel && cancel())
                throw Cancelled();
            const int64_t cols = std::min(w, n - c0);
            buffer.resize(size_t(m * cols));
            for (int64_t r = 0; r < m; ++r)
                source.read(r * n + c0, cols, buffer.data() + r * cols);
            requireFinite(buffer.data(), m * cols);
            visit(Eigen::Map<const RowMajor>(buffer.data(), m, cols).cast<double>(), double(c0 + cols) / double(n));
        }
    }
}

Spectrum computeSpectrum(const ElementSource& source, const Shape& shape, ConvLayout layout,
    const CancelCheck& cancel, const SpectrumProgress& progress, const BlockObserver& observe)
{
    const SpectrumMatrix sm = spectrumMatrix(shape, layout);
    const int64_t m = sm.rows, n = sm.cols;
    if (source.numel != m * n)
        throw Error("the tensor's element count does not match its shape " + shapeToString(shape));
    Spectrum out;
    out.rows = sm.shownRows;
    out.cols = sm.shownCols;
    out.reshaped = sm.reshaped;

    // G is k × k with k the smaller side; only its lower triangle is accumulated (BLAS dsyrk).
    const int64_t k = std::min(m, n), big = std::max(m, n);
    Eigen::MatrixXd G = Eigen::MatrixXd::Zero(k, k);
    // The Gram step's share of the work (4096 × 11008 with OpenBLAS, one thread: 4.7 s of 8.9 s).
    const double gramShare = double(big) / (double(big) + 2.5 * double(k));
    forEachGramBlock(source, sm, cancel, [&](const Eigen::MatrixXd& X, double done) {
        addGramLower(G, X);
        if (observe)
            observe(X.data(), X.size());
        if (progress)
            progress(gramShare * done);
    });
    if (cancel && cancel())
        throw Cancelled();
    const Eigen::VectorXd lambda = symmetricEigenvalues(G); // ascending; reads the lower triangle
    out.sigma.resize(size_t(k));
    std::vector<double> eigenvalues(static_cast<size_t>(k));
    for (int64_t i = 0; i < k; ++i) {
        const double l = std::max(0.0, lambda(k - 1 - i));
        eigenvalues[size_t(i)] = l;
        out.sigma[size_t(i)] = std::sqrt(l);
    }
    out.fit = fitPowerLaw(std::move(eigenvalues));
    if (progress)
        progress(1.0);
    return out;
}

} // namespace ws
