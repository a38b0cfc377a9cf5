// SPDX-License-Identifier: GPL-3.0-or-later
// Train and test loss over epochs for the running Playground model. Points are appended as
// snapshots arrive, each curve held to kMaxPoints (BoundedGraph: a Playground left running for a
// day keeps a bounded plot); the owner replots on its timer.
#pragma once

#include "common/BoundedGraph.h"

#include <qcustomplot.h>

#include <limits>

namespace ws::ui {

class LossPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit LossPlot(QWidget* parent = nullptr);

    void addPoint(double epoch, double trainLoss, double testLoss);
    void clear();
    // #22: the curves after `epoch` go (a training restarted from there).
    void dropAfter(double epoch);
    // #22: a vertical line at the moment the timeline shows; NaN hides it.
    void setMarker(double epoch);
    double marker() const { return marker_; }
    void rescale(); // fits the axes to the data (call before replot)
    void setCrossEntropy(bool on); // the axis names the loss: cross-entropy beyond two classes, else MSE
    static constexpr int kMaxPoints = 20000;
    const BoundedGraph& trainLoss() const { return train_; }

private:
    BoundedGraph train_;
    BoundedGraph test_;
    QCPItemStraightLine* markerLine_ = nullptr;
    double marker_ = std::numeric_limits<double>::quiet_NaN();
};

} // namespace ws::ui
