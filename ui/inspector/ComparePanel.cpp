// SPDX-License-Identifier: GPL-3.0-or-later
#include "ComparePanel.h"

#include "common/Format.h"

#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ws::ui {

namespace {

constexpr int kRowRole = Qt::UserRole + 1;

constexpr int kValueRole = Qt::UserRole + 2;

// Shown with 6 significant digits in a fixed-width font, so the columns line up and never wrap;
// sorted by the exact value, which the tooltip also gives.
class NumberItem : public QTableWidgetItem {
public:
    explicit NumberItem(double v)
    {
        setData(kValueRole, v);
        setText(QString::number(v, 'g', 6));
        setToolTip(QString::number(v, 'g', 17));
        setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    }
    bool operator<(const QTableWidgetItem& other) const override
    {
        const QVariant theirs = other.data(kValueRole);
        if (!theirs.isValid())
            return true; // rows still being computed sort last
        const double a = data(kValueRole).toDouble(), b = theirs.toDouble();
        if (std::isnan(a) != std::isnan(b))
            return std::isnan(b);
        return a < b;
    }
};

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
    // The name gets what the numbers leave: a long name elides (full name in its tooltip) and
    // the numbers keep their width instead of wrapping into "0.\n999".
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    table_->horizontalHeader()->setStretchLastSection(false);
    table_->setWordWrap(false);
    table_->setTextElideMode(Qt::ElideMiddle);
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
    clearRows();
    pathB_.clear();
    caption_->setText(tr("Open a file, then compare it with another checkpoint."));
}

void ComparePanel::clearRows()
{
    table_->setSortingEnabled(false);
    table_->setRowCount(0);
    rows_.clear();
    done_ = 0;
}

QString ComparePanel::caption() const { return caption_->text(); }

void ComparePanel::start(const QString& pathB)
{
    clearRows();
    pathB_ = pathB;
    caption_->setText(tr("Comparing with %1…").arg(QFileInfo(pathB).fileName()));
}

void ComparePanel::setRows(const CompareResult& result)
{
    clearRows();
    rows_ = result.rows;
    table_->setRowCount(int(rows_.size()));
    for (int r = 0; r < rows_.size(); ++r) {
        const DiffRow& row = rows_[r];
        auto* name = new QTableWidgetItem(QString::fromStdString(row.name));
        name->setData(kRowRole, r);
        name->setToolTip(name->text());
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
    fitColumns();
}

void ComparePanel::fitColumns()
{
    table_->resizeColumnsToContents();
    // The numbers' columns are as wide as "-0.000123457"; the name takes at most 40 % of the row.
    const int numberWidth = QFontMetrics(QFontDatabase::systemFont(QFontDatabase::FixedFont)).horizontalAdvance(QStringLiteral("-0.000123457")) + 12;
    for (int c : { RelativeColumn, CosineColumn, MaxAbsColumn })
        table_->setColumnWidth(c, std::max(table_->columnWidth(c), numberWidth));
    const int available = std::max(table_->viewport()->width(), 400);
    table_->setColumnWidth(NameColumn, std::clamp(table_->columnWidth(NameColumn), 120, available * 2 / 5));
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
            table_->setItem(r, RelativeColumn, new NumberItem(stats.relativeL2));
            table_->setItem(r, CosineColumn, new NumberItem(stats.cosine));
            table_->setItem(r, MaxAbsColumn, new NumberItem(stats.maxAbs));
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
    fitColumns();
    table_->setSortingEnabled(true);
}

} // namespace ws::ui
