// SPDX-License-Identifier: GPL-3.0-or-later
// Train and test loss over epochs for the running Playground model. Points are appended as
// snapshots arrive, each curve held to kMaxPoints (BoundedGraph: a Playground left running for a
// day keeps a bounded plot); the owner replots on its timer.
#pragma once

#include "common/BoundedGraph.h"

#include <qcustomplot.h>

namespace ws::ui {

class LossPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit LossPlot(QWidget* parent = nullptr);

    void addPoint(double epoch, double trainLoss, double testLoss);
    void clear();
    void rescale(); // fits the axes to the data (call before replot)
    static constexpr int kMaxPoints = 20000;
    const BoundedGraph& trainLoss() const { return train_; }

private:
    BoundedGraph train_;
    BoundedGraph test_;
};

} // namespace ws::ui
