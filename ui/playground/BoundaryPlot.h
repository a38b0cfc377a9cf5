// SPDX-License-Identifier: GPL-3.0-or-later
// The Playground's main picture: the model's output over the plane as a colour map (orange for
// -1, blue for +1, as TensorFlow Playground) with the data points on top. It only draws what the
// PlaygroundWorker computed; the owner decides when to replot.
#pragma once

#include "playground/PlaygroundTypes.h"

#include <qcustomplot.h>

namespace ws::ui {

class BoundaryPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit BoundaryPlot(QWidget* parent = nullptr);

    void setPoints(const PlaygroundData& data);
    // kGridSize^2 values; [-1, 1] spans the colours (regression outputs beyond it saturate).
    void setBoundary(const QList<float>& values);
    void setDiscretized(bool on); // sign of the output instead of its value, from the next setBoundary
    const QCPColorGradient& gradient() const { return gradient_; } // the network drawing uses it too
    void clearBoundary();
    void setTestPointsVisible(bool visible);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void keepSquare();

    QCPColorMap* map_ = nullptr;
    QCPColorGradient gradient_;
    bool discretized_ = false;
    QCPGraph* trainNegative_ = nullptr;
    QCPGraph* trainPositive_ = nullptr;
    QCPGraph* testNegative_ = nullptr;
    QCPGraph* testPositive_ = nullptr;
};

} // namespace ws::ui
