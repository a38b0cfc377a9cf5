// SPDX-License-Identifier: GPL-3.0-or-later
// #22, the optimizer race: one training-loss curve per contestant over epochs, in the
// contestant's colour (the same as its decision map's frame), each held to kMaxPoints
// (BoundedGraph). The RacePanel feeds it snapshot by snapshot and replots on its timer.
#pragma once

#include "common/BoundedGraph.h"

#include <qcustomplot.h>

#include <vector>

namespace ws::ui {

class RaceLossPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit RaceLossPlot(QWidget* parent = nullptr);

    // One empty curve per name, in order (the contestants'); the axes start again.
    void setContestants(const QStringList& names);
    void addPoint(int contestant, double epoch, double trainLoss);
    void rescale(); // fits the axes to the data (call before replot)
    void setCrossEntropy(bool on); // the axis names the loss: cross-entropy beyond two classes, else MSE
    int curveCount() const { return int(curves_.size()); }
    const BoundedGraph& curve(int contestant) const { return curves_.at(size_t(contestant)); }

    static constexpr int kMaxPoints = 20000;
    // The colour of contestant k (k < 4), away from the data's orange and blue.
    static QColor colour(int contestant);

private:
    std::vector<BoundedGraph> curves_;
};

} // namespace ws::ui
