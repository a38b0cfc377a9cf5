// SPDX-License-Identifier: GPL-3.0-or-later
// Tables of numbers per tensor (the comparison and the model health dock): a cell that shows a
// number briefly and sorts by its exact value, and the compact, non-wrapping look those tables
// share.
#pragma once

#include <QTableWidgetItem>

class QTableWidget;

namespace ws::ui {

inline constexpr int kValueRole = Qt::UserRole + 2; // the exact value a NumberItem sorts by

// Shown with 6 significant digits (or `text`) in a fixed-width font, so the columns line up and
// never wrap; sorted by the exact value, which the tooltip also gives. NaN, and rows still being
// computed (no value), sort after every number.
class NumberItem : public QTableWidgetItem {
public:
    explicit NumberItem(double v, const QString& text = {});
    bool operator<(const QTableWidgetItem& other) const override;
};

// The name gets what the numbers leave: a long name elides (full name in its tooltip) and the
// numbers keep their width instead of wrapping into "0.\n999". Rows compact, selected whole.
void setupTable(QTableWidget* table);

} // namespace ws::ui
