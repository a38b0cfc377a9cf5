// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/TrainingHealth.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ws {

namespace {

std::string number(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

} // namespace

std::string trainingProblem(double startLoss, const std::vector<double>& epochLoss,
    const std::vector<double>& epochAccuracy, int classes, double learningRate)
{
    if (epochLoss.empty() || !std::isfinite(startLoss) || startLoss <= 0)
        return {};
    const std::string advice = "; lower the learning rate (now " + number(learningRate) + ") or reset the model";
    const double last = epochLoss.back();
    if (std::isfinite(last) && last > 10.0 * startLoss)
        return "the loss is exploding: " + number(last) + " after " + std::to_string(epochLoss.size())
            + " epoch(s), up from " + number(startLoss) + " at the start" + advice;
    constexpr size_t kEpochs = 3;
    if (classes < 2 || epochLoss.size() < kEpochs || epochAccuracy.size() < kEpochs)
        return {};
    const double chance = 1.0 / classes;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = epochLoss.size() - kEpochs; i < epochLoss.size(); ++i) {
        const double acc = epochAccuracy[i - epochLoss.size() + epochAccuracy.size()];
        if (!(std::abs(acc - chance) <= 0.02))
            return {};
        lo = std::min(lo, epochLoss[i]);
        hi = std::max(hi, epochLoss[i]);
    }
    if (!(hi - lo <= 0.01 * std::abs(hi)))
        return {};
    return "the training is not learning: for " + std::to_string(kEpochs) + " epochs the loss has stayed at "
        + number(last) + " and the accuracy at " + number(100.0 * epochAccuracy.back()) + " %, no better than guessing among "
        + std::to_string(classes) + " classes (often a learning rate so high that the units died, or far too low)" + advice;
}

void TrainingHealthLog::addStart(double loss)
{
    if (!std::isfinite(startLoss))
        startLoss = loss;
}

void TrainingHealthLog::addEpoch(double loss, double accuracy)
{
    losses.push_back(loss);
    accuracies.push_back(accuracy);
}

std::string TrainingHealthLog::warnOnce(int classes, double learningRate)
{
    if (warned)
        return {};
    std::string problem = trainingProblem(startLoss, losses, accuracies, classes, learningRate);
    warned = !problem.empty();
    return problem;
}

} // namespace ws
