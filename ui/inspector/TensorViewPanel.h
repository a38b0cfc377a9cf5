// SPDX-License-Identifier: GPL-3.0-or-later
// The tensor view (the inspector's central widget): a 2-D slice of the selected tensor as a
// heatmap without interpolation, a 1-D tensor (or a single row or column) as a line, a 4-D kernel
// as a grid of filters. Slice selectors pick the two shown dimensions and the index in the others;
// the reduction used for big tensors (min/max/mean per cell) and the colour range are chosen here
// and always written under the plot. The panel computes nothing itself: it fills a TensorRequest
// (viewChanged) and draws the TensorPicture and TensorNumbers that come back.
#pragma once

#include "InspectorTypes.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QCPColorMap;
class QCPColorScale;
class QCPGraph;
class QCustomPlot;
class QLayout;
class QLabel;
class QPlainTextEdit;
class QSpinBox;

namespace ws::ui {

class TensorViewPanel : public QWidget {
    Q_OBJECT
public:
    enum class Range { Data, Symmetric, Percentile };

    explicit TensorViewPanel(QWidget* parent = nullptr);

    // A new tensor (nullptr: none). format picks the conv layout; difference labels the title.
    void setTensor(const TensorInfo* info, const QString& format, const QString& title);
    void fillRequest(TensorRequest& request) const;
    void showPicture(const TensorPicture& picture);
    void showNumbers(const TensorNumbers& numbers);
    void showMessage(const QString& message); // instead of a picture
    void applyColourMaps(); // after Preferences changed them: draws the shown picture again
    void resetView();       // the whole picture in the frame (on every new picture, double-click, Home)

    void setReduction(Reduction reduction);
    void setRange(Range range);
    Reduction reduction() const;
    Range range() const;
    QCustomPlot* plot() const { return plot_; }
    QCPColorMap* colorMap() const { return colorMap_; }
    const TensorPicture& picture() const { return picture_; }
    QString statusText() const;
    QString titleText() const; // the line above the picture: name, type, shape
    QString rawBlocksText() const; // what shows a tensor that cannot be dequantised; empty otherwise
    QString hoverText(double key, double value) const; // what hovering at plot coordinates shows

signals:
    void viewChanged(); // slice, filter grid or input channel changed: ask for a new picture
    void exportRequested(const QString& path, bool csv); // the tensor (.npy) or its view (CSV)

private:
    void rebuildSliceControls();
    void exportData(bool csv);
    void redraw(); // from picture_ and numbers_, no worker needed
    void drawHeatmap();
    void drawLine();
    std::pair<double, double> colourRange() const;
    bool isSigned() const;

    QCustomPlot* plot_ = nullptr;
    QCPColorMap* colorMap_ = nullptr;
    QCPColorScale* colorScale_ = nullptr;
    QList<QCPGraph*> graphs_; // value, min, max (1-D)
    QLabel* title_ = nullptr;
    QLabel* status_ = nullptr;
    QLabel* hover_ = nullptr;
    QPlainTextEdit* raw_ = nullptr; // the block layout and bytes of a type that cannot be dequantised
    QWidget* sliceBar_ = nullptr;
    QLayout* sliceLayout_ = nullptr; // a WrapRow
    QComboBox* rowDim_ = nullptr;
    QComboBox* colDim_ = nullptr;
    QList<QSpinBox*> indices_;
    QCheckBox* gridMode_ = nullptr;
    QSpinBox* inChannel_ = nullptr;
    QComboBox* reduction_ = nullptr;
    QComboBox* range_ = nullptr;

    bool hasTensor_ = false;
    TensorInfo info_;
    ConvLayout layout_ = ConvLayout::OIHW;
    TensorPicture picture_;
    TensorNumbers numbers_;
    bool haveNumbers_ = false;
    bool building_ = false; // while the slice controls are rebuilt: no viewChanged
};

} // namespace ws::ui
