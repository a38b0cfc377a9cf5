// SPDX-License-Identifier: GPL-3.0-or-later
// The Compare view's legend beside the plot (#19): every curve's colour and name in a list that
// scrolls however many runs are shown (QCustomPlot's legend, drawn inside the plot, was hidden
// beyond 20 runs), a check box per curve and a filter, a regular expression matched anywhere in
// the name, case-insensitive, as TensorBoard's run selector does (text that is not a valid
// expression is matched as plain text). What the list hides or unchecks is not drawn and not in
// the hover read-out.
#pragma once

#include <QColor>
#include <QWidget>

#include <vector>

class QLabel;
class QLineEdit;
class QListWidget;

namespace ws::ui {

class RunLegend : public QWidget {
    Q_OBJECT
public:
    struct Entry {
        QString name;
        QColor colour;
    };

    explicit RunLegend(QWidget* parent = nullptr);

    // A curve keeps its check box's state across calls by name (a new smoothing or metric keeps
    // what the user unchecked).
    void setEntries(const std::vector<Entry>& entries);
    int count() const { return int(entries_.size()); }
    bool isShown(int entry) const; // checked and matching the filter
    int shownCount() const;
    void setFilter(const QString& text);
    void setChecked(int entry, bool checked);

    QLineEdit* filterEdit() const { return filter_; }
    QListWidget* list() const { return list_; }

signals:
    void visibilityChanged();

private:
    void applyFilter();

    std::vector<Entry> entries_;
    QLineEdit* filter_ = nullptr;
    QListWidget* list_ = nullptr;
    QLabel* count_ = nullptr;
};

} // namespace ws::ui
