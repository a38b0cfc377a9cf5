// SPDX-License-Identifier: GPL-3.0-or-later
// A QCustomPlot graph fed point by point for as long as a training lasts, held to a bounded
// number of points (#9, long runs): the training curves' batch loss of a million-step run and the
// Playground's loss over hours of epochs would otherwise keep every point (16 bytes each, for
// ever). The graph keeps the points offered at indices 0, s, 2s, ... (s, the stride, starts at 1)
// and always the newest one; when more than maxPoints are kept, s doubles and every other kept
// point goes. Kept points are real measurements (not averages), so a noisy batch curve keeps its
// spread, and they stay evenly spaced over the whole run, which is what an axis from 0 to the
// newest epoch shows.
#pragma once

#include <QtGlobal>

class QCPGraph;

namespace ws::ui {

class BoundedGraph {
public:
    BoundedGraph() = default;
    BoundedGraph(QCPGraph* graph, int maxPoints); // maxPoints >= 2
    void add(double x, double y);                 // x ascending; a non-finite y is left out
    void clear();
    // Removes the points after x (#22, a training gone back to an earlier epoch); points added
    // afterwards continue the stride from the last point left.
    void dropAfter(double x);
    QCPGraph* graph() const { return graph_; }
    qint64 stride() const { return stride_; }

private:
    void thin();

    QCPGraph* graph_ = nullptr;
    int maxPoints_ = 2;
    qint64 stride_ = 1;
    qint64 offered_ = 0; // finite points offered since the last clear
    bool tail_ = false;  // the last kept point is only the newest, not on the stride
};

} // namespace ws::ui
