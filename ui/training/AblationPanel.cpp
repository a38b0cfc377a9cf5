// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/AblationPanel.h"

#include "training/ConfusionHeatmap.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace ws::ui {

namespace {
constexpr int kLayerRole = Qt::UserRole, kUnitRole = Qt::UserRole + 1;
}

AblationPanel::AblationPanel(QWidget* parent) : QWidget(parent)
{
    accuracy_ = new QLabel;
    accuracy_->setWordWrap(true);
    accuracy_->setTextFormat(Qt::RichText);
    units_ = new QListWidget;
    units_->setMaximumHeight(80);
    units_->setToolTip(tr("Units switched off; double-click one to switch it back on"));
    restore_ = new QPushButton(tr("Switch on"));
    restoreAll_ = new QPushButton(tr("Switch all on"));
    restore_->setToolTip(tr("Switch the unit selected in the list back on"));
    restoreAll_->setToolTip(tr("Switch every unit back on: the model as trained"));
    heatmap_ = new ConfusionHeatmap;
    heatmap_->setToolTip(tr("Test confusion with the units switched off; a dot marks a cell that changed"));

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(restore_);
    buttons->addWidget(restoreAll_);
    buttons->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("<b>Ablation</b>")));
    layout->addWidget(accuracy_);
    layout->addWidget(units_);
    layout->addLayout(buttons);
    layout->addWidget(heatmap_, 1);

    auto restoreItem = [this](QListWidgetItem* item) {
        if (item)
            emit unitRestoreRequested(size_t(item->data(kLayerRole).toULongLong()), item->data(kUnitRole).toLongLong());
    };
    connect(units_, &QListWidget::itemDoubleClicked, this, restoreItem);
    connect(restore_, &QPushButton::clicked, this, [this, restoreItem] { restoreItem(units_->currentItem()); });
    connect(restoreAll_, &QPushButton::clicked, this, &AblationPanel::restoreAllRequested);
    reset();
}

void AblationPanel::reset()
{
    units_->clear();
    heatmap_->setCells(nullptr, {});
    heatmap_->setReference(nullptr);
    accuracy_->setText(tr("Click a feature map or a bar in the activations to switch that unit off; the test accuracy "
                          "and confusion matrix follow."));
    restore_->setEnabled(false);
    restoreAll_->setEnabled(false);
}

void AblationPanel::setMask(const UnitMask& mask, const Sequential* model)
{
    units_->clear();
    for (const auto& [layer, units] : mask.units())
        for (const int64_t unit : units) {
            const QString name = model && layer < model->size() ? QString::fromStdString(model->layer(layer).name())
                                                                 : QString::number(layer);
            auto* item = new QListWidgetItem(tr("%1 · unit %2").arg(name).arg(unit));
            item->setData(kLayerRole, qulonglong(layer));
            item->setData(kUnitRole, qlonglong(unit));
            units_->addItem(item);
        }
    restore_->setEnabled(!mask.empty());
    restoreAll_->setEnabled(!mask.empty());
}

void AblationPanel::setBusy()
{
    const QString busy = tr("(computing…)");
    if (!accuracy_->text().endsWith(busy))
        accuracy_->setText(accuracy_->text() + QLatin1Char(' ') + busy);
}

void AblationPanel::showResult(const AblationResult& result, const QStringList& classNames)
{
    if (!result.error.isEmpty()) {
        accuracy_->setText(result.error.toHtmlEscaped());
        return;
    }
    const double now = 100.0 * result.confusion->accuracy(), before = 100.0 * result.baseline->accuracy();
    if (result.mask.empty())
        accuracy_->setText(tr("Test accuracy <b>%1 %</b> (%2 samples), no unit switched off.")
                .arg(now, 0, 'f', 2)
                .arg(result.confusion->total));
    else
        accuracy_->setText(tr("Test accuracy <b>%1 %</b> with %n unit(s) switched off; %2 % with all on (%3 points).",
            nullptr, int(result.mask.count()))
                .arg(now, 0, 'f', 2)
                .arg(before, 0, 'f', 2)
                .arg(QString::asprintf("%+.2f", now - before)));
    heatmap_->setCells(result.confusion, classNames);
    heatmap_->setReference(result.mask.empty() ? nullptr : result.baseline);
}

QString AblationPanel::accuracyText() const
{
    return accuracy_->text();
}

} // namespace ws::ui
