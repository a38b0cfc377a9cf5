// SPDX-License-Identifier: GPL-3.0-or-later
// Ablation: the test accuracy and confusion matrix of the model with the units the user switched
// off (in the activations view), next to those of the intact model, and the list of those units
// to switch them back on.
#pragma once

#include "training/InsightTypes.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace ws::ui {

class ConfusionHeatmap;

class AblationPanel : public QWidget {
    Q_OBJECT
public:
    explicit AblationPanel(QWidget* parent = nullptr);

    // The units switched off, named by the model's layers; the result follows.
    void setMask(const UnitMask& mask, const Sequential* model);
    void setBusy();
    void showResult(const AblationResult& result, const QStringList& classNames);
    void reset();
    QString accuracyText() const;
    ConfusionHeatmap* heatmap() const { return heatmap_; }

signals:
    void unitRestoreRequested(size_t layer, int64_t unit);
    void restoreAllRequested();

private:
    QLabel* accuracy_ = nullptr;
    QListWidget* units_ = nullptr;
    QPushButton* restore_ = nullptr;
    QPushButton* restoreAll_ = nullptr;
    ConfusionHeatmap* heatmap_ = nullptr;
};

} // namespace ws::ui
