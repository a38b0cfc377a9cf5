// SPDX-License-Identifier: GPL-3.0-or-later
// Two questions asked of the selected runs (#19), each a tab of the Runs dock:
//  - ImportanceView: which setting mattered for a chosen outcome (final loss, final accuracy,
//    final.<metric>, or a tag's final or best value over the run's history: HistoryOutcomes.h,
//    read by the Runs dock on a worker and given with setOutcomes): core/run/Importance's Spearman ρ and one-way ANOVA η² per setting that
//    differs, ranked by the variance explained; the method is stated under the table; below it
//    the scatter matrix of the highest-ranked settings against the outcome (ScatterMatrix).
//  - ConfigDiff: the settings that differ between the selected runs (hyper-parameters, dataset
//    and its fingerprint, model, tags, version), one row per setting and one column per run.
#pragma once

#include "run/Importance.h"
#include "runs/HistoryOutcomes.h"
#include "runs/ScatterMatrix.h"

#include <QColor>

#include <QWidget>

#include <vector>

class QLabel;
class QTableWidget;

namespace ws::ui {

class ImportanceView : public QWidget {
    Q_OBJECT
public:
    explicit ImportanceView(QWidget* parent = nullptr);
    void setRuns(const std::vector<RunInfo>& runs); // forgets the outcomes of the runs before
    void setOutcomes(const RunOutcomesList& outcomes); // per run of setRuns, in its order
    void setMetric(const QString& key); // "final.accuracy", ..., or a tag of the histories
    OutcomeChooser* outcome() const { return outcome_; }
    QTableWidget* table() const { return table_; }
    ScatterMatrix* scatter() const { return scatter_; }
    const std::vector<ParameterImportance>& ranking() const { return ranking_; }

private:
    void recompute();

    ParameterTable params_;  // the headers' settings and outcomes
    RunOutcomesList outcomes_;
    std::vector<QString> names_; // per run, in the table's order
    std::vector<QColor> colours_;
    ScatterMatrix* scatter_ = nullptr;
    std::vector<ParameterImportance> ranking_;
    OutcomeChooser* outcome_ = nullptr;
    QTableWidget* table_ = nullptr;
    QLabel* note_ = nullptr;
};

class ConfigDiff : public QWidget {
    Q_OBJECT
public:
    explicit ConfigDiff(QWidget* parent = nullptr);
    void setRuns(const std::vector<RunInfo>& runs);
    QTableWidget* table() const { return table_; }

private:
    QTableWidget* table_ = nullptr;
    QLabel* note_ = nullptr;
};

} // namespace ws::ui
