// SPDX-License-Identifier: GPL-3.0-or-later
// The comparison dock: every tensor of the open file (A) against a second file (B) — relative
// change ‖A−B‖/‖A‖, cosine similarity, max |Δ| — plus the tensors added, removed or reshaped,
// sortable by any column. Selecting a compared row asks for the heatmap of A − B.
#pragma once

#include "InspectorTypes.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace ws::ui {

class ComparePanel : public QWidget {
    Q_OBJECT
public:
    enum Column { NameColumn, StatusColumn, ShapeAColumn, ShapeBColumn, RelativeColumn, CosineColumn, MaxAbsColumn };

    explicit ComparePanel(QWidget* parent = nullptr);

    void start(const QString& pathB); // rows follow from setRows/setStats
    void setRows(const CompareResult& result);
    void setStats(int row, const DiffStats& stats);
    void finish();
    void clear(); // no comparison: rows and the caption naming the last B go
    QString caption() const;
    QTableWidget* table() const { return table_; }
    const QList<DiffRow>& rows() const { return rows_; }

signals:
    void compareRequested(); // the "Compare with…" button
    void rowSelected(int row);

private:
    void clearRows();
    void fitColumns();

    QTableWidget* table_ = nullptr;
    QLabel* caption_ = nullptr;
    QPushButton* button_ = nullptr;
    QList<DiffRow> rows_;
    QString pathB_;
    int done_ = 0;
};

} // namespace ws::ui
