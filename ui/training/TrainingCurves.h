// Live curves of a general training run: loss and accuracy, per batch (thin) and per epoch
// (bold), training and validation, over epochs; a dashed vertical line marks each change of
// the learning rate. Points are appended as they arrive; the owner replots on its timer.
#pragma once

#include "training/TrainingTypes.h"

#include <QWidget>

class QCustomPlot;
class QCPGraph;

namespace ws::ui {

class TrainingCurves : public QWidget {
    Q_OBJECT
public:
    explicit TrainingCurves(QWidget* parent = nullptr);

    void add(const QList<TrainingPoint>& points);
    void clear();
    void replot(); // rescales and redraws both plots (call on a timer)
    int learningRateMarks() const { return marks_; }

private:
    void markLearningRate(double epoch, float lr);

    QCustomPlot* loss_ = nullptr;
    QCustomPlot* accuracy_ = nullptr;
    QCPGraph* batchLoss_ = nullptr;
    QCPGraph* epochLoss_ = nullptr;
    QCPGraph* validationLoss_ = nullptr;
    QCPGraph* batchAccuracy_ = nullptr;
    QCPGraph* epochAccuracy_ = nullptr;
    QCPGraph* validationAccuracy_ = nullptr;
    float lastBaseRate_ = 0.0f;
    int marks_ = 0;
};

} // namespace ws::ui
