// SPDX-License-Identifier: GPL-3.0-or-later
// The comparison dock: every tensor of the open file (A) against a second file (B), paired by
// meaning across formats (analysis/TensorMatch.h) — relative error ‖A−B‖/‖A‖, max |Δ|, cosine
// similarity, SNR, sign flips, bits per weight of each side — plus the tensors only one side
// has or a name map could not pair; sortable by any column, worst first when done, with the
// totals per transformer block and for the model below. Selecting a compared row asks for the
// heatmap of A − B (B's layout undone) and, in the quantization lens on the right
// (QuantLensView), its error per quantization block and the original vs dequantised scatter.
// The numbers come from the inspector's compare and lens workers.
#pragma once

#include "InspectorTypes.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSplitter;
class QTableWidget;

namespace ws::ui {

class QuantLensView;

class ComparePanel : public QWidget {
    Q_OBJECT
public:
    enum Column {
        NameColumn, NameBColumn, StatusColumn, ShapeAColumn, ShapeBColumn, BitsAColumn, BitsBColumn,
        RelativeColumn, MaxAbsColumn, CosineColumn, SnrColumn, SignFlipsColumn, ColumnCount
    };
    enum TotalColumn { TotalLabelColumn, TotalTensorsColumn, TotalRelativeColumn, TotalMaxAbsColumn,
        TotalCosineColumn, TotalSnrColumn, TotalSignFlipsColumn, TotalColumnCount };

    explicit ComparePanel(QWidget* parent = nullptr);

    void start(const QString& pathB); // rows follow from setRows/setStats
    void setRows(const CompareResult& result);
    void setStats(int row, const DiffStats& stats);
    void finish(const CompareResult& result); // notes and totals; sorted worst first
    void clear(); // no comparison: rows and the caption naming the last B go
    QString caption() const;
    QTableWidget* table() const { return table_; }
    QTableWidget* totals() const { return totals_; }
    QuantLensView* lens() const { return lens_; }
    const QList<DiffRow>& rows() const { return rows_; }

signals:
    void compareRequested(); // the "Compare with…" button
    void rowSelected(int row);

private:
    void clearRows();
    void fitColumns();
    void setNumbers(QTableWidget* table, int r, int firstColumn, const DiffStats& stats);

    QTableWidget* table_ = nullptr;
    QTableWidget* totals_ = nullptr;
    QSplitter* split_ = nullptr;
    QuantLensView* lens_ = nullptr;
    QLabel* caption_ = nullptr;
    QPushButton* button_ = nullptr;
    QList<DiffRow> rows_;
    QString pathB_;
    int done_ = 0;
    int pairs_ = 0;
};

} // namespace ws::ui
