// SPDX-License-Identifier: GPL-3.0-or-later
// A confusion matrix to look into: the heatmap (ConfusionHeatmap) and, beside it, the test
// samples of the cell last clicked (thumbnails for images, up to kMaxSamples, with their true and
// predicted class). The Training panel's "Test set" tab shows the final model's in one, the
// "Confusion by epoch" view (ConfusionView) every epoch's in another.
#pragma once

#include "analysis/Confusion.h"

#include <QStringList>
#include <QWidget>

#include <memory>

class QLabel;
class QListWidget;

namespace ws::ui {

class ConfusionHeatmap;

class ConfusionBrowser : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxSamples = 64;

    explicit ConfusionBrowser(QWidget* parent = nullptr);

    // `test` is the dataset the cells index into (for thumbnails; may be null). Null cells: none.
    // The cell last clicked (or shown) stays chosen for new cells of as many classes (the next
    // epoch's); null cells forget it.
    void setCells(std::shared_ptr<const ConfusionCells> cells, std::shared_ptr<const Dataset> test, const QStringList& classNames);
    void showCell(int trueClass, int predicted);
    // A line of rich text above the matrix (the Test set tab's accuracy and loss); empty: none.
    void setSummary(const QString& richText);
    ConfusionHeatmap* heatmap() const { return heatmap_; }
    // The shown samples; an item's Qt::UserRole holds its index in the test set.
    QListWidget* samples() const { return samples_; }

private:
    std::shared_ptr<const ConfusionCells> cells_;
    std::shared_ptr<const Dataset> test_;
    QStringList classNames_;
    int selectedTrue_ = -1, selectedPredicted_ = -1; // -1: no cell chosen
    QLabel* summary_ = nullptr;
    ConfusionHeatmap* heatmap_ = nullptr;
    QLabel* cellLabel_ = nullptr;
    QListWidget* samples_ = nullptr;
};

} // namespace ws::ui
