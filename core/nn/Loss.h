// SPDX-License-Identifier: GPL-3.0-or-later
// Losses, each returning the batch-mean loss and its gradient with respect to the predictions.
//   SoftmaxCrossEntropy  pred (N, C) logits, labels in [0, C); log-sum-exp shifted by the row max
//   CrossEntropy         pred (N, C) probabilities (a model ending in Softmax), labels; clipped
//                        at 1e-7 as Keras does
//   BinaryCrossEntropy   pred (N, 1) logits, labels in {0, 1}: max(z,0) - z t + log(1 + e^-|z|)
//   MeanSquaredError     pred (N, K): mean over batch and outputs of (pred - target)^2; targets
//                        are the regression values, or for classification the one-hot labels
//                        (K = C) or +1/-1 (K = 1, TensorFlow Playground's convention)
#pragma once

#include "tensor/Tensor.h"
#include "util/EnumNames.h"

#include <cstdint>
#include <string>

namespace ws {

enum class LossKind { SoftmaxCrossEntropy, CrossEntropy, BinaryCrossEntropy, MeanSquaredError };

template <> struct EnumNames<LossKind> {
    static constexpr std::string_view what = "loss";
    static constexpr EnumEntry<LossKind> entries[] = {
        { LossKind::SoftmaxCrossEntropy, "softmax_cross_entropy", "Softmax cross-entropy",
            "sce|sparse_categorical_crossentropy" },
        { LossKind::CrossEntropy, "cross_entropy", "Cross-entropy" },
        { LossKind::BinaryCrossEntropy, "binary_cross_entropy", "Binary cross-entropy", "bce" },
        { LossKind::MeanSquaredError, "mse", "Mean squared error", "mean_squared_error" },
    };
};

LossKind parseLoss(const std::string& text);
std::string lossName(LossKind kind);

// What a batch is compared against: class labels, or regression values (N, K), never both.
struct Targets {
    const int32_t* labels = nullptr;
    const float* values = nullptr;
};

// Mean loss over the batch; when grad is not null it receives d(mean loss)/d(pred).
// Throws Error on a label outside the prediction's classes.
double computeLoss(LossKind kind, const Tensor& pred, const Targets& targets, Tensor* grad);

} // namespace ws
