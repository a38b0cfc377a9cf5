// SPDX-License-Identifier: GPL-3.0-or-later
#include "runs/RunAnalysis.h"

#include "runs/RunColours.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace ws::ui {

namespace {

QTableWidget* readOnlyTable()
{
    auto* table = new QTableWidget;
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setWordWrap(false);
    return table;
}

QLabel* noteLabel()
{
    auto* note = new QLabel;
    note->setWordWrap(true);
    return note;
}

QString number(double v) { return std::isnan(v) ? QStringLiteral("–") : QString::number(v, 'f', 3); }

} // namespace

ImportanceView::ImportanceView(QWidget* parent) : QWidget(parent)
{
    outcome_ = new OutcomeChooser(tr("The outcome whose variance the settings are asked to explain"));
    table_ = readOnlyTable();
    table_->setColumnCount(6);
    table_->setHorizontalHeaderLabels({ tr("Setting"), tr("Variance explained"), tr("η² (ANOVA)"),
        tr("Spearman ρ"), tr("Values"), tr("Runs") });
    note_ = noteLabel();
    note_->setText(tr("η²: the share of the outcome's variance explained by grouping the runs by the setting's "
                      "value (one-way analysis of variance), shown when values repeat (at most half as many values "
                      "as runs). Spearman ρ: the rank correlation of a numeric setting with the outcome. Ranked by "
                      "η², or ρ² where η² is not defined. No model is fitted: with few runs, read these as hints."));
    scatter_ = new ScatterMatrix;
    auto* ranked = new QWidget;
    auto* rankedLayout = new QVBoxLayout(ranked);
    rankedLayout->setContentsMargins(0, 0, 0, 0);
    rankedLayout->addWidget(table_, 1);
    rankedLayout->addWidget(note_);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(ranked);
    split->addWidget(scatter_);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(outcome_);
    layout->addWidget(split, 1);
    connect(outcome_, &OutcomeChooser::changed, this, &ImportanceView::recompute);
}

void ImportanceView::setRuns(const std::vector<RunInfo>& runs)
{
    params_ = parameterTable(runs);
    names_.clear();
    std::vector<std::string> keys;
    for (const RunInfo& r : runs) {
        names_.push_back(QString::fromStdString(r.header.name));
        keys.push_back(runColourKey(r));
    }
    colours_ = runColours(keys);
    setOutcomes({});
}

void ImportanceView::setOutcomes(const RunOutcomesList& outcomes)
{
    outcomes_ = outcomes;
    outcome_->setChoices(params_, outcomes_); // emits nothing: drawn once, below
    recompute();
}

void ImportanceView::setMetric(const QString& key) { outcome_->setMetric(key); }

void ImportanceView::recompute()
{
    const ParameterTable table = outcome_->outcomeTable(params_, outcomes_);
    const std::string metric = outcome_->key();
    ranking_ = parameterImportance(table, metric);
    table_->setRowCount(int(ranking_.size()));
    for (int r = 0; r < int(ranking_.size()); ++r) {
        const ParameterImportance& p = ranking_[size_t(r)];
        const QStringList cells = { QString::fromStdString(p.key), QString::number(p.score * 100, 'f', 1) + QStringLiteral(" %"),
            number(p.etaSquared), number(p.spearman), QString::number(p.levels), QString::number(p.runs) };
        for (int c = 0; c < cells.size(); ++c)
            table_->setItem(r, c, new QTableWidgetItem(cells[c]));
    }
    table_->resizeColumnsToContents();
    scatter_->setData(table, ranking_, metric, names_, colours_);
}

ConfigDiff::ConfigDiff(QWidget* parent) : QWidget(parent)
{
    table_ = readOnlyTable();
    note_ = noteLabel();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(note_);
    layout->addWidget(table_, 1);
}

void ConfigDiff::setRuns(const std::vector<RunInfo>& runs)
{
    const ParameterTable params = parameterTable(runs);
    std::vector<size_t> rows;
    for (size_t k = 0; k < params.keys.size(); ++k)
        if (params.differs[k] && !params.outcome[k])
            rows.push_back(k);
    note_->setText(runs.size() < 2 ? tr("Select two or more runs to see the settings in which they differ.")
                                   : tr("%n setting(s) differ; the settings the runs share are left out.", nullptr,
                                         int(rows.size())));
    table_->clear();
    table_->setColumnCount(int(runs.size()) + 1);
    QStringList headers = { tr("Setting") };
    for (const RunInfo& r : runs)
        headers << QString::fromStdString(r.header.name);
    table_->setHorizontalHeaderLabels(headers);
    table_->setRowCount(runs.size() < 2 ? 0 : int(rows.size()));
    if (runs.size() < 2)
        return;
    for (int r = 0; r < int(rows.size()); ++r) {
        const size_t k = rows[size_t(r)];
        table_->setItem(r, 0, new QTableWidgetItem(QString::fromStdString(params.keys[k])));
        for (size_t run = 0; run < runs.size(); ++run) {
            const QString text = QString::fromStdString(parameterText(params.values[run][k]));
            auto* item = new QTableWidgetItem(text.isEmpty() ? tr("(none)") : text);
            item->setToolTip(text);
            table_->setItem(r, int(run) + 1, item);
        }
    }
    table_->resizeColumnsToContents();
}

} // namespace ws::ui
