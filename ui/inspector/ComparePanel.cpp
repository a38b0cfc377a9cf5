// SPDX-License-Identifier: GPL-3.0-or-later
#include "ComparePanel.h"

#include "common/Format.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace ws::ui {

namespace {

constexpr int kRowRole = Qt::UserRole + 1;

QTableWidgetItem* numberItem(double v)
{
    auto* item = new QTableWidgetItem;
    item->setData(Qt::DisplayRole, v); // sorts as a number
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

ComparePanel::ComparePanel(QWidget* parent) : QWidget(parent)
{
    button_ = new QPushButton(tr("Compare with…"));
    button_->setToolTip(tr("Open a second checkpoint of the same model and compare it tensor by tensor"));
    connect(button_, &QPushButton::clicked, this, &ComparePanel::compareRequested);
    caption_ = new QLabel(tr("Open a file, then compare it with another checkpoint."));
    caption_->setWordWrap(true);

    table_ = new QTableWidget(0, 7);
    table_->setHorizontalHeaderLabels(
        { tr("Tensor"), tr("Status"), tr("Shape A"), tr("Shape B"), tr("‖A−B‖/‖A‖"), tr("Cosine"), tr("max |A−B|") });
    table_->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    connect(table_, &QTableWidget::currentCellChanged, this, [this](int r) {
        if (r >= 0 && table_->item(r, NameColumn))
            emit rowSelected(table_->item(r, NameColumn)->data(kRowRole).toInt());
    });

    auto* top = new QHBoxLayout;
    top->addWidget(caption_, 1);
    top->addWidget(button_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(top);
    layout->addWidget(table_, 1);
}

void ComparePanel::clear()
{
    table_->setSortingEnabled(false);
    table_->setRowCount(0);
    rows_.clear();
    done_ = 0;
}

void ComparePanel::start(const QString& pathB)
{
    clear();
    pathB_ = pathB;
    caption_->setText(tr("Comparing with %1…").arg(QFileInfo(pathB).fileName()));
}

void ComparePanel::setRows(const CompareResult& result)
{
    clear();
    rows_ = result.rows;
    table_->setRowCount(int(rows_.size()));
    for (int r = 0; r < rows_.size(); ++r) {
        const DiffRow& row = rows_[r];
        auto* name = new QTableWidgetItem(QString::fromStdString(row.name));
        name->setData(kRowRole, r);
        table_->setItem(r, NameColumn, name);
        QString status;
        switch (row.status) {
        case DiffStatus::Matched: status = tr("in both"); break;
        case DiffStatus::Reshaped: status = tr("reshaped"); break;
        case DiffStatus::OnlyInA: status = tr("removed in B"); break;
        case DiffStatus::OnlyInB: status = tr("added in B"); break;
        }
        table_->setItem(r, StatusColumn, new QTableWidgetItem(status));
        table_->setItem(r, ShapeAColumn, new QTableWidgetItem(row.indexA >= 0 ? formatShape(row.shapeA) : QString()));
        table_->setItem(r, ShapeBColumn, new QTableWidgetItem(row.indexB >= 0 ? formatShape(row.shapeB) : QString()));
    }
    table_->resizeColumnsToContents();
}

void ComparePanel::setStats(int row, const DiffStats& stats)
{
    if (row < 0 || row >= rows_.size())
        return;
    rows_[row].stats = stats;
    ++done_;
    // Rows may have been sorted: find the table row that shows rows_[row].
    for (int r = 0; r < table_->rowCount(); ++r)
        if (table_->item(r, NameColumn)->data(kRowRole).toInt() == row) {
            table_->setItem(r, RelativeColumn, numberItem(stats.relativeL2));
            table_->setItem(r, CosineColumn, numberItem(stats.cosine));
            table_->setItem(r, MaxAbsColumn, numberItem(stats.maxAbs));
            break;
        }
}

void ComparePanel::finish()
{
    int added = 0, removed = 0, reshaped = 0;
    for (const DiffRow& r : rows_) {
        added += r.status == DiffStatus::OnlyInB;
        removed += r.status == DiffStatus::OnlyInA;
        reshaped += r.status == DiffStatus::Reshaped;
    }
    caption_->setText(tr("A − B with B = %1: %2 compared, %3 added, %4 removed, %5 reshaped. Sort by a column; "
                         "select a row for the heatmap of A − B.")
                          .arg(QFileInfo(pathB_).fileName())
                          .arg(done_)
                          .arg(added)
                          .arg(removed)
                          .arg(reshaped));
    table_->setSortingEnabled(true);
}

} // namespace ws::ui
