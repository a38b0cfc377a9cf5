// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/ClassColours.h"

#include <algorithm>

namespace ws::ui {

namespace {

// TensorFlow Playground's orange and blue, then six of the Tableau 10 colours that differ from
// them in hue (green, purple, red, teal, brown, pink).
constexpr QRgb kColours[kClassColourCount] = { 0xf59322, 0x0877bd, 0x2ca02c, 0x9467bd,
    0xd62728, 0x17becf, 0x8c564b, 0xe377c2 };

// The map's tones are the class colour mixed with white, as Playground's own map is lighter than
// its points; at no confidence the cell is nearly white whatever the class.
constexpr double kStrongest = 0.62; // share of the class colour at full confidence
const QColor kPaper(0xf4, 0xf4, 0xf4);

QColor mix(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t), float(a.greenF() + (b.greenF() - a.greenF()) * t),
        float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

// A cell's value stays below the next class's start.
constexpr double kTop = 0.999;

} // namespace

QColor classColour(int k)
{
    return QColor::fromRgb(kColours[((k % kClassColourCount) + kClassColourCount) % kClassColourCount]);
}

QList<QColor> classColours(int classes)
{
    QList<QColor> out;
    for (int k = 0; k < classes; ++k)
        out.append(classColour(k));
    return out;
}

QColor classTint(int k, double confidence)
{
    return mix(kPaper, classColour(k), kStrongest * std::clamp(confidence, 0.0, 1.0));
}

QCPColorGradient classGradient(int classes)
{
    classes = std::max(1, classes);
    QCPColorGradient g;
    g.clearColorStops();
    for (int k = 0; k < classes; ++k) {
        g.setColorStopAt(double(k) / classes, classTint(k, 0.0));
        g.setColorStopAt((k + kTop) / classes, classTint(k, 1.0));
    }
    // Enough levels that each class keeps about a hundred steps of confidence.
    g.setLevelCount(std::max(350, 100 * classes));
    return g;
}

double classGradientValue(int k, double confidence) { return k + kTop * std::clamp(confidence, 0.0, 1.0); }

} // namespace ws::ui
