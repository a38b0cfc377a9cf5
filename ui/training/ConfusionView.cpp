// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/ConfusionView.h"

#include "training/ConfusionBrowser.h"
#include "training/ConfusionHeatmap.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QVBoxLayout>

#include <cmath>

namespace ws::ui {

ConfusionView::ConfusionView(QWidget* parent) : QWidget(parent)
{
    slider_ = new QSlider(Qt::Horizontal);
    slider_->setRange(0, 0);
    slider_->setPageStep(1);
    slider_->setToolTip(tr("Look back at the confusion matrix of earlier epochs"));
    epochLabel_ = new QLabel(tr("No epoch finished yet."));
    browser_ = new ConfusionBrowser;

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Epoch:")));
    top->addWidget(slider_, 1);
    top->addWidget(epochLabel_);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(browser_, 1);

    connect(slider_, &QSlider::valueChanged, this, &ConfusionView::onSlider);
}

ConfusionHeatmap* ConfusionView::heatmap() const { return browser_->heatmap(); }

QListWidget* ConfusionView::samples() const { return browser_->samples(); }

QString ConfusionView::epochText() const { return epochLabel_->text(); }

void ConfusionView::reset()
{
    epochs_.clear();
    slider_->setRange(0, 0);
    browser_->setCells(nullptr, nullptr, {});
    epochLabel_->setText(tr("No epoch finished yet."));
}

void ConfusionView::addSnapshot(const ModelSnapshot& snapshot)
{
    if (!snapshot.epochEnd || !snapshot.confusion)
        return;
    const bool followLatest = epochs_.empty() || slider_->value() == slider_->maximum();
    epochs_.push_back({ snapshot.epoch, snapshot.confusion, snapshot.testLoss, snapshot.test, snapshot.classNames });
    slider_->setRange(0, int(epochs_.size()) - 1);
    if (followLatest) {
        slider_->setValue(slider_->maximum());
        onSlider(slider_->maximum()); // when the value did not change (the first epoch)
    } else {
        onSlider(slider_->value()); // "of N" grows
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

void ConfusionView::showCell(int trueClass, int predicted)
{
    browser_->showCell(trueClass, predicted);
}

void ConfusionView::onSlider(int index)
{
    if (index < 0 || size_t(index) >= epochs_.size())
        return;
    const Entry& e = epochs_[size_t(index)];
    if (browser_->heatmap()->cells() != e.cells.get())
        browser_->setCells(e.cells, e.test, e.classNames);
    const QString accuracy = tr("epoch %1 of %2 · test accuracy %3 %")
                                 .arg(e.epoch)
                                 .arg(epochs_.back().epoch)
                                 .arg(100.0 * e.cells->accuracy(), 0, 'f', 2);
    epochLabel_->setText(std::isfinite(e.loss) ? tr("%1 · loss %2").arg(accuracy).arg(e.loss, 0, 'f', 4) : accuracy);
}

} // namespace ws::ui
