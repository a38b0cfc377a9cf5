// SPDX-License-Identifier: GPL-3.0-or-later
#include "runs/ParallelCoordinates.h"

#include "common/Geometry.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ws::ui {

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kHoverPixels = 5.0;

QString categoryText(const nlohmann::json& v)
{
    const QString s = QString::fromStdString(parameterText(v));
    return s.isEmpty() ? QStringLiteral("–") : s;
}

// Viridis at three stops: dark violet (low), teal, yellow (high).
QColor shadeColour(double f)
{
    if (!std::isfinite(f))
        return QColor(150, 150, 150);
    const QColor stops[] = { QColor(0x44, 0x01, 0x54), QColor(0x21, 0x91, 0x8c), QColor(0xfd, 0xe7, 0x25) };
    const double t = std::clamp(f, 0.0, 1.0) * 2.0;
    const int i = std::min(int(t), 1);
    const double u = t - i;
    const auto mix = [u](int a, int b) { return int(std::lround(a + (b - a) * u)); };
    return QColor(mix(stops[i].red(), stops[i + 1].red()), mix(stops[i].green(), stops[i + 1].green()),
        mix(stops[i].blue(), stops[i + 1].blue()));
}

} // namespace

ParallelLayout layoutParallelCoordinates(const ParameterTable& t, const std::string& metricKey, const QRectF& area)
{
    ParallelLayout out;
    std::vector<size_t> columns;
    size_t metric = t.keys.size();
    for (size_t k = 0; k < t.keys.size(); ++k) {
        if (t.keys[k] == metricKey)
            metric = k;
        else if (t.differs[k] && !t.outcome[k])
            columns.push_back(k);
    }
    if (metric < t.keys.size())
        columns.push_back(metric);
    const size_t n = columns.size();
    out.lines.assign(t.values.size(), {});
    out.shade.assign(t.values.size(), kNaN);

    for (size_t i = 0; i < n; ++i) {
        const size_t k = columns[i];
        ParallelAxis axis;
        axis.key = t.keys[k];
        axis.x = n == 1 ? area.center().x() : area.left() + area.width() * double(i) / double(n - 1);
        bool numeric = true;
        double lo = std::numeric_limits<double>::infinity(), hi = -lo;
        for (const auto& row : t.values) {
            const nlohmann::json& v = row[k];
            if (v.is_null())
                continue;
            if (!v.is_number()) {
                numeric = false;
                continue;
            }
            const double d = v.get<double>();
            if (std::isfinite(d)) {
                lo = std::min(lo, d);
                hi = std::max(hi, d);
            }
        }
        if (numeric) {
            if (!(lo <= hi)) { // no finite value at all
                lo = 0;
                hi = 1;
            }
            axis.lo = lo;
            axis.hi = hi;
            // Learning rates are searched by decades; so is anything else spanning two of them.
            axis.log = lo > 0 && (axis.key.ends_with("learning_rate") || hi / lo >= 100);
        } else {
            axis.categorical = true;
            for (const auto& row : t.values)
                if (!axis.categories.contains(categoryText(row[k])))
                    axis.categories << categoryText(row[k]);
            axis.categories.sort();
        }
        for (size_t r = 0; r < t.values.size(); ++r) {
            const nlohmann::json& v = t.values[r][k];
            double f = kNaN;
            if (axis.categorical) {
                const qsizetype c = axis.categories.size();
                f = c == 1 ? 0.5 : double(axis.categories.indexOf(categoryText(v))) / double(c - 1);
            } else if (v.is_number() && std::isfinite(v.get<double>())) {
                const double d = v.get<double>();
                if (axis.hi == axis.lo)
                    f = 0.5;
                else if (axis.log)
                    f = (std::log10(d) - std::log10(axis.lo)) / (std::log10(axis.hi) - std::log10(axis.lo));
                else
                    f = (d - axis.lo) / (axis.hi - axis.lo);
            }
            out.lines[r].push_back(QPointF(axis.x, std::isfinite(f) ? area.bottom() - f * area.height() : kNaN));
            if (k == metric && !axis.categorical)
                out.shade[r] = f;
        }
        out.axes.push_back(std::move(axis));
    }
    return out;
}

// The drawing surface below the metric chooser.
class ParallelCanvas : public QWidget {
public:
    explicit ParallelCanvas(ParallelCoordinates* owner) : owner_(owner)
    {
        setMouseTracking(true);
        setMinimumSize(360, 200);
    }

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter p(this);
        owner_->paintCanvas(p);
    }
    void mouseMoveEvent(QMouseEvent* event) override
    {
        const int run = owner_->runAt(event->position());
        owner_->setHoveredRun(run);
        if (run >= 0)
            QToolTip::showText(event->globalPosition().toPoint(), owner_->names_.value(run), this);
        else
            QToolTip::hideText();
    }
    void leaveEvent(QEvent*) override { owner_->setHoveredRun(-1); }

private:
    ParallelCoordinates* owner_;
};

ParallelCoordinates::ParallelCoordinates(QWidget* parent) : QWidget(parent)
{
    outcome_ = new OutcomeChooser(tr("The outcome on the last axis; the lines are coloured by it"));
    canvas_ = new ParallelCanvas(this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(outcome_);
    layout->addWidget(canvas_, 1);
    connect(outcome_, &OutcomeChooser::changed, this, &ParallelCoordinates::updateTable);
}

void ParallelCoordinates::setRuns(const std::vector<RunInfo>& runs)
{
    header_ = parameterTable(runs);
    names_.clear();
    for (const RunInfo& r : runs)
        names_ << QString::fromStdString(r.header.name);
    hovered_ = -1;
    setOutcomes({});
}

void ParallelCoordinates::setOutcomes(const RunOutcomesList& outcomes)
{
    // The choice survives a new selection when it can (OutcomeChooser::setChoices).
    outcomes_ = outcomes;
    outcome_->setChoices(header_, outcomes_); // emits nothing: drawn once, below
    updateTable();
}

void ParallelCoordinates::updateTable()
{
    table_ = outcome_->outcomeTable(header_, outcomes_);
    canvas_->update();
}

void ParallelCoordinates::setMetric(const QString& key) { outcome_->setMetric(key); }

QString ParallelCoordinates::metric() const { return QString::fromStdString(outcome_->key()); }

QComboBox* ParallelCoordinates::metricBox() const { return outcome_->metricBox(); }

QRectF ParallelCoordinates::plotArea() const
{
    // Room for the range labels above and below, and for the outer axes' category labels.
    const QFontMetricsF fm(font());
    return QRectF(canvas_->rect()).adjusted(70, 2 * fm.height(), -70, -2.5 * fm.height());
}

ParallelLayout ParallelCoordinates::currentLayout() const
{
    return layoutParallelCoordinates(table_, metric().toStdString(), plotArea());
}

int ParallelCoordinates::runAt(const QPointF& pos) const
{
    const ParallelLayout layout = currentLayout();
    int best = -1;
    double bestDistance = kHoverPixels;
    for (size_t r = 0; r < layout.lines.size(); ++r) {
        const auto& line = layout.lines[r];
        for (size_t i = 0; i < line.size(); ++i) {
            if (!std::isfinite(line[i].y()))
                continue;
            const QPointF& b = i + 1 < line.size() && std::isfinite(line[i + 1].y()) ? line[i + 1] : line[i];
            const double d = distanceToSegment(pos, line[i], b);
            if (d < bestDistance) {
                bestDistance = d;
                best = int(r);
            }
        }
    }
    return best;
}

void ParallelCoordinates::setHoveredRun(int run)
{
    if (run == hovered_)
        return;
    hovered_ = run;
    canvas_->update();
    emit runHovered(run >= 0 ? names_.value(run) : QString());
}

void ParallelCoordinates::paintCanvas(QPainter& p) const
{
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(canvas_->rect(), palette().base());
    const ParallelLayout layout = currentLayout();
    const QRectF area = plotArea();
    const QFontMetricsF fm(font());
    p.setPen(palette().text().color());
    if (layout.axes.size() < 2) {
        p.drawText(canvas_->rect(), Qt::AlignCenter | Qt::TextWordWrap,
            names_.size() < 2 ? tr("Select two or more runs to see how their hyper-parameters relate to a metric.")
                              : tr("The selected runs have the same hyper-parameters."));
        return;
    }
    // Lines first, the hovered one last and thick, then the axes over them.
    const auto drawLine = [&](size_t r, double width, int alpha) {
        QColor c = shadeColour(layout.shade[r]);
        c.setAlpha(alpha);
        p.setPen(QPen(c, width));
        const auto& line = layout.lines[r];
        for (size_t i = 0; i + 1 < line.size(); ++i)
            if (std::isfinite(line[i].y()) && std::isfinite(line[i + 1].y()))
                p.drawLine(line[i], line[i + 1]);
    };
    for (size_t r = 0; r < layout.lines.size(); ++r)
        if (int(r) != hovered_)
            drawLine(r, 1.6, hovered_ >= 0 ? 70 : 200);
    if (hovered_ >= 0 && size_t(hovered_) < layout.lines.size())
        drawLine(size_t(hovered_), 3.5, 255);

    const QColor text = palette().text().color();
    for (size_t i = 0; i < layout.axes.size(); ++i) {
        const ParallelAxis& a = layout.axes[i];
        p.setPen(QPen(text, 1.2));
        p.drawLine(QPointF(a.x, area.top()), QPointF(a.x, area.bottom()));
        const double slot = area.width() / double(layout.axes.size() - 1);
        const QRectF below(a.x - slot / 2, area.bottom() + 1.2 * fm.height(), slot, fm.height() * 1.4);
        QFont bold = font();
        bold.setBold(i + 1 == layout.axes.size());
        p.setFont(bold);
        const QString name = QString::fromStdString(a.key) + (a.log ? tr(" (log)") : QString());
        p.drawText(below, Qt::AlignHCenter | Qt::AlignTop, fm.elidedText(name, Qt::ElideMiddle, slot - 4));
        p.setFont(font());
        if (a.categorical) {
            const qsizetype c = a.categories.size();
            for (qsizetype k = 0; k < c; ++k) {
                const double y = area.bottom() - (c == 1 ? 0.5 : double(k) / double(c - 1)) * area.height();
                p.drawText(QRectF(a.x + 4, y - fm.height(), 66, fm.height()), Qt::AlignLeft | Qt::AlignBottom,
                    fm.elidedText(a.categories[k], Qt::ElideRight, 66));
            }
        } else {
            const QRectF top(a.x - slot / 2, area.top() - 1.6 * fm.height(), slot, fm.height());
            const QRectF bottom(a.x - slot / 2, area.bottom() + 2, slot, fm.height());
            p.drawText(top, Qt::AlignHCenter, QString::number(a.hi, 'g', 4));
            p.drawText(bottom, Qt::AlignHCenter | Qt::AlignTop, QString::number(a.lo, 'g', 4));
        }
    }
}

} // namespace ws::ui
