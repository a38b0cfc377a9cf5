// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/NumberTable.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QTableWidget>

#include <cmath>

namespace ws::ui {

NumberItem::NumberItem(double v, const QString& text)
{
    setData(kValueRole, v);
    setText(text.isNull() ? QString::number(v, 'g', 6) : text);
    setToolTip(QString::number(v, 'g', 17));
    setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
}

bool NumberItem::operator<(const QTableWidgetItem& other) const
{
    const QVariant theirs = other.data(kValueRole);
    if (!theirs.isValid())
        return true; // rows still being computed sort last
    const double a = data(kValueRole).toDouble(), b = theirs.toDouble();
    if (std::isnan(a) != std::isnan(b))
        return std::isnan(b);
    return a < b;
}

void setupTable(QTableWidget* table)
{
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    table->horizontalHeader()->setStretchLastSection(false);
    table->setWordWrap(false);
    table->setTextElideMode(Qt::ElideMiddle);
    table->verticalHeader()->hide();
    // Compact rows: a model has hundreds of tensors.
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
}

} // namespace ws::ui
