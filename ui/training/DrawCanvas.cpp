// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/DrawCanvas.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace ws::ui {

DrawCanvas::DrawCanvas(QWidget* parent) : QWidget(parent)
{
    setToolTip(tr("Paint with the left mouse button, erase with the right one"));
    setGrid(28, 28);
}

void DrawCanvas::setGrid(int height, int width)
{
    h_ = std::max(1, height);
    w_ = std::max(1, width);
    ink_.assign(size_t(h_ * w_), 0.0f);
    update();
}

bool DrawCanvas::isEmpty() const
{
    return std::all_of(ink_.begin(), ink_.end(), [](float v) { return v == 0.0f; });
}

void DrawCanvas::clear()
{
    std::fill(ink_.begin(), ink_.end(), 0.0f);
    update();
    emit changed();
}

QRectF DrawCanvas::gridRect() const
{
    const double cell = std::min(double(width()) / w_, double(height()) / h_);
    return { (width() - cell * w_) / 2.0, (height() - cell * h_) / 2.0, cell * w_, cell * h_ };
}

void DrawCanvas::paintAt(QPointF pos, bool erase)
{
    const QRectF g = gridRect();
    // A soft round brush about two pixels across, like a pen stroke in MNIST-style data.
    const double cx = (pos.x() - g.left()) / g.width() * w_, cy = (pos.y() - g.top()) / g.height() * h_;
    const double radius = std::max(1.2, std::min(h_, w_) / 14.0);
    for (int y = int(cy - radius - 1); y <= int(cy + radius + 1); ++y)
        for (int x = int(cx - radius - 1); x <= int(cx + radius + 1); ++x) {
            if (x < 0 || y < 0 || x >= w_ || y >= h_)
                continue;
            const double d = std::hypot(x + 0.5 - cx, y + 0.5 - cy);
            const float strength = float(std::clamp(1.5 - d / radius, 0.0, 1.0));
            float& v = ink_[size_t(y * w_ + x)];
            v = erase ? std::min(v, 1.0f - strength) : std::max(v, strength);
        }
    update();
    if (!sinceSignal_.isValid() || sinceSignal_.elapsed() > 80) {
        sinceSignal_.restart();
        emit changed();
    }
}

void DrawCanvas::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const QRectF g = gridRect();
    const double cell = g.width() / w_;
    for (int y = 0; y < h_; ++y)
        for (int x = 0; x < w_; ++x) {
            const int level = int(std::lround(255.0f * ink_[size_t(y * w_ + x)])); // bright ink on dark, as samples are drawn
            p.fillRect(QRectF(g.left() + x * cell, g.top() + y * cell, cell + 0.5, cell + 0.5), QColor(level, level, level));
        }
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(g.adjusted(0, 0, -1, -1));
}

void DrawCanvas::mousePressEvent(QMouseEvent* event)
{
    paintAt(event->position(), event->buttons() & Qt::RightButton);
}

void DrawCanvas::mouseMoveEvent(QMouseEvent* event)
{
    if (event->buttons() & (Qt::LeftButton | Qt::RightButton))
        paintAt(event->position(), event->buttons() & Qt::RightButton);
}

void DrawCanvas::mouseReleaseEvent(QMouseEvent*)
{
    emit changed();
}

} // namespace ws::ui
