// SPDX-License-Identifier: GPL-3.0-or-later
#include "SpectrumPanel.h"

#include "common/PlotExport.h"
#include "common/PlotStyle.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ws::ui {

namespace {

QString num(double v) { return QString::number(v, 'g', 4); }

} // namespace

SpectrumPanel::SpectrumPanel(QWidget* parent) : QWidget(parent)
{
    title_ = new QLabel;
    title_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    QFont bold = title_->font();
    bold.setBold(true);
    title_->setFont(bold);
    shapeNote_ = new QLabel;
    shapeNote_->setWordWrap(true);
    shapeNote_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    mode_ = new QComboBox;
    mode_->addItem(tr("Eigenvalue density"), int(Mode::Density));
    mode_->addItem(tr("Singular values by rank"), int(Mode::Rank));
    mode_->setToolTip(tr("The empirical spectral density of λ = σ² (what the fit describes), or the singular values σ in decreasing order"));
    connect(mode_, &QComboBox::currentIndexChanged, this, &SpectrumPanel::redraw);
    auto* exportButton = new QPushButton(tr("Export…"));
    exportButton->setToolTip(tr("Save the plot as PNG, SVG or PDF"));
    connect(exportButton, &QPushButton::clicked, this, [this] { PlotExport::saveWithDialog(plot_, this, QStringLiteral("spectrum")); });

    plot_ = new QCustomPlot;
    plot_->setMinimumHeight(160);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    setFittedLogAxis(plot_->xAxis);
    setFittedLogAxis(plot_->yAxis);
    data_ = plot_->addGraph();
    data_->setLineStyle(QCPGraph::lsNone);
    data_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(0x21, 0x66, 0xac), 4));
    data_->setName(tr("data"));
    fitLine_ = plot_->addGraph();
    fitLine_->setPen(QPen(QColor(0xd6, 0x60, 0x4d), 2));
    fitLine_->setName(tr("power-law fit"));
    xminLine_ = new QCPItemStraightLine(plot_);
    xminLine_->setPen(QPen(QColor(0x99, 0x99, 0x99), 1, Qt::DashLine));
    plot_->legend->setVisible(true);
    plot_->legend->setFont(QFont(plot_->font().family(), 8));
    plot_->legend->setBrush(QColor(255, 255, 255, 200));
    PlotExport::addContextMenu(plot_, QStringLiteral("spectrum"));

    alpha_ = new QLabel;
    alpha_->setWordWrap(true);
    alpha_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    alpha_->setToolTip(alphaToolTip());
    status_ = new QLabel;
    status_->setWordWrap(true);
    status_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    progress_ = new QProgressBar;
    progress_->setRange(0, 100);
    cancel_ = new QPushButton(tr("Cancel"));
    cancel_->setToolTip(tr("Stop computing this spectrum"));
    connect(cancel_, &QPushButton::clicked, this, &SpectrumPanel::cancelRequested);
    compute_ = new QPushButton(tr("Compute"));
    compute_->setToolTip(tr("Compute the singular values of the selected matrix"));
    connect(compute_, &QPushButton::clicked, this, &SpectrumPanel::computeRequested);

    auto* top = new QHBoxLayout;
    top->addWidget(title_, 1);
    top->addWidget(mode_);
    top->addWidget(exportButton);
    auto* busy = new QHBoxLayout;
    busy->addWidget(progress_, 1);
    busy->addWidget(cancel_);
    busy->addWidget(compute_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(shapeNote_);
    layout->addWidget(plot_, 1);
    layout->addWidget(alpha_);
    layout->addWidget(status_);
    layout->addLayout(busy);
    setTensor({}, {});
}

QString SpectrumPanel::alphaToolTip() const
{
    return tr("α is the exponent of a power law p(λ) ∝ λ^−α fitted to the tail of the density of the eigenvalues "
              "λ = σ² of WᵀW (maximum likelihood, xmin by the smallest Kolmogorov–Smirnov distance; Clauset, "
              "Shalizi & Newman 2009). WeightWatcher (Martin & Mahoney) reads it without any data: roughly 2–6 "
              "for a well-trained layer, below 2 over-fitted (a few directions dominate), above 6 under-trained "
              "(close to random). A rule of thumb, not a test: small matrices give noisy fits.");
}

QString SpectrumPanel::verdict(double alpha, int64_t tail)
{
    // The fit's error is about (α − 1)/√n: from 18 tail eigenvalues (±0.5 at α = 3) a verdict on
    // the layer says more than the data does.
    if (tail < kVerdictMinTail)
        return tr("too few tail eigenvalues for a verdict: %1, at least %2 are needed").arg(tail).arg(kVerdictMinTail);
    if (alpha < 2)
        return tr("below 2: possibly over-fitted");
    if (alpha > 6)
        return tr("above 6: possibly under-trained");
    return tr("2–6: typical of a well-trained layer");
}

void SpectrumPanel::setTensor(const QString& title, const QString& shapeNote)
{
    hasResult_ = false;
    spectrum_ = {};
    title_->setText(title.isEmpty() ? tr("Select a weight matrix in the model tree") : title);
    title_->setToolTip(title_->text());
    shapeNote_->setText(shapeNote);
    shapeNote_->setVisible(!shapeNote.isEmpty());
    status_->clear();
    setComputing(false);
    compute_->setVisible(false);
    redraw();
}

void SpectrumPanel::setComputing(bool computing)
{
    computing_ = computing;
    progress_->setVisible(computing);
    cancel_->setVisible(computing);
    compute_->setVisible(!computing && !hasResult_);
    if (computing) {
        progress_->setValue(0);
        status_->setText(tr("Computing the singular values…"));
    }
}

void SpectrumPanel::setProgress(double fraction) { progress_->setValue(int(std::lround(100 * std::clamp(fraction, 0.0, 1.0)))); }

void SpectrumPanel::showResult(const SpectrumResult& result)
{
    if (!result.error.isEmpty()) {
        showMessage(result.error);
        compute_->setVisible(false); // asking again gives the same answer
        return;
    }
    spectrum_ = result.spectrum;
    hasResult_ = true;
    setComputing(false);
    const Spectrum& s = spectrum_;
    QString text = tr("%n singular value(s) of the %1 × %2 matrix", nullptr, int(s.sigma.size())).arg(s.rows).arg(s.cols);
    if (!s.sigma.empty())
        text += tr("; largest %1, smallest %2").arg(num(s.sigma.front()), num(s.sigma.back()));
    status_->setText(text);
    redraw();
}

void SpectrumPanel::showMessage(const QString& message)
{
    hasResult_ = false;
    spectrum_ = {};
    setComputing(false);
    status_->setText(message);
    redraw();
}

void SpectrumPanel::setMode(Mode mode) { mode_->setCurrentIndex(mode_->findData(int(mode))); }
SpectrumPanel::Mode SpectrumPanel::mode() const { return Mode(mode_->currentData().toInt()); }
QString SpectrumPanel::alphaText() const { return alpha_->text(); }
QString SpectrumPanel::statusText() const { return status_->text(); }

void SpectrumPanel::redraw()
{
    const Spectrum& s = spectrum_;
    const PowerLawFit& fit = s.fit;
    QVector<double> x, y, fx, fy;
    const double largest = s.sigma.empty() ? 0.0 : s.sigma.front() * s.sigma.front();
    std::vector<double> lambda;
    for (double sigma : s.sigma)
        if (sigma * sigma > largest * kSpectrumZeroEigenvalue)
            lambda.push_back(sigma * sigma);
    const int64_t zeros = int64_t(s.sigma.size()) - int64_t(lambda.size());
    xminLine_->setVisible(hasResult_ && fit.valid);
    if (hasResult_ && mode() == Mode::Density) {
        const int bins = std::clamp(int(2 * std::sqrt(double(lambda.size()))), 5, 80);
        const LogDensity d = logDensity(lambda, bins);
        x = QVector<double>(d.centre.begin(), d.centre.end());
        y = QVector<double>(d.density.begin(), d.density.end());
        if (fit.valid) {
            const double hi = lambda.front();
            for (int i = 0; i <= 40; ++i) {
                const double v = fit.xmin * std::pow(hi / fit.xmin, i / 40.0);
                fx << v;
                fy << powerLawDensity(fit, int64_t(lambda.size()), v);
            }
            xminLine_->point1->setCoords(fit.xmin, 1);
            xminLine_->point2->setCoords(fit.xmin, 2);
        }
        data_->setLineStyle(QCPGraph::lsStepCenter);
        plot_->xAxis->setLabel(tr("eigenvalue λ = σ²"));
        plot_->yAxis->setLabel(tr("density"));
    } else if (hasResult_) {
        for (size_t i = 0; i < lambda.size(); ++i) {
            x << double(i + 1);
            y << std::sqrt(lambda[i]);
        }
        if (fit.valid) {
            for (int64_t r = 1; r <= fit.tailCount; ++r) {
                fx << double(r);
                fy << std::sqrt(powerLawRankValue(fit, double(r)));
            }
            xminLine_->point1->setCoords(double(fit.tailCount), 1);
            xminLine_->point2->setCoords(double(fit.tailCount), 2);
        }
        data_->setLineStyle(QCPGraph::lsNone);
        plot_->xAxis->setLabel(tr("rank"));
        plot_->yAxis->setLabel(tr("singular value σ"));
    }
    data_->setData(x, y, true);
    fitLine_->setData(fx, fy, true);
    fitLine_->setVisible(fit.valid && hasResult_);
    fitLine_->removeFromLegend();
    if (fitLine_->visible())
        fitLine_->addToLegend();
    plot_->legend->setVisible(hasResult_);

    if (!hasResult_) {
        alpha_->clear();
    } else if (fit.valid) {
        alpha_->setText(tr("α = %1 (%2) · xmin = %3 · KS distance %4 · %5 tail eigenvalues of %6")
                            .arg(QString::number(fit.alpha, 'f', 2), verdict(fit.alpha, fit.tailCount), num(fit.xmin), QString::number(fit.ks, 'f', 3))
                            .arg(fit.tailCount).arg(lambda.size()));
    } else {
        alpha_->setText(tr("No power-law fit: %1").arg(QString::fromStdString(fit.note)));
    }
    if (hasResult_ && zeros > 0)
        alpha_->setText(alpha_->text() + tr(" · %n zero singular value(s) not drawn", nullptr, int(zeros)));
    if (hasResult_ && !x.isEmpty()) {
        plot_->rescaleAxes();
        for (QCPAxis* axis : { plot_->xAxis, plot_->yAxis }) { // a little room around the points, in log space
            const QCPRange r = axis->range();
            const double lo = r.lower > 0 ? r.lower : 1e-12, hi = std::max(r.upper, lo * 10);
            axis->setRange(lo / 1.5, hi * 1.5);
        }
    }
    plot_->replot();
}

} // namespace ws::ui
