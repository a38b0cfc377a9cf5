// SPDX-License-Identifier: GPL-3.0-or-later
// Runs side by side: the chosen metric (a history column, or any TensorBoard tag of the loaded
// runs) of every selected run overlaid, one colour per run, smoothed (core/run/Smoothing.h:
// TensorBoard's debiased EMA, a time-weighted EMA or a centred moving average) over the faint
// raw curve. Every curve keeps its full data; what is drawn is its min/max-per-pixel-column
// reduction of the visible x-range (core/run/CurveDownsample.h), recomputed on zoom, pan and
// resize, so no spike is ever dropped (on a worker of its own: see Threads below);
// x as step, epoch, relative or wall time; y linear or log; runs grouped by a hyper-parameter
// or tag drawn as a mean line with a ±1 std band; hovering lists every shown curve's value at the
// cursor, highest first; a legend beside the plot (RunLegend) scrolls, filters and hides curves;
// each run's colour is its own (RunColours). The numbers come from core; this draws them.
//
// Threads (#19): every change (runs, metric, axis, smoothing, grouping) becomes a CurveRequest
// prepared on a LatestJob thread (runs/CurvePreparation.h: series, smoothing, group statistics,
// colours, the first reduction); the GUI thread only installs the answer into QCPGraphs. Until it
// arrives the previous curves stay; a newer request supersedes an older one, whose answer, if it
// still comes, is dropped. curvesReady() says when the newest request's curves are drawn.
// Zoom, pan and resize: each shown line's M4 reduction for the new range is made on a second
// LatestJob thread (with 1,000 curves it took the GUI thread 130-610 ms a frame under load);
// until it arrives the previous reduction is drawn on the new axes, and an answer for a range
// since left, or for graphs since replaced, is dropped.
#pragma once

#include "runs/CurvePreparation.h"
#include "runs/RunScanner.h"
#include "threads/HandOff.h"
#include "threads/LatestJob.h"

#include "run/CurveDownsample.h"
#include "run/Smoothing.h"

#include <QColor>
#include <QWidget>

#include <atomic>
#include <memory>
#include <thread>

class QCheckBox;
class QComboBox;
class QCPGraph;
class QCustomPlot;
class QLabel;
class QMouseEvent;
class QSlider;
class QTimer;

namespace ws::ui {

class ProgressStrip;
class RunLegend;

class ComparePlot : public QWidget {
    Q_OBJECT
public:
    using XAxis = CurveXAxis;

    explicit ComparePlot(QWidget* parent = nullptr);
    ~ComparePlot() override; // cancels an export in flight and waits for it (and for the curves' job)

    // The runs are shared, never copied: a load's answer stays immutable (RunsPanel).
    void setRuns(std::shared_ptr<const std::vector<RunCurves>> runs);
    void setRuns(std::vector<RunCurves> runs);
    const std::vector<RunCurves>& runs() const { return *runs_; }
    // True from a change until its curves are installed (tests wait on curvesReady or this).
    bool preparing() const { return preparing_; }
    // The thread that prepared the curves shown now (not the GUI thread: tests check it).
    std::thread::id preparedOn() const { return preparedOn_; }
    // How many answers were dropped because a newer request had replaced theirs.
    int droppedAnswers() const { return dropped_; }
    // True when the worker has nothing left to prepare (its last answer may not be installed yet).
    bool workerIdle() const { return curveJob_.idle(); }
    // The reduction for the visible range (zoom, pan, resize): true from the range's change until
    // its lines are drawn; the thread that made the last one drawn; how many were drawn and how
    // many dropped because the range or the graphs had changed since they were asked for.
    bool reducing() const { return reducing_; }
    std::thread::id reducedOn() const { return reducedOn_; }
    int reductionsDrawn() const { return reductionsDrawn_; }
    int droppedReductions() const { return droppedReductions_; }
    bool reductionIdle() const { return reduceJob_.idle(); } // nothing left to reduce (tests)

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

    // The full histories (every row) of the shown runs, batch and epoch tables, with a run column,
    // read again from the files and written atomically: exportCsv here and now (tests), startExport
    // on a thread of its own with progress and Cancel in the strip below the plot (the CSV... button);
    // exportFinished says how it went (error empty: written; a cancelled export writes nothing).
    bool exportCsv(const QString& path, QString* error = nullptr) const;
    void startExport(const QString& path);
    void cancelExport();
    bool exportRunning() const { return exportThread_.joinable() && !exportDone_; }
    ProgressStrip* exportProgress() const { return exportProgress_; }

    QCustomPlot* plot() const { return plot_; }
    // The hover read-out (#19): the cursor's step is the point nearest to x of all shown curves
    // (drawn, not hidden by the legend; their full data); each curve lists its value at that step,
    // or at its nearest point before it (run/StepMatch.h: runs log at steps of their own, and a
    // point after the cursor is not what the run held there), a curve that starts later none;
    // highest value first. Each row carries the x of its point; as text, one "name  x: y" line
    // per curve; as the tooltip's HTML table with each curve's colour, under the cursor's step.
    struct ReadoutRow {
        QString name;
        QColor colour;
        double x = 0, y = 0;
    };
    double readoutStep(double x) const; // NaN: no shown curve has a point
    std::vector<ReadoutRow> readoutRows(double x) const;
    QString readoutAt(double x) const;
    QString readoutHtml(double x) const;
    RunLegend* legend() const { return legend_; }
    // "Highlight this run" (#19 item 3, from the runs table's menu): the curves of the legend
    // entry of this name drawn thick and on top, every other curve faded; empty: none. Kept
    // across rebuilds while an entry of that name is drawn.
    void setHighlighted(const QString& name);
    QString highlighted() const { return highlighted_; }
    // The full data behind a drawn line graph (raw, smoothed or mean); null for others.
    const ws::CurvePoints* fullData(const QCPGraph* graph) const;

signals:
    void curvesReady(int runs); // the newest request's curves are installed
    void exportFinished(const QString& path, const QString& error, bool cancelled);

private:
    void rebuild(); // asks the worker for the curves of the current settings
    void install(const std::shared_ptr<const PreparedCurves>& curves);
    void updateMetricList();
    // Asks reduceJob_ for each shown line graph's data from its full curve, for the visible
    // x-range and width; installReduction draws the answer if it is still the one wanted.
    void redraw();
    void installReduction(uint64_t generation, uint64_t graphs, const std::vector<size_t>& lines,
        const std::vector<ws::CurvePoints>& reduced, std::thread::id on);
    void showReadout(QMouseEvent* event);
    QString readoutKey(double x) const;
    // Each graph shown or hidden as the legend says (checked and matching its filter).
    void applyVisibility(bool replot = true);
    void applyHighlight(); // each graph's pen from its base pen, as highlighted_ says
    void exportWithDialog();
    void savePictureWithDialog();

    std::shared_ptr<const std::vector<RunCurves>> runs_ = std::make_shared<const std::vector<RunCurves>>();
    QCustomPlot* plot_ = nullptr;
    QComboBox* metric_ = nullptr;
    QComboBox* xAxis_ = nullptr;
    QCheckBox* logY_ = nullptr;
    QSlider* smoothing_ = nullptr;
    QLabel* smoothingLabel_ = nullptr;
    QComboBox* groupBy_ = nullptr;
    QComboBox* smoothingKind_ = nullptr;
    QLabel* preparingLabel_ = nullptr; // "Preparing curves…", once it takes a quarter of a second
    QTimer* preparingTimer_ = nullptr;
    RunLegend* legend_ = nullptr;
    struct Drawn {
        QCPGraph* graph = nullptr;
        std::shared_ptr<const ws::CurvePoints> full; // shared with the answer it came in
    };
    std::vector<Drawn> drawn_;
    int drawnWidth_ = 0; // the axis rect's width the graphs were last reduced for
    QString highlighted_;
    uint64_t graphsGeneration_ = 0; // counts install(): a reduction for graphs since replaced is dropped
    uint64_t wantedReduction_ = 0;
    bool reducing_ = false;
    std::thread::id reducedOn_;
    int reductionsDrawn_ = 0;
    int droppedReductions_ = 0;
    uint64_t wantedCurves_ = 0; // the generation of the newest request
    bool preparing_ = false;
    int dropped_ = 0;
    std::thread::id preparedOn_;
    LatestJob curveJob_; // before inbox_: joined after the HandOff drops what it posts
    LatestJob reduceJob_; // likewise
    ProgressStrip* exportProgress_ = nullptr;
    std::thread exportThread_;
    std::shared_ptr<std::atomic<bool>> exportCancel_;
    bool exportDone_ = true;
    HandOff inbox_ { this }; // the export's progress and answer; last, so destroyed first
};

} // namespace ws::ui
