// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/OptimizerTips.h"

#include <QCoreApplication>

namespace ws::ui {

QString optimizerTip(OptimizerSetting setting)
{
    const auto tip = [](const char* text) { return QCoreApplication::translate("ws::OptimizerTips", text); };
    switch (setting) {
    case OptimizerSetting::Optimizer:
        return tip(QT_TRANSLATE_NOOP("ws::OptimizerTips", "The algorithm that updates the weights"));
    case OptimizerSetting::Momentum:
        return tip(QT_TRANSLATE_NOOP("ws::OptimizerTips",
            "SGD only: the share of the last update kept in the next (0: plain SGD; 0.9 is common)"));
    case OptimizerSetting::Nesterov:
        return tip(QT_TRANSLATE_NOOP("ws::OptimizerTips",
            "SGD with momentum: take the gradient where the momentum is about to carry the weights"));
    case OptimizerSetting::Beta1:
        return tip(QT_TRANSLATE_NOOP("ws::OptimizerTips",
            "Adam and AdamW: how much of the last steps' gradients the next step keeps (β1)"));
    case OptimizerSetting::Beta2:
        return tip(QT_TRANSLATE_NOOP("ws::OptimizerTips",
            "Adam and AdamW: how much of the last squared gradients scales the next step (β2)"));
    case OptimizerSetting::Rho:
        return tip(QT_TRANSLATE_NOOP("ws::OptimizerTips",
            "RMSprop: how much of the last squared gradients scales the next step (ρ)"));
    case OptimizerSetting::Epsilon:
        return tip(QT_TRANSLATE_NOOP("ws::OptimizerTips",
            "Adam, AdamW and RMSprop: added to the divisor so that steps stay finite (ε)"));
    case OptimizerSetting::WeightDecay: // decoupled for every optimizer (core/train/Optimizer.h)
        return tip(QT_TRANSLATE_NOOP("ws::OptimizerTips",
            "Decoupled weight decay; \"default\" is the optimizer's own (0.01 for AdamW, else 0)"));
    case OptimizerSetting::Warmup:
        return tip(QT_TRANSLATE_NOOP("ws::OptimizerTips",
            "The learning rate rises from 0 to its value over this many steps"));
    }
    return {};
}

} // namespace ws::ui
