// SPDX-License-Identifier: GPL-3.0-or-later
#include "runs/RunLegend.h"

#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPixmap>
#include <QRegularExpression>
#include <QSet>
#include <QVBoxLayout>

namespace ws::ui {

RunLegend::RunLegend(QWidget* parent) : QWidget(parent)
{
    filter_ = new QLineEdit;
    filter_->setPlaceholderText(tr("Filter runs (regular expression)"));
    filter_->setClearButtonEnabled(true);
    filter_->setToolTip(tr("Draw only the curves whose names match this regular expression"));
    list_ = new QListWidget;
    list_->setUniformItemSizes(true); // a thousand rows lay out without measuring each
    list_->setToolTip(tr("Uncheck a curve to hide it"));
    count_ = new QLabel;
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(filter_);
    layout->addWidget(list_, 1);
    layout->addWidget(count_);
    connect(filter_, &QLineEdit::textChanged, this, &RunLegend::applyFilter);
    connect(list_, &QListWidget::itemChanged, this, [this] {
        count_->setText(tr("%1 of %2 shown").arg(shownCount()).arg(count()));
        emit visibilityChanged();
    });
}

void RunLegend::setEntries(const std::vector<Entry>& entries)
{
    QSet<QString> unchecked;
    for (int i = 0; i < list_->count(); ++i)
        if (list_->item(i)->checkState() != Qt::Checked)
            unchecked.insert(list_->item(i)->text());
    entries_ = entries;
    const QSignalBlocker block(list_);
    list_->clear();
    const int side = fontMetrics().height() - 4;
    // One swatch per colour, not per entry: 1,000 runs share 60 colours.
    QHash<QRgb, QIcon> swatches;
    for (const Entry& e : entries_) {
        QIcon& icon = swatches[e.colour.rgba()];
        if (icon.isNull()) {
            QPixmap swatch(side, side);
            swatch.fill(e.colour);
            icon = QIcon(swatch);
        }
        auto* item = new QListWidgetItem(icon, e.name, list_);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(unchecked.contains(e.name) ? Qt::Unchecked : Qt::Checked);
        item->setToolTip(e.name);
    }
    applyFilter();
}

void RunLegend::setFilter(const QString& text) { filter_->setText(text); }

void RunLegend::setChecked(int entry, bool checked)
{
    if (entry >= 0 && entry < list_->count())
        list_->item(entry)->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
}

void RunLegend::applyFilter()
{
    const QString text = filter_->text();
    QRegularExpression pattern(text, QRegularExpression::CaseInsensitiveOption);
    if (!pattern.isValid()) // half-typed "(": match the text as typed
        pattern.setPattern(QRegularExpression::escape(text));
    filter_->setStyleSheet(QRegularExpression(text).isValid() ? QString() : QStringLiteral("color: #b03020"));
    for (int i = 0; i < list_->count(); ++i)
        list_->setRowHidden(i, !text.isEmpty() && !pattern.match(list_->item(i)->text()).hasMatch());
    count_->setText(tr("%1 of %2 shown").arg(shownCount()).arg(count()));
    emit visibilityChanged();
}

bool RunLegend::isShown(int entry) const
{
    return entry >= 0 && entry < list_->count() && !list_->isRowHidden(entry)
        && list_->item(entry)->checkState() == Qt::Checked;
}

int RunLegend::shownCount() const
{
    int n = 0;
    for (int i = 0; i < list_->count(); ++i)
        n += isShown(i) ? 1 : 0;
    return n;
}

} // namespace ws::ui
