// SPDX-License-Identifier: GPL-3.0-or-later
// What TensorBoard shows of a histogram tag (run/TensorBoardEvents.h, HistogramSeries), worked
// out for the Runs dock's Distributions and Histograms views (#19).
//
// Distributions: per step, the values at nine basis points of the data's cumulative count, the
// quantiles of a normal distribution at 0, ±0.5, ±1 and ±1.5 standard deviations and the ends
// (min, 6.68 %, 15.87 %, 30.85 %, 50 %, 69.15 %, 84.13 %, 93.32 %, max), found as TensorBoard's
// compressor does (tensorboard/plugins/distribution/compressor.py, compress_histogram; "see also
// Histogram::Percentile() in tensorflow/core/lib/histogram/histogram.cc"): the cumulative counts
// scaled to 10,000, the first bucket whose cumulative weight exceeds a basis point, and the value
// interpolated linearly between the previous bucket's right edge (the data's minimum when no
// count came before) and this bucket's right edge, clamped to the minimum and maximum. Bands
// between symmetric pairs are what TensorBoard's distribution chart shades.
//
// Histograms: every step's buckets spread onto one grid of equal bins over the range of all
// steps (TensorBoard's histogram chart does the same with 30 bins), each bucket's count shared
// among the bins it overlaps in proportion to the overlap, as if spread evenly across the bucket;
// a bucket of zero width (TF2 writes them when every value is equal) puts its count into the bin
// that holds its edge (TensorBoard's chart drops those).
#pragma once

#include "run/TensorBoardEvents.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ws {

inline constexpr std::array<int, 9> kDistributionBasisPoints = { 0, 668, 1587, 3085, 5000, 6915, 8413, 9332, 10000 };
using DistributionPoint = std::array<double, 9>; // the values at kDistributionBasisPoints

// One step's buckets: flattened [left, right, count] triples, ascending. No buckets: all zero; no
// count: all the last right edge (TensorBoard's answers). Non-finite numbers or a length that is
// not a multiple of 3: all NaN.
DistributionPoint compressHistogram(const std::vector<double>& buckets);

struct DistributionSeries {
    std::vector<int64_t> step;
    std::vector<double> wallTime;
    std::vector<DistributionPoint> value; // per step
};
DistributionSeries histogramDistribution(const HistogramSeries& h);

struct RebinnedHistograms {
    std::vector<double> edges;             // bins + 1 ascending edges, shared by every step
    std::vector<int64_t> step;
    std::vector<std::vector<double>> count; // per step, per bin
};

// Every step of h on one grid of `bins` (>= 1) equal bins spanning the buckets that hold a count
// (empty outer buckets, such as TF1's ±DBL_MAX ones, do not stretch it). A single value (zero
// range) gets a grid of width 1 around it. No counted bucket at all: no edges, no steps.
RebinnedHistograms rebinHistograms(const HistogramSeries& h, int bins);

} // namespace ws
