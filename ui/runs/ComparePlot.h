// SPDX-License-Identifier: GPL-3.0-or-later
// Runs side by side: the chosen metric of every selected run overlaid, one colour per run,
// smoothed with TensorBoard's debiased EMA (core/run/Smoothing.h) over the faint raw curve;
// x as step, epoch, relative or wall time; y linear or log; runs grouped by a hyper-parameter
// or tag drawn as a mean line with a ±1 std band; hovering shows each curve's nearest value. The numbers come from core; this draws them.
#pragma once

#include "runs/RunScanner.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QMouseEvent;
class QSlider;

namespace ws::ui {

class ComparePlot : public QWidget {
    Q_OBJECT
public:
    enum class XAxis { Step, Epoch, RelativeTime, WallTime };

    explicit ComparePlot(QWidget* parent = nullptr);

    void setRuns(std::vector<RunCurves> runs);
    const std::vector<RunCurves>& runs() const { return runs_; }

    // Metrics by index: see metricNames(). Each reads the batch or the epoch history.
    static QStringList metricNames();
    void setMetric(int index);
    void setSmoothing(double weight); // 0 to 0.999
    double smoothing() const;
    void setXAxis(XAxis axis);
    void setLogY(bool log);
    // "" for no grouping, "tag", or a key of hyperParameterKeys().
    void setGroupBy(const QString& key);

    // The full histories (every row) of the shown runs, batch and epoch tables, with a run column.
    bool exportCsv(const QString& path, QString* error = nullptr) const;

    QCustomPlot* plot() const { return plot_; }
    // The hover read-out: each shown curve's nearest point to x, one line per curve.
    QString readoutAt(double x) const;

private:
    void rebuild();
    void showReadout(QMouseEvent* event);
    void exportWithDialog();
    void savePictureWithDialog();

    std::vector<RunCurves> runs_;
    QCustomPlot* plot_ = nullptr;
    QComboBox* metric_ = nullptr;
    QComboBox* xAxis_ = nullptr;
    QCheckBox* logY_ = nullptr;
    QSlider* smoothing_ = nullptr;
    QLabel* smoothingLabel_ = nullptr;
    QComboBox* groupBy_ = nullptr;
};

} // namespace ws::ui
