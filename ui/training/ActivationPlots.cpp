// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/ActivationPlots.h"

#include "common/ColorMaps.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace ws::ui {

namespace {

constexpr int kGap = 3;
constexpr int kBarHeight = 64;
const QColor kPositive(0x1f, 0x6f, 0xb4), kNegative(0xe0, 0x6c, 0x1c), kOff(0xc0, 0x20, 0x20);

void drawCross(QPainter& p, const QRect& r)
{
    p.save();
    p.setPen(QPen(kOff, 2));
    p.drawLine(r.topLeft(), r.bottomRight());
    p.drawLine(r.topRight(), r.bottomLeft());
    p.restore();
}

} // namespace

LayerPlot::LayerPlot(QWidget* parent) : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void LayerPlot::setActivation(const LayerActivation& a, const std::set<int64_t>& off, bool clickable)
{
    off_ = off;
    clickable_ = clickable;
    images_.clear();
    values_.clear();
    maps_ = a.shape.size() == 3 && a.shape[0] * a.shape[1] > 1;
    if (maps_) {
        const auto h = int(a.shape[0]), w = int(a.shape[1]), c = int(a.shape[2]);
        units_ = c;
        mapSide_ = std::clamp(2 * std::max(h, w), 24, 64);
        // One colour scale for the whole layer, so that channels compare by brightness.
        const auto [lo, hi] = std::minmax_element(a.values.begin(), a.values.end());
        const double vlo = a.values.empty() ? 0.0 : *lo, vhi = a.values.empty() ? 1.0 : std::max(double(*hi), vlo + 1e-12);
        QCPColorGradient gradient = sequentialGradient(); // color() is not const (it caches)
        const QCPRange range(vlo, vhi);
        for (int ch = 0; ch < c; ++ch) {
            QImage image(w, h, QImage::Format_RGB32);
            double sum = 0.0;
            for (int y = 0; y < h; ++y) {
                auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
                for (int x = 0; x < w; ++x) {
                    const float v = a.values[size_t((y * w + x) * c + ch)];
                    sum += v;
                    line[x] = gradient.color(v, range);
                }
            }
            images_.push_back(std::move(image));
            values_.push_back(float(sum / double(h * w)));
        }
    } else {
        units_ = int(a.values.size());
        values_ = a.values;
        scale_ = 0.0f;
        for (const float v : values_)
            scale_ = std::max(scale_, std::abs(v));
        if (scale_ == 0.0f)
            scale_ = 1.0f;
    }
    updateGeometry();
    update();
}

int LayerPlot::columns(int width) const
{
    return std::max(1, (width + kGap) / (mapSide_ + kGap));
}

int LayerPlot::heightForWidth(int width) const
{
    if (!maps_)
        return kBarHeight;
    const int cols = columns(width);
    const int rows = (units_ + cols - 1) / cols;
    return std::max(1, rows) * (mapSide_ + kGap);
}

QRect LayerPlot::unitRect(int unit) const
{
    if (unit < 0 || unit >= units_)
        return {};
    if (maps_) {
        const int cols = columns(width());
        return { (unit % cols) * (mapSide_ + kGap), (unit / cols) * (mapSide_ + kGap), mapSide_, mapSide_ };
    }
    const double w = double(width()) / double(std::max(1, units_));
    const int x0 = int(std::floor(unit * w)), x1 = std::max(x0 + 1, int(std::floor((unit + 1) * w)));
    return { x0, 0, x1 - x0, kBarHeight };
}

int LayerPlot::unitAt(QPoint p) const
{
    if (maps_) {
        const int cols = columns(width());
        const int col = p.x() / (mapSide_ + kGap), row = p.y() / (mapSide_ + kGap);
        const int unit = row * cols + col;
        return col < cols && unit < units_ && unitRect(unit).contains(p) ? unit : -1;
    }
    if (units_ == 0 || p.x() < 0 || p.x() >= width())
        return -1;
    return std::clamp(int(double(p.x()) * units_ / std::max(1, width())), 0, units_ - 1);
}

void LayerPlot::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    if (maps_) {
        for (int ch = 0; ch < units_; ++ch) {
            const QRect r = unitRect(ch);
            p.drawImage(r, images_[size_t(ch)]);
            if (off_.count(ch))
                drawCross(p, r);
        }
        return;
    }
    const int mid = kBarHeight / 2;
    p.fillRect(rect(), palette().base());
    p.setPen(palette().color(QPalette::Mid));
    p.drawLine(0, mid, width(), mid);
    for (int u = 0; u < units_; ++u) {
        const QRect slot = unitRect(u);
        const bool off = off_.count(u) > 0;
        if (off)
            p.fillRect(slot, QColor(0xf6, 0xd0, 0xd0));
        const float v = values_[size_t(u)];
        const int h = int(std::lround(std::abs(v) / scale_ * (mid - 2)));
        const int barWidth = std::max(1, slot.width() - (slot.width() > 4 ? 1 : 0));
        const QRect bar = v >= 0 ? QRect(slot.left(), mid - h, barWidth, h) : QRect(slot.left(), mid, barWidth, h);
        p.fillRect(bar, v >= 0 ? kPositive : kNegative);
        if (off && slot.width() >= 6)
            drawCross(p, slot.adjusted(1, mid - 6, -1, -(mid - 6)));
    }
}

void LayerPlot::mousePressEvent(QMouseEvent* event)
{
    const int unit = unitAt(event->position().toPoint());
    if (clickable_ && event->button() == Qt::LeftButton && unit >= 0)
        emit unitClicked(unit);
}

bool LayerPlot::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int unit = unitAt(help->pos());
        if (unit >= 0) {
            QString text = maps_ ? tr("channel %1: mean %2").arg(unit).arg(double(values_[size_t(unit)]), 0, 'g', 4)
                                 : tr("unit %1: %2").arg(unit).arg(double(values_[size_t(unit)]), 0, 'g', 4);
            if (off_.count(unit))
                text += tr(" (switched off)");
            if (clickable_)
                text += off_.count(unit) ? tr("\nclick to switch it back on") : tr("\nclick to switch it off");
            QToolTip::showText(help->globalPos(), text, this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

ProbabilityBars::ProbabilityBars(QWidget* parent) : QWidget(parent) {}

void ProbabilityBars::setProbabilities(const std::vector<float>& p, const QStringList& classNames, int predicted, int trueClass)
{
    p_ = p;
    names_ = classNames;
    predicted_ = predicted;
    trueClass_ = trueClass;
    updateGeometry();
    update();
}

QSize ProbabilityBars::sizeHint() const
{
    return { 260, std::max(1, int(p_.size())) * (fontMetrics().height() + 2) + 2 };
}

void ProbabilityBars::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const int row = fontMetrics().height() + 2;
    const int nameWidth = std::min(width() / 3, 110), percentWidth = fontMetrics().horizontalAdvance(QStringLiteral("100.0 %")) + 6;
    const int barSpace = std::max(10, width() - nameWidth - percentWidth - 8);
    for (int c = 0; c < int(p_.size()); ++c) {
        const int y = c * row;
        QString name = c < names_.size() ? names_[c] : QString::number(c);
        QFont f = font();
        f.setBold(c == predicted_);
        p.setFont(f);
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRect(0, y, nameWidth - 4, row), Qt::AlignRight | Qt::AlignVCenter,
            QFontMetrics(f).elidedText(c == trueClass_ ? QStringLiteral("✓ ") + name : name, Qt::ElideRight, nameWidth - 4));
        const QRect track(nameWidth, y + 2, barSpace, row - 4);
        p.fillRect(track, palette().color(QPalette::AlternateBase));
        const int w = int(std::lround(std::clamp(double(p_[size_t(c)]), 0.0, 1.0) * barSpace));
        const QColor colour = c == predicted_ ? (trueClass_ < 0 || c == trueClass_ ? kPositive : kOff) : QColor(0x8a, 0xa8, 0xc8);
        p.fillRect(QRect(track.left(), track.top(), w, track.height()), colour);
        p.drawText(QRect(nameWidth + barSpace + 4, y, percentWidth, row), Qt::AlignLeft | Qt::AlignVCenter,
            QStringLiteral("%1 %").arg(100.0 * p_[size_t(c)], 0, 'f', 1));
    }
}

} // namespace ws::ui
