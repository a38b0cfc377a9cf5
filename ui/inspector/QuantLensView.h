// SPDX-License-Identifier: GPL-3.0-or-later
// The quantization lens of the Compare dock (#18 item 3), beside the table: for the selected
// pair, the error per quantization block as a heatmap (rows × blocks of the quantised tensor,
// each cell the worst of the blocks it pools; relative L2 or RMS error), and the original vs
// dequantised values as a density scatter (2-D histogram, log colour scale) with the line y = x.
// It only draws: the numbers come from the inspector's lens worker (analysis/QuantBlockError.h,
// analysis/PairScatter.h).
#pragma once

#include "InspectorTypes.h"

#include <QWidget>

class QComboBox;
class QCPColorMap;
class QCPColorScale;
class QCPGraph;
class QCustomPlot;
class QLabel;
class QTabWidget;

namespace ws::ui {

class QuantLensView : public QWidget {
    Q_OBJECT
public:
    enum Tab { BlockErrorTab, ScatterTab };
    enum Measure { RelativeMeasure, RmsMeasure };

    explicit QuantLensView(QWidget* parent = nullptr);

    void showMessage(const QString& text); // no picture: "Computing…", "select a compared row"
    void showResult(const LensResult& result);
    const LensResult& result() const { return result_; }
    QTabWidget* tabs() const { return tabs_; }
    QComboBox* measure() const { return measure_; }
    QCustomPlot* blockPlot() const { return blockPlot_; }
    QCustomPlot* scatterPlot() const { return scatterPlot_; }
    QCPColorMap* blockMap() const { return blockMap_; }
    QCPColorMap* scatterMap() const { return scatterMap_; }
    QCPGraph* diagonal() const { return diagonal_; }
    QString blockCaption() const;
    QString scatterCaption() const;
    // What the pointer is over in the block map: "row 3, block 7: relative error 0.0123".
    QString blockCellText(double key, double value) const;

private:
    void drawBlocks();
    void drawScatter();

    QTabWidget* tabs_ = nullptr;
    QComboBox* measure_ = nullptr;
    QLabel* blockCaption_ = nullptr;
    QLabel* scatterCaption_ = nullptr;
    QLabel* hover_ = nullptr;
    QCustomPlot* blockPlot_ = nullptr;
    QCustomPlot* scatterPlot_ = nullptr;
    QCPColorMap* blockMap_ = nullptr;
    QCPColorScale* blockScale_ = nullptr;
    QCPColorMap* scatterMap_ = nullptr;
    QCPColorScale* scatterScale_ = nullptr;
    QCPGraph* diagonal_ = nullptr;
    LensResult result_;
};

} // namespace ws::ui
