// SPDX-License-Identifier: GPL-3.0-or-later
// Runs side by side: the chosen metric (a history column, or any TensorBoard tag of the loaded
// runs) of every selected run overlaid, one colour per run, smoothed (core/run/Smoothing.h:
// TensorBoard's debiased EMA, a time-weighted EMA or a centred moving average) over the faint
// raw curve. Every curve keeps its full data; what is drawn is its min/max-per-pixel-column
// reduction of the visible x-range (core/run/CurveDownsample.h), recomputed on zoom, pan and
// resize, so no spike is ever dropped;
// x as step, epoch, relative or wall time; y linear or log; runs grouped by a hyper-parameter
// or tag drawn as a mean line with a ±1 std band; hovering shows each curve's nearest value. The numbers come from core; this draws them.
#pragma once

#include "runs/RunScanner.h"

#include "run/CurveDownsample.h"
#include "run/Smoothing.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QCPGraph;
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

    // Metrics by index: see metricNames(). Each reads the batch or the epoch history. After
    // them the list offers every scalar tag of the loaded TensorBoard runs (setMetricTag).
    static QStringList metricNames();
    void setMetric(int index);
    void setMetricTag(const QString& tag); // a tag no loaded run has leaves the metric as it is
    QStringList metricTags() const;         // the tags offered now
    void setSmoothingKind(ws::SmoothingKind kind);
    void setSmoothing(double weight); // 0 to 0.999
    double smoothing() const;
    void setXAxis(XAxis axis);
    void setLogY(bool log);
    // "" for no grouping, "tag", or a key of hyperParameterKeys().
    void setGroupBy(const QString& key);

    // The full histories (every row) of the shown runs, batch and epoch tables, with a run column.
    bool exportCsv(const QString& path, QString* error = nullptr) const;

    QCustomPlot* plot() const { return plot_; }
    // The hover read-out: each shown curve's nearest point to x (of its full data), one line per curve.
    QString readoutAt(double x) const;
    // The full data behind a drawn line graph (raw, smoothed or mean); null for others.
    const ws::CurvePoints* fullData(const QCPGraph* graph) const;

private:
    void rebuild();
    void updateMetricList();
    void redraw(); // each line graph's data from its full curve, for the visible x-range and width
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
    QComboBox* smoothingKind_ = nullptr;
    struct Drawn {
        QCPGraph* graph = nullptr;
        ws::CurvePoints full;
    };
    std::vector<Drawn> drawn_;
    int drawnWidth_ = 0; // the axis rect's width the graphs were last reduced for
};

} // namespace ws::ui
