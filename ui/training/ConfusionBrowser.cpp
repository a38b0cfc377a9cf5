// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/ConfusionBrowser.h"

#include "training/ConfusionHeatmap.h"
#include "training/SampleImages.h"

#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QVBoxLayout>

namespace ws::ui {

ConfusionBrowser::ConfusionBrowser(QWidget* parent) : QWidget(parent)
{
    summary_ = new QLabel;
    summary_->setTextFormat(Qt::RichText);
    summary_->hide();
    heatmap_ = new ConfusionHeatmap;
    cellLabel_ = new QLabel(tr("Click a cell to see its test samples."));
    cellLabel_->setWordWrap(true);
    samples_ = new QListWidget;
    samples_->setViewMode(QListView::IconMode);
    samples_->setIconSize(QSize(56, 56));
    samples_->setGridSize(QSize(118, 96));
    samples_->setResizeMode(QListView::Adjust);
    samples_->setMovement(QListView::Static);
    samples_->setWordWrap(true);
    samples_->setSelectionMode(QAbstractItemView::NoSelection);

    auto* galleryBox = new QWidget;
    auto* galleryLayout = new QVBoxLayout(galleryBox);
    galleryLayout->setContentsMargins(0, 0, 0, 0);
    galleryLayout->addWidget(cellLabel_);
    galleryLayout->addWidget(samples_, 1);

    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(heatmap_);
    split->addWidget(galleryBox);
    split->setStretchFactor(0, 1); // the square matrix takes the height, the gallery the rest
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(summary_);
    layout->addWidget(split, 1);

    connect(heatmap_, &ConfusionHeatmap::cellClicked, this, &ConfusionBrowser::showCell);
}

void ConfusionBrowser::setSummary(const QString& richText)
{
    summary_->setText(richText);
    summary_->setVisible(!richText.isEmpty());
}

void ConfusionBrowser::setCells(std::shared_ptr<const ConfusionCells> cells, std::shared_ptr<const Dataset> test,
    const QStringList& classNames)
{
    // A cell chosen before any cells came (a run's first epoch) is kept too.
    const bool keep = cells && selectedTrue_ >= 0 && (!cells_ || cells->numClasses == cells_->numClasses);
    cells_ = std::move(cells);
    test_ = std::move(test);
    classNames_ = classNames;
    heatmap_->setCells(cells_, classNames_);
    if (keep) {
        showCell(selectedTrue_, selectedPredicted_);
        return;
    }
    selectedTrue_ = selectedPredicted_ = -1;
    samples_->clear();
    cellLabel_->setText(tr("Click a cell to see its test samples."));
}

void ConfusionBrowser::showCell(int trueClass, int predicted)
{
    samples_->clear();
    if (trueClass < 0 || predicted < 0)
        return;
    selectedTrue_ = trueClass;
    selectedPredicted_ = predicted;
    if (!cells_ || trueClass >= cells_->numClasses || predicted >= cells_->numClasses)
        return;
    auto name = [&](int c) { return c < classNames_.size() ? classNames_[c] : QString::number(c); };
    const std::vector<int64_t>& cell = cells_->cell(trueClass, predicted);
    const int shown = int(std::min<size_t>(cell.size(), kMaxSamples));
    cellLabel_->setText(cell.size() > size_t(shown)
            ? tr("True %1, predicted %2: %3 samples (the first %4 shown).").arg(name(trueClass), name(predicted)).arg(cell.size()).arg(shown)
            : tr("True %1, predicted %2: %n sample(s).", nullptr, shown).arg(name(trueClass), name(predicted)));
    const bool images = test_ && hasImages(*test_);
    for (int k = 0; k < shown; ++k) {
        const int64_t i = cell[size_t(k)];
        auto* item = new QListWidgetItem(tr("#%1\n%2 → %3").arg(i).arg(name(trueClass), name(predicted)));
        item->setToolTip(tr("test sample %1: true %2, predicted %3").arg(i).arg(name(trueClass), name(predicted)));
        item->setData(Qt::UserRole, qlonglong(i));
        if (images)
            item->setIcon(QIcon(QPixmap::fromImage(sampleImage(*test_, i).scaled(56, 56, Qt::KeepAspectRatio, Qt::FastTransformation))));
        samples_->addItem(item);
    }
}

} // namespace ws::ui
