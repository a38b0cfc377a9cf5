// SPDX-License-Identifier: GPL-3.0-or-later
// View ▸ Model Health: the model health report of the open file (analysis/ModelHealth.h) as a
// table, one row a 2-D weight or convolution kernel — α, spectral norm, stable rank, the
// Marchenko–Pastur edge and soft rank, outliers, sparsity, the Frobenius norm and the method
// (exact, or randomized top k for the layers above the exact bound). Rows arrive while the report
// is computed; the table sorts by any column once it is done; clicking a row selects the tensor
// in the model tree. "Colour the model by" makes the health map (HealthMap.h): each tensor of the
// model tree gets a swatch of the chosen metric on the Preferences' sequential colour map, each box
// of the architecture view its colour, with a legend of its range here and there. It only draws: HealthController computes and hands the rows over.
#pragma once

#include "HealthMap.h"
#include "analysis/ModelHealth.h"

#include <QColor>
#include <QHash>
#include <QList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace ws::ui {

class HealthPanel : public QWidget {
    Q_OBJECT
public:
    enum Column { NameColumn, MatrixColumn, MethodColumn, AlphaColumn, SpectralNormColumn, StableRankColumn,
        MpEdgeColumn, SoftRankColumn, OutliersColumn, SparsityColumn, FrobeniusColumn, ColumnCount };

    explicit HealthPanel(QWidget* parent = nullptr);

    void start(const QString& fileName, int matrices); // rows follow from addRow
    void addRow(const HealthRow& row, int tensorIndex);
    void setProgress(double fraction, const QString& tensor);
    void finish(const QString& summary);  // sorted by α, progress hidden
    void stop(const QString& message);    // cancelled or failed: the rows so far stay
    void clear(const QString& message);   // no file, or a new one
    QString caption() const;
    QTableWidget* table() const { return table_; }
    QPushButton* computeButton() const { return compute_; }
    QPushButton* cancelButton() const { return cancel_; }
    QComboBox* mapMetric() const { return metric_; } // "Colour the model by"; 0: none
    QCheckBox* mapLogScale() const { return logScale_; }
    // The health map of the chosen metric (empty when none is chosen), and its colours by tensor index.
    HealthMap map() const;
    QHash<int, QColor> treeColours() const;
    QString legendText() const;
    // A comparison's per-tensor relative L2 error as a map metric (#18 item 4): `label` is
    // "quantization error (rel. L2)" or "change since B (rel. L2)" (comparisonMetric); an empty
    // label takes the choice away again (no comparison, or a new one started).
    void setComparison(const QString& label, const QHash<int, double>& values, const QString& pathB = {});

signals:
    void computeRequested();
    void cancelRequested();
    void tensorActivated(int index); // of the open file
    void treeColoursChanged(const QHash<int, QColor>& colours);
    void mapChanged(const HealthMap& map); // the architecture view's colours

private:
    void setRunning(bool running);
    void updateMap();
    double metricValue(const HealthRow& row) const;

    QLabel* caption_ = nullptr;
    QLabel* note_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QPushButton* compute_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QTableWidget* table_ = nullptr;
    QComboBox* metric_ = nullptr;
    QCheckBox* logScale_ = nullptr;
    QLabel* legend_ = nullptr;
    QLabel* legendBar_ = nullptr;
    QList<QPair<int, HealthRow>> rows_; // tensor index, row: what the map colours
    QHash<int, double> comparison_;     // relative L2 error by tensor index, when a comparison is loaded
    QString fileName_;
    int matrices_ = 0;
    int randomized_ = 0;
};

} // namespace ws::ui
