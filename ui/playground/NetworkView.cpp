// SPDX-License-Identifier: GPL-3.0-or-later
#include "playground/NetworkView.h"

#include "common/ClassColours.h"
#include "common/Geometry.h"

#include <QHelpEvent>
#include <QInputDialog>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace ws::ui {

namespace {

constexpr double kMargin = 8.0;
constexpr double kLabelWidth = 34.0; // room for the input names left of column 0
constexpr double kMaxSide = 44.0;
constexpr double kMinSide = 10.0;
constexpr double kHitTolerance = 3.5; // pixels either side of a link's centre line

// TensorFlow Playground's link widths: |w| in [0, 5] maps to 1..10 pixels, clamped; ours are a
// little thinner because the squares are smaller.
double linkWidth(float w) { return 0.7 + std::min(5.0, double(std::abs(w))) * 1.2; }

} // namespace

NetworkView::NetworkView(QWidget* parent) : QWidget(parent)
{
    setMinimumSize(260, 260);
    setMouseTracking(true);
    setToolTip(QString()); // tooltips come from event()
    gradient_.setColorStopAt(0.0, QColor(0xf6, 0xa8, 0x55));
    gradient_.setColorStopAt(0.5, QColor(0xf4, 0xf4, 0xf4));
    gradient_.setColorStopAt(1.0, QColor(0x5b, 0x9f, 0xd2));
}

void NetworkView::setPicture(const NetworkPicture& picture)
{
    const bool reshaped = picture.widths != picture_.widths;
    picture_ = picture;
    if (reshaped) {
        layoutColumns();
        hovered_.reset(); // what was under the pointer may be gone
    }
    hover(hovered_); // the value and gradient under the pointer, live
    update();
}

void NetworkView::hover(std::optional<Hit> hit)
{
    hovered_ = hit;
    const QString text = hit ? describe(*hit) : QString();
    const bool neuron = hit && hit->from < 0;
    if (text == hoverText_ && !neuron)
        return;
    hoverText_ = text;
    emit hovered(text, neuron ? neuronImage(hit->column, hit->to) : QImage());
}

void NetworkView::mouseMoveEvent(QMouseEvent* event)
{
    hover(hitAt(event->position()));
    QWidget::mouseMoveEvent(event);
}

void NetworkView::leaveEvent(QEvent* event)
{
    hover(std::nullopt);
    QWidget::leaveEvent(event);
}

void NetworkView::clear()
{
    clearHistory();
    setPicture({});
}

void NetworkView::clearHistory() { history_.clear(); }

void NetworkView::addToHistory(const NetworkPicture& live)
{
    if (live.kernels.size() != history_.size())
        history_ = QList<QList<QList<float>>>(live.kernels.size());
    for (qsizetype c = 0; c < live.kernels.size() && c + 1 < live.widths.size(); ++c) {
        const int in = live.widths[c], out = live.widths[c + 1];
        const QList<float>& w = live.kernels[c];
        if (w.size() != qsizetype(in) * out)
            continue;
        QList<QList<float>>& column = history_[c];
        if (column.size() != out)
            column = QList<QList<float>>(out);
        for (int j = 0; j < out; ++j) {
            double sum = 0.0;
            for (int i = 0; i < in; ++i)
                sum += double(w[qsizetype(i) * out + j]) * w[qsizetype(i) * out + j];
            QList<float>& h = column[j];
            if (h.size() >= kHistory)
                h.removeFirst();
            h.append(float(std::sqrt(sum / std::max(1, in))));
        }
    }
}

QList<float> NetworkView::history(int column, int neuron) const
{
    if (column < 1 || column > history_.size())
        return {};
    return history_[column - 1].value(neuron);
}

// Scaled to its own range, so that a neuron whose weights settle shows a flat line and one still
// moving a slope, whatever the sizes of the others.
void NetworkView::drawHistory(QPainter& p, int column, int neuron, const QRectF& r) const
{
    const QList<float> h = history(column, neuron);
    const double height = std::min(12.0, spacing_ - side_ - 3.0);
    if (h.size() < 2 || height < 4.0)
        return;
    const auto [lo, hi] = std::minmax_element(h.begin(), h.end());
    const double range = std::max(1e-6, double(*hi - *lo));
    const QRectF area(r.left(), r.bottom() + 2.0, side_, height);
    QPolygonF line;
    line.reserve(h.size());
    for (qsizetype i = 0; i < h.size(); ++i)
        line.append(QPointF(area.left() + area.width() * double(i) / double(kHistory - 1),
            area.bottom() - area.height() * (double(h[i]) - double(*lo)) / range));
    QColor ink = palette().color(QPalette::Text);
    ink.setAlpha(150); // quieter than the links it sits among
    p.setPen(QPen(ink, 1.0));
    p.setBrush(Qt::NoBrush);
    p.drawPolyline(line);
}

void NetworkView::setInputNames(const QStringList& names)
{
    inputNames_ = names;
    update();
}

void NetworkView::setGradient(const QCPColorGradient& gradient)
{
    gradient_ = gradient;
    update();
}

void NetworkView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    layoutColumns();
}

// Columns spread evenly across the width; squares as large as the tallest column allows.
void NetworkView::layoutColumns()
{
    columnX_.clear();
    columnTop_.clear();
    const auto columns = int(picture_.widths.size());
    if (columns == 0)
        return;
    const int tallest = *std::max_element(picture_.widths.begin(), picture_.widths.end());
    const double usableH = height() - 2 * kMargin;
    const double usableW = width() - 2 * kMargin - kLabelWidth;
    spacing_ = usableH / std::max(1, tallest);
    side_ = std::clamp(spacing_ * 0.78, kMinSide, kMaxSide);
    side_ = std::min(side_, usableW / (2.0 * columns)); // leave the links room to be seen
    side_ = std::max(side_, kMinSide);
    spacing_ = std::min(spacing_, side_ * 1.5);
    const double step = columns > 1 ? (usableW - side_) / (columns - 1) : 0.0;
    for (int c = 0; c < columns; ++c) {
        columnX_.append(kMargin + kLabelWidth + c * step);
        const double h = picture_.widths[c] * spacing_ - (spacing_ - side_);
        columnTop_.append(kMargin + (usableH - h) / 2.0);
    }
}

QRectF NetworkView::neuronRect(int column, int neuron) const
{
    if (column < 0 || column >= columnX_.size())
        return {};
    return QRectF(columnX_[column], columnTop_[column] + neuron * spacing_, side_, side_);
}

void NetworkView::setOutputClasses(int classes)
{
    outputClasses_ = classes;
    update();
}

QColor NetworkView::signColour(float value) const { return gradient_.color(value >= 0 ? 1.0 : -1.0, QCPRange(-1.0, 1.0)); }

QImage NetworkView::neuronImage(int column, int neuron) const
{
    constexpr int n = kNeuronGridSize;
    QImage image(n, n, QImage::Format_RGB32);
    const QList<float>& map = picture_.maps[column];
    const qsizetype offset = qsizetype(neuron) * n * n;
    if (map.size() < offset + n * n)
        return {};
    // Hidden and output neurons are in [-1, 1] with tanh; inputs (x1 up to 6, x1² up to 36) are
    // scaled by their largest magnitude so that each shows its shape, as Playground does.
    double scale = 1.0;
    if (column == 0) {
        float top = 0.0f;
        for (int i = 0; i < n * n; ++i)
            top = std::max(top, std::abs(map[offset + i]));
        scale = top > 0 ? 1.0 / top : 1.0;
    }
    const bool classOutput = outputClasses_ > 2 && column == picture_.widths.size() - 1;
    for (int row = 0; row < n; ++row) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(n - 1 - row)); // y grows upwards
        for (int col = 0; col < n; ++col) {
            const float v = map[offset + qsizetype(row) * n + col];
            line[col] = classOutput ? classTint(neuron, v).rgb() : gradient_.color(v * scale, QCPRange(-1.0, 1.0));
        }
    }
    return image;
}

void NetworkView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    if (picture_.widths.isEmpty() || columnX_.size() != picture_.widths.size())
        return;
    p.setRenderHint(QPainter::Antialiasing);

    // Links first, so that the squares sit on top of their ends.
    for (int c = 1; c < picture_.widths.size(); ++c) {
        const QList<float>& w = picture_.kernels[c - 1];
        const int in = picture_.widths[c - 1], out = picture_.widths[c];
        if (w.size() != qsizetype(in) * out)
            continue;
        for (int i = 0; i < in; ++i)
            for (int j = 0; j < out; ++j) {
                const float v = w[qsizetype(i) * out + j];
                QColor colour = signColour(v).darker(115);
                p.setPen(QPen(colour, linkWidth(v), Qt::SolidLine, Qt::RoundCap));
                const QRectF a = neuronRect(c - 1, i), b = neuronRect(c, j);
                p.drawLine(QPointF(a.right(), a.center().y()), QPointF(b.left(), b.center().y()));
            }
    }

    for (int c = 0; c < picture_.widths.size(); ++c)
        for (int j = 0; j < picture_.widths[c]; ++j) {
            const QRectF r = neuronRect(c, j);
            const QImage image = neuronImage(c, j);
            if (!image.isNull())
                p.drawImage(r, image);
            p.setPen(QPen(palette().color(QPalette::Mid), 1));
            p.setBrush(Qt::NoBrush);
            p.drawRect(r);
            if (c > 0)
                drawHistory(p, c, j, r);
            if (c > 0 && c - 1 < picture_.biases.size() && j < picture_.biases[c - 1].size()) {
                // Playground's small bias square at the neuron's lower left corner.
                const float b = picture_.biases[c - 1][j];
                const double s = std::max(4.0, side_ / 5.0);
                p.setPen(QPen(palette().color(QPalette::Dark), 0.8));
                p.setBrush(signColour(b));
                p.drawRect(QRectF(r.left() - s / 2, r.bottom() - s / 2, s, s));
            }
        }

    p.setPen(palette().color(QPalette::Text));
    for (int j = 0; j < picture_.widths[0] && j < inputNames_.size(); ++j) {
        const QRectF r = neuronRect(0, j);
        p.drawText(QRectF(kMargin / 2, r.top(), kLabelWidth - 2, r.height()), Qt::AlignRight | Qt::AlignVCenter,
            inputNames_[j]);
    }
}

std::optional<NetworkView::Hit> NetworkView::hitAt(QPointF pos) const
{
    if (columnX_.size() != picture_.widths.size())
        return std::nullopt;
    for (int c = 0; c < picture_.widths.size(); ++c)
        for (int j = 0; j < picture_.widths[c]; ++j)
            if (neuronRect(c, j).adjusted(-2, -2, 2, 2).contains(pos))
                return Hit { c, -1, j };
    // The link nearest to the pointer, if it is within the line's width.
    std::optional<Hit> best;
    double bestDistance = 1e9;
    for (int c = 1; c < picture_.widths.size(); ++c) {
        if (pos.x() < columnX_[c - 1] + side_ || pos.x() > columnX_[c])
            continue;
        const QList<float>& w = picture_.kernels[c - 1];
        const int in = picture_.widths[c - 1], out = picture_.widths[c];
        for (int i = 0; i < in; ++i)
            for (int j = 0; j < out; ++j) {
                const QRectF a = neuronRect(c - 1, i), b = neuronRect(c, j);
                const double d = distanceToSegment(pos, QPointF(a.right(), a.center().y()), QPointF(b.left(), b.center().y()));
                const double reach = kHitTolerance + (w.size() == qsizetype(in) * out ? linkWidth(w[qsizetype(i) * out + j]) / 2 : 0);
                if (d < reach && d < bestDistance) {
                    bestDistance = d;
                    best = Hit { c, i, j };
                }
            }
    }
    return best;
}

std::optional<float> NetworkView::entryOf(const Hit& hit, const QList<QList<float>>& kernels,
    const QList<QList<float>>& biases) const
{
    if (hit.column < 1 || hit.column > kernels.size() || hit.column > biases.size() || hit.column >= picture_.widths.size())
        return std::nullopt;
    const int out = picture_.widths[hit.column];
    const QList<float>& values = hit.from < 0 ? biases[hit.column - 1] : kernels[hit.column - 1];
    const qsizetype i = hit.from < 0 ? hit.to : qsizetype(hit.from) * out + hit.to;
    if (i < 0 || i >= values.size())
        return std::nullopt;
    return values[i];
}

std::optional<float> NetworkView::valueOf(const Hit& hit) const { return entryOf(hit, picture_.kernels, picture_.biases); }

std::optional<float> NetworkView::gradientOf(const Hit& hit) const
{
    return entryOf(hit, picture_.kernelGrads, picture_.biasGrads);
}

QString NetworkView::describe(const Hit& hit) const
{
    const auto columns = int(picture_.widths.size());
    auto neuronName = [&](int column, int neuron) {
        if (column == 0)
            return inputNames_.value(neuron, tr("input %1").arg(neuron + 1));
        if (column == columns - 1)
            return tr("the output");
        return tr("neuron %1 of layer %2").arg(neuron + 1).arg(column);
    };
    const std::optional<float> v = valueOf(hit);
    const std::optional<float> g = gradientOf(hit);
    // The gradient of the last batch: the direction the next step moves against, and how hard.
    const QString gradient = g ? tr(", gradient %1").arg(double(*g), 0, 'g', 3) : QString();
    if (hit.from < 0) {
        if (hit.column == 0)
            return tr("Input %1").arg(neuronName(0, hit.to));
        return tr("Bias of %1: %2").arg(neuronName(hit.column, hit.to)).arg(double(v.value_or(0.0f)), 0, 'g', 4) + gradient;
    }
    return tr("Weight from %1 to %2: %3")
               .arg(neuronName(hit.column - 1, hit.from), neuronName(hit.column, hit.to))
               .arg(double(v.value_or(0.0f)), 0, 'g', 4)
        + gradient;
}

bool NetworkView::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        if (const auto hit = hitAt(help->pos()))
            QToolTip::showText(help->globalPos(), describe(*hit), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void NetworkView::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mouseReleaseEvent(event);
    const auto hit = hitAt(event->position());
    if (!hit || hit->column == 0)
        return;
    const std::optional<float> current = valueOf(*hit);
    if (!current)
        return;
    bool ok = false;
    const double value = QInputDialog::getDouble(this, hit->from < 0 ? tr("Edit bias") : tr("Edit weight"),
        describe(*hit) + QLatin1Char('\n') + tr("New value (taken at the next step):"), double(*current), -1000.0,
        1000.0, 4, &ok);
    if (ok)
        emit edited(WeightEdit { hit->column, hit->from, hit->to, float(value) });
}

} // namespace ws::ui
