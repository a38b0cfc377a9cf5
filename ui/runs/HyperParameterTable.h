// SPDX-License-Identifier: GPL-3.0-or-later
// The hyper-parameter table of the Runs dock: one row per selected run, one column per config
// value and outcome (core/run/RunParameters.h); columns whose values differ between the runs are
// highlighted, and "Only differing" hides the others. Sortable by any column.
#pragma once

#include "run/RunParameters.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>
#include <QWidget>

class QCheckBox;
class QTableView;

namespace ws::ui {

class HyperParameterModel : public QAbstractTableModel {
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;

    void setRuns(const std::vector<RunInfo>& runs);
    const ParameterTable& table() const { return table_; }
    bool differs(int column) const; // column 0 (the run's name) never does

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    ParameterTable table_;
    std::vector<QString> names_;
};

class HyperParameterTable : public QWidget {
    Q_OBJECT
public:
    explicit HyperParameterTable(QWidget* parent = nullptr);

    void setRuns(const std::vector<RunInfo>& runs);
    void setOnlyDiffering(bool only);

    HyperParameterModel* model() const { return model_; }
    QSortFilterProxyModel* proxy() const { return proxy_; }
    QTableView* view() const { return view_; }

private:
    HyperParameterModel* model_ = nullptr;
    QSortFilterProxyModel* proxy_ = nullptr;
    QTableView* view_ = nullptr;
    QCheckBox* onlyDiffering_ = nullptr;
};

} // namespace ws::ui
