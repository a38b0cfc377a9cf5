// Train and test loss over epochs for the running Playground model. Points are appended as
// snapshots arrive; the owner replots on its timer.
#pragma once

#include <qcustomplot.h>

namespace ws::ui {

class LossPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit LossPlot(QWidget* parent = nullptr);

    void addPoint(double epoch, double trainLoss, double testLoss);
    void clear();
    void rescale(); // fits the axes to the data (call before replot)

private:
    QCPGraph* train_ = nullptr;
    QCPGraph* test_ = nullptr;
};

} // namespace ws::ui
