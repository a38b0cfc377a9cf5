// SPDX-License-Identifier: GPL-3.0-or-later
// The statistics dock: a histogram of the selected tensor's finite values (linear or log counts,
// adjustable bins) over a table of its statistics — min, max, mean, std, L2 norm, zero fraction,
// NaN/Inf counts and percentiles — all computed by core on the inspector's worker.
#pragma once

#include "InspectorTypes.h"

#include <QWidget>

class QCheckBox;
class QCPBars;
class QCustomPlot;
class QLabel;
class QSpinBox;
class QTableWidget;

namespace ws::ui {

class StatsPanel : public QWidget {
    Q_OBJECT
public:
    explicit StatsPanel(QWidget* parent = nullptr);

    void clear(const QString& message = {});
    // `storage`: what the file holds for the tensor ("Q4_K", "BF16") and its bits per weight,
    // shown first (a quantised tensor's values are read as float32; 0 bits: not given).
    void showNumbers(const TensorNumbers& numbers, const QString& storage = {}, double bitsPerWeight = 0);
    int bins() const;
    void setBins(int bins);
    void setLogCounts(bool log);
    QTableWidget* table() const { return table_; }
    QCustomPlot* histogramPlot() const { return plot_; }
    // The table's value for a row label ("min", "p99", ...) as shown; empty when absent.
    QString value(const QString& key) const;

signals:
    void binsChanged(int bins);

private:
    void addRow(const QString& key, const QString& label, const QString& value);
    void drawHistogram();

    QCustomPlot* plot_ = nullptr;
    QCPBars* bars_ = nullptr;
    QSpinBox* bins_ = nullptr;
    QCheckBox* log_ = nullptr;
    QTableWidget* table_ = nullptr;
    QLabel* note_ = nullptr;
    TensorNumbers numbers_;
};

} // namespace ws::ui
