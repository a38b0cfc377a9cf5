// SPDX-License-Identifier: GPL-3.0-or-later
// The health map (#18 item 4): one value of a chosen per-tensor metric for the tensors of the open
// file, and the colour each value gets on the Preferences' sequential colour map, from the
// smallest value to the largest. HealthPanel makes it (from the health report or a comparison);
// the model tree and the architecture view draw it, so both show the same metric on one scale.
// A box of the architecture view holds several tensors: it shows the highest of their values —
// the worst for an error or a change, the least trained layer for α by WeightWatcher's reading —
// so one bad tensor cannot hide behind good ones.
#pragma once

#include "analysis/TensorDiff.h"

#include <QColor>
#include <QHash>
#include <QList>
#include <QPixmap>
#include <QString>

#include <array>

namespace ws::ui {

class HealthMap {
public:
    HealthMap() = default;
    // Values that are not finite are left out (a tensor without a value is drawn as such).
    // logScale: colours by log10 of the value, from the smallest positive one (values at or
    // below it get the low end) — errors spanning decades otherwise show as one colour and one
    // outlier.
    HealthMap(const QString& metric, const QHash<int, double>& values, bool logScale = false);

    bool isEmpty() const { return values_.isEmpty(); }
    const QString& metric() const { return metric_; } // as the chooser names it: "α", "quantization error (rel. L2)"
    const QHash<int, double>& values() const { return values_; } // by tensor index in the open file
    double lo() const { return lo_; }
    double hi() const { return hi_; }
    bool logScale() const { return log_; }
    QColor colour(double value) const;
    QHash<int, QColor> colours() const; // every tensor's

    // The value a box of `tensors` is coloured by: the highest of theirs, NaN when none has one.
    // `which` gets the tensor holding it (-1 for none), `count` how many have a value.
    double boxValue(const QList<int>& tensors, int* which = nullptr, int* count = nullptr) const;

    // The legend: the scale from the smallest value (left) to the largest (right).
    QPixmap scale(int width, int height) const;

private:
    QString metric_;
    QHash<int, double> values_;
    double lo_ = 0, hi_ = 0; // the scale's ends: with logScale, lo_ is the smallest positive value
    bool log_ = false;
    std::array<QRgb, 256> table_ {}; // the colour map, looked up once (QCPColorGradient::color is not const)
};

// "2.78" style: four significant digits, "–" for no value.
QString mapValueText(double value);

// A comparison as a map metric: each compared pair's relative L2 error ‖A − B‖ / ‖A‖ by A's tensor
// index, into `values`. The name says what that error is: "quantization error (rel. L2)" when
// some pair's sides differ in bits per weight (a model and its GGUF, F32 and F16), else "change
// since B (rel. L2)" (two checkpoints of one model). Empty when no pair has statistics.
QString comparisonMetric(const QList<DiffRow>& rows, QHash<int, double>& values);

} // namespace ws::ui
