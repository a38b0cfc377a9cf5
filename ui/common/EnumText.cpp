// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/EnumText.h"

#include <algorithm>

namespace ws::ui {

namespace {

// Every label of the enums the GUI lists (core's tables), for lupdate. The test
// enumLabelsShownInTheGuiAreAllTranslatable keeps this list complete.
constexpr const char* kLabels[] = {
    // ActivationKind
    QT_TRANSLATE_NOOP("ws::EnumLabels", "Linear"),
    QT_TRANSLATE_NOOP("ws::EnumLabels", "ReLU"),
    QT_TRANSLATE_NOOP("ws::EnumLabels", "LeakyReLU"),
    QT_TRANSLATE_NOOP("ws::EnumLabels", "ELU"),
    QT_TRANSLATE_NOOP("ws::EnumLabels", "GELU"),
    QT_TRANSLATE_NOOP("ws::EnumLabels", "Tanh"),
    QT_TRANSLATE_NOOP("ws::EnumLabels", "Sigmoid"),
    QT_TRANSLATE_NOOP("ws::EnumLabels", "Softmax"),
    QT_TRANSLATE_NOOP("ws::EnumLabels", "ReLU6"),
    QT_TRANSLATE_NOOP("ws::EnumLabels", "HardSigmoid"),
    QT_TRANSLATE_NOOP("ws::EnumLabels", "HardSwish"),
    QT_TRANSLATE_NOOP("ws::EnumLabels", "GELUTanh"),
    // OptimizerKind
    QT_TRANSLATE_NOOP("ws::EnumLabels", "SGD"),
    QT_TRANSLATE_NOOP("ws::EnumLabels", "Adam"),
    QT_TRANSLATE_NOOP("ws::EnumLabels", "AdamW"),
    QT_TRANSLATE_NOOP("ws::EnumLabels", "RMSprop"),
    // ScheduleKind
    QT_TRANSLATE_NOOP("ws::EnumLabels", "Constant"),
    QT_TRANSLATE_NOOP("ws::EnumLabels", "Step decay"),
    QT_TRANSLATE_NOOP("ws::EnumLabels", "Cosine"),
    // PlaygroundKind
    QT_TRANSLATE_NOOP("ws::EnumLabels", "Circle"),
    QT_TRANSLATE_NOOP("ws::EnumLabels", "Exclusive or"),
    QT_TRANSLATE_NOOP("ws::EnumLabels", "Gaussian"),
    QT_TRANSLATE_NOOP("ws::EnumLabels", "Spiral"),
    QT_TRANSLATE_NOOP("ws::EnumLabels", "Plane"),
    QT_TRANSLATE_NOOP("ws::EnumLabels", "Multi-Gaussian"),
    QT_TRANSLATE_NOOP("ws::EnumLabels", "Four blobs"),
    QT_TRANSLATE_NOOP("ws::EnumLabels", "Your own data"),
    // Regularization
    QT_TRANSLATE_NOOP("ws::EnumLabels", "None"),
    QT_TRANSLATE_NOOP("ws::EnumLabels", "L1"),
    QT_TRANSLATE_NOOP("ws::EnumLabels", "L2"),
};

} // namespace

bool isTranslatedEnumLabel(std::string_view label)
{
    return std::any_of(std::begin(kLabels), std::end(kLabels), [label](const char* l) { return label == l; });
}

} // namespace ws::ui
