// SPDX-License-Identifier: GPL-3.0-or-later
// The one pass over a tensor that both spectrum methods make: the matrix a tensor is seen as
// (analysis/Spectrum.h, spectrumMatrix) streamed in blocks X of k × b doubles, k its smaller side,
// such that the Gram matrix G (k × k: XᵀX for a tall matrix, XXᵀ for a wide one) is Σ X Xᵀ over
// the blocks. The exact method adds each X Xᵀ into G (computeSpectrum); the randomized one of the
// health report applies G to a few vectors without ever forming it (Σ X (Xᵀ Q), ModelHealth.cpp).
// A block holds about 2^20 elements, so the pass needs 8 MiB besides what the visitor keeps.
#pragma once

#include "analysis/Spectrum.h"

#include <Eigen/Dense>

#include <functional>

namespace ws {

// X, then the share of the matrix read so far (0..1].
using GramBlockVisitor = std::function<void(const Eigen::MatrixXd& X, double done)>;

// Throws Error on a NaN or infinite element (naming no tensor: the caller knows which) and
// Cancelled when `cancel` says so before a block.
void forEachGramBlock(const ElementSource& source, const SpectrumMatrix& sm, const CancelCheck& cancel,
    const GramBlockVisitor& visit);

} // namespace ws
