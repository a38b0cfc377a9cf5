// SPDX-License-Identifier: GPL-3.0-or-later
// Evaluation of a model on a dataset: loss, accuracy, top-k accuracy, confusion matrix and
// per-class precision, recall and F1. A model with one output is a binary classifier that
// predicts class 1 where its output is above zero (a logit, or tanh with labels +1/-1).
#pragma once

#include "data/Dataset.h"
#include "nn/Loss.h"
#include "nn/Sequential.h"

#include <functional>
#include <vector>

namespace ws {

struct Evaluation {
    double loss = 0.0;
    double accuracy = 0.0;     // NaN for regression
    double topKAccuracy = 0.0; // with k = topK; NaN for regression or k < 2
    int topK = 0;
    int64_t samples = 0;
    std::vector<std::vector<int64_t>> confusion; // [true class][predicted class]
    std::vector<double> precision, recall, f1;   // per class
    bool cancelled = false;                      // stopped early: nothing else is set

    double macroF1() const;
};

// The predicted class of each row of a prediction batch (N, K).
void predictClasses(const Tensor& pred, std::vector<int32_t>& out);
// Fraction of rows whose predicted class equals the label.
double batchAccuracy(const Tensor& pred, const int32_t* labels);

// Runs the model in inference mode over the dataset in batches. With `predicted`, also the
// predicted class of every sample (classification; analysis/Confusion.h makes cells of them).
// The batches are spread over the calling thread's thread count (util/Threads), one per thread
// at a time; the result does not depend on the count. `cancelled` is asked on the calling thread
// before every round of batches (before every batch on one thread); a yes stops the evaluation
// (Evaluation::cancelled).
Evaluation evaluate(Sequential& model, const Dataset& data, LossKind loss, int64_t batchSize = 256, int topK = 5,
    std::vector<int32_t>* predicted = nullptr, const std::function<bool()>& cancelled = {});

// Copies the samples at indices[0..count) of `data` (and their labels or targets) into a batch.
void gatherBatch(const Dataset& data, const int64_t* indices, int64_t count, Tensor& x,
    std::vector<int32_t>& labels, Tensor& targets);

} // namespace ws
