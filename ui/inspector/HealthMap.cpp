// SPDX-License-Identifier: GPL-3.0-or-later
#include "HealthMap.h"

#include "common/ColorMaps.h"

#include <QCoreApplication>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ws::ui {

HealthMap::HealthMap(const QString& metric, const QHash<int, double>& values, bool logScale)
    : metric_(metric), log_(logScale)
{
    lo_ = INFINITY;
    hi_ = -INFINITY;
    for (auto it = values.begin(); it != values.end(); ++it)
        if (std::isfinite(it.value())) {
            values_.insert(it.key(), it.value());
            if (!log_ || it.value() > 0)
                lo_ = std::min(lo_, it.value());
            hi_ = std::max(hi_, it.value());
        }
    if (log_ && !(lo_ <= hi_) && !values_.isEmpty()) // no positive value: nothing to take the log of
        lo_ = hi_;
    if (values_.isEmpty()) {
        lo_ = hi_ = 0;
        return;
    }
    QCPColorGradient gradient = sequentialGradient();
    for (size_t k = 0; k < table_.size(); ++k)
        table_[k] = gradient.color(double(k) / double(table_.size() - 1), QCPRange(0, 1));
}

QColor HealthMap::colour(double value) const
{
    // One value, or all alike: the middle of the scale (both ends would say "extreme").
    double t = 0.5;
    if (hi_ > lo_)
        t = log_ ? (value <= lo_ ? 0.0 : std::clamp(std::log10(value / lo_) / std::log10(hi_ / lo_), 0.0, 1.0))
                 : std::clamp((value - lo_) / (hi_ - lo_), 0.0, 1.0);
    return QColor::fromRgb(table_[size_t(std::lround(t * double(table_.size() - 1)))]);
}

QHash<int, QColor> HealthMap::colours() const
{
    QHash<int, QColor> out;
    for (auto it = values_.begin(); it != values_.end(); ++it)
        out.insert(it.key(), colour(it.value()));
    return out;
}

double HealthMap::boxValue(const QList<int>& tensors, int* which, int* count) const
{
    double best = std::numeric_limits<double>::quiet_NaN();
    int at = -1, n = 0;
    for (int t : tensors) {
        const auto it = values_.find(t);
        if (it == values_.end())
            continue;
        ++n;
        if (at < 0 || it.value() > best) {
            best = it.value();
            at = t;
        }
    }
    if (which)
        *which = at;
    if (count)
        *count = n;
    return best;
}

QPixmap HealthMap::scale(int width, int height) const
{
    QPixmap bar(std::max(width, 2), std::max(height, 1));
    QPainter p(&bar);
    for (int x = 0; x < bar.width(); ++x) {
        p.setPen(QColor::fromRgb(table_[size_t(std::lround(double(x) / (bar.width() - 1) * double(table_.size() - 1)))]));
        p.drawLine(x, 0, x, bar.height());
    }
    return bar;
}

QString mapValueText(double value)
{
    return std::isfinite(value) ? QString::number(value, 'g', 4) : QCoreApplication::translate("ws::ui::HealthPanel", "–");
}

QString comparisonMetric(const QList<DiffRow>& rows, QHash<int, double>& values)
{
    values.clear();
    bool quantized = false;
    for (const DiffRow& r : rows)
        if (r.indexA >= 0 && r.indexB >= 0 && r.stats.computed) {
            values.insert(int(r.indexA), r.stats.relativeL2);
            quantized = quantized || r.bitsA != r.bitsB;
        }
    if (values.isEmpty())
        return {};
    return quantized ? QCoreApplication::translate("ws::ui::HealthPanel", "quantization error (rel. L2)")
                     : QCoreApplication::translate("ws::ui::HealthPanel", "change since B (rel. L2)");
}

} // namespace ws::ui
