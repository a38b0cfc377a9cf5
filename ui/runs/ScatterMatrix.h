// SPDX-License-Identifier: GPL-3.0-or-later
// The scatter matrix of the Importance tab (#19 item 4): for the settings ranked highest for the
// chosen outcome, one small plot each of the setting against the outcome, a point per run in the
// run's own colour (the curves' colour, RunColours). A learning rate that spans decades is on a
// log axis; a text setting (optimizer) has its values as categories. Hovering a point names the
// run. An axis label longer than its panel (a history outcome such as "epoch/val_accuracy (best,
// max)" on a short y axis) is elided in the middle to what the panel has room for, measured in
// the label's font at every layout, and hovering it shows it whole (#19).
// The numbers come from core/run/Importance (settingScatter).
#pragma once

#include "run/Importance.h"

#include <QColor>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QGridLayout;
class QLabel;

namespace ws::ui {

class ScatterMatrix : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxPanels = 6;
    static constexpr int kColumns = 3;

    explicit ScatterMatrix(QWidget* parent = nullptr);
    // The first kMaxPanels settings of `ranking` against `metricKey`; `names` and `colours` per
    // row of `table`.
    void setData(const ParameterTable& table, const std::vector<ParameterImportance>& ranking,
        const std::string& metricKey, const std::vector<QString>& names, const std::vector<QColor>& colours);

    int panelCount() const { return int(panels_.size()); }
    QCustomPlot* panel(int i) const { return panels_.at(size_t(i)).plot; }
    const SettingScatter& scatter(int i) const { return panels_.at(size_t(i)).data; }
    // The run nearest to the pixel `pos` of panel i within a few pixels, or -1.
    int runAt(int i, const QPointF& pos) const;
    // What hovering the pixel `pos` of panel i shows: a run's name and values, or an elided axis
    // label whole; empty for nothing.
    QString toolTipAt(int i, const QPointF& pos) const;
    // The labels of panel i's axes in full (what is drawn may be elided).
    QString xName(int i) const { return panels_.at(size_t(i)).xName; }
    QString yName(int i) const { return panels_.at(size_t(i)).yName; }

private:
    struct Panel {
        QCustomPlot* plot = nullptr;
        SettingScatter data;
        QString xName, yName;
    };
    void clear();
    static void fitLabels(QCustomPlot* plot, const QString& xName, const QString& yName);

    QGridLayout* grid_ = nullptr;
    QLabel* empty_ = nullptr;
    std::vector<Panel> panels_;
    std::vector<QString> names_;
};

} // namespace ws::ui
