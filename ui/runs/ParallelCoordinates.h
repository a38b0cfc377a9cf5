// SPDX-License-Identifier: GPL-3.0-or-later
// The parallel-coordinates plot of the Runs dock: one vertical axis per hyper-parameter that
// differs between the selected runs (numbers on a linear axis, a log axis for learning rates
// and ranges over two decades, strings as categories), the last axis a chosen outcome (final
// loss, final accuracy, ..., or a tag's final or best value over the run's history, given with
// setOutcomes: HistoryOutcomes.h), one polyline per run coloured by that outcome. Hovering a line
// highlights the run and shows its name. The geometry is layoutParallelCoordinates(), apart
// from the painting so that it can be tested.
#pragma once

#include "run/RunParameters.h"
#include "runs/HistoryOutcomes.h"

#include <QPointF>
#include <QRectF>
#include <QStringList>
#include <QWidget>

#include <string>
#include <vector>

class QComboBox;

namespace ws::ui {

struct ParallelAxis {
    std::string key;
    bool categorical = false;
    bool log = false;             // numeric axes only: log10 between lo and hi
    double lo = 0.0, hi = 1.0;    // numeric range (the values' min and max)
    QStringList categories;       // categorical: sorted, bottom to top
    double x = 0.0;               // pixel position of the axis
};

struct ParallelLayout {
    std::vector<ParallelAxis> axes;       // the varying hyper-parameters, then the metric
    std::vector<std::vector<QPointF>> lines; // per run, one point per axis; y NaN where the run has no value
    std::vector<double> shade;            // per run: the metric mapped to [0, 1] (NaN: no metric)
};

// Axes spread evenly over `area` from left to right; a value's y runs from the bottom of `area`
// (the axis minimum, the first category) to its top (the maximum, the last category); an axis
// whose values are all equal puts them in the middle.
ParallelLayout layoutParallelCoordinates(const ParameterTable& table, const std::string& metricKey, const QRectF& area);

class ParallelCoordinates : public QWidget {
    Q_OBJECT
public:
    explicit ParallelCoordinates(QWidget* parent = nullptr);

    void setRuns(const std::vector<RunInfo>& runs); // forgets the outcomes of the runs before
    void setOutcomes(const RunOutcomesList& outcomes); // per run of setRuns, in its order
    void setMetric(const QString& key); // "final.loss", "final.accuracy", ..., or a tag of the histories
    QString metric() const;             // the last axis's key: "final.loss", "epoch_loss (best, min)"
    OutcomeChooser* outcome() const { return outcome_; }
    QComboBox* metricBox() const;

    QRectF plotArea() const;     // where the axes are, in the canvas's coordinates
    ParallelLayout currentLayout() const;
    int runAt(const QPointF& canvasPos) const; // the run whose line passes within a few pixels; -1
    int hoveredRun() const { return hovered_; }
    void setHoveredRun(int run);
    QWidget* canvas() const { return canvas_; }

signals:
    void runHovered(const QString& name);

private:
    friend class ParallelCanvas;
    void paintCanvas(QPainter& painter) const;
    void updateTable();

    ParameterTable header_; // the headers' settings and outcomes
    RunOutcomesList outcomes_;
    ParameterTable table_;  // header_ with the chosen history outcome
    QStringList names_;
    OutcomeChooser* outcome_ = nullptr;
    QWidget* canvas_ = nullptr;
    int hovered_ = -1;
};

} // namespace ws::ui
