// SPDX-License-Identifier: GPL-3.0-or-later
// One colour per class, the same in every picture that names classes: the Playground's data
// points, its decision map, its output neurons and its confusion matrix (#22). Classes 0 and 1
// are TensorFlow Playground's orange ("-1") and blue ("+1"), so the two-class sets look as they
// always did; the six after them are chosen to stay apart from those two and from each other.
#pragma once

#include <QColor>
#include <QList>

#include <qcustomplot.h>

namespace ws::ui {

inline constexpr int kClassColourCount = 8;

// The full colour of class `k` (points, swatches); k is taken modulo kClassColourCount.
QColor classColour(int k);
// The colours of classes 0..classes-1.
QList<QColor> classColours(int classes);
// The pale tone of class `k` at `confidence` in [0, 1]: near white at 0, the map's colour at 1.
// Points drawn in classColour(k) stay visible on it.
QColor classTint(int k, double confidence);

// A gradient for a QCPColorMap over the data range [0, classes): the value k + 0.999 c paints a
// cell won by class k with confidence c (classTint). One colour map then shows the winning class
// and how sure the network is.
QCPColorGradient classGradient(int classes);
double classGradientValue(int k, double confidence);

} // namespace ws::ui
