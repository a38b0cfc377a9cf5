// SPDX-License-Identifier: GPL-3.0-or-later
#include "HealthPanel.h"

#include "common/Format.h"
#include "common/NumberTable.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ws::ui {

namespace {

constexpr int kTensorRole = Qt::UserRole + 1; // the tensor's index in the open file
constexpr int kComparisonMetric = 8;          // the chooser's item for a comparison's error, when there is one

QString numberText(double v, int digits)
{
    return std::isfinite(v) ? QString::number(v, 'g', digits) : HealthPanel::tr("–");
}

} // namespace

HealthPanel::HealthPanel(QWidget* parent) : QWidget(parent)
{
    caption_ = new QLabel(tr("Open a file to see its health report."));
    caption_->setWordWrap(true);
    progress_ = new QProgressBar;
    progress_->setRange(0, 1000);
    progress_->setTextVisible(true);
    progress_->hide();
    compute_ = new QPushButton(tr("Compute"));
    compute_->setToolTip(tr("Compute the report of the open file (results are cached per file)"));
    compute_->setEnabled(false);
    cancel_ = new QPushButton(tr("Cancel"));
    cancel_->setToolTip(tr("Stop after the current block; what is done stays, and Compute resumes from it"));
    cancel_->hide();
    auto* top = new QHBoxLayout;
    top->addWidget(caption_, 1);
    top->addWidget(progress_);
    top->addWidget(compute_);
    top->addWidget(cancel_);

    table_ = new QTableWidget(0, ColumnCount);
    table_->setHorizontalHeaderLabels({ tr("Tensor"), tr("Matrix"), tr("Method"), tr("α"), tr("σ max"),
        tr("Stable rank"), tr("MP edge"), tr("MP soft rank"), tr("Outliers"), tr("Sparsity"), tr("‖W‖F") });
    const QStringList tips = { {}, tr("The matrix the spectrum is of: a kernel (out, in, kh, kw) is seen as out × in·kh·kw"),
        tr("exact: every eigenvalue; randomized: the top k by randomized subspace iteration (Halko, Martinsson & Tropp 2011)"),
        tr("Power-law exponent of the eigenvalues λ = σ² (Clauset et al.); WeightWatcher reads 2–6 as well trained"),
        tr("The largest singular value"), tr("‖W‖F² / σ max²"),
        tr("Marchenko–Pastur bulk edge λ+ = s²(√N + √M)², s² estimated from the matrix"),
        tr("λ+ / λ max: near 1 for a random matrix, small when a few directions dominate"),
        tr("Eigenvalues above the MP edge plus four Tracy–Widom scales"), tr("Share of elements exactly zero"),
        tr("Frobenius norm") };
    for (int c = 0; c < ColumnCount; ++c)
        if (!tips[c].isEmpty())
            table_->horizontalHeaderItem(c)->setToolTip(tips[c]);
    setupTable(table_);
    connect(table_, &QTableWidget::itemSelectionChanged, this, [this] {
        const QList<QTableWidgetItem*> items = table_->selectedItems();
        if (!items.isEmpty())
            if (QTableWidgetItem* name = table_->item(items.first()->row(), NameColumn))
                emit tensorActivated(name->data(kTensorRole).toInt());
    });
    note_ = new QLabel;
    note_->setWordWrap(true);
    note_->hide();

    // The health map: the metric's colour beside every tensor of the model tree.
    metric_ = new QComboBox;
    metric_->addItems({ tr("nothing"), tr("α"), tr("σ max"), tr("Stable rank"), tr("MP soft rank"), tr("Outliers"),
        tr("Sparsity"), tr("‖W‖F") });
    metric_->setToolTip(tr("The health map: a swatch of this metric's colour before each tensor in the model tree, "
                           "and the architecture view's boxes in it"));
    logScale_ = new QCheckBox(tr("Log scale"));
    logScale_->setToolTip(tr("Colours by the logarithm of the value, from the smallest positive one: for errors and "
                             "norms that span decades"));
    legendBar_ = new QLabel;
    legend_ = new QLabel;
    auto* map = new QHBoxLayout;
    map->addWidget(new QLabel(tr("Colour the model by")));
    map->addWidget(metric_);
    map->addWidget(logScale_);
    map->addWidget(legendBar_);
    map->addWidget(legend_, 1);
    connect(metric_, &QComboBox::currentIndexChanged, this, &HealthPanel::updateMap);
    connect(logScale_, &QCheckBox::toggled, this, &HealthPanel::updateMap);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(table_, 1);
    layout->addWidget(note_);
    layout->addLayout(map);
    connect(compute_, &QPushButton::clicked, this, &HealthPanel::computeRequested);
    connect(cancel_, &QPushButton::clicked, this, &HealthPanel::cancelRequested);
}

void HealthPanel::setRunning(bool running)
{
    progress_->setVisible(running);
    cancel_->setVisible(running);
    compute_->setVisible(!running);
    compute_->setEnabled(!running && !fileName_.isEmpty());
}

void HealthPanel::clear(const QString& message)
{
    rows_.clear();
    updateMap();
    table_->setSortingEnabled(false);
    table_->setRowCount(0);
    fileName_.clear();
    caption_->setText(message);
    note_->hide();
    setRunning(false);
}

void HealthPanel::start(const QString& fileName, int matrices)
{
    table_->setSortingEnabled(false);
    table_->setRowCount(0);
    fileName_ = fileName;
    matrices_ = matrices;
    randomized_ = 0;
    rows_.clear();
    updateMap();
    note_->hide();
    caption_->setText(tr("%1: computing the health report, %n row(s)…", nullptr, matrices).arg(fileName));
    progress_->setValue(0);
    setRunning(true);
}

void HealthPanel::addRow(const HealthRow& row, int tensorIndex)
{
    const int r = table_->rowCount();
    table_->insertRow(r);
    auto* name = new QTableWidgetItem(QString::fromStdString(row.name));
    name->setData(kTensorRole, tensorIndex);
    name->setToolTip(QString::fromStdString(row.name));
    table_->setItem(r, NameColumn, name);
    rows_.append({ tensorIndex, row });
    if (!row.error.empty()) {
        auto* error = new QTableWidgetItem(tr("not analysed: %1").arg(QString::fromStdString(row.error)));
        error->setToolTip(error->text());
        table_->setItem(r, MatrixColumn, new QTableWidgetItem(formatShape(row.shape)));
        table_->setItem(r, MethodColumn, error);
        return;
    }
    table_->setItem(r, MatrixColumn, new QTableWidgetItem(tr("%1 × %2").arg(row.rows).arg(row.cols)
        + (row.reshaped ? tr(" (kernel)") : QString())));
    const bool randomized = row.method == HealthMethod::Randomized;
    randomized_ += randomized;
    auto* method = new QTableWidgetItem(randomized ? tr("randomized, top %1").arg(row.eigenvalues) : tr("exact"));
    if (randomized)
        method->setToolTip(tr("Smaller side above %1: the top %2 eigenvalues by randomized subspace iteration; α is fitted to them")
                               .arg(kSpectrumMaxSide).arg(row.eigenvalues));
    table_->setItem(r, MethodColumn, method);
    table_->setItem(r, AlphaColumn, new NumberItem(row.fit.valid ? row.fit.alpha : kHealthNaN,
        row.fit.valid ? QString::number(row.fit.alpha, 'f', 2) : tr("–")));
    if (!row.fit.valid)
        table_->item(r, AlphaColumn)->setToolTip(QString::fromStdString(row.fit.note));
    table_->setItem(r, SpectralNormColumn, new NumberItem(row.spectralNorm, numberText(row.spectralNorm, 5)));
    table_->setItem(r, StableRankColumn, new NumberItem(row.stableRank, numberText(row.stableRank, 4)));
    table_->setItem(r, MpEdgeColumn, new NumberItem(row.mpEdge, numberText(row.mpEdge, 4)));
    table_->setItem(r, SoftRankColumn, new NumberItem(row.mpSoftRank, numberText(row.mpSoftRank, 3)));
    table_->setItem(r, OutliersColumn, new NumberItem(double(row.outliers),
        (row.outliersAtLeast ? QStringLiteral("≥ ") : QString()) + QString::number(row.outliers)));
    table_->setItem(r, SparsityColumn, new NumberItem(row.sparsity, QString::number(100 * row.sparsity, 'g', 3) + QStringLiteral(" %")));
    table_->setItem(r, FrobeniusColumn, new NumberItem(row.frobenius, numberText(row.frobenius, 5)));
}

void HealthPanel::setProgress(double fraction, const QString& tensor)
{
    progress_->setValue(int(1000 * fraction));
    progress_->setFormat(QStringLiteral("%p%"));
    progress_->setToolTip(tensor);
    caption_->setText(tr("%1: %2 of %3 done; now %4").arg(fileName_).arg(table_->rowCount()).arg(matrices_).arg(tensor));
}

void HealthPanel::finish(const QString& summary)
{
    setRunning(false);
    updateMap();
    caption_->setText(summary);
    table_->setSortingEnabled(true);
    table_->sortByColumn(AlphaColumn, Qt::AscendingOrder);
    table_->resizeColumnsToContents();
    table_->setColumnWidth(NameColumn, std::min(table_->columnWidth(NameColumn), 360));
    if (randomized_ > 0) {
        note_->setText(tr("Rows “randomized, top k” (%n here): a smaller side above %1, so the top k eigenvalues come "
                          "from randomized subspace iteration (Halko, Martinsson & Tropp 2011) and α is fitted to those.",
            nullptr, randomized_).arg(kSpectrumMaxSide));
        note_->show();
    }
}

void HealthPanel::stop(const QString& message)
{
    setRunning(false);
    updateMap();
    caption_->setText(message);
    table_->setSortingEnabled(true);
}

QString HealthPanel::caption() const { return caption_->text(); }

double HealthPanel::metricValue(const HealthRow& row) const
{
    if (!row.error.empty())
        return kHealthNaN;
    switch (metric_->currentIndex()) {
    case 1: return row.fit.valid ? row.fit.alpha : kHealthNaN;
    case 2: return row.spectralNorm;
    case 3: return row.stableRank;
    case 4: return row.mpSoftRank;
    case 5: return double(row.outliers);
    case 6: return row.sparsity;
    case 7: return row.frobenius;
    default: return kHealthNaN;
    }
}

void HealthPanel::setComparison(const QString& label, const QHash<int, double>& values, const QString& pathB)
{
    const bool shown = metric_->currentIndex() == kComparisonMetric;
    comparison_ = values;
    if (label.isEmpty()) {
        comparison_.clear();
        if (shown) // to "nothing" first: removing the current item would show ‖W‖F for a moment
            metric_->setCurrentIndex(0);
        if (metric_->count() > kComparisonMetric)
            metric_->removeItem(kComparisonMetric);
        return;
    }
    if (metric_->count() > kComparisonMetric)
        metric_->setItemText(kComparisonMetric, label);
    else
        metric_->addItem(label);
    metric_->setItemData(kComparisonMetric, tr("‖A − B‖ / ‖A‖ per tensor, B = %1 (the Compare dock)").arg(pathB), Qt::ToolTipRole);
    if (shown)
        updateMap();
}

HealthMap HealthPanel::map() const
{
    if (metric_->currentIndex() <= 0)
        return {};
    if (metric_->currentIndex() == kComparisonMetric)
        return HealthMap(metric_->currentText(), comparison_, logScale_->isChecked());
    QHash<int, double> values;
    for (const auto& [index, row] : rows_)
        if (index >= 0)
            values.insert(index, metricValue(row));
    return HealthMap(metric_->currentText(), values, logScale_->isChecked());
}

QHash<int, QColor> HealthPanel::treeColours() const { return map().colours(); }

QString HealthPanel::legendText() const { return legend_->text(); }

void HealthPanel::updateMap()
{
    const HealthMap map = this->map();
    if (map.isEmpty()) {
        legend_->clear();
        legendBar_->clear();
    } else {
        legendBar_->setPixmap(map.scale(120, legend_->fontMetrics().height()));
        legend_->setText(tr("%1 (left) to %2 (right), %n tensor(s)", nullptr, int(map.values().size()))
                             .arg(mapValueText(map.lo()), mapValueText(map.hi()))
            + (map.logScale() ? tr(", log scale") : QString()));
    }
    emit treeColoursChanged(map.colours());
    emit mapChanged(map);
}

} // namespace ws::ui
