// SPDX-License-Identifier: GPL-3.0-or-later
#include "runs/HyperParameterTable.h"

#include <QBrush>
#include <QCheckBox>
#include <QColor>
#include <QFont>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace ws::ui {

namespace {

const QColor kDiffers(255, 236, 170); // a soft yellow that reads on light and dark rows

// Hides the columns whose values are the same in every run (the name column stays).
class DifferingColumns : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setOnlyDiffering(bool only)
    {
        only_ = only;
        invalidateFilter();
    }

protected:
    bool filterAcceptsColumn(int column, const QModelIndex&) const override
    {
        const auto* m = static_cast<const HyperParameterModel*>(sourceModel());
        return !only_ || column == 0 || m->differs(column);
    }

private:
    bool only_ = false;
};

} // namespace

void HyperParameterModel::setRuns(const std::vector<RunInfo>& runs)
{
    beginResetModel();
    table_ = parameterTable(runs);
    names_.clear();
    for (const RunInfo& r : runs)
        names_.push_back(QString::fromStdString(r.header.name));
    endResetModel();
}

bool HyperParameterModel::differs(int column) const
{
    return column > 0 && size_t(column - 1) < table_.differs.size() && table_.differs[size_t(column - 1)];
}

int HyperParameterModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(table_.values.size());
}

int HyperParameterModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(table_.keys.size()) + 1;
}

QVariant HyperParameterModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || size_t(index.row()) >= table_.values.size())
        return {};
    const size_t row = size_t(index.row());
    if (index.column() == 0) {
        if (role == Qt::DisplayRole || role == Qt::UserRole || role == Qt::ToolTipRole)
            return names_[row];
        return {};
    }
    const nlohmann::json& v = table_.values[row][size_t(index.column() - 1)];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return QString::fromStdString(parameterText(v));
    case Qt::UserRole: // sorts numbers as numbers
        if (v.is_number())
            return v.get<double>();
        return QString::fromStdString(parameterText(v));
    case Qt::BackgroundRole:
        return differs(index.column()) ? QBrush(kDiffers) : QVariant();
    case Qt::ForegroundRole:
        return differs(index.column()) ? QBrush(Qt::black) : QVariant();
    case Qt::TextAlignmentRole:
        return v.is_number() ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    default:
        return {};
    }
}

QVariant HyperParameterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole)
        return section == 0 ? tr("Run") : QString::fromStdString(table_.keys.at(size_t(section - 1)));
    if (role == Qt::FontRole && differs(section)) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::ToolTipRole && section > 0)
        return differs(section) ? tr("The selected runs differ here") : tr("The same in every selected run");
    return {};
}

HyperParameterTable::HyperParameterTable(QWidget* parent) : QWidget(parent)
{
    model_ = new HyperParameterModel(this);
    auto* proxy = new DifferingColumns(this);
    proxy->setSourceModel(model_);
    proxy->setSortRole(Qt::UserRole);
    proxy_ = proxy;
    view_ = new QTableView;
    view_->setModel(proxy_);
    view_->setSortingEnabled(true);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->verticalHeader()->hide();
    view_->setWordWrap(false);
    // Columns fitted to the first 100 rows, as the runs table's: with 1,000 runs selected Qt
    // measured every cell on the GUI thread (0.2 s).
    view_->horizontalHeader()->setResizeContentsPrecision(100);
    onlyDiffering_ = new QCheckBox(tr("Only differing"));
    onlyDiffering_->setToolTip(tr("Show only the values that differ between the selected runs"));
    auto* hint = new QLabel(tr("Highlighted columns differ between the selected runs."));
    auto* top = new QHBoxLayout;
    top->addWidget(onlyDiffering_);
    top->addWidget(hint, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(view_, 1);
    connect(onlyDiffering_, &QCheckBox::toggled, this, [this](bool only) { setOnlyDiffering(only); });
}

void HyperParameterTable::setRuns(const std::vector<RunInfo>& runs)
{
    model_->setRuns(runs);
    static_cast<DifferingColumns*>(proxy_)->setOnlyDiffering(onlyDiffering_->isChecked());
    view_->resizeColumnsToContents();
}

void HyperParameterTable::setOnlyDiffering(bool only)
{
    if (onlyDiffering_->isChecked() != only)
        onlyDiffering_->setChecked(only); // comes back here through toggled
    static_cast<DifferingColumns*>(proxy_)->setOnlyDiffering(only);
}

} // namespace ws::ui
