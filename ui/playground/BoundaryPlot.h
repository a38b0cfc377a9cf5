// The Playground's main picture: the model's output over the plane as a colour map (orange for
// -1, blue for +1, as TensorFlow Playground) with the data points on top. It only draws what the
// TrainingWorker computed; the owner decides when to replot.
#pragma once

#include "playground/PlaygroundTypes.h"

#include <qcustomplot.h>

namespace ws::ui {

class BoundaryPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit BoundaryPlot(QWidget* parent = nullptr);

    void setPoints(const PlaygroundData& data);
    void setBoundary(const QList<float>& values); // kGridSize^2 values in [-1, 1]
    void clearBoundary();
    void setTestPointsVisible(bool visible);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void keepSquare();

    QCPColorMap* map_ = nullptr;
    QCPGraph* trainNegative_ = nullptr;
    QCPGraph* trainPositive_ = nullptr;
    QCPGraph* testNegative_ = nullptr;
    QCPGraph* testPositive_ = nullptr;
};

} // namespace ws::ui
