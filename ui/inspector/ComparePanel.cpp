// SPDX-License-Identifier: GPL-3.0-or-later
#include "ComparePanel.h"

#include "common/Format.h"
#include "common/NumberTable.h"
#include "QuantLensView.h"

#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ws::ui {

namespace {

constexpr int kRowRole = Qt::UserRole + 1;

QString statusText(const DiffRow& row)
{
    QString s;
    switch (row.status) {
    case DiffStatus::Matched:
        switch (row.how) {
        case MatchKind::Spelling: s = ComparePanel::tr("same name, other spelling"); break;
        case MatchKind::NameMap: s = ComparePanel::tr("name map"); break;
        case MatchKind::Position: s = ComparePanel::tr("matched by position"); break;
        default: s = ComparePanel::tr("in both"); break;
        }
        break;
    case DiffStatus::Reshaped: s = ComparePanel::tr("reshaped"); break;
    case DiffStatus::OnlyInA: s = ComparePanel::tr("removed in B"); break;
    case DiffStatus::OnlyInB: s = ComparePanel::tr("added in B"); break;
    case DiffStatus::Ambiguous: s = ComparePanel::tr("ambiguous: not paired"); break;
    }
    if (row.layout.transposed)
        s += ComparePanel::tr(", transposed");
    if (row.layout.heads > 0)
        s += ComparePanel::tr(", Q/K permutation undone");
    if (row.stats.skipped > 0)
        s += ComparePanel::tr(", %n NaN/Inf left out", nullptr, int(row.stats.skipped));
    return s;
}

QString bitsText(double bits) { return bits > 0 ? QString::number(bits, 'g', 4) : QString(); }

} // namespace

ComparePanel::ComparePanel(QWidget* parent) : QWidget(parent)
{
    button_ = new QPushButton(tr("Compare with…"));
    button_->setToolTip(tr("Open a second checkpoint of the same model and compare it tensor by tensor"));
    connect(button_, &QPushButton::clicked, this, &ComparePanel::compareRequested);
    caption_ = new QLabel(tr("Open a file, then compare it with another checkpoint."));
    caption_->setWordWrap(true);

    table_ = new QTableWidget(0, ColumnCount);
    table_->setHorizontalHeaderLabels({ tr("Tensor"), tr("Tensor in B"), tr("Status"), tr("Shape A"), tr("Shape B"),
        tr("Bits A"), tr("Bits B"), tr("‖A−B‖/‖A‖"), tr("max |A−B|"), tr("Cosine"), tr("SNR (dB)"), tr("Sign flips") });
    table_->horizontalHeaderItem(BitsAColumn)->setToolTip(tr("Bits per weight in A, block scales included (Q4_K: 4.5)"));
    table_->horizontalHeaderItem(BitsBColumn)->setToolTip(tr("Bits per weight in B, block scales included (Q4_K: 4.5)"));
    table_->horizontalHeaderItem(SnrColumn)->setToolTip(tr("Signal-to-noise ratio 10·log10(ΣA² / Σ(A−B)²)"));
    table_->horizontalHeaderItem(SignFlipsColumn)->setToolTip(tr("Share of elements whose sign differs in A and B"));
    setupTable(table_);
    totals_ = new QTableWidget(0, TotalColumnCount);
    totals_->setHorizontalHeaderLabels(
        { tr("Totals"), tr("Tensors"), tr("‖A−B‖/‖A‖"), tr("max |A−B|"), tr("Cosine"), tr("SNR (dB)"), tr("Sign flips") });
    setupTable(totals_);
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
    // The totals (a few blocks and the model) below the pairs; the splitter lets either grow.
    split_ = new QSplitter(Qt::Vertical);
    split_->addWidget(table_);
    split_->addWidget(totals_);
    split_->setStretchFactor(0, 3);
    split_->setStretchFactor(1, 1);
    split_->setChildrenCollapsible(false);
    // The lens of the selected row on the right: a heatmap wants about a third of the width.
    lens_ = new QuantLensView;
    auto* sides = new QSplitter(Qt::Horizontal);
    sides->addWidget(split_);
    sides->addWidget(lens_);
    sides->setStretchFactor(0, 2);
    sides->setStretchFactor(1, 1);
    sides->setChildrenCollapsible(false);
    layout->addWidget(sides, 1);
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
    totals_->setRowCount(0);
    rows_.clear();
    done_ = pairs_ = 0;
    lens_->showMessage(tr("Select a compared row to look at its quantization error."));
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
    for (const DiffRow& row : rows_)
        pairs_ += row.indexA >= 0 && row.indexB >= 0;
    table_->setRowCount(int(rows_.size()));
    for (int r = 0; r < rows_.size(); ++r) {
        const DiffRow& row = rows_[r];
        auto* name = new QTableWidgetItem(QString::fromStdString(row.name));
        name->setData(kRowRole, r);
        name->setToolTip(name->text());
        table_->setItem(r, NameColumn, name);
        const QString nameB = row.indexB < 0 ? QString() : QString::fromStdString(row.nameB.empty() ? row.name : row.nameB);
        auto* b = new QTableWidgetItem(nameB);
        b->setToolTip(nameB);
        table_->setItem(r, NameBColumn, b);
        auto* status = new QTableWidgetItem(statusText(row));
        status->setToolTip(QString::fromStdString(row.note));
        table_->setItem(r, StatusColumn, status);
        table_->setItem(r, ShapeAColumn, new QTableWidgetItem(row.indexA >= 0 ? formatShape(row.shapeA) : QString()));
        table_->setItem(r, ShapeBColumn, new QTableWidgetItem(row.indexB >= 0 ? formatShape(row.shapeB) : QString()));
        table_->setItem(r, BitsAColumn, new NumberItem(row.bitsA, bitsText(row.bitsA)));
        table_->setItem(r, BitsBColumn, new NumberItem(row.bitsB, bitsText(row.bitsB)));
    }
    fitColumns();
}

void ComparePanel::fitColumns()
{
    table_->resizeColumnsToContents();
    // The numbers' columns are as wide as "-0.000123457"; each name takes at most a fifth of the
    // row, the status a seventh (long ones elide; the tooltip has them whole).
    const int numberWidth = QFontMetrics(QFontDatabase::systemFont(QFontDatabase::FixedFont)).horizontalAdvance(QStringLiteral("-0.000123457")) + 12;
    for (int c : { RelativeColumn, MaxAbsColumn, CosineColumn, SnrColumn, SignFlipsColumn })
        table_->setColumnWidth(c, std::max(table_->columnWidth(c), numberWidth));
    const int available = std::max(table_->viewport()->width(), 400);
    for (int c : { NameColumn, NameBColumn })
        table_->setColumnWidth(c, std::clamp(table_->columnWidth(c), 120, available / 5));
    table_->setColumnWidth(StatusColumn, std::clamp(table_->columnWidth(StatusColumn), 80, available / 7));
    totals_->resizeColumnsToContents();
    for (int c = TotalRelativeColumn; c < TotalColumnCount; ++c)
        totals_->setColumnWidth(c, std::max(totals_->columnWidth(c), numberWidth));
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
            setNumbers(table_, r, RelativeColumn, stats);
            table_->item(r, StatusColumn)->setText(statusText(rows_[row]));
            break;
        }
    caption_->setText(tr("Comparing with %1… %2 of %3 pairs").arg(QFileInfo(pathB_).fileName()).arg(done_).arg(pairs_));
}

// Relative error, max |Δ|, cosine, SNR, sign flips from `firstColumn` on (both tables keep this order).
void ComparePanel::setNumbers(QTableWidget* table, int r, int firstColumn, const DiffStats& stats)
{
    table->setItem(r, firstColumn, new NumberItem(stats.relativeL2));
    table->setItem(r, firstColumn + 1, new NumberItem(stats.maxAbs));
    table->setItem(r, firstColumn + 2, new NumberItem(stats.cosine));
    table->setItem(r, firstColumn + 3,
        new NumberItem(stats.snrDb, std::isinf(stats.snrDb) ? tr("∞") : std::isnan(stats.snrDb) ? tr("–") : QString::number(stats.snrDb, 'f', 1)));
    table->setItem(r, firstColumn + 4, new NumberItem(stats.signFlips, QString::number(100 * stats.signFlips, 'g', 3) + QStringLiteral(" %")));
}

void ComparePanel::finish(const CompareResult& result)
{
    if (result.rows.size() == rows_.size())
        rows_ = result.rows; // the notes of pairs that could not be compared
    int added = 0, removed = 0, ambiguous = 0, byPosition = 0;
    for (int r = 0; r < table_->rowCount(); ++r) {
        const DiffRow& row = rows_[table_->item(r, NameColumn)->data(kRowRole).toInt()];
        added += row.status == DiffStatus::OnlyInB;
        removed += row.status == DiffStatus::OnlyInA;
        ambiguous += row.status == DiffStatus::Ambiguous;
        byPosition += row.how == MatchKind::Position;
        table_->item(r, StatusColumn)->setToolTip(QString::fromStdString(row.note));
    }
    totals_->setRowCount(int(result.totals.size()));
    for (int r = 0; r < result.totals.size(); ++r) {
        const DiffTotal& t = result.totals[r];
        const QString label = t.model ? tr("whole model") : t.block >= 0 ? tr("block %1").arg(t.block) : tr("outside the blocks");
        auto* item = new QTableWidgetItem(label);
        if (t.model) {
            QFont bold = item->font();
            bold.setBold(true);
            item->setFont(bold);
        }
        totals_->setItem(r, TotalLabelColumn, item);
        totals_->setItem(r, TotalTensorsColumn, new NumberItem(t.tensors, QString::number(t.tensors)));
        setNumbers(totals_, r, TotalRelativeColumn, t.stats);
    }
    QString text = tr("A − B with B = %1: %2 compared (%3 by position), %4 added, %5 removed, %6 ambiguous. "
                      "Worst first; select a row for the heatmap of A − B.")
                       .arg(QFileInfo(pathB_).fileName())
                       .arg(done_)
                       .arg(byPosition)
                       .arg(added)
                       .arg(removed)
                       .arg(ambiguous);
    if (done_ == 0)
        text = tr("Nothing in common with %1: no pair of tensors could be compared.").arg(QFileInfo(pathB_).fileName());
    caption_->setText(text);
    fitColumns();
    // The totals as tall as their rows (up to half the dock), the pairs get the rest.
    int h = totals_->horizontalHeader()->sizeHint().height() + 2 * totals_->frameWidth();
    for (int r = 0; r < totals_->rowCount(); ++r)
        h += totals_->rowHeight(r);
    const int all = split_->height();
    split_->setSizes({ std::max(all - h, all / 2), std::min(h, all / 2) });
    table_->setSortingEnabled(true);
    table_->sortItems(RelativeColumn, Qt::DescendingOrder);
}

} // namespace ws::ui
