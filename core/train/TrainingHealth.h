// SPDX-License-Identifier: GPL-3.0-or-later
// Whether a training in which every value is still finite is going nowhere. A NaN stops a run
// with the divergence dialog; these two do not produce one, and a person watching the curves
// of a network killed by a huge learning rate waits for nothing:
// - exploding: the epoch's loss has grown past 10 times the loss the model started from
//   (cross-entropy 2.3 → 2.5e10);
// - flat at chance: for three epochs a classifier's accuracy has stayed within 2 points of
//   guessing (1 / classes) while its loss moved by less than 1 % (a network whose units died).
#pragma once

#include <cmath>
#include <string>
#include <vector>

namespace ws {

// startLoss: the first batch's loss. epochLoss, epochAccuracy: one per completed epoch
// (accuracy ignored when classes < 2). learningRate: named in the advice. Empty when healthy.
std::string trainingProblem(double startLoss, const std::vector<double>& epochLoss,
    const std::vector<double>& epochAccuracy, int classes, double learningRate);

// What trainingProblem reads, kept by a panel as its run goes on, and whether it has warned:
// both training panels ask once per run (after "keep going" they do not ask again).
struct TrainingHealthLog {
    double startLoss = NAN;
    std::vector<double> losses, accuracies;
    bool warned = false;

    void addStart(double loss); // the first batch's loss; later calls are ignored
    void addEpoch(double loss, double accuracy);
    // The problem, the first time there is one; empty when healthy or already warned.
    std::string warnOnce(int classes, double learningRate);
};

} // namespace ws
