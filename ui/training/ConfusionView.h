// The test-set confusion matrix after every epoch: a slider looks back through the epochs, and
// a click on a cell shows the test samples in it (thumbnails for images, up to kMaxSamples,
// with their true and predicted class).
#pragma once

#include "training/InsightTypes.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QSlider;

namespace ws::ui {

class ConfusionHeatmap;

class ConfusionView : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxSamples = 64;

    explicit ConfusionView(QWidget* parent = nullptr);

    void reset();
    // Keeps the snapshot's confusion if it was taken at the end of an epoch.
    void addSnapshot(const ModelSnapshot& snapshot);
    int epochCount() const { return int(epochs_.size()); }
    int shownEpoch() const; // 1-based; 0 when none
    void showEpoch(int epoch);
    void showCell(int trueClass, int predicted);
    ConfusionHeatmap* heatmap() const { return heatmap_; }
    QListWidget* samples() const { return samples_; }

private:
    void onSlider(int index);

    struct Entry {
        int epoch = 0;
        std::shared_ptr<const ConfusionCells> cells;
        std::shared_ptr<const Dataset> test;
        QStringList classNames;
    };
    std::vector<Entry> epochs_;
    QSlider* slider_ = nullptr;
    QLabel* epochLabel_ = nullptr;
    ConfusionHeatmap* heatmap_ = nullptr;
    QLabel* cellLabel_ = nullptr;
    QListWidget* samples_ = nullptr;
};

} // namespace ws::ui
