// SPDX-License-Identifier: GPL-3.0-or-later
#include "runs/ScatterMatrix.h"

#include "common/PlotStyle.h"

#include <qcustomplot.h>

#include <QFontMetrics>
#include <QGridLayout>
#include <QLabel>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace ws::ui {

namespace {

constexpr double kHoverPixels = 6.0;
constexpr int kMaxCategoryChars = 14;

// The data's range with a margin, so that no point sits on the frame (a log axis: by a factor).
void setRangeWithMargin(QCPAxis* axis, double lo, double hi, bool log)
{
    if (log) {
        axis->setRange(lo / 1.6, hi * 1.6);
        return;
    }
    const double pad = hi > lo ? 0.08 * (hi - lo) : std::max(0.5, std::abs(lo) * 0.1);
    axis->setRange(lo - pad, hi + pad);
}

// Room for a label of this axis: it is drawn centred on the axis and may run past its ends up to
// the widget's edges (QCustomPlot does not clip it), so it has twice the nearer edge's distance
// from the axis's centre, less a few pixels.
int labelRoom(const QCPAxis* axis, const QWidget* widget)
{
    const QRect rect = axis->axisRect()->rect();
    constexpr int kPad = 4;
    if (axis->orientation() == Qt::Vertical)
        return 2 * std::min(rect.center().y(), widget->height() - 1 - rect.center().y()) - kPad;
    return 2 * std::min(rect.center().x(), widget->width() - 1 - rect.center().x()) - kPad;
}

} // namespace

ScatterMatrix::ScatterMatrix(QWidget* parent) : QWidget(parent)
{
    grid_ = new QGridLayout(this);
    grid_->setContentsMargins(0, 0, 0, 0);
    grid_->setSpacing(4);
    empty_ = new QLabel(tr("Select runs that differ in a setting and have the outcome to see each setting against it."));
    empty_->setWordWrap(true);
    empty_->setAlignment(Qt::AlignCenter);
    grid_->addWidget(empty_, 0, 0);
}

void ScatterMatrix::clear()
{
    for (Panel& p : panels_)
        delete p.plot;
    panels_.clear();
}

void ScatterMatrix::setData(const ParameterTable& table, const std::vector<ParameterImportance>& ranking,
    const std::string& metricKey, const std::vector<QString>& names, const std::vector<QColor>& colours)
{
    clear();
    names_ = names;
    const int count = int(std::min<size_t>(ranking.size(), kMaxPanels));
    empty_->setVisible(count == 0);
    for (int i = 0; i < count; ++i) {
        const ParameterImportance& importance = ranking[size_t(i)];
        Panel panel;
        panel.data = settingScatter(table, importance.key, metricKey);
        auto* plot = new QCustomPlot;
        plot->setMinimumSize(160, 140);
        plot->setToolTip(QString());
        plot->setMouseTracking(true);
        plot->plotLayout()->insertRow(0);
        plot->plotLayout()->addElement(0, 0,
            new QCPTextElement(plot,
                tr("%1 (explains %2 %)").arg(QString::fromStdString(importance.key)).arg(importance.score * 100, 0, 'f', 0),
                QFont(font().family(), font().pointSize() - 1)));
        panel.xName = QString::fromStdString(importance.key);
        panel.yName = QString::fromStdString(metricKey);
        plot->xAxis->setLabel(panel.xName);
        plot->yAxis->setLabel(panel.yName);
        // Once the layout knows the axes' lengths and before anything is drawn (every replot:
        // a resize too).
        connect(plot, &QCustomPlot::afterLayout, this,
            [plot, x = panel.xName, y = panel.yName] { fitLabels(plot, x, y); });
        const SettingScatter& d = panel.data;
        // One graph per colour: up to 60 runs have a colour each, more share them.
        std::map<QRgb, QCPGraph*> graphs;
        for (size_t p = 0; p < d.runs.size(); ++p) {
            const size_t run = d.runs[p];
            const QColor colour = run < colours.size() ? colours[run] : QColor(0x33, 0x66, 0xaa);
            QCPGraph*& g = graphs[colour.rgb()];
            if (!g) {
                g = plot->addGraph();
                g->setLineStyle(QCPGraph::lsNone);
                g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(colour.darker(130), 1.0), QBrush(colour), 7));
                g->setAdaptiveSampling(false);
            }
            g->addData(d.x[p], d.y[p]);
        }
        if (!d.categories.empty()) {
            auto ticker = QSharedPointer<QCPAxisTickerText>::create();
            for (size_t c = 0; c < d.categories.size(); ++c) {
                // A fingerprint or a path would run into its neighbours: shortened, whole in the tooltip.
                QString label = QString::fromStdString(d.categories[c]);
                if (label.size() > kMaxCategoryChars)
                    label = label.left(kMaxCategoryChars - 1) + QChar(0x2026);
                ticker->addTick(double(c), label);
            }
            plot->xAxis->setTicker(ticker);
            // Without the "b" (beautiful powers) flag: a fingerprint such as "35e68fde" was drawn
            // as 35·10^68fde, QCustomPlot reading its "e" as an exponent.
            plot->xAxis->setNumberFormat(QStringLiteral("g"));
            plot->xAxis->setRange(-0.5, double(d.categories.size()) - 0.5);
        } else if (!d.x.empty()) {
            if (d.logX) {
                plot->xAxis->setScaleType(QCPAxis::stLogarithmic);
                setFittedLogAxis(plot->xAxis);
            } else if (std::all_of(d.x.begin(), d.x.end(), [](double x) { return x == std::round(x); })) {
                setWholeNumberTicks(plot->xAxis); // seeds, batch sizes, epochs: never "1.25"
            }
            const auto [lo, hi] = std::minmax_element(d.x.begin(), d.x.end());
            setRangeWithMargin(plot->xAxis, *lo, *hi, d.logX);
        }
        if (!d.y.empty()) {
            const auto [lo, hi] = std::minmax_element(d.y.begin(), d.y.end());
            setRangeWithMargin(plot->yAxis, *lo, *hi, false);
        }
        const int index = i;
        connect(plot, &QCustomPlot::mouseMove, this, [this, plot, index](QMouseEvent* event) {
            const QString text = toolTipAt(index, event->position());
            if (text.isEmpty())
                QToolTip::hideText();
            else
                QToolTip::showText(event->globalPosition().toPoint(), text, plot);
        });
        grid_->addWidget(plot, i / kColumns, i % kColumns);
        panel.plot = plot;
        panels_.push_back(panel);
        plot->replot();
    }
}

void ScatterMatrix::fitLabels(QCustomPlot* plot, const QString& xName, const QString& yName)
{
    for (auto [axis, name] : { std::pair { plot->xAxis, xName }, std::pair { plot->yAxis, yName } }) {
        const QString fitted = QFontMetrics(axis->labelFont()).elidedText(name, Qt::ElideMiddle, std::max(0, labelRoom(axis, plot)));
        if (axis->label() != fitted)
            axis->setLabel(fitted);
    }
}

QString ScatterMatrix::toolTipAt(int i, const QPointF& pos) const
{
    if (i < 0 || i >= int(panels_.size()))
        return {};
    const Panel& p = panels_[size_t(i)];
    const int run = runAt(i, pos);
    if (run >= 0 && size_t(run) < names_.size()) {
        const SettingScatter& s = p.data;
        const auto at = size_t(std::find(s.runs.begin(), s.runs.end(), size_t(run)) - s.runs.begin());
        const QString x = s.categories.empty() ? QString::number(s.x[at], 'g', 6) : QString::fromStdString(s.categories[size_t(s.x[at])]);
        return tr("%1\n%2 = %3\n%4 = %5").arg(names_[size_t(run)], p.xName, x, p.yName, QString::number(s.y[at], 'g', 6));
    }
    // Left of the axis rect: the y axis's ticks and label; below it, the x axis's.
    const QRect rect = p.plot->axisRect()->rect();
    if (pos.x() < rect.left() && p.plot->yAxis->label() != p.yName)
        return p.yName;
    if (pos.y() > rect.bottom() && pos.x() >= rect.left() && p.plot->xAxis->label() != p.xName)
        return p.xName;
    return {};
}

int ScatterMatrix::runAt(int i, const QPointF& pos) const
{
    if (i < 0 || i >= int(panels_.size()))
        return -1;
    const Panel& p = panels_[size_t(i)];
    int best = -1;
    double bestDistance = kHoverPixels;
    for (size_t k = 0; k < p.data.runs.size(); ++k) {
        const double px = p.plot->xAxis->coordToPixel(p.data.x[k]), py = p.plot->yAxis->coordToPixel(p.data.y[k]);
        const double distance = std::hypot(px - pos.x(), py - pos.y());
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = int(p.data.runs[k]);
        }
    }
    return best;
}

} // namespace ws::ui
