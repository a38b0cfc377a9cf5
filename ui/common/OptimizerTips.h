// SPDX-License-Identifier: GPL-3.0-or-later
// The tooltips of the optimizer settings, one text each for the Playground and the Training panel
// (#22: both panels carried their own copies, which had begun to say different things). Only the
// settings that mean the same in both are here; the schedule's span, its decay factor and its
// floor differ between the panels (the Playground trains without end) and keep their own texts.
// Translated in one context, "ws::OptimizerTips".
#pragma once

#include <QString>

namespace ws::ui {

enum class OptimizerSetting { Optimizer, Momentum, Nesterov, Beta1, Beta2, Rho, Epsilon, WeightDecay, Warmup };

// The tooltip of `setting`, translated.
QString optimizerTip(OptimizerSetting setting);

} // namespace ws::ui
