// SPDX-License-Identifier: GPL-3.0-or-later
// Live curves of a general training run: loss and accuracy, per batch (thin) and per epoch
// (bold), training and validation, over epochs; a dashed vertical line marks each change of
// the learning rate. Points are appended as they arrive, each curve held to kMaxPoints (older
// points thinned evenly, BoundedGraph); the owner replots on its timer.
#pragma once

#include "common/BoundedGraph.h"
#include "training/TrainingTypes.h"

#include <QWidget>

class QCustomPlot;
namespace ws::ui {

class TrainingCurves : public QWidget {
    Q_OBJECT
public:
    explicit TrainingCurves(QWidget* parent = nullptr);

    void add(const QList<TrainingPoint>& points);
    void clear();
    void replot(); // rescales and redraws both plots (call on a timer)
    int learningRateMarks() const { return marks_; }
    // Points a curve holds: a batch curve of a million steps stays within kMaxPoints. Plenty for
    // a plot a few thousand pixels wide; 16 bytes each.
    static constexpr int kMaxPoints = 20000;
    const BoundedGraph& batchLoss() const { return batchLoss_; }

private:
    void markLearningRate(double epoch, float lr);

    QCustomPlot* loss_ = nullptr;
    QCustomPlot* accuracy_ = nullptr;
    BoundedGraph batchLoss_;
    BoundedGraph epochLoss_;
    BoundedGraph validationLoss_;
    BoundedGraph batchAccuracy_;
    BoundedGraph epochAccuracy_;
    BoundedGraph validationAccuracy_;
    float lastBaseRate_ = 0.0f;
    int marks_ = 0;
};

} // namespace ws::ui
