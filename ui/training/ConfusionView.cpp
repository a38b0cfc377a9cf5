#include "training/ConfusionView.h"

#include "training/ConfusionHeatmap.h"
#include "training/SampleImages.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QSlider>
#include <QSplitter>
#include <QVBoxLayout>

namespace ws::ui {

ConfusionView::ConfusionView(QWidget* parent) : QWidget(parent)
{
    slider_ = new QSlider(Qt::Horizontal);
    slider_->setRange(0, 0);
    slider_->setPageStep(1);
    slider_->setToolTip(tr("Look back at the confusion matrix of earlier epochs"));
    epochLabel_ = new QLabel(tr("No epoch finished yet."));
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

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Epoch:")));
    top->addWidget(slider_, 1);
    top->addWidget(epochLabel_);

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
    layout->addLayout(top);
    layout->addWidget(split, 1);

    connect(slider_, &QSlider::valueChanged, this, &ConfusionView::onSlider);
    connect(heatmap_, &ConfusionHeatmap::cellClicked, this, &ConfusionView::showCell);
}

void ConfusionView::reset()
{
    epochs_.clear();
    slider_->setRange(0, 0);
    heatmap_->setCells(nullptr, {});
    samples_->clear();
    epochLabel_->setText(tr("No epoch finished yet."));
    cellLabel_->setText(tr("Click a cell to see its test samples."));
}

void ConfusionView::addSnapshot(const ModelSnapshot& snapshot)
{
    if (!snapshot.epochEnd || !snapshot.confusion)
        return;
    const bool followLatest = epochs_.empty() || slider_->value() == slider_->maximum();
    epochs_.push_back({ snapshot.epoch, snapshot.confusion, snapshot.test, snapshot.classNames });
    slider_->setRange(0, int(epochs_.size()) - 1);
    if (followLatest) {
        slider_->setValue(slider_->maximum());
        onSlider(slider_->maximum()); // when the value did not change (the first epoch)
    }
}

int ConfusionView::shownEpoch() const
{
    return epochs_.empty() ? 0 : epochs_[size_t(slider_->value())].epoch;
}

void ConfusionView::showEpoch(int epoch)
{
    for (size_t i = 0; i < epochs_.size(); ++i)
        if (epochs_[i].epoch == epoch)
            slider_->setValue(int(i));
}

void ConfusionView::onSlider(int index)
{
    if (index < 0 || size_t(index) >= epochs_.size())
        return;
    const Entry& e = epochs_[size_t(index)];
    heatmap_->setCells(e.cells, e.classNames);
    epochLabel_->setText(tr("epoch %1 of %2 · test accuracy %3 %")
            .arg(e.epoch)
            .arg(epochs_.back().epoch)
            .arg(100.0 * e.cells->accuracy(), 0, 'f', 2));
    samples_->clear();
    cellLabel_->setText(tr("Click a cell to see its test samples."));
}

void ConfusionView::showCell(int trueClass, int predicted)
{
    samples_->clear();
    if (epochs_.empty())
        return;
    const Entry& e = epochs_[size_t(slider_->value())];
    if (!e.cells || trueClass < 0 || predicted < 0 || trueClass >= e.cells->numClasses || predicted >= e.cells->numClasses)
        return;
    auto name = [&](int c) { return c < e.classNames.size() ? e.classNames[c] : QString::number(c); };
    const std::vector<int64_t>& cell = e.cells->cell(trueClass, predicted);
    const int shown = int(std::min<size_t>(cell.size(), kMaxSamples));
    cellLabel_->setText(cell.size() > size_t(shown)
            ? tr("True %1, predicted %2: %3 samples (the first %4 shown).").arg(name(trueClass), name(predicted)).arg(cell.size()).arg(shown)
            : tr("True %1, predicted %2: %n sample(s).", nullptr, shown).arg(name(trueClass), name(predicted)));
    const bool images = e.test && hasImages(*e.test);
    for (int k = 0; k < shown; ++k) {
        const int64_t i = cell[size_t(k)];
        auto* item = new QListWidgetItem(tr("#%1\n%2 → %3").arg(i).arg(name(trueClass), name(predicted)));
        item->setToolTip(tr("test sample %1: true %2, predicted %3").arg(i).arg(name(trueClass), name(predicted)));
        item->setData(Qt::UserRole, qlonglong(i));
        if (images)
            item->setIcon(QIcon(QPixmap::fromImage(sampleImage(*e.test, i).scaled(56, 56, Qt::KeepAspectRatio, Qt::FastTransformation))));
        samples_->addItem(item);
    }
}

} // namespace ws::ui
