// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/LayerNormalization.h"

#include "nn/Normalization.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace ws {

namespace {

using RowMap = Eigen::Map<MatrixRM>;
using ConstRowMap = Eigen::Map<const MatrixRM>;

// What backward needs, per row (llm.c's layernorm keeps the same two vectors).
struct LayerNormScratch final : LayerScratch {
    Eigen::VectorXf mean; // (M)
    Eigen::VectorXf rstd; // (M) 1 / sqrt(var + epsilon)
};

} // namespace

LayerNormalization::LayerNormalization(float epsilon, bool center, bool scale, int axis)
    : axis_(axis)
    , epsilon_(epsilon)
    , center_(center)
    , scale_(scale)
{
}

Shape LayerNormalization::build(const Shape& inputShape)
{
    checkNormalizationInput(*this, axis_, epsilon_, inputShape);
    const int64_t C = inputShape.back();
    gamma_.value = Tensor({ C }, 1.0f); // the identity until initialize(), so a built model is usable
    beta_.value = Tensor({ C }, 0.0f);
    gamma_.grad = Tensor({ C });
    beta_.grad = Tensor({ C });
    return inputShape;
}

void LayerNormalization::initialize(Rng&)
{
    gamma_.value.fill(1.0f);
    beta_.value.fill(0.0f);
}

std::unique_ptr<LayerScratch> LayerNormalization::makeScratch() const { return std::make_unique<LayerNormScratch>(); }

void LayerNormalization::forward(const Tensor& x, Tensor& y, LayerScratch* scratch, const Pass&)
{
    auto& s = scratchAs<LayerNormScratch>(scratch, *this);
    const int64_t C = gamma_.value.size();
    const int64_t M = x.size() / C;
    const ConstRowMap X(x.data(), M, C);
    y.resize(x.shape());
    RowMap Y(y.data(), M, C);
    s.mean.resize(M);
    s.rstd.resize(M);
    for (int64_t m = 0; m < M; ++m) {
        // Two passes in double: the mean first, then the centred sum of squares.
        const Eigen::RowVectorXd row = X.row(m).cast<double>();
        const double mean = row.mean();
        const double var = (row.array() - mean).square().sum() / double(C);
        s.mean[m] = float(mean);
        s.rstd[m] = float(1.0 / std::sqrt(var + double(epsilon_)));
    }
    Y.noalias() = s.rstd.asDiagonal() * (X.colwise() - s.mean);
    if (scale_)
        Y *= gamma_.value.vector().asDiagonal();
    if (center_)
        Y.rowwise() += beta_.value.vector().transpose();
}

void LayerNormalization::backward(const Tensor& x, const Tensor&, const Tensor& dy, Tensor* dx,
    LayerScratch* scratch)
{
    const auto& s = scratchAs<LayerNormScratch>(scratch, *this);
    const int64_t C = gamma_.value.size();
    const int64_t M = x.size() / C;
    const ConstRowMap X(x.data(), M, C);
    const ConstRowMap G(dy.data(), M, C);
    const MatrixRM xhat = s.rstd.asDiagonal() * (X.colwise() - s.mean);
    if (center_)
        beta_.grad.vector() += G.colwise().sum().transpose();
    if (scale_)
        gamma_.grad.vector() += G.cwiseProduct(xhat).colwise().sum().transpose();
    if (!dx)
        return;
    dx->resize(x.shape());
    RowMap DX(dx->data(), M, C);
    // g = dL/dxhat; dx = rstd * (g - mean(g) - xhat * mean(g * xhat)), means over each row.
    MatrixRM g = G;
    if (scale_)
        g *= gamma_.value.vector().asDiagonal();
    const Eigen::VectorXf meanG = g.rowwise().mean();
    const Eigen::VectorXf meanGX = g.cwiseProduct(xhat).rowwise().mean();
    DX.noalias() = s.rstd.asDiagonal() * ((g.colwise() - meanG) - meanGX.asDiagonal() * xhat);
}

std::vector<Param*> LayerNormalization::params() { return scaleAndShiftParams(scale_, gamma_, center_, beta_); }

nlohmann::json LayerNormalization::config() const
{
    auto j = Layer::config();
    j["axis"] = axis_;
    j["epsilon"] = epsilon_;
    j["center"] = center_;
    j["scale"] = scale_;
    return j;
}

} // namespace ws
