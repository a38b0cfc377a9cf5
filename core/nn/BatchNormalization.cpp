// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/BatchNormalization.h"

#include "nn/Normalization.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace ws {

namespace {

using RowMap = Eigen::Map<MatrixRM>;
using ConstRowMap = Eigen::Map<const MatrixRM>;

// What backward needs (llm.c's layernorm keeps the same two vectors).
struct BatchNormScratch final : LayerScratch {
    Eigen::RowVectorXf mean; // (C) of the statistics forward normalised with
    Eigen::RowVectorXf rstd; // (C) 1 / sqrt(var + epsilon)
    bool batchStats = false; // forward used the batch's statistics (training) or the moving ones
};

} // namespace

BatchNormalization::BatchNormalization(float momentum, float epsilon, bool center, bool scale, int axis)
    : axis_(axis)
    , momentum_(momentum)
    , epsilon_(epsilon)
    , center_(center)
    , scale_(scale)
{
}

Shape BatchNormalization::build(const Shape& inputShape)
{
    checkNormalizationInput(*this, axis_, epsilon_, inputShape);
    if (!(momentum_ >= 0.0f && momentum_ <= 1.0f))
        throwLayerShapeError(*this, "momentum must be in [0, 1], got " + std::to_string(momentum_));
    const int64_t C = inputShape.back();
    for (Param* p : { &gamma_, &beta_ }) {
        p->value.resize({ C });
        p->grad = Tensor({ C });
    }
    movingMean_.value = Tensor({ C }, 0.0f);
    movingVariance_.value = Tensor({ C }, 1.0f);
    // Until initialize(): the identity transform, so a built model is usable as is.
    gamma_.value.fill(1.0f);
    beta_.value.fill(0.0f);
    return inputShape;
}

void BatchNormalization::initialize(Rng&)
{
    gamma_.value.fill(1.0f);
    beta_.value.fill(0.0f);
    movingMean_.value.fill(0.0f);
    movingVariance_.value.fill(1.0f);
}

std::unique_ptr<LayerScratch> BatchNormalization::makeScratch() const
{
    return std::make_unique<BatchNormScratch>();
}

void BatchNormalization::forward(const Tensor& x, Tensor& y, LayerScratch* scratch, const Pass& pass)
{
    auto& s = scratchAs<BatchNormScratch>(scratch, *this);
    const int64_t C = gamma_.value.size();
    const int64_t M = x.size() / C;
    const ConstRowMap X(x.data(), M, C);
    y.resize(x.shape());
    RowMap Y(y.data(), M, C);
    s.batchStats = pass.training;
    if (pass.training) {
        if (M == 0)
            throwLayerShapeError(*this, "cannot compute batch statistics of an empty batch");
        // Two passes in double: the mean first, then the centred sum of squares.
        const Eigen::RowVectorXd mean = X.cast<double>().colwise().mean();
        const Eigen::RowVectorXd var
            = (X.cast<double>().rowwise() - mean).array().square().colwise().sum() / double(M);
        s.mean = mean.cast<float>();
        s.rstd = (var.array() + double(epsilon_)).rsqrt().cast<float>().matrix();
        const float m = momentum_;
        movingMean_.value.vector() = m * movingMean_.value.vector() + (1.0f - m) * s.mean.transpose();
        movingVariance_.value.vector()
            = m * movingVariance_.value.vector() + (1.0f - m) * var.cast<float>().transpose();
    } else {
        s.mean = movingMean_.value.vector().transpose();
        s.rstd = (movingVariance_.value.vector().array() + epsilon_).rsqrt().matrix().transpose();
    }
    // y = (x - mean) * rstd * gamma + beta, folded into one scale and shift per channel.
    Eigen::RowVectorXf a = s.rstd;
    if (scale_)
        a = a.cwiseProduct(gamma_.value.vector().transpose());
    Eigen::RowVectorXf b = -s.mean.cwiseProduct(a);
    if (center_)
        b += beta_.value.vector().transpose();
    Y.noalias() = X * a.asDiagonal();
    Y.rowwise() += b;
}

void BatchNormalization::backward(const Tensor& x, const Tensor&, const Tensor& dy, Tensor* dx,
    LayerScratch* scratch)
{
    const auto& s = scratchAs<BatchNormScratch>(scratch, *this);
    const int64_t C = gamma_.value.size();
    const int64_t M = x.size() / C;
    const ConstRowMap X(x.data(), M, C);
    const ConstRowMap G(dy.data(), M, C);
    // xhat = (x - mean) * rstd; sums over rows of dy and dy * xhat.
    const MatrixRM xhat = (X.rowwise() - s.mean) * s.rstd.asDiagonal();
    const Eigen::RowVectorXf sumG = G.colwise().sum();
    const Eigen::RowVectorXf sumGX = G.cwiseProduct(xhat).colwise().sum();
    if (center_)
        beta_.grad.vector() += sumG.transpose();
    if (scale_)
        gamma_.grad.vector() += sumGX.transpose();
    if (!dx)
        return;
    dx->resize(x.shape());
    RowMap DX(dx->data(), M, C);
    Eigen::RowVectorXf a = s.rstd; // d y / d xhat * d xhat / d x, per channel
    if (scale_)
        a = a.cwiseProduct(gamma_.value.vector().transpose());
    if (!s.batchStats) {
        // Moving statistics are constants: y is affine in x.
        DX.noalias() = G * a.asDiagonal();
        return;
    }
    // dx = gamma * rstd * (dy - mean(dy) - xhat * mean(dy * xhat))
    const Eigen::RowVectorXf meanG = sumG / float(M);
    const Eigen::RowVectorXf meanGX = sumGX / float(M);
    DX.noalias() = ((G.rowwise() - meanG) - xhat * meanGX.asDiagonal()) * a.asDiagonal();
}

std::vector<Param*> BatchNormalization::params() { return scaleAndShiftParams(scale_, gamma_, center_, beta_); }

std::vector<Param*> BatchNormalization::nonTrainableParams() { return { &movingMean_, &movingVariance_ }; }

nlohmann::json BatchNormalization::config() const
{
    auto j = Layer::config();
    j["axis"] = axis_;
    j["momentum"] = momentum_;
    j["epsilon"] = epsilon_;
    j["center"] = center_;
    j["scale"] = scale_;
    return j;
}

} // namespace ws
