// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/OptimizerRace.h"

#include "util/Error.h"

#include <sstream>

namespace ws {

std::string RaceContestant::label() const
{
    std::ostringstream out; // shortest form of the rates: 0.03, not 0.030000
    out << enumLabel(optimizer) << ' ' << learningRate;
    if (optimizer == OptimizerKind::SGD && momentum > 0.0f) {
        out << ", momentum " << momentum;
        if (nesterov)
            out << ", Nesterov";
    }
    return out.str();
}

std::vector<RaceContestant> defaultRaceContestants()
{
    return {
        { OptimizerKind::SGD, 0.03f, 0.0f, false },
        { OptimizerKind::SGD, 0.03f, 0.9f, false },
        { OptimizerKind::SGD, 0.03f, 0.9f, true },
        { OptimizerKind::Adam, 0.01f, 0.0f, false },
    };
}

std::vector<PlaygroundRecipe> raceRecipes(const PlaygroundRecipe& base, const std::vector<RaceContestant>& contestants)
{
    if (contestants.size() < size_t(kMinRaceContestants) || contestants.size() > size_t(kMaxRaceContestants))
        throw ConfigError("an optimizer race needs " + std::to_string(kMinRaceContestants) + " to "
            + std::to_string(kMaxRaceContestants) + " contestants, got " + std::to_string(contestants.size()));
    std::vector<PlaygroundRecipe> recipes;
    for (const RaceContestant& c : contestants) {
        if (!(c.learningRate > 0.0f) || !(c.momentum >= 0.0f && c.momentum < 1.0f))
            throw ConfigError("race contestant " + std::to_string(recipes.size() + 1) + " (" + c.label()
                + "): the learning rate must be positive and the momentum in [0, 1)");
        PlaygroundRecipe r = base;
        r.optimizer = c.optimizer;
        r.learningRate = c.learningRate;
        const bool sgd = c.optimizer == OptimizerKind::SGD;
        r.momentum = sgd ? c.momentum : 0.0f;
        r.nesterov = sgd && c.nesterov && c.momentum > 0.0f;
        recipes.push_back(std::move(r));
    }
    return recipes;
}

} // namespace ws
