// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/ConfusionHeatmap.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace ws::ui {

namespace {

constexpr int kLabelWidth = 90;  // true-class names on the left
constexpr int kLabelHeight = 70; // predicted-class names on top, turned

QColor cellColor(double fraction, bool diagonal)
{
    // White to blue on the diagonal (right), white to orange elsewhere (wrong).
    const QColor to = diagonal ? QColor(0x1f, 0x6f, 0xb4) : QColor(0xe0, 0x6c, 0x1c);
    const double f = std::clamp(fraction, 0.0, 1.0);
    return QColor::fromRgbF(float(1.0 + (to.redF() - 1.0) * f), float(1.0 + (to.greenF() - 1.0) * f),
        float(1.0 + (to.blueF() - 1.0) * f));
}

} // namespace

ConfusionHeatmap::ConfusionHeatmap(QWidget* parent) : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ConfusionHeatmap::setCells(std::shared_ptr<const ConfusionCells> cells, const QStringList& classNames)
{
    cells_ = std::move(cells);
    classNames_ = classNames;
    update();
}

void ConfusionHeatmap::setReference(std::shared_ptr<const ConfusionCells> reference)
{
    reference_ = std::move(reference);
    update();
}

void ConfusionHeatmap::setClassColours(const QList<QColor>& colours)
{
    classColours_ = colours;
    update();
}

QString ConfusionHeatmap::label(int c) const
{
    return c < classNames_.size() ? classNames_[c] : QString::number(c);
}

QRect ConfusionHeatmap::matrixRect() const
{
    const QRect area = rect().adjusted(kLabelWidth, kLabelHeight, -4, -4);
    const int side = std::max(1, std::min(area.width(), area.height()));
    return { area.topLeft(), QSize(side, side) };
}

QRect ConfusionHeatmap::cellRect(int trueClass, int predicted) const
{
    if (!cells_ || cells_->numClasses == 0)
        return {};
    const QRect m = matrixRect();
    const int k = cells_->numClasses;
    const int x0 = m.left() + m.width() * predicted / k, x1 = m.left() + m.width() * (predicted + 1) / k;
    const int y0 = m.top() + m.height() * trueClass / k, y1 = m.top() + m.height() * (trueClass + 1) / k;
    return QRect(QPoint(x0, y0), QPoint(x1 - 1, y1 - 1));
}

bool ConfusionHeatmap::cellAt(QPoint p, int& t, int& q) const
{
    if (!cells_ || cells_->numClasses == 0 || !matrixRect().contains(p))
        return false;
    const QRect m = matrixRect();
    const int k = cells_->numClasses;
    q = std::clamp((p.x() - m.left()) * k / std::max(1, m.width()), 0, k - 1);
    t = std::clamp((p.y() - m.top()) * k / std::max(1, m.height()), 0, k - 1);
    return true;
}

QFont ConfusionHeatmap::cellFont() const
{
    QFont small = font();
    small.setPointSizeF(std::max(6.0, font().pointSizeF() * (cells_ && cells_->numClasses > 12 ? 0.75 : 0.9)));
    return small;
}

bool ConfusionHeatmap::countShown(int trueClass, int predicted) const
{
    if (!cells_ || cells_->numClasses == 0)
        return false;
    const QRect r = cellRect(trueClass, predicted);
    const QFontMetrics fm(cellFont());
    // The marker of a changed cell takes the top right corner; 2 px of air on each side.
    return fm.horizontalAdvance(QString::number(cells_->count(trueClass, predicted))) + 4 <= r.width()
        && fm.height() <= r.height();
}

int ConfusionHeatmap::labelStride() const
{
    if (!cells_ || cells_->numClasses == 0)
        return 1;
    const int cell = std::max(1, matrixRect().height() / cells_->numClasses);
    return std::max(1, (fontMetrics().height() + cell - 1) / cell);
}

void ConfusionHeatmap::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    if (!cells_ || cells_->numClasses == 0) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("No confusion matrix yet."));
        return;
    }
    const int k = cells_->numClasses;
    const QRect m = matrixRect();
    p.setFont(cellFont());
    for (int t = 0; t < k; ++t) {
        int64_t rowTotal = 0;
        for (int q = 0; q < k; ++q)
            rowTotal += cells_->count(t, q);
        for (int q = 0; q < k; ++q) {
            const QRect r = cellRect(t, q);
            const int64_t n = cells_->count(t, q);
            const double fraction = rowTotal ? double(n) / double(rowTotal) : 0.0;
            p.fillRect(r, cellColor(t == q ? fraction : std::min(1.0, fraction * 3.0), t == q));
            p.setPen(fraction > 0.55 ? Qt::white : Qt::black);
            if (countShown(t, q))
                p.drawText(r, Qt::AlignCenter, QString::number(n));
            if (reference_ && reference_->numClasses == k && reference_->count(t, q) != n) {
                const int64_t d = n - reference_->count(t, q);
                p.setPen(Qt::NoPen);
                p.setBrush(d > 0 ? QColor(0xc0, 0x20, 0x20) : QColor(0x20, 0x90, 0x30));
                p.drawEllipse(QRectF(r.topRight() + QPointF(-7, 2), QSizeF(5, 5)));
            }
        }
    }
    p.setPen(palette().color(QPalette::Mid));
    p.setBrush(Qt::NoBrush);
    p.drawRect(m.adjusted(0, 0, -1, -1));
    p.setPen(palette().color(QPalette::Text));
    p.setFont(font());
    const int stride = labelStride();
    for (int c = 0; c < k; c += stride) {
        const QRect row = cellRect(c, 0);
        const int line = fontMetrics().height();
        p.drawText(QRect(0, row.center().y() - line / 2, kLabelWidth - 4, line), Qt::AlignRight | Qt::AlignVCenter,
            fontMetrics().elidedText(label(c), Qt::ElideRight, kLabelWidth - 6));
        const QRect col = cellRect(0, c);
        p.save();
        p.translate(col.center().x(), kLabelHeight - 4);
        p.rotate(-60);
        p.drawText(QRect(0, -line / 2, kLabelHeight + 10, line), Qt::AlignLeft | Qt::AlignVCenter,
            fontMetrics().elidedText(label(c), Qt::ElideRight, kLabelHeight + 10));
        p.restore();
    }
    p.drawText(QRect(0, 0, kLabelWidth, kLabelHeight), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
        tr("true ↓\npredicted →"));
    for (int c = 0; c < k && c < classColours_.size(); ++c) {
        const QRect row = cellRect(c, 0), col = cellRect(0, c);
        p.fillRect(QRect(m.left() - 4, row.top(), 3, row.height()), classColours_[c]);
        p.fillRect(QRect(col.left(), m.top() - 4, col.width(), 3), classColours_[c]);
    }
}

void ConfusionHeatmap::mousePressEvent(QMouseEvent* event)
{
    int t = 0, q = 0;
    if (event->button() == Qt::LeftButton && cellAt(event->position().toPoint(), t, q))
        emit cellClicked(t, q);
}

bool ConfusionHeatmap::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        int t = 0, q = 0;
        if (cellAt(help->pos(), t, q)) {
            QString text = tr("true %1, predicted %2: %3 samples").arg(label(t), label(q)).arg(cells_->count(t, q));
            if (reference_ && reference_->numClasses == cells_->numClasses)
                text += tr(" (before: %1)").arg(reference_->count(t, q));
            QToolTip::showText(help->globalPos(), text, this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

} // namespace ws::ui
