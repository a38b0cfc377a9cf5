// SPDX-License-Identifier: GPL-3.0-or-later
// The test-set confusion matrix after every epoch: a slider looks back through the epochs, and
// a click on a cell shows the test samples in it (ConfusionBrowser). The evaluations come from
// the analysis worker, one per epoch, in order.
#pragma once

#include "training/InsightTypes.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QSlider;

namespace ws::ui {

class ConfusionBrowser;
class ConfusionHeatmap;

class ConfusionView : public QWidget {
    Q_OBJECT
public:
    explicit ConfusionView(QWidget* parent = nullptr);

    void reset();
    // Keeps the snapshot's evaluation if it was taken at the end of an epoch and evaluated.
    void addSnapshot(const ModelSnapshot& snapshot);
    int epochCount() const { return int(epochs_.size()); }
    int shownEpoch() const; // 1-based; 0 when none
    void showEpoch(int epoch);
    void showCell(int trueClass, int predicted);
    QString epochText() const; // what the label beside the slider says
    ConfusionBrowser* browser() const { return browser_; }
    ConfusionHeatmap* heatmap() const;
    QListWidget* samples() const;

private:
    void onSlider(int index);

    struct Entry {
        int epoch = 0;
        std::shared_ptr<const ConfusionCells> cells;
        double loss = 0.0;
        std::shared_ptr<const Dataset> test;
        QStringList classNames;
    };
    std::vector<Entry> epochs_;
    QSlider* slider_ = nullptr;
    QLabel* epochLabel_ = nullptr;
    ConfusionBrowser* browser_ = nullptr;
};

} // namespace ws::ui
