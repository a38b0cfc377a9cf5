// SPDX-License-Identifier: GPL-3.0-or-later
// #22, the optimizer race: two to four optimizer settings (contestants) train the Playground's
// network side by side. Each contestant's recipe is the Playground's with its own optimizer,
// learning rate and momentum; everything else is the base recipe's (Adam's betas, RMSprop's rho
// and epsilon too, which each contestant's optimizer takes where it uses them), the seeds above all, so
// makePlaygroundModel draws the same initial weights for every contestant and each Trainer
// shuffles the same batches in the same order (train/Trainer.h, Determinism). The front end runs
// one trainer per contestant on a thread of its own (ui/playground/RacePanel.h).
#pragma once

#include "train/PlaygroundRecipe.h"

#include <string>
#include <vector>

namespace ws {

inline constexpr int kMinRaceContestants = 2;
inline constexpr int kMaxRaceContestants = 4;

struct RaceContestant {
    OptimizerKind optimizer = OptimizerKind::SGD;
    float learningRate = 0.03f;
    float momentum = 0.0f; // SGD only
    bool nesterov = false; // SGD with momentum only

    // "SGD 0.03", "SGD 0.03, momentum 0.9, Nesterov", "Adam 0.01": the loss curve's name.
    std::string label() const;
};

// The race a newcomer sees first: plain SGD against momentum, Nesterov and Adam (the same net,
// the same rate but Adam's, whose steps are of the rate's own size).
std::vector<RaceContestant> defaultRaceContestants();

// One recipe per contestant: `base` with the contestant's optimizer settings (momentum and
// Nesterov only where they apply, as the Playground's own controls have it). ConfigError unless
// there are kMinRaceContestants to kMaxRaceContestants of them with positive learning rates and
// momenta in [0, 1).
std::vector<PlaygroundRecipe> raceRecipes(const PlaygroundRecipe& base, const std::vector<RaceContestant>& contestants);

} // namespace ws
